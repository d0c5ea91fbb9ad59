"""A second, independent reading of the rules: the parsed `when` patterns generated as Python
functions once, and facts matched as they arrive. Each pattern keeps the facts that pass its
own tests (an alpha memory, filled once per fact); a new fact is joined only with the facts
kept for the rule's other patterns, and a derived fact joins the queue (a fixed point).

Not used to assess anything. It exists so that tests can check the durable-rules engine fires
exactly the same rules on the same facts (differential testing), and so that the benchmarks
can measure the engine against the cost of the rules themselves in plain Python.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from sie_rules.rules.conditions import Pattern, Test

Fact = dict[str, Any]
Bindings = dict[str, Fact]
Derive = Callable[[str, Bindings], Fact | None]
Check = Callable[[Fact, Bindings], bool]  # tests of a fact, given the facts bound before it
_MISSING = object()
_NONE_BOUND: Bindings = {}  # what the tests of a fact alone are given
_SYMBOL = {"eq": "==", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "ne": "!="}


def _source(test: Test) -> str:
    """A Python expression for `test` over the fact `f` and the facts bound before it, `b`
    (names and values written with repr: they are data, never code)."""
    field = repr(test.field)
    if test.op == "exists":
        return f"{field} in f"
    if test.op == "missing":
        return f"{field} not in f"
    if test.op == "in":
        return f"f.get({field}, _M) in {tuple(o.value for o in test.operands)!r}"
    operand, symbol = test.operands[0], _SYMBOL[test.op]
    have = f"(_h := f.get({field}, _M)) is not _M"
    if operand.field is None:
        return f"({have} and _h {symbol} {operand.value!r})"
    owner = "f" if operand.alias is None else f"b[{operand.alias!r}]"
    other = f"(_o := {owner}.get({operand.field!r}, _M)) is not _M"
    return f"({have} and {other} and _h {symbol} _o)"


def _generated(tests: list[Test]) -> Check:
    """All of `tests` as one generated function of the fact and the facts bound before it."""
    body = " and ".join(map(_source, tests)) or "True"
    test: Check = eval(f"lambda f, b: bool({body})", {"_M": _MISSING})
    return test


class _Compiled(NamedTuple):
    alias: str
    fact_type: str
    alpha: Check  # the tests of the fact alone (b is not read)
    joins: Check  # the tests that compare with an earlier alias's fact


def _compile(pattern: Pattern) -> _Compiled:
    joins = [t for t in pattern.tests if any(o.alias is not None for o in t.operands)]
    alpha = [t for t in pattern.tests if t not in joins]
    return _Compiled(pattern.alias, pattern.fact, _generated(alpha), _generated(joins))


class Reference:
    """The rules compiled once; `fire` evaluates a list of facts."""

    def __init__(self, rules: dict[str, tuple[Pattern, ...]]):
        self.rules = [
            (rule_id, [_compile(p) for p in patterns]) for rule_id, patterns in rules.items()
        ]
        # fact type -> (rule, position, the pattern's alpha test) of every pattern that reads it
        self.reading: dict[str, list[tuple[int, int, Check]]] = defaultdict(list)
        for r, (_, patterns) in enumerate(self.rules):
            for position, pattern in enumerate(patterns):
                self.reading[pattern.fact_type].append((r, position, pattern.alpha))

    def fire(self, facts: list[Fact], derive: Derive) -> list[tuple[str, Bindings]]:
        """Every (rule, matched facts) once, with derived facts chained until a fixed point."""
        kept: dict[tuple[int, int], list[Fact]] = defaultdict(list)  # the alpha memories
        ids = {fact["id"] for fact in facts}
        fired: set[tuple[int, tuple[str, ...]]] = set()
        results: list[tuple[str, Bindings]] = []
        waiting: deque[Fact] = deque(facts)
        while waiting:
            fact = waiting.popleft()
            passed = [
                (r, i) for r, i, alpha in self.reading.get(fact["type"], ()) if alpha(fact, {})
            ]
            for place in passed:
                kept[place].append(fact)
            for rule, position in passed:
                rule_id, patterns = self.rules[rule]
                matches = (
                    [{patterns[0].alias: fact}]
                    if len(patterns) == 1
                    else _joined(patterns, rule, kept, position, fact)
                )
                for bound in matches:
                    key = (rule, tuple(str(f["id"]) for f in bound.values()))
                    if key in fired:
                        continue
                    fired.add(key)
                    results.append((rule_id, bound))
                    derived = derive(rule_id, bound)
                    if derived is not None and derived["id"] not in ids:
                        ids.add(derived["id"])
                        waiting.append(derived)
        return results


def _joined(
    patterns: list[_Compiled],
    rule: int,
    kept: dict[tuple[int, int], list[Fact]],
    fixed: int,
    fact: Fact,
) -> Iterator[Bindings]:
    """The rule's matches with `fact` at position `fixed`, the other positions taken from
    the facts kept for them, each join test checked against the aliases bound before it."""

    def extend(i: int, bound: Bindings) -> Iterator[Bindings]:
        if i == len(patterns):
            yield dict(bound)
            return
        alias, _, _, joins = patterns[i]
        for candidate in (fact,) if i == fixed else tuple(kept[rule, i]):
            if joins(candidate, bound):
                bound[alias] = candidate
                yield from extend(i + 1, bound)
                del bound[alias]

    return extend(0, {})


def fire(
    rules: dict[str, tuple[Pattern, ...]], facts: list[Fact], derive: Derive
) -> list[tuple[str, Bindings]]:
    """Compile `rules` and fire them on `facts` (tests; benchmarks compile once)."""
    return Reference(rules).fire(facts, derive)
