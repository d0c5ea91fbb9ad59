"""Step 6, roles: who takes part and as what. A role is stated by the party's own money
(risk capital makes an investor, a result payment a result payer), by a role said of it ("X
er myndighed, udfører og resultatbetaler", "Outcome payers: A and B", a field "Region
Midtjylland: resultatbetaler", "paid by the region and Viborg Kommune", a goal with its payer
in brackets) or denied ("men er ikke resultatbetalere"). An organisation named only in
history, a list of members or a maybe ("evt. med DSI") takes no part. A municipality in an
investment with no word on what it does is inferred to be authority and result payer."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.membership import HISTORY, MAYBE, NOT_A_PARTY, aside, membership
from sie_rules.intake.pipeline.positions import applies, group_before, is_object
from sie_rules.intake.pipeline.segments import Unit
from sie_rules.intake.pipeline.state import Named, PartyRead, Reading
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role

# a sentence that names parties without giving them a part: members, a general remark
# the kinds of party that can pay for outcomes
_PAYER_KINDS = frozenset({PartyKind.region, PartyKind.municipality, PartyKind.foundation})
_DENIED = re.compile(r"\b(?:ikke|not|no longer|ikke længere)\s+(?:\w+\s+){0,2}$", re.I)
# a sentence that says its roles are still open: "whether we would … pay for a goal, or
# something else is completely open", "om regionen betaler for et mål, står åbent"
_OPEN = re.compile(
    r"\b(?:er (?:helt |stadig |endnu )?åbent|står (?:helt |stadig )?åbent|er (?:stadig )?uafklaret"
    r"|is (?:completely |still |entirely |wide )?open|remains open|is undecided|not decided yet)\b",
    re.I,
)
# a role asked about, not given: "om vi skal være resultatbetaler", "whether the region would
# be an outcome payer" (not "aftale om, at kommunen skal være …")
_WHETHER = re.compile(
    r"\b(?:om|whether)\s+(?!at\b|that\b)(?:[\w-]+\s+){1,3}"
    r"(?:skal|vil|kan|skulle|ville|kunne|would|should|will|could|can|might)\s+(?:\w+\s+){0,3}$",
    re.I,
)
_GOAL_PAYER = re.compile(
    r"\s{0,20}(?:for\s{1,20}(?:betalings)?mål(?:et)?|for the (?:payment )?goal)\b", re.I
)
# paying for an outcome (not for a secretariat): "pays for fewer hours of home care",
# "betaler for målet om trivsel", "would also pay for the payment goal", "hver betaler for et
# mål", "each pays for its own goal"
_PAYS_FOR_OUTCOME = re.compile(
    r"\b(?:betaler|betale|betales|pays?|paid|paying)\s+(?:\w+\s+){0,2}?for\s+"
    r"(?:(?:the|det|den|et|en|a|an|hvert|each|sit|sin|sine|its|their|deres|own|eget|egne)\s+){0,2}"
    r"(?:mål\w*|betalingsmål\w*|resultat\w*|goal\w*|payment goal\w*|outcome\w*|results?|færre"
    r"|flere|bedre|øget"
    r"|mindre|højere|lavere|fewer|more|better|less|increased|reduced|improved|higher|lower)\b",
    re.I,
)
_GAPPED = re.compile(r"\s{1,20}(?:for|på)\s{1,20}(?!at\b)\w+", re.I)
_PAYS_AT_END = re.compile(
    r"\s{1,20}(?:pays|betaler|pay|will pay|skal betale)\s{0,20}[.;,)]?\s{0,20}$", re.I
)
_PAID_BY = re.compile(r"\b(?:paid by|betales af|betalt af)\s+", re.I)
# a payer's own payment for results: "regionens og kommunernes betaling skal fordeles"
_THEIR_PAYMENT = re.compile(
    r"(?:\s{1,3}(?:og|and)\s{1,3}[\w-]{2,30}s)?\s{1,3}(?:resultat)?betaling(?:en|er)?\b", re.I
)
# what is paid for is not an outcome: "evalueringen … betales af Helsefonden"
_NOT_OUTCOME = re.compile(
    r"\b(?:evaluering\w*|evaluation|følgeforskning\w*|forskning\w*|research|sekretariat\w*"
    r"|secretariat|analyse\w*|analysis|business case|forarbejde\w*|groundwork)\b",
    re.I,
)
_GOAL_LEAD = re.compile(r"betalingsmål|payment goals|outcomes|mål:", re.I)
_BY_AMOUNT = {
    AmountKind.risk_capital: Role.investor,
    AmountKind.result_payment: Role.result_payer,
    AmountKind.donation: Role.donor,
}
_NO_ROLE = (*HISTORY, "co-financing of the application")
_INVESTMENT = (RequestKind.mandate, RequestKind.final_approval)


def assign_roles(r: Reading) -> None:
    _from_amounts(r)
    _from_words(r)
    _from_labels(r)
    _applicants(r)
    membership(r)
    _defaults(r)


def _from_labels(r: Reading) -> None:
    """A form's field named by a role ("Resultatbetalere .......... Randers Kommune, Region
    Midtjylland", "Investor: DSI"): the parties in its value have that role."""
    for line in r.seg.lines:
        if line.unit is not Unit.field or not line.label or r.aside_why(line.start):
            continue
        for role, pattern in r.lex.role_patterns.items():
            if not pattern.search(r.text, *line.label):
                continue
            allowed = r.lex.data.role_kinds.get(role, list(PartyKind))
            for party in r.parties_in(line.body, line.end):
                if party.kind in allowed:
                    _give(party, role)


