"""Every page of the Streamlit app, driven with AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from documents_made import BILLION_LAUGHS, docx_bytes, docx_with_dtd, page_lines, pdf_bytes
from golden import CASES, load_case
from streamlit.testing.v1 import AppTest

from sie_rules.access import local_actor
from sie_rules.cases.store import CaseStore
from sie_rules.explain.worker import shared_evaluator
from sie_rules.intake import DialogueState, current_intake
from sie_rules.money import format_dkk
from sie_rules.paths import settings
from sie_rules.ui import resources

ME = local_actor()  # the user every change here is recorded for

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ROOT / "sie_rules" / "ui" / "pages"
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune som myndighed og "
    "resultatbetaler og Den Sociale Investeringsfond; regionen betaler maksimalt 3,6 mio. "
    "kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed."
)


@pytest.fixture(autouse=True)
def case_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test gets its own case store (the app's resources are cached per process)."""
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("SIE_DATABASE_URL", url)
    st.cache_resource.clear()
    yield url
    resources.store().close()
    st.cache_resource.clear()


def _golden(name: str) -> dict:
    """A golden case's proposal."""
    return load_case(next(p for p in CASES if p.stem == name))["proposal"]


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def _open_tab(at: AppTest, label: str) -> AppTest:
    """Open a tab of the chat page (only the open tab is built) and rerun."""
    at.session_state["chat-tabs"] = label
    return at.run()


def _dot(at: AppTest) -> str:
    # box labels wrap long names over lines ("\\n" in DOT): read them as one line each
    return "\n".join(chart.proto.spec for chart in at.get("graphviz_chart")).replace("\\n", " ")


def test_the_chat_survives_its_engine_worker_dying_mid_conversation() -> None:
    at = _app()
    at.chat_input[0].set_value(HERNING).run()
    worker = shared_evaluator(settings().data_dir / "crashes")
    (pid,) = worker.worker_pids()
    os.kill(pid, signal.SIGSEGV)  # what a crash in the engine's C core does
    at.chat_input[0].set_value("Effekten følges i 5 år.").run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"] * 2
    assert at.chat_message[0].markdown[0].value.startswith("Vi vil indgå")
    assert "Effekten følges i 5 år" in at.chat_message[2].markdown[0].value
    assert "**Vurdering:**" in at.chat_message[3].markdown[0].value  # assessed, after a restart
    assert pid not in worker.worker_pids() and worker.restarts >= 1


def test_chat_round_trip_with_a_real_case() -> None:
    at = _app()
    assert not at.exception
    at.chat_input[0].set_value(HERNING).run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    reply = at.chat_message[1].markdown[0].value
    assert "3,6 mio. kr." in reply and "**Spørgsmål:**" in reply
    dot = _dot(at)
    assert "Regionsrådet" in dot and "Kommunalbestyrelsen (Herning Kommune)" in dot
    at.chat_input[0].set_value("hvorfor?").run()
    assert (
        "eligibility.funding" in at.chat_message[3].markdown[0].value
        or "Hvorfor" in at.chat_message[3].markdown[0].value
    )


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="upload").set_value((name, data, "application/octet-stream")).run()


def test_a_refused_upload_is_said_in_the_users_language_and_changes_nothing() -> None:
    at = _app()
    at.toggle(key="english").set_value(True).run()
    at.chat_input[0].set_value(HERNING).run()
    before = json.dumps(at.session_state["dialogue"], sort_keys=True)
    _upload(at, "<b>latter</b>.docx", docx_with_dtd(BILLION_LAUGHS))
    assert not at.exception
    assert [e.value for e in at.error] == [
        "word/document.xml in \\<b\\>latter\\</b\\>.docx declares a DTD, which a Word file "
        "may not; the file was not read"
    ]
    assert json.dumps(at.session_state["dialogue"], sort_keys=True) == before


def test_a_document_too_complex_for_the_intake_is_answered_in_the_chat() -> None:
    """Working out where each fact stands read the text again outside the chat's own
    handling: a text the intake gives up on took the page down, and the turn with it."""
    at = _upload(_app(), "beloeb.docx", docx_bytes(["1 kr. " * 16_000]))
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert "for lang eller for kompliceret" in at.chat_message[1].markdown[0].value


