"""A real agenda item as a Word file or a PDF gives the same proposal as the pasted text
(issue #16): the decision texts cut from knowledge/ for the intake evaluation, written by the
test into a .docx (one paragraph per line) and a PDF (lines wrapped at 90 characters, 40
lines a page), read back and assessed."""

from __future__ import annotations

import pytest
from documents_made import docx_bytes, pdf_bytes
from intake_eval import load_cases

from sie_rules import assess_text
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
