"""Step 4, ties: who pays each sum and who receives it, and its kind where only the payer
tells it. A payer is stated when its own segment names it: the party that owns the sum
("regionens resultatbetaling", "Kommunens andel"), the subject before it in its clause ("DSI
stiller 6,5 mio. kr. til rådighed", "og Struer Kommune maksimalt 700.000 kr."), the one it
comes from ("kommer fra DSI (4,0 mio. kr.)"), the party that leads its list ("Regionens
andel:"), or the region when the sum is asked of it ("der reserveres …", "søger om …").
Otherwise the payer is inferred from the kind and the writer, and asked about later."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import AmountRead, Named, Reading
from sie_rules.model import AmountKind, PartyKind

PAYING = (PartyKind.region, PartyKind.municipality, PartyKind.dsi, PartyKind.foundation, PartyKind.company)
_SHARE = re.compile(
    r"^['’]?s?\s*(?:\w+\s+){0,2}?(?:andel|andele|del|part|share|bidrag|resultatbetaling\w*|outcome payments?"
    r"|result payments?|udgifter|midler|money|investering|investment|loft|ceiling)\b",
    re.I,
)
_OBJECT_BEFORE = re.compile(r"\b(?:med|with|til|to|ved|hos|for|mellem|between|om|about|i|in|på|af)\s*$", re.I)
_FROM_AFTER = re.compile(r"^[\s,)]*(?:\w+\s+){0,3}?(?:fra|from|af|by|kommer fra|paid by|betalt af)\s+$", re.I)
_ASKED = re.compile(
    r"\b(?:afsættes|reserveres|bevilges|søges|ansøges|tildeles|frigives|afsætter|reserverer|bevilger"
    r"|reserves|reserve|allocates|grants|sets aside|is requested|are requested|is sought|søger|ansøger"
    r"|applies|apply|applied to the region|beder om|asks for|requests|request|søge|ansøgning)\b",
    re.I,
)
_JOINT = re.compile(r"\b(?:tilsammen|i alt|together|jointly|samlet)\b", re.I)
_EACH = re.compile(r"\b(?:hver|each)\b", re.I)
_SAME = re.compile(r"^[\s,]*(?:og|and)\s+(?P<who>\S+(?:\s+\S+)?)\s+(?:det samme|the same)\b", re.I)
_PAYER_ROLE = re.compile(r"resultatbetal|outcome payer|result payer|betale for|pay for|pays for", re.I)
# what a payer's sum is when no word for its kind stands near it
_INVESTS = re.compile(r"\b(?:invest\w*|stiller|provides|lån\w*|loan\w*|indskyd\w*)", re.I)
_GOAL_PAY = re.compile(r"\b(?:betal\w*|pays?|paid|resultatbetal\w*|outcome payer)", re.I)


def tie_payers(r: Reading) -> None:
    """Give every sum its payer, recipient and, where only they tell it, its kind."""
    extra: list[AmountRead] = []
    for amount in r.amounts:
        r.on_time()
        m = amount.money
        clause = r.seg.clause_at(m.start)
        a = max(clause.start, _previous_end(r, amount))
        b = min(clause.end, _next_start(r, amount))
        named = _payer(r, amount, a, b)
        if named:
            amount.payer, amount.payer_how = named[0].name, "stated"
            names = list(dict.fromkeys(n.name for n in named))
            if len(names) > 1 and _EACH.search(r.text, a, b) and not _JOINT.search(r.text, a, b):
                amount.each_of = names  # "kommunerne betaler hver op til 1,5 mio": one each
                extra += [_copy_for(amount, name) for name in names[1:]]
            elif len(names) > 1:
                amount.payer, amount.joint_payers = names[0], names[1:]
        else:
            _default_payer(r, amount)
        if amount.kind is None:
            _kind_from_payer(r, amount, a, b)
        amount.recipient = _recipient(r, amount, b)
        same = _SAME.match(r.text, m.end, clause.end)
        if same and amount.payer:
            who = r.named_in(same.start("who"), same.end("who"))
            if who and who[0].name != amount.payer:
                extra.append(_copy_for(amount, who[0].name))
    r.amounts += extra


def _previous_end(r: Reading, amount: AmountRead) -> int:
    ends = [x.money.end for x in r.amounts if x.money.end <= amount.money.start]
    return max(ends, default=0)


def _next_start(r: Reading, amount: AmountRead) -> int:
    starts = [x.money.start for x in r.amounts if x.money.start >= amount.money.end]
    return min(starts, default=len(r.text))


def _paying(r: Reading, found: list[Named]) -> list[Named]:
    return [n for n in found if n.kind in PAYING and n.name in r.parties]


def _payer(r: Reading, amount: AmountRead, a: int, b: int) -> list[Named]:
    text, m = r.text, amount.money
    line = r.seg.line_at(m.start)
    if line.label and line.unit.value in ("field", "item"):
        own = _paying(r, r.named_in(*line.label))
        if own:
            return own[:1]
    for n in _paying(r, r.named_in(a, b)):  # "regionens resultatbetaling", "Kommunens andel"
        if _SHARE.match(text, n.end, min(b, n.end + 40)) and not _OBJECT_BEFORE.search(text, a, n.start):
            return [x for x in _paying(r, r.named_in(n.start, n.end))]
    subjects = [
        n for n in _paying(r, r.named_in(a, m.start)) if not _OBJECT_BEFORE.search(text, a, n.start)
    ]
    if subjects:
        last = subjects[-1]
        return [n for n in subjects if n.start == last.start] or [last]
    for n in _paying(r, r.named_in(m.end, b)):
        if _FROM_AFTER.match(text[m.end : n.start]):
            return [n]
    if line.lead is not None:
        lead = r.seg.lines[line.lead]
        own = _paying(r, r.named_in(lead.start, lead.end))
        if own and own[0].kind in (PartyKind.region, PartyKind.municipality):
            return own[:1]
    sentence = r.seg.sentence_span(m.start)
    if _ASKED.search(text, *sentence) or _ASKED.search(text, line.start, line.end):
        home = [n for n in r.named if n.name == r.home]
        return home[:1] if home else [Named(m.start, m.start, r.home, PartyKind.region, "asked")]
    role = [n for n in _paying(r, r.named_in(line.body, line.end)) if _PAYER_ROLE.search(text, n.end, min(line.end, n.end + 40))]
    if len({n.name for n in role}) == 1:
        return role[:1]
    return []


def _default_payer(r: Reading, amount: AmountRead) -> None:
    """A payer only inferred: the fund for risk capital, the one foundation for a donation,
    the region for what the region's own text asks."""
    kinds = {p.name: p.kind for p in r.parties.values()}
    dsi = [name for name, kind in kinds.items() if kind is PartyKind.dsi]
    foundations = [name for name, kind in kinds.items() if kind is PartyKind.foundation]
    if amount.kind is AmountKind.risk_capital and len(dsi) == 1:
        amount.payer = dsi[0]
    elif amount.kind is AmountKind.donation and len(foundations) == 1:
        amount.payer = foundations[0]
    elif r.writer == r.home or r.writer is None:
        amount.payer = r.home
    amount.payer_how = "inferred"


