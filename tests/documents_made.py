"""Word and PDF files made by the tests, so reading a caseworker's document is tested on files
whose text is known: python-docx writes the Word file; the PDF is written by hand (one Helvetica
font in WinAnsi encoding, so Danish letters survive), since no PDF writer is a dependency.

The hostile files of issue #32 are made here too, at test time (no binary fixtures): each is
small on disk and asks a careless reader for far more memory or time than it is worth."""

from __future__ import annotations

import io
import itertools
import struct
import textwrap
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import docx

PARAGRAPH = (
    "Regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i 2027-2031 fra puljen til "
    "øget lighed i sundhed."
)


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(paragraphs: list[str]) -> bytes:
    """A PDF of the paragraphs laid out as `page_lines` does."""
    return pdf_of_pages(page_lines(paragraphs))


def page_lines(paragraphs: list[str], width: int = 90, lines_per_page: int = 40) -> list[list[str]]:
    """Paragraphs wrapped into lines and pages as a word processor would, a blank line between."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*textwrap.wrap(paragraph, width), ""]
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


def pdf_of_pages(pages: list[list[str]]) -> bytes:
    """A PDF with the given lines on each page."""
    streams = []
    for lines in pages:
        shown = b" T* ".join(b"(" + _pdf_string(line) + b") Tj" for line in lines)
        streams.append((b"", b"BT /F1 10 Tf 12 TL 40 750 Td " + shown + b" ET"))
    return _pdf(streams)


def _pdf(page_streams: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF with one page per (extra stream dictionary entries, stream data)."""
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects: list[str | bytes] = ["<< /Type /Catalog /Pages 2 0 R >>", "", font]
    kids = []
    for entries, stream in page_streams:
        head = b"<< /Length %d %s>>stream\n" % (len(stream), entries)
        objects.append(head + stream + b"\nendstream")
        kids.append(len(objects) + 1)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
    kids_list = " ".join(f"{k} 0 R" for k in kids)
    objects[1] = f"<< /Type /Pages /Kids [{kids_list}] /Count {len(kids)} >>"
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        content = obj if isinstance(obj, bytes) else obj.encode("latin-1")
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF".encode()
    return body


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


# --- hostile files ---------------------------------------------------------------------------


