"""Bounded work on hostile input: every intake pattern on 100 KB of adversarial text, the
150-amount text that took 327 s before the subset search was bounded, and chat turns on
100 KB adversarial messages, each against an ordinary real text read in the same run.

Run: `python bench/bench_hostile.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import regex_budget
from common import machine
from intake_eval import load_cases
from test_hostile import ADVERSARIAL_TEXTS, _read_evaluation_texts

from sie_rules.intake import DialogueState, current_intake


def _median_s(fn: object, n: int = 3) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    intake = current_intake()
    print(f"bench_hostile: {machine()}")
    patterns = {
        **regex_budget.module_patterns(),
        **regex_budget.called_patterns(_read_evaluation_texts),
    }
    results = sorted(regex_budget.timings(patterns), key=lambda r: -r[1])
    print(f"{len(results)} patterns, each over {len(regex_budget.UNITS)} adversarial 100 KB texts")
    for name, worst, on in results[:5]:
        print(f"  slowest: {worst * 1000:7.1f} ms on {on:<15} {name}")
    over = [r for r in results if r[1] > 0.1]
    print(f"patterns over 100 ms: {len(over)}")

    real = max((c["text"] for c in load_cases()), key=len)
    baseline = _median_s(lambda: intake.respond(DialogueState(), real))
    print(f"chat turn on the longest real text ({len(real)} chars): {baseline * 1000:.1f} ms")
    for name, text in ADVERSARIAL_TEXTS.items():
        took = _median_s(lambda t=text: intake.respond(DialogueState(), t))
        print(f"chat turn, {name:<32} {took * 1000:8.1f} ms  ({took / baseline:6.1f}x real)")


if __name__ == "__main__":
    main()
