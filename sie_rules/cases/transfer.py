"""Export and import of cases with their assessments, as JSON (`sie-rules cases export`).

An import never adds to the audit trail on trust: every imported assessment is stored as
imported (the file, the importing user), re-assessed, and the two compared. Under the same
rules version the result must be what the rules give for its proposal, on its date, or it is
flagged `differs` (not produced by these rules); under another rules version the differences
the rules now in force make are reported (`other_rules`) and the re-assessment is kept too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from sie_rules.access import Actor
from sie_rules.cases import audit, saving
from sie_rules.cases.records import STATUSES, CaseRecord, DecisionRecord, assessment_row
from sie_rules.cases.saving import Save
from sie_rules.cases.schema import AssessmentRow, CaseRow, DecisionRow
from sie_rules.cases.verification import Recheck, recheck
from sie_rules.errors import StoreError

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseStore

MAX_IMPORT_BYTES = 50_000_000  # an export of 10,000 cases is far below this
MAX_CASES = 10_000
MAX_ASSESSMENTS_PER_CASE = 1_000


@dataclass(frozen=True)
class ImportCheck:
    """One imported assessment compared with a re-assessment of its proposal."""

    case_id: str
    label: str
    created_at: dt.datetime
    rules_version: str
    verification: str  # "matches" | "differs" (same rules, other result) | "other_rules"
    differences: list[str]


@dataclass(frozen=True)
class ImportReport:
    cases: int  # new cases added
    assessments: int  # imported assessments added
    checks: list[ImportCheck]

    @property
    def flagged(self) -> list[ImportCheck]:
        """Imported results these rules do not give: not produced by sie-rules as imported."""
        return [c for c in self.checks if c.verification == "differs"]


def export_cases(
    store: CaseStore, case_ids: list[str] | None, actor: Actor
) -> list[dict[str, Any]]:
    """The cases (all, archived too, unless ids are given) with their assessments, as JSON;
    the export is in each case's audit trail."""
    cases = (
        [store.get(i) for i in case_ids] if case_ids else store.list_cases(include_archived=True)
    )
    data = as_exported(store, cases)

    def work() -> None:
        with store.session() as s:
            for case in cases:
                audit.log(s, actor, "export", case.id, detail={"cases": len(cases)})

    store.retry(work)
    return data


def as_exported(store: CaseStore, cases: list[CaseRecord]) -> list[dict[str, Any]]:
    """The cases with their assessments as an export writes them (nothing is recorded)."""
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
                    "origin": a.origin,
                    "proposal": a.proposal,
                    "result": a.result,
                }
                for a in store.assessments(c.id)
            ],
            "decisions": [_exported_entry(d) for d in store.decisions(c.id)],
        }
        for c in cases
    ]


def _exported_entry(d: DecisionRecord) -> dict[str, Any]:
    """A decision log entry as an export writes it (dates as ISO text)."""
    return {
        f.name: value.isoformat() if isinstance(value, dt.date) else value
        for f in fields(d)
        if f.name != "case_id"
        for value in [getattr(d, f.name)]
    }


def _imported_log(s: Session, case_id: str, entries: list[dict[str, Any]]) -> None:
    """A new case's decision log as exported, in its order, with its authors and times (a
    withdrawal names the decision it withdraws by the id given here)."""
    ids: dict[int, int] = {}
    for e in entries:
        row = DecisionRow(
            case_id=case_id,
            **{k: e[k] for k in (*_LOGGED_TEXT, "commits", "out_of_order")},
            decided_on=_day(e["decided_on"]),
            date_before=_day(e["date_before"]),
            withdraws=ids[e["withdraws"]] if e["withdraws"] is not None else None,
            at=dt.datetime.fromisoformat(e["at"]),
        )
        s.add(row)
        s.flush()
        ids[e["id"]] = row.id


_LOGGED_TEXT = ("body", "track", "action", "reason", "actor_subject", "actor_name")


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def import_cases(store: CaseStore, data: Any, actor: Actor, origin_file: str) -> ImportReport:
    """Add exported cases; existing ones keep their newer state."""
    added_cases = 0
    checks: list[ImportCheck] = []
    for case_id, label, status, proposal, conversation, stamps, log in _parse(data):
        with store.session() as s:
            known = _known(s, case_id)
        # only what is new is re-assessed, before the write transaction (it reads the ledger)
        fresh = [(a, recheck(store, case_id, a)) for a in stamps if _key(a) not in known]
        # a new case is created as imported: its first trail row says from which file
        save = Save(label, proposal, conversation, status, None, "import", {"file": origin_file})

        def work(
            case_id: str = case_id,
            save: Save = save,
            fresh: list[Any] = fresh,
            log: list[dict[str, Any]] = log,
        ) -> tuple[bool, list[ImportCheck]]:
            with store.session() as s:
                new_case = s.get(CaseRow, case_id) is None
                if new_case:
                    saving.write(s, case_id, save, actor, store.parameters)
                    _imported_log(s, case_id, log)
                known = _known(s, case_id)  # again: another import may have run meanwhile
                done = [
                    _add_assessment(s, actor, case_id, save.label, origin_file, stamp, check)
                    for stamp, check in fresh
                    if _key(stamp) not in known
                ]
                flagged = sum(c.verification == "differs" for c in done)
                detail = {"file": origin_file, "new_case": new_case, "assessments": len(done)}
                audit.log(s, actor, "import", case_id, detail=detail | {"flagged": flagged})
                return new_case, done

        new_case, done = store.retry(work)
        added_cases += new_case
        checks += done
    return ImportReport(added_cases, len(checks), checks)


