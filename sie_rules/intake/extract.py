"""Danish (or English) text -> a draft proposal, every fact with the words it came from.

Deterministic and explainable: organisations come from the lexicon (knowledge/intake.yaml) and
the "<Name> Kommune" pattern; amounts from numbers.py, each tied to the nearest word for its
kind, the years in its part of the sentence, and the party that pays it; the request kind from
weighted keywords. Nothing is guessed silently: what is not found stays out of the draft, and
the dialogue asks for it.
"""

from __future__ import annotations

from typing import Any

from sie_rules.intake.lexicon import KnownParty, Lexicon
from sie_rules.intake.read_amounts import AmountReading
from sie_rules.intake.read_case import CaseReading
from sie_rules.intake.read_parties import PartyReading
from sie_rules.intake.reading import (
    MAX_TEXT_CHARS,
    AmountFound,
    Evidence,
    Extraction,
    Party,
    sentences,
)
from sie_rules.rules.parameters import Parameters


class _Reader(PartyReading, AmountReading, CaseReading):
    """All readers over one text (parties first: amounts and goals refer to them)."""


def _title(text: str) -> str:
    first = " ".join(text.strip().split("\n", 1)[0].split())
    spans = sentences(first)  # the first sentence, not cut at "mio." or "reg."
    first = first[spans[0][0] : spans[0][1]].strip() if spans else first
    return (first[:77] + "…") if len(first) > 80 else (first or "Forslag")


def extract(text: str, lexicon: Lexicon, params: Parameters) -> Extraction:
    """Read a description of a proposal; see the module docstring."""
    text = text[:MAX_TEXT_CHARS]
    r = _Reader(text, lexicon, params)
    r.find_parties()
    r.assign_roles()
    request = r.request_kind()
    amounts = r.amounts(request)
    source = r.funding_source()
    for amount in amounts:
        if source and amount.payer == lexicon.data.home_party.name:
            amount.funding_source = source
    goals = r.goals()
    r.finish_roles(amounts, goals, request)
    r.municipal_status()
    draft: dict[str, Any] = {"title": _title(text)}
    if request:
        draft["request_kind"] = request.value
    draft["parties"] = [_party_dict(p) for p in sorted(r.parties.values(), key=lambda p: p.first)]
    draft["amounts"] = [_amount_dict(a) for a in amounts]
    draft["payment_goals"] = goals
    draft.update(r.period())
    draft.update(r.flags())
    group = r.target_group()
    if group:
        draft["target_group"] = group
    fields = r.fields()
    if fields:
        draft["fields"] = fields
    for list_id, name in (("dsi_themes", "dsi_theme"), ("cooperation_tracks", "cooperation_track")):
        value = r.listed(list_id, name)
        if value:
            draft[name] = value
    return Extraction(draft, r.evidence)


def _party_dict(p: Party) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "kind": p.kind.value,
        "roles": sorted(role.value for role in p.roles),
    }
    for key in ("legally_excluded", "committee", "financing_found", "budget_adopted"):
        value = getattr(p, key)
        if value not in (None, False) or (key != "legally_excluded" and value is False):
            out[key] = value
    return out


def _amount_dict(a: AmountFound) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": a.kind.value,
        "payer": a.payer,
        "amount_dkk": a.money.dkk,
        "years": a.years,
    }
    if a.recipient:
        out["recipient"] = a.recipient
    if a.ceiling:
        out["ceiling_dkk"] = a.money.dkk
    if a.by_year:
        out["by_year"] = a.by_year
    if a.funding_source:
        out["funding_source"] = a.funding_source
    return out


__all__ = ["Evidence", "Extraction", "KnownParty", "extract", "sentences"]
