"""Checking an imported assessment: re-assess its proposal on the date it was assessed with
the rules in force, and say what differs from the result the file claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sie_rules.assessment import Assessment
from sie_rules.model import Proposal

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseStore


def recheck(
    store: CaseStore, case_id: str, stamp: dict[str, Any]
) -> tuple[Assessment | None, str, list[str]]:
    """The re-assessment, the verdict (matches | differs | other_rules) and the differences.
    Other cases' use of the pools counts as the app would count it now."""
    from sie_rules.cases.ledger import PoolBook
    from sie_rules.explain.assess import current_rulebook, evaluate

    book = current_rulebook()
    try:
        proposal = Proposal.model_validate(stamp["proposal"])
    except ValidationError as exc:
        return None, "differs", [f"proposal: not a valid proposal ({exc.error_count()} errors)"]
    on = proposal.date or stamp["created_at"].date()
    committed = PoolBook(store, book.parameters).usage(case_id)
    again = evaluate(book, proposal.model_copy(update={"date": on}), committed)
    again = again.model_copy(update={"proposal": proposal})
    result = again.model_dump(mode="json")
    claimed = stamp["result"]
    differences = [
        f"{key}: {claimed.get(key)!r} -> {result.get(key)!r}"
        if key in ("outcome", "rules_version")
        else key
        for key in sorted(result.keys() | claimed.keys())
        if result.get(key) != claimed.get(key)
    ]
    if claimed.get("proposal") != stamp["proposal"]:
        differences.append("the stored proposal is not the one the result was given for")
    if stamp["rules_version"] != book.version:
        return again, "other_rules", differences
    return again, "differs" if differences else "matches", differences
