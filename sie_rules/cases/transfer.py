"""Export and import of cases with their assessments, as JSON (`sie-rules cases export`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from sie_rules.cases.records import STATUSES, now
from sie_rules.cases.schema import AssessmentRow, CaseRow
from sie_rules.errors import StoreError

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseStore


def export_cases(store: CaseStore, case_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The cases (all, archived too, unless ids are given) with their assessments, as JSON."""
    cases = (
        [store.get(i) for i in case_ids] if case_ids else store.list_cases(include_archived=True)
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
                for a in store.assessments(c.id)
            ],
        }
        for c in cases
    ]


def import_cases(store: CaseStore, data: Any) -> tuple[int, int]:
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
            with store.session() as s:
                new_case = s.get(CaseRow, case_id) is None
                if new_case:
                    status = status if status in STATUSES else "open"
                    s.add(
                        CaseRow(
                            id=case_id,
                            label=label[:300],
                            status=status,
                            request_kind=proposal.get("request_kind"),
                            proposal=proposal,
                            conversation=item.get("conversation"),
                            created_at=now(),
                            updated_at=now(),
                        )
                    )
                    s.flush()
                    store.write_entries(s, case_id, status, proposal, new_case=True)
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

        cases, assessments_added = store.retry(work)
        added_cases += cases
        added_assessments += assessments_added
    return added_cases, added_assessments