def test_a_long_document_says_in_the_chat_where_reading_stopped() -> None:
    paragraphs = [f"Afsnit {i}. Udvalget tog sagen til efterretning. " * 20 for i in range(200)]
    at = _upload(_app(), "lang.pdf", pdf_bytes(paragraphs))
    assert not at.exception
    turn = at.chat_message[0].markdown[0].value  # what the chat reads of a turn, no more
    assert "lang.pdf. Kun de første 100.000 tegn af lang.pdf er læst, til og med side" in turn
    assert turn.endswith(f"af {len(page_lines(paragraphs))}; resten er ikke læst.")


def test_user_text_is_escaped_in_the_chat() -> None:
    at = _app()
    at.chat_input[0].set_value("<b>fed</b> ![x](http://x.invalid/a.png)").run()
    shown = at.chat_message[0].markdown[0].value
    assert shown.startswith("\\<b\\>") and "\\!\\[x\\]" in shown


def test_editing_a_field_changes_the_assessment() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    state = current_intake().respond(DialogueState(), HERNING).state
    at.session_state["dialogue"] = state.model_dump(mode="json")
    at.run()
    assert "anbefaler" in _dot(at) and "giver bemyndigelse" not in _dot(at)
    _open_tab(at, "Forslaget").selectbox(key="form-kind").set_value("mandate")
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception
    assert "giver bemyndigelse" in _dot(at)
    assert at.session_state["dialogue"]["draft"]["request_kind"] == "mandate"


def test_saving_an_untouched_form_changes_nothing() -> None:
    at = _app()
    at.chat_input[0].set_value(HERNING).run()
    _open_tab(at, "Forslaget")
    assert at.selectbox(key="form-kind").value == "final_approval"  # the form follows the chat
    before = json.dumps(at.session_state["dialogue"], sort_keys=True)
    shown = _dot(at)
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception
    assert json.dumps(at.session_state["dialogue"], sort_keys=True) == before
    assert _dot(at) == shown and any("Intet er ændret" in i.value for i in at.info)


def test_the_form_keeps_the_drafts_values_after_the_other_tab_was_open() -> None:
    """Only the open tab is built, so Streamlit forgets the form's widgets while the
    assessment tab is shown: coming back must show the draft again, and saving untouched
    must change nothing (it wrote an empty title and the year 2000)."""
    at = _app()
    at.chat_input[0].set_value(HERNING).run()
    title = _open_tab(at, "Forslaget").text_input(key="form-title").value
    _open_tab(at, "Vurdering")
    again = _open_tab(at, "Forslaget")
    assert title and again.text_input(key="form-title").value == title
    assert again.selectbox(key="form-kind").value == "final_approval"
    before = json.dumps(at.session_state["dialogue"], sort_keys=True)
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert json.dumps(at.session_state["dialogue"], sort_keys=True) == before


def test_clearing_the_request_kind_asks_for_it_and_shows_each_candidate_route() -> None:
    at = _app()
    at.chat_input[0].set_value(HERNING).run()
    _open_tab(at, "Forslaget").selectbox(key="form-kind").select_index(0)  # "—": not known
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception
    _open_tab(at, "Vurdering")
    assert "request_kind" not in at.session_state["dialogue"]["draft"]
    boxes = [*at.success, *at.warning, *at.error]
    assert any("ufuldstændig" in b.value.lower() for b in boxes)  # incomplete, not refused
    shown = " ".join(m.value for m in at.markdown)
    assert "Hvad beder sagen om" in shown
    assert "hvis det er bemyndigelse" in shown and "hvis det er endelig godkendelse" in shown


def test_the_decision_date_and_bodies_that_have_decided_are_set_in_the_form() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    state = current_intake().respond(DialogueState(), HERNING).state
    at.session_state["dialogue"] = state.model_dump(mode="json")
    _open_tab(at, "Forslaget").date_input(key="form-date").set_value(dt.date(2025, 11, 13))
    at.multiselect(key="form-decided").set_value(["Udvalg for lighed i sundhed"])
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception
    draft = at.session_state["dialogue"]["draft"]
    assert draft["date"] == "2025-11-13" and draft["decided_by"] == ["Udvalg for lighed i sundhed"]
    route = [e.label for e in at.expander if e.label.startswith(("1. ", "2. "))]
    assert "1. Udvalg for lighed i sundhed anbefaler — :material/task_alt: behandlet" in route
    assert any(
        r.startswith("2. Forretningsudvalget afgiver erklæring — :material/play_circle: nu")
        for r in route
    )


