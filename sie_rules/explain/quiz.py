"""Quiz questions about a case, answered from its assessment, and their grading.

The learner predicts the outcome, who decides in the region, which committees are heard,
which other actors have their own track, and the region's largest ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sie_rules.assessment import Assessment
from sie_rules.rules.rulebook import Rulebook

NOBODY = "—"


@dataclass(frozen=True)
class Question:
    id: str
    kind: Literal["one", "many", "number"]
    options: tuple[str, ...]
    answer: str | frozenset[str] | int


@dataclass(frozen=True)
class Graded:
    question: Question
    given: object
    right: bool


_CONCLUDING = ("decides", "mandate", "notes")


def questions(a: Assessment, book: Rulebook) -> list[Question]:
    bodies = sorted({b.name for b in book.parameters.bodies.bodies if b.role != "dsi_board"})
    standing = sorted({b.name for b in book.parameters.bodies.bodies if b.role == "standing"})
    region = next((t for t in a.tracks if t.id == "region"), None)
    # this case's decision ends at the first step that decides, mandates or takes note; a
    # mandate's route goes on to the later final approval, which is not this decision
    steps = region.steps if region else []
    end = next((i for i, s in enumerate(steps) if s.action in _CONCLUDING), len(steps) - 1)
    decider = steps[end].body if steps and steps[end].action == "decides" else NOBODY
    heard = frozenset(s.body for s in steps[:end] if s.action == "heard")
    others = frozenset(t.actor for t in a.tracks if t.id != "region")
    actors = sorted({p.name for p in a.proposal.parties} - {region.actor if region else ""})
    region_name = region.actor if region else ""
    ceilings = [x.ceiling_dkk for x in a.amounts if x.ceiling_dkk and x.payer == region_name]
    return [
        Question("outcome", "one", ("eligible", "not_eligible", "incomplete"), a.outcome),
        Question("decider", "one", (*bodies, NOBODY), decider),
        Question("heard", "many", tuple(standing), heard),
        Question("tracks", "many", tuple(actors), others),
        Question("ceiling", "number", (), max(ceilings, default=0)),
    ]


def grade(qs: list[Question], answers: dict[str, object]) -> list[Graded]:
    graded = []
    for q in qs:
        given = answers.get(q.id)
        if q.kind == "many":
            chosen = given if isinstance(given, list | tuple | set | frozenset) else ()
            right = frozenset(chosen) == q.answer
        elif q.kind == "number":
            right = isinstance(given, int | float) and int(given) == q.answer
        else:
            right = given == q.answer
        graded.append(Graded(q, given, right))
    return graded
