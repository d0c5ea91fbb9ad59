"""Municipalities in a text: "Herning Kommune", "aarhus kommune", "hernig kommune" and
"herning kommmune" (small typos), "Skanderborg og Odder kommuner", "the municipalities of
Skive and Viborg", "Holstebro Municipality". Names come from knowledge/places.yaml (all 98, by
region); a name is matched ignoring case, else to the closest real name (difflib, the standard
library's fuzzy match)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from sie_rules.intake.word_search import WordsPattern, starting_with, words_pattern
from sie_rules.knowledge.corpus import read_model

_WORD = r"[A-Za-zÆØÅæøåÉé]+(?:-[A-Za-zÆØÅæøå]+)?"
# "kommune" and "municipality" with their common slips of the keyboard ("komune", "kommmune",
# "kommne"; "municipalty", "muncipality", "municipallity")
_KOMMUNE = r"kom{1,3}u?n{1,2}e"
_KOMM = r"komm\.?"  # the short form in a hurried text: "struer komm"
_MUNICIPAL = r"mun(?:i)?cip(?:a)?l+(?:i)?t"
# one name before "kommune"/"municipality" (the keyword is found first and the word before it
# read back: trying every word of a long text for a keyword after it cost 17 ms per 100 KB),
# or after "kommunen i"/"municipality of"
_STARTS = ("kom", "mun")
_KEYWORD = starting_with(_STARTS, rf"(?:{_KOMMUNE}s?|{_MUNICIPAL}y(?:'s)?|{_KOMM})(?!\w)")
_NAME_BEFORE = re.compile(rf"(?<!\w)({_WORD})\s+$", re.I)
_BARE_BEFORE = re.compile(r"(?<![\w-])([A-ZÆØÅ][a-zæøå]+)(?:-|[^\S\n]+)$")
_TWO_BEFORE = re.compile(rf"(?<!\w)({_WORD})[^\S\n]+({_WORD})\s+$", re.I)
_NAME_AFTER = starting_with(_STARTS, rf"(?:{_KOMMUNE}n\s+i|{_MUNICIPAL}y\s+of)\s+({_WORD})")
# a list of names before "kommuner"/"municipalities", or after "the municipalities of"
_MANY_AFTER = starting_with(_STARTS, rf"(?:{_KOMMUNE}r|{_MUNICIPAL}ies)(?!\w)(?!\s+of\b)")
_MANY_BEFORE = starting_with(_STARTS, rf"(?:{_KOMMUNE}rne|{_MUNICIPAL}ies\s+of)\s+")
_LIST_WORD = re.compile(rf"{_WORD}|,|\bog\b|\band\b|&", re.I)


class _Places(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    regions: dict[str, list[str]]
    spellings: dict[str, str] = {}
    not_names: list[str] = []
    deal_words: list[str] = []


@dataclass(frozen=True)
class Places:
    lookup: dict[str, str]  # casefolded name or other spelling -> the municipality
    not_names: frozenset[str]  # "den kommune", "hver kommune": words that are no name
    # a bare name before one of these is the municipality's case: "the Struer deal"
    deal: WordsPattern | None = None
    _resolved: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, word: str) -> str | None:
        """The municipality a written name means: exact in any case (also in the genitive,
        "Randers'"/"Randerss"), else the closest real name; remembered per word, since a long
        text repeats its names."""
        if word not in self._resolved:
            if len(self._resolved) > 10_000:
                self._resolved.clear()
            self._resolved[word] = self._resolve(word.casefold())
        return self._resolved[word]

    def _resolve(self, word: str) -> str | None:
        for key in (word, word.removesuffix("s")):
            if key in self.lookup:
                return self.lookup[key]
        if word in self.not_names or len(word) < 4:
            return None
        close = difflib.get_close_matches(word, list(self.lookup), n=1, cutoff=0.8)
        return self.lookup[close[0]] if close else None


@cache
def load_places(knowledge_dir: Path) -> Places:
    data = read_model(knowledge_dir / "places.yaml", _Places)
    names = {m for municipalities in data.regions.values() for m in municipalities}
    lookup = {m.casefold(): m for m in names}
    lookup |= {k.casefold(): v for k, v in data.spellings.items() if v in names}
    deal = words_pattern(data.deal_words) if data.deal_words else None
    return Places(lookup, frozenset(w.casefold() for w in data.not_names), deal)


def municipalities_in(text: str, places: Places) -> Iterator[tuple[str, int, int]]:
    """(municipality, start, end) for every municipality the text names."""
    ones = [
        _joined_name(text, keyword, places)
        or (preceding.group(1), preceding.start(), keyword.end())
        for keyword in _KEYWORD.finditer(text)
        if (preceding := _NAME_BEFORE.search(text, max(0, keyword.start() - 60), keyword.start()))
    ]
    ones += [(m.group(1), m.start(), m.end()) for m in _NAME_AFTER.finditer(text)]
    if places.deal is not None:  # "the Struer deal", "Herning-aftalen"
        ones += [
            (bare.group(1), bare.start(), deal.end())
            for deal in places.deal.finditer(text)
            if (bare := _BARE_BEFORE.search(text, max(0, deal.start() - 40), deal.start()))
        ]
    for word, start, end in sorted(ones, key=lambda one: one[1]):
        name = places.resolve(word)
        if name:
            yield name, start, end
    for m in _MANY_AFTER.finditer(text):  # "Skanderborg, Odder og Samsø kommuner"
        before = list(_LIST_WORD.finditer(text, max(0, m.start() - 120), m.start()))
        for word, start in _joined_names(reversed(before)):
            name = places.resolve(word)
            if name:
                yield name, start, start + len(word)
    for m in _MANY_BEFORE.finditer(text):  # "the municipalities of Skive and Viborg"
        after = _LIST_WORD.finditer(text, m.end(), m.end() + 120)
        for word, start in _joined_names(after):
            name = places.resolve(word)
            if name:
                yield name, m.start(), start + len(word)


def _joined_name(text: str, keyword: re.Match[str], places: Places) -> tuple[str, int, int] | None:
    """A two-part name written with a space for its hyphen before the keyword: "Ringkøbing
    Skjern Kommune", "ikast brande kommune" (only when the hyphenated name is a real one)."""
    two = _TWO_BEFORE.search(text, max(0, keyword.start() - 60), keyword.start())
    if two is None:
        return None
    name = f"{two.group(1)}-{two.group(2)}"
    return (name, two.start(), keyword.end()) if name.casefold() in places.lookup else None


def _joined_names(tokens: Iterable[re.Match[str]]) -> list[tuple[str, int]]:
    """The names of a list joined by commas and og/and, read from the list's end next to
    "kommuner" outwards: name, joiner, name, … until two names or two joiners meet."""
    names: list[tuple[str, int]] = []
    expect_name = True
    for t in tokens:
        word = t.group(0)
        joiner = word in {",", "&"} or word.casefold() in {"og", "and"}
        if expect_name and not joiner:
            names.append((word, t.start()))
        elif expect_name or not joiner:
            break
        expect_name = not expect_name
    return names
