"""Every page of the Streamlit app, driven with AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sie_rules.intake import DialogueState, current_intake

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ROOT / "sie_rules" / "ui" / "pages"
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune og Den Sociale "
    "Investeringsfond; regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed."
)


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def _dot(at: AppTest) -> str:
    return "\n".join(chart.proto.spec for chart in at.get("graphviz_chart"))


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
    at.selectbox(key="form-kind").set_value("mandate")
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception
    assert "giver bemyndigelse" in _dot(at)
    assert at.session_state["dialogue"]["draft"]["request_kind"] == "mandate"


def test_explore_shows_the_difference_when_the_municipality_cannot_pay() -> None:
    at = _app()
    at.switch_page(str(PAGES / "explore.py")).run()
    assert not at.exception
    at.selectbox(key="explore-money").set_value(False).run()
    diff = [m.value for m in at.markdown if "background[" in m.value]
    assert any("Herning Kommune har fundet finansiering" in line for line in diff)
    assert any("Økonomiudvalget (Herning Kommune)" in line for line in diff)


def test_quiz_checks_the_answers() -> None:
    at = _app()
    at.switch_page(str(PAGES / "learn.py")).run()
    assert not at.exception
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
    assert any("3600000" in e.value for e in at.error)


def test_rules_page_filters_by_basis() -> None:
    at = _app()
    at.switch_page(str(PAGES / "rules.py")).run()
    assert not at.exception
    everything = len(at.expander)
    at.multiselect(key="rules-basis").set_value(["law"]).run()
    book = current_intake().book
    assert len(at.expander) == sum(r.basis == "law" for r in book.rules.values()) < everything


@pytest.mark.parametrize("page", ["chat.py", "explore.py", "learn.py", "rules.py"])
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
    }
    assert at.title[0].value == titles[page]
