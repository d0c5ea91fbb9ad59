"""A real agenda item as a Word file or a PDF gives the same proposal as the pasted text
(issue #16): the decision texts cut from knowledge/ for the intake evaluation, written by the
test into a .docx (one paragraph per line) and a PDF (lines wrapped at 90 characters, 40
lines a page), read back and assessed. An agenda item of 40 pages is read whole within the
limits and time budget of issue #32, each fact said to stand where its words do."""

from __future__ import annotations

from functools import cache

import pytest
from documents_made import docx_bytes, page_lines, pdf_bytes, pdf_of_pages
from intake_eval import load_cases

from sie_rules import assess_text
from sie_rules.intake import current_intake, read_and_assess
from sie_rules.intake.documents import read_document

AGENDA_ITEMS = [case for case in load_cases() if "source" in case]


def _paragraphs(text: str) -> list[str]:
    """Each line of the agenda item is a paragraph in Word (a list item is one of its own)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("case", AGENDA_ITEMS, ids=[c["name"] for c in AGENDA_ITEMS])
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_agenda_item_as_a_file_gives_the_proposal_of_the_pasted_text(
    case: dict, kind: str
) -> None:
    paragraphs = _paragraphs(case["text"])
    data = docx_bytes(paragraphs) if kind == "docx" else pdf_bytes(paragraphs)
    document = read_document(f"{case['name']}.{kind}", data)
    pasted = assess_text(case["text"]).proposal.model_dump(mode="json")
    from_file = assess_text(document.text).proposal.model_dump(mode="json")
    assert from_file == pasted


@cache
def forty_page_agenda_item() -> tuple[str, ...]:
    """The paragraphs of an ordinary agenda item of 40 pages (as pdf_bytes lays them out): the
    Herning item, then the source documents of knowledge/ as its appendices, over again until
    the 40 pages are full (only those the PDF's WinAnsi font can show)."""
    item = next(case for case in AGENDA_ITEMS if case["name"] == "herning-referat")
    appendices = [
        _paragraphs(doc.text)
        for doc in current_intake().kb.corpus.documents.values()
        if _in_winansi(doc.text)
    ]
    paragraphs = _paragraphs(item["text"])
    lines = sum(map(len, page_lines(paragraphs)))
    for appendix in appendices * 10:
        for paragraph in appendix:
            lines += sum(map(len, page_lines([paragraph])))  # its lines and a blank one
            if lines > 40 * 40:
                return tuple(paragraphs)
            paragraphs.append(paragraph)
    raise AssertionError("the appendices do not fill 40 pages")


def _in_winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_an_agenda_item_of_40_pages_is_read_whole_and_each_fact_placed(kind: str) -> None:
    paragraphs = list(forty_page_agenda_item())
    lines = page_lines(paragraphs)
    pages = ["\n".join(page) for page in lines]
    places = paragraphs if kind == "docx" else pages
    data = docx_bytes(paragraphs) if kind == "docx" else pdf_of_pages(lines)
    document = read_document(f"dagsorden.{kind}", data)
    assert len(pages) == 40 and document.places == len(places)
    last_line = [line for line in lines[-1] if line][-1]
    assert document.cut_at is None and document.text.rstrip().endswith(last_line)
    pasted, _ = read_and_assess("\n\n".join(paragraphs))
    from_file, evidence = read_and_assess(document.text)
    assert from_file.proposal == pasted.proposal
    assert [a.amount_dkk for a in from_file.amounts][:3] == [3_600_000, 500_000, 1_200_000]
    read = [e for e in evidence if e.text]
    assert len(read) > 20
    for e in read:  # each fact stands in the paragraph or on the page it is said to
        unit, number = document.place_of(e.start).split()
        assert unit == ("afsnit" if kind == "docx" else "side")
        assert e.text.strip().splitlines()[0] in places[int(number) - 1], (e, number)
