"""Words found in a long text only where one of them begins.

A regular expression with hundreds of alternatives, ignoring case, is tried at every position
of a text: for a 100 KB description that was the largest part of reading it. `WordsPattern`
keeps the expression and the first letters of each of its words (its keys); the text's words
are indexed once by their first letters (one pass, shared by every pattern), and the
expression is tried only where a word with one of its keys begins. The matches are the
expression's own, in the same order: each of its matches begins a word with one of its keys.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# texts shorter than this are searched by the expression alone (no gain from the letters)
_LONG = 2_000
_KEY_LENGTH = 4
_WORD = re.compile(r"\w+")
# a letter or digit outside Latin-1: its lower case may have another length ("İ"), it may
# match a Latin-1 letter ignoring case (the Kelvin sign matches "k", the long s "s"), and "٣"
# is a digit to \d; such a text is searched the slow way
_FOREIGN_LETTER = re.compile(r"[^\W_\x00-\xff]")


@lru_cache(maxsize=8)
def latin_lower(text: str) -> str | None:
    """`text` in lower case, letter for letter at the same positions, such that a word
    matched ignoring case in `text` is in it as lower-case text (None if it cannot be)."""
    return None if _FOREIGN_LETTER.search(text) else text.lower()


def first_letters(words: Iterable[str]) -> str:
    """A lookahead for the first letters of `words` in either case: put before a long
    case-insensitive alternation, it rejects most positions of a text at one test instead of
    one per word (3-4x faster on long texts; the match is the same)."""
    letters = sorted({c for w in words if w for c in (w[0].lower(), w[0].upper())})
    return "(?=[" + "".join(re.escape(c) for c in letters) + "])"


def starting_with(words: tuple[str, ...], pattern: str) -> WordsPattern:
    """`pattern`, ignoring case, where it starts a word with the first letters of one of
    `words` (lower case: the words its alternatives begin with)."""
    found = {w: _key(w) for w in words}
    if missing := [w for w, k in found.items() if k is None]:
        raise ValueError(f"no first letters to find for {missing}")
    keys = sorted({k for k in found.values() if k})
    regex = re.compile(
        r"(?<!\w)"
        + first_letters(keys)
        + "(?="
        + "|".join(map(re.escape, keys))
        + ")(?:"
        + pattern
        + ")",
        re.I,
    )
    return WordsPattern.of(regex, keys)


# the endings a Danish or English word takes in a sentence: "bemyndigelsen", "reserverer",
# "reserves", "negotiated", "mandatet"
_INFLECTED = "(?:erne|en|et|er|es|ed|n|r|s|d)?"


def words_pattern(
    words: list[str], group_each: bool = False, inflected: bool = False
) -> WordsPattern:
    """Any of `words` as whole words, longest first, ignoring case; `group_each`: each word
    in its own group, numbered in the order of `words` (m.lastindex says which matched);
    `inflected`: also with a common ending on the last word."""
    ordered = sorted({w.casefold() for w in words if w.strip()}, key=len, reverse=True)
    ending = _INFLECTED if inflected else ""
    alternatives = [r"\s+".join(re.escape(part) for part in w.split()) + ending for w in ordered]
    if group_each:
        number = {w: i for i, w in reversed(list(enumerate(x.casefold() for x in words)))}
        alternatives = [
            rf"(?P<w{number[w]}>{a})" for w, a in zip(ordered, alternatives, strict=True)
        ]
    regex = re.compile(
        r"(?<!\w)" + first_letters(ordered) + _by_first_letter(ordered, alternatives) + r"(?!\w)",
        re.I,
    )
    return WordsPattern.of(regex, ordered)


def _by_first_letter(words: list[str], alternatives: list[str]) -> str:
    """The alternatives in one group per first letter, each behind a look at that letter, so
    that a place is tried against the words that can start there only (a long list of names
    on 100 KB of "kr kr kr …" took 0.3 s tried in full at every place). The order within a
    letter, longest first, is kept."""
    buckets: dict[str, list[str]] = {}
    for word, alternative in zip(words, alternatives, strict=True):
        buckets.setdefault(word[:1], []).append(alternative)
    if len(buckets) < 4:
        return "(?:" + "|".join(alternatives) + ")"
    return (
        "(?:"
        + "|".join(f"(?={re.escape(first)})(?:{'|'.join(alts)})" for first, alts in buckets.items())
        + ")"
    )


def _key(word: str) -> str | None:
    """The first letters of `word` (casefolded, parts separated by spaces) that every match
    of it starts with: at most four, up to the first character that is no letter or digit
    ("t.o.m." gives "t"), lower-cased as `latin_lower` does. None if there are none or one is
    outside Latin-1."""
    first = _WORD.match(word)
    key = first.group()[:_KEY_LENGTH] if first else ""
    return key if key and key == key.lower() and all(ord(c) < 0x100 for c in key) else None


@dataclass(frozen=True)
class WordsPattern:
    """A compiled words pattern (`regex`) and the keys every match of it begins with."""

    regex: re.Pattern[str]
    keys: tuple[str, ...] | None  # None: some word has no usable key; always the expression

    @classmethod
    def of(cls, regex: re.Pattern[str], words: list[str]) -> WordsPattern:
        keys = [_key(w) for w in words]
        usable = all(k is not None for k in keys)
        return cls(regex, tuple(sorted({k for k in keys if k})) if usable else None)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        lower = self._lower(text, pos, end)
        if lower is None:
            return self.regex.finditer(text, pos, end)
        return self._at_keys(text, lower, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        lower = self._lower(text, pos, end)
        if lower is None:
            return self.regex.search(text, pos, end)
        return next(self._at_keys(text, lower, pos, end), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The expression's match at `pos` (one position: no index needed)."""
        return self.regex.match(text, pos, len(text) if endpos is None else endpos)

    def first_in_each(self, text: str, spans: list[tuple[int, int]]) -> list[re.Match[str] | None]:
        """`search(text, a, b)` for each of the sorted, non-overlapping `spans`, finding the
        keys in the whole text once instead of once per span."""
        lower = self._lower(text, 0, len(text))
        if lower is None:
            return [self.regex.search(text, a, b) for a, b in spans]
        starts = _key_places(self.keys or (), lower)
        found: list[re.Match[str] | None] = []
        for a, b in spans:
            i, m = bisect.bisect_left(starts, a), None
            while m is None and i < len(starts) and starts[i] < b:
                m, i = self.regex.match(text, starts[i], b), i + 1
            found.append(m)
        return found

    def _lower(self, text: str, pos: int, end: int) -> str | None:
        """The lower-cased text when the keys are worth using on text[pos:end]."""
        return latin_lower(text) if self.keys is not None and end - pos > _LONG else None

    def _at_keys(self, text: str, lower: str, pos: int, end: int) -> Iterator[re.Match[str]]:
        starts = _key_places(self.keys or (), lower)
        reached, i = pos, bisect.bisect_left(starts, pos)
        while i < len(starts) and starts[i] < end:
            if starts[i] >= reached and (m := self.regex.match(text, starts[i], end)):
                reached = m.end()
                yield m
            i += 1


@lru_cache(maxsize=512)
def _key_places(keys: tuple[str, ...], lower: str) -> tuple[int, ...]:
    """Where in `lower` a word beginning with one of `keys` begins, in order (remembered: a
    reading searches the same text for the same words several times)."""
    index, firsts = _word_index(lower)
    places: set[int] = set()
    for key in keys:
        if len(key) == _KEY_LENGTH:
            places.update(index.get(key, ()))
        else:  # a short key: every word that begins with it (they sort together)
            i = bisect.bisect_left(firsts, key)
            while i < len(firsts) and firsts[i].startswith(key):
                places.update(index[firsts[i]])
                i += 1
    return tuple(sorted(places))


@lru_cache(maxsize=4)
def _word_index(lower: str) -> tuple[dict[str, list[int]], list[str]]:
    """Where each word of `lower` begins, by its first four letters (a shorter word: itself),
    and those first letters in order."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(lower):
        index.setdefault(m.group()[:_KEY_LENGTH], []).append(m.start())
    return index, sorted(index)
