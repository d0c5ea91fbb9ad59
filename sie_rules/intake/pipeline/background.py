"""Step 4b, background: which sums are not money of the request. A sum in a background
section, in a clause with a word of history, comparison or cost ("til sammenligning",
"koster i gennemsnit", "i pressen", "tidligere"), in a clause that reports a past year with a
past verb ("modtog i 2024 …"), the first of a change ("fra 1,0 mio. kr. til 0,8 mio. kr."),
a decision of the region taken before ("reserverede i marts …"), others' co-financing in a
form ("Medfinansiering: …"), and, by what the case asks: every sum of an item for
information or a network partnership, and in an application, every sum the region is not
asked for. Each keeps why, so the echo can say it."""

from __future__ import annotations

import functools
import re

from sie_rules.intake.pipeline.state import AmountRead, Reading, today
from sie_rules.model import RequestKind

# a form's field of others' money beside an application ("Medfinansiering: …"): in an
# investment case, the partners' money is the case's own
_CO_FUNDING = re.compile(
    r"\s{0,20}(?:medfinansiering|egenfinansiering|co-?funding|co-?financing|own contribution"
    r"|egen andel|other funding|anden finansiering)\b",
    re.I,
)
# a form's field of accounts or of a budget's whole
_ACCOUNTS = re.compile(
    r"\s{0,20}(?:bevilget beløb|forbrug|ikke anvendte midler|regnskab|tidligere støtte"
    r"|earlier support|samlet projektbudget|projektets samlede budget|samlet budget"
    r"|total budget|total project budget)\b",
    re.I,
)
_INVESTMENT = (RequestKind.mandate, RequestKind.final_approval)
_CHANGE = re.compile(r"\b(?:fra|from)\s+(?:de\s+|the\s+)?(?:\w+\s+)?$", re.I)
_CHANGE_TO = re.compile(
    r"\s{0,20}(?:\S{1,40}\s{1,20}){0,7}?(?:til|to)\s{1,20}(?:kr\.?\s{0,20}|dkk\s{0,20})?\d", re.I
)
_SINCE = re.compile(r"\b(?:siden|since)\s+(20\d\d)\b", re.I)
_DISCLAIMED = re.compile(
    r"\s{0,20}(?:that|this|it|det|dette|beløbet|the amount)\s{1,20}(?:is|er|was|var)\s{1,20}(?:not"
    r"|ikke)\s{1,20}(?:part|a part|en del|del)",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_ASKED_NOW = re.compile(
    r"\b(?:will propose|propose that|proposes that|is asked|are asked|asks the|indstiller|foreslår"
    r"|forelægges|beder om|anmoder om|skal nu|søges|reserveres|afsættes)\b",
    re.I,
)
_NO_MONEY = (RequestKind.orientation, RequestKind.network_partner)


def mark_background(r: Reading) -> None:
    for amount in r.amounts:
        amount.background = _why(r, amount)


def _why(r: Reading, amount: AmountRead) -> str | None:
    text, words, m = r.text, r.vocab.money, amount.money
    line = r.seg.line_at(m.start)
    clause = r.seg.clause_at(m.start)
    a, b = r.seg.sentence_span(m.start)
    if line.section == "background" and _told_before(r, a, b):
        return "background section"
    aside = r.aside_why(m.start)
    if aside:
        return aside
    if words.background.search(text, clause.start, clause.end) or words.background.search(
        text, a, b
    ):
        return "a figure of history, comparison or cost"
    if _DISCLAIMED.match(text, b, min(len(text), b + 60)):
        return "not part of the request"  # "DSI paid DEFACTUM DKK 150,000 … That is not part of …"
    if _CHANGE.search(text, max(clause.start, m.start - 25), m.start) and _CHANGE_TO.match(
        text, m.end, clause.end
    ):
        return "changed to another sum"
    if line.label and _ACCOUNTS.match(text, *line.label):
        return "co-financing or accounts"
    if line.label and _CO_FUNDING.match(text, *line.label) and r.request not in _INVESTMENT:
        return "co-financing or accounts"  # "Medfinansiering: X, 200.000 kr. (bevilget 2025)"
    if _past(r, clause.start, clause.end) or _past(r, a, b):
        return "history"
    if r.vocab.request.past_decisions.search(text, a, b) and amount.payer == r.home:
        return "an earlier decision of the region"
    if r.request in _NO_MONEY:
        return "the case asks for no money"
    asked_of_region = any(x.payer == r.home for x in r.amounts)
    if r.request is RequestKind.grant and amount.payer not in (r.home, None) and asked_of_region:
        return "co-financing of the application"
    return None


def _told_before(r: Reading, a: int, b: int) -> bool:
    """Under a background heading, a sentence that tells what was (a past verb or year, a
    decision taken) or only a figure: its sum is history. One in the present that says who is
    what ("DSI is the investor, with DKK 8 million"), what the sum is for ("its share of
    result payments (max DKK 1.2 million)") or what is now asked ("… will propose that the
    committee reserves up to DKK 3.5 million") tells the case's own money."""
    if _ASKED_NOW.search(r.text, a, b):
        return False
    past_year = any(int(y) < _present_year(r) for y in _YEAR.findall(r.text[a:b]))
    return bool(
        r.vocab.money.past_verbs.search(r.text, a, b)
        or past_year
        or r.vocab.request.past_decisions.search(r.text, a, b)
        or (
            not any(p.search(r.text, a, b) for p in r.lex.role_patterns.values())
            and not any(p.search(r.text, a, b) for _, p in r.lex.amount_patterns)
        )
    )


def _past(r: Reading, a: int, b: int) -> bool:
    """A sentence with a past verb and only years before this one (or a time before it named
    without a year: "sidste år"): it tells history."""
    sentence = r.text[a:b]
    years = [int(y) for y in _YEAR.findall(sentence)]
    past = (years and max(years) < _present_year(r)) or (
        not years and r.vocab.money.past_times.search(sentence)
    )
    if past and r.vocab.money.past_verbs.search(sentence):
        return True
    since = _SINCE.search(sentence)  # "Siden 2023 har vi drevet forløb for 3,2 mio. kr."
    return bool(since and int(since.group(1)) < _present_year(r))


@functools.lru_cache(maxsize=4)
def _newest_year(text: str) -> int | None:
    """The newest year `text` names (found once per text: every sum asks it)."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def _present_year(r: Reading) -> int:
    """The year the text speaks from: this year, or the newest year it names if earlier."""
    newest = _newest_year(r.text)
    return min(today().year, newest) if newest else today().year
