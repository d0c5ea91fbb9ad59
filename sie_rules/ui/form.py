"""The proposal as an editable form beside the chat: every field the chat understood."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from sie_rules.errors import ProposalError
from sie_rules.explain.wording import Lang, escape
from sie_rules.intake.numbers import years_in
from sie_rules.model import AmountKind, PartyKind, RequestKind
from sie_rules.proposal_files import validate_proposal
from sie_rules.rules.rulebook import Rulebook
from sie_rules.ui.labels import t

_TRI = (None, True, False)


def tri_select(where: Any, label: str, value: bool | None, key: str, lang: Lang) -> bool | None:
    """Yes / no / don't know, for a fact that may be unknown."""
    return where.selectbox(  # type: ignore[no-any-return]
        label,
        _TRI,
        index=_TRI.index(value),
        key=key,
        format_func=lambda v: t("unknown", lang) if v is None else t("yes" if v else "no", lang),
    )


def _split(text: object) -> list[str]:
    return [x.strip() for x in str(text or "").split(",") if x.strip()]


def _years(text: object) -> list[int]:
    return years_in(str(text or ""))


def _year_text(years: list[int]) -> str:
    if not years:
        return ""
    return (
        f"{years[0]}-{years[-1]}"
        if years == list(range(years[0], years[-1] + 1))
        else ", ".join(map(str, years))
    )


def _clean(value: Any) -> Any:
    return (
        None
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
        else value
    )


def proposal_form(draft: dict[str, Any], book: Rulebook, lang: Lang) -> dict[str, Any] | None:
    """Show the form; return the edited, validated draft when the user saves it."""
    labels = book.parameters.labels
    kinds = list(RequestKind)
    with st.form("proposal-form"):
        title = st.text_input(t("title", lang), draft.get("title", ""), max_chars=200)
        current = draft.get("request_kind")
        request = st.selectbox(
            t("request_kind", lang),
            [None, *kinds],
            index=([None, *kinds].index(RequestKind(current)) if current else 0),
            format_func=lambda k: "—" if k is None else labels.request_kinds[k],
            key="form-kind",
        )
        parties = st.data_editor(
            pd.DataFrame(
                [
                    {
                        "name": p["name"],
                        "kind": p["kind"],
                        "roles": ", ".join(p.get("roles", [])),
                        "financing_found": p.get("financing_found"),
                        "legally_excluded": p.get("legally_excluded", False),
                    }
                    for p in draft.get("parties", [])
                ],
                columns=["name", "kind", "roles", "financing_found", "legally_excluded"],
            ),
            num_rows="dynamic",
            width="stretch",
            key="form-parties",
            column_config={
                "kind": st.column_config.SelectboxColumn(options=[k.value for k in PartyKind]),
                "roles": st.column_config.TextColumn(help=", ".join(labels.roles)),
            },
        )
        amounts = st.data_editor(
            pd.DataFrame(
                [
                    {
                        "kind": a["kind"],
                        "payer": a["payer"],
                        "recipient": a.get("recipient"),
                        "amount_dkk": a["amount_dkk"],
                        "ceiling_dkk": a.get("ceiling_dkk"),
                        "years": _year_text(a.get("years", [])),
                        "funding_source": a.get("funding_source"),
                    }
                    for a in draft.get("amounts", [])
                ],
                columns=[
                    "kind",
                    "payer",
                    "recipient",
                    "amount_dkk",
                    "ceiling_dkk",
                    "years",
                    "funding_source",
                ],
            ),
            num_rows="dynamic",
            width="stretch",
            key="form-amounts",
            column_config={
                "kind": st.column_config.SelectboxColumn(options=[k.value for k in AmountKind])
            },
        )
        goals = st.data_editor(
            pd.DataFrame(
                [
                    {"name": g["name"], "payers": ", ".join(g["payers"])}
                    for g in draft.get("payment_goals", [])
                ],
                columns=["name", "payers"],
            ),
            num_rows="dynamic",
            width="stretch",
            key="form-goals",
        )
        c1, c2, c3 = st.columns(3)
        start = c1.number_input(
            t("effort_start", lang), 2000, 2100, draft.get("effort_start"), step=1, key="form-start"
        )
        end = c2.number_input(
            t("effort_end", lang), 2000, 2100, draft.get("effort_end"), step=1, key="form-end"
        )
        follow = c3.number_input(
            t("follow_up", lang), 1, 30, draft.get("follow_up_years"), step=1, key="form-follow"
        )
        c4, c5 = st.columns(2)
        model = tri_select(
            c4, t("payment_model", lang), draft.get("payment_model_agreed"), "form-model", lang
        )
        financing = tri_select(
            c5, t("financing", lang), draft.get("financing_found"), "form-financing", lang
        )
        field_names = book.parameters.bodies.fields
        fields = st.multiselect(
            t("fields", lang),
            list(field_names),
            draft.get("fields", []),
            format_func=lambda f: field_names[f],
            key="form-fields",
        )
        c6, c7 = st.columns([1, 2])
        decision = c6.date_input(
            t("decision_date", lang),
            _date(draft.get("date")),
            help=t("decision_date_help", lang),
            format="DD.MM.YYYY",
            key="form-date",
        )
        in_force = [b.name for b in book.parameters.bodies_at(decision or dt.date.today())]
        decided = c7.multiselect(
            t("decided_by", lang),
            list(dict.fromkeys([*in_force, *draft.get("decided_by", [])])),
            draft.get("decided_by", []),
            key="form-decided",
        )
        saved = st.form_submit_button(t("save_proposal", lang))
    if not saved:
        return None
    try:
        raw = _collect(
            draft,
            title,
            request,
            parties,
            amounts,
            goals,
            fields,
            (start, end, follow, model, financing),
        )
        raw.pop("date", None)
        if decision is not None:
            raw["date"] = decision.isoformat()
        if decided:
            raw["decided_by"] = decided
        if "request_kind" in raw:
            validate_proposal(raw)
    except (ProposalError, ValueError, TypeError) as exc:
        st.error(f"{t('invalid', lang)}: {escape(str(exc))}")
        return None
    return raw