def _applicants(r: Reading) -> None:
    """In an application (for a grant or a development partnership), the one that applies
    ("Foreningen Livsglæde søger støtte …", "Ansøgning fra …", "kommunen søger om et
    udviklingspartnerskab") is the applicant, with or without a sum named."""
    if r.request not in (RequestKind.grant, RequestKind.development_partnership):
        return
    for n in r.named:
        party = r.parties.get(n.name)
        if party and party.kind is not PartyKind.region and applies(r, n) and not aside(r, n):
            _give(party, Role.applicant)
    alone = r.of_kind(PartyKind.municipality)  # only a municipality applies to be DSI's partner
    if r.request is RequestKind.development_partnership and len(alone) == 1 and not alone[0].roles:
        _give(alone[0], Role.applicant, "inferred")


def _give(party: PartyRead, role: Role, how: str = "stated") -> None:
    if role in party.not_roles:
        return
    if party.roles.get(role) != "stated":
        party.roles[role] = how  # type: ignore[assignment]


def _from_amounts(r: Reading) -> None:
    for a in r.amounts:  # history and others' co-financing of an application give no role
        if a.background in _NO_ROLE or a.payer not in r.parties or a.kind is None:
            continue
        payers = [a.payer, *a.joint_payers, *a.each_of]
        role = _BY_AMOUNT.get(a.kind)
        for name in payers:
            if role and name in r.parties:
                _give(r.parties[name], role, a.payer_how)
        if a.kind is AmountKind.grant and a.recipient in r.parties:
            _give(r.parties[a.recipient], Role.applicant)


def _subjects(r: Reading, start: int, before: int) -> list[Named]:
    """The party (or the parties listed with it) named last before `before` in a clause."""
    named = [
        n for n in r.named_in(start, before) if n.name in r.parties and not is_object(r, n, start)
    ]
    return group_before(r, named) if named else []


# "… som", "… som myndighed og": the words between a name and a role word in apposition
_AS = re.compile(
    r"\s{1,3}(?:som|as)\s{1,3}(?:the\s{1,3})?"
    r"(?:[\w-]{1,30}(?:\s{1,3}(?:og|and)\s{1,3}|,\s{1,3})){0,3}$",
    re.I,
)


def _apposed(r: Reading, start: int, m: re.Match[str]) -> list[Named]:
    """The names the role word stands in apposition to, objects or not: "med Landsbyggefonden
    og DSI som investorer", "with Aarhus Municipality as the authority"."""
    named = [n for n in r.named_in(start, m.start()) if n.name in r.parties]
    if not named or not _AS.search(r.text, named[-1].end, m.start()):
        return []
    return group_before(r, named)


