"""Step 3, amounts: every sum of money in running text, lists and fields, tied to the kind,
the years and the cap its own segment gives it. The slot of a sum is its clause from the sum
before it to the sum after it: a word there is the sum's own ("resultatbetaling max 2,0 mio.
kr. (2028-2031), udviklingsomkostninger 150 t.kr. (2027)"); a word only elsewhere in the
clause, line or the line leading the list is a neighbour's, still stated; a kind found from
nothing but who pays or the request is inferred (`kind_from_payer`, called once payers.py
has tied the payer). Tables are tables.py's.
"""

from __future__ import annotations

import re

from sie_rules.intake.numbers import Money, find_amounts
from sie_rules.intake.pipeline.segments import Line, Unit
from sie_rules.intake.pipeline.state import (
    MAX_AMOUNTS,
    AmountRead,
    How,
    Reading,
    TextTooComplex,
)
from sie_rules.intake.pipeline.years import money_years, years_of
from sie_rules.model import AmountKind, PartyKind, RequestKind

_RANGE_BEFORE = re.compile(
    r"\d[\d.,½]{0,20}[ \t]{0,20}(?:-|–|til|to)[ \t]{0,20}$|\b(?:mellem"
    r"|between)[ \t]{1,20}\d[\d.,½]{0,20}[ \t]{0,20}(?:og"
    r"|and)[ \t]{0,20}$",
    re.I,
)
# the fields of a form that hold the sum asked for
ASKED_FIELDS = (
    "beløb",
    "beløb der søges",
    "ansøgt beløb",
    "søgt beløb",
    "amount",
    "amount applied for",
    "amount requested",
    "requested amount",
)
_REACH = 40  # characters a word before a sum may stand from it and still be its own


def asked_field(r: Reading, line: Line) -> bool:
    """Whether the line is a form's field of the sum asked for ("Beløb der søges: …"), or the
    field of its parts just under it ("Heraf: resultatbetaling …")."""
    if line.unit is not Unit.field or not line.label:
        return False
    label = r.text[line.label[0] : line.label[1]].strip().casefold()
    if label in ASKED_FIELDS:
        return True
    above = r.seg.lines[line.index - 1] if line.index else None
    parts = r.vocab.money.parts_lead.regex.fullmatch(label)
    return bool(parts and above is not None and asked_field(r, above))


def find_money(r: Reading) -> None:
    """Fill `amounts` with every sum of running text, lists and fields (not table rows),
    except sums that are examples, ranges or prices per unit."""
    text, words = r.text, r.vocab.money
    monies = [
        m
        for m in find_amounts(text, r.lex.bare_sum_lead)
        if r.seg.line_at(m.start).unit is not Unit.row
    ]
    if len(monies) > MAX_AMOUNTS:
        raise TextTooComplex()
    for i, money in enumerate(monies):
        r.on_time()
        a, b = _slot(r, monies, i)
        lead = text[max(a, money.start - _REACH) : money.start]
        after = text[money.end : min(b, money.end + 30)]
        if (
            _ends_with(words.hypothetical, lead, r.lex.ceiling)
            or _RANGE_BEFORE.search(text, max(0, money.start - 12), money.start)
            or _ends_with(words.unit_before, text[max(0, money.start - 6) : money.start])
            or words.unit_after.match(after.lstrip(" ,"))
        ):
            continue
        kind, how = _kind(r, money, a, b)
        years = years_of(r, money, a, b)
        r.amounts.append(
            AmountRead(
                money=money,
                kind=kind,
                kind_how=how,
                payer=None,
                payer_how="inferred",
                years=years[0],
                years_how=years[1],
                ceiling=bool(r.lex.ceiling.search(lead)),
            )
        )
    _share_years(r)


def _share_years(r: Reading) -> None:
    """ "Holstebro Kommune betaler maksimalt 2.100.000 kr. og Struer Kommune maksimalt
    700.000 kr. i resultatbetaling i 2027-2031": the years after the last sum of a clause are
    the years of the sums before it that name none."""
    by_clause: dict[int, list[AmountRead]] = {}
    for a in r.amounts:
        by_clause.setdefault(r.seg.clause_at(a.money.start).start, []).append(a)
    for group in by_clause.values():
        last = group[-1]
        if len(group) < 2 or not last.years or any(x.years for x in group[:-1]):
            continue
        after = r.text[last.money.end : r.seg.clause_at(last.money.start).end]
        if money_years(after) == last.years:
            for x in group[:-1]:
                x.years = list(last.years)


def _ends_with(pattern: object, lead: str, *skipped: object) -> bool:
    """Whether one of the words of `pattern` ends `lead` (spaces, a currency and the words of
    the `skipped` patterns aside: "fx op til 1,5 mio. kr.")."""
    lead = re.sub(r"(?:\s|kr\.?|dkk|\(|:)+$", "", lead, flags=re.I)
    for other in skipped:
        ends = [m for m in other.finditer(lead) if m.end() == len(lead)]  # type: ignore[attr-defined]
        if ends:
            lead = lead[: ends[0].start()].rstrip()
    return any(m.end() == len(lead) for m in pattern.finditer(lead))  # type: ignore[attr-defined]


def _slot(r: Reading, monies: list[Money], i: int) -> tuple[int, int]:
    """The clause of sum i, from the end of the sum before it to the start of the sum after."""
    clause = r.seg.clause_at(monies[i].start)
    a, b = clause.start, clause.end
    if i and monies[i - 1].end > a:
        a = monies[i - 1].end
    if i + 1 < len(monies) and monies[i + 1].start < b:
        b = monies[i + 1].start
    return a, b