def _key(stamp: dict[str, Any]) -> tuple[dt.datetime, str]:
    """What makes an assessment the same one again: when it was made, under which rules."""
    return stamp["created_at"].replace(tzinfo=None), stamp["rules_version"]


def _known(s: Session, case_id: str) -> set[tuple[dt.datetime, str]]:
    rows = s.execute(
        sa.select(AssessmentRow.created_at, AssessmentRow.rules_version).where(
            AssessmentRow.case_id == case_id
        )
    )
    return {(at.replace(tzinfo=None), version) for at, version in rows}


Parsed = tuple[str, str, str, dict[str, Any], Any, list[dict[str, Any]], list[dict[str, Any]]]


def _parse(data: Any) -> list[Parsed]:
    """The cases of an export file, checked for shape and size before anything is written."""
    if not isinstance(data, list):
        raise StoreError("an import must be a list of cases, as `export` writes them")
    if len(data) > MAX_CASES:
        raise StoreError(f"an import holds at most {MAX_CASES:,} cases; this one has {len(data):,}")
    items = []
    for i, item in enumerate(data):
        try:
            assessments = list(item.get("assessments", []))
            if len(assessments) > MAX_ASSESSMENTS_PER_CASE:
                raise StoreError(
                    f"case {i}: at most {MAX_ASSESSMENTS_PER_CASE:,} assessments per case; "
                    f"this one has {len(assessments):,}"
                )
            stamps = [
                {
                    "created_at": dt.datetime.fromisoformat(a["created_at"]),
                    "rules_version": str(a["rules_version"]),
                    "outcome": str(a["outcome"]),
                    "proposal": dict(a["proposal"]),
                    "result": dict(a["result"]),
                }
                for a in assessments
            ]
            log = [_log_entry(e) for e in item.get("decisions", [])]
            status, conversation = str(item["status"]), item.get("conversation")
            items.append(
                (
                    str(item["id"])[:36],
                    str(item["label"]),
                    status if status in STATUSES else "open",
                    dict(item["proposal"]),
                    conversation if isinstance(conversation, dict) else None,
                    stamps,
                    log,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"case {i}: not in the export format ({exc})") from exc
    return items


def _log_entry(e: Any) -> dict[str, Any]:
    """One exported decision log entry, checked for shape (dates are read when written)."""
    entry: dict[str, Any] = {"id": int(e["id"]), "withdraws": e.get("withdraws")}
    entry |= {k: e.get(k) for k in ("decided_on", "date_before")}
    entry |= {k: str(e[k])[:1000] if e.get(k) is not None else None for k in _LOGGED_TEXT}
    entry |= {"commits": bool(e["commits"]), "out_of_order": e.get("out_of_order")}
    entry["at"] = str(e["at"])
    dt.datetime.fromisoformat(entry["at"])
    for day in ("decided_on", "date_before"):
        _day(entry[day])
    return entry


def _add_assessment(
    s: Session,
    actor: Actor,
    case_id: str,
    label: str,
    origin_file: str,
    stamp: dict[str, Any],
    check: Recheck,
) -> ImportCheck:
    """Store one imported assessment as imported, with its comparison against a
    re-assessment; a result that differs is kept beside the re-assessment, never replaced."""
    again, verification, differences = check
    row = AssessmentRow(
        case_id=case_id,
        created_at=stamp["created_at"],
        rules_version=stamp["rules_version"],
        outcome=stamp["outcome"],
        proposal=stamp["proposal"],
        result=stamp["result"],
        origin="imported",
        origin_file=origin_file[:300],
        verification=verification,
        verification_detail=differences,
    )
    s.add(row)
    s.flush()
    detail = {"file": origin_file, "verification": verification}
    audit.log(s, actor, "import", case_id, assessment_id=row.id, detail=detail)
    if again is not None and verification != "matches":
        rerun = assessment_row(case_id, again, "reassessed", origin_file[:300])
        s.add(rerun)
        s.flush()
        audit.log(s, actor, "assess", case_id, assessment_id=rerun.id, detail=detail)
    return ImportCheck(
        case_id, label, stamp["created_at"], stamp["rules_version"], verification, differences
    )
