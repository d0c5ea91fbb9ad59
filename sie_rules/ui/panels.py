"""Shows an assessment: outcome, path diagram, amounts, conditions, findings, sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sie_rules.assessment import Assessment, Source
from sie_rules.explain.flow import describe, to_dot
from sie_rules.explain.memo_files import render_docx, render_markdown
from sie_rules.explain.memo_words import w
from sie_rules.explain.open_conditions import open_conditions, open_words
from sie_rules.explain.wording import (
    ACTIONS,
    AMOUNT_STATUS,
    STATES,
    Lang,
    candidate_routes,
    escape,
    in_words,
    money_details,
    strip_heading_marks,
)
from sie_rules.knowledge.search import KnowledgeBase
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.rulebook import Rulebook
from sie_rules.ui import browser, identity
from sie_rules.ui.charts import stacked_bars
from sie_rules.ui.labels import t

_OUTCOME_BOX = {
    "eligible": st.success,
    "not_eligible": st.error,
    "incomplete": st.warning,
    "out_of_scope": st.info,
}
# Material icons ship with Streamlit, so they render without emoji fonts or network.
_MET = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}
_STATUS = {"met": _MET[True], "not_met": _MET[False], "unknown": _MET[None]}
# ... and in words beside the icon (the icons are hidden from screen readers)
_MET_WORD = {True: "met", False: "not_met", None: "not_known"}
_STATUS_WORD = {"met": "met", "not_met": "not_met", "unknown": "not_known"}
_AMOUNT = {"within": _MET[True], "over": _MET[False], "no_ceiling": ":material/remove:"}
STATE_ICON = {  # a step's state as an icon beside its word (never colour alone)
    "done": ":material/task_alt:",
    "now": ":material/play_circle:",
    "later": ":material/schedule:",
    "blocked": ":material/block:",
}
# on a phone the diagram is too small to read: the text route under it is the view there
_PHONE_CSS = (
    "<style>@media (max-width: 640px) "
    "{ [data-testid='stGraphVizChart'] { display: none; } }</style>"
)
_BASIS_COLOUR = {"law": "blue", "agreement": "violet", "practice": "green", "assumption": "orange"}


def basis_badge(basis: str, lang: Lang) -> str:
    return f":{_BASIS_COLOUR[basis]}-badge[{t(basis, lang)}]"


def show_source(kb: KnowledgeBase, source: Source | None, lang: Lang) -> None:
    """The quote highlighted inside its paragraph, with document, date and agenda item."""
    if source is None:
        st.caption(t("no_source", lang))
        return
    citation = kb.cite(source.doc, source.quote)
    if citation is None:
        st.caption(escape(source.quote))
        return
    text = citation.paragraph
    before = escape(strip_heading_marks(text[: citation.quote_start]))
    quote = escape(strip_heading_marks(text[citation.quote_start : citation.quote_end]))
    after = escape(strip_heading_marks(text[citation.quote_end :]))
    st.markdown(f"{before}:orange-background[{quote}]{after}")
    gloss = kb.corpus.gloss(source.doc, source.quote) if lang == "en" else None
    if gloss:
        st.markdown(f"*{t('gloss', lang)}:* {escape(gloss)}")
    st.caption(escape(f"{citation.title} · {citation.section}"))


def show_route(
    a: Assessment, book: Rulebook, kb: KnowledgeBase, lang: Lang, key: str = "main"
) -> None:
    """The route to the final decision: the diagram over the full width it is given (an
    image to screen readers, with the route in words as its text alternative), and under it
    the same route as text, a column per track (the view on a phone, where the diagram is
    hidden; each step opens to its rule and source). A step's state is said in words and
    shown by an icon and a style, never by colour alone. Dates from an example meeting plan
    say so wherever they stand."""
    st.subheader(t("path", lang))
    st.markdown(_PHONE_CSS, unsafe_allow_html=True)  # our own style sheet, no user text
    plan = book.parameters.meetings
    example = t("example_date", lang) if plan is not None and plan.example else ""
    with st.container(key=f"route-diagram-{key}"):
        st.graphviz_chart(to_dot(a, ACTIONS[lang], STATES[lang], example), width="stretch")
    alternative = describe(a, ACTIONS[lang], STATES[lang], example)
    browser.describe_diagram(f"route-diagram-{key}", f"{t('path', lang)}. {alternative}")
    if plan is not None and any(s.earliest for tr in a.tracks for s in tr.steps):
        st.caption(t("plan_example" if plan.example else "plan", lang))
    gates = {c.rule: c.text for c in a.conditions}
    for column, track in zip(st.columns(max(len(a.tracks), 1)), a.tracks, strict=False):
        with column:
            st.markdown(f"**{escape(track.actor)}**")
            for step in track.steps:
                state = f"{STATE_ICON[step.state]} {STATES[lang][step.state]}"
                when = ""
                if step.earliest:
                    when = f" · {t('earliest', lang)} {step.earliest:%d.%m.%Y}"
                    when += f" ({example})" if example else ""
                with st.expander(
                    f"{step.order}. {escape(step.body)} {ACTIONS[lang][step.action]} — "
                    f"{state}{when}"
                ):
                    for rule in step.blocked_by:
                        st.markdown(f"{_MET[False]} {escape(gates.get(rule, rule))}")
                    for rule in step.requires:
                        need = escape(gates.get(rule, rule))
                        st.markdown(f"{_MET[None]} {t('requires', lang)}: {need}")
                    st.markdown(f"{basis_badge(step.basis, lang)} `{step.rule}`")
                    show_source(kb, step.source, lang)


def show_assessment(
    a: Assessment,
    book: Rulebook,
    kb: KnowledgeBase,
    lang: Lang,
    key: str = "main",
    route: bool = True,
) -> None:
    """The whole assessment; `route=False` when the page shows the route itself (full width)."""
    _OUTCOME_BOX[a.outcome](f"**{t('outcome', lang)}: {t(a.outcome, lang)}**")
    _what_eligible_means(a, lang)
    if a.missing:
        st.markdown(f"**{t('missing', lang)}:**")
        for m in a.missing:
            st.markdown(f"- {escape(m.asked(lang))}")
    if a.candidate_routes:
        st.markdown(f"**{t('candidates', lang)}:**")
        for line in candidate_routes(a, book.parameters.labels.request_kinds, lang):
            st.markdown(f"- {t('if_kind', lang)} {escape(line)}")
    if route:
        show_route(a, book, kb, lang, key)
    st.subheader(t("amounts", lang))
    labels = book.parameters.labels.amount_kinds
    for x in a.amounts:
        icon = f"{_AMOUNT[x.status]} {AMOUNT_STATUS[lang][x.status]}:"
        ceiling = (
            f" / {t('ceiling', lang)} {format_dkk(x.ceiling_dkk)}"
            if x.ceiling_dkk is not None
            else ""
        )
        years = format_years(x.years) or "—"
        source = f" · {escape(x.funding_source)}" if x.funding_source else ""
        instruments = book.parameters.labels.instruments
        instrument = (
            in_words(instruments[x.instrument], x.instrument, lang) if x.instrument else None
        )
        details = "".join(f" · {escape(d)}" for d in money_details(x, lang, instrument))
        kind = in_words(labels[x.kind], x.kind.value, lang)
        title = (
            f"{icon} **{kind}** {escape(x.payer)}: {format_dkk(x.amount_dkk)}"
            f"{ceiling} · {years}{source}{details}"
        )
        _explained(kb, lang, title, x.basis, x.rule, x.source)
    if a.sums_per_year:
        st.caption(t("per_year", lang))
        stacked_bars(
            [{**s.model_dump(), "year": str(s.year)} for s in a.sums_per_year],
            x="year",
            y="amount_dkk",
            stack="payer",
            titles={"year": t("year", lang), "amount_dkk": "kr.", "payer": t("payer", lang)},
            height=300,  # with the legend under the bars
            lang=lang,
        )
        # the same amounts as a table under the chart: what a screen reader reads, and what
        # stays legible where the column is too narrow for the bars' labels
        year_table(
            [(str(s.year), s.payer, s.amount_dkk) for s in a.sums_per_year],
            [t("year", lang), t("payer", lang), t("amount_col", lang)],
        )
    if a.repayment_years:
        st.caption(f"{t('repayment', lang)}: {format_years(a.repayment_years)}")
    st.subheader(t("conditions", lang))
    for c in a.conditions:
        met = f"{_MET[c.met]} {t(_MET_WORD[c.met], lang)}:"
        _explained(kb, lang, f"{met} {escape(c.text)}", c.basis, c.rule, c.source)
    st.subheader(t("findings", lang))
    for f in a.findings:
        advisory = f" ({t('advisory', lang)})" if not f.gate else ""
        status = f"{_STATUS[f.status]} {t(_STATUS_WORD[f.status], lang)}:"
        _explained(kb, lang, f"{status} {escape(f.text)}{advisory}", f.basis, f.rule, f.source)
    if a.indstilling:
        st.subheader(t("indstilling", lang))
        st.markdown(
            "  \n".join(escape(line) for line in ["Direktionen indstiller,", *a.indstilling])
        )
    memo_downloads(a, book, lang, key)


def _what_eligible_means(a: Assessment, lang: Lang) -> None:
    """Under "Kan behandles": that the case may go to the political bodies, not that it is
    approved, and the conditions still open with the steps each holds back."""
    if a.outcome != "eligible":
        return
    still = open_conditions(a, lang)
    if not still:
        st.markdown(escape(w("eligible_clear", lang)))
        return
    lines = [escape(open_words(len(still), lang))]
    for c in still:
        met = f"{_MET[c.met]} {t(_MET_WORD[c.met], lang)}:"
        line = f"- {met} {escape(c.text.rstrip('.'))}"
        if c.holds_back:
            line += " – " + escape(w("holds_back", lang, steps=", ".join(c.holds_back)))
        lines.append(line)
    st.markdown("\n".join(lines))


def year_table(rows: list[tuple[str, str, int]], columns: list[str]) -> None:
    """Amounts per year as a table (year, who or what, kroner as the minutes write them)."""
    frame = pd.DataFrame([(y, who, format_dkk(dkk)) for y, who, dkk in rows], columns=columns)
    st.table(frame.set_index(columns[0]))


def _explained(
    kb: KnowledgeBase, lang: Lang, title: str, basis: str, rule: str, source: Source | None
) -> None:
    """One conclusion that opens to its rule, basis and source passage."""
    with st.expander(title):
        st.markdown(f"{basis_badge(basis, lang)} `{rule}`")
        show_source(kb, source, lang)


def memo_downloads(a: Assessment, book: Rulebook, lang: Lang, key: str) -> None:
    """The memo as Markdown and as Word (authored by the signed-in user)."""
    author = identity.user().name if identity.sign_in_configured() else ""
    left, right = st.columns(2)
    # the memo is built when the button is clicked (a DOCX takes ~0.1 s), not on every rerun
    left.download_button(
        t("download_md", lang),
        lambda: render_markdown(a, book, lang),
        file_name="memo.md" if lang == "en" else "notat.md",
        mime="text/markdown",
        key=f"md-{key}",
    )
    right.download_button(
        t("download_docx", lang),
        lambda: render_docx(a, book, lang, author),
        file_name="memo.docx" if lang == "en" else "notat.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key=f"docx-{key}",
    )
