"""The years of a sum: those of its own slot (after it first: "3,2 mio. kr. i 2028-2032",
then before it: "2027: 200.000 kr."), the years of the sum before for "i samme periode",
those of the line that leads its list ("Kommunernes lofter, 2028-2031:"), else the years its
clause or line gives all its sums ("begge 2027", "…, all in 2026"), else a form's period
("Periode: 1. marts 2026 – 28. februar 2027"). A date is not a year of the money ("den 8.
oktober 2026", "14/9-2027"), nor a budget's years ("budget 2027-2030"), nor a year the text
counts from ("siden 2025")."""

from __future__ import annotations

import re

from sie_rules.intake.numbers import Money, years_in
from sie_rules.intake.pipeline.segments import Unit
from sie_rules.intake.pipeline.state import How, Reading

_MONTHS = (
    r"jan(?:uar|uary)?|feb(?:ruar|ruary)?|mar(?:ts|ch)?|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?"
    r"|aug(?:ust)?|sep(?:tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# what is no year of money: a day's date, a budget, a year counted from
_NOT_MONEY_YEARS = re.compile(
    rf"\b\d{{1,2}}\.?\s*(?:{_MONTHS})\.?\s+20\d\d\b|\b(?:den|d\.|on)\s+(?:\d{{1,2}}\.?\s*)?(?:{_MONTHS})\.?\s+20\d\d\b"
    r"|\b\d{1,2}/\d{1,2}(?:-|\s)?(?:20)?\d\d\b"
    r"|\bbudget\w*(?:\s+(?:for|til|i))?\s+20\d\d(?:\s*[-–]\s*(?:20)?\d\d)?"
    r"|\b(?:siden|since|fra og med)\s+20\d\d"
    # a meeting's month: "at its June 2026 meeting", "på mødet i juni 2026"
    rf"|\b(?:{_MONTHS})\.?\s+20\d\d\s+(?:meeting|møde)|\bmøde\w*\s+(?:i|in)\s+(?:{_MONTHS})\.?\s+20\d\d",
    re.I,
)
# a year written with two digits after a word for time: "over 27-29", "i foråret 27", "'27"
_SHORT_YEARS = re.compile(
    rf"(?:\b(?:over|i|in|foråret|efteråret|sommeren|vinteren|spring|autumn|fall|summer|{_MONTHS})\.?\s+|')"
    r"(?P<a>[2-4]\d)(?:\s*[-–]\s*'?(?P<b>[2-4]\d))?(?![\d,%]|\.\d)"
)
# the years of the sum before: "op til 1,4 mio. over samme periode", "in the same years"
_SAME_PERIOD = re.compile(
    r"\b(?:i|over|for|in|during)\s+(?:den\s+|de\s+|the\s+)?(?:samme\s+(?:periode|år|årrække)"
    r"|same\s+(?:period|years))\b",
    re.I,
)
_INSTEAD = re.compile(r"\b(?:i stedet for|instead of|frem for|rather than)\b", re.I)
_FISCAL = re.compile(r"\bFY\s?(?=20\d\d)", re.I)
_SHARED = re.compile(
    r"\b(?:begge|alle|both|all|hver|each)(?:\s+(?:i|in|for))?\s+(?P<y>(?:årene\s+)?20\d\d(?:\s*[-–]\s*20\d\d)?)",
    re.I,
)
# "over fire år fra 2027", "over four years starting in 2027"
_COUNTED = re.compile(
    r"\bover\s+(?P<n>\w+)\s+(?:år|years)\s+(?:fra|from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+(?P<y>20\d\d)",
    re.I,
)
_COUNTS = {
    "to": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fire": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "seks": 6,
    "six": 6,
}
_THE_PERIOD = re.compile(
    r"\b(?:over|i|in|for|during)\s+(?:hele\s+|the\s+(?:whole\s+)?)?(?:perioden|period|projektperioden|indsatsperioden)\b",
    re.I,
)
_RUNS = re.compile(
    r"\b(?:løbe|løber|kører|køre|varer|vare|runs?|lasts?|indsatsperiode\w*|projektperiode\w*)\b",
    re.I,
)
_MONEY = re.compile(r"\d\s*(?:kr|dkk|mio|mill|t\.kr)|\b(?:kr|dkk)\.?\s*\d", re.I)
_PERIOD_FIELD = (
    "periode",
    "period",
    "projektperiode",
    "project period",
    "år",
    "year",
    "years",
    "tidsperiode",
)


# a period given as two dates: "1. januar 2027 til 31. december 2030",
# "1 April 2026 – 31 March 2027"
_DATE = rf"\d{{1,2}}\.?\s*(?:{_MONTHS})\.?\s+(20\d\d)"
_DATES = re.compile(rf"{_DATE}\s*(?:-|–|til|to|until)\s*{_DATE}", re.I)


def money_years(text: str) -> list[int]:
    """The years in `text` that can be years of money (see the module docstring)."""
    years: set[int] = set()
    for m in _DATES.finditer(text):
        years.update(range(int(m.group(1)), int(m.group(2)) + 1))
    text = _INSTEAD.split(text, maxsplit=1)[0]  # "i 2028-2031 i stedet for 27-30"
    text = _FISCAL.sub("", _NOT_MONEY_YEARS.sub(" ", _DATES.sub(" ", text)))
    years.update(years_in(text))
    for m in _SHORT_YEARS.finditer(text):
        first = 2000 + int(m.group("a"))
        last = 2000 + int(m.group("b")) if m.group("b") else first
        if first <= last <= first + 15:
            years.update(range(first, last + 1))
    for m in _COUNTED.finditer(text):
        n = _COUNTS.get(m.group("n").casefold()) or (
            int(m.group("n")) if m.group("n").isdigit() else 0
        )
        if 0 < n <= 15:
            years.update(range(int(m.group("y")), int(m.group("y")) + n))
    return sorted(years)


def years_of(r: Reading, money: Money, a: int, b: int) -> tuple[list[int], How]:
    text = r.text
    line = r.seg.line_at(money.start)
    if line.label and line.unit is Unit.field:  # "2027: 200.000 kr."
        labelled = money_years(text[line.label[0] : line.label[1]])
        if labelled:
            return labelled, "stated"
    own = money_years(text[money.end : b]) or money_years(text[a : money.start])
    if own:
        return own, "stated"
    if _SAME_PERIOD.search(text, money.end, b) or _SAME_PERIOD.search(text, a, money.start):
        before = [x.years for x in r.amounts if x.years and x.money.end <= money.start]
        if before:
            return before[-1], "stated"
    lead = r.seg.lines[line.lead] if line.lead is not None else None
    if lead is not None and not _MONEY.search(text, lead.start, lead.end):
        led = money_years(text[lead.start : lead.end])  # "Kommunernes lofter, 2028-2031:"
        if led:
            return led, "stated"
    clause = r.seg.clause_at(money.start)
    for c, d in ((clause.start, clause.end), (line.body, line.end)):
        shared = _SHARED.search(text, c, d)
        if shared:
            return years_in(shared.group("y")), "stated"
    period = _period(r)
    if period:
        return period, "stated"
    if _THE_PERIOD.search(text, a, b):  # "ca. 600.000 kr over perioden": the effort's years
        effort = _effort_years(r)
        if effort:
            return effort, "stated"
    return [], "inferred"


def _effort_years(r: Reading) -> list[int]:
    """The years the effort runs, from the first sentence that says so with no sum in it
    ("indsatsen forventes at løbe over fire år fra 2027")."""
    for clause in r.seg.clauses:
        part = r.text[clause.start : clause.end]
        if _RUNS.search(part) and not _MONEY.search(part):
            years = money_years(part)
            if len(years) > 1:
                return years
    return []


def _period(r: Reading) -> list[int]:
    """The years of a form's period field, with its dates ("1. marts 2026 – 28. februar 2027")."""
    for line in r.seg.lines:
        if line.unit is Unit.field and line.label:
            label = r.text[line.label[0] : line.label[1]].strip().casefold()
            if label in _PERIOD_FIELD:
                found = money_years(r.text[line.body : line.end])
                if found:
                    return list(range(found[0], found[-1] + 1))
    return []
