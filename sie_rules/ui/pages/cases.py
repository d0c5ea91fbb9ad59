"""Saved cases: find, reopen into the chat, archive, see the history, who did what and the
memo; and the pool ledger. Readers see everything here; only caseworkers change a case."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sie_rules.cases.store import StoreError
from sie_rules.errors import EditConflict, EngineError, ProposalError
from sie_rules.explain.wording import escape
from sie_rules.money import format_dkk
from sie_rules.ui import browser, case_list, identity, resources
from sie_rules.ui.charts import stacked_bars
from sie_rules.ui.decisions import record_decision, show_log, withdraw_decision
from sie_rules.ui.labels import t
from sie_rules.ui.panels import show_assessment


def _detail(detail: dict[str, object] | None) -> str:
    """An audit event's detail as one line: 'version: 2; changed: title, amounts'."""
    return "; ".join(
        f"{key}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for key, v in sorted((detail or {}).items())
    )


lang = resources.lang()
browser.title(lang, t("page_cases", lang))  # refined below with what the page shows
actor = identity.require("read_cases", lang)
try:
    store = resources.store()
    store.ledger_version()  # the database answers
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
    owners = store.owners()
    case_list.overview(cases, owners, lang)
    by_id = {c.id: c for c in cases}
    chosen = by_id[  # chosen by id: the case as read now (a widget may hand back its old copy)
        st.selectbox(
            t("case", lang),
            list(by_id),
            key="cases-chosen",
            format_func=lambda i: case_list.label(by_id[i], lang),
        )
    ]
    st.caption(case_list.standing(chosen, owners.get(chosen.id), lang))
    browser.title(lang, t("page_cases", lang), case_list.title(chosen))
    open_col, explore_col, archive_col = st.columns(3)
    if not actor.may("edit_cases"):
        st.caption(t("read_only", lang))
    if actor.may("assess") and open_col.button(t("open_in_chat", lang), key="cases-open"):
        resources.open_case(chosen)
        st.switch_page(resources.PAGES / "chat.py")
    if actor.may("explore") and explore_col.button(t("explore_case", lang), key="cases-explore"):
        resources.explore_case(chosen, case_list.title(chosen))
        st.switch_page(resources.PAGES / "explore.py")
    change = None
    if actor.may("edit_cases") and chosen.status != "archived":
        if archive_col.button(t("archive", lang), key="cases-archive"):
            change = (store.archive, "archived")
    elif actor.may("edit_cases") and archive_col.button(t("restore", lang), key="cases-restore"):
        change = (store.restore, "restored")
    if change is not None:
        act, done = change
        try:  # as shown here: a save in between is reported, never overwritten
            act(chosen.id, actor=actor, expected_version=chosen.version)
            st.success(t(done, lang))
            st.rerun()
        except EditConflict as exc:
            st.error(resources.conflict_text(exc))
    st.subheader(t("decisions", lang))
    st.caption(t("decisions_intro", lang))
    log = store.decisions(chosen.id)
    show_log(log, lang)
    if actor.may("edit_cases") and chosen.status != "archived":
        record_decision(store, chosen, log, lang)
        withdraw_decision(store, chosen, log, lang)
    with st.expander(t("current_assessment", lang)):
        intake = resources.intake()
        try:
            now = intake.assess(chosen.proposal, chosen.id)
            show_assessment(now, intake.book, intake.kb, lang, key="case")
        except (ProposalError, EngineError) as exc:
            st.warning(escape(str(exc)))
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
                    t("by_col", lang): h.by,
                }
                for h in history
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("audit", lang))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("when_col", lang): f"{e.at:%Y-%m-%d %H:%M:%S}",
                    t("by_col", lang): e.actor_name,
                    t("action_col", lang): t(f"audit_{e.action}", lang),
                    t("detail_col", lang): _detail(e.detail),
                }
                for e in store.audit_trail(chosen.id)
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
        stacked_bars(
            [
                {"year": str(r.year), "state": t(state, lang), "amount_dkk": amount}
                for r in dated
                for state, amount in (("reserved", r.reserved_dkk), ("granted", r.granted_dkk))
            ],
            x="year",
            y="amount_dkk",
            stack="state",
            titles={"year": t("year", lang), "amount_dkk": "kr.", "state": ""},
            height=320,  # with the legend under the bars
            lang=lang,
        )
