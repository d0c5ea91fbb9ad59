"""The pages of a PDF, read by pypdf under limits tighter than its own (pypdf.Configuration):
a stream may unpack to MAX_STREAM_BYTES (pypdf stops inflating there), a page's drawing
instructions may hold MAX_PAGE_TOKENS operators and values (pypdf parses them in Python: about
a second for 300,000), the page tree may have MAX_PAGES pages, and no outside program is
started on an upload (pypdf would run jbig2dec on JBIG2 images). A page's streams are unpacked
before its text is taken out, so a stream past the limit is refused as such; the time budget is
checked between a page's drawing operations."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sie_rules.intake.document_reading import Deadline, DocumentError

if TYPE_CHECKING:
    from pypdf import PageObject

MAX_PAGES = 1_000
MAX_STREAM_BYTES = 5_000_000  # a page of text has some 10 KB; a detailed drawing a few MB
MAX_PAGE_TOKENS = 300_000  # a page of text has some thousands
_LIMITS: dict[str, Any] = {  # pypdf.Configuration fields
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,  # a page's streams together
    "stream_parsing_work_maximum_count": MAX_PAGE_TOKENS,
    "page_tree_maximum_entries": 2 * MAX_PAGES,  # pages and the nodes above them
    "jbig2dec_binary": None,
}
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file is our one-line error


def pdf_pages(name: str, data: bytes, deadline: Deadline) -> tuple[int, Iterator[str]]:
    """How many pages the PDF has, and their texts, one at a time (the caller stops taking
    them when it has enough)."""
    from pypdf import PdfReader

    with _border(name):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("encrypted", name)
    with _border(name, "too_many_pages", limit=MAX_PAGES):  # a page tree past its limit
        pages = list(reader.pages)
    if len(pages) > MAX_PAGES:
        raise DocumentError("too_many_pages", name, limit=MAX_PAGES)
    return len(pages), _texts(name, pages, deadline)


def _texts(name: str, pages: list[PageObject], deadline: Deadline) -> Iterator[str]:
    mb = MAX_STREAM_BYTES // 1_000_000
    for number, page in enumerate(pages, start=1):
        with _border(name, "stream_too_large", page=number, mb=mb):
            page.get_contents()  # its streams unpacked, within the limit
        with _border(name, "page_too_complex", page=number, limit=MAX_PAGE_TOKENS):
            text = page.extract_text(visitor_operand_before=deadline.check)
        yield text


@contextmanager
def _border(name: str, refusal: str = "pdf_limit", **values: object) -> Iterator[None]:
    """pypdf under the limits above; whatever it raises becomes a one-line DocumentError, a
    limit reached becoming `refusal` (said with `values`)."""
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError

    try:
        with apply_configuration(**_LIMITS):
            yield
    except DocumentError:
        raise
    except LimitReachedError as exc:
        raise DocumentError(refusal, name, why=str(exc), **values) from exc
    except Exception as exc:  # pypdf raises many kinds on a broken file (DependencyError too)
        raise DocumentError("unreadable_pdf", name, why=type(exc).__name__) from exc