def _collect(
    draft: dict[str, Any],
    title: str,
    request: RequestKind | None,
    parties: pd.DataFrame,
    amounts: pd.DataFrame,
    goals: pd.DataFrame,
    fields: list[str],
    scalars: tuple[Any, ...],
) -> dict[str, Any]:
    start, end, follow, model, financing = scalars
    raw: dict[str, Any] = {
        "title": title.strip() or draft.get("title") or "Forslag",
        "parties": [
            {
                "name": str(r["name"]).strip(),
                "kind": r["kind"] or "other",
                "roles": _split(r["roles"]),
                "legally_excluded": bool(_clean(r["legally_excluded"])),
                **(
                    {"financing_found": bool(r["financing_found"])}
                    if _clean(r["financing_found"]) is not None
                    else {}
                ),
            }
            for r in parties.to_dict("records")
            if _clean(r["name"])
        ],
        "amounts": [
            {
                "kind": r["kind"],
                "payer": str(r["payer"]).strip(),
                "amount_dkk": int(r["amount_dkk"]),
                "years": _years(r["years"]),
                **{
                    k: (int(r[k]) if k == "ceiling_dkk" else str(r[k]).strip())
                    for k in ("recipient", "ceiling_dkk", "funding_source")
                    if _clean(r[k]) is not None
                },
            }
            for r in amounts.to_dict("records")
            if _clean(r["amount_dkk"]) is not None
        ],
        "payment_goals": [
            {"name": str(r["name"]).strip(), "payers": _split(r["payers"])}
            for r in goals.to_dict("records")
            if _clean(r["name"])
        ],
        "fields": fields,
    }
    for key, value in (
        ("request_kind", request),
        ("effort_start", start),
        ("effort_end", end),
        ("follow_up_years", follow),
        ("payment_model_agreed", model),
        ("financing_found", financing),
    ):
        if value is not None:
            raw[key] = value.value if isinstance(value, RequestKind) else value
    for key in (
        "dsi_theme",
        "cooperation_track",
        "target_group",
        "date",
        "regional_municipal_overlap",
        "scaling_potential",
    ):
        if key in draft:
            raw[key] = draft[key]
    return raw


def _date(value: object) -> dt.date | None:
    """The draft's decision date as a date (drafts hold it as text)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
