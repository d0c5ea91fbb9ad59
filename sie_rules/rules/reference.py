"""A second, independent reading of the rules: the parsed `when` patterns compiled to Python
predicates once, facts indexed by type, and derived facts chained by a worklist until
nothing new fires (a fixed point).

Not used to assess anything. It exists so that tests can check the durable-rules engine fires
exactly the same rules on the same facts (differential testing), and so that the benchmarks
can measure the engine against the cost of the rules themselves in plain Python.
"""

from __future__ import annotations

import operator
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from typing import Any

from sie_rules.rules.conditions import Operand, Pattern, Test

Fact = dict[str, Any]
Bindings = dict[str, Fact]
Derive = Callable[[str, Bindings], Fact | None]
Predicate = Callable[[Fact, Bindings], bool]
_MISSING = object()
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "ne": operator.ne,
}


def _getter(operand: Operand) -> Callable[[Fact, Bindings], Any]:
    alias, field, value = operand.alias, operand.field, operand.value
    if alias is not None:
        return lambda fact, bound: bound[alias].get(str(field), _MISSING)
    if field is not None:
        return lambda fact, bound: fact.get(field, _MISSING)
    return lambda fact, bound: value


def _predicate(test: Test) -> Predicate:
    field = test.field
    if test.op == "exists":
        return lambda fact, bound: field in fact
    if test.op == "missing":
        return lambda fact, bound: field not in fact
    literal = all(o.alias is None and o.field is None for o in test.operands)
    if test.op == "in":
        values = tuple(o.value for o in test.operands)
        return lambda fact, bound: fact.get(field, _MISSING) in values
    compare = _COMPARE[test.op]
    if literal:
        wanted = test.operands[0].value
        return lambda fact, bound: (
            (have := fact.get(field, _MISSING)) is not _MISSING and bool(compare(have, wanted))
        )
    get = _getter(test.operands[0])

    def holds(fact: Fact, bound: Bindings) -> bool:
        have, other = fact.get(field, _MISSING), get(fact, bound)
        return have is not _MISSING and other is not _MISSING and bool(compare(have, other))

    return holds


class Reference:
    """The rules compiled once; `fire` evaluates a list of facts."""

    def __init__(self, rules: dict[str, tuple[Pattern, ...]]):
        self.rules = [
            (rule_id, [(p.alias, p.fact, [_predicate(t) for t in p.tests]) for p in patterns])
            for rule_id, patterns in rules.items()
        ]
        self.reading: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for r, (_, patterns) in enumerate(self.rules):
            for position, (_, fact_type, _) in enumerate(patterns):
                self.reading[fact_type].append((r, position))

    def _matches(
        self,
        rule: int,
        by_type: dict[str, list[Fact]],
        fixed: tuple[int, Fact] | None = None,
    ) -> Iterator[Bindings]:
        patterns = self.rules[rule][1]

        def extend(i: int, bound: Bindings) -> Iterator[Bindings]:
            if i == len(patterns):
                yield dict(bound)
                return
            alias, fact_type, tests = patterns[i]
            candidates = [fixed[1]] if fixed and fixed[0] == i else by_type.get(fact_type, ())
            for fact in list(candidates):
                if all(test(fact, bound) for test in tests):
                    bound[alias] = fact
                    yield from extend(i + 1, bound)
                    del bound[alias]

        return extend(0, {})

    def fire(self, facts: list[Fact], derive: Derive) -> list[tuple[str, Bindings]]:
        """Every (rule, matched facts) once, with derived facts chained until a fixed point."""
        by_type: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            by_type[fact["type"]].append(fact)
        ids = {fact["id"] for fact in facts}
        fired: set[tuple[int, tuple[str, ...]]] = set()
        results: list[tuple[str, Bindings]] = []
        waiting: deque[Fact] = deque()

        def run(rule: int, fixed: tuple[int, Fact] | None = None) -> None:
            rule_id = self.rules[rule][0]
            for bound in self._matches(rule, by_type, fixed):
                key = (rule, tuple(str(f["id"]) for f in bound.values()))
                if key in fired:
                    continue
                fired.add(key)
                results.append((rule_id, bound))
                derived = derive(rule_id, bound)
                if derived is not None and derived["id"] not in ids:
                    ids.add(derived["id"])
                    by_type[derived["type"]].append(derived)
                    waiting.append(derived)

        for rule in range(len(self.rules)):
            run(rule)
        while waiting:  # a derived fact can only complete matches that include it
            fact = waiting.popleft()
            for rule, position in self.reading.get(fact["type"], ()):
                run(rule, (position, fact))
        return results


def fire(
    rules: dict[str, tuple[Pattern, ...]], facts: list[Fact], derive: Derive
) -> list[tuple[str, Bindings]]:
    """Compile `rules` and fire them on `facts` (tests; benchmarks compile once)."""
    return Reference(rules).fire(facts, derive)
