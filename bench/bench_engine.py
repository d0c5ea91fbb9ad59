"""Assessment speed and memory: full assess vs its parts, and RSS over 20,000 assessments.

Ratios against the cheap parts in the same run (building facts, building the Assessment) are
the claim; absolute times vary with the machine. Run: `python bench/bench_engine.py [N]`.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import example_proposals, machine, rss_mb, summary, timings_ms

from sie_rules.explain.assess import _derive, _engine, current_rulebook, evaluate
from sie_rules.explain.facts import build_facts
from sie_rules.rules.reference import Reference


def main(n: int = 20_000) -> None:
    book = current_rulebook()
    proposals = example_proposals()
    engine = _engine(book)
    facts = [build_facts(p, book.parameters, p.date or dt.date.today()) for p in proposals]
    for p in proposals:  # warm up
        evaluate(book, p)
    print(f"bench_engine: {machine()}, {len(book.rules)} rules, {len(proposals)} example cases")

    cases = itertools.cycle(range(len(proposals)))
    on = dt.date(2025, 6, 26)
    build = timings_ms(lambda: build_facts(proposals[next(cases)], book.parameters, on), 3000)
    rules = timings_ms(lambda: engine.evaluate(facts[next(cases)]), 3000)
    full = timings_ms(lambda: evaluate(book, proposals[next(cases)]), 3000)
    derive = functools.partial(_derive, book)
    compiled = Reference(book.patterns)
    reference = timings_ms(lambda: compiled.fire(facts[next(cases)], derive), 3000)
    print(summary("build facts (baseline)", build))
    print(summary("engine: evaluate facts", rules))
    print(summary("assess: facts+engine+explain", full))
    print(summary("compiled reference (baseline)", reference))
    print(
        "ratio engine / compiled reference "
        f"{statistics.median(rules) / statistics.median(reference):6.2f}x"
    )
    print(
        "ratio assess / compiled reference "
        f"{statistics.median(full) / statistics.median(reference):6.2f}x"
    )
    print(
        "ratio engine / build facts      "
        f"{statistics.median(rules) / statistics.median(build):6.1f}x"
    )
    print(
        f"ratio engine / full assess      {statistics.median(rules) / statistics.median(full):6.2f}"
    )

    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for i in range(n):
        evaluate(book, proposals[i % len(proposals)])
    elapsed = time.perf_counter() - start
    gc.collect()
    after = rss_mb()
    print(f"{n} assessments in {elapsed:.1f} s = {n / elapsed:,.0f} assessments/s on one core")
    print(f"RSS before {before:.1f} MB, after {after:.1f} MB, growth {after - before:+.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
