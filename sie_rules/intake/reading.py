"""What the readers of extract.py share: the evidence record, the parties and amounts found so
far, sentence spans, and the base reader (text, lexicon, parameters, evidence)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sie_rules.errors import ProposalError
from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.numbers import Money
from sie_rules.model import AmountKind, PartyKind, Role
from sie_rules.rules.parameters import Parameters

MAX_TEXT_CHARS = 200_000
TIME_BUDGET_SECONDS = 1.5  # reading one text; the chat must answer within 2 s
MAX_AMOUNTS = 200  # no proposal names more; more is refused as too complex


class TextTooComplex(ProposalError):
    """The text has more in it than a proposal can (amounts, time): shorten it."""

    def __init__(self) -> None:
        super().__init__("the text is too long or too complex to read; shorten it", "text")


# no sentence ends after an abbreviation or an initial ("A.P. Møller Fonden"): each is looked
# behind from just after the full stop that ends it
_ABBREVIATIONS = (
    "".join(
        rf"(?<!\b{a}[.!?])"
        for a in (
            "mio",
            "ca",
            "fx",
            "mv",
            "pr",
            "nr",
            "max",
            "maks",
            r"bl\.a",
            "dvs",
            "mill",
            "reg",
            r"t\.o\.m",  # "2027 t.o.m. 2029": til og med
            r"f\.o\.m",
        )
    )
    + r"(?<!\b[A-ZÆØÅ][.!?])"
)
# The expression begins by taking one of the characters a sentence can end at, so that the
# regular expression engine skips to the next of them in C (a lookahead first would be tried
# at every position of the text: 6.7 -> 2.6 ms per 100 KB).
_SENTENCE_END = re.compile(
    rf"[.!?\n](?:"
    rf"(?<=[.!?]){_ABBREVIATIONS}(?=\s+[\"'«»(]?[A-ZÆØÅ0-9])(?!(?<=kr\.)\s+\d)"  # "kr. 85.000"
    rf"|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:at |\d+[.)] |[-*•–] ))"  # a list item: "- ", "1. ", "2) "
    rf")"
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
        self._starts = [a for a, _ in self.spans]
        self.deadline = time.monotonic() + TIME_BUDGET_SECONDS
        self.evidence: list[Evidence] = []
        self.parties: dict[str, Party] = {}
        self.municipal_view = bool(lexicon.municipal_perspective.search(text))

    def note(self, field_name: str, value: object, start: int, end: int) -> None:
        self.evidence.append(Evidence(field_name, str(value), self.text[start:end], start, end))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i]
        return 0, len(self.text)

    def on_time(self) -> None:
        """Called in the readers' loops: a text that takes too long is refused, not hung on."""
        if time.monotonic() > self.deadline:
            raise TextTooComplex()

    def in_span(self, a: int, b: int) -> list[Party]:
        """The parties named in text[a:b], in the order of their first mention there (each
        party's spans are kept sorted, so this is a binary search per party)."""
        found = []
        for party in self.parties.values():
            i = bisect.bisect_left(party.spans, (a, -1))
            if i < len(party.spans) and party.spans[i][0] < b:
                found.append((party.spans[i][0], party))
        return [p for _, p in sorted(found, key=lambda x: x[0])]

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Sentences split at semicolons: "med Herning Kommune og DSI; regionen betaler …"
        gives the municipality no part in the region's payment."""
        clauses = []
        for a, b in self.spans:
            start = a
            for m in re.finditer(";", self.text[a:b]):
                clauses.append((start, a + m.start()))
                start = a + m.end()
            clauses.append((start, b))
        return clauses

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause (a sentence, or its part between semicolons) `pos` stands in."""
        clauses = self.clauses
        i = bisect.bisect_right(clauses, (pos, len(self.text) + 1)) - 1
        if i >= 0 and pos < clauses[i][1]:
            return clauses[i]
        return self.sentence_of(pos)

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        """The first sentence that starts at or after `pos`."""
        i = bisect.bisect_left(self._starts, pos)
        return self.spans[i] if i < len(self.spans) else None
