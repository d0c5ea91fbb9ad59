"""Reading a caseworker's own Word or PDF document, and refusing what cannot be read."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable

import docx
import pypdf
import pytest
from documents_made import (
    PARAGRAPH,
    docx_bytes,
    docx_of_texts,
    docx_unpacking_to,
    page_lines,
    pdf_of_pages,
)
from lxml import etree
from pypdf import PdfWriter
from pypdf.errors import DependencyError, LimitReachedError, PdfReadError, PdfStreamError

from sie_rules import assess_text
from sie_rules.intake import documents, pdf_documents
from sie_rules.intake.dialogue import MAX_TURN_CHARS
from sie_rules.intake.documents import MAX_DOCUMENT_BYTES, DocumentError, read_document
from sie_rules.intake.pipeline.state import MAX_TEXT_CHARS
from sie_rules.ui import upload

TEXT = [
    "Sagsfremstilling",
    "Der søges endelig godkendelse af rammerne for en social effektinvestering med Herning "
    "Kommune og Den Sociale Investeringsfond.",
    "Regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i 2027-2031 fra puljen til "
    "øget lighed i sundhed.",
]


def test_a_word_document_is_read_paragraph_by_paragraph() -> None:
    document = read_document("indstilling.docx", docx_bytes(TEXT))
    assert "Herning" in document.text
    assert document.place_of(document.text.index("3,6 mio. kr.")) == "afsnit 3"
    a = assess_text(document.text)
    assert a.proposal.request_kind == "final_approval"
    assert [x.amount_dkk for x in a.amounts] == [3_600_000]


def test_a_pdf_is_read_page_by_page_and_a_fact_says_its_page() -> None:
    document = read_document(
        "ansoegning.pdf", pdf_of_pages([["Titel"], ["Herning Kommune og DSI"], ["3,6 mio. kr."]])
    )
    assert document.place_of(document.text.index("Herning")) == "side 2"
    assert document.place_of(document.text.index("3,6")) == "side 3"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notat.txt", b"just text", r"not a Word \(\.docx\) or PDF file"),
        ("broken.pdf", b"%PDF-1.4 and then nothing", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "not a readable Word file"),
        ("huge.pdf", b"%PDF" + b"0" * MAX_DOCUMENT_BYTES, "larger than 10 MB"),
        ("50mb.docx", b"PK" + b"0" * 50_000_000, "larger than 10 MB"),
        ("empty.docx", docx_bytes([" ", ""]), "no text to read"),
    ],
)
def test_what_cannot_be_read_gives_one_line_saying_why(name: str, data: bytes, says: str) -> None:
    with pytest.raises(DocumentError, match=says) as info:
        read_document(name, data)
    danish = info.value.in_language("da")
    assert "\n" not in str(info.value) and "\n" not in danish and danish != str(info.value)


def test_a_file_name_cannot_break_the_one_line() -> None:
    with pytest.raises(DocumentError) as info:
        read_document("to\nlinjer.txt", b"just text")
    assert str(info.value) == "to linjer.txt is not a Word (.docx) or PDF file"


def test_a_word_file_packed_harder_than_word_packs_is_refused_naming_the_ratio() -> None:
    data = docx_unpacking_to(10_000_000)  # deflated 250:1, within 20 MB
    with pytest.raises(DocumentError, match=r"packed more than 100:1") as info:
        read_document("pakket.docx", data)
    assert "pakket mere end 100:1" in info.value.in_language("da")


def test_a_word_file_of_more_xml_elements_and_attributes_than_allowed_is_refused() -> None:
    """python-docx's tree grows with the elements and attributes, not the bytes: 3 MB of short
    paragraphs (packed 11:1) hold 540,000 of them with python-docx's own styles."""
    rng = random.Random(32)
    data = docx_of_texts(f"{rng.getrandbits(16)}" for _ in range(80_000))
    with pytest.raises(DocumentError, match="more than 500,000 XML elements") as info:
        read_document("elementer.docx", data)
    assert "mere end 500.000 XML-elementer" in info.value.in_language("da")


