"""A saved case's decisions on the Sager page: the decision log as recorded (everyone), and for
caseworkers recording a decision along the route - the steps that may decide now, another
step only with a reason, and what it moves in the pool ledger shown before it is saved - and
withdrawing one with a reason (an entry in the log, never a deletion)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from sie_rules.assessment import Step, Track
from sie_rules.cases import decisions
from sie_rules.cases.store import CaseRecord, CaseStore, DecisionRecord
from sie_rules.errors import EditConflict, EngineError, ProposalError
from sie_rules.explain.wording import ACTIONS, STATES, Lang, escape
from sie_rules.money import format_dkk
from sie_rules.ui import identity, resources
from sie_rules.ui.labels import t

_DONE = "decision-saved"  # what the last save did, said once after the page is drawn again
_ROUND = "decision-round"


def show_log(log: list[DecisionRecord], lang: Lang) -> None:
    """Every decision recorded on the case and every withdrawal, oldest first."""
    if done := st.session_state.pop(_DONE, None):
        st.success(done)
    if not log:
        st.caption(t("no_decisions", lang))
        return
    withdrawn = {e.withdraws for e in log if e.withdraws is not None}
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("when_col", lang): f"{e.at:%Y-%m-%d %H:%M}",
                    t("col_kind", lang): t(_kind(e, withdrawn), lang),
                    t("decided_body", lang): e.body,
                    t("decision_date", lang): f"{e.decided_on:%d.%m.%Y}" if e.decided_on else "",
                    t("order_col", lang): t(_order(e), lang) if e.withdraws is None else "",
                    t("reason", lang): e.reason or "",
                    t("by_col", lang): e.actor_name,
                }
                for e in log
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def record_decision(
    store: CaseStore, case: CaseRecord, log: list[DecisionRecord], lang: Lang
) -> None:
    """Record a decision on the case's route, its effect on the ledger shown first."""
    route = _route(case, lang)
    if route is None:
        return
    st.markdown(f"**{t('record_decision', lang)}**")
    now = decisions.steps_now(route)
    later = [(tr, s) for tr, s in decisions.open_steps(route) if s.state != "now"]
    if not now and not later:
        st.caption(t("route_decided", lang))
        return
    key = f"decision-{case.id}-{_round(case)}"
    out_of_order = not now or st.toggle(t("out_of_order_toggle", lang), key=f"{key}-other")
    steps = later if out_of_order else now
    if not now:
        st.caption(t("none_may_decide_now", lang))
    chosen: int = st.selectbox(
        t("step_to_record", lang) if out_of_order else t("steps_now", lang),
        list(range(len(steps))),
        format_func=lambda i: _step_words(steps[i][0], steps[i][1], lang),
        key=f"{key}-step-{int(out_of_order)}",
    )
    reason = ""
    if out_of_order:
        reason = st.text_area(t("reason_required", lang), key=f"{key}-reason", max_chars=1000)
    on = st.date_input(
        t("decision_date", lang), dt.date.today(), format="DD.MM.YYYY", key=f"{key}-date"
    )
    body, actor = steps[chosen][1].body, identity.user()
    entry = decisions.decision(case, route, body, on, reason, store.parameters, actor)
    _show_effect(decisions.effect(case, log, entry, store.parameters), lang)  # what saving does
    if st.button(
        t("record", lang),
        key=f"{key}-record",
        type="primary",
        disabled=out_of_order and not reason.strip(),
    ):
        _save(
            lambda: store.record_decision(
                case.id,
                body,
                on,
                route=route,
                reason=reason or None,
                actor=actor,
                expected_version=case.version,
            ),
            t("recorded", lang),
            case,
        )


