"""A second, independent reading of the rules: the parsed `when` patterns evaluated in plain
Python, with derived facts added until nothing new fires (a fixed point).

Not used to assess anything. It exists so that tests can check the durable-rules engine fires
exactly the same rules on the same facts (differential testing), and so that the benchmarks
have a baseline to measure the engine against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sie_rules.rules.conditions import Operand, Pattern, Test

Fact = dict[str, Any]
Bindings = dict[str, Fact]
_MISSING = object()


def _value(operand: Operand, fact: Fact, bound: Bindings) -> Any:
    if operand.alias is not None:
        return bound[operand.alias].get(str(operand.field), _MISSING)
    if operand.field is not None:
        return fact.get(operand.field, _MISSING)
    return operand.value


def _holds(test: Test, fact: Fact, bound: Bindings) -> bool:
    have = fact.get(test.field, _MISSING)
    if test.op == "exists":
        return have is not _MISSING
    if test.op == "missing":
        return have is _MISSING
    if have is _MISSING:
        return False
    wanted = [_value(o, fact, bound) for o in test.operands]
    if any(w is _MISSING for w in wanted):
        return False
    if test.op == "eq":
        return bool(have == wanted[0])
    if test.op == "in":
        return have in wanted
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "gt": lambda a, b: a > b,
        "gte": lambda a, b: a >= b,
        "lt": lambda a, b: a < b,
        "lte": lambda a, b: a <= b,
        "ne": lambda a, b: a != b,
    }
    return compare[test.op](have, wanted[0])


def _matches(
    patterns: tuple[Pattern, ...], facts: list[Fact], bound: Bindings
) -> Iterator[Bindings]:
    if not patterns:
        yield dict(bound)
        return
    first, rest = patterns[0], patterns[1:]
    for fact in facts:
        if fact.get("type") == first.fact and all(_holds(t, fact, bound) for t in first.tests):
            yield from _matches(rest, facts, {**bound, first.alias: fact})


def fire(
    rules: dict[str, tuple[Pattern, ...]],
    facts: list[Fact],
    derive: Callable[[str, Bindings], Fact | None],
) -> list[tuple[str, Bindings]]:
    """Every (rule, matched facts) once, with derived facts chained until a fixed point."""
    known = list(facts)
    ids = {f["id"] for f in known}
    fired: set[tuple[str, tuple[str, ...]]] = set()
    results: list[tuple[str, Bindings]] = []
    changed = True
    while changed:
        changed = False
        for rule_id, patterns in rules.items():
            for bound in list(_matches(patterns, known, {})):
                key = (rule_id, tuple(str(f["id"]) for f in bound.values()))
                if key in fired:
                    continue
                fired.add(key)
                results.append((rule_id, bound))
                changed = True
                derived = derive(rule_id, bound)
                if derived is not None and derived["id"] not in ids:
                    ids.add(derived["id"])
                    known.append(derived)
    return results
