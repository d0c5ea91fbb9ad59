"""The landing page: the chat, and beside it the assessment, the editable proposal and the memo."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sie_rules.assessment import Assessment
from sie_rules.cases.store import StoreError
from sie_rules.errors import EditConflict, EngineError, ProposalError
from sie_rules.explain.wording import escape
from sie_rules.intake.conversation import DialogueState
from sie_rules.intake.documents import DocumentError, DocumentText
from sie_rules.ui import browser, identity, resources
from sie_rules.ui.form import proposal_form
from sie_rules.ui.labels import t
from sie_rules.ui.panels import show_assessment, show_route
from sie_rules.ui.upload import read_upload


def _quick_answers(box: DeltaGenerator, state: DialogueState) -> str | None:
    """Buttons for the few likely answers to the pending question; the one clicked, if any."""
    pending = state.pending
    choices = intake.quick_answers(pending, lang, state.draft)
    if not choices:
        return None
    clicked = None
    with box:
        for row in range(0, len(choices), 2):  # two to a row: the labels stay whole
            for column, (label, text) in zip(st.columns(2), choices[row : row + 2], strict=False):
                if column.button(label, key=f"quick-{pending}-{text}", width="stretch"):
                    clicked = text
    return clicked


def _question(assessment: Assessment | None, pending: str | None) -> str | None:
    """The question the chat waits for an answer to, in the page's language."""
    missing = assessment.missing if assessment is not None else []
    return next((m.asked(lang) for m in missing if m.field == pending), None)


def _uploaded_document() -> DocumentText | None:
    """A Word or PDF file the user just uploaded, as text (once per file). A file that cannot
    be read is said in one line and changes nothing else: the chat and the draft stay."""
    upload = st.file_uploader(
        t("upload", lang), type=["docx", "pdf"], key="upload", max_upload_size=10
    )
    if upload is None or st.session_state.get("upload-read") == upload.file_id:
        return None
    st.session_state["upload-read"] = upload.file_id
    try:
        document = read_upload(upload.name, upload.getvalue())
        st.session_state["document-unsaved"] = (upload.name, upload.getvalue())
        return document
    except DocumentError as exc:
        st.error(escape(exc.in_language(lang)))
        return None


def _document_turn(document: DocumentText) -> str:
    """The chat's line for a document read: its name, and where reading stopped if it did."""
    unread = document.rest_unread(lang)
    return t("document_turn", lang, name=document.name) + (f". {unread}" if unread else "")


def _document_places(document: DocumentText) -> tuple[str, list[str]]:
    """Each fact read from the document with the page or paragraph it stands in, worked out
    once when the document is read (not again on every rerun of the page); none for a text
    too long or complex for the intake to read (the chat's answer has said so)."""
    try:
        _, evidence = intake.read(document.text)
    except ProposalError:
        evidence = []
    lines = [
        f"- {escape(e.value)} — «{escape(e.text[:120])}» ({document.place_of(e.start)})"
        for e in evidence
        if e.text
    ]
    return document.name, lines


lang = resources.lang()
browser.title(lang, t("page_chat", lang))  # refined below with what the page shows
actor = identity.require("assess", lang)
intake = resources.intake()
state = resources.dialogue()

st.title(t("page_chat", lang))
chat, side = st.columns([5, 6], gap="large")

with chat:
    if st.button(t("new_case", lang), key="new-case"):
        state = DialogueState()
        resources.set_dialogue(state)
        st.session_state.pop("document", None)
        st.session_state.pop("saved_snapshot", None)
    st.caption(t("chat_intro", lang))
    history = st.container()  # filled after the input is read, so the input sits below it
    notice = st.container()  # under the last message: a save refused (the case changed)
    quick = st.container()  # the likely answers to the pending question, one click each
    typed = st.chat_input(t("chat_placeholder", lang), max_chars=resources.MAX_CHAT_CHARS)
    clicked = None if typed else _quick_answers(quick, state)
    prompt = typed or clicked
    document = _uploaded_document()
    if document is not None:  # read like a description; the chat shows its name, not its text
        prompt = document.text
    if prompt:
        try:
            state = intake.respond(state, prompt).state
            if document is not None:
                state.turns[-2].text = _document_turn(document)
                st.session_state["document"] = _document_places(document)
        except EngineError as exc:
            state = resources.engine_failed(state, prompt, exc)
        resources.set_dialogue(state)
        if clicked:  # the buttons shown belong to the question just answered
            st.rerun()
        _quick_answers(quick, state)
    name, places = st.session_state.get("document", ("", []))
    if places and state.turns:
        with st.expander(t("where_in_document", lang, name=name)):
            st.markdown("\n".join(places))
    with history:
        for turn in state.turns:
            with st.chat_message(turn.role):
                # the user's words are escaped: shown as typed, never as Markdown or HTML
                st.markdown(escape(turn.text) if turn.role == "user" else turn.text)

stale: ProposalError | None = None  # the draft can no longer be assessed: why
try:
    assessment = intake.assess(state.draft, state.case_id) if state.draft else None
except ProposalError as exc:
    assessment, stale = None, exc
except EngineError as exc:
    st.error(f"{t('engine_failed', lang)} ({escape(str(exc))}).")
    assessment = None
if assessment is not None:
    st.session_state["last-assessment"] = assessment
    shown = (assessment.proposal.title, t(assessment.outcome, lang))
    browser.title(lang, t("page_chat", lang), *shown)

if assessment is not None:
    try:
        state = resources.keep_on_record(state, assessment)
        unsaved = st.session_state.pop("document-unsaved", None)
        if unsaved and state.case_id:  # the original file, kept with the case
            resources.store().attach_document(state.case_id, *unsaved, actor=actor)
    except EditConflict as exc:  # saved elsewhere since this chat saw it: nothing was saved
        with notice:
            resources.show_conflict(exc)
    except StoreError as exc:
        resources.store_problem(exc)

with side:
    # only the open tab is built (a rerun builds the assessment or the form, not both)
    tab_assessment, tab_proposal = st.tabs(
        [t("tab_assessment", lang), t("tab_proposal", lang)], key="chat-tabs", on_change="rerun"
    )
    with tab_proposal:
        if tab_proposal.open:
            edited = proposal_form(state.draft, intake.book, lang)
            if edited is not None:
                state.draft = edited
                resources.set_dialogue(state)
                st.success(t("saved", lang))
                st.rerun()
    with tab_assessment:
        if tab_assessment.open:
            previous = st.session_state.get("last-assessment") if stale and state.draft else None
            if previous is not None:  # an edit made the draft incomplete: the last one, marked
                st.warning(f"{t('stale', lang)} {escape(str(stale))}")
                show_assessment(previous, intake.book, intake.kb, lang, key="stale", route=False)
            elif assessment is None:
                st.info(t("no_assessment", lang))
            else:
                show_assessment(assessment, intake.book, intake.kb, lang, route=False)

if assessment is not None and assessment.tracks:  # the route, full width, legible on a projector
    show_route(assessment, intake.book, intake.kb, lang)

if prompt:  # after a turn: the input in view under the reply, the question read out
    input_box = "[data-testid=stChatInput]"
    browser.focus(f"{input_box} textarea", len(state.turns), "end", whole=input_box)
    question = _question(assessment, state.pending)
    if question:
        browser.announce(question, len(state.turns))
