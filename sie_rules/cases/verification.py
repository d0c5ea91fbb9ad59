"""Checking an imported assessment: re-assess its proposal on the date it was assessed with
the rules in force, and say what differs from the result the file claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from sie_rules.assessment import Assessment
from sie_rules.errors import ProposalError
from sie_rules.proposal_files import validate_proposal

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseStore


class Recheck(NamedTuple):
    again: Assessment | None  # the re-assessment (None: the proposal is not valid)
    verification: str  # "matches" | "differs" (same rules, other result) | "other_rules"
    differences: list[str]


def recheck(store: CaseStore, case_id: str, stamp: dict[str, Any]) -> Recheck:
    """Re-assess an imported assessment's proposal and compare. Other cases' use of the pools
    counts as the app would count it now."""
    from sie_rules.cases.ledger import PoolBook
    from sie_rules.explain.assess import current_rulebook, evaluate

    book = current_rulebook()
    try:
        proposal = validate_proposal(stamp["proposal"])
    except ProposalError as exc:
        return Recheck(None, "differs", [f"the proposal is not valid: {exc}"])
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
        return Recheck(again, "other_rules", differences)
    return Recheck(again, "differs" if differences else "matches", differences)
