"""Heavy objects built once per process (st.cache_resource), so a rerun rebuilds nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..cases_library import RealCase, load_cases
from ..intake import Intake, current_intake
from ..intake.dialogue import DialogueState
from ..paths import settings
from .labels import Lang

MAX_CHAT_CHARS = 20_000


@st.cache_resource(show_spinner=False)
def intake() -> Intake:
    return current_intake()


@st.cache_resource(show_spinner=False)
def real_cases() -> tuple[RealCase, ...]:
    return load_cases(settings().knowledge_dir.resolve())


def lang() -> Lang:
    value = st.session_state.get("lang", "da")
    return "en" if value == "en" else "da"


def dialogue() -> DialogueState:
    raw: Any = st.session_state.get("dialogue")
    return DialogueState.model_validate(raw) if raw else DialogueState()


def set_dialogue(state: DialogueState) -> None:
    st.session_state["dialogue"] = state.model_dump(mode="json")
