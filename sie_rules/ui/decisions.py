"""Recording a decision on a saved case: which body decided and when. Only a recorded
decision moves money in the pool ledger (a mandate reserves, a final decision grants); a
chat, however often assessed, is a draft."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from sie_rules.cases.store import CaseRecord, CaseStore
from sie_rules.errors import EditConflict, EngineError, ProposalError
from sie_rules.explain.wording import Lang, escape
from sie_rules.ui import identity, resources
from sie_rules.ui.labels import t


def record_decision(store: CaseStore, case: CaseRecord, lang: Lang) -> None:
    decided = case.proposal.get("decided_by", [])
    if decided:
        st.caption(f"{t('decided_by', lang)}: {escape(', '.join(decided))}")
    with st.form(f"decision-{case.id}"):
        st.markdown(f"**{t('record_decision', lang)}**")
        left, right = st.columns(2)
        on = left.date_input(t("decision_date", lang), dt.date.today(), format="DD.MM.YYYY")
        body = right.selectbox(t("decided_body", lang), _open_steps(case), key="cases-decided-body")
        st.caption(t("record_decision_help", lang))
        if st.form_submit_button(t("record", lang)) and body:
            try:  # on the case as shown: a save in between is reported, never overwritten
                store.record_decision(
                    case.id, body, on, actor=identity.user(), expected_version=case.version
                )
            except EditConflict as exc:
                st.error(resources.conflict_text(exc))
                return
            st.success(t("recorded", lang))
            st.rerun()


def _open_steps(case: CaseRecord) -> list[str]:
    """The bodies on the case's route that have not decided yet, on every track (a
    municipality's council too); for a draft that cannot be assessed, the bodies in force."""
    intake = resources.intake()
    try:
        route = intake.assess(case.proposal, case.id).tracks
    except (ProposalError, EngineError):
        return [b.name for b in intake.book.parameters.bodies_at(dt.date.today())]
    return list(dict.fromkeys(s.body for t in route for s in t.steps if s.state != "done"))
