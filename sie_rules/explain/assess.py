"""Proposal -> facts -> engine -> explained, cited Assessment.

The engine says which rules fired and on which facts; this module turns each firing into
what its rule's `then` concludes (a finding, a step on a track, an amount's status, a
condition, a line of the draft indstilling, a question) and puts them in order.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from sie_rules.assessment import Assessment, CandidateRoute, YearSum
from sie_rules.explain.collect import Collector
from sie_rules.explain.facts import build_facts
from sie_rules.model import Proposal, RequestKind
from sie_rules.paths import settings
from sie_rules.rules import templates
from sie_rules.rules.engine import Bindings, Engine, Fact, Firing
from sie_rules.rules.rulebook import Rulebook, load_rulebook

Committed = Mapping[tuple[str, int], int]
_DIGITS = re.compile(r"(\d+)")
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def current_rulebook(rules_dir: Path | None = None, knowledge_dir: Path | None = None) -> Rulebook:
    conf = settings()
    return load_rulebook(
        (rules_dir or conf.rules_dir).resolve(), (knowledge_dir or conf.knowledge_dir).resolve()
    )


def _engine(book: Rulebook) -> Engine:
    with _ENGINES_LOCK:
        if book.version not in _ENGINES:
            _ENGINES[book.version] = Engine(
                f"sie@{book.version}", book.durable_ruleset(), lambda rid, b: _derive(book, rid, b)
            )
        return _ENGINES[book.version]


def _derive(book: Rulebook, rule_id: str, bindings: Bindings) -> Fact | None:
    spec = book.rules[rule_id].then.derive
    if spec is None:
        return None
    fact: Fact = {
        key: templates.render(value, bindings) if isinstance(value, str) else value
        for key, value in spec.items()
    }
    fact["id"] = rule_id + ":" + "+".join(str(f.get("id")) for f in bindings.values())
    return fact


def _sums_per_year(proposal: Proposal) -> list[YearSum]:
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for amount in proposal.amounts:
        for year, dkk in amount.per_year().items():
            sums[year, amount.payer] += dkk
    return [YearSum(year=y, payer=p, amount_dkk=v) for (y, p), v in sorted(sums.items())]


def evaluate(book: Rulebook, proposal: Proposal, committed: Committed | None = None) -> Assessment:
    """Assess `proposal` against an already loaded rulebook; `committed` is what other saved
    cases already use of each pool per year (the ledger), counted in the pool's room."""
    on = proposal.date or dt.date.today()
    facts = build_facts(proposal, book.parameters, on, committed)
    assessment = explain(book, proposal, facts[-1], _engine(book).evaluate(facts))
    if proposal.request_kind is not None:
        return assessment
    routes = [
        CandidateRoute(
            request_kind=kind,
            tracks={
                t.id: [s.body for s in t.steps]
                for t in evaluate(
                    book, proposal.model_copy(update={"request_kind": kind}), committed
                ).tracks
            },
        )
        for kind in RequestKind
    ]
    return assessment.model_copy(update={"candidate_routes": routes})


def canonical_order(book: Rulebook, firings: list[Firing]) -> list[Firing]:
    """The firings ordered by the rule's place in rules/ and then by the facts it matched,
    so that every list of the assessment is a function of the facts and the rules, never
    of the order in which the engine happened to fire."""
    place = {rule_id: i for i, rule_id in enumerate(book.rules)}
    return sorted(
        firings,
        key=lambda f: (
            place[f.rule],
            tuple(_natural(str(fact["id"])) for fact in f.bindings.values()),
        ),
    )


@functools.lru_cache(maxsize=4096)
def _natural(fact_id: str) -> tuple[int | str, ...]:
    """'amount-2' before 'amount-10': the digit runs (odd places of the split) compare as
    numbers. Every fact's id is unique in its session; a derived fact's id names its rule and
    the facts it came from."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(_DIGITS.split(fact_id)))


def explain(book: Rulebook, proposal: Proposal, case: Fact, firings: list[Firing]) -> Assessment:
    """The explained assessment from the rules that fired (`case`: the case fact)."""
    firings = canonical_order(book, firings)
    collected = Collector(book, proposal, bool(case.get("indstilling_region")))
    for firing in firings:
        collected.add(firing)
    outcome = collected.outcome()
    tracks = collected.tracks()
    repayment = (
        list(range(case["repayment_first"], case["repayment_last"] + 1))
        if "repayment_first" in case
        else []
    )
    return Assessment(
        rules_version=book.version,
        proposal=proposal,
        outcome=outcome,
        missing=collected.missing(),
        findings=collected.findings_for(tracks),
        tracks=tracks,
        amounts=collected.amounts(),
        sums_per_year=_sums_per_year(proposal),
        repayment_years=repayment,
        conditions=collected.conditions,
        indstilling=[] if collected.blocked() else collected.indstilling_lines(),
        fired=[f.rule for f in firings],
    )


Evaluator = Callable[[Rulebook, Proposal, Committed | None], Assessment]


def assess(proposal: Proposal) -> Assessment:
    """Assess a proposal with the rules in force (rules/ and knowledge/ from the settings)."""
    return evaluate(current_rulebook(), proposal)