def _repeated(piece: bytes, size: int) -> Iterable[bytes]:
    """`piece` over and over, about `size` bytes of whole pieces, in chunks of about 1 MB."""
    per_chunk = max(1, 1_000_000 // len(piece))
    count = size // len(piece)
    for _ in range(count // per_chunk):
        yield piece * per_chunk
    yield piece * (count % per_chunk)


def _docx_with(document_xml: Iterable[bytes], extra_parts: int = 0) -> bytes:
    """An ordinary Word file from python-docx with its word/document.xml written in chunks
    (deflated as Word does), and `extra_parts` more parts, each named in the relationships
    of the document so that a reader of the package loads every one."""
    ordinary = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for info in ordinary.infolist():
            data = ordinary.read(info)
            if info.filename == "word/document.xml":
                with package.open(info.filename, "w") as part:
                    for chunk in document_xml:
                        part.write(chunk)
                continue
            if info.filename == "word/_rels/document.xml.rels" and extra_parts:
                kind = (
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
                )
                more = b"".join(
                    b'<Relationship Id="rIdX%d" Type="%s" Target="../customXml/extra%d.xml"/>'
                    % (i, kind.encode(), i)
                    for i in range(extra_parts)
                )
                data = data.replace(b"</Relationships>", more + b"</Relationships>")
            package.writestr(info.filename, data)
        for i in range(extra_parts):
            package.writestr(f"customXml/extra{i}.xml", b"<a/>")
    return out.getvalue()


_BODY_START = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_BODY_END = b"</w:body></w:document>"


def _paragraphs_xml(size: int) -> Iterable[bytes]:
    paragraph = b"<w:p><w:r><w:t>" + PARAGRAPH.encode() + b"</w:t></w:r></w:p>"
    return itertools.chain([_BODY_START], _repeated(paragraph, size), [_BODY_END])


def docx_unpacking_to(size: int) -> bytes:
    """A Word file whose word/document.xml is `size` bytes of ordinary paragraphs (a 400 MB
    one is 1.6 MB on disk: deflated 250:1)."""
    return _docx_with(_paragraphs_xml(size))


def docx_declaring(declared: int, size: int) -> bytes:
    """docx_unpacking_to(size) whose word/document.xml says it unpacks to `declared` bytes,
    with the checksum of its first `declared` bytes: zipfile hands the part out cut to that
    size and the checksum holds, but when asked for the whole part it inflates all of it
    before cutting."""
    data = bytearray(docx_unpacking_to(size))
    head = b"".join(itertools.islice(_paragraphs_xml(size), 2))[:declared]
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").header_offset
    central = data.rindex(b"word/document.xml") - 46  # the name ends the fixed fields
    assert data[central : central + 4] == b"PK\x01\x02"
    for at in (local + 14, central + 16):  # CRC-32, compressed size, uncompressed size
        struct.pack_into("<I", data, at, zlib.crc32(head))
        struct.pack_into("<I", data, at + 8, declared)
    return bytes(data)


def docx_of_texts(texts: Iterable[str]) -> bytes:
    """A Word file of a paragraph per text, its XML written here (python-docx takes minutes to
    add 80,000 paragraphs)."""
    paragraphs = (
        b"<w:p><w:r><w:t>" + escape(text).encode() + b"</w:t></w:r></w:p>" for text in texts
    )
    return _docx_with(itertools.chain([_BODY_START], paragraphs, [_BODY_END]))


def docx_of_parts(count: int) -> bytes:
    """A Word file with `count` more parts, each named in the document's relationships."""
    return _docx_with([_BODY_START, b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", _BODY_END], count)


BILLION_LAUGHS = b'<!ENTITY lol0 "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
)
EXTERNAL_ENTITY = b'<!ENTITY lol9 SYSTEM "file:///etc/passwd">'


def docx_with_dtd(declarations: bytes) -> bytes:
    """A Word file whose word/document.xml declares entities in a DTD and uses &lol9; (in a
    paragraph and in an attribute): BILLION_LAUGHS expands to 10^9 'lol', EXTERNAL_ENTITY
    reads a file of the server."""
    doctype = b"<!DOCTYPE w:document [" + declarations + b"]>"
    head = _BODY_START.replace(b"<w:document", doctype + b"<w:document", 1)
    return _docx_with([head, b'<w:p><w:r><w:t w:x="&lol9;">&lol9;</w:t></w:r></w:p>', _BODY_END])


def pdf_stream_unpacking_to(size: int) -> bytes:
    """A one-page PDF whose content stream (FlateDecode) unpacks to `size` bytes of text
    operators (a 200 MB one is about 0.7 MB on disk)."""
    shown = b"BT /F1 10 Tf 40 750 Td (" + _pdf_string(PARAGRAPH) + b") Tj ET\n"
    squeeze = zlib.compressobj(9)
    deflated = b"".join(squeeze.compress(chunk) for chunk in _repeated(shown, size))
    return _pdf([(b"/Filter /FlateDecode ", deflated + squeeze.flush())])


def pdf_of_empty_pages(count: int) -> bytes:
    """A PDF of `count` pages with nothing on them."""
    return _pdf([(b"", b"")] * count)


@dataclass(frozen=True)
class Hostile:
    """A hostile document: its file name, how to make it, and words its refusal has."""

    file: str
    make: Callable[[], bytes]
    says_da: str
    says_en: str


HOSTILE_DOCUMENTS = {
    "1.6 MB .docx unpacking to 400 MB": Hostile(
        "bombe.docx",
        lambda: docx_unpacking_to(400_000_000),
        "fylder mere end 20 MB udpakket",
        "unpacks to more than 20 MB",
    ),
    ".docx part declaring 1.5 KB, unpacking to 400 MB": Hostile(
        "loegn.docx",
        lambda: docx_declaring(1_500, 400_000_000),
        "kan ikke læses som Word-fil",
        "is not a readable Word file",
    ),
    "0.8 MB .pdf with a stream unpacking to 200 MB": Hostile(
        "bombe.pdf",
        lambda: pdf_stream_unpacking_to(200_000_000),
        "fylder mere end 5 MB udpakket",
        "unpacks to more than 5 MB",
    ),
    ".docx of 50,000 parts": Hostile(
        "dele.docx", lambda: docx_of_parts(50_000), "mere end 1.000 dele", "more than 1,000 parts"
    ),
    ".docx with a billion-laughs DTD": Hostile(
        "latter.docx", lambda: docx_with_dtd(BILLION_LAUGHS), "erklærer en DTD", "declares a DTD"
    ),
    ".docx with an external entity": Hostile(
        "entitet.docx", lambda: docx_with_dtd(EXTERNAL_ENTITY), "erklærer en DTD", "declares a DTD"
    ),
    ".pdf of 10,000 empty pages": Hostile(
        "sider.pdf",
        lambda: pdf_of_empty_pages(10_000),
        "mere end 1.000 sider",
        "more than 1,000 pages",
    ),
}
