"""The proposal as an editable form beside the chat: every field the chat understood.

Saving changes only what the user changed (`form_data.patched`); an untouched form is a
no-op. The widgets are reset whenever the draft changes elsewhere (the chat, Explore), so
the form always shows the draft, not what it showed before."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from sie_rules.errors import ProposalError
from sie_rules.explain.wording import Lang, escape, in_words
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role
from sie_rules.proposal_files import validate_proposal
from sie_rules.rules.rulebook import Rulebook
from sie_rules.ui.form_data import form_values, patched
from sie_rules.ui.labels import t
from sie_rules.ui.language_switch import worded

_TRI = (None, True, False)


def _tri_label(value: bool | None, lang: Lang) -> str:
    return t("unknown", lang) if value is None else t("yes" if value else "no", lang)


def tri_select(where: Any, label: str, value: bool | None, key: str, lang: Lang) -> bool | None:
    """Yes / no / don't know, for a fact that may be unknown (its labels follow the language:
    `language_switch`)."""
    return where.selectbox(  # type: ignore[no-any-return]
        label,
        _TRI,
        index=_TRI.index(value),
        key=worded(key),
        format_func=lambda v: _tri_label(v, lang),
        placeholder=t("choose", lang),
    )


def _follow_the_draft(draft: dict[str, Any], shown: dict[str, Any]) -> None:
    """When the draft has changed since the form was drawn (the chat, Explore), or the form
    was not drawn in the last run (another tab was open: Streamlit forgets the values of
    widgets it did not draw), give every widget the draft's value: a browser keeps a widget's
    old value otherwise, and saving would write it back (the request kind came back as "—",
    the title empty and the years as 2000)."""
    revision = json.dumps(draft, sort_keys=True, default=str)
    drawn = "form-title" in st.session_state  # the form's widgets live or die together
    if st.session_state.get("form-revision") == revision and drawn:
        return
    kind = shown["request_kind"]
    values = {
        "form-title": shown["title"],
        "form-kind": RequestKind(kind) if kind else None,
        "form-start": shown["effort_start"],
        "form-end": shown["effort_end"],
        "form-follow": shown["follow_up_years"],
        "form-model": shown["payment_model_agreed"],
        "form-financing": shown["financing_found"],
        "form-fields": shown["fields"],
        "form-date": shown["date"],
        "form-decided": shown["decided_by"],
    }
    for key in ("form-parties", "form-amounts", "form-goals"):  # their edits, not their data
        st.session_state.pop(key, None)
    st.session_state.update(values)
    st.session_state["form-revision"] = revision


def _column(lang: Lang, code: str, **options: Any) -> Any:
    return st.column_config.Column(t(f"col_{code}", lang), **options)


def proposal_form(draft: dict[str, Any], book: Rulebook, lang: Lang) -> dict[str, Any] | None:
    """Show the form; return the changed, validated draft when the user saves a change."""
    labels = book.parameters.labels
    shown = form_values(draft)
    _follow_the_draft(draft, shown)
    left: dict[str, Any] = {}
    kinds = [None, *RequestKind]
    with st.form("proposal-form"):
        left["title"] = st.text_input(t("title", lang), max_chars=200, key="form-title")
        left["request_kind"] = st.selectbox(
            t("request_kind", lang),
            kinds,
            format_func=lambda k: "—" if k is None else in_words(labels.request_kinds[k], k, lang),
            key=worded("form-kind"),
        )
        left["parties"] = st.data_editor(
            shown["parties"],
            num_rows="dynamic",
            width="stretch",
            key="form-parties",
            column_config={
                "name": _column(lang, "name"),
                "kind": st.column_config.SelectboxColumn(
                    t("col_kind", lang),
                    options=[k.value for k in PartyKind],
                    format_func=lambda k: in_words(labels.party_kinds[PartyKind(str(k))], k, lang),
                ),
                "roles": st.column_config.MultiselectColumn(
                    t("col_roles", lang),
                    options=[r.value for r in Role],
                    format_func=lambda r: in_words(labels.roles[Role(r)], r, lang),
                ),
                "financing_found": st.column_config.CheckboxColumn(t("col_financing", lang)),
                "legally_excluded": st.column_config.CheckboxColumn(t("col_excluded", lang)),
            },
        )
        left["amounts"] = st.data_editor(
            shown["amounts"],
            num_rows="dynamic",
            width="stretch",
            key="form-amounts",
            column_config={
                "kind": st.column_config.SelectboxColumn(
                    t("col_amount_kind", lang),
                    options=[k.value for k in AmountKind],
                    format_func=lambda k: in_words(
                        labels.amount_kinds[AmountKind(str(k))], k, lang
                    ),
                ),
                "payer": _column(lang, "payer"),
                "recipient": _column(lang, "recipient"),
                "amount_dkk": st.column_config.NumberColumn(
                    t("col_amount", lang), format="localized"
                ),
                "ceiling_dkk": st.column_config.NumberColumn(
                    t("col_ceiling", lang), format="localized"
                ),
                "years": _column(lang, "years"),
                "funding_source": _column(lang, "funding_source"),
            },
        )
        left["goals"] = st.data_editor(
            shown["goals"],
            num_rows="dynamic",
            width="stretch",
            key="form-goals",
            column_config={"name": _column(lang, "goal"), "payers": _column(lang, "payers")},
        )
        c1, c2, c3 = st.columns(3)
        left["effort_start"] = c1.number_input(
            t("effort_start", lang), 2000, 2100, step=1, key="form-start"
        )
        left["effort_end"] = c2.number_input(
            t("effort_end", lang), 2000, 2100, step=1, key="form-end"
        )
        left["follow_up_years"] = c3.number_input(
            t("follow_up", lang), 1, 30, step=1, key="form-follow"
        )
        c4, c5 = st.columns(2)
        # the widgets' values come from the session state (_follow_the_draft)
        left["payment_model_agreed"] = tri_select(
            c4, t("payment_model", lang), None, "form-model", lang
        )
        left["financing_found"] = tri_select(c5, t("financing", lang), None, "form-financing", lang)
        field_names = book.parameters.bodies.fields
        left["fields"] = st.multiselect(
            t("fields", lang),
            list(field_names),
            format_func=lambda f: field_names[f],
            placeholder=t("choose", lang),
            key="form-fields",
        )
        c6, c7 = st.columns([1, 2])
        left["date"] = c6.date_input(
            t("decision_date", lang),
            help=t("decision_date_help", lang),
            format="DD.MM.YYYY",
            key="form-date",
        )
        in_force = [b.name for b in book.parameters.bodies_at(left["date"] or dt.date.today())]
        left["decided_by"] = c7.multiselect(
            t("decided_by", lang),
            list(dict.fromkeys([*in_force, *shown["decided_by"]])),
            placeholder=t("choose", lang),
            key="form-decided",
        )
        saved = st.form_submit_button(t("save_proposal", lang))
    if not saved:
        return None
    try:
        raw = patched(draft, shown, left)
        if raw is None:
            st.info(t("no_change", lang))
            return None
        if "request_kind" in raw:
            validate_proposal(raw)
    except (ProposalError, ValueError, TypeError) as exc:
        st.error(f"{t('invalid', lang)}: {escape(str(exc))}")
        return None
    return raw
