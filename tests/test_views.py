"""Pure view builders: the DOT diagram, the memo (Markdown and DOCX), the quiz."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from golden import CASES, load_case

from sie_rules import Assessment, Proposal, assess
from sie_rules.explain.assess import current_rulebook
from sie_rules.explain.flow import describe, to_dot
from sie_rules.explain.memo_files import render_docx, render_markdown
from sie_rules.explain.quiz import grade, questions
from sie_rules.explain.wording import ACTIONS, STATES, Lang

BOOK = current_rulebook()


def _case(name: str) -> Proposal:
    path = next(p for p in CASES if p.stem == name)
    return Proposal.model_validate(load_case(path)["proposal"])


def test_dot_has_a_lane_per_track_and_marks_blocked_steps() -> None:
    a = assess(_case("norddjurs-municipality"))
    dot = to_dot(a, ACTIONS["da"], STATES["da"])
    flat = dot.replace("\\n", " ")  # long names and conditions wrap over lines in a box
    assert dot.count("subgraph cluster_") == len(a.tracks) == 4
    assert "Voksen- og Plejeudvalget (Norddjurs Kommune) giver bemyndigelse NU" in flat
    assert flat.count("BLOKERET: Norddjurs Kommune har fundet finansiering") == 2
    assert 'color="#c62828"' in dot and "bold" in dot  # the state in words and by style


def test_dot_puts_parallel_hearings_side_by_side() -> None:
    dot = to_dot(assess(_case("mental-talk")), ACTIONS["da"], STATES["da"])
    assert "{ rank=same; t0s1; t0s2; }" in dot
    assert "t0s0 -> t0s1;" in dot and "t0s0 -> t0s2;" in dot and "t0s2 -> t0s3;" in dot


def test_dot_escapes_quotes_and_newlines_in_names() -> None:
    raw = load_case(next(p for p in CASES if p.stem == "landdistrikter"))["proposal"]
    raw["title"] = 'Navn med "citat" og \\ skråstreg'
    raw["parties"][1]["name"] = 'Fællesråd "X"\nlinje'
    dot = to_dot(assess(Proposal.model_validate(raw)), ACTIONS["en"], STATES["en"])
    assert '"\n' not in dot.replace('";\n', "").replace('"];\n', "")
    assert "recommends" in dot


def test_memo_has_the_structure_of_the_minutes_in_both_formats() -> None:
    a = assess(_case("herning"))
    markdown = render_markdown(a, BOOK)
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "Resume",
        "Mangler",
        "Indstilling",
        "Sagsfremstilling",
        "Økonomi",
        "Godkendelsesvej",
        "Betingelser",
        "Kilder",
        "Teknisk bilag",
    ]
    document = docx.Document(io.BytesIO(render_docx(a, BOOK)))
    word_headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert word_headings == headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "at der afsættes maksimalt 3,6 mio. kr. til finansiering af regionens" in text
    assert "Regionsrådet beslutter" in text
    assert document.tables[0].cell(1, 2).text == "1,2 mio. kr."


APPENDIX = {"da": "Teknisk bilag", "en": "Technical appendix"}


def _example_dates(a: Assessment) -> set[str]:
    return {f"{s.earliest:%d.%m.%Y}" for t in a.tracks for s in t.steps if s.earliest}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_memo_keeps_rule_ids_the_version_and_example_dates_to_its_appendix(
    path: Path, lang: Lang
) -> None:
    a = assess(Proposal.model_validate(load_case(path)["proposal"]))
    assert BOOK.parameters.meetings is not None and BOOK.parameters.meetings.example
    markdown = render_markdown(a, BOOK, lang)
    document = docx.Document(io.BytesIO(render_docx(a, BOOK, lang)))
    word = "\n".join(p.text for p in document.paragraphs)
    word += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for memo, heading in ((markdown, f"## {APPENDIX[lang]}\n"), (word, f"{APPENDIX[lang]}\n")):
        body, appendix = memo.replace("\\_", "_").split(heading)  # Markdown escapes '_'
        assert [r for r in BOOK.rules if r in body] == []
        assert "[" not in body or lang == "en"  # no '[rule · basis]' (English glosses quote)
        assert a.rules_version not in body and a.rules_version in appendix
        assert not any(day in body for day in _example_dates(a))
        assert all(day in appendix for day in _example_dates(a))
        assert {x.rule for x in [*a.findings, *a.conditions, *a.amounts]} <= set(appendix.split())
    if _example_dates(a):
        assert ("(eksempeldato)" if lang == "da" else "(example date)") in markdown


def test_the_memo_says_what_kan_behandles_means_and_names_the_open_conditions() -> None:
    a = assess(_case("herning"))
    resume = render_markdown(a, BOOK).split("## Mangler")[0]
    assert "Vurdering: kan behandles." in resume
    assert "ikke at den er godkendt: 3 betingelser er ikke opfyldt endnu" in resume
    assert (
        "- ✘ Investeringsoplæg og betalingsmodel er forhandlet på plads med de øvrige parter "
        "inden for rammen – holder tilbage: Administrationen (Region Midtjylland) giver tilsagn"
    ) in resume
    clear = render_markdown(assess(_case("mental-talk")), BOOK).split("## Indstilling")[0]
    assert "ingen betingelser står åbne" in clear


@pytest.mark.parametrize(("lang", "language"), [("da", "da-DK"), ("en", "en-GB")])
def test_the_word_memo_has_a_title_an_author_and_the_memos_language(
    lang: Lang, language: str
) -> None:
    a = assess(_case("herning"))
    document = docx.Document(io.BytesIO(render_docx(a, BOOK, lang, "Anne Sagsbehandler")))
    props = document.core_properties
    assert props.title == a.proposal.title and props.author == "Anne Sagsbehandler"
    assert props.language == language and "python-docx" not in props.comments
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert {e.get(qn("w:val")) for e in defaults.iter(qn("w:lang"))} == {language}
    anonymous = docx.Document(io.BytesIO(render_docx(a, BOOK, lang))).core_properties
    assert anonymous.author and anonymous.author != "python-docx"
    assert props.created == props.modified and props.created.date() == a.proposal.date


def test_dates_from_an_example_meeting_plan_are_labelled_in_the_diagram_and_its_words() -> None:
    raw = {**load_case(next(p for p in CASES if p.stem == "herning"))["proposal"]}
    raw["date"] = "2026-12-01"  # a date the example plan has meetings after
    a = assess(Proposal.model_validate(raw))
    dated = [s for t in a.tracks for s in t.steps if s.earliest]
    assert dated
    dot = to_dot(a, ACTIONS["da"], STATES["da"], "eksempeldato").replace("\\n", " ")
    words = describe(a, ACTIONS["da"], STATES["da"], "eksempeldato")
    for step in dated:
        assert f"eksempeldato {step.earliest:%d.%m.%Y}" in dot
        assert f"(eksempeldato {step.earliest:%d.%m.%Y})" in words
    assert words.startswith("Region Midtjylland: 1. ")
    plain = to_dot(a, ACTIONS["da"], STATES["da"])  # a real plan: the dates as they are
    assert "eksempeldato" not in plain and f"{dated[0].earliest:%d.%m.%Y}" in plain


def test_memo_of_a_blocked_case_has_no_recommendation() -> None:
    markdown = render_markdown(assess(_case("wood-by-human")), BOOK)
    assert "Ingen indstilling: sagen opfylder ikke betingelserne." in markdown.replace("\\", "")


def test_memo_escapes_user_text() -> None:
    raw = load_case(next(p for p in CASES if p.stem == "landdistrikter"))["proposal"]
    raw["title"] = "![x](http://x.invalid/i.png) <b>fed</b>"
    markdown = render_markdown(assess(Proposal.model_validate(raw)), BOOK)
    # brackets and angle brackets escaped: no image, link or HTML; ':' needs no escape in a file
    assert "# !\\[x\\](http://x.invalid/i.png) \\<b\\>fed\\</b\\>" in markdown
    assert "\\:" not in markdown


def test_quiz_answers_come_from_the_assessment() -> None:
    a = assess(_case("mental-talk"))
    qs = {q.id: q for q in questions(a, BOOK)}
    assert qs["decider"].answer == "Regionsrådet"
    assert qs["heard"].answer == {"Udvalg for nære sundhedstilbud", "Psykiatri- og socialudvalget"}
    assert qs["tracks"].answer == frozenset()
    assert qs["ceiling"].answer == 0
    graded = grade(
        list(qs.values()),
        {
            "outcome": "eligible",
            "decider": "Forretningsudvalget",
            "heard": ["Psykiatri- og socialudvalget"],
        },
    )
    # no other tracks: leaving that question empty is the right answer
    assert [g.right for g in graded] == [True, False, False, True, False]


def test_quiz_for_a_mandate_has_no_decider_in_the_region() -> None:
    qs = {q.id: q for q in questions(assess(_case("norddjurs-region")), BOOK)}
    assert qs["decider"].answer == "—" and qs["ceiling"].answer == 5_000_000


def test_pages_are_files_so_navigation_works() -> None:
    pages = Path(__file__).resolve().parent.parent / "sie_rules" / "ui" / "pages"
    assert {p.name for p in pages.glob("*.py")} == {
        "cases.py",
        "chat.py",
        "explore.py",
        "learn.py",
        "rules.py",
    }
