"""A caseworker's own document as text for the intake: a Word file (python-docx) or a PDF
(pypdf). Each paragraph or page is a place, so a fact read from the text can say where in the
document it stands ("side 2", "afsnit 14"). Files are checked by their first bytes, not their
name. A document is read within limits (what it may unpack to, how many parts or pages: see
word_documents.py and pdf_documents.py) and a budget: its text stops at the intake's
MAX_TEXT_CHARS (or less, as asked), noting where, and taking it out may take READ_SECONDS.
Anything else (too large, encrypted, broken, past a limit) is a one-line DocumentError in
Danish and English."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sie_rules.explain.wording import Lang
from sie_rules.intake.document_reading import READ_SECONDS, Deadline, DocumentError, say
from sie_rules.intake.pdf_documents import pdf_pages
from sie_rules.intake.pipeline.state import MAX_TEXT_CHARS
from sie_rules.intake.word_documents import word_paragraphs

MAX_DOCUMENT_BYTES = 10_000_000

__all__ = ["MAX_DOCUMENT_BYTES", "DocumentError", "DocumentText", "read_document"]


@dataclass(frozen=True)
class DocumentText:
    name: str
    text: str
    starts: list[int]  # where each place (paragraph or page) starts in `text`
    labels: list[str]  # "afsnit 3", "side 2"
    places: int  # how many paragraphs or pages the document has
    cut_at: int | None = None  # the text stopped at this many characters, in labels[-1]

    def place_of(self, offset: int) -> str:
        """The paragraph or page an offset of `text` falls in."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.labels[max(i, 0)] if self.labels else ""

    def rest_unread(self, lang: Lang) -> str | None:
        """Where reading stopped in a document longer than its text may be (None: read whole)."""
        if self.cut_at is None:
            return None
        where = {"place": self.labels[-1], "places": self.places}
        return say("rest_unread", lang, chars=self.cut_at, name=self.name, **where)


def read_document(name: str, data: bytes, max_chars: int = MAX_TEXT_CHARS) -> DocumentText:
    """The text of a Word file or a PDF, place by place, up to `max_chars` characters."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError("too_large", name, mb=MAX_DOCUMENT_BYTES // 1_000_000)
    deadline = Deadline(name, READ_SECONDS)
    if data.startswith(b"%PDF"):
        unit, (places, parts) = "side", pdf_pages(name, data, deadline)
    elif data.startswith(b"PK"):
        unit, (places, parts) = "afsnit", word_paragraphs(name, data)
    else:
        raise DocumentError("not_a_document", name)
    pieces: list[str] = []
    starts: list[int] = []
    labels: list[str] = []
    length, number = 0, 0
    for number, part in enumerate(parts, start=1):
        deadline.check()
        if not part.strip():
            continue
        starts.append(length)
        labels.append(f"{unit} {number}")
        pieces.append(part.strip() + "\n\n")
        length += len(pieces[-1])
        if length >= max_chars:
            break
    text = "".join(pieces)
    if not text.strip():
        raise DocumentError("no_text", name)
    whole = len(text.rstrip()) <= max_chars and number == places
    return DocumentText(
        name, text[:max_chars], starts, labels, places, None if whole else max_chars
    )
