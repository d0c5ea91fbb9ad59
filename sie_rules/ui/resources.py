"""Heavy objects built once per process (st.cache_resource), so a rerun rebuilds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from sie_rules.assessment import Assessment
from sie_rules.cases.ledger import PoolBook, PoolUsage
from sie_rules.cases.store import CaseRecord, CaseStore, StoreError, shared_store
from sie_rules.errors import EditConflict
from sie_rules.explain.wording import Lang, escape
from sie_rules.explain.worker import remembering, shared_evaluator
from sie_rules.intake import Intake, current_intake
from sie_rules.intake.conversation import DialogueState, Turn
from sie_rules.knowledge.examples import RealCase, load_cases
from sie_rules.paths import settings
from sie_rules.ui import identity
from sie_rules.ui.labels import LABELS, t

MAX_CHAT_CHARS = 20_000
EXPLORE_SAVED = "explore-saved"  # the saved case Udforsk was asked to start from
EXPLORE_START = "explore-start"  # the starting point Udforsk shows next time it opens
PAGES = Path(__file__).resolve().parent / "pages"


@st.cache_resource(show_spinner=False)
def store() -> CaseStore:
    return shared_store(settings().database)


@st.cache_resource(show_spinner=False)
def pool_book() -> PoolBook:
    return PoolBook(store(), current_intake().book.parameters)


def _usage(exclude: str | None) -> PoolUsage:
    """What saved cases use of the pools; nothing (with a warning) if the store is down."""
    try:
        return pool_book().usage(exclude)
    except StoreError as exc:
        store_problem(exc)
        return {}


def store_problem(exc: StoreError) -> None:
    st.warning(f"{t('store_down', lang())}: {escape(str(exc))}")


def intake() -> Intake:
    """The intake for this session's user: counting what saved cases already use of the
    pools, or, for a role without access to the case store (trainers), without the store."""
    return _intake(identity.user().may("read_cases"))


@st.cache_resource(show_spinner=False)
def _intake(counts_saved_cases: bool) -> Intake:
    base = current_intake()
    crash_dir = settings().data_dir / "crashes"
    usage = _usage if counts_saved_cases else None
    return Intake(
        base.book, base.lex, base.kb, usage, remembering(shared_evaluator(crash_dir).evaluate)
    )


def engine_failed(state: DialogueState, prompt: str, exc: Exception) -> DialogueState:
    """The chat after a turn the engine could not answer: the user's words stay in it."""
    state = state.model_copy(deep=True)
    text = f"{t('engine_failed', lang())} ({escape(str(exc))})."
    state.turns += [Turn(role="user", text=prompt), Turn(role="assistant", text=text)]
    return state


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


def keep_on_record(state: DialogueState, assessment: Assessment) -> DialogueState:
    """Save the chat's case and store the assessment shown, once per distinct result.

    The first assessment creates the case; later turns update it, unless someone else saved
    it since this chat last saw it (`EditConflict`). Every assessment shown is appended to
    the case's audit trail unless it equals the last one stored.
    """
    cases, actor = store(), identity.user()
    proposal = assessment.proposal.model_dump(mode="json", exclude_none=True)
    snapshot = _snapshot(proposal, len(state.turns))
    if st.session_state.get("saved_snapshot") != snapshot:
        case = cases.save_case(
            assessment.proposal.title,
            proposal,
            state.model_dump(mode="json", exclude={"case_id", "case_version"}),  # the dialogue
            case_id=state.case_id,
            actor=actor,
            expected_version=state.case_version,
        )
        if (state.case_id, state.case_version) != (case.id, case.version):
            state = state.model_copy(update={"case_id": case.id, "case_version": case.version})
            set_dialogue(state)
        st.session_state["saved_snapshot"] = snapshot
    signature = json.dumps(
        [assessment.rules_version, assessment.model_dump(mode="json")], sort_keys=True
    )
    if st.session_state.get("recorded") != [state.case_id, signature] and state.case_id:
        cases.record_assessment(state.case_id, assessment, actor=actor)
        st.session_state["recorded"] = [state.case_id, signature]
    return state


def open_case(case: CaseRecord) -> None:
    """Make a saved case, as it is now, the chat's case: its conversation, and its proposal as
    saved (a decision or another user's edit changes the proposal, not the conversation)."""
    state = DialogueState.model_validate(case.conversation or {})
    update = {"draft": case.proposal, "case_id": case.id, "case_version": case.version}
    set_dialogue(state.model_copy(update=update))
    # as saved: nothing to save again until the chat changes it
    st.session_state["saved_snapshot"] = _snapshot(case.proposal, len(state.turns))


def explore_case(case: CaseRecord, title: str) -> None:
    """Make a saved case, as it is now, the starting point of Udforsk (nothing is changed in
    it there: a reader explores it as well as a caseworker)."""
    st.session_state[EXPLORE_SAVED] = {"id": case.id, "title": title, "proposal": case.proposal}
    st.session_state[EXPLORE_START] = f"saved:{case.id}"


def show_conflict(conflict: EditConflict) -> None:
    """Someone saved the chat's case since this chat saw it: say who and what, and offer to
    load their version or to save this one over it (a deliberate, recorded overwrite)."""
    st.error(conflict_text(conflict))
    current = conflict.current
    assert isinstance(current, CaseRecord)
    left, right = st.columns(2)
    left.button(
        t("conflict_load", lang()), on_click=open_case, args=(current,), key="conflict-load"
    )
    right.button(
        t("conflict_keep", lang()),
        on_click=_overwrite,
        args=(current.version,),
        key="conflict-keep",
    )


def conflict_text(conflict: EditConflict) -> str:
    """Who saved the case in between, and the fields they changed, in the user's words."""
    # a field's form label without its hint: "Parter (roller adskilt med komma)" -> "Parter"
    names = [t(f, lang()).split(" (")[0] if f in LABELS else f for f in conflict.changed]
    fields = escape(", ".join(names) or "—")
    return t("conflict", lang(), who=escape(conflict.by), fields=fields)


def _overwrite(version: int) -> None:
    set_dialogue(dialogue().model_copy(update={"case_version": version}))
    st.session_state.pop("saved_snapshot", None)


def _snapshot(proposal: dict[str, Any], turns: int) -> str:
    """What a chat last saved: its proposal and how many turns it had."""
    return json.dumps([proposal, turns], sort_keys=True)
