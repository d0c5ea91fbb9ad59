"""Words shared by the memo, the chat and the app: decision actions and outcomes in Danish
and English, and the one escape function for showing text safely as Markdown."""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["da", "en"]

OUTCOMES: dict[Lang, dict[str, str]] = {
    "da": {
        "eligible": "kan behandles",
        "not_eligible": "kan ikke behandles",
        "incomplete": "ufuldstændig – der mangler oplysninger",
    },
    "en": {
        "eligible": "eligible",
        "not_eligible": "not eligible",
        "incomplete": "incomplete – information is missing",
    },
}

AMOUNT_STATUS: dict[Lang, dict[str, str]] = {
    "da": {"within": "inden for loftet", "over": "over loftet", "no_ceiling": "uden loft"},
    "en": {"within": "within its ceiling", "over": "over its ceiling", "no_ceiling": "no ceiling"},
}

STATES: dict[Lang, dict[str, str]] = {
    "da": {"done": "behandlet", "now": "nu", "later": "senere", "blocked": "blokeret"},
    "en": {"done": "done", "now": "now", "later": "later", "blocked": "blocked"},
}

ACTIONS: dict[Lang, dict[str, str]] = {
    "da": {
        "recommends": "anbefaler",
        "heard": "høres",
        "prepares": "afgiver erklæring",
        "decides": "beslutter",
        "mandate": "giver bemyndigelse",
        "commits": "giver tilsagn",
        "notes": "tager til efterretning",
    },
    "en": {
        "recommends": "recommends",
        "heard": "is heard",
        "prepares": "gives its statement",
        "decides": "decides",
        "mandate": "gives a mandate",
        "commits": "commits",
        "notes": "takes note",
    },
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~&:$])")


def escape(text: str) -> str:
    """One line of plain text: Markdown, HTML, math ($) and Streamlit directive (:) characters
    escaped, line breaks removed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


_HEADING_MARK = re.compile(r"(?m)^#+[ \t]*")


def strip_heading_marks(text: str) -> str:
    """Source text as a reader sees it: "## Regionsloven § 13" -> "Regionsloven § 13"."""
    return _HEADING_MARK.sub("", text)
