"""Words shared by the memo, the chat and the app: decision actions and outcomes in Danish
and English, and the one escape function for showing text safely as Markdown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from sie_rules.assessment import AssessedAmount, Assessment
from sie_rules.model import RequestKind
from sie_rules.money import format_dkk

Lang = Literal["da", "en"]

OUTCOMES: dict[Lang, dict[str, str]] = {
    "da": {
        "eligible": "kan behandles",
        "not_eligible": "kan ikke behandles",
        "incomplete": "ufuldstændig – der mangler oplysninger",
        "out_of_scope": "ikke en sag for regionen – regionen er ikke part",
    },
    "en": {
        "eligible": "eligible",
        "not_eligible": "not eligible",
        "incomplete": "incomplete – information is missing",
        "out_of_scope": "not a case for the region – the region is no party",
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


def in_words(danish: str, code: object, lang: Lang) -> str:
    """A code's label: its Danish word from rules/parameters/labels.yaml, or in English the
    code itself in plain words ("final approval")."""
    return danish if lang == "da" else str(code).replace("_", " ")


def candidate_routes(a: Assessment, kinds: Mapping[RequestKind, str], lang: Lang) -> list[str]:
    """While the request kind is unknown: "<kind>: <bodies of each track>", one per kind
    (plain text; the caller escapes or words it for its page)."""
    return [
        f"{in_words(kinds[r.request_kind], r.request_kind.value, lang)}: "
        + (" | ".join(" → ".join(bodies) for bodies in r.tracks.values()) or "—")
        for r in a.candidate_routes
    ]


_MONEY_WORDS: dict[Lang, dict[str, str]] = {
    "da": {
        "joint": "sammen med {names}",
        "shares": "andele: {shares}",
        "caps": "op til {caps}",
        "return": "afkastloft {pct} % om året",
        "even": "fordelt ligeligt over årene – en antagelse, kilden siger ikke hvordan",
        "and": " og ",
        "in": " i ",
    },
    "en": {
        "joint": "jointly with {names}",
        "shares": "shares: {shares}",
        "caps": "up to {caps}",
        "return": "return capped at {pct} % a year",
        "even": "split evenly over the years – an assumption, the source does not say how",
        "and": " and ",
        "in": " in ",
    },
}


def money_details(x: AssessedAmount, lang: Lang, instrument: str | None) -> list[str]:
    """What an amount says beyond payer, sum and years: instrument, purpose, joint payers and
    shares, yearly caps, return cap, and that an even spread is the tool's assumption."""
    w = _MONEY_WORDS[lang]
    parts = [p for p in (instrument, x.purpose) if p]
    if x.joint_payers:
        parts.append(w["joint"].format(names=", ".join(x.joint_payers)))
    if x.shares_dkk:
        shares = ", ".join(f"{name} {format_dkk(dkk)}" for name, dkk in x.shares_dkk.items())
        parts.append(w["shares"].format(shares=shares))
    if x.ceiling_by_year:
        caps = w["and"].join(
            f"{format_dkk(v)}{w['in']}{y}" for y, v in sorted(x.ceiling_by_year.items())
        )
        parts.append(w["caps"].format(caps=caps))
    if x.max_return_percent is not None:
        pct = f"{x.max_return_percent:g}"
        parts.append(w["return"].format(pct=pct.replace(".", ",") if lang == "da" else pct))
    if x.spread == "even":
        parts.append(w["even"])
    return parts


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~&:$])")


def escape(text: str) -> str:
    """One line of plain text: Markdown, HTML, math ($) and Streamlit directive (:) characters
    escaped, line breaks removed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


_HEADING_MARK = re.compile(r"(?m)^#+[ \t]*")


def strip_heading_marks(text: str) -> str:
    """Source text as a reader sees it: "## Regionsloven § 13" -> "Regionsloven § 13"."""
    return _HEADING_MARK.sub("", text)