def test_explore_shows_the_difference_when_the_municipality_cannot_pay() -> None:
    at = _app()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert not at.exception
    at.selectbox(key="explore-money").set_value(False).run()
    diff = [m.value for m in at.markdown if "background[" in m.value]
    assert any("Herning Kommune har fundet finansiering" in line for line in diff)
    assert any("Økonomiudvalget (Herning Kommune)" in line for line in diff)


def _differences(at: AppTest) -> list[str]:
    return [
        m.value
        for m in at.markdown
        if m.value.startswith((":red-background[", ":green-background["))
    ]


def test_explore_changes_only_what_depends_on_the_flipped_fact() -> None:
    at = _app()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert _differences(at) == []  # nothing flipped, nothing different
    amount = at.number_input(key="explore-amount")  # named by whose it is and what, in words
    assert amount.label.endswith("(kr.)") and ": " in amount.label and "_" not in amount.label
    assert format_dkk(amount.value) in [c.value for c in at.caption]  # the bare digits in words
    at.toggle(key="explore-region-pays").set_value(False).run()
    assert not at.exception
    diff = _differences(at)
    assert diff and not any("→ over" in line for line in diff)  # no ceiling breach appears
    assert not any("development" in line for line in diff)  # the other amounts stay put
    at.toggle(key="english").set_value(True).run()
    at.toggle(key="english").set_value(False).run()
    assert not at.exception and _differences(at) == diff  # a language switch changes words only


def test_explore_starts_from_the_chats_proposal_and_from_a_case_opened_on_sager(
    case_database: str,
) -> None:
    at = _app()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert at.selectbox(key="explore-case").value == "herning"  # no chat yet: the newest case
    at.switch_page(str(PAGES / "chat.py")).run()
    at.chat_input[0].set_value(HERNING).run()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert at.selectbox(key="explore-case").value == "chat"  # the case in front of the user
    assert at.title[0].value == "Udforsk godkendelsesveje"
    store = CaseStore(case_database)
    norddjurs = store.save_case("Norddjurs fra sidste uge", _golden("norddjurs-region"), actor=ME)
    store.close()
    at.switch_page(str(PAGES / "cases.py")).run()
    at.selectbox(key="cases-chosen").set_value(norddjurs.id).run()
    at.button(key="cases-explore").click().run()
    assert not at.exception
    chosen = at.selectbox(key="explore-case")
    assert chosen.value.startswith("saved:") and "Norddjurs fra sidste uge" in chosen.format_func(
        chosen.value
    )
    kind = at.selectbox(key="explore-kind")
    assert kind.value == "mandate"  # the saved case's own facts are the starting point


def test_explore_says_why_a_chat_proposal_without_its_request_cannot_be_explored_yet() -> None:
    at = _app()
    at.chat_input[0].set_value("Et projekt med Samsø Kommune og DSI om rehabilitering.").run()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert not at.exception and at.selectbox(key="explore-case").value == "chat"
    assert any("siger endnu ikke, hvad den beder om" in i.value for i in at.info)
    at.selectbox(key="explore-case").set_value("herning").run()  # another start: explored
    assert not at.exception and at.get("graphviz_chart")
    assert not any("beder om" in i.value for i in at.info)


FLIPS = [
    ("toggle", "explore-region-pays", False),
    ("selectbox", "explore-money", False),
    ("selectbox", "explore-money", True),
    ("selectbox", "explore-model", True),
    ("selectbox", "explore-model", None),
    ("multiselect", "explore-fields", ["psykiatri"]),
    ("selectbox", "explore-kind", "mandate"),
    ("selectbox", "explore-kind", "final_approval"),
]


@pytest.mark.parametrize("case", ["herning", "norddjurs-region"])
@pytest.mark.parametrize(("widget", "key", "value"), FLIPS, ids=[f"{k}={v}" for _, k, v in FLIPS])
def test_a_flip_in_explore_never_touches_the_amounts(
    case: str, widget: str, key: str, value: object
) -> None:
    at = _app()
    at.switch_page(str(PAGES / "explore.py")).run()
    at.selectbox(key="explore-case").set_value(case).run()
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    moved = [line for line in _differences(at) if "loft" in line]  # an amount's ceiling status
    assert moved == [], moved


