"""Sentences as the minutes (and people) write them: a sentence does not end after "mio.",
"kr." before a number, an initial ("A.P. Møller Fonden") or "t.o.m."; a blank line or a new
list item ends one."""

from __future__ import annotations

import re

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
            "adm",
            "fin",
            "pkt",
            "jf",
            "tlf",
            "evt",
            "inkl",
            "ekskl",
            "vedr",
            r"ph\.d",
            r"e\.g",
            r"i\.e",
            "approx",
            "no",
            "dr",
        )
    )
    + r"(?<!\b[A-ZÆØÅ][.!?])"
)
# abbreviations that end no sentence before a word in lower case ("3,6 mio. kr. til …")
_LOWER_ABBREVIATIONS = "".join(
    rf"(?<!\b{a}[.!?])"
    for a in ("kr", r"t\.kr", "mdr", "osv", "etc", "pga", "stk", "hhv", "mht", "inkl", "ekskl")
)
# The expression begins by taking one of the characters a sentence can end at, so that the
# regular expression engine skips to the next of them in C (a lookahead first would be tried
# at every position of the text: 6.7 -> 2.6 ms per 100 KB).
_SENTENCE_END = re.compile(
    rf"[.!?\n](?:"
    rf"(?<=[.!?]){_ABBREVIATIONS}(?=\s+(?:[\"'«»]?[A-ZÆØÅ0-9]"
    rf"|\([A-ZÆØÅ]))(?!(?<=kr\.)\s+\d)"  # "kr. 85.000"
    rf"|(?<=\n)\s*\n|(?<=\n)(?=\s*(?:at |\d+[.)] |[-*•–] ))"  # a list item: "- ", "1. ", "2) "
    # a hurried text's next sentence begins in lower case: "… før sommerferien. frivillige
    # fra …", "… over 2028-2031. og så 350 t.kr." (not after an ordinal: "den 5. marts")
    rf"|(?:(?<=[a-zæøå]{{3}}[.!?])|(?<=\d{{3}}[.!?]))"
    rf"{_ABBREVIATIONS}{_LOWER_ABBREVIATIONS}(?=[ \t]+[a-zæøå])"
    rf")"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` with something in it."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]
