"""Every question the chat asks on the evaluation texts names what it asks about (issue #16),
in Danish and in English: the amount (payer and value) for a question about one amount, the
party for a question about one party; only questions about the case as a whole name neither."""

from __future__ import annotations

import re

import pytest
from intake_eval import load_cases, load_heldout

from sie_rules.intake import DialogueState, current_intake
from sie_rules.model import Proposal
from sie_rules.money import format_dkk

CASE_LEVEL = {  # questions about the case itself: what it asks for, its roles and goals
    "request_kind",
    "parties.investor",
    "parties.authority",
    "parties.provider",
    "payment_goals",
    "effort_start",
    "financing_found",  # the region's own financing: "... til regionens resultatbetaling"
    "amounts.grant",
}
TEXTS = load_cases() + load_heldout()


@pytest.mark.parametrize("case", TEXTS, ids=[c["name"] for c in TEXTS])
def test_every_question_names_its_object(case: dict) -> None:
    intake = current_intake()
    reply = intake.respond(DialogueState(), case["text"])
    if reply.assessment is None:
        return
    proposal = reply.assessment.proposal
    for missing in reply.assessment.missing:
        assert missing.question_en, f"{missing.rule} asks in Danish only"
        for question in (missing.question, missing.question_en):
            _names_its_object(missing.field, question, proposal)


def _names_its_object(field: str, question: str, proposal: Proposal) -> None:
    one_amount = re.fullmatch(r"amounts\.(\d+)\.\w+", field)
    if one_amount:
        amount = proposal.amounts[int(one_amount.group(1))]
        assert format_dkk(amount.amount_dkk) in question, question
        assert amount.payer in question, question
    elif field.startswith("parties.") and field not in CASE_LEVEL:  # one party, or its key
        rest = field.removeprefix("parties.")
        names = {p.name for p in proposal.parties}
        name = rest if rest in names else rest.rsplit(".", 1)[0]
        assert name in question, question
    elif field == "amounts.funding_source":  # every region amount it is about, by value
        region = {p.name for p in proposal.parties if p.kind == "region"}
        unfunded = [a for a in proposal.amounts if a.payer in region and a.funding_source is None]
        assert unfunded, question
        assert all(format_dkk(a.amount_dkk) in question for a in unfunded), question
    else:
        assert field in CASE_LEVEL, f"{field}: {question}"
