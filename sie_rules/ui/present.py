"""Present mode for trainers (Lær): one track at a time in large type, its steps revealed one
by one with the keys (→ or PageDown next, ← or PageUp back, Home from the start, ↓ the next
track; a presenter's clicker sends PageDown and PageUp). Switched on, it takes the keyboard
focus (the keys work without a click first), and each newly shown step is scrolled into view,
also at 200 % zoom."""

from __future__ import annotations

import streamlit as st

from sie_rules.assessment import Assessment
from sie_rules.explain.wording import ACTIONS, STATES, Lang, escape
from sie_rules.ui import browser
from sie_rules.ui.labels import t
from sie_rules.ui.panels import STATE_ICON

# our own style sheet (no user text): the presented steps at projector size, smaller only
# where the screen is narrow (a zoomed-in page is one: 1920 px at 200 % is 960 px wide)
_LARGE = """<style>
.st-key-present p, .st-key-present li {
  font-size: clamp(1.3rem, 3.6vw, 2.1rem); line-height: 1.35;
}
.st-key-present h2 { font-size: clamp(1.6rem, 4.6vw, 2.8rem); }
</style>"""
_CLICKER = {"PageDown": "present-next", "PageUp": "present-back"}  # beside the arrow keys


def present(assessment: Assessment, case_id: str, lang: Lang) -> None:
    """The presenter's view of the case's route."""
    tracks = assessment.tracks
    if not tracks:
        st.info(t("present_nothing", lang))
        return
    which = st.session_state.setdefault(f"present-track-{case_id}", 0) % len(tracks)
    track = tracks[which]
    key = f"present-step-{case_id}-{which}"
    shown = min(max(st.session_state.get(key, 1), 1), len(track.steps))
    back, forward, again, next_track = st.columns(4)
    if back.button(t("present_back", lang), shortcut="Left", key="present-back"):
        shown = max(shown - 1, 1)
    if forward.button(t("present_next", lang), shortcut="Right", key="present-next"):
        shown = min(shown + 1, len(track.steps))
    if again.button(t("present_again", lang), shortcut="Home", key="present-again"):
        shown = 1
    if next_track.button(t("present_track", lang), shortcut="Down", key="present-track"):
        st.session_state[f"present-track-{case_id}"] = which + 1
        st.rerun()
    st.session_state[key] = shown
    st.markdown(_LARGE, unsafe_allow_html=True)
    gates = {c.rule: c.text for c in assessment.conditions}
    with st.container(key="present"):
        st.markdown(f"## {escape(track.actor)}")
        lines = []
        for n, step in enumerate(track.steps[:shown], 1):
            state = f"{STATE_ICON[step.state]} {STATES[lang][step.state]}"
            line = f"{escape(step.body)} {ACTIONS[lang][step.action]} — {state}"
            lines.append(f"- {step.order}\\. " + (f"**{line}**" if n == shown else line))
            lines += [f"    - {escape(gates.get(rule, rule))}" for rule in step.blocked_by]
        st.markdown("\n".join(lines))
    st.caption(
        t("present_where", lang, step=shown, steps=len(track.steps), track=which + 1)
        + f" / {len(tracks)}"
    )
    browser.keys(_CLICKER)
    # the focus on the presentation (out of the switch, where the keys did nothing), and the
    # newest step in view: each time a step or track is shown
    browser.focus(".st-key-present", (case_id, which, shown), "nearest")
    newest = ".st-key-present [data-testid=stMarkdownContainer] > ul > li:last-child"
    browser.scroll_to(newest, (case_id, which, shown), "center")
