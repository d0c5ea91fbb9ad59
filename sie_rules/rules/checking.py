"""Checking each rule against the fact vocabulary: every alias, field, reference and template
placeholder must exist, with the right type; derived facts extend the vocabulary."""

from __future__ import annotations

import graphlib
import itertools

from sie_rules.errors import RulesFileError
from sie_rules.rules import templates
from sie_rules.rules.conditions import ConditionError, Operand, Pattern, Test, parse_when
from sie_rules.rules.files import Rule, RuleFile
from sie_rules.rules.vocabulary import FACT_FIELDS


class RuleChecker:
    """Checks one rule's facts, fields, references and templates against the vocabulary."""

    def __init__(self, vocabulary: dict[str, dict[str, type]], label: str, rule: Rule):
        self.vocabulary, self.label, self.rule = vocabulary, label, rule

    def fail(self, field: str, message: str) -> RulesFileError:
        return RulesFileError(self.label, message, self.rule.id, field)

    def patterns(self) -> tuple[Pattern, ...]:
        try:
            patterns = parse_when(self.rule.when)
        except ConditionError as exc:
            raise self.fail(exc.field, str(exc)) from exc
        types = {p.alias: p.fact for p in patterns}
        for p in patterns:
            if p.fact not in self.vocabulary:
                raise self.fail(f"when.{p.alias}.fact", f"unknown fact type '{p.fact}'")
            for test in p.tests:
                where = f"when.{p.alias}.{test.field}"
                kind = self._field_type(p.fact, test.field, where)
                for operand in test.operands:
                    if operand.field is not None:
                        target = types[operand.alias] if operand.alias else p.fact
                        other = self._field_type(target, operand.field, where)
                        if other is not kind:
                            raise self.fail(
                                where, f"compares a {kind.__name__} with a {other.__name__}"
                            )
                if test.op in {"gt", "gte", "lt", "lte"} and kind is not int:
                    raise self.fail(where, f"'{test.op}' needs a number field")
        self._templates(types)
        return self._scoped(patterns)

    def _scoped(self, patterns: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
        """Add the party scope: a region or DSI rule also requires that party in the case
        fact; a municipality or foundation rule must match that party's own fact."""
        party = self.rule.party
        if party in {"municipality", "foundation"}:
            if not any(p.fact == party for p in patterns):
                raise self.fail("party", f"a '{party}' rule must match a '{party}' fact")
            return patterns
        if party == "case":
            return patterns
        guard = Test(f"{party}_party", "eq", (Operand(value=True),))
        for i, p in enumerate(patterns):
            if p.fact == "case":
                scoped = Pattern(p.alias, p.fact, (*p.tests, guard))
                return (*patterns[:i], scoped, *patterns[i + 1 :])
        return (*patterns, Pattern("party_scope", "case", (guard,)))

    def _field_type(self, fact: str, name: str, where: str) -> type:
        fields = self.vocabulary[fact]
        if name not in fields:
            raise self.fail(where, f"fact '{fact}' has no field '{name}' (known: {sorted(fields)})")
        return fields[name]

    def _templates(self, types: dict[str, str]) -> None:
        then = self.rule.then
        texts: list[tuple[str, str]] = []
        if then.finding:
            texts.append(("then.finding.text", then.finding.text))
            if then.finding.track:
                texts.append(("then.finding.track", then.finding.track))
        if then.step:
            s = then.step
            texts += [
                ("then.step.track", s.track),
                ("then.step.actor", s.actor),
                ("then.step.body", s.body),
            ]
        if then.condition:
            texts.append(("then.condition.text", then.condition.text))
            if then.condition.blocks:
                texts.append(("then.condition.blocks.track", then.condition.blocks.track))
            if then.condition.met_from:
                self._reference(types, then.condition.met_from, "then.condition.met_from", bool)
        if then.indstilling:
            texts.append(("then.indstilling.text", then.indstilling.text))
        if then.ask:
            texts += [("then.ask.question", then.ask.question), ("then.ask.field", then.ask.field)]
            if then.ask.question_en:
                texts.append(("then.ask.question_en", then.ask.question_en))
        if then.derive:
            texts += [(f"then.derive.{k}", v) for k, v in then.derive.items() if isinstance(v, str)]
        if then.amount and types.get(then.amount.ref) != "amount":
            raise self.fail("then.amount.ref", "must name an alias bound to an amount fact")
        for where, text in texts:
            for alias, name in templates.placeholders(text):
                self._reference(types, f"{alias}.{name}", where, None)

    def _reference(self, types: dict[str, str], ref: str, where: str, want: type | None) -> None:
        alias, _, name = ref.partition(".")
        if alias not in types:
            raise self.fail(where, f"'{ref}' names no alias of 'when' ({sorted(types)})")
        kind = self._field_type(types[alias], name, where)
        if want is not None and kind is not want:
            raise self.fail(where, f"'{ref}' must be a {want.__name__} field")


def derived_vocabulary(files: list[tuple[str, RuleFile]]) -> dict[str, dict[str, type]]:
    vocabulary = {k: dict(v) for k, v in FACT_FIELDS.items()}
    for label, rule_file in files:
        for rule in rule_file.rules:
            derive = rule.then.derive
            if derive is None:
                continue
            fact = derive.get("type")
            if not isinstance(fact, str) or fact in FACT_FIELDS:
                raise RulesFileError(
                    label, "needs a new fact type name", rule.id, "then.derive.type"
                )
            fields = vocabulary.setdefault(fact, {})
            for key, value in derive.items():
                if key != "type":
                    fields[key] = (
                        int
                        if isinstance(value, int) and not isinstance(value, bool)
                        else (bool if isinstance(value, bool) else str)
                    )
    return vocabulary


def refuse_derivation_cycles(
    rules: dict[str, Rule], patterns: dict[str, tuple[Pattern, ...]], files: dict[str, str]
) -> None:
    """A rule that derives a fact type which, through other rules, leads back to a type it
    reads could fire forever: refuse such rules with the ids of the cycle."""
    graph = graphlib.TopologicalSorter[str]()
    makers: dict[tuple[str, str], list[str]] = {}  # (read type, derived type) -> rule ids
    for rule_id, rule in rules.items():
        derived = rule.then.derive.get("type") if rule.then.derive else None
        if not isinstance(derived, str):
            continue
        for pattern in patterns[rule_id]:
            graph.add(derived, pattern.fact)
            makers.setdefault((pattern.fact, derived), []).append(rule_id)
    try:
        graph.prepare()
    except graphlib.CycleError as cycle:
        types: list[str] = cycle.args[1]
        ids = sorted({r for a, b in itertools.pairwise(types) for r in makers[a, b]})
        raise RulesFileError(
            files[ids[0]],
            f"derived facts form a cycle ({' -> '.join(types)}); rules {', '.join(ids)} "
            "would keep firing each other",
            ids[0],
            "then.derive",
        ) from None
