"""What the readers of extract.py share: the evidence record, the parties and amounts found so
far, sentence spans, and the base reader (text, lexicon, parameters, evidence)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.numbers import Money
from sie_rules.model import AmountKind, PartyKind, Role
from sie_rules.rules.parameters import Parameters

MAX_TEXT_CHARS = 200_000
_ABBREVIATIONS = "".join(
    rf"(?<!\b{a})"
    for a in ("mio", "ca", "fx", "mv", "pr", "nr", "max", "maks", r"bl\.a", "dvs", "mill")
)
_SENTENCE_END = re.compile(
    rf"(?:{_ABBREVIATIONS}[.!?])(?=\s+[\"'«»(]?[A-ZÆØÅ0-9])|\n\s*\n|\n(?=\s*(?:at |\d+\. |- ))"
)


@dataclass(frozen=True)
class Evidence:
    """One fact read from the text, and the words it was read from."""

    field: str
    value: str
    text: str
    start: int
    end: int


@dataclass
class Party:
    name: str
    kind: PartyKind
    roles: set[Role]
    first: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    legally_excluded: bool = False
    committee: str | None = None
    financing_found: bool | None = None
    budget_adopted: bool | None = None


@dataclass
class AmountFound:
    kind: AmountKind
    payer: str
    recipient: str | None
    money: Money
    ceiling: bool
    years: list[int]
    funding_source: str | None
    by_year: dict[int, int] | None = None


@dataclass
class Extraction:
    """What the text said: a proposal-shaped dict (maybe incomplete) and the evidence."""

    draft: dict[str, Any]
    evidence: list[Evidence]


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def today() -> dt.date:
    """The day the text is read on (dated lists, e.g. the region's municipalities)."""
    return dt.date.today()


class ReaderBase:
    """The text being read, what was found in it, and the words each fact came from."""

    def __init__(self, text: str, lexicon: Lexicon, params: Parameters):
        self.text, self.lex, self.params = text, lexicon, params
        self.spans = sentences(text)
        self.evidence: list[Evidence] = []
        self.parties: dict[str, Party] = {}
        self.municipal_view = bool(lexicon.municipal_perspective.search(text))

    def note(self, field_name: str, value: object, start: int, end: int) -> None:
        self.evidence.append(Evidence(field_name, str(value), self.text[start:end], start, end))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.spans if a <= pos < b), (0, len(self.text)))

    def in_span(self, a: int, b: int) -> list[Party]:
        found = [
            (min(s for s, _ in p.spans if a <= s < b), p)
            for p in self.parties.values()
            if any(a <= s < b for s, _ in p.spans)
        ]
        return [p for _, p in sorted(found, key=lambda x: x[0])]
