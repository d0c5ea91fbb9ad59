"""Writing a case: one save in one transaction (the case row, its pool entries, an audit
event naming the fields it changed), and the conflict when the case changed since the
caller opened it (optimistic locking on `cases.version`)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sie_rules.access import Actor
from sie_rules.cases import audit, pool_table
from sie_rules.cases.records import STATUSES, CaseRecord, case_record, json_safe, now
from sie_rules.cases.schema import CaseRow
from sie_rules.errors import EditConflict, StoreError
from sie_rules.rules.parameters import Parameters


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
    status: str
    expected_version: int | None
    action: str | None = None  # the audit action; default create or save
    detail: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}")
        object.__setattr__(self, "label", " ".join(self.label.split())[:300] or "Sag uden navn")
        object.__setattr__(self, "proposal", json_safe(self.proposal))
        object.__setattr__(self, "conversation", json_safe(self.conversation))


def state_change(
    case: CaseRecord, action: str, decision: tuple[str, dt.date] | None, expected: int | None
) -> Save:
    """Archive, restore or record a decision on `case`, as the caller saw it (by default as it
    was read: a save in between is then a conflict, never silently overwritten)."""
    proposal, status, detail = case.proposal, "archived", {}
    if action == "restore":
        status = "decided" if case.proposal.get("decided_by") else "open"
    elif decision is not None:
        body, on = decision
        decided = [*case.proposal.get("decided_by", [])]
        proposal = {
            **case.proposal,
            "decided_by": [*decided, body] if body not in decided else decided,
            "date": on.isoformat(),
        }
        status, detail = "decided", {"body": body, "on": on.isoformat()}
    version = case.version if expected is None else expected
    return Save(case.label, proposal, case.conversation, status, version, action, detail)


def write(
    s: Session, case_id: str | None, save: Save, actor: Actor, params: Parameters
) -> CaseRecord:
    """The save in the caller's transaction. Raises `EditConflict` when the case is no longer
    at `save.expected_version`, and `SavedMeanwhile` when another transaction saved it after
    it was read here (PostgreSQL; the caller reports it once this transaction is undone)."""
    row = s.get(CaseRow, case_id) if case_id else None
    if row is not None and save.expected_version not in (None, row.version):
        raise conflict(s, case_record(row), save.expected_version, save.proposal)
    before = {} if row is None else {"label": row.label, "status": row.status}
    changed = audit.changed_fields(
        None if row is None else row.proposal,
        save.proposal,
        {name: (was, getattr(save, name)) for name, was in before.items()},
    )
    if row is not None and not changed and row.conversation == save.conversation:
        return case_record(row)  # nothing to save: no new version, nothing in the trail
    stamp = now()
    new_case = row is None
    if row is None:
        row = CaseRow(id=case_id or str(uuid.uuid4()), created_at=stamp)
        s.add(row)
    read = row.version
    row.label, row.status, row.updated_at = save.label, save.status, stamp
    row.proposal, row.conversation = save.proposal, save.conversation
    row.request_kind = save.proposal.get("request_kind")
    try:  # the UPDATE (flushed here or by the ledger's query) checks the version read
        pool_table.write_entries(s, row.id, save.status, save.proposal, params, new_case)
        s.flush()  # the row gets its new version
    except StaleDataError as exc:
        raise SavedMeanwhile(read) from exc
    action = save.action or ("create" if new_case else "save")
    detail = {"version": row.version, **({} if new_case else {"changed": changed}), **save.detail}
    audit.log(s, actor, action, row.id, detail=detail)
    return case_record(row)


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
