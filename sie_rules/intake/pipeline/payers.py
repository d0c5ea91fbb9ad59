"""Step 4, ties: who pays each sum and who receives it, and its kind where only the payer
tells it. A payer is stated when its own segment names it: the party that owns the sum
("regionens resultatbetaling", "Kommunens andel"), the subject before it in its clause ("DSI
stiller 6,5 mio. kr. til rådighed", "og Struer Kommune maksimalt 700.000 kr."), the one it
comes from ("kommer fra DSI (4,0 mio. kr.)"), the party that leads its list ("Regionens
andel:"), or the region when the sum is asked of it ("der reserveres …", "søger om …").
Otherwise the payer is inferred from the kind and the writer, and asked about later."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.money import asked_field, kind_from_payer
from sie_rules.intake.pipeline.positions import applies, genitive, group_before, is_object, owns
from sie_rules.intake.pipeline.recipients import recipient
from sie_rules.intake.pipeline.segments import Line
from sie_rules.intake.pipeline.state import AmountRead, Named, Reading
from sie_rules.model import AmountKind, PartyKind, RequestKind

PAYING = (
    PartyKind.region,
    PartyKind.municipality,
    PartyKind.dsi,
    PartyKind.foundation,
    PartyKind.company,
)
# receiving money: the party it comes from pays it
_LENDER = re.compile(
    r"\b(?:låner|lån|lånet|låne|optager|modtager|får|borrows?|borrowing|takes a loan|loan"
    r"|receives?|gets)\b"
    r"(?:[^;\n]{0,80}?)\b(?:af|fra|hos|from|of)\s+(?=\S)",
    re.I,
)
_FROM_AFTER = re.compile(
    r"^[\s,)]*(?:[\w.]+,?\s+){0,3}?(?:fra|from|af|by|kommer fra|paid by|betalt af|betales af"
    r"|finansieres af|financed by|funded by)\s+$",
    re.I,
)
# the payer in a relative clause after the sum: "450 t.kr. i 2027, som vi håber regionen
# betaler", "DKK 300,000, which the foundation would pay"
_WHICH = re.compile(r"^[\s,]*(?:[\w.]+,?\s+){0,3}?(?:som|which|that)\s+(?:[\w']+\s+){0,3}?$", re.I)
_PAYS_NEXT = re.compile(  # a whitespace run tried from its start only: linear when searched
    r"(?<!\s)\s+(?:betaler|betale|skal betale|vil betale|pays|will pay|would pay|finansierer"
    r"|funds)\b",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:afsættes|reserveres|bevilges|søges|ansøges|tildeles|frigives|afsætter|reserverer|bevilger"
    r"|reserves|reserve|allocates|grants|sets aside|is requested|are requested|is sought|søger"
    r"|ansøger"
    r"|applies|apply|applied to the region|beder om|asks for|requests|request|søge|ansøgning)\b",
    re.I,
)
_JOINT = re.compile(r"\b(?:tilsammen|i alt|together|jointly|samlet)\b", re.I)
_EACH = re.compile(r"\b(?:hver|each)\b", re.I)
# a subject who only speaks of the sum: "vi har snakket om et loft på 1½ mio"
_SPEAKS = re.compile(
    r"\s{1,20}(?:har\s{1,20})?(?:snakket|talt|drøftet|foreslår|foreslået|håber|tænker|nævnt|spurgt|discussed|talked"
    r"|suggests?|proposes?|hopes?|asked|mentioned)\b",
    re.I,
)
_PAYER_LABEL = re.compile(r"\b(?:payer|betaler|betales af|paid by|resultatbetaler)\s*:\s*", re.I)
_SAME = re.compile(
    r"[\s,]{0,20}(?:og|and)\s{1,20}(?P<who>\S{1,40}(?:\s{1,20}\S{1,40})?)\s{1,20}(?:det samme"
    r"|the same)\b",
    re.I,
)
_PAYER_ROLE = re.compile(
    r"resultatbetaler|outcome payer|result payer|betale for|pay for|pays for", re.I
)
# who can pay a sum of each kind: a group that pays ("Odense Kommune og DSI indgår … 2 mio.
# kr.") pays each kind through its members of these kinds
_FITS = {
    AmountKind.risk_capital: (
        PartyKind.dsi,
        PartyKind.foundation,
        PartyKind.company,
        PartyKind.region,
    ),
    AmountKind.donation: (PartyKind.foundation, PartyKind.company),
    AmountKind.result_payment: (PartyKind.region, PartyKind.municipality, PartyKind.foundation),
}


def tie_payers(r: Reading) -> None:
    """Give every sum its payer, recipient and, where only they tell it, its kind."""
    extra: list[AmountRead] = []
    for amount in r.amounts:
        r.on_time()
        m = amount.money
        clause = r.seg.clause_at(m.start)
        a = max(clause.start, _previous_end(r, amount))
        b = min(clause.end, _next_start(r, amount))
        if amount.payer is None or amount.payer_how != "stated":  # a table row names its own
            extra += _tie_payer(r, amount, a, b)
        _partnership_money(r, amount)
        if amount.kind is None:
            kind_from_payer(r, amount, a, b)
        _fit_to_kind(r, amount, a, b)
        amount.recipient = recipient(r, amount, a, b)
        same = _SAME.match(r.text, m.end, clause.end)
        if same and amount.payer:
            who = r.named_in(same.start("who"), same.end("who"))
            if who and who[0].name != amount.payer:
                extra.append(_copy_for(amount, who[0].name))
    r.amounts += extra


def _tie_payer(r: Reading, amount: AmountRead, a: int, b: int) -> list[AmountRead]:
    """Give the sum its payer; the copies for the others when each of several pays it."""
    named = _payer(r, amount, a, b)
    if not named:
        _default_payer(r, amount)
        return []
    amount.payer, amount.payer_how = named[0].name, "stated"
    names = list(dict.fromkeys(n.name for n in named))
    if len(names) > 1 and _EACH.search(r.text, a, b) and not _JOINT.search(r.text, a, b):
        amount.each_of = names  # "kommunerne betaler hver op til 1,5 mio": one each
        return [_copy_for(amount, name) for name in names[1:]]
    if len(names) > 1:
        amount.payer, amount.joint_payers = names[0], names[1:]
    return []


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
        if owns(r, n, b):
            return _paying(r, r.named_in(n.start, n.end))
    labelled = _PAYER_LABEL.search(text, line.body, line.end)
    if labelled:  # "– payer: Skive Kommune. Cap DKK 1.9 million."
        own = _paying(r, r.named_in(labelled.end(), min(line.end, labelled.end() + 60)))
        if own:
            return own[:1]
    for n in _paying(r, r.named_in(m.end, b)):
        if _WHICH.match(text[m.end : n.start]) and _PAYS_NEXT.match(text, n.end):
            return [n]
    lender = _LENDER.search(text, a, b)
    if lender:  # "Slagelse Kommune låner 3 mio. kr. af DSI": the one lent from pays
        after = _paying(r, r.named_in(lender.end(), b))
        if after:
            return after[:1]
    subjects = [
        n
        for n in _paying(r, r.named_in(a, m.start))
        if not is_object(r, n, a)
        and not _SPEAKS.match(text, n.end, m.start)
        and not genitive(r, n)  # "using Odder Kommune's data (DKK 120,000)": no subject
    ]
    applicant = any(applies(r, n) for n in subjects)
    subjects = [n for n in subjects if not applies(r, n)]
    if subjects:
        return group_before(r, subjects)
    for n in _paying(r, r.named_in(m.end, b)):  # "søger 2 mio. kr. fra DSI"
        if _FROM_AFTER.match(text[m.end : n.start]):
            return [n]
    asked_of = _asked_of(r, line)
    if asked_of:  # "2. Hvad skal regionen betale? >> resultatbetaling … højst 1,8 mio"
        return asked_of
    if applicant and r.request is RequestKind.grant:
        return [Named(m.start, m.start, r.home, PartyKind.region, "asked")]  # asked of the region
    if asked_field(r, line):  # "Beløb der søges: 185.000 kr."
        return [Named(m.start, m.start, r.home, PartyKind.region, "asked")]
    role = [
        n
        for n in _paying(r, r.named_in(line.body, line.end))
        if _PAYER_ROLE.search(text, n.end, min(line.end, n.end + 40))
    ]
    if len({n.name for n in role}) == 1:  # "kan regionen gå ind som resultatbetaler …? … 1½ mio"
        return role[:1]
    lead = r.seg.lines[line.lead] if line.lead is not None else None
    if lead is not None:
        own = [
            n
            for n in _paying(r, r.named_in(lead.start, lead.end))
            if not is_object(r, n, lead.start)
        ]
        if own and own[0].kind in (PartyKind.region, PartyKind.municipality):
            return own[:1]
    sentence = r.seg.sentence_span(m.start)
    if r.request is RequestKind.development_partnership:
        return []  # asked of the fund that selects, not of the region (_default_payer)
    if _ASKED.search(text, *sentence) or _ASKED.search(text, line.start, line.end):
        home = [n for n in r.named if n.name == r.home]
        return home[:1] if home else [Named(m.start, m.start, r.home, PartyKind.region, "asked")]
    return []


def _asked_of(r: Reading, line: Line) -> list[Named]:
    """The one paying party the question above an answer names: the answer's lines (quoted
    with ">" or not) follow a line that ends in "?"."""
    index = line.index
    while index > 0 and r.text[r.seg.lines[index].start :].lstrip().startswith(">"):
        index -= 1
        question = r.seg.lines[index]
        if r.text[question.start : question.end].rstrip().endswith("?"):
            named = _paying(r, r.named_in(question.start, question.end))
            return named[:1] if len({n.name for n in named}) == 1 else []
    return []


def _fit_to_kind(r: Reading, amount: AmountRead, a: int, b: int) -> None:
    """A payer of a kind that cannot pay the sum (a municipality for risk capital) gives way
    to the one party named in the clause that can ("Lemvig Kommune indgår en aftale med DSI
    om et lån på 1,2 mio. kr.": the fund lends)."""
    fits = _FITS.get(amount.kind) if amount.kind else None
    if not fits or amount.payer not in r.parties:
        return
    payers = [amount.payer, *amount.joint_payers]
    kept = [p for p in payers if r.parties[p].kind in fits]
    if kept and kept != payers:
        amount.payer, amount.joint_payers = kept[0], kept[1:]
        return
    if not kept:
        clause = r.seg.clause_at(amount.money.start)
        other = list(
            dict.fromkeys(
                n.name
                for n in _paying(r, r.named_in(clause.start, clause.end))
                if n.kind in fits and not is_object(r, n, clause.start)
            )
        )
        if len(other) == 1:
            amount.payer, amount.joint_payers = other[0], []
        else:
            _default_payer(r, amount)


def _partnership_money(r: Reading, amount: AmountRead) -> None:
    """In an application for a development partnership, the fund's grant is its development
    money ("udløser det et tilskud på 300.000 kr. til at udvikle et projekt")."""
    payer = r.parties.get(amount.payer or "")
    partnership = r.request is RequestKind.development_partnership
    fund = payer is not None and payer.kind is PartyKind.dsi
    if partnership and fund and amount.kind in (None, AmountKind.grant):
        amount.kind_how = amount.kind_how if amount.kind else "inferred"
        amount.kind = AmountKind.development


def _default_payer(r: Reading, amount: AmountRead) -> None:
    """A payer only inferred: the fund for risk capital and for a development partnership's
    money, the one foundation for a donation, the region for what the region's own text asks."""
    kinds = {p.name: p.kind for p in r.parties.values()}
    dsi = [name for name, kind in kinds.items() if kind is PartyKind.dsi]
    foundations = [name for name, kind in kinds.items() if kind is PartyKind.foundation]
    partnership = r.request is RequestKind.development_partnership
    if (amount.kind is AmountKind.risk_capital or partnership) and len(dsi) == 1:
        amount.payer = dsi[0]  # a development partnership's money is the fund's
    elif amount.kind is AmountKind.donation and len(foundations) == 1:
        amount.payer = foundations[0]
    elif r.writer == r.home or r.writer is None:
        amount.payer = r.home
    amount.payer_how = "inferred"


def _copy_for(amount: AmountRead, payer: str) -> AmountRead:
    """ "… regionen betaler op til 1,8 mio og vi det samme": the same sum for another payer."""
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