def _from_words(r: Reading) -> None:
    text = r.text
    for clause in r.seg.clauses:
        line = r.seg.lines[clause.line]
        sentence = r.seg.sentence_span(clause.start)
        if r.aside_why(clause.start) or NOT_A_PARTY.search(text, *sentence):
            continue  # another item, members, a general remark: no one's role here
        if _OPEN.search(text, *sentence):
            continue  # "… or something else is completely open": no role yet
        history = [
            x.money.start
            for x in r.amounts
            if x.background in HISTORY and sentence[0] <= x.money.start < sentence[1]
        ]
        for role, pattern in r.lex.role_patterns.items():
            allowed = r.lex.data.role_kinds.get(role, list(PartyKind))
            for m in pattern.finditer(text, clause.start, clause.end):
                if any(h < m.start() for h in history):
                    continue  # told after a sum of history: "investerede 2 mio. kr. som investor"
                label = (
                    line.label
                    if line.label
                    and line.label[1] <= m.start()
                    and not r.named_in(line.body, m.start())
                    else None
                )
                after = [n for n in r.named_in(m.end(), clause.end) if n.name in r.parties]
                subjects = _subjects(r, clause.start, m.start()) or _apposed(r, clause.start, m)
                if label:  # "Region Midtjylland: resultatbetaler"
                    subjects = [n for n in r.named_in(*label) if n.name in r.parties]
                elif text[m.end() : m.end() + 2].lstrip().startswith(":"):
                    subjects = after  # "Outcome payers: A and B"
                elif not subjects:  # "…, men er ikke resultatbetalere": the sentence's subject
                    subjects = _subjects(r, r.seg.sentence_span(m.start())[0], m.start())
                if MAYBE.search(text, max(clause.start, m.start() - 30), m.start()) or (
                    _WHETHER.search(text, max(clause.start, m.start() - 60), m.start())
                ):
                    continue  # "perhaps as an outcome payer", "whether we shall pay": no role yet
                denied = _DENIED.search(text, max(clause.start, m.start() - 25), m.start())
                for n in subjects:
                    party = r.parties[n.name]
                    if party.kind not in allowed:
                        continue
                    if denied:
                        party.not_roles.add(role)
                        party.roles.pop(role, None)
                    else:
                        _give(party, role)
        payer_sentence = r.lex.role_patterns[Role.result_payer].search(text, *sentence)
        for n in r.named_in(clause.start, clause.end):
            payer = r.parties.get(n.name)
            if payer is None or payer.kind not in _PAYER_KINDS:
                continue
            # "… som resultatbetaler for færre genindlæggelser, kommunen for færre
            # underretninger"; "… → Favrskov Kommune pays"
            gapped = payer_sentence and _GAPPED.match(text, n.end, clause.end)
            if gapped or any(p.match(text, n.end, clause.end) for p in (_GOAL_PAYER, _PAYS_AT_END)):
                _give(payer, Role.result_payer)
        for m in _PAYS_FOR_OUTCOME.finditer(text, clause.start, clause.end):
            for n in _subjects(r, clause.start, m.start()) or _subjects(r, sentence[0], m.start()):
                if r.parties[n.name].kind in _PAYER_KINDS:
                    _give(r.parties[n.name], Role.result_payer)
        if r.request in _INVESTMENT:
            for n in r.named_in(clause.start, clause.end):
                written = text[n.start : n.end]
                genitive_payer = written.endswith(("s", "'s")) and n.kind in _PAYER_KINDS
                if genitive_payer and _THEIR_PAYMENT.match(text, n.end, clause.end):
                    _give(r.parties[n.name], Role.result_payer)
        outcome = not _NOT_OUTCOME.search(text, clause.start, clause.end)
        for m in _PAID_BY.finditer(text, clause.start, clause.end) if outcome else ():
            for n in r.named_in(m.end(), clause.end):
                if n.name in r.parties and r.parties[n.name].kind in _PAYER_KINDS:
                    _give(r.parties[n.name], Role.result_payer)
    _goal_lists(r)


def _goal_lists(r: Reading) -> None:
    """ "Der er tre betalingsmål: 1) færre indlæggelser (Region Midtjylland), …", "… færre
    underretninger (kommunerne) og …": the payers in brackets in an item of a list of goals,
    or after "betalingsmål:" in its sentence, pay for those goals."""
    spans = []
    for line in r.seg.lines:
        lead = r.seg.lines[line.lead] if line.lead is not None else None
        if lead is not None and _GOAL_LEAD.search(r.text, lead.start, lead.end):
            spans.append((line.start, line.end))
        for m in _GOAL_LEAD.finditer(r.text, line.start, line.end):
            spans.append((m.end(), r.seg.sentence_span(m.start())[1]))
    for a, b in spans:
        for m in re.finditer(r"\(([^)]{1,80})\)", r.text[a:b]):
            for n in r.named_in(a + m.start(1), a + m.end(1)):
                if n.name in r.parties and r.parties[n.name].kind in _PAYER_KINDS:
                    _give(r.parties[n.name], Role.result_payer)


# no investment yet: a network membership, an application for a development partnership
_NO_INVESTOR = (RequestKind.network_partner, RequestKind.development_partnership)


def _defaults(r: Reading) -> None:
    """In an investment: a municipality with no word on what it does is inferred to be
    authority and result payer; the fund is the investor; with no municipality, the region
    that pays for results orders the effort (authority)."""
    investment = r.request in _INVESTMENT
    no_municipality = not r.of_kind(PartyKind.municipality)
    for party in r.parties.values():
        if not party.takes_part:
            continue
        dsi = party.kind is PartyKind.dsi and r.request not in _NO_INVESTOR
        if dsi and not _cooperation_only(r):
            _give(party, Role.investor)
        if party.kind is PartyKind.municipality and investment:
            said = set(party.roles) | party.not_roles
            if not said & {
                Role.result_payer,
                Role.authority,
                Role.applicant,
                Role.partner,
                Role.donor,
            }:
                _give(party, Role.authority, "inferred")
                _give(party, Role.result_payer, "inferred")
            elif Role.result_payer in party.roles and Role.authority not in party.not_roles:
                _give(party, Role.authority, party.roles[Role.result_payer])
        region_orders = party.kind is PartyKind.region and investment and no_municipality
        if region_orders and Role.result_payer in party.roles:
            _give(party, Role.authority, party.roles[Role.result_payer])


def _cooperation_only(r: Reading) -> bool:
    """The text is about the cooperation with the fund itself, not an investment."""
    return (
        bool(re.search(r"samarbejdsaftale|cooperation agreement", r.text, re.I))
        and r.request not in _INVESTMENT
    )
