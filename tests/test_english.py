"""English mode: the rules' titles, explanations and questions in English beside the Danish
(issue #16), on the Rules page, in the chat's questions and answer to 'why?', and in the memo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sie_rules.explain.assess import current_rulebook
from sie_rules.intake import DialogueState, current_intake
from sie_rules.ui import resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def case_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SIE_DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    st.cache_resource.clear()
    yield
    resources.store().close()
    st.cache_resource.clear()


def test_every_rule_has_its_own_english_title_and_explanation() -> None:
    rules = current_rulebook().rules.values()
    english = [rule.words("en") for rule in rules]
    assert all(title and explanation for title, explanation in english)
    assert all(rule.words("en") != rule.words("da") for rule in rules)
    assert len({title for title, _ in english}) >= len(english) - 2  # not one text for all


def test_the_rules_page_in_english_shows_the_english_texts() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.toggle(key="english").set_value(True).run()
    at.switch_page(str(ROOT / "sie_rules" / "ui" / "pages" / "rules.py")).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(label.startswith("The amount stays within its ceiling") for label in labels)
    assert not any(label.startswith("Beløbet holder sig inden for loftet") for label in labels)
    shown = " ".join(m.value for m in at.markdown)  # each quote in Danish, its gloss beside it
    assert "Forretningsudvalgets erklæring skal indhentes" in shown
    assert "*In English:* The executive committee's statement must be obtained" in shown


def test_why_in_english_answers_with_the_english_explanation() -> None:
    intake = current_intake()
    state = intake.respond(
        DialogueState(lang="en"),
        "We ask for a mandate to negotiate a social impact investment with Herning Kommune; "
        "the region pays up to DKK 3.6 million in result payments in 2027-2031.",
    ).state
    reply = intake.respond(state, "why the executive committee?")
    assert reply.kind == "why"
    assert "The executive committee's statement must be obtained" in reply.text
    assert "»Forretningsudvalgets erklæring skal indhentes" in reply.text  # the quote in Danish
    assert "*In English:* The executive committee's statement must be obtained on every" in (
        reply.text
    )


def test_the_chat_asks_in_english_what_an_english_description_leaves_out() -> None:
    intake = current_intake()
    text = (
        "We ask for final approval of a social impact investment with Herning Kommune and "
        "Den Sociale Investeringsfond; the region pays up to DKK 3.6 million in result payments."
    )
    english = intake.respond(DialogueState(), text)
    assert english.state.lang == "en" and english.assessment
    first = english.assessment.missing[0]
    assert first.asked("en") == first.question_en and first.asked("da") == first.question
    assert first.question_en and first.question_en in english.text
    assert first.question not in english.text
    assert "In which years is Region Midtjylland's result payment of 3,6 mio. kr. to be paid?" in [
        m.question_en for m in english.assessment.missing
    ]


def test_the_memo_in_english_has_english_fixed_wording_and_the_rules_own_danish() -> None:
    from sie_rules.explain.assess import evaluate
    from sie_rules.explain.memo_files import render_markdown
    from sie_rules.proposal_files import read_proposal

    book = current_rulebook()
    herning = evaluate(book, read_proposal(ROOT / "knowledge" / "cases" / "herning.yaml"))
    english, danish = render_markdown(herning, book, "en"), render_markdown(herning, book)
    headings = [line for line in english.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        *(["## Missing"] if herning.missing else []),
        "## Recommendation",
        "## The case",
        "## Finances",
        "## Approval route",
        "## Conditions",
        "## Sources",
        "## Technical appendix",
    ]
    assert "The executive board recommends" in english and "Direktionen indstiller," in danish
    assert "Result payment from Region Midtjylland" in english
    assert "Rules version" in english and "Regelversion" not in english
    gloss = "(in English: The executive committee's statement must be obtained on every case"
    assert "»Forretningsudvalgets erklæring skal indhentes" in english and gloss in english
    assert "in English:" not in danish
    for m in herning.missing:  # the questions in English
        assert f"- {m.question_en}" in english and m.question not in english
    for line in herning.indstilling:  # the recommendation's lines are the rules' Danish
        assert line.replace("*", "\\\\*") in english or line in english
