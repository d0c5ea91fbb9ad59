"""The only module that talks to durable-rules (see shared/notes/durable-rules.md).

durable-rules is dormant upstream and has sharp edges, so it is used in one safe way: its C
core (`durable_rules_engine`) driven directly, as its own Python host does it but without that
host's timer threads (they crash under load), its per-firing closures and promises, or its
stdlib JSON (orjson here: JSON in and out of the core for every fact and firing was a third of
an evaluation). One ruleset per process and name, a lock around each whole evaluation, a fresh
session id per evaluation that is deleted in `finally`, facts (not events) asserted one at a
time, each action completed before the core offers the next, and an action's error raised
at once. The core is given only the fields some rule names (a fact's other fields cannot
decide a match, and every field went through JSON twice per firing); a firing's facts are
looked up whole by their id, so two different facts may not share one. In: a JSON ruleset
and a list of facts. Out: the rules that fired, with the facts each one matched.

One more trap, found by the differential fuzz test (tests/test_differential.py): when no fact
of a session was handled by any rule, `delete_state` frees memory twice and the process dies
(SIGSEGV/SIGABRT). Every ruleset therefore gets an internal session rule, and every evaluation
starts by asserting the fact it handles.

A third trap (issue "Green every time"; found with an AddressSanitizer build of the core, see
scripts/hunt-engine-crash): the core's join-test walker (`reduceExpressionSequence` in
events.c) skips one slot too many when a test *that compares with an earlier alias* decides an
`$and` (false) or `$or` (true) group and is the last test of that group. It then scans
uninitialised memory for an end marker, past the ruleset's node table, and dies with SIGSEGV
wherever the heap happens to end: at random in a long test run, every time in a small
ruleset. The same walker also stops at the end of a nested group, so a join test placed
after a nested group (e.g. an `$or` of literals) is never evaluated. `_safe_ruleset` therefore
rewrites every pattern before registration: join tests first, nested groups after them, and
one nested group as the last element (an end marker the walker always finds). Join tests
inside `$or` or inside nested groups cannot be made safe this way and are refused.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import durable_rules_engine as core
import orjson

from sie_rules.errors import EngineError

Fact = dict[str, Any]
Bindings = dict[str, Fact]
Derive = Callable[[str, Bindings], Fact | None]


_GROUPS = ("$and", "$or")


def _refers_to_alias(test: Any) -> bool:
    """True for a test whose value is another alias's field, e.g. {"$lt": {"n": {"c": "x"}}}."""
    if not isinstance(test, dict) or len(test) != 1:
        return False
    key, value = next(iter(test.items()))
    if key in _GROUPS:
        return any(_refers_to_alias(t) for t in value)
    if key.startswith("$") and isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    return isinstance(value, dict) and not ({"$m", "$s"} & set(value))


def _safe_pattern(alias: str, pattern: Any) -> Any:
    """The pattern with its `$and` reordered so that the core's join walker stays in bounds."""
    if not (isinstance(pattern, dict) and set(pattern) == {"$and"}):
        if isinstance(pattern, dict) and "$or" in pattern and _refers_to_alias(pattern):
            raise EngineError(f"pattern '{alias}': a join test inside $or is not supported")
        return pattern
    tests = pattern["$and"]
    groups = [t for t in tests if isinstance(t, dict) and set(t) & set(_GROUPS)]
    if any(_refers_to_alias(g) for g in groups):
        raise EngineError(f"pattern '{alias}': a join test inside a nested group is not supported")
    joins = [t for t in tests if t not in groups and _refers_to_alias(t)]
    if not joins:
        return pattern
    plain = [t for t in tests if t not in groups and t not in joins]
    if not plain:
        raise EngineError(f"pattern '{alias}': a join test needs a plain test beside it")
    return {"$and": [*plain, *joins, *groups, {"$and": [plain[0]]}]}


