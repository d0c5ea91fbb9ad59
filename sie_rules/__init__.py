"""sie-rules: executable rules for social impact investments in Region Midtjylland."""

from sie_rules.errors import (
    EngineError,
    KnowledgeError,
    ProposalError,
    RulesFileError,
    SieRulesError,
)
from sie_rules.explain.assess import assess
from sie_rules.intake import assess_text
from sie_rules.knowledge.search import Answer, Citation, load_knowledge
from sie_rules.model import Assessment, Proposal
from sie_rules.paths import settings


def search(question: str, k: int = 5) -> list[Answer]:
    """The k passages of knowledge/ that best answer `question` (none if nothing matches)."""
    return load_knowledge(settings().knowledge_dir.resolve()).search(question, k)


__all__ = [
    "Answer",
    "Assessment",
    "Citation",
    "EngineError",
    "KnowledgeError",
    "Proposal",
    "ProposalError",
    "RulesFileError",
    "SieRulesError",
    "assess",
    "assess_text",
    "search",
]
