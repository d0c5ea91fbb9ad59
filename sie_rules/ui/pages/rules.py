"""Browse every rule with its basis, source and the real cases that fire it."""

from __future__ import annotations

import streamlit as st
import yaml

from sie_rules.explain.wording import escape
from sie_rules.ui import browser, identity, resources
from sie_rules.ui.labels import t
from sie_rules.ui.language_switch import worded
from sie_rules.ui.panels import basis_badge, show_source


@st.cache_data(show_spinner=False)
def fired_by_case(rules_version: str) -> dict[str, list[str]]:
    """Rule id -> titles of the real cases whose assessment fires it."""
    intake = resources.intake()
    found: dict[str, list[str]] = {}
    for case in resources.real_cases():
        assessment = intake.assess(case.proposal.model_dump(mode="json", exclude_none=True))
        for rule in set(assessment.fired):
            found.setdefault(rule, []).append(case.title)
    return found


lang = resources.lang()
browser.title(lang, t("page_rules", lang))
identity.require("rules", lang)
book = resources.intake().book
st.title(t("page_rules", lang))
st.caption(t("rules_intro", lang))
bases = ["law", "agreement", "practice", "assumption"]
search_col, basis_col = st.columns([2, 3])
query = search_col.text_input(t("search", lang), key="rules-search", max_chars=200)
chosen = basis_col.multiselect(
    t("basis", lang),
    bases,
    bases,
    format_func=lambda b: t(b, lang),
    key=worded("rules-basis"),
    placeholder=t("choose", lang),
)
as_data = st.toggle(t("rules_as_data", lang), key="rules-as-data")
words = query.casefold().split()
fired = fired_by_case(book.version)
for rule in book.rules.values():
    title, explanation = rule.words(lang)
    text = f"{rule.id} {rule.title} {rule.explanation} {title} {explanation} {rule.note or ''}"
    if rule.basis not in chosen or not all(w in text.casefold() for w in words):
        continue
    with st.expander(f"{escape(title)} · {rule.id}"):
        st.markdown(f"{basis_badge(rule.basis, lang)} `{book.files[rule.id]}`")
        st.markdown(escape(explanation))
        show_source(resources.intake().kb, rule.source, lang)
        if rule.note:
            st.caption(escape(rule.note))
        st.markdown(
            f"**{t('fired_in', lang)}:** "
            + escape(", ".join(fired.get(rule.id, [])) or t("none", lang))
        )
        if as_data:
            st.code(
                yaml.safe_dump(
                    {"when": rule.when, "then": rule.then.model_dump(exclude_none=True)},
                    allow_unicode=True,
                    sort_keys=False,
                ),
                language="yaml",
            )