def _safe_ruleset(ruleset: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of `ruleset` in which every pattern is safe for the core (see above)."""
    safe = copy.deepcopy(ruleset)
    for rule in safe.values():
        for key in ("all", "any"):
            if key in rule:
                rule[key] = [
                    {alias: _safe_pattern(alias, p) for alias, p in entry.items()}
                    for entry in rule[key]
                ]
    return safe


FIRINGS_PER_RULE = 100  # an evaluation that fires more than this x the rules is a runaway


def _runaway(trace: list[Firing]) -> str:
    counts = Counter(f.rule for f in trace).most_common(5)
    kept = ", ".join(f"{rule} ({n}x)" for rule, n in counts)
    return f"stopped after {len(trace)} firings; these rules kept firing: {kept}"


class Firing(NamedTuple):
    rule: str
    bindings: Bindings


@dataclass
class _Session:
    """One evaluation: its id in the core, every fact asserted (by id) and the firings."""

    sid: str
    facts: dict[str, Fact] = field(default_factory=dict)
    trace: list[Firing] = field(default_factory=list)


_LOCK = threading.Lock()
_SESSION_RULE = "__session__"  # not a valid rule id in rules/, so it cannot collide
_SESSION_FACT = {"type": _SESSION_RULE, "id": _SESSION_RULE}
_NOT_HANDLED, _OBSERVED, _QUEUED = 1, 2, 3  # the core's answers to an asserted fact
_HANDLES: dict[str, int] = {}  # ruleset name -> the core's handle, one per process


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _names(ruleset: Any) -> frozenset[str]:
    """Every text in the ruleset (field names among them): a fact's other fields cannot
    decide a match, so the core is given only these."""
    if isinstance(ruleset, dict):
        return frozenset(ruleset).union(*map(_names, ruleset.values()))
    if isinstance(ruleset, list):
        return frozenset().union(*map(_names, ruleset))
    return frozenset([ruleset]) if isinstance(ruleset, str) else frozenset()


class Engine:
    """A compiled ruleset, registered once per process under a versioned name."""

    def __init__(self, name: str, ruleset: dict[str, Any], derive: Derive):
        self.name = name
        self._derive = derive
        self._budget = FIRINGS_PER_RULE * len(ruleset)
        self._read = _names(ruleset) | {"id", "type", "sid"}
        with _LOCK:
            if name in _HANDLES:
                return
            definition = _safe_ruleset(ruleset)
            for rule in definition.values():
                rule.pop("run", None)
            definition[_SESSION_RULE] = {"all": [{"m": {"type": _SESSION_RULE}}]}
            try:
                _HANDLES[name] = core.create_ruleset(name, _dumps(definition))
            except Exception as exc:  # the core raises bare errors with a code
                raise EngineError(f"the rules engine rejected the ruleset: {exc}") from exc

    def evaluate(self, facts: list[Fact]) -> list[Firing]:
        """Assert the facts in order in a fresh session and return every firing."""
        session = _Session(uuid.uuid4().hex)
        with _LOCK:
            handle = _HANDLES[self.name]
            try:
                for fact in [_SESSION_FACT, *facts]:
                    state = self._assert(handle, fact, session)
                    if state is not None:
                        self._run_actions(handle, state, session)
                return session.trace
            finally:
                core.delete_state(handle, session.sid)

    def _assert(self, handle: int, fact: Fact, session: _Session) -> int | None:
        """The session's state handle, or None for a fact no rule reads or one seen already
        (set semantics). The core gets the fields the rules name; a firing's facts are looked
        up whole by their id."""
        if "id" not in fact:
            raise EngineError(f"a fact of type {fact.get('type')!r} has no id")
        known = session.facts.setdefault(fact["id"], fact)
        if known is not fact and known != fact:
            raise EngineError(f"two different facts have the id {fact['id']!r}")
        read = {k: v for k, v in fact.items() if k in self._read}
        code, state = core.assert_fact(handle, _dumps({**read, "sid": session.sid}))
        if code in (_NOT_HANDLED, _OBSERVED):
            return None
        return 0 if code == _QUEUED else int(state)

    def _run_actions(self, handle: int, state: int, session: _Session) -> None:
        """Run the actions the core has ready, each completed before the core offers the next
        (a derived fact's actions join the queue)."""
        started = core.start_action_for_state(handle, state)
        if not started:
            return
        state_json, message = started[0], started[1]
        while message:
            rule_id, matched = next(iter(orjson.loads(message).items()))
            try:
                self._act(handle, rule_id, matched, session)
            except BaseException:
                core.abandon_action(handle, state)
                raise
            core.update_state(handle, state_json)
            message = core.complete_and_start_action(handle, state)

    def _act(self, handle: int, rule_id: str, matched: Bindings, session: _Session) -> None:
        if rule_id == _SESSION_RULE:
            return
        bindings = {alias: session.facts[fact["id"]] for alias, fact in matched.items()}
        session.trace.append(Firing(rule_id, bindings))
        if len(session.trace) > self._budget:
            raise EngineError(_runaway(session.trace))
        try:
            derived = self._derive(rule_id, bindings)
        except Exception as exc:
            raise EngineError(f"a rule action failed: {str(exc)[:500]}") from exc
        if derived is not None:
            self._assert(handle, derived, session)
