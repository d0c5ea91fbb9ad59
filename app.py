"""sie-rules in the browser. For now: pick a real case and read its explained assessment."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sie_rules.assess import current_rulebook, evaluate
from sie_rules.loading import read_proposal
from sie_rules.report import render_markdown

EXAMPLES = Path(__file__).resolve().parent / "examples"

st.set_page_config(page_title="sie-rules", layout="wide")
st.title("Sociale effektinvesteringer – regler og godkendelsesvej")
book = current_rulebook()
choice = st.selectbox("Sag", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
st.markdown(render_markdown(evaluate(book, read_proposal(EXAMPLES / f"{choice}.yaml")), book))
