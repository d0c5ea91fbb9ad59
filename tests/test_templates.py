"""Rule texts with placeholders: what a rule's `then` text becomes for the facts it matched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sie_rules.rules.templates import placeholders, render

FACTS = {"m": {"name": "Herning Kommune", "empty": "", "none": None, "zero": 0}}


def test_placeholders_are_filled_from_the_matched_facts_or_their_fallback() -> None:
    assert render("Godkendelse i {m.name}", FACTS) == "Godkendelse i Herning Kommune"
    assert render("{m.empty|ingen} {m.none|intet} {x.y|ukendt}", FACTS) == "ingen intet ukendt"
    assert render("{m.none}{m.zero}", FACTS) == "0"
    assert (
        render("{{m.name}} {m.name|} {m .name}", FACTS)
        == "{Herning Kommune} Herning Kommune {m .name}"
    )
    assert list(placeholders("{m.name} og {case.title|sagen}")) == [
        ("m", "name"),
        ("case", "title"),
    ]


def _by_substitution(template: str) -> str:
    """The definition: each placeholder replaced in one pass over the text."""

    def one(match: re.Match[str]) -> str:
        value = FACTS.get(match[1], {}).get(match[2])
        return match[3] or "" if value is None or value == "" else str(value)

    return re.sub(r"\{(\w+)\.(\w+)(?:\|([^{}]*))?\}", one, template)


@given(
    st.lists(
        st.sampled_from(["{", "}", "|", ".", "m", "x", " ", "{m.name}", "{m.empty|f}", "{x.y|}"])
    )
)
def test_any_text_renders_as_one_pass_of_substitution(pieces: list[str]) -> None:
    template = "".join(pieces)
    assert render(template, FACTS) == _by_substitution(template)
