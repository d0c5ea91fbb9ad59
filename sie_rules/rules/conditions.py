"""The `when` language of rules/*.yaml and its translation to durable-rules JSON.

A rule's `when` is a mapping from an alias to a pattern that one fact must match:

    when:
      case: {request_kind: [final_approval, grant]}        # fact type defaults to the alias
      b: {fact: body, role: executive}                      # explicit fact type
      a: {fact: amount, amount_dkk: {gt: {field: ceiling_dkk}}}
      p: {fact: pool_budget, year: {ref: y.year}}           # refers to an earlier alias

A test is a value (equality), a list (one of), `{exists: true|false}`, or one comparison
`{gt|gte|lt|lte|ne: value}`; a value may be `{field: f}` (same fact) or `{ref: alias.f}`.
All tests of a pattern must hold; all patterns must match (facts are joined).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Scalar = str | int | bool
_COMPARISONS = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte", "ne": "$neq"}


@dataclass(frozen=True)
class Operand:
    """A literal value, a field of the same fact, or a field of an earlier alias."""

    value: Scalar | None = None
    alias: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Test:
    field: str
    op: str  # "eq" | "in" | "exists" | "missing" | one of _COMPARISONS
    operands: tuple[Operand, ...] = ()


@dataclass(frozen=True)
class Pattern:
    alias: str
    fact: str
    tests: tuple[Test, ...]


class ConditionError(ValueError):
    """A `when` entry that does not follow the language; `field` is its path inside `when`."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def _scalar(value: Any, where: str) -> Scalar:
    if isinstance(value, bool | int | str) and not (isinstance(value, str) and not value):
        return value
    raise ConditionError(where, f"expected a text, whole number or true/false, got {value!r}")


def _operand(value: Any, where: str, earlier: list[str]) -> Operand:
    if isinstance(value, dict):
        if set(value) == {"field"} and isinstance(value["field"], str):
            return Operand(field=value["field"])
        if set(value) == {"ref"} and isinstance(value["ref"], str) and "." in value["ref"]:
            alias, field = value["ref"].split(".", 1)
            if alias not in earlier:
                raise ConditionError(where, f"ref '{value['ref']}' must name an earlier alias")
            return Operand(alias=alias, field=field)
        raise ConditionError(where, "a reference is {field: name} or {ref: alias.name}")
    return Operand(value=_scalar(value, where))


def _test(field: str, spec: Any, where: str, earlier: list[str]) -> Test:
    if isinstance(spec, list):
        if not spec:
            raise ConditionError(where, "a list of allowed values may not be empty")
        return Test(field, "in", tuple(Operand(value=_scalar(v, where)) for v in spec))
    if isinstance(spec, dict) and len(spec) == 1 and next(iter(spec)) in {*_COMPARISONS, "exists"}:
        op, value = next(iter(spec.items()))
        if op == "exists":
            if not isinstance(value, bool):
                raise ConditionError(where, "exists takes true or false")
            return Test(field, "exists" if value else "missing")
        return Test(field, op, (_operand(value, where, earlier),))
    if isinstance(spec, dict) and set(spec) in ({"field"}, {"ref"}):
        return Test(field, "eq", (_operand(spec, where, earlier),))
    if isinstance(spec, dict):
        raise ConditionError(
            where, f"unknown test {sorted(spec)}; use one of {sorted(_COMPARISONS)} or exists"
        )
    return Test(field, "eq", (Operand(value=_scalar(spec, where)),))


def parse_when(when: Any) -> tuple[Pattern, ...]:
    """Parse a rule's raw `when` mapping; raise ConditionError naming the bad entry."""
    if not isinstance(when, dict) or not when:
        raise ConditionError("when", "must be a non-empty mapping of alias -> pattern")
    patterns: list[Pattern] = []
    for alias, body in when.items():
        where = f"when.{alias}"
        if not isinstance(alias, str) or not alias.isidentifier():
            raise ConditionError(where, "an alias must be a simple name")
        if not isinstance(body, dict):
            raise ConditionError(where, "a pattern must be a mapping of field -> test")
        fact = body.get("fact", alias)
        if not isinstance(fact, str):
            raise ConditionError(f"{where}.fact", "must be a fact type name")
        earlier = [p.alias for p in patterns]
        tests = tuple(
            _test(field, spec, f"{where}.{field}", earlier)
            for field, spec in body.items()
            if field != "fact"
        )
        patterns.append(Pattern(alias, fact, tests))
    return tuple(patterns)


def _durable_operand(operand: Operand) -> Any:
    if operand.alias is not None:
        return {operand.alias: operand.field}
    if operand.field is not None:
        return {"$m": operand.field}
    return operand.value


def _durable_test(test: Test) -> dict[str, Any]:
    if test.op == "exists":
        return {"$ex": {test.field: 1}}
    if test.op == "missing":
        return {"$nex": {test.field: 1}}
    if test.op == "eq":
        return {test.field: _durable_operand(test.operands[0])}
    if test.op == "in":
        return {"$or": [{test.field: _durable_operand(o)} for o in test.operands]}
    return {_COMPARISONS[test.op]: {test.field: _durable_operand(test.operands[0])}}


def to_durable(patterns: tuple[Pattern, ...]) -> list[dict[str, Any]]:
    """The durable-rules `all` list for these patterns."""
    return [
        {p.alias: {"$and": [{"type": p.fact}, *(_durable_test(t) for t in p.tests)]}}
        for p in patterns
    ]
