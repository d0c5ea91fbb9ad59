"""What one case takes from the pools: each pooled amount the region pays, per year, reserved
(a mandate) or granted (an approval, a grant) as rules/parameters/pools.yaml maps the request
kinds — once a decision on it has been recorded. A draft (a chat, a trial) takes nothing.
The store writes these entries with the case, in the same transaction."""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import ValidationError

from sie_rules.model import PartyKind, Proposal
from sie_rules.rules.parameters import Parameters


class Entry(NamedTuple):
    pool: str
    year: int | None
    grant: bool
    dkk: int


def case_entries(status: str, proposal: dict[str, Any], params: Parameters) -> list[Entry]:
    """The entries of a case with this status and proposal; none unless a decision on it is
    recorded (status 'decided'), and none for a proposal that is not valid."""
    if status != "decided":
        return []
    try:
        case = Proposal.model_validate(proposal)
    except ValidationError:
        return []
    if case.request_kind is None:
        return []
    commitment = params.pools.commitment_by_request_kind.get(case.request_kind)
    if commitment is None:
        return []
    kinds = {p.name: p.kind for p in case.parties}
    grant = commitment == "granted"
    entries = []
    for amount in case.amounts:
        pool = params.pool_for(amount.funding_source) if amount.funding_source else None
        if pool is None or kinds.get(amount.payer) != PartyKind.region:
            continue
        per_year = amount.per_year()
        if not per_year:
            entries.append(Entry(pool.id, None, grant, amount.amount_dkk))
        entries += [Entry(pool.id, year, grant, dkk) for year, dkk in per_year.items()]
    return entries
