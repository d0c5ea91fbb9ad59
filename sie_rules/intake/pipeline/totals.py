"""Step 5, totals: a sum said more than once is one amount. A total beside its parts ("i alt
4,15 mio. kr."), the parts of a whole ("heraf kr. 20.000 til transport"; "fordelt med 0,7
mio. kr. til DEFACTUM og 0,3 mio. kr. til VIA": parts that go to parties are the amounts,
the whole is their sum), a sum for each year ("max 500.000 om året i 2027-2030": one amount
over the years; "dog højst 0,8 mio. kr. årligt": a cap on the whole before it), a cap on
one year of a whole ("heraf højst 0,25 mio. kr. i 2026"), a sum named again (repeats.py)."""

from __future__ import annotations

import itertools
import re

from sie_rules.intake.pipeline.repeats import said_once
from sie_rules.intake.pipeline.state import AmountRead, Reading

PART_CANDIDATES = 8

# a cap opened by a bracket just before the sum: "(højst 150.000 kr."
_BRACKET = re.compile(r"\(\s{0,3}\S{0,12}\s{0,3}$")


def settle_totals(r: Reading) -> None:
    amounts = sorted(r.amounts, key=lambda a: a.money.start)
    amounts = _each_year(r, amounts)
    amounts = _year_caps(r, amounts)
    amounts = _named_parts(r, amounts)
    amounts = said_once(r, amounts)
    amounts = _totals(r, amounts)
    r.amounts = _breakdown(r, amounts)


def _words_after(r: Reading, a: AmountRead, pattern: object) -> bool:
    after = r.text[a.money.end : a.money.end + 25].lstrip(" ,")
    return bool(pattern.match(after))  # type: ignore[attr-defined]


def _whole_before(r: Reading, amounts: list[AmountRead], i: int) -> AmountRead | None:
    """The sum before amounts[i] in its sentence (or line), if any."""
    a, _ = r.seg.sentence_span(amounts[i].money.start)
    line = r.seg.line_at(amounts[i].money.start)
    for j in range(i - 1, -1, -1):
        other = amounts[j]
        if (
            other.background is None
            and other.money.start >= min(a, line.start)
            and other.money.dkk > amounts[i].money.dkk
        ):
            return other
    return None


