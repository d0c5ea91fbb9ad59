"""For trainers: the real cases in date order, a walk-through of each path, and a quiz."""

from __future__ import annotations

import streamlit as st

from sie_rules.explain.quiz import NOBODY, grade, questions
from sie_rules.explain.wording import ACTIONS, STATES, escape
from sie_rules.money import format_dkk
from sie_rules.ui import browser, identity, resources
from sie_rules.ui.labels import t
from sie_rules.ui.language_switch import worded
from sie_rules.ui.panels import basis_badge, show_source
from sie_rules.ui.present import present

lang = resources.lang()
browser.title(lang, t("page_learn", lang))  # refined below with what the page shows
identity.require("learn", lang)
intake = resources.intake()
cases = resources.real_cases()

st.title(t("page_learn", lang))
st.caption(t("learn_intro", lang))
case = st.radio(
    t("base_case", lang),
    cases,
    key="learn-case",
    index=len(cases) - 1,
    format_func=lambda c: f"{c.date} · {c.title}",
)
assessment = intake.assess(case.proposal.model_dump(mode="json", exclude_none=True))
browser.title(lang, t("page_learn", lang), case.title)
if st.toggle(t("present_mode", lang), key="present-mode"):  # the arrow keys drive it
    browser.title(lang, t("page_learn", lang), case.title, t("presenting", lang))
    present(assessment, case.id, lang)
    st.stop()
walk, quiz = st.tabs([t("walkthrough", lang), t("quiz", lang)])

with walk:
    for track in assessment.tracks:
        st.markdown(f"#### {escape(track.actor)}")
        for step in track.steps:
            st.markdown(
                f"**{step.order}. {escape(step.body)}** {ACTIONS[lang][step.action]}"
                f" — {STATES[lang][step.state]} {basis_badge(step.basis, lang)}"
            )
            show_source(intake.kb, step.source, lang)
    for condition in assessment.conditions:
        mark = {
            True: ":material/check_circle:",
            False: ":material/cancel:",
            None: ":material/help:",
        }[condition.met]
        st.markdown(f"{mark} {escape(condition.text)}")
    st.markdown(f"**{t('how_it_went', lang)}:** {escape(case.summary)}")

with quiz:
    qs = questions(assessment, intake.book)
    prompts = {
        "outcome": ("Kan sagen behandles?", "Can the case be treated?"),
        "decider": (
            "Hvem træffer den endelige beslutning i regionen?",
            "Who takes the final decision in the region?",
        ),
        "heard": ("Hvilke stående udvalg skal høres?", "Which standing committees are heard?"),
        "tracks": (
            "Hvilke andre parter har deres egen beslutningsvej?",
            "Which other parties have their own decision path?",
        ),
        "ceiling": (
            "Regionens største loft i kr. (0 hvis intet)?",
            "The region's largest ceiling in DKK (0 if none)?",
        ),
    }
    answers: dict[str, object] = {}
    with st.form(f"quiz-{case.id}"):
        for q in qs:
            label = prompts[q.id][1 if lang == "en" else 0]
            if q.kind == "one":
                answers[q.id] = st.radio(
                    label,
                    q.options,
                    index=None,
                    key=worded(f"q-{case.id}-{q.id}"),
                    format_func=lambda o: (
                        t(o, lang)
                        if o in ("eligible", "not_eligible", "incomplete")
                        else t("nobody_decides", lang)
                        if o == NOBODY
                        else o
                    ),
                )
            elif q.kind == "many":
                answers[q.id] = st.multiselect(
                    label, q.options, key=f"q-{case.id}-{q.id}", placeholder=t("choose", lang)
                )
            else:
                answers[q.id] = st.number_input(
                    label, min_value=0, value=None, step=100_000, key=f"q-{case.id}-{q.id}"
                )
        checked = st.form_submit_button(t("check", lang))
    if checked and all(answers.get(q.id) in (None, []) for q in qs):
        st.info(t("quiz_unanswered", lang))
    elif checked:
        results = grade(qs, answers)
        st.markdown(t("score", lang, right=sum(r.right for r in results), total=len(results)))
        for r in results:
            answer = r.question.answer
            shown = (
                (", ".join(sorted(answer)) or t("none", lang))
                if isinstance(answer, frozenset)
                else (
                    t(str(answer), lang)
                    if answer in ("eligible", "not_eligible", "incomplete")
                    else format_dkk(answer)
                    if isinstance(answer, int)
                    else str(answer)
                )
            )
            if answer == NOBODY:
                shown = NOBODY
            text = t("correct", lang) if r.right else f"{t('wrong', lang)}: {escape(shown)}"
            (st.success if r.right else st.error)(
                f"{prompts[r.question.id][1 if lang == 'en' else 0]} — {text}"
            )
