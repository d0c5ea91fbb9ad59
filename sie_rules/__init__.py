"""sie-rules: executable rules for social impact investments in Region Midtjylland."""

from .assess import assess
from .errors import EngineError, KnowledgeError, ProposalError, RulesFileError, SieRulesError
from .model import Assessment, Proposal

__all__ = [
    "Assessment",
    "EngineError",
    "KnowledgeError",
    "Proposal",
    "ProposalError",
    "RulesFileError",
    "SieRulesError",
    "assess",
]