def _kind_from_payer(r: Reading, amount: AmountRead, a: int, b: int) -> None:
    """The kind of a sum with no word for it, from its payer and its verb: the fund invests
    risk capital, a foundation that pays for a goal a result payment, one that gives a
    donation; an authority that pays, a result payment; asked of the region, a grant."""
    kind = r.parties[amount.payer].kind if amount.payer in r.parties else None
    clause = r.text[a:b]
    if kind in (PartyKind.dsi, PartyKind.company) or (_INVESTS.search(clause) and kind is PartyKind.foundation):
        amount.kind = AmountKind.risk_capital
    elif kind is PartyKind.foundation:
        amount.kind = AmountKind.result_payment if _GOAL_PAY.search(clause) else AmountKind.donation
    elif kind in (PartyKind.region, PartyKind.municipality) and _GOAL_PAY.search(clause):
        amount.kind = AmountKind.result_payment
    elif r.request is not None and r.request.value == "grant" and amount.payer == r.home:
        amount.kind = AmountKind.grant
    else:
        return
    amount.kind_how = "inferred"


_TO = re.compile(r"\b(?:til|ved|i|hos|to|for|by|at|via)\s+(?:\w+\s+){0,2}$", re.I)


def _recipient(r: Reading, amount: AmountRead, b: int) -> str | None:
    """The party the sum goes to: named after it in its slot, after "til", "ved", "to" …
    ("0,7 mio. kr. til DEFACTUM", "følgeforskning ved VIA University College")."""
    for n in r.named_in(amount.money.end, b):
        if n.name != amount.payer and n.name in r.parties and _TO.search(r.text, amount.money.end, n.start):
            return n.name
    return None


def _copy_for(amount: AmountRead, payer: str) -> AmountRead:
    """"… regionen betaler op til 1,8 mio og vi det samme": the same sum for another payer."""
    return AmountRead(
        money=amount.money,
        kind=amount.kind,
        kind_how=amount.kind_how,
        payer=payer,
        payer_how="stated",
        years=list(amount.years),
        years_how=amount.years_how,
        ceiling=amount.ceiling,
    )
