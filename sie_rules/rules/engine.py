"""The only module that talks to durable-rules (see shared/notes/durable-rules.md).

durable-rules is dormant upstream and has sharp edges, so it is used in one safe way:
one host per process with the background timer threads switched off, a lock around each
whole evaluation, a fresh session id per evaluation that is deleted in `finally`, facts (not
events) asserted one at a time, and errors swallowed by actions raised again. In: a JSON
ruleset and a list of facts. Out: the rules that fired, with the facts each one matched.

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

import contextlib
import copy
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

import durable_rules_engine
from durable import engine as durable

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


class _QuietHost(durable.Host):  # type: ignore[misc]
    """A host without the dispatcher/timer threads that crash under load (#291, #292)."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: dict[str, Callable[[Any], None]] = {}

    def _run(self) -> None:
        pass

    def get_action(self, name: str) -> Callable[[Any], None]:
        return self.actions[name]


_LOCK = threading.Lock()
_SESSION_RULE = "__session__"  # not a valid rule id in rules/, so it cannot collide
_SESSION_FACT = {"type": _SESSION_RULE, "id": _SESSION_RULE}
_HOST: _QuietHost | None = None
_TRACES: dict[str, list[Firing]] = {}


def _host() -> _QuietHost:
    global _HOST
    if _HOST is None:
        _HOST = _QuietHost()
    return _HOST


class Engine:
    """A compiled ruleset, registered once per process under a versioned name."""

    def __init__(self, name: str, ruleset: dict[str, Any], derive: Derive):
        self.name = name
        with _LOCK:
            host = _host()
            if name in host._ruleset_directory:
                return
            definition = _safe_ruleset(ruleset)
            for rule_id, rule in definition.items():
                action = f"{name}|{rule_id}"
                host.actions[action] = self._action(
                    rule_id, derive, FIRINGS_PER_RULE * len(ruleset)
                )
                rule["run"] = action
            host.actions[f"{name}|{_SESSION_RULE}"] = lambda c: None
            definition[_SESSION_RULE] = {
                "all": [{"m": {"type": _SESSION_RULE}}],
                "run": f"{name}|{_SESSION_RULE}",
            }
            try:
                host.set_rulesets({name: definition})
            except Exception as exc:  # durable raises bare Exception / engine errors
                raise EngineError(f"the rules engine rejected the ruleset: {exc}") from exc

    @staticmethod
    def _action(rule_id: str, derive: Derive, budget: int) -> Callable[[Any], None]:
        def act(c: Any) -> None:
            bindings: Bindings = c._m  # parsed afresh for this firing: ours to keep
            for fact in bindings.values():
                del fact["sid"]
            trace = _TRACES[c.s.sid]
            trace.append(Firing(rule_id, bindings))
            if len(trace) > budget:
                raise EngineError(_runaway(trace))
            derived = derive(rule_id, bindings)
            if derived is not None:
                # nobody consumes it, or it was derived already: set semantics
                with contextlib.suppress(
                    durable.MessageNotHandledException, durable.MessageObservedException
                ):
                    c.assert_fact(derived)

        return act

    def evaluate(self, facts: list[Fact]) -> list[Firing]:
        """Assert the facts in order in a fresh session and return every firing."""
        sid = uuid.uuid4().hex
        host = _host()
        with _LOCK:
            _TRACES[sid] = []
            try:
                for fact in [_SESSION_FACT, *facts]:
                    # a fact no rule reads, or the same fact twice: nothing to do (set semantics)
                    with contextlib.suppress(
                        durable.MessageNotHandledException, durable.MessageObservedException
                    ):
                        host.assert_fact(self.name, {**fact, "sid": sid})
                state = host.get_state(self.name, sid)
                if state.get("exception"):
                    raise EngineError(f"a rule action failed: {str(state['exception'])[:500]}")
                return _TRACES[sid]
            finally:
                del _TRACES[sid]
                with contextlib.suppress(durable_rules_engine.error):  # 309: no state
                    host.delete_state(self.name, sid)