def test_quiz_checks_the_answers() -> None:
    at = _app()
    at.switch_page(str(PAGES / "learn.py")).run()
    assert not at.exception
    # source passages are shown as text, without the document's Markdown heading marks
    shown = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert shown and not any("\\#" in v or v.lstrip().startswith("#") for v in shown)
    case = "herning"
    at.radio(key=f"q-{case}-outcome").set_value("eligible")
    at.radio(key=f"q-{case}-decider").set_value("Regionsrådet")
    at.multiselect(key=f"q-{case}-tracks").set_value(
        ["Herning Kommune", "Den Sociale Investeringsfond", "Landsbyggefonden"]
    )
    at.number_input(key=f"q-{case}-ceiling").set_value(3_600_000)
    next(b for b in at.button if b.label == "Tjek mine svar").click().run()
    assert any("Du fik 5 af 5 rigtige" in m.value for m in at.markdown)
    at.number_input(key=f"q-{case}-ceiling").set_value(5_000_000)
    next(b for b in at.button if b.label == "Tjek mine svar").click().run()
    assert any("Du fik 4 af 5 rigtige" in m.value for m in at.markdown)
    assert any("3,6 mio. kr." in e.value for e in at.error)  # the right answer, formatted


def test_an_empty_quiz_is_not_scored() -> None:
    at = _app()
    at.switch_page(str(PAGES / "learn.py")).run()
    next(b for b in at.button if b.label == "Tjek mine svar").click().run()
    assert not at.exception
    assert not any("rigtige" in m.value for m in at.markdown)
    assert any("Besvar spørgsmålene" in i.value for i in at.info)


def test_rules_page_finds_rules_by_words_and_shows_data_only_when_asked() -> None:
    at = _app()
    at.switch_page(str(PAGES / "rules.py")).run()
    assert not at.get("code")  # rules in words; the YAML only on request
    at.text_input(key="rules-search").set_value("forretningsudvalget erklæring").run()
    titles = [e.label for e in at.expander]
    assert any("approval.region.executive_prepares" in x for x in titles) and len(titles) < 5
    at.toggle(key="rules-as-data").set_value(True).run()
    assert not at.exception and len(at.get("code")) == len(titles)


def test_rules_page_filters_by_basis() -> None:
    at = _app()
    at.switch_page(str(PAGES / "rules.py")).run()
    assert not at.exception
    everything = len(at.expander)
    at.multiselect(key="rules-basis").set_value(["law"]).run()
    book = current_intake().book
    assert len(at.expander) == sum(r.basis == "law" for r in book.rules.values()) < everything


def test_the_chat_keeps_its_case_and_every_assessment_on_record(case_database: str) -> None:
    at = _app()
    at.chat_input[0].set_value(HERNING).run()
    at.chat_input[0].set_value("hvorfor?").run()  # shows the same assessment: no new record
    at.chat_input[0].set_value("Regionshospitalet Gødstrup").run()
    store = CaseStore(case_database)
    try:
        (case,) = store.list_cases()
        assert case.label.startswith("Vi vil indgå en social effektinvestering")
        assert case.conversation is not None and len(case.conversation["turns"]) == 6
        assert [h.why for h in store.history(case.id)] == ["first", "facts changed"]
    finally:
        store.close()


def _saved_herning(case_database: str, label: str = "Herning fra i går") -> str:
    """A chat's case as the chat saves it (a draft): its id."""
    store = CaseStore(case_database)
    state = current_intake().respond(DialogueState(), HERNING).state
    case = store.save_case(label, state.draft, state.model_dump(mode="json"), actor=ME)
    store.close()
    return case.id


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The Sager page's table that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_cases_page_reopens_a_case_and_shows_the_ledger(case_database: str) -> None:
    case_id = _saved_herning(case_database)
    at = _app()
    at.switch_page(str(PAGES / "cases.py")).run()
    assert not at.exception
    named = at.selectbox(key="cases-chosen").options[0]
    assert named == (
        "Herning fra i går · endelig godkendelse af investeringsramme · Herning Kommune, "
        "Den Sociale Investeringsfond"
    )
    assert any(
        c.value.startswith("Status: kladde · ejer: local · senest ændret ") for c in at.caption
    )
    overview = _table(at, "Ejer")
    assert list(overview[["Titel", "Status", "Ejer"]].iloc[0]) == [
        "Herning fra i går",
        "kladde",
        "local",
    ]
    assert any("(0 sager)" in c.value for c in at.caption)  # a chat is not in the ledger
    at.button(key="cases-open").click().run()
    assert not at.exception
    assert at.session_state["dialogue"]["case_id"] == case_id
    assert "3,6 mio. kr." in at.session_state["dialogue"]["turns"][1]["text"]


