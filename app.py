"""sie-rules in the browser: `streamlit run app.py` (or `make run`)."""

from __future__ import annotations

import streamlit as st

from sie_rules.errors import EngineError
from sie_rules.explain.wording import escape
from sie_rules.ui import browser
from sie_rules.ui.identity import PAGE_NEEDS, current_user, show_user
from sie_rules.ui.labels import t
from sie_rules.ui.language_switch import follow_language
from sie_rules.ui.resources import PAGES

st.set_page_config(page_icon="⚖️", layout="wide")
english = st.sidebar.toggle("English", value=st.session_state.get("lang") == "en", key="english")
st.session_state["lang"] = lang = "en" if english else "da"
follow_language(lang)
browser.document(lang)  # <html lang>, the focus ring
st.session_state["actor"] = actor = current_user(lang)  # signs in first, when configured
pages = [  # (file, title, url path); each page checks the role again when it runs
    ("chat.py", "page_chat", "chat"),
    ("explore.py", "page_explore", "udforsk"),
    ("learn.py", "page_learn", "laer"),
    ("cases.py", "page_cases", "sager"),
    ("rules.py", "page_rules", "regler"),
]
allowed = [(file, title, path) for file, title, path in pages if actor.may(PAGE_NEEDS[path])]
page = st.navigation(
    [
        st.Page(PAGES / file, title=t(title, lang), url_path=path, default=i == 0)
        for i, (file, title, path) in enumerate(allowed)
    ]
)
st.sidebar.caption(t("app_title", lang))
show_user(actor, lang)
try:
    page.run()
except EngineError as exc:  # the chat keeps the user's text itself; other pages just say so
    st.error(f"{t('engine_failed', lang)} ({escape(str(exc))}).")
