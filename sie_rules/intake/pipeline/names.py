"""Organisations named in a text, each with its kind: the known ones by name or alias (also
with a small slip), any other by a word of its name that tells its kind ("Regionspsykiatrien
Horsens" is a hospital, "Brabrand Boligforening" housing, "Sundhedsinvest Midt ApS" a
company, "Bikubenfonden" a foundation). Names inside quotation marks are a project's title,
not an organisation. The words are language data: knowledge/intake/organisations.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from sie_rules.intake.pipeline.spans import Taken
from sie_rules.intake.vocabulary import LONG_NAME, KnownName, Organisations
from sie_rules.model import PartyKind

# one name word: a capitalised word, an initial ("A.P."), an acronym ("LMS", "AUH")
_CAP = r"(?!DKK\b|EUR\b|USD\b)(?:(?:[A-ZÆØÅ]\.){1,3}|[A-ZÆØÅ][\wæøåÆØÅ'’-]*)"
_LINK = r"(?:for|mod|af|til|i|på|om|fra|of|the)"
# words after "foreningen" in lower case that are what it does, not its name
_VERBS = (
    r"(?:søger|ansøger|har|er|var|vil|skal|kan|fik|modtog|driver|står|holder|arbejder"
    r"|tilbyder|ønsker|beder|mangler|bruger|laver)"
)
_QUOTED = re.compile(r"[\"“”«»][^\"“”«»\n]{1,120}[\"“”«»]")
_FUZZY_SCORE = 90
_SLIP_LETTERS = 3
_SHARED_GRAMS = 4  # a slip of a name of ten letters or more keeps at least this many


@dataclass(frozen=True)
class Mention:
    """Where an organisation is named, its canonical name, its kind and how it was known."""

    start: int
    end: int
    name: str
    kind: PartyKind
    how: str  # "known", "slip", "head"


def organisations_in(
    text: str, orgs: Organisations, towns: Mapping[str, str] | None = None
) -> list[Mention]:
    """Every organisation named in `text`, by place; a known name before a name by its head
    word, and no two mentions overlap."""
    found = _known(text, orgs)
    found += _slips(text, orgs, found)
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    for m in _heads(text, orgs, towns or {}):
        if not any(a <= m.start < b for a, b in quoted):
            found.append(m)
    first_words = {w.casefold() for heads in orgs.heads.values() for w in heads.first}
    return _without_overlaps(found, first_words)


def _known(text: str, orgs: Organisations) -> list[Mention]:
    out = []
    for m in orgs.known_words.finditer(text):
        org = orgs.owner[str(m.lastgroup)]
        out.append(Mention(m.start(), m.end(), org.name, org.kind, "known"))
    for m in orgs.acronyms.finditer(text) if orgs.acronyms else ():
        org = orgs.acronym_owner[m.group(1)]
        out.append(Mention(m.start(), m.end(), org.name, org.kind, "known"))
    return out


def _slips(text: str, orgs: Organisations, found: list[Mention]) -> list[Mention]:
    """Known long names written with a slip: "Landsbyggefondens", "den sociale investeringsfon",
    "Nordeafonden" (rapidfuzz's ratio against every long alias, spaces left out)."""
    table = orgs.long_aliases
    grams = _grams_of(tuple(table))
    taken = Taken((m.start, m.end) for m in found)
    out = []
    seen: dict[str, bool] = {}  # a long text names the same things again
    for m in re.finditer(
        r"(?:[^\W\d_]{2,9}[ \t]+){0,2}[^\W\d_]{10,}(?:[ \t]+[^\W\d_]+){0,3}", text
    ):
        if taken.overlaps(m.start(), m.end()) or seen.get(m.group()) is False:
            continue
        squeezed = "".join(m.group().split()).casefold()
        if len(_grams(squeezed) & grams) < _SHARED_GRAMS:  # shares too little with any name
            continue
        slip = _slip(m, table)
        seen[m.group()] = slip is not None
        if slip is not None:
            out.append(slip)
    return out


@cache
def _grams_of(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(g for name in names for g in _grams(name))


def _grams(squeezed: str) -> set[str]:
    """The runs of four letters of a name written without spaces."""
    return {squeezed[i : i + 4] for i in range(len(squeezed) - 3)}


def _slip(m: re.Match[str], table: Mapping[str, KnownName]) -> Mention | None:
    """The longest run of words in `m` (from its first word or a later one) that is a known
    name with a slip: "Den Social Investerings Fond"."""
    whole = "".join(m.group().split()).casefold()
    near = process.extractOne(
        whole, table.keys(), scorer=fuzz.partial_ratio, score_cutoff=_FUZZY_SCORE
    )
    if near is None:  # no long name is close to any part of it
        return None
    words = list(re.finditer(r"\S+", m.group()))
    for first in range(len(words)):
        for n in range(len(words), first, -1):
            squeezed = "".join(w.group() for w in words[first:n]).casefold()
            if len(squeezed) < LONG_NAME:
                break
            best = process.extractOne(
                squeezed, table.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE
            )
            # a slip changes a few letters, it does not leave out a word ("modeller for
            # sociale investeringer" is not "Rådet for Sociale Investeringer"), take in a short
            # word after it ("investeringsfond i"), or drop the definite ending ("en social
            # investeringsfond" is a fund, not "investeringsfonden")
            if (
                best
                and best[0] != squeezed
                and abs(len(best[0]) - len(squeezed)) <= _SLIP_LETTERS
                and len(words[n - 1].group()) > 2
                and squeezed not in _generic_forms(best[0])
            ):
                org = table[best[0]]
                start = m.start() + words[first].start()
                return Mention(start, m.start() + words[n - 1].end(), org.name, org.kind, "slip")
    return None


def _generic_forms(name: str) -> set[str]:
    """A known name without its article or definite ending is the common noun: "sociale
    investeringsfond", "investeringsfond" (a municipality has one) are not the fund."""
    bare = {name.removeprefix(article) for article in ("den", "det", "the")}
    return bare | {b.removesuffix(ending) for b in bare | {name} for ending in ("en", "n", "et")}


# a name's last "s" before a word in lower case is the genitive: "Foreningen Trappens indsats"
# (not before a preposition: "Foreningen Åbent Hus for …")
_GENITIVE = re.compile(
    r"s[^\S\n]+(?!(?:for|til|i|og|med|om|på|fra|af|and|to|in|with|of|at|on|from)\b)[a-zæøå]"
)


def _heads(text: str, orgs: Organisations, towns: Mapping[str, str]) -> list[Mention]:
    out = []
    for kind, heads in orgs.heads.items():
        for pattern, group in _head_patterns(
            tuple(heads.first), tuple(heads.last), tuple(heads.suffix)
        ):
            for m in pattern.finditer(text):
                found = m.group(group).rstrip("'’")  # "Regionspsykiatrien Horsens' team"
                name = _trim(found, orgs)
                if name is None:
                    continue
                words = list(re.finditer(r"\S+", found))  # the kept words end the name found
                start = m.start(group) + words[len(words) - len(name.split())].start()
                end = m.start(group) + len(found)
                last = name.split()[-1].casefold()
                if len(name.split()) > 1 and _GENITIVE.match(text, end - 1) and last not in towns:
                    name, end = name[:-1], end - 1  # "Foreningen Nabohjælps projekt"
                out.append(Mention(start, end, _capitalised_name(name), kind, "head"))
    return out


def _capitalised_name(name: str) -> str:
    """A name written in lower case as a name: "foreningen trappen" -> "Foreningen Trappen"."""
    if name[:1].isupper():
        return name
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@cache
def _head_patterns(
    first: tuple[str, ...], last: tuple[str, ...], suffix: tuple[str, ...]
) -> list[tuple[re.Pattern[str], str]]:
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    patterns = []
    if "foreningen" in first:  # in lower case, the one word after it: "foreningen trappen"
        patterns.append(
            (re.compile(rf"(?P<n>\bforeningen[ \t]+(?!{_VERBS}\b)[a-zæøå][\wæøå-]+)"), "n")
        )
    if first:  # "Foreningen Fælles Bord Gellerup", "Bydelsmødrene i Herning", "foreningen trappen"
        patterns.append(
            (
                re.compile(
                    rf"(?P<n>\b(?i:{alt(first)})"
                    rf"(?:[ \t]+{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+)?{_CAP}){{0,3}}"
                    rf"|[ \t]+(?:{_LINK}[ \t]+){_CAP}(?:[ \t]+{_CAP}){{0,2}}))"
                ),
                "n",
            )
        )
    if last:  # "Aarhus Universitetshospital", "Poul Due Jensens Fond", "Velfærdspartner Invest ApS"
        patterns.append(
            (
                re.compile(
                    rf"(?P<n>(?<![\w.]){_CAP}(?:[ \t]+{_CAP}){{0,3}}"
                    rf"[ \t]+{_capitalised(last)})(?![\w/])"
                ),
                "n",
            )
        )
    if suffix:  # "Bikubenfonden", "ADHD-foreningen"
        patterns.append(
            (re.compile(rf"(?P<n>\b[A-ZÆØÅ][\wæøåÆØÅ-]{{2,}}(?:{alt(suffix)}))\b"), "n")
        )
    return patterns


def _capitalised(words: tuple[str, ...]) -> str:
    """The closing words of a name as a name writes them: capitalised ("Boligforening",
    "ApS", "A/S"), never the common noun ("et netværk")."""
    forms = {w if w[:1].isupper() else w[:1].upper() + w[1:] for w in words}
    return "(?:" + "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True)) + ")"


def _trim(name: str, orgs: Organisations) -> str | None:
    """The name without words that begin no name ("Derudover Lauritzen Fonden")."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in orgs.not_names:
        words = words[1:]
    if not words or words[0].casefold() in orgs.not_names or (len(words) == 1 and name != words[0]):
        return None
    return " ".join(words)


def _without_overlaps(found: list[Mention], first_words: set[str]) -> list[Mention]:
    """Known names first, then the longest; a mention overlapping one kept is dropped. A name
    opened by a head word outranks a known name inside it: "Foreningen Bedre Psykiatri",
    "Regionspsykiatrien Gødstrup" (not the hospital Gødstrup)."""
    rank = {"known": 0, "slip": 1, "head": 2}
    kept: list[Mention] = []

    def order(m: Mention) -> tuple[int, int, int]:
        headed = m.how == "head" and m.name.split()[0].casefold() in first_words
        return (0 if headed else rank[m.how], -(m.end - m.start), m.start)

    for m in sorted(found, key=order):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
