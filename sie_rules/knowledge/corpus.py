"""The source documents in knowledge/ and how a quote is found in them.

A quote cited by a rule must stand in its document word for word. Line breaks in the
extracted PDFs fall mid-sentence, so runs of white space count as one space on both sides;
nothing else is normalised. `find_quote` returns the exact character span in the raw text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sie_rules import strict_yaml
from sie_rules.errors import KnowledgeError

# statute: verbatim law; bill: a bill's text; guidance: a ministry's explanation; news: a
# body's own news item; summary: a "Resumé:" line (see passage_kind)
PassageKind = Literal["statute", "bill", "guidance", "news", "summary"]
_SUMMARY = "Resumé:"


class _DocEntry(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    file: str
    title: str
    body: str
    kind: str
    date: dt.date | int
    language: str
    # for documents that mix kinds of text: the kind of each "## " section, by its heading
    passages: dict[str, PassageKind] = {}


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: list[_DocEntry]


class _Gloss(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str
    quote: str
    en: str = Field(min_length=1)


class _Glosses(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    glosses: list[_Gloss]


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    date: str
    kind: str
    text: str
    file: str
    passages: dict[str, PassageKind] = field(default_factory=dict)


@dataclass(frozen=True)
class Corpus:
    documents: dict[str, Document]
    glosses: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, quote) -> English

    def gloss(self, doc_id: str, quote: str) -> str | None:
        """The English gloss of a quoted passage (knowledge/glosses_en.yaml), if it has one."""
        return self.glosses.get((doc_id, " ".join(quote.split())))

    def find_quote(self, doc_id: str, quote: str) -> tuple[int, int] | None:
        """The (start, end) span of `quote` in document `doc_id`, or None."""
        doc = self.documents.get(doc_id)
        return None if doc is None else find_span(doc.text, quote)

    def passage_kind(self, doc_id: str, quote: str) -> tuple[PassageKind | None, str]:
        """What kind of text the quote stands in, and its section heading: a "Resumé:" line
        is a summary, except for text in quotation marks (the document's sign for verbatim
        text); otherwise the kind the manifest gives the section (None if none)."""
        doc, span = self.documents.get(doc_id), self.find_quote(doc_id, quote)
        if doc is None or span is None:
            return None, ""
        line_start = doc.text.rfind("\n", 0, span[0]) + 1
        headings = [m for m in re.finditer(r"^## (.*)$", doc.text, re.M) if m.start() < span[0]]
        heading = headings[-1].group(1).strip() if headings else ""
        line_end = doc.text.find("\n", span[1])
        line = doc.text[line_start : len(doc.text) if line_end < 0 else line_end]
        quoted = [
            (line_start + m.start(), line_start + m.end()) for m in re.finditer(r'"[^"]*"', line)
        ]
        verbatim = any(a < span[0] and span[1] < b for a, b in quoted)
        if line.startswith(_SUMMARY) and not verbatim:  # text in quotes is verbatim, even there
            return "summary", heading
        return doc.passages.get(heading), heading


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` stands in `text`, whatever whitespace separates its words there (the
    leftmost place; no regular expression to compile per quote: loading rules/ checks ~150)."""
    first, *rest = quote.split() or [""]
    at = text.find(first) if first else -1
    while at >= 0:
        end = _words_follow(text, at + len(first), rest)
        if end is not None:
            return at, end
        at = text.find(first, at + 1)
    return None


def _words_follow(text: str, pos: int, words: list[str]) -> int | None:
    """Where `words` end if they follow `pos` in `text`, each after some whitespace."""
    for word in words:
        start = pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == start or not text.startswith(word, pos):
            return None
        pos += len(word)
    return pos


_M = TypeVar("_M", bound=BaseModel)


def read_model(path: Path, model: type[_M]) -> _M:
    """A YAML file in knowledge/ validated into `model`; KnowledgeError naming the file."""
    try:
        return model.model_validate(strict_yaml.load_own(path.read_text(encoding="utf-8")))
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
        headings = {m.group(1).strip() for m in re.finditer(r"^## (.*)$", text, re.M)}
        unknown = sorted(set(entry.passages) - headings)
        if unknown:
            raise KnowledgeError(f"{manifest_path}: {entry.id}: no section headed {unknown[0]!r}")
        documents[entry.id] = Document(
            entry.id, entry.title, str(entry.date), entry.kind, text, entry.file, entry.passages
        )
    return Corpus(documents, _read_glosses(knowledge_dir / "glosses_en.yaml", documents))


def _read_glosses(path: Path, documents: dict[str, Document]) -> dict[tuple[str, str], str]:
    """English glosses of quoted passages; each quote must stand in its document."""
    if not path.is_file():
        return {}
    glosses = {}
    for g in read_model(path, _Glosses).glosses:
        doc = documents.get(g.doc)
        if doc is None or find_span(doc.text, g.quote) is None:
            raise KnowledgeError(f"{path}: gloss of {g.quote[:60]!r}: not found in {g.doc}")
        glosses[(g.doc, " ".join(g.quote.split()))] = g.en
    return glosses
