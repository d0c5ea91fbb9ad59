"""The one typed document the reading steps share: the text, its segments, the organisations
named in it, the parties, the amounts, what the case asks for and its state, each fact with
how it was read. Each step fills its own part (see pipeline/__init__.py for the order)."""

from __future__ import annotations

import bisect
import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Literal

from sie_rules.errors import ProposalError
from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.numbers import Money
from sie_rules.intake.pipeline.document import Document
from sie_rules.intake.pipeline.segments import Segments
from sie_rules.intake.vocabulary import Vocabulary
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role
from sie_rules.rules.parameters import Parameters

MAX_TEXT_CHARS = 200_000
TIME_BUDGET_SECONDS = 1.5  # reading one text; the chat must answer within 2 s
MAX_AMOUNTS = 200  # no proposal names more; more is refused as too complex

# how a fact was read: in its own clause, line or row with a word for it, or only inferred
# (a default, a neighbour, the request kind, a position): an inferred fact that changes the
# route or the money is asked, not stated
How = Literal["stated", "inferred"]


class TextTooComplex(ProposalError):
    """The text has more in it than a proposal can (amounts, time): shorten it."""

    def __init__(self) -> None:
        super().__init__("the text is too long or too complex to read; shorten it", "text")


@dataclass(frozen=True)
class Evidence:
    """One fact read from the text, and the words it was read from (in the text as written)."""

    field: str
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Named:
    """An organisation named at [start, end): its party's name and kind; `how` it was named
    ("known", "slip", "head", "municipality", "region", "anaphor")."""

    start: int
    end: int
    name: str
    kind: PartyKind
    how: str


@dataclass
class PartyRead:
    name: str
    kind: PartyKind
    roles: dict[Role, How] = field(default_factory=dict)
    not_roles: set[Role] = field(default_factory=set)  # "er ikke resultatbetaler"
    legally_excluded: bool = False
    committee: str | None = None
    financing_found: bool | None = None
    budget_adopted: bool | None = None
    takes_part: bool = True
    part_how: How = "stated"  # "inferred": taken to take part though the text never names it


@dataclass
class AmountRead:
    money: Money
    kind: AmountKind | None
    kind_how: How
    payer: str | None
    payer_how: How
    years: list[int]
    years_how: How
    ceiling: bool
    recipient: str | None = None
    joint_payers: list[str] = field(default_factory=list)
    by_year: dict[int, int] | None = None
    ceiling_by_year: dict[int, int] | None = None
    background: str | None = None  # why it is not money of the request, if it is not
    each_of: list[str] = field(default_factory=list)  # "kommunerne betaler hver op til …"
    funding_source: str | None = None


@dataclass(frozen=True)
class Confirmation:
    """A reading that changes the route or the money and was only inferred: asked."""

    field: str
    question: str
    question_en: str
    value: str | None = None  # what confirming it sets, where the draft does not hold it


@dataclass
class Reading:
    doc: Document
    seg: Segments
    lex: Lexicon
    vocab: Vocabulary
    params: Parameters
    named: list[Named] = field(default_factory=list)
    parties: dict[str, PartyRead] = field(default_factory=dict)
    writer: str | None = None  # the party whose voice the text is (its "vi", "our")
    request: RequestKind | None = None
    request_how: How = "stated"
    amounts: list[AmountRead] = field(default_factory=list)
    payment_model_agreed: bool | None = None
    decided: list[str] = field(default_factory=list)  # bodies that have decided (their names)
    # spans that are not this case, and why: another agenda item, an option not chosen
    aside: list[tuple[int, int, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confirm: list[Confirmation] = field(default_factory=list)
    deadline: float = field(default_factory=lambda: time.monotonic() + TIME_BUDGET_SECONDS)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def home(self) -> str:
        return self.lex.data.home_party.name

    def note(self, field_name: str, value: object, start: int, end: int) -> None:
        """Keep the evidence for a fact read from text[start:end] (the readable text)."""
        a, b = self.doc.in_original(start, end)
        self.evidence.append(Evidence(field_name, str(value), self.doc.original[a:b], a, b))

    def on_time(self) -> None:
        """Called in the steps' loops: a text that takes too long is refused, not hung on."""
        if time.monotonic() > self.deadline:
            raise TextTooComplex()

    def named_in(self, a: int, b: int) -> list[Named]:
        """The organisations named in text[a:b], in order."""
        i = bisect.bisect_left(self.named, a, key=lambda n: n.start)
        out = []
        while i < len(self.named) and self.named[i].start < b:
            out.append(self.named[i])
            i += 1
        return out

    def parties_in(self, a: int, b: int) -> list[PartyRead]:
        """The parties named in text[a:b], each once, in the order of their first mention."""
        seen = dict.fromkeys(n.name for n in self.named_in(a, b) if n.name in self.parties)
        return [self.parties[name] for name in seen]

    def aside_why(self, pos: int) -> str | None:
        """Why `pos` stands outside this case (options.py, items.py), or None."""
        return next((why for a, b, why in self.aside if a <= pos < b), None)

    def of_kind(self, *kinds: PartyKind) -> list[PartyRead]:
        return [p for p in self.parties.values() if p.kind in kinds and p.takes_part]


def today() -> dt.date:
    """The day the text is read on (dated lists, e.g. the region's municipalities)."""
    return dt.date.today()
