"""The case store: cases a caseworker comes back to, and an append-only audit trail of every
assessment shown, with the rules version it was made under (database plumbing in
`database`, the records it returns in `records`, export and import in `transfer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa

from sie_rules.access import Actor
from sie_rules.assessment import Assessment, Track
from sie_rules.cases import audit, decisions, documents, pool_table, saving, transfer
from sie_rules.cases.database import Database
from sie_rules.cases.entries import Entry
from sie_rules.cases.records import (
    AssessmentRecord,
    AuditEntry,
    CaseRecord,
    DecisionRecord,
    DocumentRecord,
    HistoryEntry,
    assessment_record,
    assessment_row,
    case_record,
    decision_record,
)
from sie_rules.cases.saving import Save
from sie_rules.cases.schema import AssessmentRow, AuditRow, CaseRow, DecisionRow
from sie_rules.cases.transfer import ImportReport
from sie_rules.errors import StoreError, UnknownCase
from sie_rules.rules.parameters import Parameters

__all__ = [
    "AssessmentRecord",
    "CaseRecord",
    "CaseStore",
    "DecisionRecord",
    "HistoryEntry",
    "StoreError",
    "UnknownCase",
]


class CaseStore(Database):
    """Cases, their assessments, the audit trail and the pool ledger in one database. Safe to
    share between threads. `parameters` map a case's amounts to pool entries (default: the
    rules in force). Every change names the `actor` it is done for, who must hold the role
    for it (sie_rules.access); the audit trail records them."""

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
        status: str | None = None,
        *,
        actor: Actor,
        expected_version: int | None = None,
    ) -> CaseRecord:
        """Create a case, or update the case `case_id` (its assessments stay as they were;
        its status stays what its decisions made it unless `status` is given).

        With `expected_version` (the version the caller opened), a case saved by someone else
        in between is not overwritten: `EditConflict` says who changed what."""
        actor.require("assess")
        save = Save(label, proposal, conversation, status, expected_version)
        return self._write(case_id, save, actor)

    def _write(self, case_id: str | None, save: Save, actor: Actor) -> CaseRecord:
        def work() -> CaseRecord:
            with self.session() as s:
                return saving.write(s, case_id, save, actor, self.parameters)

        try:
            return self.retry(work)
        except saving.SavedMeanwhile as late:  # by another server between our read and write
            with self.session() as s:
                current = case_record(s.get(CaseRow, case_id))  # type: ignore[arg-type]
                raise saving.conflict(s, current, late.version_read, save.proposal) from late

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

    def archive(
        self, case_id: str, *, actor: Actor, expected_version: int | None = None
    ) -> CaseRecord:
        return self._change(case_id, actor, expected_version, "archive")

    def restore(
        self, case_id: str, *, actor: Actor, expected_version: int | None = None
    ) -> CaseRecord:
        """An archived case back among the open ones (a decided one stays decided)."""
        return self._change(case_id, actor, expected_version, "restore")

    def record_decision(
        self,
        case_id: str,
        body: str,
        on: dt.date,
        *,
        route: Sequence[Track],
        reason: str | None = None,
        actor: Actor,
        expected_version: int | None = None,
    ) -> CaseRecord:
        """`body` decided the case on `on`: its step of `route` (the case's tracks as assessed
        from the proposal at `expected_version`) is done from now on, and a decision that takes
        the region's decision moves the case's pooled money into the ledger (a mandate
        reserves, a final decision grants). A step that may not decide now is refused
        (`OutOfOrder`) unless a `reason` is given; it is then recorded as out of order."""
        actor.require("edit_cases")
        case = self.get(case_id)  # before the log: a decision in between is then a conflict
        entry = decisions.decision(case, route, body, on, reason, self.parameters, actor)
        decisions.check(entry, route)
        return self._add_to_log(case, entry, actor, expected_version)

    def withdraw_decision(
        self,
        case_id: str,
        decision_id: int,
        reason: str,
        *,
        actor: Actor,
        expected_version: int | None = None,
    ) -> CaseRecord:
        """Withdraw a recorded decision for `reason`: an entry in the decision log, never a
        deletion. Its step is open again and the money it moved goes back."""
        actor.require("edit_cases")
        case = self.get(case_id)
        entry = decisions.withdrawal(case, self.decisions(case_id), decision_id, reason, actor)
        decisions.check(entry, [])
        return self._add_to_log(case, entry, actor, expected_version)

    def decisions(self, case_id: str) -> list[DecisionRecord]:
        """The case's decision log, oldest first: decisions and withdrawals."""
        query = sa.select(DecisionRow).where(DecisionRow.case_id == case_id)
        with self.session() as s:
            return [decision_record(r) for r in s.scalars(query.order_by(DecisionRow.id))]

    def _add_to_log(
        self, case: CaseRecord, entry: DecisionRecord, actor: Actor, expected: int | None
    ) -> CaseRecord:
        action = "decide" if entry.withdraws is None else "withdraw"
        save = saving.state_change(case, action, self.decisions(case.id), expected, entry)
        return self._write(case.id, save, actor)

    def _change(
        self, case_id: str, actor: Actor, expected_version: int | None, action: str
    ) -> CaseRecord:
        actor.require("edit_cases")
        case = self.get(case_id)
        save = saving.state_change(case, action, self.decisions(case_id), expected_version)
        return self._write(case_id, save, actor)

    # --- the pool ledger ------------------------------------------------------------------------
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

    # --- documents ----------------------------------------------------------------------------
    def attach_document(
        self, case_id: str, name: str, content: bytes, *, actor: Actor
    ) -> DocumentRecord:
        """Keep a document the case was read from (the same content once per case)."""
        actor.require("assess")
        self.get(case_id)

        def work() -> DocumentRecord:
            with self.session() as s:
                record, new = documents.attach(s, case_id, name, content)
                if new:
                    audit.log(s, actor, "document", case_id, detail={"name": record.name})
                return record

        return self.retry(work)

    def documents(self, case_id: str) -> list[DocumentRecord]:
        with self.session() as s:
            return documents.of_case(s, case_id)

    def document_content(self, document_id: int) -> bytes:
        with self.session() as s:
            return documents.content(s, document_id)

    # --- the audit trail ------------------------------------------------------------------------
    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """Who did what to the case and when, oldest first."""
        with self.session() as s:
            return audit.trail(s, case_id)

    def owners(self) -> dict[str, str]:
        """Per case id, who created it (or imported it): the first name in its trail."""
        query = (
            sa.select(AuditRow.case_id, AuditRow.actor_name)
            .where(AuditRow.action.in_(("create", "import")), AuditRow.case_id.is_not(None))
            .order_by(AuditRow.id.desc())
        )
        with self.session() as s:
            return {str(case_id): name for case_id, name in s.execute(query)}

    def record_assessment(
        self, case_id: str, assessment: Assessment, *, actor: Actor
    ) -> AssessmentRecord:
        """Store an assessment shown to a user. Rows are only ever inserted."""
        actor.require("assess")

        def work() -> AssessmentRecord:
            with self.session() as s:
                if s.get(CaseRow, case_id) is None:
                    raise UnknownCase(f"no case with id {case_id}")
                row = assessment_row(case_id, assessment)
                s.add(row)
                s.flush()
                audit.log(s, actor, "assess", case_id, assessment_id=row.id)
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
        """Each assessment with what changed since the one before (the rules, the facts), and
        who made it."""
        return audit.history(self.assessments(case_id), self.audit_trail(case_id))

    # --- export and import ----------------------------------------------------------------------
    def export(self, case_ids: list[str] | None = None, *, actor: Actor) -> list[dict[str, Any]]:
        actor.require("transfer")
        return transfer.export_cases(self, case_ids, actor)

    def import_(self, data: Any, *, actor: Actor, origin_file: str = "-") -> ImportReport:
        """Add exported cases (existing ones keep their newer state); every imported
        assessment is kept as imported, checked against a re-assessment and reported."""
        actor.require("transfer")
        return transfer.import_cases(self, data, actor, origin_file)


@cache
def shared_store(url: str) -> CaseStore:
    """One store per database URL and process (the CLI and the app share it)."""
    return CaseStore(url)
