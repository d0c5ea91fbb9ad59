"""The pool ledger's tables: a case's entries written with the case, the running totals per
pool and year moved by the difference, and a counter raised by every change (readers cache
by it). SQLAlchemy Core statements: a save adds a handful of them, not an ORM object each."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sie_rules.cases.entries import Entry, case_entries
from sie_rules.cases.schema import CaseRow, LedgerStateRow, PoolEntryRow, PoolTotalRow
from sie_rules.errors import StoreError
from sie_rules.rules.parameters import Parameters

_ENTRIES = cast(sa.Table, PoolEntryRow.__table__)
_TOTALS = cast(sa.Table, PoolTotalRow.__table__)
_STATE = cast(sa.Table, LedgerStateRow.__table__)
_UPSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
_RAISE_VERSION = sa.update(_STATE).values(version=sa.bindparam("new_version"))
_ENTRIES_OF = sa.select(
    _ENTRIES.c.pool, _ENTRIES.c.year, _ENTRIES.c.granted, _ENTRIES.c.amount_dkk
).where(_ENTRIES.c.case_id == sa.bindparam("case_id"))


def _lock_version(s: sa.Connection) -> int:
    """The ledger counter, locked until the transaction ends: writers of the ledger take
    turns on PostgreSQL (SQLite's BEGIN IMMEDIATE already makes them)."""
    return int(s.execute(sa.select(_STATE.c.version).with_for_update()).scalar_one())


def entries_of(s: Session | sa.Connection, case_id: str) -> list[Entry]:
    rows = s.execute(_ENTRIES_OF, {"case_id": case_id})
    return [Entry(pool, year, granted, dkk) for pool, year, granted, dkk in rows]


def write_entries(
    s: sa.Connection,
    case_id: str,
    status: str,
    proposal: dict[str, Any],
    params: Parameters,
    new_case: bool = False,
) -> None:
    """Replace the case's entries and move the totals by the difference, in `s`'s transaction
    (`new_case`: the case has no entries yet, so none are read)."""
    new = case_entries(status, proposal, params)
    if new_case and not new:
        return
    version = _lock_version(s)
    old = [] if new_case else entries_of(s, case_id)
    if Counter(old) == Counter(new):
        return
    delta: dict[tuple[str, int, bool], int] = defaultdict(int)
    for e, sign in [(e, -1) for e in old] + [(e, 1) for e in new]:
        delta[e.pool, e.year or 0, e.grant] += sign * e.dkk
    if old:
        s.execute(sa.delete(_ENTRIES).where(_ENTRIES.c.case_id == case_id))
    if new:
        s.execute(
            sa.insert(_ENTRIES),
            [
                {
                    "case_id": case_id,
                    "pool": e.pool,
                    "year": e.year,
                    "granted": e.grant,
                    "amount_dkk": e.dkk,
                }
                for e in new
            ],
        )
    _move_totals(s, {key: change for key, change in delta.items() if change})
    s.execute(_RAISE_VERSION, {"new_version": max(version, 0) + 1})


def _move_totals(s: sa.Connection, delta: dict[tuple[str, int, bool], int]) -> None:
    """Add each change to its total in one statement: an insert that adds to the row when
    it exists (INSERT … ON CONFLICT DO UPDATE, in SQLite and PostgreSQL alike)."""
    if not delta:
        return
    s.execute(
        _add_to_totals(s.dialect.name),
        [
            {"pool": pool, "year": year, "granted": granted, "amount_dkk": change}
            for (pool, year, granted), change in delta.items()
        ],
    )


@cache
def _add_to_totals(dialect: str) -> Any:
    """The upsert of `_move_totals` for a database dialect, built once."""
    if dialect not in _UPSERT:
        raise StoreError(f"the pool ledger needs SQLite or PostgreSQL, not {dialect}")
    insert: Any = _UPSERT[dialect](_TOTALS)
    return insert.on_conflict_do_update(
        index_elements=[_TOTALS.c.pool, _TOTALS.c.year, _TOTALS.c.granted],
        set_={"amount_dkk": _TOTALS.c.amount_dkk + insert.excluded.amount_dkk},
    )


def write_missing_entries(s: Session, params: Parameters) -> None:
    """Once per database: the entries of the cases saved before the ledger table existed."""
    c = s.connection()
    if _lock_version(c) >= 0:
        return
    for case_id, status, proposal in s.execute(
        sa.select(CaseRow.id, CaseRow.status, CaseRow.proposal)
    ):
        write_entries(c, case_id, status, proposal, params)
    s.execute(sa.update(_STATE).where(_STATE.c.version < 0).values(version=0))


def version(s: Session) -> int:
    return int(s.execute(sa.select(_STATE.c.version)).scalar_one())


def totals(s: Session) -> list[Entry]:
    rows = s.execute(
        sa.select(_TOTALS.c.pool, _TOTALS.c.year, _TOTALS.c.granted, _TOTALS.c.amount_dkk).where(
            _TOTALS.c.amount_dkk != 0
        )
    )
    return [Entry(pool, year or None, granted, dkk) for pool, year, granted, dkk in rows]


def cases_counted(s: Session) -> int:
    return int(s.execute(sa.select(sa.func.count(sa.distinct(_ENTRIES.c.case_id)))).scalar_one())
