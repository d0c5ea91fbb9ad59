"""sie-rules: executable rules for social impact investments in Region Midtjylland."""

from .assess import assess
from .errors import EngineError, KnowledgeError, ProposalError, RulesFileError, SieRulesError
from .intake import assess_text
from .knowledge import Answer, Citation, load_knowledge
from .model import Assessment, Proposal
from .paths import settings


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
