"""The intake's fast search of long texts finds exactly what its regular expressions find.

`WordsPattern` tries a pattern only where a word with one of its keys begins (issue #14);
these tests compare it with the pattern's own `finditer`/`search` on generated texts made of
the lexicon's words in any case, numbers, punctuation and letters that lower-case oddly, with
the shortcut on for every length.
"""

from __future__ import annotations

import re
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from regex_budget import nested

from sie_rules.intake import current_intake, municipalities, numbers, word_search
from sie_rules.intake.pipeline import names, request, status
from sie_rules.intake.pipeline import places as mentions
from sie_rules.intake.word_search import WordsPattern


def _patterns() -> dict[str, WordsPattern]:
    lex = current_intake().lex
    places = [(f"lexicon.{key}", value) for key, value in vars(lex).items()]
    for module in (numbers, municipalities, names, mentions, request, status):
        places += [(f"{module.__name__}.{key}", value) for key, value in vars(module).items()]
    return {
        where: pattern
        for prefix, value in places
        for where, pattern in nested(prefix, value, WordsPattern)
    }


PATTERNS = _patterns()


def _vocabulary() -> list[str]:
    data = current_intake().lex.data
    words = {w for ws in data.request_words.values() for w in [*ws.words, *ws.weak_words]}
    known = current_intake().lex.vocab.organisations.known
    words |= {w for org in known for w in [org.name, *org.aliases]}
    words |= {*data.ceiling_words, *data.pays_words, *data.home_words, *data.excluded_words}
    words |= {w for ws in data.role_words.values() for w in ws}
    words |= {w for ws in data.amount_words.values() for w in ws}
    words |= {"kommune", "Herning Kommune", "kommuner", "municipality of", "kan ikke finde"}
    words |= {"finansiering", "betalingsmodel", "er ikke aftalt", "Landsbyggefondens"}
    words |= {"3,6 mio. kr.", "kr. 2.500.000", "DKK 400,000", "fem", "tusinde", "½", "2027-2030"}
    return sorted(words)


VOCABULARY = _vocabulary()
# letters whose lower case is longer ("İ") or that match a Latin-1 letter ignoring case
# (the Kelvin sign, the long s, the Angstrom sign), a digit outside ASCII, and punctuation
ODD = ["\u0130", "\u212a", "\u017f", "\u212b", "\u0663", "ß", "ÆØÅ", "é", "–", "…", "“", ";", "\n"]
piece = st.one_of(
    st.sampled_from(VOCABULARY).map(str.upper),
    st.sampled_from(VOCABULARY).map(str.lower),
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(lambda w: "x" + w),  # not at a word's start
    st.sampled_from(ODD),
    st.from_regex(r"[0-9]{1,3}([.,][0-9]{3})?", fullmatch=True),
    st.text(alphabet="abcæøå AEKS", max_size=6),
)
texts = st.lists(st.tuples(piece, st.sampled_from([" ", "", ", ", ". "])), max_size=60).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


def _spans(matches: Any) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


def test_the_patterns_are_found() -> None:
    assert len(PATTERNS) > 30  # the lexicon's, the amount's and the municipalities'
    assert any(p.keys is not None for p in PATTERNS.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, cut=st.tuples(st.integers(0, 400), st.integers(0, 400)), data=st.data())
def test_words_found_by_their_keys_are_the_patterns_own(
    text: str, cut: tuple[int, int], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(PATTERNS)))
    pattern = PATTERNS[name]
    pos, end = min(cut), max(cut)
    with patch.object(word_search, "_LONG", 0):  # the shortcut at every length
        assert _spans(pattern.finditer(text)) == _spans(pattern.regex.finditer(text)), name
        fast, slow = pattern.search(text, pos, end), pattern.regex.search(text, pos, end)
        assert (fast and fast.span()) == (slow and slow.span()), name
        spans = sorted({(a, b) for a, b in [(0, pos), (pos, end), (end, len(text))] if a < b})
        assert [m and m.span() for m in pattern.first_in_each(text, spans)] == [
            m and m.span() for m in (pattern.regex.search(text, a, b) for a, b in spans)
        ], name


FOLLOW_UP_PIECES = [
    "opfølgning",
    "OPFØLGNING",
    "opfølgningen",
    "follow-up",
    "Follow up",
    "5",
    "fem",
]
FOLLOW_UP_PIECES += [
    "års",
    "år",
    "i",
    "over",
    "years",
    "year",
    "-year",
    "of",
    "effekt",
    "opfølgnıng",
]


def _follow_up_by_search(text: str) -> tuple[int, tuple[int, int]] | None:
    """What `follow_up_years` gives, by searching the whole text."""
    m = numbers.FOLLOW_UP.search(text)
    value = m and numbers._number(next(g for g in m.group("a", "b", "c") if g))
    return (int(value), m.span()) if m and value and 1 <= value <= 30 else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FOLLOW_UP_PIECES + ODD), max_size=12).map(" ".join))
def test_a_text_without_the_follow_up_words_is_not_searched_for_a_follow_up(text: str) -> None:
    found = numbers.follow_up_years(text)
    assert (found and (found[0], found[1].span())) == _follow_up_by_search(text)


@pytest.mark.parametrize("odd", ["\u0130", "\u212a", "\u017f", "\u0663"])
def test_a_text_with_letters_outside_latin_1_is_read_the_slow_way(odd: str) -> None:
    text = f"{odd}ommune " * 10 + "Herning Kommune " * 200
    assert word_search.latin_lower(text) is None
    keyword = municipalities._KEYWORD
    assert _spans(keyword.finditer(text)) == _spans(keyword.regex.finditer(text))


def test_a_long_text_is_searched_by_its_keys() -> None:
    """The shortcut is taken (else this file would test nothing): the pattern is only
    tried where a key stands."""
    text = "ord " * 1_000 + "Herning Kommune"
    pattern = municipalities._KEYWORD
    lower = word_search.latin_lower(text)
    assert lower is not None
    assert word_search._key_places(pattern.keys or (), lower) == (text.index("Kommune"),)
    assert [m.group() for m in pattern.finditer(text)] == ["Kommune"]


def test_every_word_pattern_compiles_to_a_case_insensitive_expression() -> None:
    for name, pattern in PATTERNS.items():
        assert pattern.regex.flags & re.I, name
