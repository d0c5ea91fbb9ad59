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
"""

from __future__ import annotations

import contextlib
import copy
import threading
import uuid
from collections.abc import Callable
from typing import Any, NamedTuple

import durable_rules_engine
from durable import engine as durable

from .errors import EngineError

Fact = dict[str, Any]
Bindings = dict[str, Fact]
Derive = Callable[[str, Bindings], Fact | None]


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
            definition = copy.deepcopy(ruleset)
            for rule_id, rule in definition.items():
                action = f"{name}|{rule_id}"
                host.actions[action] = self._action(rule_id, derive)
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
    def _action(rule_id: str, derive: Derive) -> Callable[[Any], None]:
        def act(c: Any) -> None:
            bindings = {
                alias: {k: v for k, v in fact.items() if k != "sid"} for alias, fact in c._m.items()
            }
            _TRACES[c.s.sid].append(Firing(rule_id, bindings))
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