STATUS_WORDS = ("opfyldt:", "ikke opfyldt:", "uafklaret:", "inden for loftet:", "over loftet:")


def test_the_assessment_says_what_kan_behandles_means_in_words_and_tables_its_years() -> None:
    at = _app()
    eligible = (
        f"{HERNING} Regionshospitalet Gødstrup udfører indsatsen. Betalingsmålet er færre "
        "kontakter til sundhedsvæsenet. Vi beder om endelig godkendelse."
    )
    at.chat_input[0].set_value(eligible).run()
    assert any(s.value == "**Vurdering: Kan behandles**" for s in at.success)
    shown = [m.value.replace("\\", "") for m in at.markdown]  # as read, without Markdown escapes
    meaning = next(text for text in shown if "ikke at den er godkendt" in text)
    assert (
        "uafklaret: Herning Kommune har fundet finansiering til sin resultatbetaling – " in meaning
    )
    assert "holder tilbage: Økonomiudvalget (Herning Kommune) afgiver erklæring" in meaning
    iconed = [e.label for e in at.expander if e.label.startswith(":material/")]
    assert iconed and all(
        label.split(" ", 1)[1].startswith(("uden loft:", *STATUS_WORDS)) for label in iconed
    ), iconed  # the state in words beside each icon (screen readers skip the icons)
    years = at.table[0].value
    assert list(years.index)[:2] == ["2027", "2028"] and "720.000 kr." in set(years["Beløb"])


def test_sager_offers_the_steps_that_may_decide_now_shows_the_money_and_withdraws(
    case_database: str,
) -> None:
    case_id = _saved_herning(case_database)
    key = f"decision-{case_id}-0"  # the widgets' keys count the saves (fresh after each)
    at = _app()
    at.switch_page(str(PAGES / "cases.py")).run()
    offered = at.selectbox(key=f"{key}-step-0").options  # as shown
    assert offered[0].startswith("Det udvalg, som regionsrådet har udpeget")
    assert not any(o.startswith(("Regionsrådet", "Forretningsudvalget")) for o in offered)
    assert any("Ændrer intet i puljeregnskabet" in c.value for c in at.caption)
    at.toggle(key=f"{key}-other").set_value(True).run()  # the council, before the committee
    other = at.selectbox(key=f"{key}-step-1")
    other.set_value(next(i for i, o in enumerate(other.options) if o.startswith("Regionsrådet")))
    at.date_input(key=f"{key}-date").set_value(dt.date(2025, 11, 13)).run()
    assert at.button(key=f"{key}-record").disabled  # no reason, no record
    preview = at.table[0].value
    assert set(preview["Bevilget"]) == {"+ 720.000 kr."} and set(preview["Reserveret"]) == {"—"}
    assert list(preview["År"]) == ["2027", "2028", "2029", "2030", "2031"]
    at.text_area(key=f"{key}-reason").set_value("Rådet behandlede sagen direkte").run()
    at.button(key=f"{key}-record").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Beslutningen er registreret."]
    key = f"decision-{case_id}-1"
    assert at.toggle(key=f"{key}-other").value is False  # the next decision starts afresh
    assert not any(o.startswith("Regionsrådet") for o in at.selectbox(key=f"{key}-step-0").options)
    assert any("(1 sager)" in c.value for c in at.caption)
    log = _table(at, "Rækkefølge")
    assert list(log["Rækkefølge"]) == ["UDEN FOR RÆKKEFØLGEN"]
    assert list(log["Begrundelse"]) == ["Rådet behandlede sagen direkte"]
    assert list(_table(at, "Detaljer")["Handling"]) == ["oprettet", "beslutning registreret"]
    withdraw = f"withdraw-{case_id}-1"
    assert at.button(key=f"{withdraw}-go").disabled
    assert set(at.table[0].value["Bevilget"]) == {"− 720.000 kr."}  # what goes back
    at.text_input(key=f"{withdraw}-reason").set_value("Registreret på den forkerte sag").run()
    at.button(key=f"{withdraw}-go").click().run()
    assert not at.exception
    assert any("(0 sager)" in c.value for c in at.caption)
    log = _table(at, "Rækkefølge")
    assert list(log["Type"]) == ["beslutning (tilbagekaldt)", "tilbagekaldelse"]
    audit = _table(at, "Detaljer")
    assert list(audit["Handling"])[-1] == "beslutning tilbagekaldt"
    assert set(audit["Af"]) == {"local"}


