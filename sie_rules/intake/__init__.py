"""Chat intake: free Danish or English text -> a confirmed proposal -> an explained assessment."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..assess import current_rulebook
from ..knowledge import load_knowledge
from ..model import Assessment
from ..paths import settings
from .dialogue import DialogueState, Intake, Reply
from .lexicon import load_lexicon


def current_intake() -> Intake:
    """The intake for the rules and knowledge in force (built once per process)."""
    return _build(current_rulebook().version, settings().knowledge_dir.resolve())


@cache
def _build(rules_version: str, knowledge_dir: Path) -> Intake:
    return Intake(current_rulebook(), load_lexicon(knowledge_dir), load_knowledge(knowledge_dir))


def assess_text(text: str) -> Assessment:
    """Read a description of a proposal and assess it (ProposalError if it cannot be read)."""
    intake = current_intake()
    draft, _ = intake.read(text)
    return intake.assess(draft)


__all__ = ["DialogueState", "Intake", "Reply", "assess_text", "current_intake"]
