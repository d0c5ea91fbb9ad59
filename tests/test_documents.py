"""Reading a caseworker's own Word or PDF document, and refusing what cannot be read."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from documents_made import docx_bytes, pdf_of_pages
from pypdf import PdfWriter

from sie_rules import assess_text
from sie_rules.intake.documents import MAX_DOCUMENT_BYTES, DocumentError, read_document

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
    assert "\n" not in str(info.value)


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