def test_a_table_is_read_where_it_stands_a_row_a_place() -> None:
    document = docx.Document()
    document.add_paragraph("Før tabellen")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Herning", "3,6 mio. kr."), ("DSI", "2027")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Efter tabellen")
    out = io.BytesIO()
    document.save(out)
    read = read_document("tabel.docx", out.getvalue())
    assert read.text == "Før tabellen\n\nHerning | 3,6 mio. kr.\n\nDSI | 2027\n\nEfter tabellen\n\n"
    assert read.place_of(read.text.index("DSI")) == "afsnit 3" and read.places == 4


def test_a_part_packed_otherwise_than_word_packs_is_refused() -> None:
    """zipfile bounds what one read inflates only for deflate (and stored) parts."""
    ordinary = zipfile.ZipFile(io.BytesIO(docx_bytes(TEXT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for part in ordinary.infolist():
            package.writestr(part.filename, ordinary.read(part), zipfile.ZIP_BZIP2)
    with pytest.raises(DocumentError, match=r"\[Content_Types\].xml in .* packed in another way"):
        read_document("bzip2.docx", out.getvalue())


def test_a_package_with_two_parts_of_one_name_is_read_as_zipfile_reads_it() -> None:
    """The later part wins, as zipfile reads a name, and copying it warns of nothing (a
    warning would be a second line on the command line)."""
    later = zipfile.ZipFile(io.BytesIO(docx_bytes(["Sidst"]))).read("word/document.xml")
    package = io.BytesIO(docx_bytes(["Først"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile: "Duplicate name"
        with zipfile.ZipFile(package, "a") as twice:
            twice.writestr("word/document.xml", later)
    assert read_document("to.docx", package.getvalue()).text == "Sidst\n\n"


def _raising(error: BaseException) -> Callable[..., object]:
    def library_call(*args: object, **kwargs: object) -> object:
        raise error

    return library_call


def _xml_syntax_error() -> etree.XMLSyntaxError:
    try:
        etree.fromstring(b"<w:p")
    except etree.XMLSyntaxError as exc:
        return exc
    raise AssertionError("lxml parsed a broken element")


@pytest.mark.parametrize(
    "error",
    [
        _xml_syntax_error(),
        zipfile.BadZipFile("bad"),
        KeyError("x"),
        RecursionError(),
        MemoryError(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_any_error_of_python_docx_lxml_or_zipfile_is_one_line(
    error: BaseException, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = docx_bytes(TEXT)
    monkeypatch.setattr(docx, "Document", _raising(error))
    with pytest.raises(
        DocumentError, match=rf"^x.docx is not a readable Word file \({type(error).__name__}\)$"
    ):
        read_document("x.docx", data)


@pytest.mark.parametrize(
    "error",
    [PdfReadError("x"), PdfStreamError("x"), DependencyError("x"), KeyError("x"), RecursionError()],
    ids=lambda e: type(e).__name__,
)
def test_any_error_of_pypdf_is_one_line(
    error: BaseException, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pypdf.PageObject, "extract_text", _raising(error))
    with pytest.raises(
        DocumentError, match=rf"^x.pdf is not a readable PDF \({type(error).__name__}\)$"
    ):
        read_document("x.pdf", pdf_of_pages([["Herning"]]))


def test_a_limit_of_pypdf_reached_elsewhere_is_one_line_with_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        pypdf.PdfReader, "__init__", _raising(LimitReachedError("Too many\nobjects"))
    )
    with pytest.raises(
        DocumentError, match=r"^x.pdf goes past a limit of the PDF reader \(Too many objects\)$"
    ):
        read_document("x.pdf", pdf_of_pages([["Herning"]]))


def test_a_page_with_more_drawing_instructions_than_allowed_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(pdf_documents._LIMITS, "stream_parsing_work_maximum_count", 100)
    data = pdf_of_pages([["Herning"], ["x"] * 40])  # some 170 operators and values on page 2
    with pytest.raises(DocumentError, match=r"page 2 of tegning\.pdf has more than 300,000"):
        read_document("tegning.pdf", data)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_document_that_takes_too_long_to_read_is_refused(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "READ_SECONDS", 0)
    data = docx_bytes(TEXT) if kind == "docx" else pdf_of_pages([TEXT])  # one page: the
    with pytest.raises(DocumentError, match="took more than 0 s"):  # PDF's check is inside it
        read_document(f"langsom.{kind}", data)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_long_document_is_read_to_the_limit_and_says_where_it_stopped(kind: str) -> None:
    paragraphs = [f"Afsnit {i}. " + PARAGRAPH * 8 for i in range(300)]  # 300 x 900 characters
    pages = page_lines(paragraphs)
    data = docx_bytes(paragraphs) if kind == "docx" else pdf_of_pages(pages)
    document = read_document(f"lang.{kind}", data)
    assert len(document.text) == MAX_TEXT_CHARS and document.cut_at == MAX_TEXT_CHARS
    last = document.labels[-1]
    assert document.text.rstrip().endswith(document.text[document.starts[-1] :].rstrip())
    assert f"{last} af {len(paragraphs) if kind == 'docx' else len(pages)}" in (
        document.rest_unread("da") or ""
    )
    assert "the rest was not read" in (document.rest_unread("en") or "")
    shorter = read_document(f"lang.{kind}", data, max_chars=10_000)
    assert len(shorter.text) == 10_000 and "10.000 tegn" in (shorter.rest_unread("da") or "")
    whole = read_document(
        f"kort.{kind}", docx_bytes(TEXT) if kind == "docx" else pdf_of_pages([TEXT])
    )
    assert whole.cut_at is None and whole.rest_unread("da") is None


def test_assess_text_says_where_it_stopped_reading_a_long_document(tmp_path) -> None:
    path = tmp_path / "lang.docx"
    path.write_bytes(docx_bytes([*TEXT, *["Udvalget tog sagen til efterretning. " * 25] * 300]))
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    note = run.stderr.splitlines()[0]
    assert note.startswith("sie-rules: Kun de første 200.000 tegn af lang.docx er læst, til og")
    assert note.endswith("af 303; resten er ikke læst.") and "Traceback" not in run.stderr


def test_the_app_reads_an_upload_beside_the_page_as_far_as_the_chat_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    monkeypatch.setattr(
        upload, "read_document", lambda *args: calls.append((threading.current_thread(), args))
    )
    upload.read_upload("x.pdf", b"%PDF")
    ((reader, args),) = calls
    assert reader.name.startswith("document") and args == ("x.pdf", b"%PDF", MAX_TURN_CHARS)


def test_the_app_waits_for_a_document_no_longer_than_its_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader that hangs costs the page its deadline; with every reader busy the next
    document is refused as such, and the page never waits for more than its deadline."""
    release = threading.Event()
    monkeypatch.setattr(upload, "DEADLINE_SECONDS", 1)
    monkeypatch.setattr(upload, "read_document", lambda *_: release.wait(60))
    try:
        with pytest.raises(DocumentError, match="took more than 1 s"):
            upload.read_upload("haenger.pdf", b"%PDF")
        other = upload._READERS.submit(release.wait, 60)
        while not other.running():
            time.sleep(0.01)
        with pytest.raises(DocumentError, match="other documents are being read"):
            upload.read_upload("naeste.pdf", b"%PDF")
    finally:
        release.set()


def test_an_encrypted_pdf_asks_for_a_copy_without_a_password() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DocumentError, match="encrypted"):
        read_document("hemmelig.pdf", out.getvalue())


def test_assess_text_reads_a_document_file(tmp_path) -> None:
    path = tmp_path / "indstilling.docx"
    path.write_bytes(docx_bytes(TEXT))
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", str(path), "--json"],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert b"3600000" in run.stdout
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 and then nothing")
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", str(bad)],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