def withdraw_decision(
    store: CaseStore, case: CaseRecord, log: list[DecisionRecord], lang: Lang
) -> None:
    """Withdraw a standing decision with a reason, its effect on the ledger shown first."""
    standing = decisions.standing(log)
    if not standing:
        return
    st.markdown(f"**{t('withdraw_decision', lang)}**")
    key = f"withdraw-{case.id}-{_round(case)}"
    chosen = st.selectbox(
        t("decision_to_withdraw", lang),
        [d.id for d in standing],
        format_func=lambda i: _decision_words(next(d for d in standing if d.id == i)),
        key=f"{key}-which",
    )
    reason = st.text_input(t("reason_required", lang), key=f"{key}-reason", max_chars=1000)
    actor = identity.user()
    entry = decisions.withdrawal(case, log, chosen, reason, actor)
    _show_effect(decisions.effect(case, log, entry, store.parameters), lang)  # what saving does
    if st.button(t("withdraw", lang), key=f"{key}-go", disabled=not reason.strip()):
        _save(
            lambda: store.withdraw_decision(
                case.id, chosen, reason, actor=actor, expected_version=case.version
            ),
            t("withdrawn", lang),
            case,
        )


def _route(case: CaseRecord, lang: Lang) -> list[Track] | None:
    """The case's route as its proposal gives it now; None (said why) when it cannot be
    assessed - a decision is recorded on a step of the route."""
    try:
        return resources.intake().assess(case.proposal, case.id).tracks
    except (ProposalError, EngineError) as exc:
        st.warning(f"{t('no_route_to_record', lang)} ({escape(str(exc))})")
        return None


def _show_effect(movements: list[decisions.Movement], lang: Lang) -> None:
    """What the change moves in the pool ledger, per pool and year, before it is saved."""
    if not movements:
        st.caption(t("moves_nothing", lang))
        return
    st.caption(t("moves", lang))
    st.table(
        pd.DataFrame(
            [
                {
                    t("pool", lang): m.pool,
                    t("year", lang): str(m.year or "—"),
                    t("reserved", lang): _signed(m.reserved_dkk),
                    t("granted", lang): _signed(m.granted_dkk),
                }
                for m in movements
            ]
        ).set_index(t("pool", lang))
    )


def _save(act: Callable[[], object], done: str, case: CaseRecord) -> None:
    """Save; said above the log once the page is drawn again, with new widgets (the next
    decision starts afresh, and no widget shows a step or a label from before)."""
    try:  # on the case as shown: a save in between is reported, never overwritten
        act()
    except EditConflict as exc:
        st.error(resources.conflict_text(exc))
        return
    except ProposalError as exc:
        st.error(escape(str(exc)))
        return
    st.session_state[f"{_ROUND}-{case.id}"] = _round(case) + 1
    st.session_state[_DONE] = done
    st.rerun()


def _round(case: CaseRecord) -> int:
    """How many decisions and withdrawals this session has saved on the case (its widgets'
    keys carry it)."""
    return int(st.session_state.get(f"{_ROUND}-{case.id}", 0))


def _signed(dkk: int) -> str:
    if not dkk:
        return "—"
    return ("+ " if dkk > 0 else "− ") + format_dkk(abs(dkk))


def _step_words(track: Track, step: Step, lang: Lang) -> str:
    """'Forretningsudvalget afgiver erklæring · Region Midtjylland, trin 2 (senere)'."""
    state = f" ({STATES[lang][step.state]})" if step.state != "now" else ""
    return (
        f"{step.body} {ACTIONS[lang][step.action]} · {track.actor}, "
        f"{t('step_word', lang)} {step.order}{state}"
    )


def _decision_words(d: DecisionRecord) -> str:
    on = f" {d.decided_on:%d.%m.%Y}" if d.decided_on else ""
    return f"{d.body}{on} ({d.actor_name})"


def _kind(e: DecisionRecord, withdrawn: set[int]) -> str:
    if e.withdraws is not None:
        return "log_withdrawal"
    return "log_withdrawn" if e.id in withdrawn else "log_standing"


def _order(e: DecisionRecord) -> str:
    return {True: "log_out_of_order", False: "log_in_order", None: "log_unchecked"}[e.out_of_order]
