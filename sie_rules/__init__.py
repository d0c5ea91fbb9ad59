"""sie-rules: executable rules for social impact investments in Region Midtjylland.

The package in parts, lowest first; a part imports only from its own part or lower ones
(tests/test_layers.py holds this list and checks every import):

1. foundation modules here: `errors`, `paths` (settings), `model` (proposal), `assessment`,
   `money` (Danish amounts), `strict_yaml`, `proposal_files` (reading proposals)
2. `knowledge/`  the source documents: corpus, chunks, search, citations, example cases
3. `rules/`      rules/ as checked data, the `when` language, the durable-rules facade
4. `explain/`    proposal -> facts -> engine -> explained assessment, and its views
5. `cases/`      the case store, its audit trail and the pool ledger
6. `intake/`     free text -> draft proposal, and the chat dialogue
7. `ui/`         the Streamlit pages
8. `cli` (with `store_commands`), `lint` and this file: the entry points
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sie_rules.errors import (
    EngineError,
    KnowledgeError,
    ProposalError,
    RulesFileError,
    SieRulesError,
)

if TYPE_CHECKING:
    from sie_rules.assessment import Assessment
    from sie_rules.explain.assess import assess
    from sie_rules.intake import assess_text
    from sie_rules.knowledge.search import Answer, Citation
    from sie_rules.model import Proposal

# imported on first use, so that `import sie_rules` (and the CLI) loads only what it needs
_LAZY = {
    "assess": "sie_rules.explain.assess",
    "assess_text": "sie_rules.intake",
    "Answer": "sie_rules.knowledge.search",
    "Citation": "sie_rules.knowledge.search",
    "Assessment": "sie_rules.assessment",
    "Proposal": "sie_rules.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sie_rules' has no attribute {name!r}")


def search(question: str, k: int = 5) -> list[Answer]:
    """The k passages of knowledge/ that best answer `question` (none if nothing matches)."""
    from sie_rules.knowledge.search import load_knowledge
    from sie_rules.paths import settings

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
