"""The audit trail: who did what to which case and when, written in the transaction that
does it. Rows are only ever inserted (the database refuses UPDATE and DELETE, 0004)."""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sie_rules.access import Actor
from sie_rules.cases.records import (
    AssessmentRecord,
    AuditEntry,
    HistoryEntry,
    audit_entry,
    now,
)
from sie_rules.cases.schema import AuditRow

_AUDIT = cast(sa.Table, AuditRow.__table__)
ACTIONS = (
    "create",  # the first save of a case
    "save",  # a later save (the chat, the form): detail lists the fields it changed
    "archive",
    "restore",
    "decide",  # a body's decision recorded (detail: body, date, out of order, reason)
    "withdraw",  # a recorded decision withdrawn (detail: which, the reason)
    "assess",  # an assessment shown and stored
    "document",  # a document kept with the case
    "import",  # the case or its assessments came from an export file
    "export",
)


def log(
    s: Session | sa.Connection,
    actor: Actor,
    action: str,
    case_id: str | None,
    assessment_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    s.execute(
        sa.insert(_AUDIT),
        {
            "at": now(),
            "case_id": case_id,
            "action": action,
            "actor_subject": actor.subject[:200],
            "actor_name": actor.name[:200],
            "assessment_id": assessment_id,
            "detail": detail,
        },
    )


def trail(s: Session, case_id: str) -> list[AuditEntry]:
    rows = s.scalars(sa.select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.id))
    return [audit_entry(r) for r in rows]


def saves_since(s: Session, case_id: str, version: int) -> list[AuditEntry]:
    """The saves that made versions after `version` of the case (what a conflict reports)."""
    return [e for e in trail(s, case_id) if e.detail and int(e.detail.get("version", 0)) > version]


def changed_fields(
    before: dict[str, Any] | None, after: dict[str, Any], extra: dict[str, tuple[Any, Any]]
) -> list[str]:
    """The proposal's top-level fields that differ, and the names in `extra` whose
    (before, after) pair differs (the label, the status)."""
    old = before or {}
    fields = {k for k in old.keys() | after.keys() if old.get(k) != after.get(k)}
    fields |= {name for name, (was, now_) in extra.items() if was != now_}
    return sorted(fields)


def history(records: list[AssessmentRecord], trail: list[AuditEntry]) -> list[HistoryEntry]:
    """Each assessment with what changed since the one before (the rules, the facts), and
    who made it (from the audit trail)."""
    by = {e.assessment_id: e.actor_name for e in trail if e.assessment_id}
    entries, previous = [], None
    for record in records:
        if previous is None:
            why = "first"
        else:
            rules = record.rules_version != previous.rules_version
            facts = record.proposal != previous.proposal
            why = {
                (True, True): "rules and facts changed",
                (True, False): "rules changed",
                (False, True): "facts changed",
                (False, False): "same",
            }[(rules, facts)]
        entries.append(HistoryEntry(record, why, by.get(record.id, "unrecorded")))
        previous = record
    return entries
