"""The case store: cases a caseworker comes back to, and an append-only audit trail of every
assessment shown, with the rules version it was made under (database plumbing in
`database`, the records it returns in `records`, export and import in `transfer`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sie_rules.assessment import Assessment
from sie_rules.cases import pool_table, transfer
from sie_rules.cases.database import Database
from sie_rules.cases.entries import Entry
from sie_rules.cases.records import (
    STATUSES,
    AssessmentRecord,
    CaseRecord,
    DocumentRecord,
    HistoryEntry,
    assessment_record,
    case_record,
    json_safe,
    now,
)
from sie_rules.cases.schema import AssessmentRow, CaseRow, DocumentRow
from sie_rules.errors import StoreError, UnknownCase
from sie_rules.rules.parameters import Parameters

__all__ = [
    "AssessmentRecord",
    "CaseRecord",
    "CaseStore",
    "HistoryEntry",
    "StoreError",
    "UnknownCase",
]


class CaseStore(Database):
    """Cases, their assessments and the pool ledger in one database. Safe to share between
    threads. `parameters` map a case's amounts to pool entries (default: the rules in force)."""

    def __init__(self, url: str, retries: int = 8, parameters: Parameters | None = None):
        super().__init__(url, retries)
        if parameters is None:
            from sie_rules.explain.assess import current_rulebook

            parameters = current_rulebook().parameters
        self.parameters = parameters
        self.retry(self._write_missing_entries)

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
        proposal, conversation = json_safe(proposal), json_safe(conversation)

        def work() -> CaseRecord:
            with self.session() as s:
                row = s.get(CaseRow, case_id) if case_id else None
                stamp = now()
                new_case = row is None
                if row is None:
                    row = CaseRow(id=case_id or str(uuid.uuid4()), created_at=stamp)
                    s.add(row)
                row.label, row.status, row.updated_at = label, status, stamp
                row.proposal, row.conversation = proposal, conversation
                row.request_kind = proposal.get("request_kind")
                self.write_entries(s, row.id, status, proposal, new_case)
                return case_record(row)

        return self.retry(work)

    def get(self, case_id: str) -> CaseRecord:
        with self.session() as s:
            row = s.get(CaseRow, case_id)
            if row is None:
                raise UnknownCase(f"no case with id {case_id}")
            return case_record(row)

    def list_cases(
        self, search: str | None = None, include_archived: bool = False
    ) -> list[CaseRecord]:
        query = sa.select(CaseRow).order_by(CaseRow.updated_at.desc())
        if not include_archived:
            query = query.where(CaseRow.status != "archived")
        if search:
            query = query.where(CaseRow.label.ilike(f"%{search.strip()}%"))
        with self.session() as s:
            return [case_record(row) for row in s.scalars(query)]

    def stamps(self) -> list[tuple[str, dt.datetime]]:
        """(id, updated_at) of every case, archived ones included: cheap change detection."""
        with self.session() as s:
            return [(i, at) for i, at in s.execute(sa.select(CaseRow.id, CaseRow.updated_at))]

    def get_many(self, case_ids: list[str]) -> list[CaseRecord]:
        found: list[CaseRecord] = []
        with self.session() as s:
            for start in range(0, len(case_ids), 500):
                chunk = case_ids[start : start + 500]
                found += [
                    case_record(r)
                    for r in s.scalars(sa.select(CaseRow).where(CaseRow.id.in_(chunk)))
                ]
        return found

    def archive(self, case_id: str) -> CaseRecord:
        case = self.get(case_id)
        return self.save_case(case.label, case.proposal, case.conversation, case.id, "archived")

    def restore(self, case_id: str) -> CaseRecord:
        """An archived case back among the open ones (a decided one stays decided)."""
        case = self.get(case_id)
        status = "decided" if case.proposal.get("decided_by") else "open"
        return self.save_case(case.label, case.proposal, case.conversation, case.id, status)

    def record_decision(self, case_id: str, body: str, on: dt.date) -> CaseRecord:
        """`body` decided the case on `on`: its step is done from now on, and the case's pooled
        money enters the ledger (reserved by a mandate, granted by a final decision)."""
        case = self.get(case_id)
        decided = [*case.proposal.get("decided_by", [])]
        proposal = {
            **case.proposal,
            "decided_by": [*decided, body] if body not in decided else decided,
            "date": on.isoformat(),
        }
        return self.save_case(case.label, proposal, case.conversation, case.id, "decided")

    # --- the pool ledger ------------------------------------------------------------------------
    def write_entries(
        self,
        s: Session,
        case_id: str,
        status: str,
        proposal: dict[str, Any],
        new_case: bool = False,
    ) -> None:
        """The case's pool entries, in the caller's transaction (saves and imports)."""
        pool_table.write_entries(s, case_id, status, proposal, self.parameters, new_case)

    def _write_missing_entries(self) -> None:
        with self.session() as s:
            pool_table.write_missing_entries(s, self.parameters)

    def ledger_version(self) -> int:
        """Raised by every change to the pool entries: a reader may cache what it read."""
        with self.session() as s:
            return pool_table.version(s)

    def pool_totals(self) -> list[Entry]:
        """Kroner per pool, year and reserved/granted over every case (one small read)."""
        with self.session() as s:
            return pool_table.totals(s)

    def cases_in_ledger(self) -> int:
        """How many cases have pool entries (a recorded decision on pooled money)."""
        with self.session() as s:
            return pool_table.cases_counted(s)

    def pool_entries(self, case_id: str) -> list[Entry]:
        with self.session() as s:
            return pool_table.entries_of(s, case_id)

    # --- the audit trail ------------------------------------------------------------------------
    # --- documents ----------------------------------------------------------------------------
    def attach_document(self, case_id: str, name: str, content: bytes) -> DocumentRecord:
        """Keep a document the case was read from (the same content once per case)."""
        self.get(case_id)
        digest = hashlib.sha256(content).hexdigest()

        def work() -> DocumentRecord:
            with self.session() as s:
                row = s.scalars(
                    sa.select(DocumentRow).where(
                        DocumentRow.case_id == case_id, DocumentRow.sha256 == digest
                    )
                ).first()
                if row is None:
                    row = DocumentRow(
                        case_id=case_id,
                        name=name[:200],
                        sha256=digest,
                        size=len(content),
                        content=content,
                        added_at=now(),
                    )
                    s.add(row)
                    s.flush()
                return _document(row)

        return self.retry(work)

    def documents(self, case_id: str) -> list[DocumentRecord]:
        with self.session() as s:
            rows = s.scalars(
                sa.select(DocumentRow)
                .where(DocumentRow.case_id == case_id)
                .order_by(DocumentRow.id)
            )
            return [_document(r) for r in rows]

    def document_content(self, document_id: int) -> bytes:
        with self.session() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise StoreError(f"no document with id {document_id}")
            return bytes(row.content)

    def record_assessment(self, case_id: str, assessment: Assessment) -> AssessmentRecord:
        """Store an assessment shown to a user. Rows are only ever inserted."""
        result = assessment.model_dump(mode="json")

        def work() -> AssessmentRecord:
            with self.session() as s:
                if s.get(CaseRow, case_id) is None:
                    raise UnknownCase(f"no case with id {case_id}")
                row = AssessmentRow(
                    case_id=case_id,
                    created_at=now(),
                    rules_version=assessment.rules_version,
                    outcome=assessment.outcome,
                    proposal=result["proposal"],
                    result=result,
                )
                s.add(row)
                s.flush()
                return assessment_record(row)

        return self.retry(work)

    def assessments(self, case_id: str) -> list[AssessmentRecord]:
        query = (
            sa.select(AssessmentRow)
            .where(AssessmentRow.case_id == case_id)
            .order_by(AssessmentRow.id)
        )
        with self.session() as s:
            return [assessment_record(row) for row in s.scalars(query)]

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
        return transfer.export_cases(self, case_ids)

    def import_(self, data: Any) -> tuple[int, int]:
        """Add exported cases; existing ones keep their newer state. (cases, assessments) added."""
        return transfer.import_cases(self, data)


@cache
def shared_store(url: str) -> CaseStore:
    """One store per database URL and process (the CLI and the app share it)."""
    return CaseStore(url)


def _document(row: DocumentRow) -> DocumentRecord:
    return DocumentRecord(row.id, row.case_id, row.name, row.sha256, row.size, row.added_at)
