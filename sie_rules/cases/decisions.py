"""A case's decision log: each body's decision as it was recorded (which step of the route it
was, on which date, whether it kept to the route and, if not, why) and each withdrawal of one,
with its reason. Entries are only ever added. What the case says now follows from the log:
the bodies that have decided, the date the route counts from, and whether the case is decided
- which is what moves its pooled money in the ledger (rules/parameters/pools.yaml:
`committed_by`: the step that takes the region's decision; a recommendation moves nothing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from sie_rules.access import Actor
from sie_rules.assessment import Step, Track
from sie_rules.cases.entries import case_entries
from sie_rules.cases.records import CaseRecord, DecisionRecord, now
from sie_rules.errors import OutOfOrder, ProposalError, StoreError
from sie_rules.rules.parameters import Parameters

MAX_REASON = 1000


class Movement(NamedTuple):
    """What a change does to one pool in one year: kroner added (or, negative, given back)."""

    pool: str  # the pool's name
    year: int | None
    reserved_dkk: int
    granted_dkk: int


def open_steps(route: Sequence[Track]) -> list[tuple[Track, Step]]:
    """The steps of the route no body has decided yet, track by track in order."""
    return [(track, step) for track in route for step in track.steps if step.state != "done"]


def steps_now(route: Sequence[Track]) -> list[tuple[Track, Step]]:
    """The steps that may decide now: on each track, the first not decided (several when
    bodies are heard side by side), unless a condition known to be unmet blocks it."""
    return [(track, step) for track, step in open_steps(route) if step.state == "now"]


def decision(
    case: CaseRecord,
    route: Sequence[Track],
    body: str,
    on: dt.date,
    reason: str | None,
    params: Parameters,
    actor: Actor,
) -> DecisionRecord:
    """The log entry for `body`'s decision on `on`, placed on the case's `route` (its tracks
    as assessed from the case's proposal): the first step of that body not yet decided,
    marked out of order when it is not a step that may decide now (see `check`)."""
    if case.status == "archived":
        raise StoreError("the case is archived: restore it before recording a decision")
    track, step = _step_of(route, body)
    moving = params.pools.committed_by.get(track.id, [])
    return _entry(
        case,
        actor,
        body=body,
        decided_on=on,
        track=track.id,
        action=step.action,
        commits=step.action in moving,
        out_of_order=step.state != "now",
        reason=_reason(reason),
        date_before=_date(case.proposal.get("date")),
    )


def withdrawal(
    case: CaseRecord, log: list[DecisionRecord], decision_id: int, reason: str | None, actor: Actor
) -> DecisionRecord:
    """The log entry that withdraws the standing decision `decision_id`, for `reason`."""
    target = next((d for d in standing(log) if d.id == decision_id), None)
    if target is None:
        missing = f"the case has no standing decision {decision_id} to withdraw"
        raise ProposalError(missing, "decision")
    return _entry(
        case, actor, body=target.body, commits=False, reason=_reason(reason), withdraws=target.id
    )


def check(entry: DecisionRecord, route: Sequence[Track]) -> None:
    """Refuse an entry that needs a reason and has none: a decision out of order
    (`OutOfOrder`, naming the steps that may decide now) or a withdrawal."""
    if entry.reason:
        return
    if entry.withdraws is not None:
        raise ProposalError("say why the decision is withdrawn", "reason")
    if entry.out_of_order:
        step = next(s for _, s in open_steps(route) if s.body == entry.body)
        may = ", ".join(s.body for _, s in steps_now(route)) or "none"
        raise OutOfOrder(
            f"{entry.body} may not decide now (its step is {step.state}); the steps that may: "
            f"{may}. To record it anyway, give the reason"
        )


def standing(log: list[DecisionRecord]) -> list[DecisionRecord]:
    """The decisions of the log that have not been withdrawn, oldest first."""
    withdrawn = {e.withdraws for e in log if e.withdraws is not None}
    return [e for e in log if e.withdraws is None and e.id not in withdrawn]


def derived(proposal: dict[str, Any], log: list[DecisionRecord]) -> tuple[dict[str, Any], bool]:
    """The proposal as the log leaves it, and whether the case is decided (a standing decision
    moves its money). The bodies of the standing decisions have decided (bodies a user named
    as decided stay so unless their recorded decision was withdrawn); the route counts from
    the latest standing decision's date, or, with none left, from the date the case had
    before its first decision."""
    decisions = [e for e in log if e.withdraws is None]
    kept = standing(log)
    bodies = list(dict.fromkeys(e.body for e in kept))
    gone = {e.body for e in decisions} - set(bodies)
    decided = [b for b in proposal.get("decided_by", []) if b not in gone]
    decided += [b for b in bodies if b not in decided]
    out = {k: v for k, v in proposal.items() if k != "decided_by"}
    if decided:
        out["decided_by"] = decided
    dates = [e.decided_on for e in kept if e.decided_on]
    if dates:
        out["date"] = max(dates).isoformat()
    elif decisions and decisions[0].out_of_order is not None:  # not one copied from < 0005
        first = decisions[0].date_before
        out.pop("date", None)
        if first:
            out["date"] = first.isoformat()
    return out, any(e.commits for e in kept)


def status_after(case: CaseRecord, log: list[DecisionRecord]) -> str:
    """The case's status once archived or not: decided when a standing decision moves its
    money (a case with no log, decided before it was kept, when it names bodies decided)."""
    if not log:
        return "decided" if case.proposal.get("decided_by") else "open"
    return "decided" if derived(case.proposal, log)[1] else "open"


def effect(
    case: CaseRecord, log: list[DecisionRecord], entry: DecisionRecord, params: Parameters
) -> list[Movement]:
    """What adding `entry` to the log moves in the pool ledger, per pool and year."""
    proposal, decided = derived(case.proposal, [*log, entry])
    before = case_entries(case.status, case.proposal, params)
    after = case_entries("decided" if decided else "open", proposal, params)
    change: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for e, sign in [(e, -1) for e in before] + [(e, 1) for e in after]:
        change[e.pool, e.year][int(e.grant)] += sign * e.dkk
    names = {p.id: p.name for p in params.pools.pools}
    return [
        Movement(names.get(pool, pool), year, reserved, granted)
        for (pool, year), (reserved, granted) in sorted(
            change.items(), key=lambda kv: (kv[0][0], kv[0][1] is None, kv[0][1] or 0)
        )
        if reserved or granted
    ]


def _step_of(route: Sequence[Track], body: str) -> tuple[Track, Step]:
    for track, step in open_steps(route):
        if step.body == body:
            return track, step
    left = ", ".join(dict.fromkeys(s.body for _, s in open_steps(route))) or "none"
    raise ProposalError(f"{body!r} has no step left on the case's route (open: {left})", "body")


def _reason(text: str | None) -> str | None:
    reason = " ".join((text or "").split())
    if len(reason) > MAX_REASON:
        raise ProposalError(f"at most {MAX_REASON} characters", "reason")
    return reason or None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _entry(case: CaseRecord, actor: Actor, **fields: Any) -> DecisionRecord:
    """A new log entry (id 0 until it is written)."""
    values: dict[str, Any] = {
        "decided_on": None,
        "track": None,
        "action": None,
        "out_of_order": None,
        "withdraws": None,
        "date_before": None,
        **fields,
    }
    return DecisionRecord(
        id=0,
        case_id=case.id,
        at=now(),
        actor_subject=actor.subject[:200],
        actor_name=actor.name[:200],
        **values,
    )
