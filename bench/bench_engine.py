"""Assessment speed and memory: full assess vs its parts, the Herning case scaled to 19
municipalities and to 200 amounts, and RSS over 50,000 assessments (issue #14: flat).

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
import yaml
from common import EXAMPLES, example_proposals, machine, rss_mb, summary, timings_ms

from sie_rules import Proposal
from sie_rules.explain.assess import _derive, _engine, current_rulebook, evaluate
from sie_rules.explain.facts import build_facts
from sie_rules.rules.reference import Reference


def main(n: int = 50_000) -> None:
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

    herning = next(p for p in proposals if any(x.name == "Herning Kommune" for x in p.parties))
    golden = statistics.median(full)
    for label, proposal in scaled(herning).items():
        evaluate(book, proposal)
        times = timings_ms(lambda p=proposal: evaluate(book, p), 300)
        print(
            summary(label, times)
            + f"   ratio to the golden median {statistics.median(times) / golden:5.1f}x"
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


def scaled(herning: Proposal) -> dict[str, Proposal]:
    """The Herning case with all 19 municipalities of the region taking part as Herning does
    (authority and result payer, each in the payment goals), and with 200 amounts and 30
    foundations (each a co-investor with a donation of its own and a share of the amounts)."""
    raw = herning.model_dump(mode="json", exclude_none=True)
    names = [f"{m} Kommune" for m in current_places_of_region()]
    with_all = {
        **raw,
        "parties": [p for p in raw["parties"] if p["kind"] != "municipality"]
        + [
            {"name": n, "kind": "municipality", "roles": ["authority", "result_payer"]}
            for n in names
        ],
        "payment_goals": [
            {**g, "payers": ["Region Midtjylland", *names]} for g in raw.get("payment_goals", [])
        ],
    }
    foundations = [f"Fond nr. {i}" for i in range(1, 31)]
    many = {
        **raw,
        "parties": raw["parties"]
        + [{"name": f, "kind": "foundation", "roles": ["investor"]} for f in foundations],
        "amounts": raw["amounts"]
        + [
            {"kind": "donation", "payer": foundations[i % 30], "amount_dkk": 10_000 + i}
            for i in range(200 - len(raw["amounts"]))
        ],
    }
    return {
        "assess: 19 municipalities": Proposal.model_validate(with_all),
        "assess: 200 amounts, 30 foundations": Proposal.model_validate(many),
    }


def current_places_of_region() -> list[str]:
    places = yaml.safe_load((EXAMPLES.parent / "places.yaml").read_text(encoding="utf-8"))
    return list(places["regions"]["Region Midtjylland"])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