def _each_year(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """A sum for each year: a cap on the whole before it, else the sum of its years."""
    words = r.vocab.money
    out: list[AmountRead] = []
    for i, a in enumerate(amounts):
        lead = r.text[max(0, a.money.start - 30) : a.money.start]
        yearly_cap = words.yearly_cap.search(lead)  # "yearly maximum DKK 900,000"
        if not (_words_after(r, a, words.each_year) or yearly_cap):
            out.append(a)
            continue
        whole = _whole_before(r, amounts, i)
        if (
            whole is not None
            and (words.cap_lead.search(lead) or r.lex.ceiling.search(lead) or yearly_cap)
            and whole.years
        ):
            whole.ceiling_by_year = {y: a.money.dkk for y in whole.years}
            continue
        if len(a.years) > 1:
            per_year = {y: a.money.dkk for y in a.years}
            total = a.money.dkk * len(a.years)
            a.money = type(a.money)(total, a.money.start, a.money.end, a.money.text)
            if a.ceiling:
                a.ceiling_by_year = per_year
            else:
                a.by_year = per_year
        out.append(a)
    return out


def _year_caps(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """ "…, heraf højst 0,25 mio. kr. i 2026", "450.000 kr. i 2026-2027 (højst 150.000 kr. i
    2026)": a cap on one year of the whole before it."""
    words = r.vocab.money
    out: list[AmountRead] = []
    for i, a in enumerate(amounts):
        lead = r.text[max(0, a.money.start - 40) : a.money.start]
        whole = _whole_before(r, amounts, i)
        capped = r.lex.ceiling.search(lead) and (
            words.cap_lead.search(lead) or words.parts_lead.search(lead) or _BRACKET.search(lead)
        )
        if (
            whole is not None
            and capped
            and len(a.years) == 1
            and a.years[0] in whole.years
            and len(whole.years) > 1
        ):
            caps = whole.ceiling_by_year or {y: whole.money.dkk for y in whole.years}
            caps[a.years[0]] = a.money.dkk
            whole.ceiling_by_year = caps
            continue
        out.append(a)
    return out


def _named_parts(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """Parts after "heraf"/"fordelt med": parts for several recipients are the amounts (with
    the whole's kind, payer and years); parts by year give the whole its split; other parts
    (cost items) are only the whole's detail."""
    words = r.vocab.money
    drop: set[int] = set()
    for i, whole in enumerate(amounts):
        clause_end = r.seg.sentence_span(whole.money.start)[1]
        lead = words.parts_lead.search(r.text, whole.money.end, clause_end)
        if lead is None:
            continue
        parts = [
            j
            for j in range(i + 1, len(amounts))
            if lead.end() <= amounts[j].money.start < clause_end
        ]
        if not parts or any(amounts[j].money.dkk >= whole.money.dkk for j in parts):
            continue
        if len(parts) < 2 or sum(amounts[j].money.dkk for j in parts) != whole.money.dkk:
            drop.update(parts)  # "(heraf kr. 20.000 til transport …)": details of the whole
            continue
        years = [amounts[j].years for j in parts]
        if all(len(y) == 1 for y in years) and len({y[0] for y in years}) == len(parts):
            whole.by_year = {amounts[j].years[0]: amounts[j].money.dkk for j in parts}
            whole.years = sorted(whole.by_year)
            drop.update(parts)
            continue
        recipients = [amounts[j].recipient for j in parts]
        if all(recipients) and len(set(recipients)) == len(parts):
            for j in parts:
                p = amounts[j]
                p.kind, p.kind_how = whole.kind, whole.kind_how
                p.payer, p.payer_how = whole.payer, whole.payer_how
                p.years, p.years_how = (
                    p.years or whole.years,
                    whole.years_how if not p.years else p.years_how,
                )
            drop.add(i)
        else:
            drop.update(parts)
    return [a for k, a in enumerate(amounts) if k not in drop]


def _totals(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """A sum that is the total of two to four others listed together, of the same payer (any
    kinds when a total word stands by it, else of its own kind): not an amount of its own."""
    words = r.vocab.money
    live = [a for a in amounts if a.background is None]
    drop: set[int] = set()
    for whole in live:
        lead = r.text[max(0, whole.money.start - 20) : whole.money.start]
        said = bool(words.total_before.search(lead) or _words_after(r, whole, words.total_after))
        others = [
            o
            for o in live
            if o is not whole
            and id(o) not in drop
            and o.money.dkk < whole.money.dkk
            and (o.payer == whole.payer or whole.payer is None or said)
            and (said or o.kind == whole.kind)
        ]
        others.sort(key=lambda o: abs(o.money.start - whole.money.start))
        others = others[:PART_CANDIDATES]
        order = {id(o): k for k, o in enumerate(o for o in live if o is not whole)}
        for size in (2, 3, 4):
            parts = next(
                (
                    c
                    for c in itertools.combinations(others, size)
                    if sum(o.money.dkk for o in c) == whole.money.dkk and _together(c, whole, order)
                ),
                None,
            )
            if parts is None:
                continue
            if not said and whole.money.start < min(p.money.start for p in parts):
                break  # a sum, then what it is made of: _breakdown's
            years = [p.years[0] for p in parts if len(p.years) == 1]
            if whole.kind is None and len({p.kind for p in parts}) == 1:
                whole.kind, whole.kind_how = parts[0].kind, parts[0].kind_how
            if whole.payer is None and len({p.payer for p in parts}) == 1:
                whole.payer, whole.payer_how = parts[0].payer, parts[0].payer_how
            same = {(p.kind, p.payer) for p in parts} == {(whole.kind, whole.payer)}
            if same and len(set(years)) == size:  # the whole by year: "2027: 200.000 kr. … I alt"
                whole.by_year = {p.years[0]: p.money.dkk for p in parts}
                whole.years = sorted(whole.by_year)
                whole.ceiling = whole.ceiling or any(p.ceiling for p in parts)
                drop.update(id(p) for p in parts)
            else:
                drop.add(id(whole))
            break
    return [a for a in amounts if id(a) not in drop]


def _together(parts: tuple[AmountRead, ...], whole: AmountRead, order: dict[int, int]) -> bool:
    """Whether the parts are one payer's, the whole's ("… yderligere 500.000 kr., så regionens
    samlede loft bliver 2,3 mio. kr."), or follow one another with no other sum between them:
    the parts of a total of several payers are listed together, not picked from all over."""
    if whole.payer is not None and all(p.payer == whole.payer for p in parts):
        return True
    places = sorted(order[id(p)] for p in parts)
    return places[-1] - places[0] == len(places) - 1


def _breakdown(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """A sum, then the sums it is made of, one after the other ("DKK 350,000 … The money
    would cover: analysis (DKK 120,000); … (DKK 150,000); … (DKK 80,000)"): the parts are
    its detail and go. When the parts are of different kinds, each named ("Beløb der søges:
    3.150.000 kr. Heraf: resultatbetaling op til 2.700.000 kr. … udvikling 150.000 kr."), they
    are the amounts and the sum goes. Only the sums right after it, in a row, count."""
    live = amounts
    drop: set[int] = set()
    for i, whole in enumerate(live):
        if id(whole) in drop or whole.background is not None:
            continue
        line = r.seg.line_at(whole.money.start).index
        total = 0
        for j in range(i + 1, min(len(live), i + 7)):
            part = live[j]
            if (
                part.background is not None
                or part.money.dkk >= whole.money.dkk
                or _other_payers(part, whole)
                or r.seg.line_at(part.money.start).index > line + 8
            ):
                break
            total += part.money.dkk
            if total > whole.money.dkk:
                break
            if total == whole.money.dkk and j > i + 1:
                parts = live[i + 1 : j + 1]
                kinds = {p.kind for p in parts}
                if len(kinds) > 1 and all(p.kind_how == "stated" for p in parts):
                    drop.add(id(whole))
                else:
                    _by_year(whole, parts)
                    drop.update(id(p) for p in parts)
                break
    return [a for a in amounts if id(a) not in drop]


def _other_payers(part: AmountRead, whole: AmountRead) -> bool:
    """Sums said to be paid by different parties are no breakdown of one another."""
    stated = part.payer_how == whole.payer_how == "stated"
    return stated and part.payer != whole.payer


def _by_year(whole: AmountRead, parts: list[AmountRead]) -> None:
    """The whole's split over its years, when its parts are one a year ("450.000 kr. (2026:
    200.000 kr.; 2027: 250.000 kr.)")."""
    years = [p.years[0] for p in parts if len(p.years) == 1]
    if len(set(years)) == len(parts) and (not whole.years or set(whole.years) <= set(years)):
        whole.by_year = {p.years[0]: p.money.dkk for p in parts}
        whole.years = sorted(whole.by_year)