def _kind(r: Reading, money: Money, a: int, b: int) -> tuple[AmountKind | None, How]:
    """The kind word nearest the sum in its slot, else in its clause, its line (a field's
    label, an item's lead) or the section's heading line: stated; else None."""
    found = _nearest_kind(r, money, a, b)
    if found:
        return found, "stated"
    clause = r.seg.clause_at(money.start)
    found = _nearest_kind(r, money, clause.start, clause.end)
    if found:
        return found, "stated"
    line = r.seg.line_at(money.start)
    places = [] if line.unit.value == "text" else [(line.start, line.end)]
    if line.lead is not None:  # the lead's last sentence: "… Der er tre betalingsmål:"
        lead = r.seg.lines[line.lead]
        places.append(
            (lead.start, lead.end)
            if lead.body >= lead.end - 1
            else r.seg.sentence_span(lead.end - 1)
        )
    if asked_field(r, line):
        places.append(_title(r))  # "Ansøgning om midler til evaluering" … "Beløb der søges: …"
    heading = _heading_above(r, line.index)
    if heading is not None:  # "Evaluation" above "DEFACTUM, DKK 650,000 in 2027"
        places.append((heading.start, heading.end))
    for c, d in places:
        found = _nearest_kind(r, money, c, d)
        if found:
            return found, "stated"
    for back in range(line.index - 1, -1, -1):  # the nearest heading above, farther off
        above = r.seg.lines[back]
        if above.unit is Unit.heading:
            return _nearest_kind(r, money, above.start, above.end), "inferred"
    return None, "inferred"


def _heading_above(r: Reading, index: int) -> Line | None:
    """The heading of the block a line stands in (the nearest heading above it, with no blank
    line's worth of other headings between)."""
    for back in range(index - 1, max(-1, index - 4), -1):
        line = r.seg.lines[back]
        if line.unit is Unit.heading:
            return line
    return None


def _title(r: Reading) -> tuple[int, int]:
    """The text's first two lines."""
    lines = r.seg.lines[:2]
    return (lines[0].start, lines[-1].end) if lines else (0, 0)


def _nearest_kind(r: Reading, money: Money, a: int, b: int) -> AmountKind | None:
    """The kind word nearest the sum in text[a:b] (a word after it counts a little farther);
    an instrument just before it beats a use after "til" ("risikovillig kapital på 3,1 mio.
    kr. til opstart og drift" is risk capital), unless it is the use of the sum before."""
    best: tuple[int, AmountKind, int] | None = None
    instrument: tuple[int, AmountKind, int] | None = None  # the nearest before the sum
    for kind, pattern in r.lex.amount_patterns:
        for m in pattern.finditer(r.text, a, b):
            if m.end() <= money.start:
                distance = money.start - m.end()
                if kind in _INSTRUMENTS and (instrument is None or distance < instrument[0]):
                    instrument = (distance, kind, m.start())
            elif m.start() >= money.end:
                distance = m.start() - money.end + 1  # a word after counts a little farther
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, kind, m.start())
    if best is None:
        return None
    if (
        instrument is not None
        and best[1] not in _INSTRUMENTS
        and best[2] >= money.end
        and _USE.search(r.text, max(money.end, best[2] - 20), best[2])
        and not _USE.search(r.text, max(0, instrument[2] - 20), instrument[2])
    ):
        return instrument[1]
    return best[1]


_INSTRUMENTS = (AmountKind.risk_capital, AmountKind.result_payment)
_USE = re.compile(r"\b(?:til|to|for|to cover)\s+(?:\w+\s+){0,2}$", re.I)


# what a payer's sum is when no word for its kind stands near it
_INVESTS = re.compile(r"\b(?:invest\w*|stiller|provides|lån\w*|loan\w*|indskyd\w*)", re.I)
# paying for an outcome; an arrow from a goal to its payer: "mors trivsel -> TrygFonden, …"
_GOAL_PAY = re.compile(r"\b(?:betal\w*|pays?|paid|resultatbetal\w*|outcome payer)|->|→", re.I)
# what an authority sets aside or caps in an investment, with no word for it: a result payment
_SETS_ASIDE = re.compile(
    r"\b(?:reserver\w*|reserves?|afsæt\w*|andel|share|part|del|samme vilkår|same terms)\b", re.I
)


def kind_from_payer(r: Reading, amount: AmountRead, a: int, b: int) -> None:
    """The kind of a sum with no word for it, from its payer and its verb: the fund invests
    risk capital, a foundation that pays for a goal a result payment, one that gives a
    donation; an authority that pays, a result payment; asked of the region, a grant."""
    kind = r.parties[amount.payer].kind if amount.payer in r.parties else None
    clause = r.text[a:b]
    if kind in (PartyKind.dsi, PartyKind.company) or (
        _INVESTS.search(clause) and kind is PartyKind.foundation
    ):
        amount.kind = AmountKind.risk_capital
    elif kind is PartyKind.foundation:
        amount.kind = AmountKind.result_payment if _GOAL_PAY.search(clause) else AmountKind.donation
    elif (kind in (PartyKind.region, PartyKind.municipality) and _GOAL_PAY.search(clause)) or (
        kind in (PartyKind.region, PartyKind.municipality)
        and r.request in (RequestKind.mandate, RequestKind.final_approval)
        and (
            amount.ceiling
            or _SETS_ASIDE.search(r.text, r.seg.sentence_span(amount.money.start)[0], b)
        )
    ):
        amount.kind = AmountKind.result_payment
    elif r.request is RequestKind.grant and amount.payer == r.home:
        # the region's money in an application is the grant, when both are stated
        amount.kind = AmountKind.grant
        plain = r.request_how == "stated" and amount.payer_how == "stated"
        amount.kind_how = "stated" if plain else "inferred"
        return
    else:
        return
    amount.kind_how = "inferred"
