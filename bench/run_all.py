"""`make bench`: run every bench/bench_*.py and write bench/RESULTS.md.

Each script prints its figures (medians with p95 or max as the spread) and ratios against a
baseline measured in the same run; the ratios are the claims, the absolute times depend on
the machine. A script that fails stops the report with its output.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_engine",
    "bench_cli",
    "bench_stress",
    "bench_worker",
    "bench_retrieval",
    "bench_chat",
    "bench_hostile",
    "bench_store",
    "bench_app",
    "bench_rerun",
    "bench_sweep",
]


def main() -> None:
    scripts = sorted(
        HERE.glob("bench_*.py"),
        key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem),
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    out = [
        "# Benchmark results",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.platform()}",
        f"- Python {platform.python_version()}",
        "",
        "Medians with p95 (or max) as the spread; ratios are against a baseline measured "
        "in the same run. Produced by `make bench` (bench/run_all.py).",
        "",
    ]
    for script in scripts:
        print(f"running {script.name} …", flush=True)
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
            timeout=3600,
        )
        took = time.perf_counter() - start
        out += [
            f"## {script.stem}",
            "",
            f"({took:.0f} s)",
            "",
            "```",
            run.stdout.strip(),
            "```",
            "",
        ]
        print(run.stdout, flush=True)
        if run.returncode != 0:
            out += ["**Failed:**", "", "```", run.stderr.strip()[-3000:], "```"]
            (HERE / "RESULTS.md").write_text("\n".join(out), encoding="utf-8")
            raise SystemExit(f"{script.name} failed:\n{run.stderr[-3000:]}")
    (HERE / "RESULTS.md").write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
