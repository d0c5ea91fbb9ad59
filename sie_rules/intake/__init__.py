"""Chat intake: free Danish or English text -> a confirmed proposal -> an explained assessment."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sie_rules.assessment import Assessment
from sie_rules.errors import ProposalError
from sie_rules.explain.assess import current_rulebook
from sie_rules.intake.conversation import DialogueState, Reply
from sie_rules.intake.dialogue import Intake
from sie_rules.intake.lexicon import load_lexicon
from sie_rules.intake.pipeline.state import Evidence
from sie_rules.knowledge.search import load_knowledge
from sie_rules.paths import settings


def current_intake() -> Intake:
    """The intake for the rules and knowledge in force (built once per process)."""
    return _build(current_rulebook().version, settings().knowledge_dir.resolve())


@cache
def _build(rules_version: str, knowledge_dir: Path) -> Intake:
    return Intake(current_rulebook(), load_lexicon(knowledge_dir), load_knowledge(knowledge_dir))


def assess_text(text: str) -> Assessment:
    """Read a description of a proposal and assess it. What was not understood (even the
    request kind) becomes a question in the assessment; only a text in which nothing at all
    describes a case raises ProposalError."""
    return read_and_assess(text)[0]


def read_and_assess(text: str) -> tuple[Assessment, list[Evidence]]:
    """`assess_text`, with the facts read and the words each was read from."""
    intake = current_intake()
    draft, evidence = intake.read(text)
    if not any(e.text for e in evidence):  # only assumptions: nothing was read
        raise ProposalError(
            "nothing in the text describes a case (name the parties, what is asked and the "
            "amounts, e.g. 'bemyndigelse til at forhandle med Herning Kommune og DSI')",
            "text",
        )
    return intake.assess(draft), evidence


__all__ = [
    "DialogueState",
    "Intake",
    "Reply",
    "assess_text",
    "current_intake",
    "read_and_assess",
]
