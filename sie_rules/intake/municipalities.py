"""Municipalities in a text: "Herning Kommune", "aarhus kommune", "hernig kommune" (a small
typo), "Skanderborg og Odder kommuner", "the municipalities of Skive and Viborg", "Holstebro
Municipality". Names come from knowledge/places.yaml (all 98, by region); a name is matched
ignoring case, else to the closest real name (difflib, the standard library's fuzzy match)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from sie_rules.knowledge.corpus import read_model

_WORD = r"[A-Za-zÆØÅæøåÉé]+(?:-[A-Za-zÆØÅæøå]+)?"
# one name before "kommune"/"municipality", or after "kommunen i"/"municipality of"
_ONE = re.compile(
    rf"(?<!\w)(?P<a>{_WORD})\s+(?:kommunes?|municipality(?:'s)?)(?!\w)"
    rf"|(?<!\w)(?:kommunen\s+i|municipality\s+of)\s+(?P<b>{_WORD})",
    re.I,
)
# a list of names before "kommuner"/"municipalities", or after "the municipalities of"
_MANY_AFTER = re.compile(r"(?<!\w)(?:kommuner|municipalities)(?!\w)(?!\s+of\b)", re.I)
_MANY_BEFORE = re.compile(r"(?<!\w)(?:kommunerne|municipalities\s+of)\s+", re.I)
_LIST_WORD = re.compile(rf"{_WORD}|,|\bog\b|\band\b|&", re.I)
_NOT_NAMES = {
    "den",
    "denne",
    "hver",
    "en",
    "the",
    "each",
    "a",
    "vores",
    "our",
    "samme",
    "som",
    "din",
    "jeres",
    "begge",
    "both",
    "alle",
    "all",
    "flere",
    "several",
    "to",
    "two",
    "andre",
    "other",
    "deltagende",
    "participating",
}


class _Places(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    regions: dict[str, list[str]]
    spellings: dict[str, str] = {}


@dataclass(frozen=True)
class Places:
    region_of: dict[str, str]  # municipality -> its region
    lookup: dict[str, str]  # casefolded name or spelling -> the municipality
    _resolved: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, word: str) -> str | None:
        """The municipality a written name means: exact (any case), else a close real name
        (remembered per word: a long text repeats its names)."""
        if word not in self._resolved:
            if len(self._resolved) > 10_000:
                self._resolved.clear()
            self._resolved[word] = self._resolve(word)
        return self._resolved[word]

    def _resolve(self, word: str) -> str | None:
        key = (
            word.casefold().removesuffix("s")
            if word.casefold() not in self.lookup
            else word.casefold()
        )
        if key in self.lookup:
            return self.lookup[key]
        if key in _NOT_NAMES or len(key) < 4:
            return None
        close = difflib.get_close_matches(key, list(self.lookup), n=1, cutoff=0.8)
        return self.lookup[close[0]] if close else None


@cache
def load_places(knowledge_dir: Path) -> Places:
    data = read_model(knowledge_dir / "places.yaml", _Places)
    region_of = {m: region for region, names in data.regions.items() for m in names}
    lookup = {m.casefold(): m for m in region_of}
    lookup |= {k.casefold(): v for k, v in data.spellings.items() if v in region_of}
    return Places(region_of, lookup)


def municipalities_in(text: str, places: Places) -> Iterator[tuple[str, int, int]]:
    """(municipality, start, end) for every municipality the text names."""
    for m in _ONE.finditer(text):
        word = m.group("a") or m.group("b")
        name = places.resolve(word)
        if name:
            yield name, m.start(), m.end()
    for m in _MANY_AFTER.finditer(text):
        words = _names_before(text, m.start())
        for word, start in words:
            name = places.resolve(word)
            if name:
                yield name, start, m.end()
    for m in _MANY_BEFORE.finditer(text):
        for word, start in _names_after(text, m.end()):
            name = places.resolve(word)
            if name:
                yield name, m.start(), start + len(word)


def _names_before(text: str, end: int) -> list[tuple[str, int]]:
    """'Skanderborg, Odder og Samsø' right before `end`: names joined by commas and og/and."""
    tokens = list(_LIST_WORD.finditer(text, max(0, end - 120), end))
    names: list[tuple[str, int]] = []
    expect_name = True
    for t in reversed(tokens):
        word = t.group(0)
        if expect_name and word not in {",", "&"} and word.casefold() not in {"og", "and"}:
            names.append((word, t.start()))
            expect_name = False
        elif not expect_name and (word in {",", "&"} or word.casefold() in {"og", "and"}):
            expect_name = True
        else:
            break
    return names


def _names_after(text: str, start: int) -> list[tuple[str, int]]:
    """'Skive and Viborg' right after `start`."""
    names: list[tuple[str, int]] = []
    expect_name = True
    for t in _LIST_WORD.finditer(text, start, start + 120):
        word = t.group(0)
        is_joint = word in {",", "&"} or word.casefold() in {"og", "and"}
        if expect_name and not is_joint:
            names.append((word, t.start()))
            expect_name = False
        elif not expect_name and is_joint:
            expect_name = True
        else:
            break
    return names
