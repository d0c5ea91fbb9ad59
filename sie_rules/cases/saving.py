"""Writing a case: one save in one transaction (the case row, its pool entries, an audit
event naming the fields it changed), and the conflict when the case changed since the
caller opened it (optimistic locking on `cases.version`)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, fields, replace
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sie_rules.access import Actor
from sie_rules.cases import audit, decisions, pool_table
from sie_rules.cases.records import (
    STATUSES,
    CaseRecord,
    DecisionRecord,
    from_row,
    json_safe,
    now,
)
from sie_rules.cases.schema import CaseRow, DecisionRow
from sie_rules.errors import EditConflict, StoreError
from sie_rules.rules.parameters import Parameters

_CASES = cast(sa.Table, CaseRow.__table__)
_DECISIONS = cast(sa.Table, DecisionRow.__table__)
# statements built once, their values bound at each save (SQLAlchemy's compiled cache)
_READ = sa.select(_CASES).where(_CASES.c.id == sa.bindparam("case_id"))
_CHANGED = ("label", "status", "request_kind", "proposal", "conversation", "updated_at", "version")
_UPDATE = (
    sa.update(_CASES)
    .where(_CASES.c.id == sa.bindparam("case_id"), _CASES.c.version == sa.bindparam("read"))
    .values({name: sa.bindparam(f"new_{name}") for name in _CHANGED})
)


class SavedMeanwhile(Exception):
    """Another transaction saved the case between this save's read and its write."""

    def __init__(self, version_read: int):
        self.version_read = version_read
        super().__init__(f"the case changed after version {version_read} was read")


@dataclass(frozen=True)
class Save:
    """What one save writes, and the version the caller opened (None: whatever is there)."""

    label: str
    proposal: dict[str, Any]
    conversation: dict[str, Any] | None
    status: str | None  # None: the case's own (a new case is open)
    expected_version: int | None
    action: str | None = None  # the audit action; default create or save
    detail: dict[str, Any] = field(default_factory=dict)
    logged: DecisionRecord | None = None  # an entry this save adds to the decision log

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}")
        object.__setattr__(self, "label", " ".join(self.label.split())[:300] or "Sag uden navn")
        object.__setattr__(self, "proposal", json_safe(self.proposal))
        object.__setattr__(self, "conversation", json_safe(self.conversation))


def state_change(
    case: CaseRecord,
    action: str,
    log: list[DecisionRecord],
    expected: int | None,
    entry: DecisionRecord | None = None,
) -> Save:
    """Archive or restore `case`, or add `entry` (a decision or its withdrawal) to its decision
    `log`, as the caller saw it (by default as it was read: a save in between is then a
    conflict, never silently overwritten). The proposal and status follow from the log."""
    proposal, status, detail = case.proposal, "archived", dict[str, Any]()
    if action == "restore":
        status = decisions.status_after(case, log)
    elif entry is not None:
        proposal, decided = decisions.derived(case.proposal, [*log, entry])
        status = "decided" if decided else "open"
        detail = {"body": entry.body, "reason": entry.reason}
        if entry.withdraws is None:
            on = entry.decided_on.isoformat() if entry.decided_on else None
            detail |= {"on": on, "out_of_order": entry.out_of_order}
        else:
            detail["withdraws"] = entry.withdraws
    version = case.version if expected is None else expected
    return Save(case.label, proposal, case.conversation, status, version, action, detail, entry)


