"""The chat's state: turns, the facts read with their words, the draft proposal and the pending
question (a plain pydantic model, so the app keeps it in its session and the store saves it),
and `merge`, which folds what a new turn said into the draft."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sie_rules.assessment import Assessment
from sie_rules.explain.wording import Lang


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    text: str


class Fact(BaseModel):
    """A fact the chat understood, with the words it came from (shown on the card)."""

    model_config = ConfigDict(extra="forbid")

    field: str
    value: str
    words: str


class DialogueState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    draft: dict[str, Any] = Field(default_factory=dict)
    pending: str | None = None
    lang: Lang = "da"
    case_id: str | None = Field(default=None, description="The saved case this chat belongs to")
    case_version: int | None = Field(
        default=None, description="The version of that case this chat last saw (no lost updates)"
    )
    turns: list[Turn] = Field(default_factory=list)


@dataclass(frozen=True)
class Reply:
    text: str
    state: DialogueState
    assessment: Assessment | None
    kind: Literal["assessment", "answer", "why", "whatif", "help"]


def merge(base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The draft `base` with what `new` adds; scalars in `new` win, lists are joined."""
    out = copy.deepcopy(base)
    for key, value in new.items():
        if key == "parties":
            known = {p["name"]: p for p in out.setdefault("parties", [])}
            for party in value:
                if party["name"] in known:
                    old = known[party["name"]]
                    roles = sorted(set(old.get("roles", [])) | set(party.get("roles", [])))
                    old.update({**party, "roles": roles})
                else:
                    out["parties"].append(copy.deepcopy(party))
        elif key == "amounts":
            have = {(a["kind"], a["payer"], a["amount_dkk"]) for a in out.get("amounts", [])}
            out.setdefault("amounts", []).extend(
                copy.deepcopy(a)
                for a in value
                if (a["kind"], a["payer"], a["amount_dkk"]) not in have
            )
        elif key == "payment_goals":
            goals = {g["name"]: g for g in out.setdefault("payment_goals", [])}
            for goal in value:
                goals.setdefault(goal["name"], copy.deepcopy(goal))
            out["payment_goals"] = list(goals.values())
        elif key == "fields":
            out["fields"] = list(dict.fromkeys([*out.get("fields", []), *value]))
        elif key == "title" and "title" in out:
            continue
        else:
            out[key] = copy.deepcopy(value)
    return out
