"""What the proposal form shows and what saving it changes, without Streamlit.

The form shows a draft as values (`form_values`); saving compares the values the user leaves
with those it was shown and changes only what differs (`patched`). An unchanged form changes
nothing, and what the form does not show (a municipality's committee, an amount's spread by
year, the target group) is kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from sie_rules.intake.numbers import years_in

SCALARS = (
    "title",
    "request_kind",
    "effort_start",
    "effort_end",
    "follow_up_years",
    "payment_model_agreed",
    "financing_found",
    "fields",
    "date",
    "decided_by",
)
PARTY_COLUMNS = ["name", "kind", "roles", "financing_found", "legally_excluded"]
AMOUNT_COLUMNS = [
    "kind",
    "payer",
    "recipient",
    "amount_dkk",
    "ceiling_dkk",
    "years",
    "funding_source",
]
GOAL_COLUMNS = ["name", "payers"]
FormValues = dict[str, Any]


def form_values(draft: dict[str, Any]) -> FormValues:
    """The values the form shows for `draft` (tables as DataFrames)."""
    values: FormValues = {key: draft.get(key) for key in SCALARS}
    values["title"] = draft.get("title", "")
    values["fields"] = list(draft.get("fields", []))
    values["decided_by"] = list(draft.get("decided_by", []))
    values["date"] = _date(draft.get("date"))
    values["parties"] = pd.DataFrame(
        [
            {
                "name": p["name"],
                "kind": p["kind"],
                "roles": list(p.get("roles", [])),
                "financing_found": p.get("financing_found"),
                "legally_excluded": p.get("legally_excluded", False),
            }
            for p in draft.get("parties", [])
        ],
        columns=PARTY_COLUMNS,
    )
    values["amounts"] = pd.DataFrame(
        [
            {
                "kind": a["kind"],
                "payer": a["payer"],
                "recipient": a.get("recipient"),
                "amount_dkk": a["amount_dkk"],
                "ceiling_dkk": a.get("ceiling_dkk"),
                "years": year_text(a.get("years", [])),
                "funding_source": a.get("funding_source"),
            }
            for a in draft.get("amounts", [])
        ],
        columns=AMOUNT_COLUMNS,
    )
    values["goals"] = pd.DataFrame(
        [
            {"name": g["name"], "payers": ", ".join(g["payers"])}
            for g in draft.get("payment_goals", [])
        ],
        columns=GOAL_COLUMNS,
    )
    return values


def patched(draft: dict[str, Any], shown: FormValues, left: FormValues) -> dict[str, Any] | None:
    """The draft with what the user changed (None: nothing changed)."""
    out = dict(draft)
    changed = False
    for key in SCALARS:
        if _same(shown[key], left[key]):
            continue
        changed = True
        value = left[key]
        if key == "title":
            value = str(value).strip() or draft.get("title") or "Forslag"
        elif key == "date":
            value = value.isoformat() if value else None
        elif hasattr(value, "value"):  # an enum
            value = value.value
        if value in (None, []):
            out.pop(key, None)
        else:
            out[key] = value
    for key, table, read in (
        ("parties", "parties", _parties),
        ("amounts", "amounts", _amounts),
        ("payment_goals", "goals", _goals),
    ):
        if _records(shown[table]) != _records(left[table]):
            changed = True
            out[key] = read(left[table], draft.get(key, []))
    return out if changed else None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as plain values: an untouched editor may hand back other dtypes."""
    return [
        {k: tuple(v) if isinstance(v, list | tuple) else clean(v) for k, v in r.items()}
        for r in frame.to_dict("records")
    ]


def _same(a: Any, b: Any) -> bool:
    if hasattr(b, "value") and not hasattr(a, "value"):
        return bool(a == b.value)
    return bool(a == b)


def _parties(frame: pd.DataFrame, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parties as edited; keys the form does not show are kept from the party of that name."""
    kept = {p["name"]: p for p in before}
    out = []
    for r in frame.to_dict("records"):
        if not clean(r["name"]):
            continue
        name = str(r["name"]).strip()
        party = {
            **kept.get(name, {}),
            "name": name,
            "kind": r["kind"] or "other",
            "roles": split(r["roles"]),
            "legally_excluded": bool(clean(r["legally_excluded"])),
        }
        party.pop("financing_found", None)
        if clean(r["financing_found"]) is not None:
            party["financing_found"] = bool(r["financing_found"])
        out.append(party)
    return out


def _amounts(frame: pd.DataFrame, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Amounts as edited; an amount whose sum and years are unchanged keeps its spread."""
    out = []
    for r in frame.to_dict("records"):
        if clean(r["amount_dkk"]) is None:
            continue
        amount: dict[str, Any] = {
            "kind": r["kind"],
            "payer": str(r["payer"]).strip(),
            "amount_dkk": int(r["amount_dkk"]),
            "years": years_in(str(r["years"] or "")),
        }
        for key in ("recipient", "ceiling_dkk", "funding_source"):
            if clean(r[key]) is not None:
                amount[key] = int(r[key]) if key == "ceiling_dkk" else str(r[key]).strip()
        out.append(_keep_unshown(amount, before))
    return out


# What the form does not show of an amount, by what it depends on: kept while that is unchanged.
_UNSHOWN: dict[str, tuple[str, ...]] = {
    "by_year": ("amount_dkk", "years"),
    "shares_dkk": ("amount_dkk",),
    "ceiling_by_year": ("years",),
    "joint_payers": (),
    "instrument": (),
    "purpose": (),
    "max_return_percent": (),
}


def _keep_unshown(amount: dict[str, Any], before: list[dict[str, Any]]) -> dict[str, Any]:
    """The same amount as before (kind, payer and recipient) keeps what the form does not
    show, unless the sum or years it depends on were edited."""
    same = next(
        (
            a
            for a in before
            if all(a.get(k) == amount.get(k) for k in ("kind", "payer", "recipient"))
        ),
        None,
    )
    for key, depends_on in _UNSHOWN.items():
        if same and key in same and all(same.get(k) == amount[k] for k in depends_on):
            amount[key] = same[key]
    return amount


def _goals(frame: pd.DataFrame, _before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Goals as edited (the form shows all there is of a goal, so nothing is kept)."""
    return [
        {"name": str(r["name"]).strip(), "payers": split(r["payers"])}
        for r in frame.to_dict("records")
        if clean(r["name"])
    ]


def split(value: object) -> list[str]:
    """A list cell as edited (a list), or a comma-separated text (the goals' payers)."""
    if isinstance(value, list | tuple):
        return [str(x).strip() for x in value if str(x).strip()]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [x.strip() for x in str(value).split(",") if x.strip()]


def year_text(years: list[int]) -> str:
    if not years:
        return ""
    return (
        f"{years[0]}-{years[-1]}"
        if years == list(range(years[0], years[-1] + 1))
        else ", ".join(map(str, years))
    )


def clean(value: Any) -> Any:
    return (
        None
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
        else value
    )


def _date(value: object) -> dt.date | None:
    """The draft's decision date as a date (drafts hold it as text)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
