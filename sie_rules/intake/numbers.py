"""Amounts, years and durations as the minutes (and people) write them.

"3,6 mio. kr.", "125.000 kr.", "0,5 mio.", "DKK 125,000", "3.6 million", "1,5 millioner",
"en halv million", "tre komma seks millioner", "one and a half million", "femhundrede tusind
kroner"; "i årene 2027-2031", "fra 2026 til 2030"; "effektopfølgning i 5 år", "5 years of
follow-up".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sie_rules.intake.word_search import WordsPattern, latin_lower

# numbers in words, (Danish, English, value); "femoghalvfjerds" and "seventy-five" are a unit
# and a ten (see _COMPOUND)
_UNIT_WORDS = [
    ("en", "one", 1), ("to", "two", 2), ("tre", "three", 3), ("fire", "four", 4),
    ("fem", "five", 5), ("seks", "six", 6), ("syv", "seven", 7), ("otte", "eight", 8),
    ("ni", "nine", 9),
]  # fmt: skip
_TEEN_WORDS = [
    ("ti", "ten", 10), ("elleve", "eleven", 11), ("tolv", "twelve", 12),
    ("tretten", "thirteen", 13), ("fjorten", "fourteen", 14), ("femten", "fifteen", 15),
    ("seksten", "sixteen", 16), ("sytten", "seventeen", 17), ("atten", "eighteen", 18),
    ("nitten", "nineteen", 19),
]  # fmt: skip
_TEN_WORDS = [
    ("tyve", "twenty", 20), ("tredive", "thirty", 30), ("fyrre", "forty", 40),
    ("halvtreds", "fifty", 50), ("tres", "sixty", 60), ("halvfjerds", "seventy", 70),
    ("firs", "eighty", 80), ("halvfems", "ninety", 90),
]  # fmt: skip


def _by_word(table: list[tuple[str, str, int]]) -> dict[str, float]:
    return {word: value for da, en, value in table for word in (da, en)}


_UNITS = _by_word(_UNIT_WORDS) | {"et": 1, "én": 1}
_TENS = _by_word(_TEN_WORDS)
_WORD_NUMBERS = (
    _UNITS
    | _by_word(_TEEN_WORDS)
    | _TENS
    | {"halv": 0.5, "half": 0.5, "halvanden": 1.5, "hundrede": 100, "hundred": 100}
    | {"kvart": 0.25, "trekvart": 0.75, "quarter": 0.25}
)


def _alternatives(words: dict[str, float]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT = _alternatives(_UNITS)
_TEN = _alternatives(_TENS)


# a unit and a ten: "femogtyve", "fem og tyve" (groups 1, 2); "twenty-five" (groups 3, 4)
_COMPOUND = (
    rf"({_UNIT})\s*og\s*({_TEN})"
    rf"|({_TEN})[-\s]({_UNIT})"
)
_WORD = _alternatives(_WORD_NUMBERS)
_DIGITS = r"\d{1,3}(?:[.,  ]\d{3})+(?![\d])|\d+\.(?=\s*(?:mio|mill))|\d+½|\d+(?:[.,]\d+)?|½"
# "fem hundrede", "femhundrede", "femogtyve", "tre komma seks", "en halv", "seventy-five";
# a number and "tusinde" may be one word: "femhundredetusinde", "halvfjerdstusinde". One branch
# for everything that starts with any number word (three branches each trying every number
# word cost twice as much on long texts), one for an English ten and a unit.
_SPELLED = (
    rf"(?:\b(?:{_TEN})[-\s](?:{_UNIT})(?=tusind|(?!\w))"
    rf"|\b(?:{_WORD})(?:\s*(?:hundrede|hundred)|\s*og\s*(?:{_TEN}))?"
    rf"(?:\s+(?:komma|point)\s+(?:{_WORD}))?(?:\s+(?:halv|half))?"
    rf"(?:\s+(?:og|and)\s+(?:en|et|a)\s+(?:halv|half)|\s+(?:en|et)\s+halv|\s+kvart)?"
    rf"(?=tusind|(?!\w)))"
)
# a bare "m" is a million only beside a currency ("DKK 1.2m", "2m kr."), never "200 m" alone
_MILLION = r"mio\.?|millioner|million(?:er)?|millions|mill\.?|m(?!\w)"
_THOUSAND = r"tusinde?|thousand|t\.?(?=\s*kr)|k(?=\s*(?:kr|dkk)?\b)"
_CURRENCY = r"kr\.?|kroner|dkk"

# what an amount or a count of years can start with: a lookahead that rejects other
# positions at one test (the case-insensitive alternations behind it are slow to fail);
# the second one does the same after a currency ("kr kr kr ..." took 100 ms per 100 KB)
_NUMBER_STARTS = "0-9½" + "".join(sorted({c for w in _WORD_NUMBERS for c in w[0] + w[0].upper()}))
AMOUNT = WordsPattern.of(
    re.compile(
        rf"(?<![\w.,])(?=[{_NUMBER_STARTS}kKdD])(?:(?P<cur1>{_CURRENCY})\s*)?(?=[{_NUMBER_STARTS}])(?P<num>{_DIGITS}|{_SPELLED})(?:[.,](?:00|-{{1,2}})(?!\d))?\s*"
        rf"(?:(?P<mio>{_MILLION})|(?P<k>{_THOUSAND}))?\.?\s*(?P<cur2>(?:{_CURRENCY})(?!\w))?",
        re.I,
    ),
    # what each match begins with: a currency, a digit or a number word
    ["kr", "kroner", "dkk", *"0123456789½", *_WORD_NUMBERS],
)
YEAR = re.compile(r"(?<!\d)(20[0-9]{2})(?!\d)")
_UNTIL = r"til og med|t\.o\.m\.|til|to|until|through"  # "2027 til og med 2030"
YEAR_RANGE = re.compile(rf"(?<!\d)(20[0-9]{{2}})\s*(?:-|–|{_UNTIL})\s*(20[0-9]{{2}})(?!\d)", re.I)
# a count of years is 1-3 digits not inside a longer number (linear on long digit runs);
# "5 års opfølgning" and "5-year follow-up" share the count, which is tried once per position
_YEARS_COUNT = rf"(?<!\d)\d{{1,3}}(?!\d)|(?=[{_NUMBER_STARTS}])(?:{_UNIT}|ti|ten)"
# every way of writing a follow-up below has one of these words: a text without them is not
# searched (follow_up_years)
_FOLLOW_UP_WORDS = _OPFOLGNING, _FOLLOW, _FOLGES, _TRACKED = (
    "opfølgning",
    "follow",
    "følges",
    "tracked",
)
FOLLOW_UP = re.compile(
    rf"(?=[{_NUMBER_STARTS}oOfFtT])(?:{_OPFOLGNING}\w*\s+(?:i|på|over)\s+(?P<a>{_YEARS_COUNT})\s+år"
    # "effekten følges (op) i fem år", "results are followed (up) / tracked for 5 years"
    rf"|(?:{_FOLGES}(?:\s+op)?|{_FOLLOW}ed(?:\s+up)?|{_TRACKED})\s+(?:i|over|for)\s+"
    rf"(?P<d>{_YEARS_COUNT})\s+(?:år|years?)\b"
    rf"|(?P<b>{_YEARS_COUNT})(?:\s*(?:års?|-årig\w*)\s+(?:effekt)?{_OPFOLGNING}"
    rf"|[- ]years?\s+(?:of\s+)?(?:effect\s+)?{_FOLLOW}[- ]?up)"
    rf"|{_FOLLOW}[- ]?up\s+(?:of|for|over)\s+(?P<c>{_YEARS_COUNT})\s+years?)",
    re.I,
)
BARE_YEARS = re.compile(r"(?<!\d)(\d{1,3})\s*(?:år|years?)\b")
_BARE_NUMBER = re.compile(r"\d[\d.,  ]*")


@dataclass(frozen=True)
class Money:
    dkk: int
    start: int
    end: int
    text: str


def _number(text: str) -> float | None:
    raw = text.strip().casefold()
    if raw[-1:] == "½" and (raw == "½" or raw[:-1].isdecimal()):  # "½ mio.", "2½ mio."
        return int(raw[:-1] or 0) + 0.5
    if raw in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[raw])
    spelled = re.fullmatch(rf"({_WORD})\s*(hundrede|hundred)", raw)
    if spelled:
        return _WORD_NUMBERS[spelled.group(1)] * 100.0
    decimal = re.fullmatch(rf"({_WORD})\s+(?:komma|point)\s+({_WORD})", raw)
    if decimal:
        return float(
            f"{int(_WORD_NUMBERS[decimal.group(1)])}.{int(_WORD_NUMBERS[decimal.group(2)])}"
        )
    compound = re.fullmatch(_COMPOUND, raw)
    if compound:
        return float(sum(_WORD_NUMBERS[word] for word in compound.groups() if word))
    and_a_half = re.fullmatch(
        rf"({_WORD})\s+(?:(?:og|and)\s+(?:en|et|a)\s+(?:halv|half)|en\s+halv|et\s+halv)", raw
    )
    if and_a_half:  # "to og en halv", "to en halv" (2.5)
        return _WORD_NUMBERS[and_a_half.group(1)] + 0.5
    quarters = re.fullmatch(rf"({_UNIT})\s+kvart", raw)
    if quarters:  # "tre kvart" (0.75)
        return _WORD_NUMBERS[quarters.group(1)] * 0.25
    half = re.fullmatch(rf"({_WORD})\s+(?:halv|half)", raw)
    if half:
        return (
            _WORD_NUMBERS[half.group(1)] * 0.5
            if half.group(1) in {"en", "et", "a", "one"}
            else None
        )
    digits = raw.replace(" ", "").replace("\u00a0", "").rstrip(".")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):  # thousands separators
        return float(re.sub(r"[.,]", "", digits))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", digits):
        return float(digits.replace(",", "."))
    return None


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
# a word after a bare sum that links it on, not a noun it counts: "max 600.000 over 2028-30"
_LINKING = re.compile(
    r"(?:over|i|til|for|og|in|to|per|pr|om|fra|from|af|til|som|as|årligt|om året|a year)\b", re.I
)


def _bare_kroner(text: str, m: re.Match[str], ceiling: WordsPattern | None) -> bool:
    """A sum in thousands with no currency, right after a ceiling word and with no word after
    it, is kroner: "resultatbetaling på max 600.000" (not "op til 1.000 borgere")."""
    if ceiling is None or not _GROUPED.fullmatch(m.group("num").strip()):
        return False
    lead = text[max(0, m.start() - 15) : m.start()].rstrip(" .")
    after = text[m.end("num") : m.end("num") + 20].lstrip()
    counted = after[:1].isalpha() and not _LINKING.match(after)  # "op til 1.000 borgere"
    return any(w.end() == len(lead) for w in ceiling.finditer(lead)) and not counted


def find_amounts(text: str, ceiling: WordsPattern | None = None) -> list[Money]:
    """Every sum of money in `text`: a number with a unit (mio., tusind) or a currency; with
    the lexicon's `ceiling` words, also a bare sum in thousands right after one of them."""
    found = []
    position = 0
    while m := AMOUNT.search(text, position):
        # a match that is not money gives back what follows its number: in "up to DKK
        # 800,000" the word "to" (2) must not take the currency from the real amount
        position = m.end("num")
        space = re.search(r"[  ]", m.group("num"))
        if space and m.start("num") and text[m.start("num") - 1] in "-–":
            # "i 2024-25 400.000 kr.": the end of a range of years, then the sum
            position = m.start("num") + space.end()
            continue
        has_currency = bool(m.group("cur1") or m.group("cur2")) or _bare_kroner(text, m, ceiling)
        has_unit = bool(m.group("mio") or m.group("k"))
        spelled = not m.group("num")[0].isdigit() and m.group("num") != "½"
        bare_m = (m.group("mio") or "").casefold() == "m"
        if (
            not (has_unit or has_currency)
            or (spelled and not has_unit)
            or (bare_m and not has_currency)
        ):
            continue
        value = _number(m.group("num"))
        if value is None or (YEAR.fullmatch(m.group("num").strip()) and not m.group("mio")):
            continue
        position = m.end()
        if m.group("mio"):
            value *= 1_000_000
        elif m.group("k"):
            value *= 1_000
        if value < 1:
            continue
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        found.append(Money(round(value), m.start(), end, text[m.start() : end]))
    return found