def write(
    s: Session, case_id: str | None, save: Save, actor: Actor, params: Parameters
) -> CaseRecord:
    """The save in the caller's transaction. Raises `EditConflict` when the case is no longer
    at `save.expected_version`, and `SavedMeanwhile` when another transaction saved it after
    it was read here (PostgreSQL; the caller reports it once this transaction is undone).
    SQLAlchemy Core statements, no ORM unit of work: a save is a handful of them."""
    c = s.connection()
    row = c.execute(_READ, {"case_id": case_id}).first() if case_id else None
    read = None if row is None else from_row(CaseRecord, row)
    if read is not None and save.expected_version not in (None, read.version):
        raise conflict(s, read, save.expected_version, save.proposal)
    if read is not None and save.logged is None:  # only a withdrawal undoes a decision
        save = _keeping_decisions(c, read.id, save)
    # an edit keeps the status the case's decisions gave it
    status = save.status or ("open" if read is None else read.status)
    pairs = {"label": (read.label, save.label), "status": (read.status, status)} if read else {}
    changed = audit.changed_fields(read.proposal if read else None, save.proposal, pairs)
    unchanged = not changed and save.logged is None
    if read is not None and unchanged and read.conversation == save.conversation:
        return read  # nothing to save: no new version, nothing in the trail
    stamp = now()
    values: dict[str, Any] = {
        "label": save.label,
        "status": status,
        "request_kind": save.proposal.get("request_kind"),
        "proposal": save.proposal,
        "conversation": save.conversation,
        "updated_at": stamp,
    }
    if read is None:
        record = CaseRecord(id=case_id or str(uuid.uuid4()), created_at=stamp, version=1, **values)
        c.execute(sa.insert(_CASES), vars(record))
        pool_table.write_entries(c, record.id, status, save.proposal, params, True)
    else:
        pool_table.write_entries(c, read.id, status, save.proposal, params)
        record = replace(read, version=read.version + 1, **values)
        changes = {f"new_{name}": getattr(record, name) for name in _CHANGED}
        saved = c.execute(_UPDATE, {"case_id": read.id, "read": read.version, **changes})
        if cast(sa.CursorResult[Any], saved).rowcount != 1:  # saved by another meanwhile
            raise SavedMeanwhile(read.version)
    action = save.action or ("create" if read is None else "save")
    detail = {"version": record.version, **({} if read is None else {"changed": changed})}
    if save.logged is not None:
        detail["decision"] = _log(c, record.id, save.logged, stamp)
    audit.log(c, actor, action, record.id, detail={**detail, **save.detail})
    return record


def _keeping_decisions(c: sa.Connection, case_id: str, save: Save) -> Save:
    """`save` with the bodies of the case's standing recorded decisions among the bodies
    that have decided, where an edit (the chat, the form) left them out."""
    rows = c.execute(sa.select(_DECISIONS).where(_DECISIONS.c.case_id == case_id))
    standing = decisions.standing([from_row(DecisionRecord, row) for row in rows])
    decided = list(save.proposal.get("decided_by", []))
    missing = [b for b in dict.fromkeys(d.body for d in standing) if b not in decided]
    if not missing:
        return save
    return replace(save, proposal={**save.proposal, "decided_by": decided + missing})


def _log(c: sa.Connection, case_id: str, entry: DecisionRecord, stamp: dt.datetime) -> int:
    """Add `entry` to the case's decision log, as of `stamp`; its id."""
    values = {f.name: getattr(entry, f.name) for f in fields(entry) if f.name != "id"}
    insert = sa.insert(_DECISIONS).returning(_DECISIONS.c.id)
    return int(c.execute(insert, {**values, "case_id": case_id, "at": stamp}).scalar_one())


def conflict(
    s: Session, current: CaseRecord, opened: int, attempted: dict[str, Any]
) -> EditConflict:
    """The case changed since version `opened`: who changed which fields."""
    saves = audit.saves_since(s, current.id, opened)
    names = list(dict.fromkeys(e.actor_name for e in saves)) or ["unrecorded"]
    changed = sorted({f for e in saves for f in (e.detail or {}).get("changed", [])})
    mine = audit.changed_fields(current.proposal, attempted, {})
    return EditConflict(
        f"case {current.label!r} was saved by {', '.join(names)} after you opened it "
        f"(version {opened}, now {current.version}); nothing was saved. Changed there: "
        f"{', '.join(changed) or 'nothing in the proposal'}; yours differs in: "
        f"{', '.join(mine) or 'nothing'}",
        current,
        changed,
        ", ".join(names),
    )
