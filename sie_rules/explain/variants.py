"""Named changes to a proposal draft, for "hvad hvis …?" in the chat and the Explore page.

Each function takes a proposal-shaped dict and returns a changed copy; none changes its input.
"""

from __future__ import annotations

import copy
from typing import Any

Draft = dict[str, Any]


def municipal_financing(draft: Draft, found: bool | None) -> Draft:
    """Every municipality has (True), has not (False) or may have (None) found its money."""
    out = copy.deepcopy(draft)
    for party in out.get("parties", []):
        if party.get("kind") == "municipality":
            if found is None:
                party.pop("financing_found", None)
            else:
                party["financing_found"] = found
    return out


def without_result_payments_from(draft: Draft, payer: str) -> Draft:
    """`payer` no longer pays for results: its result payments and goal shares go."""
    out = copy.deepcopy(draft)
    out["amounts"] = [
        a
        for a in out.get("amounts", [])
        if not (a["payer"] == payer and a["kind"] == "result_payment")
    ]
    for goal in out.get("payment_goals", []):
        goal["payers"] = [p for p in goal["payers"] if p != payer] or goal["payers"]
    for party in out.get("parties", []):
        if party["name"] == payer:
            party["roles"] = [r for r in party.get("roles", []) if r != "result_payer"]
    return out


def with_fields(draft: Draft, fields: list[str]) -> Draft:
    """The case also touches `fields`."""
    return only_fields(draft, [*draft.get("fields", []), *fields])


def only_fields(draft: Draft, fields: list[str]) -> Draft:
    """The case touches exactly `fields`."""
    out = copy.deepcopy(draft)
    out["fields"] = list(dict.fromkeys(fields))
    return out


def payment_model(draft: Draft, agreed: bool | None) -> Draft:
    out = copy.deepcopy(draft)
    if agreed is None:
        out.pop("payment_model_agreed", None)
    else:
        out["payment_model_agreed"] = agreed
    return out


def request_kind(draft: Draft, kind: str) -> Draft:
    return {**copy.deepcopy(draft), "request_kind": kind}


def amount(draft: Draft, index: int, dkk: int, *, keep_ceiling: bool = False) -> Draft:
    """Amount `index` becomes `dkk`; a ceiling equal to the old amount follows it unless kept."""
    out = copy.deepcopy(draft)
    target = out["amounts"][index]
    if target.get("ceiling_dkk") == target["amount_dkk"] and not keep_ceiling:
        target["ceiling_dkk"] = dkk
    target["amount_dkk"] = dkk
    target.pop("by_year", None)
    return out