def parse_amount(text: str) -> int | None:
    """A short answer such as '3,6 mio.' or '4 millioner' (a bare number counts as kroner)."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].dkk
    bare = _BARE_NUMBER.fullmatch(text.strip())
    value = _number(bare.group(0)) if bare else None
    return round(value) if value is not None and value >= 1 else None


# "2028-31": the second year written with its last two digits
_SHORT_RANGE = re.compile(r"(?<!\d)(20([0-9]{2}))\s*[-–]\s*([0-9]{2})(?![\d.,])")


# a range ending in a date (a day, then up to three words): "1. januar 2027 til 31. december
# 2030", "2027 to June 2030", "fra 2026 til udgangen af 2029", "from 2026 to the end of 2029"
_TO_A_DATE = re.compile(
    rf"(?<!\d)(20[0-9]{{2}})\s+(?:{_UNTIL})\s+(?:\d{{1,2}}\.?\s+)?(?:[^\W\d_]+\.?\s+){{1,3}}"
    r"(20[0-9]{2})(?!\d)",
    re.I,
)


def _ranges(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(first, last, span) of every range of years in `text`: "2027-2031", "2028-31",
    "1. januar 2027 til 31. december 2030"."""
    found = [
        (int(m.group(1)), int(m.group(2)), m.span())
        for pattern in (YEAR_RANGE, _TO_A_DATE)
        for m in pattern.finditer(text)
    ]
    found += [
        (int(m.group(1)), 2000 + int(m.group(3)), m.span())
        for m in _SHORT_RANGE.finditer(text)
        if int(m.group(3)) > int(m.group(2))
    ]
    return found


def years_in(text: str) -> list[int]:
    """Years named in `text`; a range '2027-2031' gives every year in it."""
    years: set[int] = set()
    covered: set[int] = set()  # the places of the ranges' characters
    for first, last, (a, b) in _ranges(text):
        if first <= last <= first + 30:
            years.update(range(first, last + 1))
            covered.update(range(a, b))
    for m in YEAR.finditer(text):
        if m.start() not in covered:
            years.add(int(m.group(1)))
    return sorted(years)


def year_range(text: str) -> tuple[int, int] | None:
    ranges = _ranges(text)
    if ranges:
        first, last, _ = min(ranges, key=lambda r: r[2])
        return (first, last) if first <= last else None
    return None


def follow_up_years(text: str) -> tuple[int, re.Match[str]] | None:
    lower = latin_lower(text)
    if lower is not None and not any(word in lower for word in _FOLLOW_UP_WORDS):
        return None  # no match can be there (a whole search of 100 KB: 15-30 ms)
    m = FOLLOW_UP.search(text)
    if not m:
        return None
    raw = next(g for g in m.group("a", "b", "c", "d") if g)
    value = _number(raw)
    return (int(value), m) if value and 1 <= value <= 30 else None
