"""The pool ledger: what saved cases reserve (mandates) and grant (approvals, grants) from each
pool per year, against the pool's budget; and the part other cases already use, which an
assessment adds to its own amounts when it checks the room in the pool.

The store keeps the entries and their totals in the database (written with each case);
`PoolBook` caches the totals until the store's ledger counter moves, so the app can ask on
every rerun at the cost of one one-row read.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from sie_rules.cases.entries import Entry
from sie_rules.cases.store import CaseStore
from sie_rules.rules.parameters import Parameters

PoolUsage = dict[tuple[str, int], int]


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


class PoolBook:
    """The ledger of a store. Safe to share between threads."""

    def __init__(self, store: CaseStore, params: Parameters):
        self.store, self.params = store, params
        self._cached: tuple[int, list[Entry]] | None = None
        self._lock = threading.Lock()

    def _totals(self) -> list[Entry]:
        version = self.store.ledger_version()
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, self.store.pool_totals())
            return self._cached[1]

    def usage(self, exclude: str | None = None) -> PoolUsage:
        """Kroner per (pool id, year) that the cases other than `exclude` use."""
        usage: PoolUsage = defaultdict(int)
        own = self.store.pool_entries(exclude) if exclude else []
        for e in self._totals():
            if e.year is not None:
                usage[e.pool, e.year] += e.dkk
        for e in own:
            if e.year is not None:
                usage[e.pool, e.year] -= e.dkk
        return {key: dkk for key, dkk in usage.items() if dkk}

    def rows(self) -> list[LedgerRow]:
        sums: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
        for e in self._totals():
            sums[e.pool, e.year][int(e.grant)] += e.dkk
        pools = {p.id: p for p in self.params.pools.pools}
        rows = []
        for (pool_id, year), (reserved, granted) in sums.items():
            pool = pools.get(pool_id)
            if pool is None:  # a pool no longer in rules/parameters: shown by its id
                rows.append(LedgerRow(pool_id, year, reserved, granted, None))
                continue
            budget = self.params.budget_in(pool, year) if year is not None else None
            rows.append(
                LedgerRow(pool.name, year, reserved, granted, budget.budget_dkk if budget else None)
            )
        return sorted(rows, key=lambda r: (r.pool, r.year is None, r.year or 0))


def ledger(store: CaseStore, params: Parameters) -> list[LedgerRow]:
    """The ledger rows of every case in the store."""
    return PoolBook(store, params).rows()
