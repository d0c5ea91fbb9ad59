"""Step 8, the case as a whole: the effort's period and follow-up, payment goals and who
pays for each, the policy fields it touches, its target group, flags (the overlap of region
and municipality, scaling) and listed values (DSI's theme, the cooperation's track)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from sie_rules.intake.numbers import find_amounts, follow_up_years, year_range
from sie_rules.intake.pipeline.state import Reading, today
from sie_rules.intake.word_search import WordsPattern, starting_with, words_pattern
from sie_rules.model import Role

# the number is not inside a longer number and the "about" word takes its own space, so the
# search stays linear on long runs of digits or spaces
_GROUP_SIZE = re.compile(
    r"(?:(?:ca\.|cirka|omkring|about|approximately|around)\s*)?(?<![\d.,])"
    r"(\d{1,3}(?:[.,]\d{3})+|\d{1,7})"
    r"\s+(?:beboere|borgere|personer|patienter|deltagere|unge|residents|citizens|people|patients)",
    re.I,
)


# the goal itself, up to the end of its clause ("…, og regionen betaler" names the payer)
_GOAL_PHRASE = re.compile(
    r"\b(?:betalingsmålet|betalingsmål|the payment goal|payment goal)\s+(?:er|is|:)\s+"
    r"(?P<goal>[^,.;:\n]{3,80}?)(?=\s*(?:[,.;:\n]|\bog\b|\band\b|$))",
    re.I,
)


# a goal's clause: it starts after "…, og" ("…, og TrygFonden betaler for målet …" names its
# own payer) but goes on past one ("Betalingsmålet er …, og regionen betaler" names the payer)
_CLAUSE_START = r",\s*(?:mens|men|while|og|and)\s|;"
_CLAUSE_END = r",\s*(?:mens|men|while)\s|;"

_EFFORT_PERIOD = re.compile(r"indsatsperiode|effort period", re.I)
# the effort's start without its end: "Indsatsen starter 1. marts 2027", "the project will
# begin in 2027"; the effort itself is named, so another thing starting is not taken
_EFFORT_START = re.compile(
    r"\b(?:indsatsen|projektet|forløbet|tilbuddet|the (?:effort|project|programme|intervention))"
    r"\s+(?:starter|begynder|går i gang|igangsættes|opstartes|(?:will )?(?:start|begin)s?)"
    r"\s+(?:(?:i|fra|den|per|pr\.|primo|medio|ultimo|in|on|from)\s+)?"
    r"(?:\d{1,2}\.?\s+)?(?:[a-zæøå]{3,9}\s+)?(?:\d{1,2},?\s+)?(20\d\d)\b",
    re.I,
)

# yes/no facts of the case as a whole, each with the words that say it
_FLAGS = {
    ("overlap", True): starting_with(
        ("krydsfelt", "på", "across"),
        r"krydsfelt|på tværs af (?:region og kommune|sektorer)|across sectors",
    ),
    ("scaling", True): starting_with(
        ("skaleringspotentiale", "national", "potentiale", "kan", "scal"),
        r"skaleringspotentiale|national skalering|potentiale til[^.]{0,30}skalering"
        r"|kan udbredes|scal(?:e|ing) up|scalab",
    ),
}


@lru_cache(maxsize=16)
def _any_of(values: tuple[str, ...]) -> WordsPattern:
    """Any of `values` as whole words, group `w<n>` for values[n] (cached: the lists are dated
    data, the same on every call)."""
    return words_pattern(list(values), group_each=True)


def read_case(r: Reading) -> dict[str, Any]:
    """The case's own facts, as the draft holds them."""
    out: dict[str, Any] = {}
    goals = _goals(r)
    if goals:
        out["payment_goals"] = goals
    out.update(_period(r))
    out.update(_flags(r))
    group = _target_group(r)
    if group:
        out["target_group"] = group
    fields = _fields(r)
    if fields:
        out["fields"] = fields
    for list_id, name in (("dsi_themes", "dsi_theme"), ("cooperation_tracks", "cooperation_track")):
        value = _listed(r, list_id, name)
        if value:
            out[name] = value
    return out


def _period(r: Reading) -> dict[str, int]:
    out: dict[str, int] = {}
    text = r.text
    period_words = re.compile(
        r"indsatsperiode|perioden|løber fra|indsatsen\s+løber|runs from|effort (?:period|runs)|"
        r"fra\s+20\d\d\s+til\s+20\d\d|from\s+20\d\d\s+to\s+20\d\d",
        re.I,
    )
    preferred = [m.start() for m in _EFFORT_PERIOD.finditer(text)]

    def names_period(clause: tuple[int, int]) -> bool:
        i = bisect.bisect_left(preferred, clause[0])
        return i < len(preferred) and preferred[i] < clause[1]

    clauses = [(c.start, c.end) for c in r.seg.clauses]
    for a, b in sorted(clauses, key=lambda clause: not names_period(clause)):
        sentence = text[a:b]
        if not period_words.search(sentence) or re.search(r"budget", sentence, re.I):
            continue
        found = year_range(sentence)
        if found and not find_amounts(sentence):
            out["effort_start"], out["effort_end"] = found
            r.note("effort_start", found[0], a, b)
            break
    start = None if out else _EFFORT_START.search(text)
    if start:
        out["effort_start"] = int(start.group(1))
        r.note("effort_start", start.group(1), start.start(), start.end())
    follow = follow_up_years(text)
    if follow:
        out["follow_up_years"] = follow[0]
        r.note("follow_up_years", follow[0], follow[1].start(), follow[1].end())
    return out


