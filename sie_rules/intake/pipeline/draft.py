"""Step 10, draft: the reading as a proposal-shaped dict (maybe incomplete) with the evidence
of each fact. Only what takes part and is money of the request goes in; a sum whose purpose
was not read is left for the dialogue to ask about ("amounts.unplaced")."""

from __future__ import annotations

import re
from typing import Any

from sie_rules.intake.pipeline.case import read_case
from sie_rules.intake.pipeline.certainty import confirmations
from sie_rules.intake.pipeline.sentences import sentences
from sie_rules.intake.pipeline.state import AmountRead, PartyRead, Reading
from sie_rules.intake.word_search import words_pattern
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role
from sie_rules.money import format_dkk
from sie_rules.rules.files import Pool
from sie_rules.rules.parameters import Parameters

# the parties in the order a caseworker reads them: the authorities, the fund, the
# foundations, then everyone else, each in the order the text names them
_ORDER = {PartyKind.region: 0, PartyKind.municipality: 1, PartyKind.dsi: 2, PartyKind.foundation: 3}


def make_draft(r: Reading) -> dict[str, Any]:
    draft: dict[str, Any] = {"title": title(r.doc.original)}
    if r.request is not None and r.request_how == "stated":
        draft["request_kind"] = r.request.value
    amounts = [a for a in r.amounts if a.background is None]
    for a in amounts:
        if a.payer is None or not _takes_part(r, a.payer):
            a.payer, a.payer_how = r.home, "inferred"
            if r.home not in r.parties:
                r.parties[r.home] = PartyRead(r.home, PartyKind.region)
            r.parties[r.home].takes_part = True
        if a.kind is None:
            a.kind, a.kind_how = _likely_kind(r, a), "inferred"
        if a.kind is None:  # read, but not what it is for: the dialogue asks
            r.note("amounts.unplaced", format_dkk(a.money.dkk), a.money.start, a.money.end)
    amounts = [a for a in amounts if a.kind is not None]
    source = _funding_source(r)
    parties = [p for p in r.parties.values() if p.takes_part]
    draft["parties"] = [
        _party(p) for p in sorted(parties, key=lambda p: (_ORDER.get(p.kind, 9), _first(r, p.name)))
    ]
    for p in parties:
        first = next((n for n in r.named if n.name == p.name), None)
        if first is not None:
            r.note("parties", p.name, first.start, first.end)
        for role, how in sorted(p.roles.items()):
            if how == "stated":
                r.note(
                    f"parties.{p.name}.roles",
                    f"{p.name}: {r.params.labels.roles[role]}",
                    first.start,
                    first.end,
                ) if first else None
    names = {p.name for p in parties}
    applicants = [p.name for p in parties if Role.applicant in p.roles]
    for a in amounts:  # an application's grant goes to its one applicant
        if a.kind is AmountKind.grant and a.recipient is None and len(applicants) == 1:
            a.recipient = applicants[0]
    draft["amounts"] = [_amount(r, a, source, names) for a in amounts]
    draft.update(read_case(r))
    if r.decided:
        draft["decided_by"] = list(r.decided)
    asked = confirmations(r, amounts, parties)
    if asked:
        draft["to_confirm"] = [{k: v for k, v in vars(c).items() if v is not None} for c in asked]
    if r.payment_model_agreed is not None:
        draft["payment_model_agreed"] = r.payment_model_agreed
    return draft


def _likely_kind(r: Reading, a: AmountRead) -> AmountKind | None:
    """What a sum with no word for it most likely is, from its payer and the request: asked."""
    kind = r.parties[a.payer].kind if a.payer in r.parties else None
    if kind in (PartyKind.dsi, PartyKind.company):
        return AmountKind.risk_capital
    if kind is PartyKind.foundation:
        return AmountKind.donation
    if r.request in (RequestKind.mandate, RequestKind.final_approval):
        return AmountKind.result_payment
    if r.request is RequestKind.grant:
        return AmountKind.grant
    return None


def _takes_part(r: Reading, name: str) -> bool:
    party = r.parties.get(name)
    return party is not None and party.takes_part


def _first(r: Reading, name: str) -> int:
    return next((n.start for n in r.named if n.name == name), len(r.text))


def _funding_source(r: Reading) -> str | None:
    found = pool_named_in(r.params, r.text)
    if found is None:
        return None
    pool, m = found
    r.note("amounts.funding_source", pool.name, m.start(), m.end())
    return pool.name


def _party(p: PartyRead) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "kind": p.kind.value,
        "roles": sorted(r.value for r in p.roles),
    }
    if p.legally_excluded:
        out["legally_excluded"] = True
    for key in ("committee", "financing_found", "budget_adopted"):
        value = getattr(p, key)
        if value is not None:
            out[key] = value
    return out


def _amount(r: Reading, a: AmountRead, source: str | None, names: set[str]) -> dict[str, Any]:
    assert a.kind is not None and a.payer is not None
    label = r.params.labels.amount_kinds[a.kind]
    r.note("amounts", f"{label} {format_dkk(a.money.dkk)}", a.money.start, a.money.end)
    out: dict[str, Any] = {
        "kind": a.kind.value,
        "payer": a.payer,
        "amount_dkk": a.money.dkk,
        "years": sorted(set(a.years)),
    }
    joint = [n for n in a.joint_payers if n in names and n != a.payer]
    if joint:
        out["joint_payers"] = joint
    if a.recipient and a.recipient in names and a.recipient != a.payer:
        out["recipient"] = a.recipient
    if a.ceiling:
        out["ceiling_dkk"] = a.money.dkk
    if a.by_year and sorted(a.by_year) == out["years"] and sum(a.by_year.values()) == a.money.dkk:
        out["by_year"] = a.by_year
    if a.ceiling_by_year and sorted(a.ceiling_by_year) == out["years"]:
        out["ceiling_by_year"] = a.ceiling_by_year
    if source and r.parties[a.payer].kind is PartyKind.region:
        out["funding_source"] = source
    return out


def title(text: str) -> str:
    first = " ".join(text.strip().split("\n", 1)[0].split())
    spans = sentences(first)  # the first sentence, not cut at "mio." or "reg."
    first = first[spans[0][0] : spans[0][1]].strip() if spans else first
    return (first[:77] + "…") if len(first) > 80 else (first or "Forslag")


def pool_named_in(params: Parameters, text: str) -> tuple[Pool, re.Match[str]] | None:
    """The first known pool the text names (by its name or an alias, any case), with the
    words that name it: "af puljen til øget lighed i sundhed" names the equality pool."""
    for pool in params.pools.pools:
        m = words_pattern([pool.name, *pool.aliases]).search(text)
        if m:
            return pool, m
    return None
