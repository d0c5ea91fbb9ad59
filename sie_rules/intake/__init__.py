"""Chat intake: free Danish or English text -> a confirmed proposal -> an explained assessment."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sie_rules.assessment import Assessment
from sie_rules.explain.assess import current_rulebook
from sie_rules.intake.conversation import DialogueState, Reply
from sie_rules.intake.dialogue import Intake
from sie_rules.intake.lexicon import load_lexicon
from sie_rules.knowledge.search import load_knowledge
from sie_rules.paths import settings


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
