"""The source documents in knowledge/ and how a quote is found in them.

A quote cited by a rule must stand in its document word for word. Line breaks in the
extracted PDFs fall mid-sentence, so runs of white space count as one space on both sides;
nothing else is normalised. `find_quote` returns the exact character span in the raw text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from sie_rules.errors import KnowledgeError


class _DocEntry(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    file: str
    title: str
    body: str
    kind: str
    date: dt.date | int
    language: str


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: list[_DocEntry]


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    date: str
    kind: str
    text: str
    file: str


@dataclass(frozen=True)
class Corpus:
    documents: dict[str, Document]

    def find_quote(self, doc_id: str, quote: str) -> tuple[int, int] | None:
        """The (start, end) span of `quote` in document `doc_id`, or None."""
        doc = self.documents.get(doc_id)
        return None if doc is None else find_span(doc.text, quote)


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), text)
    return (match.start(), match.end()) if match else None


_M = TypeVar("_M", bound=BaseModel)


def read_model(path: Path, model: type[_M]) -> _M:
    """A YAML file in knowledge/ validated into `model`; KnowledgeError naming the file."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


@cache
def load_corpus(knowledge_dir: Path) -> Corpus:
    """Read knowledge/manifest.yaml and every document it lists."""
    manifest_path = knowledge_dir / "manifest.yaml"
    manifest = read_model(manifest_path, _Manifest)
    documents = {}
    for entry in manifest.documents:
        try:
            text = (knowledge_dir / entry.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"{manifest_path}: document {entry.id}: {exc}") from exc
        documents[entry.id] = Document(
            entry.id, entry.title, str(entry.date), entry.kind, text, entry.file
        )
    return Corpus(documents)
