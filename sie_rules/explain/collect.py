"""Gathering what the rules that fired conclude: each firing's finding, step, condition,
amount status, line of the draft indstilling and question, in canonical order, and from them
the outcome and the tracks (`assess.explain` builds the Assessment from a Collector)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sie_rules.assessment import (
    AssessedAmount,
    Condition,
    Finding,
    Missing,
    Outcome,
    Step,
    Track,
)
from sie_rules.errors import EngineError
from sie_rules.explain.route import build_tracks
from sie_rules.model import Proposal
from sie_rules.rules import templates
from sie_rules.rules.engine import Bindings, Firing
from sie_rules.rules.rulebook import Rulebook


class Collector:
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
        self.decided: Outcome | None = None  # a rule's own outcome (the case is out of scope)
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
                    track=text(then.finding.track) if then.finding.track else None,
                )
            )
        if then.outcome:
            self.decided = then.outcome
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
            # a body the sources do not name, or one of a form of governance that is assumed
            assumed = body in self.unnamed or any(f.get("assumed") is True for f in b.values())
            self.steps[text(s.track)].append(
                (
                    text(s.actor),
                    Step(
                        order=s.order,
                        body=body,
                        action=s.action,
                        rule=rid,
                        basis="assumption" if assumed else rule.basis,
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

    def findings_for(self, tracks: list[Track]) -> list[Finding]:
        """The findings, but a finding that explains a track (its form of governance) only
        when that track is there: a party with no route of its own has nothing to explain."""
        ids = {t.id for t in tracks}
        return [f for f in self.findings if f.track is None or f.track in ids]

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

    def blocked(self) -> bool:
        """A gate is not met: no indstilling proposes the case."""
        return any(f.gate and f.status == "not_met" for f in self.findings)

    def outcome(self) -> Outcome:
        if self.decided is not None:
            return self.decided
        if self.blocked():
            return "not_eligible"
        if any(f.gate and f.status == "unknown" for f in self.findings):
            return "incomplete"
        return "eligible"
