"""Reading an uploaded document beside the page rather than on it: at most two documents are
read at a time in the whole server (each within its limits and time budget, so memory stays
bounded however many users upload at once), and a page waits for its document no longer than
its deadline, whatever the document does. Other sessions never wait for an upload."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sie_rules.intake.dialogue import MAX_TURN_CHARS
from sie_rules.intake.document_reading import READ_SECONDS, DocumentError
from sie_rules.intake.documents import DocumentText, read_document

DEADLINE_SECONDS = READ_SECONDS + 3  # the budget, and time for a step it cannot interrupt
_READERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="document")


def read_upload(name: str, data: bytes) -> DocumentText:
    """The document's text as far as the chat reads a turn, or a DocumentError (also when the
    server is busy reading others)."""
    reading = _READERS.submit(read_document, name, data, MAX_TURN_CHARS)
    try:
        return reading.result(timeout=DEADLINE_SECONDS)
    except TimeoutError:
        if reading.cancel():  # still waiting for a reader: not this document's fault
            raise DocumentError("busy", name) from None
        raise DocumentError("too_slow", name, seconds=DEADLINE_SECONDS) from None
    finally:  # the future holds the document's error, and the error's traceback this frame:
        del reading  # without the cycle, what the reader held is freed now, not at a collection
