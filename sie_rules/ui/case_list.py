"""How the Sager page names a saved case: its proposal's title, what it asks for and with
whom, its status in words (kladde, besluttet, arkiveret) and who owns it - so that cases
described in the same words can still be told apart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sie_rules.cases.store import CaseRecord
from sie_rules.explain.wording import Lang, escape, in_words
from sie_rules.intake import current_intake
from sie_rules.model import RequestKind
from sie_rules.ui.labels import t

STATUS_WORD = {"open": "status_open", "decided": "status_decided", "archived": "status_archived"}
_TITLE_CHARS = 70


def title(case: CaseRecord) -> str:
    """The case's name - its proposal's title as the chat saved it, or the name it was given
    - cut to one line."""
    text = " ".join((case.label or str(case.proposal.get("title", ""))).split())
    return text if len(text) <= _TITLE_CHARS else text[: _TITLE_CHARS - 1].rstrip() + "…"


def about(case: CaseRecord, lang: Lang) -> str:
    """What the case asks for and with whom: 'endelig godkendelse · Herning Kommune, DSI'."""
    intake = current_intake()
    book, home = intake.book, intake.lex.data.home_party.name
    words = []
    kind = case.proposal.get("request_kind")
    if kind in {k.value for k in RequestKind}:
        words.append(in_words(book.parameters.labels.request_kinds[RequestKind(kind)], kind, lang))
    parties = [
        str(p.get("name"))
        for p in case.proposal.get("parties", [])
        if isinstance(p, dict) and p.get("name") and p.get("name") != home
    ]
    if parties:
        words.append(", ".join(parties[:3]) + (" …" if len(parties) > 3 else ""))
    return " · ".join(words)


def label(case: CaseRecord, lang: Lang) -> str:
    """The case in a list to choose from: its title and what it is about (what does not
    change while it is chosen: a list entry's words are not redrawn)."""
    return " · ".join(p for p in (title(case), about(case, lang)) if p)


def standing(case: CaseRecord, owner: str | None, lang: Lang) -> str:
    """Where the chosen case stands: 'Status: besluttet · ejer: Anne · senest ændret …'."""
    parts = [f"{t('status_col', lang)}: {t(STATUS_WORD[case.status], lang)}"]
    if owner:
        parts.append(t("owner_is", lang, name=escape(owner)))
    parts.append(f"{t('changed_col', lang).lower()} {case.updated_at:%d.%m.%Y %H:%M}")
    return " · ".join(parts)


def overview(cases: list[CaseRecord], owners: dict[str, str], lang: Lang) -> None:
    """The cases found, one row each: title, status, owner, last change, what about."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("title", lang): title(c),
                    t("status_col", lang): t(STATUS_WORD[c.status], lang),
                    t("owner_col", lang): owners.get(c.id, "—"),
                    t("changed_col", lang): f"{c.updated_at:%d.%m.%Y %H:%M}",
                    t("about_col", lang): about(c, lang),
                }
                for c in cases
            ]
        ),
        hide_index=True,
        width="stretch",
    )
