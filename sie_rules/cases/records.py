"""What the case store hands out (plain frozen records, never ORM rows) and its errors."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from sie_rules.assessment import Assessment
from sie_rules.cases.schema import AssessmentRow, AuditRow, CaseRow, DecisionRow

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

STATUSES = ("open", "decided", "archived")
_J = TypeVar("_J", dict[str, Any], dict[str, Any] | None)
_R = TypeVar("_R", bound="DataclassInstance")
# what orjson writes itself that `json.dumps(default=str)` would write another way
_AS_STDLIB = (
    orjson.OPT_NON_STR_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


@dataclass(frozen=True)
class CaseRecord:
    id: str
    label: str
    status: str
    request_kind: str | None
    proposal: dict[str, Any]
    conversation: dict[str, Any] | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int  # pass it back as `expected_version` when saving what was opened


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    case_id: str
    name: str
    sha256: str
    size: int
    added_at: dt.datetime


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    case_id: str
    created_at: dt.datetime
    rules_version: str
    outcome: str
    proposal: dict[str, Any]
    result: dict[str, Any]
    origin: str  # "shown" (to a user) | "imported" (from an export file) | "reassessed"
    origin_file: str | None
    verification: str | None  # imported only: "matches" | "differs" | "other_rules"
    verification_detail: list[str] | None  # what differs from a re-assessment


@dataclass(frozen=True)
class HistoryEntry:
    record: AssessmentRecord
    why: str  # "first" | "rules changed" | "facts changed" | "rules and facts changed" | "same"
    by: str  # the name of the user who assessed (or imported) it


@dataclass(frozen=True)
class DecisionRecord:
    """An entry of a case's decision log (see schema.DecisionRow)."""

    id: int
    case_id: str
    body: str
    decided_on: dt.date | None
    track: str | None
    action: str | None
    commits: bool
    out_of_order: bool | None
    reason: str | None
    withdraws: int | None
    date_before: dt.date | None
    at: dt.datetime
    actor_subject: str
    actor_name: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    case_id: str | None
    action: str  # see audit.ACTIONS
    actor_subject: str
    actor_name: str
    assessment_id: int | None
    detail: dict[str, Any] | None


def to_json(value: Any) -> str:
    """JSON text as the standard library writes it with `default=str` (dates as ISO text,
    keys as text), by orjson: a save writes the proposal and its audit detail, and the
    standard encoder was a sixth of a save. Integers beyond 64 bits go the standard way;
    a plain Enum (sie-rules has only StrEnums) would be written by its value."""
    try:
        return orjson.dumps(value, default=str, option=_AS_STDLIB).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, default=str)


def json_safe(value: _J) -> _J:
    """Dates and other values as JSON stores them (ISO text), so the row round-trips."""
    if value is None:
        return value
    safe: _J = json.loads(to_json(value))
    return safe


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def from_row(record: type[_R], row: Any) -> _R:
    """The frozen record of an ORM row: each of the record's fields read from the row by name."""
    return record(*(getattr(row, f.name) for f in fields(record)))


def case_record(row: CaseRow) -> CaseRecord:
    return from_row(CaseRecord, row)


def assessment_row(
    case_id: str, assessment: Assessment, origin: str = "shown", origin_file: str | None = None
) -> AssessmentRow:
    """A new row for an assessment made now by the rules in force."""
    result = assessment.model_dump(mode="json")
    return AssessmentRow(
        case_id=case_id,
        created_at=now(),
        rules_version=assessment.rules_version,
        outcome=assessment.outcome,
        proposal=result["proposal"],
        result=result,
        origin=origin,
        origin_file=origin_file,
    )


def assessment_record(row: AssessmentRow) -> AssessmentRecord:
    return from_row(AssessmentRecord, row)


def audit_entry(row: AuditRow) -> AuditEntry:
    return from_row(AuditEntry, row)


def decision_record(row: DecisionRow) -> DecisionRecord:
    return from_row(DecisionRecord, row)
