"""The pool ledger: what saved cases reserve (mandates) and grant (approvals, grants) from each
pool per year, against the pool's budget; and the part other cases already use, which an
assessment adds to its own amounts when it checks the room in the pool.

`PoolBook` keeps each case's entries and re-reads only the cases saved since its last look,
so the app can ask for the pool usage on every assessment even with thousands of cases.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import ValidationError

from sie_rules.cases.store import CaseRecord, CaseStore
from sie_rules.explain.facts import spread_by_year
from sie_rules.model import PartyKind, Proposal
from sie_rules.rules.parameters import Parameters

PoolUsage = dict[tuple[str, int], int]


class Entry(NamedTuple):
    pool: str
    year: int | None
    grant: bool
    dkk: int


@dataclass(frozen=True)
class LedgerRow:
    pool: str
    year: int | None
    reserved_dkk: int
    granted_dkk: int
    budget_dkk: int | None

    @property
    def room_dkk(self) -> int | None:
        used = self.reserved_dkk + self.granted_dkk
        return None if self.budget_dkk is None else self.budget_dkk - used


def case_entries(case: CaseRecord, params: Parameters) -> list[Entry]:
    """What one saved case takes from the pools: each pooled region amount, per year."""
    if case.status == "archived":
        return []
    try:
        proposal = Proposal.model_validate(case.proposal)
    except ValidationError:
        return []  # a draft that is not a valid proposal commits nothing
    commitment = params.pools.commitment_by_request_kind.get(proposal.request_kind)
    if commitment is None:
        return []
    kinds = {p.name: p.kind for p in proposal.parties}
    grant = commitment == "granted"
    entries = []
    for amount in proposal.amounts:
        pool = params.pool_for(amount.funding_source) if amount.funding_source else None
        if pool is None or kinds.get(amount.payer) != PartyKind.region:
            continue
        per_year = spread_by_year(amount)
        if not per_year:
            entries.append(Entry(pool.id, None, grant, amount.amount_dkk))
        entries += [Entry(pool.id, year, grant, dkk) for year, dkk in per_year.items()]
    return entries


def usage_from(by_case: Mapping[str, list[Entry]], exclude: str | None = None) -> PoolUsage:
    """Kroner per (pool id, year) that the cases other than `exclude` use."""
    usage: PoolUsage = defaultdict(int)
    for case_id, entries in by_case.items():
        if case_id != exclude:
            for e in entries:
                if e.year is not None:
                    usage[e.pool, e.year] += e.dkk
    return dict(usage)


def rows_from(by_case: Mapping[str, list[Entry]], params: Parameters) -> list[LedgerRow]:
    sums: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for entries in by_case.values():
        for e in entries:
            sums[e.pool, e.year][int(e.grant)] += e.dkk
    pools = {p.id: p for p in params.pools.pools}
    rows = []
    for (pool_id, year), (reserved, granted) in sums.items():
        budget = params.budget_in(pools[pool_id], year) if year is not None else None
        rows.append(
            LedgerRow(
                pools[pool_id].name, year, reserved, granted, budget.budget_dkk if budget else None
            )
        )
    return sorted(rows, key=lambda r: (r.pool, r.year is None, r.year or 0))


def pool_usage(
    cases: Iterable[CaseRecord], params: Parameters, exclude: str | None = None
) -> PoolUsage:
    return usage_from({c.id: case_entries(c, params) for c in cases}, exclude)


def ledger(cases: Iterable[CaseRecord], params: Parameters) -> list[LedgerRow]:
    return rows_from({c.id: case_entries(c, params) for c in cases}, params)


class PoolBook:
    """The ledger of a store, kept up to date incrementally. Safe to share between threads."""

    def __init__(self, store: CaseStore, params: Parameters):
        self.store, self.params = store, params
        self._seen: dict[str, tuple[object, list[Entry]]] = {}
        self._lock = threading.Lock()

    def _entries(self) -> dict[str, list[Entry]]:
        with self._lock:
            stamps = {case_id: updated for case_id, updated in self.store.stamps()}
            stale = [i for i, at in stamps.items() if self._seen.get(i, (None,))[0] != at]
            for case in self.store.get_many(stale):
                self._seen[case.id] = (case.updated_at, case_entries(case, self.params))
            for case_id in self._seen.keys() - stamps.keys():
                del self._seen[case_id]
            return {case_id: entries for case_id, (_, entries) in self._seen.items()}

    def usage(self, exclude: str | None = None) -> PoolUsage:
        return usage_from(self._entries(), exclude)

    def rows(self) -> list[LedgerRow]:
        return rows_from(self._entries(), self.params)
