"""For politicians: start from a case, flip the facts that change the path, compare."""

from __future__ import annotations

import streamlit as st

from sie_rules.errors import ProposalError
from sie_rules.explain import variants
from sie_rules.explain.compare import compare
from sie_rules.explain.wording import escape, in_words
from sie_rules.model import AmountKind
from sie_rules.money import format_dkk
from sie_rules.ui import browser, identity, resources
from sie_rules.ui.form import tri_select
from sie_rules.ui.labels import t
from sie_rules.ui.language_switch import worded
from sie_rules.ui.panels import show_assessment, show_route

_BASE = "explore-base"
lang = resources.lang()
browser.title(lang, t("page_explore", lang))  # refined below with what the page shows
identity.require("explore", lang)
intake = resources.intake()
cases = {c.id: c for c in resources.real_cases()}
chat_draft = resources.dialogue().draft
saved = st.session_state.get(resources.EXPLORE_SAVED)  # "Udforsk denne sag" on Sager

st.title(t("page_explore", lang))
st.caption(t("explore_intro", lang))
starts = {  # the case in front of the user first: the chat's, then the one opened from Sager
    **({"chat": t("current_chat", lang)} if chat_draft else {}),
    **({f"saved:{saved['id']}": f"{t('saved_case', lang)}: {saved['title']}"} if saved else {}),
    **{k: f"{c.date} · {c.title}" for k, c in cases.items()},
}
# the base is kept under a key of its own and given to the select on every run: the select's
# own state may come back as its first option from a rerun a language switch interrupts
asked = st.session_state.pop(resources.EXPLORE_START, None)  # from Sager, just now
anew = "explore-case" not in st.session_state  # the select's state goes when the page is left
shown = st.session_state.get(_BASE)
if asked in starts:
    shown = asked
elif anew or shown not in starts:  # the case in front of the user: the chat's, else the newest
    shown = next(iter(starts)) if chat_draft else list(cases)[-1]
st.session_state["explore-case"] = shown


def _keep_base() -> None:
    st.session_state[_BASE] = st.session_state["explore-case"]


choice = st.selectbox(
    t("base_case", lang),
    list(starts),
    key=worded("explore-case"),
    format_func=starts.__getitem__,
    on_change=_keep_base,
)
st.session_state[_BASE] = choice
browser.title(lang, t("page_explore", lang), starts[choice])
if choice == "chat":
    base = chat_draft
elif choice.startswith("saved:") and saved:
    base = saved["proposal"]
else:
    base = cases[choice].proposal.model_dump(mode="json", exclude_none=True)
if not base.get("request_kind"):  # a draft that does not say what it asks for yet
    st.info(t("explore_needs_kind", lang))
    st.stop()

controls = st.columns(3)
region = intake.lex.data.home_party.name
region_pays = controls[0].toggle(
    t("region_pays", lang),
    value=any(
        a["payer"] == region and a["kind"] == "result_payment" for a in base.get("amounts", [])
    ),
    key="explore-region-pays",
)
money = tri_select(controls[0], t("municipality_money", lang), None, "explore-money", lang)
model = tri_select(
    controls[1], t("payment_model", lang), base.get("payment_model_agreed"), "explore-model", lang
)
field_names = intake.book.parameters.bodies.fields
fields = controls[1].multiselect(
    t("fields", lang),
    list(field_names),
    [f for f in base.get("fields", []) if f in field_names],
    format_func=lambda f: field_names[f],
    key="explore-fields",
    placeholder=t("choose", lang),
)
kinds = intake.book.parameters.labels.request_kinds
kind = controls[2].selectbox(
    t("request_kind", lang),
    list(kinds),
    index=list(kinds).index(base["request_kind"]),
    format_func=lambda k: in_words(kinds[k], k, lang),
    key=worded("explore-kind"),
)
amount = None
if base.get("amounts"):
    first, amount_kinds = base["amounts"][0], intake.book.parameters.labels.amount_kinds
    kind_words = in_words(amount_kinds[AmountKind(first["kind"])], first["kind"], lang)
    amount = controls[2].number_input(
        t("first_amount", lang, payer=first["payer"], kind=kind_words),
        min_value=0,
        step=100_000,
        value=int(first["amount_dkk"]),
        key="explore-amount",
    )
    controls[2].caption(format_dkk(int(amount)))  # the field shows bare digits

# the amount first: later flips may remove amounts, and amounts are named by their place
variant = variants.request_kind(base, kind)
if amount is not None and int(amount) != int(base["amounts"][0]["amount_dkk"]):
    variant = variants.amount(variant, 0, int(amount), keep_ceiling=True)
variant = variants.payment_model(variant, model)
if money is not None:
    variant = variants.municipal_financing(variant, money)
if not region_pays:
    variant = variants.without_result_payments_from(variant, region)
variant = variants.only_fields(variant, fields)

try:
    before, after = intake.assess(base), intake.assess(variant)
except ProposalError as exc:
    st.error(escape(str(exc)))
    st.stop()

st.subheader(t("differences", lang))
diff = compare(before, after, lang, intake.book.parameters.labels.amount_kinds)
for change in diff:
    st.markdown(f":{'red' if change.worse else 'green'}-background[{change.text}]")
if not diff:
    st.info(t("no_differences", lang))

left, right = st.columns(2, gap="large")
with left:
    st.markdown(f"### {t('base_case', lang)}")
    show_assessment(before, intake.book, intake.kb, lang, key="explore-a", route=False)
with right:
    st.markdown(f"### {t('variant', lang)}")
    show_assessment(after, intake.book, intake.kb, lang, key="explore-b", route=False)
# the two routes one under the other, each over the full width: legible on a projector
for key, title, assessment in (
    ("base", t("base_case", lang), before),
    ("variant", t("variant", lang), after),
):
    if assessment.tracks:
        st.markdown(f"### {title}")
        show_route(assessment, intake.book, intake.kb, lang, key)
