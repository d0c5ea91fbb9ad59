"""Each track's route: its steps in order, each with its state (done, now, later, blocked),
the conditions that gate it, and, when rules/parameters/meetings.yaml gives a meeting plan,
the earliest meeting at which it can be treated.

A step is `done` when the proposal says its body has decided, or a later step of its track
is done (the case has passed it: a council that has decided was prepared, whether or not the
text says so); the first step not done is `now`; a step gated by a condition known to be
unmet is `blocked`, and one gated by a condition not yet known lists it in `requires`.
Dates: the first step not done meets on or after the decision date, each later step at a
meeting after the step before it, while its body is still in force; a blocked step has no
date, and neither has anything after it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from sie_rules.assessment import Step, Track
from sie_rules.rules.parameters import Parameters

TRACK_KINDS = ("region", "municipality", "dsi", "foundation")
Gate = tuple[str, int, str, bool]  # track ('*': every track), from order, rule, not yet known


def track_kind_rank(track_id: str) -> int:
    prefix = track_id.split(":", 1)[0]
    return TRACK_KINDS.index(prefix) if prefix in TRACK_KINDS else len(TRACK_KINDS)


def build_tracks(
    steps: dict[str, list[tuple[str, Step]]],
    gates: list[Gate],
    decided_by: Iterable[str],
    params: Parameters,
    on: dt.date,
) -> list[Track]:
    """The tracks from the steps the rules concluded ((actor, step) per track id)."""
    done = set(decided_by)
    bodies = [b.name for b in params.bodies.bodies]
    tracks = []
    for track_id, entries in steps.items():
        unique = list({(s.body, s.action): s for _, s in entries}.values())
        unique.sort(key=lambda s: (s.order, _rank(bodies, s.body)))
        ranks = {o: i + 1 for i, o in enumerate(sorted({s.order for s in unique}))}
        reached = max((s.order for s in unique if s.body in done), default=0)
        passed = [s.body in done or s.order < reached for s in unique]
        now = min((s.order for s, p in zip(unique, passed, strict=True) if not p), default=None)
        on_track = [(o, r, pending) for t, o, r, pending in gates if t in ("*", track_id)]
        placed = []
        for s, is_passed in zip(unique, passed, strict=True):
            on_step = [(r, pending) for o, r, pending in on_track if s.order >= o]
            blocked = list(dict.fromkeys(r for r, pending in on_step if not pending))
            requires = list(dict.fromkeys(r for r, pending in on_step if pending))
            state = (
                "done"
                if is_passed
                else "blocked"
                if blocked
                else "now"
                if s.order == now
                else "later"
            )
            placed.append(
                s.model_copy(
                    update={
                        "order": ranks[s.order],
                        "blocked_by": blocked,
                        "requires": requires,
                        "state": state,
                    }
                )
            )
        tracks.append(Track(id=track_id, actor=entries[0][0], steps=_dated(placed, params, on)))
    return sorted(tracks, key=lambda t: (track_kind_rank(t.id), t.id))


def _rank(bodies: list[str], body: str) -> tuple[int, str]:
    """Steps of the same order (parallel hearings) in the order rules/parameters/
    bodies.yaml lists their bodies, then by name."""
    return (bodies.index(body) if body in bodies else len(bodies), body)


def _dated(steps: list[Step], params: Parameters, on: dt.date) -> list[Step]:
    plan = params.meetings
    if plan is None:
        return steps
    body_ids = {b.name: b.id for b in params.bodies_at(on)}
    previous: dt.date | None = None  # the date of the last step placed before this order
    reachable = True
    out = []
    for _, group in itertools.groupby(steps, key=lambda s: s.order):
        dates = []
        for step in group:
            date = None
            if step.state == "done":
                out.append(step)
                continue
            if step.state != "blocked" and reachable:
                meetings = sorted(plan.meetings.get(body_ids.get(step.body, ""), []))
                date = next(
                    (
                        d
                        for d in meetings
                        if (d > previous if previous else d >= on) and _sits(step.body, d, params)
                    ),
                    None,
                )
            dates.append(date)
            out.append(step.model_copy(update={"earliest": date}) if date else step)
        if dates:
            reachable = reachable and None not in dates
            previous = max((d for d in dates if d), default=previous)
    return out


def _sits(body: str, day: dt.date, params: Parameters) -> bool:
    """Is `body` still the body in force on `day`? (A committee of an earlier term does not
    meet in the next one, even where the plan lists meetings for its role.)"""
    return any(b.name == body for b in params.bodies_at(day))
