"""The reader's language data in knowledge/intake/, one file per concept, validated and
compiled: how texts are laid out (structure.yaml), which organisations there are and how
their kind shows in their names (organisations.yaml), the words of money (money.yaml), of a
case's state (status.yaml) and of what a case asks for (request.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from sie_rules.intake.word_search import WordsPattern, words_pattern
from sie_rules.knowledge.corpus import read_model
from sie_rules.model import PartyKind

LONG_NAME = 10  # letters
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–•*])\s*")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Columns(_Strict):
    current: list[str]
    earlier: list[str]


class _Options(_Strict):
    names: list[str]
    chosen: list[str]
    rejected: list[str]


class _StructureFile(_Strict):
    sections: dict[str, list[str]]
    columns: _Columns
    options: _Options
    item_titles: list[str]
    minutes: list[str]
    item_subjects: list[str]


@dataclass(frozen=True)
class Structure:
    """Which section a heading opens, and which of a table's columns holds the figures in
    force."""

    _heads: tuple[tuple[str, str], ...]  # (casefolded heading words, role), longest first
    current_column: WordsPattern
    earlier_column: WordsPattern
    option: re.Pattern[str]  # an option's name and its letter or number: "Model B", "option 2"
    chosen: WordsPattern
    rejected: WordsPattern
    item_title: re.Pattern[str]  # a line that opens an agenda item: "Punkt 3: …"
    minutes: WordsPattern  # a text of items numbered without the word: "referat", "dagsorden"
    item_subject: WordsPattern  # an item about a social investment

    def section_of(self, heading: str) -> str | None:
        """The role of the section `heading` opens ("4. Finansiering (udkast …)" ->
        "economy"), or None for a heading that names none."""
        words = _NUMBERING.sub("", heading.casefold())
        words = re.split(r"[:(]", words, maxsplit=1)[0].strip(" .–-")
        for head, role in self._heads:
            if words == head or words.startswith(head + " "):
                return role
        return None


def structure(data: _StructureFile) -> Structure:
    heads = [(w.casefold(), role) for role, words in data.sections.items() for w in words]
    return Structure(
        tuple(sorted(heads, key=lambda h: len(h[0]), reverse=True)),
        words_pattern(data.columns.current),
        words_pattern(data.columns.earlier),
        re.compile(
            rf"{phrases(data.options.names).pattern}[ \t](?P<label>[A-D1-4])(?!\w|[.,]\d)", re.I
        ),
        words_pattern(data.options.chosen),
        words_pattern(data.options.rejected),
        re.compile(
            rf"[ \t]{{0,20}}{phrases(data.item_titles).pattern}[ \t]{{1,5}}\d{{1,3}}[.:]", re.I
        ),
        words_pattern(data.minutes),
        words_pattern(data.item_subjects),
    )


class KnownName(_Strict):
    name: str
    kind: PartyKind
    aliases: list[str]


class HeadWords(_Strict):
    first: list[str] = []
    last: list[str] = []
    suffix: list[str] = []


class _OrganisationsFile(_Strict):
    known: list[KnownName]
    head_words: dict[PartyKind, HeadWords]
    not_names: list[str]
    other_regions: list[str]


@dataclass(frozen=True)
class Organisations:
    """Known names in one pattern (group `w<n>` -> known[n]), the head words of each kind,
    the words that begin no name and the other regions' names."""

    known: tuple[KnownName, ...]
    known_words: WordsPattern
    owner: dict[str, KnownName]  # group name in known_words -> its organisation
    acronyms: re.Pattern[str] | None  # acronyms matched in capitals only
    acronym_owner: dict[str, KnownName]
    heads: dict[PartyKind, HeadWords]
    not_names: frozenset[str]
    other_regions: WordsPattern
    # every name or alias of 10+ letters, its spaces left out -> its organisation: only such
    # a name can be written with a slip and still be known ("Landsbyggefondens")
    long_aliases: dict[str, KnownName]


def organisations(data: _OrganisationsFile) -> Organisations:
    words = [(alias, org) for org in data.known for alias in [org.name, *org.aliases]]
    # an acronym written in capitals ("VIA", "KL", "AU") is matched as written: in lower case
    # it is a word ("via", "kl.")
    exact = [(w, org) for w, org in words if w.isupper() and len(w) <= 4]
    loose = [(w, org) for w, org in words if not (w.isupper() and len(w) <= 4)]
    return Organisations(
        known=tuple(data.known),
        known_words=words_pattern([w for w, _ in loose], group_each=True),
        owner={f"w{n}": org for n, (_, org) in enumerate(loose)},
        acronyms=re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(w) for w, _ in exact) + r")(?![\w-])"
        )
        if exact
        else None,
        acronym_owner={w: org for w, org in exact},
        heads=dict(data.head_words),
        not_names=frozenset(w.casefold() for w in data.not_names),
        other_regions=words_pattern(data.other_regions),
        long_aliases={
            squeezed: org
            for org in data.known
            for alias in [org.name, *org.aliases]
            if len(squeezed := "".join(alias.split()).casefold()) >= LONG_NAME
            and squeezed.isalpha()
        },
    )