@pytest.mark.parametrize("page", ["chat.py", "explore.py", "learn.py", "rules.py", "cases.py"])
def test_every_page_has_an_english_version(page: str) -> None:
    at = _app()
    at.toggle(key="english").set_value(True).run()
    at.switch_page(str(PAGES / page)).run()
    assert not at.exception
    titles = {
        "chat.py": "Assess a proposal",
        "explore.py": "Explore approval paths",
        "learn.py": "Learn the process",
        "rules.py": "Rules",
        "cases.py": "Cases",
    }
    assert at.title[0].value == titles[page]


RAW = re.compile(
    r"(?<![\d.,/-])\d{6,}(?![\d])|\b(?:amount_dkk|ceiling_dkk|financing_found|result_payment"
    r"|risk_capital|no_ceiling|request_kind|payment_model_agreed)\b"
)


@pytest.mark.parametrize("english", [False, True], ids=["da", "en"])
@pytest.mark.parametrize("page", ["chat.py", "explore.py", "learn.py", "cases.py", "rules.py"])
def test_no_page_shows_a_field_code_or_an_unformatted_amount(page: str, english: bool) -> None:
    at = _app()
    at.toggle(key="english").set_value(english).run()
    at.chat_input[0].set_value(HERNING).run()
    at.switch_page(str(PAGES / page)).run()
    assert not at.exception
    texts = [
        e.value
        for kind in ("markdown", "caption", "info", "success", "warning", "error")
        for e in at.get(kind)
    ]
    texts += [e.label for e in at.expander]
    # rule ids ("approval.municipality.financing_found") are references, shown on purpose
    texts = [re.sub(r"`[^`]*`|\b[a-z]+(?:\.[a-z_]+)+\b", "", text) for text in texts]
    shown = [text for text in texts if RAW.search(text)]
    assert shown == [], shown[:3]


def test_a_question_with_few_answers_offers_them_as_buttons() -> None:
    at = _app()
    at.chat_input[0].set_value(
        "Regionen har et projekt med Samsø Kommune og DSI om rehabilitering."
    ).run()
    assert at.session_state["dialogue"]["pending"] == "request_kind"
    choice = next(b for b in at.button if b.label == "bemyndigelse")
    choice.click().run()
    assert not at.exception
    assert at.session_state["dialogue"]["draft"]["request_kind"] == "mandate"
    labels = {b.label for b in at.button}  # the next question is open: no choices offered
    assert "bemyndigelse" not in labels and "Ja" not in labels


def test_a_yes_or_no_question_offers_ja_and_nej() -> None:
    at = _app()
    text = (
        "Endelig godkendelse af investeringen med Herning Kommune som myndighed og "
        "resultatbetaler og DSI; regionen betaler "
        "maksimalt 3,6 mio. kr. i resultatbetaling i 2027-2031 fra puljen til øget lighed i "
        "sundhed. Regionshospitalet Gødstrup udfører indsatsen. Betalingsmålet er færre "
        "kontakter til sundhedsvæsenet. Indsatsperioden er 2026-2030 med 5 års effektopfølgning."
    )
    at.chat_input[0].set_value(text).run()
    assert at.session_state["dialogue"]["pending"] == "parties.Herning.financing_found"
    next(b for b in at.button if b.label == "Nej").click().run()
    assert not at.exception
    herning = next(
        p
        for p in at.session_state["dialogue"]["draft"]["parties"]
        if p["name"] == "Herning Kommune"
    )
    assert herning["financing_found"] is False
