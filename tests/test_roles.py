"""Each role sees and may do exactly what issue #15 lists, page by page (the app in local
mode with SIE_LOCAL_ROLE; the browser test signs in through a real OIDC provider), and a
chat whose case was saved elsewhere is told so instead of overwriting it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sie_rules.access import Actor
from sie_rules.cases.store import CaseStore
from sie_rules.intake import DialogueState, current_intake
from sie_rules.ui import resources

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "sie_rules" / "ui" / "pages"
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune som myndighed og "
    "resultatbetaler og Den Sociale Investeringsfond; regionen betaler maksimalt 3,6 mio. "
    "kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed. Vi beder om bemyndigelse."
)
BO = Actor("oidc|bo", "Bo Sagsbehandler", ("sagsbehandler",))
SEES = {
    "sagsbehandler": {"chat.py", "explore.py", "learn.py", "cases.py", "rules.py"},
    "laeser": {"explore.py", "cases.py"},
    "underviser": {"explore.py", "learn.py"},
}
TITLES = {
    "chat.py": "Vurdér et forslag",
    "explore.py": "Udforsk godkendelsesveje",
    "learn.py": "Lær processen",
    "cases.py": "Sager",
    "rules.py": "Regler",
}


@pytest.fixture(autouse=True)
def case_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("SIE_DATABASE_URL", url)
    st.cache_resource.clear()
    store = CaseStore(url)
    state = current_intake().respond(DialogueState(), HERNING).state
    store.save_case("Herning", state.draft, state.model_dump(mode="json"), actor=BO)
    store.close()
    yield url
    resources.store().close()
    st.cache_resource.clear()


def _audit(at: AppTest) -> pd.DataFrame:
    """The Sager page's audit trail (the table with the details of each action)."""
    return next(d.value for d in at.dataframe if "Detaljer" in d.value.columns)


def _app(role: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SIE_LOCAL_ROLE", role)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


@pytest.mark.parametrize("page", sorted(TITLES))
@pytest.mark.parametrize("role", sorted(SEES))
def test_each_role_sees_exactly_its_pages(
    role: str, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(role, monkeypatch)
    assert not at.exception
    if page not in SEES[role]:  # not in the navigation: no link, no address that opens it
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(str(PAGES / page))
        return
    at.switch_page(str(PAGES / page)).run()
    assert not at.exception and not at.error
    assert at.title[0].value == TITLES[page]


def test_a_reader_reads_cases_and_takes_the_memo_but_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, case_database: str
) -> None:
    at = _app("laeser", monkeypatch)
    at.switch_page(str(PAGES / "cases.py")).run()
    assert not at.exception
    keys = {b.key for b in at.button}
    assert not keys & {"cases-open", "cases-archive", "cases-restore"}
    assert not any(k.startswith(("decision-", "withdraw-")) for k in keys)
    assert "cases-explore" in keys  # a reader explores the case, read-only
    assert any("kun en sagsbehandler" in c.value for c in at.caption)
    memo = [b.proto.label for b in at.get("download_button")]
    assert memo == ["Hent notat (Markdown)", "Hent notat (Word)"]
    audit = _audit(at)
    assert list(audit["Af"]) == ["Bo Sagsbehandler"]
    at.button(key="cases-explore").click().run()  # the case in front of them, in Udforsk
    assert not at.exception and at.title[0].value == "Udforsk godkendelsesveje"
    assert at.selectbox(key="explore-case").value.startswith("saved:")
    store = CaseStore(case_database)
    (case,) = store.list_cases()
    assert store.audit_trail(case.id)[-1].action == "create"  # exploring changes nothing
    store.close()


def test_a_caseworker_may_change_a_case_and_is_recorded_as_the_author(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = _app("sagsbehandler", monkeypatch)
    at.switch_page(str(PAGES / "cases.py")).run()
    at.button(key="cases-archive").click().run()
    assert not at.exception
    at.toggle(key="cases-archived").set_value(True).run()  # archived cases are hidden
    audit = _audit(at)
    assert list(zip(audit["Handling"], audit["Af"], strict=True)) == [
        ("oprettet", "Bo Sagsbehandler"),
        ("arkiveret", "local"),
    ]


def test_a_chat_whose_case_was_saved_elsewhere_is_told_and_can_load_that_version(
    monkeypatch: pytest.MonkeyPatch, case_database: str
) -> None:
    at = _app("sagsbehandler", monkeypatch)
    at.chat_input[0].set_value(HERNING).run()
    case_id = at.session_state["dialogue"]["case_id"]
    store = CaseStore(case_database)
    opened = store.get(case_id)
    store.save_case(
        opened.label,
        {**opened.proposal, "title": "Bos udgave"},
        opened.conversation,
        case_id=case_id,
        actor=BO,
        expected_version=opened.version,
    )
    store.close()
    at.chat_input[0].set_value("Kommunen har fundet finansieringen.").run()
    assert not at.exception
    assert any("Bo Sagsbehandler" in e.value and "Titel" in e.value for e in at.error)
    at.button(key="conflict-load").click().run()
    assert not at.exception
    assert not at.error  # this chat now works on Bo's version, saved on top of it
    store = CaseStore(case_database)
    saved = store.get(case_id)
    store.close()
    assert at.session_state["dialogue"]["draft"]["title"] == saved.proposal["title"] == "Bos udgave"
    assert at.session_state["dialogue"]["case_version"] == saved.version >= 2
