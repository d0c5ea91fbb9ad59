"""Stress: 8 threads x 5,000 assessments of mixed generated proposals, and 8 threads through
assess_text, each result compared with the sequential one; RSS before and after.
Baseline in the same run: the same work on one thread. Run: `python bench/bench_stress.py [n]`.

RSS growth across threads is mostly glibc's per-thread malloc arenas, not a leak: with
MALLOC_ARENA_MAX=1 the same run grew 0.2 MB (24,000 assessments), and 20,000 assessments on
one thread grow 0.2 MB (bench_engine).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
from common import machine, rss_mb
from hypothesis import HealthCheck, given, settings
from intake_eval import load_cases
from strategies import proposals

from sie_rules import Proposal, assess, assess_text

THREADS = 8


def _generated(count: int) -> list[Proposal]:
    found: list[Proposal] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(proposals())
    def collect(raw: dict) -> None:
        found.append(Proposal.model_validate(raw))

    collect()
    return found


def _hammer(name: str, items: list, run, per_thread: int) -> None:
    expected = [run(x) for x in items]
    start = time.perf_counter()
    for i in range(per_thread):
        run(items[i % len(items)])
    single = time.perf_counter() - start
    mismatches, errors = [0], []

    def worker(tid: int, count: int) -> None:
        try:
            for j in range(count):
                k = (tid * 7919 + j) % len(items)
                if run(items[k]) != expected[k]:
                    mismatches[0] += 1
        except BaseException as exc:
            errors.append(exc)

    def round_of_threads(count: int) -> float:
        start = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(t, count)) for t in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - start

    # A first, short round lets every thread get its malloc arena; growth is measured after it.
    round_of_threads(max(1, per_thread // 10))
    gc.collect()
    before = rss_mb()
    elapsed = round_of_threads(per_thread)
    gc.collect()
    after = rss_mb()
    total = THREADS * per_thread
    print(
        f"{name}: {THREADS} threads x {per_thread:,} = {total:,} in {elapsed:.1f} s "
        f"({total / elapsed:,.0f}/s; one thread {per_thread / single:,.0f}/s, "
        f"ratio {total / elapsed / (per_thread / single):.2f}x); mismatches {mismatches[0]}, "
        f"errors {len(errors)}; RSS {before:.1f} -> {after:.1f} MB ({after - before:+.1f})"
    )
    if mismatches[0] or errors:
        raise SystemExit(f"{name}: results differ from the sequential ones")


def main(per_thread: int = 5000) -> None:
    print(f"bench_stress: {machine()}")
    proposals_ = _generated(400)
    _hammer("assess", proposals_, lambda p: assess(p).model_dump(mode="json"), per_thread)
    texts = [c["text"] for c in load_cases()]
    _hammer(
        "assess_text",
        texts,
        lambda t: assess_text(t).model_dump(mode="json"),
        max(1, per_thread // 10),
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
