"""Widgets whose option labels are words of the page's language, across a language switch.

A browser keeps the labels a widget shows and sends them back as its value; after a switch
Streamlit cannot match the old language's labels to the options, so a select came back as
text and removing a chip from the Rules page's basis filter emptied the page. Each such
widget registers its key here; on a switch it is given its own value again, which makes the
browser show, and later send, the new language's labels.
"""

from __future__ import annotations

import streamlit as st

from sie_rules.explain.wording import Lang

_REGISTRY = "worded-widgets"
_SHOWN = "shown-lang"


def worded(key: str) -> str:
    """The key of a widget whose option labels follow the language (registered)."""
    st.session_state.setdefault(_REGISTRY, set()).add(key)
    return key


def follow_language(lang: Lang) -> None:
    """Called once per run, before any page: on a switch, re-give the registered widgets
    their values so their labels are redrawn in `lang`."""
    if st.session_state.get(_SHOWN, lang) != lang:
        for key in st.session_state.get(_REGISTRY, set()):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[_SHOWN] = lang
