"""Saved cases: find, reopen into the chat, archive, see the history; and the pool ledger."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sie_rules.cases.store import StoreError
from sie_rules.explain.wording import escape
from sie_rules.intake.conversation import DialogueState
from sie_rules.money import format_dkk
from sie_rules.ui import resources
from sie_rules.ui.decisions import record_decision
from sie_rules.ui.labels import t

lang = resources.lang()
try:
    store = resources.store()
    store.stamps()
except StoreError as exc:
    resources.store_problem(exc)
    st.stop()

st.title(t("page_cases", lang))
st.caption(t("cases_intro", lang))
left, right = st.columns([3, 1])
search = left.text_input(t("search", lang), key="cases-search", max_chars=200)
archived = right.toggle(t("show_archived", lang), key="cases-archived")
cases = store.list_cases(search or None, include_archived=archived)
if not cases:
    st.info(t("no_cases", lang))
else:
    chosen = st.selectbox(
        t("case", lang),
        cases,
        key="cases-chosen",
        format_func=lambda c: (
            f"{c.updated_at:%Y-%m-%d %H:%M} · {c.label}"
            + (f" ({t('archived_mark', lang)})" if c.status == "archived" else "")
        ),
    )
    open_col, archive_col = st.columns(2)
    if open_col.button(t("open_in_chat", lang), key="cases-open"):
        state = DialogueState.model_validate(chosen.conversation or {"draft": chosen.proposal})
        resources.set_dialogue(state.model_copy(update={"case_id": chosen.id}))
        st.switch_page(resources.PAGES / "chat.py")
    if chosen.status != "archived" and archive_col.button(t("archive", lang), key="cases-archive"):
        store.archive(chosen.id)
        st.success(t("archived", lang))
        st.rerun()
    if chosen.status == "archived" and archive_col.button(t("restore", lang), key="cases-restore"):
        store.restore(chosen.id)
        st.success(t("restored", lang))
        st.rerun()
    if chosen.status != "archived":
        record_decision(store, chosen, lang)
    for document in store.documents(chosen.id):  # the files the case was read from
        st.download_button(
            t("document_download", lang, name=document.name),
            store.document_content(document.id),
            file_name=document.name,
            key=f"cases-document-{document.id}",
        )
    st.subheader(t("history", lang))
    history = store.history(chosen.id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("when_col", lang): f"{h.record.created_at:%Y-%m-%d %H:%M:%S}",
                    t("outcome", lang): t(h.record.outcome, lang),
                    t("rules_version", lang): h.record.rules_version,
                    t("why_col", lang): t(h.why, lang),
                }
                for h in history
            ]
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(t("ledger", lang))
st.caption(t("ledger_counts", lang, n=store.cases_in_ledger()))
rows = resources.pool_book().rows()
if rows:
    frame = pd.DataFrame(
        [
            {
                t("pool", lang): escape(r.pool),
                t("year", lang): str(r.year or "—"),
                t("reserved", lang): format_dkk(r.reserved_dkk),
                t("granted", lang): format_dkk(r.granted_dkk),
                t("budget", lang): format_dkk(r.budget_dkk) if r.budget_dkk is not None else "—",
                t("room", lang): format_dkk(r.room_dkk) if r.room_dkk is not None else "—",
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    dated = [r for r in rows if r.year is not None]
    if dated:
        st.bar_chart(
            pd.DataFrame(
                {
                    t("reserved", lang): [r.reserved_dkk for r in dated],
                    t("granted", lang): [r.granted_dkk for r in dated],
                },
                index=[str(r.year) for r in dated],
            ),
            height=240,
        )
