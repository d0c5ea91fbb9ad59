"""How each municipality takes its decisions (rules/parameters/governance.yaml), dated.

A municipality's entry names its form of governance, the route variant its cases take (one of
labels.yaml `processes`) and its own names for the bodies the rules refer to by role; `own_fund`
is the route of a case in which the municipality invests through its own social investment
fund. A municipality with no entry in force takes the `default` entry, an assumption.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field
from pydantic import model_validator as _model_validator

from sie_rules.model import Strict
from sie_rules.rules.files import Provenance

BodyRole = Literal["committee", "finance", "council"]


class OwnFund(Strict):
    """The council that decides the investments of the municipality's own fund."""

    process: str
    body: str


class Governance(Provenance):
    """One municipality's form from `valid_from` until `valid_until` (or a later entry with the
    same id); `aliases`: the other ways its name is written ("Københavns", "Århus")."""

    id: str
    aliases: list[str] = Field(default_factory=list)
    form: str
    process: str
    bodies: dict[BodyRole, str]
    own_fund: OwnFund | None = None
    valid_from: dt.date
    valid_until: dt.date | None = None

    @_model_validator(mode="after")
    def _complete(self) -> Governance:
        missing = [role for role in ("committee", "finance", "council") if role not in self.bodies]
        if missing:
            raise ValueError(f"bodies needs a name for {', '.join(missing)}")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self

    def names(self) -> set[str]:
        return {n.casefold() for n in (self.id, *self.aliases)}


class DefaultGovernance(Provenance):
    """The form assumed for a municipality the data does not describe."""

    form: str
    process: str
    bodies: dict[BodyRole, str]


class GovernanceFile(Strict):
    description: str
    default: DefaultGovernance
    municipalities: list[Governance]


def governance_in_force(file: GovernanceFile, name: str, on: dt.date) -> Governance | None:
    """The entry for municipality `name` in force on `on` (the latest valid_from on or before
    it, unless past its valid_until), or None when the data does not describe it then."""
    wanted = name.casefold()
    entries = sorted(
        (g for g in file.municipalities if wanted in g.names()), key=lambda g: g.valid_from
    )
    chosen = None
    for entry in entries:
        if entry.valid_from <= on:
            chosen = entry
    if chosen is None or (chosen.valid_until is not None and on > chosen.valid_until):
        return None
    return chosen
