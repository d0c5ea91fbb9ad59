"""The paragraphs of a Word file, read by python-docx only after its package has passed the
checks a zip bomb fails: how many parts it has, what its XML parts unpack to by their declared
sizes, how hard they are packed, and, as they are unpacked, how many elements and attributes
they hold (python-docx's tree grows with those). python-docx then reads a copy made here:
zipfile stops each part at its declared size but inflates a whole part in one step when asked
for all of it, as python-docx does, so a part that says 1 KB and unpacks to 400 MB would cost
400 MB; the copy is read a chunk at a time. The copy holds the XML parts uncompressed and every
other part (images, fonts) empty, since none of them has text. A part that declares a DTD (the
way to billion laughs and external entities) is refused before any parser sees it: the Open
Packaging Conventions forbid DTDs in a package (ECMA-376 Part 2, M1.18)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sie_rules.intake.document_reading import DocumentError

if TYPE_CHECKING:
    from docx.document import Document

MAX_PARTS = 1_000  # a Word file has a few dozen; hundreds with many pictures
MAX_UNPACKED_BYTES = 20_000_000  # the XML parts, unpacked: some hundred pages of Word's XML
MAX_RATIO = 100  # Word packs its XML about 10:1
# elements and attributes of the XML parts, some 200 bytes each in python-docx's tree (a page
# from Word has hundreds to a few thousand, its styles some 50,000), counted from above as the
# "<" and "=" in them, one byte or more each in UTF-8 and UTF-16 alike
MAX_NODES = 500_000
_XML_PART = (".xml", ".rels")  # the parts python-docx parses; only they hold text
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK_BYTES = 1 << 20
# the zip's end record (APPNOTE 4.3.16): signature, disk numbers, the parts on this disk and in
# all, the central directory's size; found in the last 22 bytes and the comment (< 64 KB) before
_END_RECORD = b"PK\x05\x06"
_END_FIELDS = struct.Struct("<4s4H2LH")
# a central directory entry is 46 bytes and the part's name (Word's are short) and extra field
_MAX_DIRECTORY_BYTES = MAX_PARTS * 512


def word_paragraphs(name: str, data: bytes) -> tuple[int, Iterator[str]]:
    """How many paragraphs and table rows the Word file has, and their texts in the document's
    order, one at a time (the caller stops taking them when it has enough)."""
    import docx

    with _border(name):
        document = docx.Document(io.BytesIO(_checked_copy(name, data)))
        count = int(document.element.xpath("count(w:body/w:p | w:body/w:tbl/w:tr)"))
    return count, _texts(name, document)


def _texts(name: str, document: Document) -> Iterator[str]:
    """Each paragraph's text and each table row's, its cells joined by " | ", made only when
    taken (python-docx's lists of every paragraph would cost more than the tree)."""
    from docx.table import Table

    with _border(name):
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    yield " | ".join(cell.text for cell in row.cells)
            else:
                yield block.text


@contextmanager
def _border(name: str) -> Iterator[None]:
    """Whatever zipfile, python-docx or lxml raise becomes a one-line DocumentError."""
    try:
        yield
    except DocumentError:
        raise
    except Exception as exc:  # the libraries raise many kinds on a broken file
        raise DocumentError("unreadable_word", name, why=type(exc).__name__) from exc


def _checked_copy(name: str, data: bytes) -> bytes:
    """The package checked against the limits and copied as python-docx is to read it."""
    _check_end_record(name, data)
    with _border(name), zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
        if len(parts) > MAX_PARTS:
            raise DocumentError("too_many_parts", name, limit=MAX_PARTS)
        xml = [part for part in parts if part.filename.endswith(_XML_PART)]
        unpacked = sum(part.file_size for part in xml)
        if unpacked > MAX_UNPACKED_BYTES:
            raise DocumentError("unpacks_too_large", name, mb=MAX_UNPACKED_BYTES // 1_000_000)
        if unpacked > MAX_RATIO * sum(part.compress_size for part in xml):
            raise DocumentError("packed_too_hard", name, ratio=MAX_RATIO)
        copy, nodes = io.BytesIO(), 0
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as stored:
            for part in {part.filename: part for part in parts}.values():  # of a name: the last,
                is_xml = part.filename.endswith(_XML_PART)  # as zipfile reads it
                content = _xml_content(name, package, part) if is_xml else b""
                nodes += content.count(b"<") + content.count(b"=")
                if nodes > MAX_NODES:
                    raise DocumentError("too_many_nodes", name, limit=MAX_NODES)
                stored.writestr(part.filename, content)
    return copy.getvalue()


def _check_end_record(name: str, data: bytes) -> None:
    """The number of parts and the size of their directory as the zip's end record declares
    them, checked before zipfile makes an object of every part (50,000 parts cost it 30 MB).
    A zip without an end record is left to zipfile to refuse."""
    start = data.rfind(_END_RECORD, max(0, len(data) - _END_FIELDS.size - 0xFFFF))
    if start < 0 or len(data) - start < _END_FIELDS.size:
        return
    *_, parts, directory_bytes, _offset, _comment = _END_FIELDS.unpack_from(data, start)
    if parts > MAX_PARTS or directory_bytes > _MAX_DIRECTORY_BYTES:  # zip64 says 0xFFFF: more
        raise DocumentError("too_many_parts", name, limit=MAX_PARTS)


def _xml_content(name: str, package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    """An XML part's bytes, read a chunk at a time and never more than its declared size."""
    if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise DocumentError("packing", name, part=part.filename)  # zipfile bounds only these
    chunks = []
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            chunks.append(chunk)
    content = b"".join(chunks)
    if any(doctype in content for doctype in _DOCTYPE):  # OOXML is UTF-8 or UTF-16 (M1.17)
        raise DocumentError("dtd", name, part=part.filename)
    return content