class _MoneyFile(_Strict):
    hypothetical: list[str]
    unit_before: list[str]
    unit_after: list[str]
    background: list[str]
    past_verbs: list[str]
    past_times: list[str]
    total_before: list[str]
    total_after: list[str]
    each_year: list[str]
    cap_lead: list[str]
    parts_lead: list[str]
    yearly_cap: list[str]


@dataclass(frozen=True)
class MoneyWords:
    """money.yaml compiled: each list as one pattern of whole words in any case."""

    hypothetical: WordsPattern
    unit_before: WordsPattern
    unit_after: WordsPattern
    background: WordsPattern
    past_verbs: WordsPattern
    past_times: WordsPattern
    total_before: WordsPattern
    total_after: WordsPattern
    each_year: WordsPattern
    cap_lead: WordsPattern
    parts_lead: WordsPattern
    yearly_cap: WordsPattern


def money_words(data: _MoneyFile) -> MoneyWords:
    return MoneyWords(**{name: words_pattern(words) for name, words in data})


class _RequestFile(_Strict):
    no_decision: list[str]
    report_titles: list[str]
    past_decisions: list[str]
    later: list[str]
    committee_ask: list[str]
    undecided: list[str]


@dataclass(frozen=True)
class RequestWords:
    no_decision: WordsPattern
    report_titles: WordsPattern
    past_decisions: WordsPattern
    later: WordsPattern
    committee_ask: WordsPattern
    undecided: WordsPattern


class _PaymentModelWords(_Strict):
    names: list[str]
    agreed: list[str]
    not_agreed: list[str]
    partly: list[str]


class _FinancingWords(_Strict):
    found: list[str]
    not_found: list[str]


class _StatusFile(_Strict):
    payment_model: _PaymentModelWords
    financing: _FinancingWords


# a word inside a sentence: it does not end one (an ordinal, "mio." or "kr." may end in ".")
_GAP_WORD = r"(?:[^\s!?;]*[^\s.!?;]|\d{1,2}\.|(?:mio|mill|kr|t\.kr|ca|pr|nr|jf|evt|fx)\.)"


def phrases(words: list[str]) -> re.Pattern[str]:
    """Phrases as whole words in any case; " * " in a phrase stands for up to five words of
    the same sentence."""

    def one(phrase: str) -> str:
        parts = [r"\s+".join(re.escape(w) for w in part.split()) for part in phrase.split(" * ")]
        return rf"(?:\s+{_GAP_WORD}){{0,5}}?\s+".join(parts)

    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(one(w) for w in ordered) + r")(?!\w)", re.I)


@dataclass(frozen=True)
class StatusWords:
    model_names: re.Pattern[str]
    agreed: re.Pattern[str]
    not_agreed: re.Pattern[str]
    partly: re.Pattern[str]
    found: re.Pattern[str]
    not_found: re.Pattern[str]


def status_words(data: _StatusFile) -> StatusWords:
    pm, fin = data.payment_model, data.financing
    return StatusWords(
        phrases(pm.names),
        phrases(pm.agreed),
        phrases(pm.not_agreed),
        phrases(pm.partly),
        phrases(fin.found),
        phrases(fin.not_found),
    )


@dataclass(frozen=True)
class Vocabulary:
    structure: Structure
    organisations: Organisations
    money: MoneyWords
    request: RequestWords
    status: StatusWords


@cache
def load_vocabulary(knowledge_dir: Path) -> Vocabulary:
    folder = knowledge_dir / "intake"
    return Vocabulary(
        structure=structure(read_model(folder / "structure.yaml", _StructureFile)),
        organisations=organisations(read_model(folder / "organisations.yaml", _OrganisationsFile)),
        money=money_words(read_model(folder / "money.yaml", _MoneyFile)),
        request=RequestWords(
            **{k: words_pattern(v) for k, v in read_model(folder / "request.yaml", _RequestFile)}
        ),
        status=status_words(read_model(folder / "status.yaml", _StatusFile)),
    )
