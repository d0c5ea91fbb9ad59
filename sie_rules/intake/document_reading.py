"""What the Word and PDF readers share: the one-line refusal, in Danish and English, that names
the limit a document went past, and the time budget for taking the text out of it."""

from __future__ import annotations

import time

from sie_rules.errors import ProposalError
from sie_rules.explain.wording import Lang

READ_SECONDS = 2  # taking the text out of one document; the intake then reads it

# (Danish, English); {name} is the file's name, numbers are written the language's way
_SAY: dict[str, tuple[str, str]] = {
    "too_large": ("{name} er større end {mb} MB", "{name} is larger than {mb} MB"),
    "not_a_document": (
        "{name} er hverken en Word-fil (.docx) eller en PDF",
        "{name} is not a Word (.docx) or PDF file",
    ),
    "no_text": (
        "{name} har ingen tekst at læse (et scannet billede?)",
        "{name} has no text to read (a scanned image?)",
    ),
    "too_slow": (
        "{name} tog mere end {seconds} s at læse; indsæt teksten i stedet",
        "{name} took more than {seconds} s to read; paste its text instead",
    ),
    "unreadable_word": (
        "{name} kan ikke læses som Word-fil ({why})",
        "{name} is not a readable Word file ({why})",
    ),
    "too_many_parts": (
        "{name} består af mere end {limit} dele; det gør en Word-fil ikke",
        "{name} has more than {limit} parts, which no Word file has",
    ),
    "unpacks_too_large": (
        "{name} fylder mere end {mb} MB udpakket (grænsen for en Word-fil)",
        "{name} unpacks to more than {mb} MB (the limit for a Word file)",
    ),
    "packed_too_hard": (
        "{name} er pakket mere end {ratio}:1; en Word-fil pakkes omkring 10:1",
        "{name} is packed more than {ratio}:1; a Word file packs about 10:1",
    ),
    "too_many_nodes": (
        "{name} har mere end {limit} XML-elementer og -attributter (grænsen for en Word-fil)",
        "{name} has more than {limit} XML elements and attributes (the limit for a Word file)",
    ),
    "packing": (
        "{part} i {name} er pakket på en anden måde end en Word-fils (deflate)",
        "{part} in {name} is packed in another way than a Word file's (deflate)",
    ),
    "dtd": (
        "{part} i {name} erklærer en DTD, hvad en Word-fil ikke må; filen er ikke læst",
        "{part} in {name} declares a DTD, which a Word file may not; the file was not read",
    ),
    "unreadable_pdf": (
        "{name} kan ikke læses som PDF ({why})",
        "{name} is not a readable PDF ({why})",
    ),
    "encrypted": (
        "{name} er krypteret: gem den uden adgangskode, og prøv igen",
        "{name} is encrypted: save it without a password and try again",
    ),
    "too_many_pages": (
        "{name} har mere end {limit} sider",
        "{name} has more than {limit} pages",
    ),
    "stream_too_large": (
        "side {page} i {name} fylder mere end {mb} MB udpakket (grænsen pr. strøm i en PDF)",
        "page {page} of {name} unpacks to more than {mb} MB (the limit per stream of a PDF)",
    ),
    "page_too_complex": (
        "side {page} i {name} har mere end {limit} tegneinstruktioner (grænsen pr. side)",
        "page {page} of {name} has more than {limit} drawing instructions (the limit per page)",
    ),
    "pdf_limit": (
        "{name} går ud over en grænse for PDF-læsning ({why})",
        "{name} goes past a limit of the PDF reader ({why})",
    ),
    "busy": (
        "der læses andre dokumenter lige nu; prøv igen om lidt",
        "other documents are being read right now; try again in a moment",
    ),
    "rest_unread": (
        "Kun de første {chars} tegn af {name} er læst, til og med {place} af {places}; "
        "resten er ikke læst.",
        "Only the first {chars} characters of {name} were read, up to {place} of {places}; "
        "the rest was not read.",
    ),
}


def say(key: str, lang: Lang, **values: object) -> str:
    """One of the sentences above, filled in: text on one line, whole numbers as 1.000 in
    Danish and 1,000 in English."""
    da, en = _SAY[key]
    filled = {k: _written(v, lang) for k, v in values.items()}
    return (en if lang == "en" else da).format(**filled)


def _written(value: object, lang: Lang) -> str:
    if isinstance(value, int):
        return f"{value:,}".replace(",", "." if lang == "da" else ",")
    return " ".join(str(value).split())[:120]  # a name or a library's words: one line


class DocumentError(ProposalError):
    """The uploaded document cannot be read: says why in one line (in English as str(), in
    the user's language with in_language), naming the limit it went past."""

    def __init__(self, reason: str, name: str, **values: object) -> None:
        self.reason, self.values = reason, {"name": name, **values}
        super().__init__(self.in_language("en"))

    def in_language(self, lang: Lang) -> str:
        return say(self.reason, lang, **self.values)


class Deadline:
    """The time budget for taking the text out of one document, like the intake's for reading
    a text: checked between pages or paragraphs and, in a PDF, between drawing operations."""

    def __init__(self, name: str, seconds: float):
        self.name, self.seconds = name, seconds
        self.at = time.monotonic() + seconds

    def check(self, *_: object) -> None:
        """Refuse the document once its time is up (a visitor callback for pypdf too)."""
        if time.monotonic() > self.at:
            raise DocumentError("too_slow", self.name, seconds=f"{self.seconds:g}")
