"""sie-rules in the browser: `streamlit run app.py` (or `make run`)."""

from __future__ import annotations

import streamlit as st

from sie_rules.errors import EngineError
from sie_rules.explain.wording import escape
from sie_rules.ui.labels import t
from sie_rules.ui.resources import PAGES

st.set_page_config(page_title="sie-rules", page_icon="⚖️", layout="wide")
english = st.sidebar.toggle("English", value=st.session_state.get("lang") == "en", key="english")
st.session_state["lang"] = lang = "en" if english else "da"
page = st.navigation(
    [
        st.Page(PAGES / "chat.py", title=t("page_chat", lang), url_path="chat", default=True),
        st.Page(PAGES / "explore.py", title=t("page_explore", lang), url_path="udforsk"),
        st.Page(PAGES / "learn.py", title=t("page_learn", lang), url_path="laer"),
        st.Page(PAGES / "cases.py", title=t("page_cases", lang), url_path="sager"),
        st.Page(PAGES / "rules.py", title=t("page_rules", lang), url_path="regler"),
    ]
)
st.sidebar.caption(t("app_title", lang))
try:
    page.run()
except EngineError as exc:  # the chat keeps the user's text itself; other pages just say so
    st.error(f"{t('engine_failed', lang)} ({escape(str(exc))}).")
