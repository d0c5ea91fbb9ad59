"""The case store: cases a caseworker comes back to, and an append-only audit trail of every
assessment shown, with the rules version it was made under.

Any SQLAlchemy URL works; the default is a SQLite file (SIE_DATABASE_URL overrides it).
SQLite runs in WAL mode with `BEGIN IMMEDIATE` transactions and a busy timeout, so several
processes can write at once; a write that still meets a lock is retried. The schema is created
and upgraded by Alembic when a store is opened.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from sie_rules.cases.schema import AssessmentRow, CaseRow
from sie_rules.errors import SieRulesError
from sie_rules.model import Assessment

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
STATUSES = ("open", "decided", "archived")
_T = TypeVar("_T")
_J = TypeVar("_J", dict[str, Any], dict[str, Any] | None)


class StoreError(SieRulesError):
    """The case store cannot do what was asked (unknown case, bad import, database down)."""


class UnknownCase(StoreError):
    """No case has the id given."""


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


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    case_id: str
    created_at: dt.datetime
    rules_version: str
    outcome: str
    proposal: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True)
class HistoryEntry:
    record: AssessmentRecord
    why: str  # "first" | "rules changed" | "facts changed" | "rules and facts changed" | "same"


def _json_safe(value: _J) -> _J:
    """Dates and other values as JSON stores them (ISO text), so the row round-trips."""
    if value is None:
        return value
    safe: _J = json.loads(json.dumps(value, default=str))
    return safe


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sqlite_pragmas(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process in WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _is_transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return any(
        word in text
        for word in (
            "locked",
            "busy",
            "deadlock",
            "could not serialize",
            "already exists",
            "duplicate key",
        )
    )


def _record(row: CaseRow) -> CaseRecord:
    return CaseRecord(
        row.id,
        row.label,
        row.status,
        row.request_kind,
        row.proposal,
        row.conversation,
        row.created_at,
        row.updated_at,
    )


def _assessment(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        row.id,
        row.case_id,
        row.created_at,
        row.rules_version,
        row.outcome,
        row.proposal,
        row.result,
    )


class CaseStore:
    """Cases and their assessments in one database. Safe to share between threads."""

    def __init__(self, url: str, retries: int = 8):
        self.url, self.retries = url, retries
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot use database URL: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            _sqlite_pragmas(self.engine)
        self._retry(self._migrate)

    def close(self) -> None:
        """Close the store's database connections."""
        self.engine.dispose()

    # --- plumbing ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _retry(self, work: Callable[[], _T]) -> _T:
        for attempt in range(self.retries):
            try:
                return work()
            except DBAPIError as exc:
                if attempt == self.retries - 1 or not _is_transient(exc):
                    raise StoreError(f"database error: {exc.orig}") from exc
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # --- cases ------------------------------------------------------------------------------
    def save_case(
        self,
        label: str,
        proposal: dict[str, Any],
        conversation: dict[str, Any] | None = None,
        case_id: str | None = None,
        status: str = "open",
    ) -> CaseRecord:
        """Create a case, or update the case `case_id` (its assessments stay as they were)."""
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}")
        label = " ".join(label.split())[:300] or "Sag uden navn"
        proposal, conversation = _json_safe(proposal), _json_safe(conversation)

        def work() -> CaseRecord:
            with self._session() as s:
                row = s.get(CaseRow, case_id) if case_id else None
                now = _now()
                if row is None:
                    row = CaseRow(id=case_id or str(uuid.uuid4()), created_at=now)
                    s.add(row)
                row.label, row.status, row.updated_at = label, status, now
                row.proposal, row.conversation = proposal, conversation
                row.request_kind = proposal.get("request_kind")
                return _record(row)

        return self._retry(work)

    def get(self, case_id: str) -> CaseRecord:
        with self._session() as s:
            row = s.get(CaseRow, case_id)
            if row is None:
                raise UnknownCase(f"no case with id {case_id}")
            return _record(row)

    def list_cases(
        self, search: str | None = None, include_archived: bool = False
    ) -> list[CaseRecord]:
        query = sa.select(CaseRow).order_by(CaseRow.updated_at.desc())
        if not include_archived:
            query = query.where(CaseRow.status != "archived")
        if search:
            query = query.where(CaseRow.label.ilike(f"%{search.strip()}%"))
        with self._session() as s:
            return [_record(row) for row in s.scalars(query)]

    def stamps(self) -> list[tuple[str, dt.datetime]]:
        """(id, updated_at) of every case, archived ones included: cheap change detection."""
        with self._session() as s:
            return [(i, at) for i, at in s.execute(sa.select(CaseRow.id, CaseRow.updated_at))]

    def get_many(self, case_ids: list[str]) -> list[CaseRecord]:
        found: list[CaseRecord] = []
        with self._session() as s:
            for start in range(0, len(case_ids), 500):
                chunk = case_ids[start : start + 500]
                found += [
                    _record(r) for r in s.scalars(sa.select(CaseRow).where(CaseRow.id.in_(chunk)))
                ]
        return found

    def archive(self, case_id: str) -> CaseRecord:
        case = self.get(case_id)
        return self.save_case(case.label, case.proposal, case.conversation, case.id, "archived")

    # --- the audit trail ------------------------------------------------------------------------
    def record_assessment(self, case_id: str, assessment: Assessment) -> AssessmentRecord:
        """Store an assessment shown to a user. Rows are only ever inserted."""
        result = assessment.model_dump(mode="json")

        def work() -> AssessmentRecord:
            with self._session() as s:
                if s.get(CaseRow, case_id) is None:
                    raise UnknownCase(f"no case with id {case_id}")
                row = AssessmentRow(
                    case_id=case_id,
                    created_at=_now(),
                    rules_version=assessment.rules_version,
                    outcome=assessment.outcome,
                    proposal=result["proposal"],
                    result=result,
                )
                s.add(row)
                s.flush()
                return _assessment(row)

        return self._retry(work)

    def assessments(self, case_id: str) -> list[AssessmentRecord]:
        query = (
            sa.select(AssessmentRow)
            .where(AssessmentRow.case_id == case_id)
            .order_by(AssessmentRow.id)
        )
        with self._session() as s:
            return [_assessment(row) for row in s.scalars(query)]

    def history(self, case_id: str) -> list[HistoryEntry]:
        """Each assessment with what changed since the one before: the rules, the facts."""
        entries, previous = [], None
        for record in self.assessments(case_id):
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
            entries.append(HistoryEntry(record, why))
            previous = record
        return entries

    # --- export and import ----------------------------------------------------------------------
    def export(self, case_ids: list[str] | None = None) -> list[dict[str, Any]]:
        cases = (
            [self.get(i) for i in case_ids] if case_ids else self.list_cases(include_archived=True)
        )
        return [
            {
                "id": c.id,
                "label": c.label,
                "status": c.status,
                "proposal": c.proposal,
                "conversation": c.conversation,
                "created_at": c.created_at.isoformat(),
                "updated_at": c.updated_at.isoformat(),
                "assessments": [
                    {
                        "created_at": a.created_at.isoformat(),
                        "rules_version": a.rules_version,
                        "outcome": a.outcome,
                        "proposal": a.proposal,
                        "result": a.result,
                    }
                    for a in self.assessments(c.id)
                ],
            }
            for c in cases
        ]

    def import_(self, data: Any) -> tuple[int, int]:
        """Add exported cases; existing ones keep their newer state. (cases, assessments) added."""
        if not isinstance(data, list):
            raise StoreError("an import must be a list of cases, as `export` writes them")
        added_cases = added_assessments = 0
        for i, item in enumerate(data):
            try:
                case_id, label, status = str(item["id"]), str(item["label"]), str(item["status"])
                proposal, assessments = dict(item["proposal"]), list(item.get("assessments", []))
                stamps = [
                    (
                        dt.datetime.fromisoformat(a["created_at"]),
                        str(a["rules_version"]),
                        str(a["outcome"]),
                        dict(a["proposal"]),
                        dict(a["result"]),
                    )
                    for a in assessments
                ]
            except (KeyError, TypeError, ValueError) as exc:
                raise StoreError(f"case {i}: not in the export format ({exc})") from exc

            def work(
                case_id: str = case_id,
                label: str = label,
                status: str = status,
                proposal: dict[str, Any] = proposal,
                item: Any = item,
                stamps: list[Any] = stamps,
            ) -> tuple[int, int]:
                with self._session() as s:
                    new_case = s.get(CaseRow, case_id) is None
                    if new_case:
                        s.add(
                            CaseRow(
                                id=case_id,
                                label=label[:300],
                                status=status if status in STATUSES else "open",
                                request_kind=proposal.get("request_kind"),
                                proposal=proposal,
                                conversation=item.get("conversation"),
                                created_at=_now(),
                                updated_at=_now(),
                            )
                        )
                        s.flush()
                    known = {
                        (r.created_at.replace(tzinfo=None), r.rules_version)
                        for r in s.scalars(
                            sa.select(AssessmentRow).where(AssessmentRow.case_id == case_id)
                        )
                    }
                    added = 0
                    for created, version, outcome, prop, result in stamps:
                        if (created.replace(tzinfo=None), version) not in known:
                            s.add(
                                AssessmentRow(
                                    case_id=case_id,
                                    created_at=created,
                                    rules_version=version,
                                    outcome=outcome,
                                    proposal=prop,
                                    result=result,
                                )
                            )
                            added += 1
                    return int(new_case), added

            cases, assessments_added = self._retry(work)
            added_cases += cases
            added_assessments += assessments_added
        return added_cases, added_assessments


@cache
def shared_store(url: str) -> CaseStore:
    """One store per database URL and process (the CLI and the app share it)."""
    return CaseStore(url)


def check_integrity(url: str) -> str:
    """SQLite's own integrity check ('ok' when the file is sound); 'ok' for other databases."""
    engine = sa.create_engine(url)
    try:
        if engine.dialect.name != "sqlite":
            return "ok"
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA integrity_check").scalar())
    except OperationalError as exc:
        return f"error: {exc.orig}"
    finally:
        engine.dispose()
