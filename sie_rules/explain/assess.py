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

from sie_rules.assessment import (
    AssessedAmount,
    Assessment,
    CandidateRoute,
    Condition,
    Finding,
    Missing,
    Outcome,
    Step,
    Track,
    YearSum,
)
from sie_rules.errors import EngineError
from sie_rules.explain.facts import build_facts
from sie_rules.explain.route import build_tracks
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


class _Collector:
    """Accumulates the conclusions of the firings, in their canonical order."""

    def __init__(self, book: Rulebook, proposal: Proposal, region_writes: bool):
        self.book, self.proposal, self.region_writes = book, proposal, region_writes
        self.findings: list[Finding] = []
        self.asks: list[tuple[int, Missing]] = []
        self.steps: dict[str, list[tuple[str, Step]]] = defaultdict(list)
        self.blocks: list[tuple[str, int, str, bool]] = []  # track, from order, rule, pending
        self.conditions: list[Condition] = []
        self.amount_status: dict[int, AssessedAmount] = {}
        self.indstilling: list[tuple[int, str]] = []
        # bodies the sources do not name (a role described instead): their steps are assumed
        self.unnamed = {b.name for b in book.parameters.bodies.bodies if b.unnamed}

    def add(self, firing: Firing) -> None:
        rule = self.book.rules[firing.rule]
        then, b, rid = rule.then, firing.bindings, firing.rule
        src = rule.source

        def text(template: str) -> str:
            return templates.render(template, b)

        if then.finding:
            self.findings.append(
                Finding(
                    rule=rid,
                    status=then.finding.status,
                    text=text(then.finding.text),
                    basis=rule.basis,
                    gate=then.finding.gate,
                    source=src,
                )
            )
        if then.ask:
            self.asks.append(
                (
                    then.ask.priority,
                    Missing(
                        field=text(then.ask.field),
                        question=text(then.ask.question),
                        rule=rid,
                        question_en=text(then.ask.question_en) if then.ask.question_en else None,
                    ),
                )
            )
        if then.step:
            s = then.step
            body = text(s.body)
            self.steps[text(s.track)].append(
                (
                    text(s.actor),
                    Step(
                        order=s.order,
                        body=body,
                        action=s.action,
                        rule=rid,
                        basis="assumption" if body in self.unnamed else rule.basis,
                        source=src,
                    ),
                )
            )
        if then.condition:
            c = then.condition
            met = c.met
            if c.met_from:
                alias, _, name = c.met_from.partition(".")
                met = b[alias].get(name)
            self.conditions.append(
                Condition(rule=rid, text=text(c.text), met=met, basis=rule.basis, source=src)
            )
            if c.blocks and met is not True:  # unmet: blocks; not yet known: required
                self.blocks.append((text(c.blocks.track), c.blocks.from_order, rid, met is None))
        if then.amount:
            index = b[then.amount.ref]["index"]
            a = self.proposal.amounts[index]
            self.amount_status[index] = AssessedAmount(
                kind=a.kind,
                payer=a.payer,
                joint_payers=a.joint_payers,
                recipient=a.recipient,
                instrument=a.instrument,
                purpose=a.purpose,
                amount_dkk=a.amount_dkk,
                shares_dkk=a.shares_dkk,
                years=a.years,
                spread=a.spread,
                ceiling_by_year=a.ceiling_by_year,
                max_return_percent=a.max_return_percent,
                ceiling_dkk=a.ceiling_dkk,
                funding_source=a.funding_source,
                status=then.amount.status,
                rule=rid,
                basis=rule.basis,
                source=src,
            )
        if then.indstilling and self._in_whose_words(rule.party, b):
            self.indstilling.append((then.indstilling.order, text(then.indstilling.text)))

    def tracks(self) -> list[Track]:
        p = self.proposal
        on = p.date or dt.date.today()
        return build_tracks(self.steps, self.blocks, p.decided_by, self.book.parameters, on)

    def amounts(self) -> list[AssessedAmount]:
        missing = [i for i in range(len(self.proposal.amounts)) if i not in self.amount_status]
        if missing:
            raise EngineError(f"no rule gave amount {missing[0]} a ceiling status (rulebook gap)")
        return [self.amount_status[i] for i in range(len(self.proposal.amounts))]

    def missing(self) -> list[Missing]:
        seen: dict[tuple[str, str], Missing] = {}
        for _, m in sorted(self.asks, key=lambda pair: pair[0]):
            seen.setdefault((m.field, m.question), m)
        return list(seen.values())

    def _in_whose_words(self, party: str, b: Bindings) -> bool:
        """The draft indstilling is one party's: its lines come from that party's rules (for a
        municipality, the rules bound to the fact of the municipality that writes it)."""
        if party == "region":
            return self.region_writes
        return party == "municipality" and any(
            f.get("type") == "municipality" and f.get("writes_indstilling") for f in b.values()
        )

    def indstilling_lines(self) -> list[str]:
        ordered = sorted(self.indstilling, key=lambda pair: pair[0])
        return list(dict.fromkeys(text for _, text in ordered))

    def outcome(self) -> Outcome:
        gates = [f for f in self.findings if f.gate]
        if any(f.status == "not_met" for f in gates):
            return "not_eligible"
        if any(f.status == "unknown" for f in gates):
            return "incomplete"
        return "eligible"


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
    collected = _Collector(book, proposal, bool(case.get("indstilling_region")))
    for firing in firings:
        collected.add(firing)
    outcome = collected.outcome()
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
        findings=collected.findings,
        tracks=collected.tracks(),
        amounts=collected.amounts(),
        sums_per_year=_sums_per_year(proposal),
        repayment_years=repayment,
        conditions=collected.conditions,
        indstilling=[] if outcome == "not_eligible" else collected.indstilling_lines(),
        fired=[f.rule for f in firings],
    )


Evaluator = Callable[[Rulebook, Proposal, Committed | None], Assessment]


def assess(proposal: Proposal) -> Assessment:
    """Assess a proposal with the rules in force (rules/ and knowledge/ from the settings)."""
    return evaluate(current_rulebook(), proposal)