def _goals(r: Reading) -> list[dict[str, Any]]:
    goals: dict[str, list[str]] = {}
    authorities = [
        p.name
        for p in r.parties.values()
        if p.kind.value in ("region", "municipality") and p.takes_part
    ]
    for goal, pattern in r.lex.goal_patterns.items():
        m = pattern.search(r.text)
        if not m:
            continue
        r.note("payment_goals", goal, m.start(), m.end())
        payers: list[str] = []
        for hit in pattern.finditer(r.text):
            payers += _goal_payers(r, hit)
        goals[goal] = list(dict.fromkeys(payers)) or authorities
    if not goals:  # a goal in the text's own words: "betalingsmålet er færre indlæggelser"
        for m in _GOAL_PHRASE.finditer(r.text):
            name = m.group("goal").strip()
            name = name[0].upper() + name[1:]
            r.note("payment_goals", name, m.start("goal"), m.end("goal"))
            goals[name] = _goal_payers(r, m, after=m.end("goal")) or authorities
    return [{"name": g, "payers": p} for g, p in goals.items() if p]


def _goal_payers(r: Reading, hit: re.Match[str], after: int | None = None) -> list[str]:
    """The payers named for a goal in its clause (or, with `after`, in the rest of it: a goal
    in the text's own words may itself name a place, not a payer)."""
    text = r.text
    a, b = r.seg.sentence_span(hit.start())
    clause_start = max(
        [a, *(a + m.end() for m in re.finditer(_CLAUSE_START, text[a : hit.start()]))]
    )
    clause_end = min(
        [b, *(hit.end() + m.start() for m in re.finditer(_CLAUSE_END, text[hit.end() : b]))]
    )
    windows = [(max(clause_start, after or 0), clause_end)]
    nxt = next((c for c in r.seg.clauses if c.start >= b), None)
    if nxt and re.search(r"dette (?:betalings)?mål|this goal", text[nxt.start : nxt.end], re.I):
        windows.append((nxt.start, nxt.end))
    can_pay = r.lex.data.role_kinds[Role.result_payer]
    for c, d in windows:
        by = re.search(r"finansieres af|betales af|paid by|funded by", text[c:d], re.I)
        payer = re.search(
            r"resultatbetal|result payer|pays for|\bbetaler\b|\bpays\b", text[c:d], re.I
        )
        if by:
            span = (c + by.end(), d)
        elif payer:
            span = (c, c + payer.start())
        else:
            continue
        named = [p.name for p in r.parties_in(*span) if p.kind in can_pay and p.takes_part]
        if named:
            return named
    return []


def _fields(r: Reading) -> list[str]:
    out = []
    for name, pattern in r.lex.field_patterns.items():
        m = pattern.search(r.text)
        if m:
            out.append(name)
            r.note("fields", r.params.bodies.fields.get(name, name), m.start(), m.end())
    return out


def _listed(r: Reading, list_id: str, field_name: str) -> str | None:
    values = r.params.list_at(list_id, today())
    longest_first = tuple(sorted(values, key=len, reverse=True))
    first: dict[str, re.Match[str]] = {}  # each value's first place, in one pass
    for hit in _any_of(longest_first).finditer(r.text) if longest_first else ():
        first.setdefault(longest_first[int(str(hit.lastgroup)[1:])], hit)
    for value in sorted(first, key=len, reverse=True):  # the longest value named
        if len(value) > 8 or re.search(r"tema|theme", r.text, re.I):
            r.note(field_name, value, first[value].start(), first[value].end())
            return value
    if list_id == "cooperation_tracks" and (
        m := re.search(r"\bspor\s*([123])\b|\btrack\s*([123])\b", r.text, re.I)
    ):
        value = values[int(m.group(1) or m.group(2)) - 1]
        r.note(field_name, value, m.start(), m.end())
        return value
    return None


def _flags(r: Reading) -> dict[str, bool]:
    out: dict[str, bool] = {}
    names = {"overlap": "regional_municipal_overlap", "scaling": "scaling_potential"}
    for (key, value), pattern in _FLAGS.items():
        name = names.get(key, key)
        m = pattern.search(r.text)
        if m and name not in out:
            out[name] = value
            r.note(name, value, m.start(), m.end())
    return out


def _target_group(r: Reading) -> dict[str, Any] | None:
    group: dict[str, Any] = {}
    text = r.text
    size = _GROUP_SIZE.search(text)
    if size:
        group["size"] = int(re.sub(r"[.,]", "", size.group(1)))
        r.note("target_group.size", group["size"], size.start(), size.end())
    age = re.search(
        r"(\d{2})\s+år\s+og\s+(?:derover|ældre)|over\s+(\d{2})\s+år|aged\s+(\d{2})\s*\+?"
        r"|(\d{2})\+",
        text,
        re.I,
    )
    if age:
        group["min_age"] = int(next(g for g in age.groups() if g))
        r.note("target_group.min_age", group["min_age"], age.start(), age.end())
    if re.search(r"førtidspension|early retirement|disability pension", text, re.I):
        group["early_retirement"] = True
    return group or None
