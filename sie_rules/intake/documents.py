"""A caseworker's own document as text for the intake: a Word file (python-docx) or a PDF
(pypdf). Each paragraph or page is a place, so a fact read from the text can say where in the
document it stands ("side 2", "afsnit 14"). Files are checked by their first bytes, not their
name; anything else, too large, encrypted or broken is a one-line DocumentError."""

from __future__ import annotations

import bisect
import io
import logging
import zipfile
from dataclasses import dataclass

from sie_rules.errors import ProposalError
from sie_rules.intake.pipeline.state import MAX_TEXT_CHARS

MAX_DOCUMENT_BYTES = 10_000_000
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file is our one-line error


class DocumentError(ProposalError):
    """The uploaded document cannot be read: says why in one line."""


@dataclass(frozen=True)
class DocumentText:
    name: str
    text: str
    starts: list[int]  # where each place (paragraph or page) starts in `text`
    labels: list[str]  # "afsnit 3", "side 2"

    def place_of(self, offset: int) -> str:
        """The paragraph or page an offset of `text` falls in."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.labels[max(i, 0)] if self.labels else ""


def read_document(name: str, data: bytes) -> DocumentText:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{name} is larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB")
    if data.startswith(b"%PDF"):
        parts, unit = _pdf_pages(name, data), "side"
    elif data.startswith(b"PK"):
        parts, unit = _docx_paragraphs(name, data), "afsnit"
    else:
        raise DocumentError(f"{name} is not a Word (.docx) or PDF file")
    text, starts, labels = "", [], []
    for number, part in parts:
        if not part.strip():
            continue
        starts.append(len(text))
        labels.append(f"{unit} {number}")
        text += part.strip() + "\n\n"
        if len(text) >= MAX_TEXT_CHARS:
            break
    if not text.strip():
        raise DocumentError(f"{name} has no text to read (a scanned image?)")
    return DocumentText(name, text[:MAX_TEXT_CHARS], starts, labels)


def _docx_paragraphs(name: str, data: bytes) -> list[tuple[int, str]]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"{name} is not a readable Word file ({type(exc).__name__})") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return list(enumerate(paragraphs, start=1))


def _pdf_pages(name: str, data: bytes) -> list[tuple[int, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{name} is encrypted: save it without a password and try again")
        return [(i, page.extract_text() or "") for i, page in enumerate(reader.pages, start=1)]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"{name} is not a readable PDF ({type(exc).__name__})") from exc
