"""Shared helpers for the benchmarks: timing statistics and memory readings."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from sie_rules import Proposal

EXAMPLES = Path(__file__).resolve().parent.parent / "knowledge" / "cases"


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timings_ms(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(name: str, samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return (
        f"{name:<34} median {statistics.median(samples):8.3f} ms   p95 {q[94]:8.3f} ms   "
        f"({len(samples)} runs)"
    )


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


def example_proposals() -> list[Proposal]:
    """The real example cases of knowledge/cases as proposals."""
    return [
        Proposal.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(EXAMPLES.glob("[a-z]*.yaml"))
        if p.name != "index.yaml"
    ]
