"""The proposal a caseworker describes and the assessment sie-rules gives back.

A *social effektinvestering* has an investor (risk capital), an authority that pays for
results and a provider that delivers the effort; several parties may share a role. Money is
always whole kroner (`int`). Every model forbids unknown keys so that a typo fails loudly.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Kroner = Annotated[int, Field(ge=0, le=10_000_000_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequestKind(StrEnum):
    """What the case asks the political bodies to do (DOMAIN.md §2)."""

    orientation = "orientation"
    mandate = "mandate"
    final_approval = "final_approval"
    grant = "grant"
    network_partner = "network_partner"


class PartyKind(StrEnum):
    region = "region"
    municipality = "municipality"
    dsi = "dsi"
    foundation = "foundation"
    hospital = "hospital"
    research = "research"
    civil_society = "civil_society"
    housing = "housing"
    organisation = "organisation"
    company = "company"
    other = "other"


class Role(StrEnum):
    investor = "investor"
    authority = "authority"
    result_payer = "result_payer"
    provider = "provider"
    research_partner = "research_partner"
    donor = "donor"
    applicant = "applicant"
    partner = "partner"


class AmountKind(StrEnum):
    result_payment = "result_payment"
    development = "development"
    research = "research"
    grant = "grant"
    donation = "donation"
    risk_capital = "risk_capital"


class Party(_Strict):
    """An organisation taking part in the case, with its roles."""

    name: Name
    kind: PartyKind
    roles: list[Role] = Field(default_factory=list)
    legally_excluded: bool = False
    committee: Name | None = Field(
        default=None, description="The municipality's sector committee (fagudvalg), if known."
    )
    financing_found: bool | None = Field(
        default=None, description="For a municipality: has it found money for its share?"
    )
    budget_adopted: bool | None = Field(
        default=None, description="For a municipality: is the budget that funds it adopted?"
    )


class Amount(_Strict):
    """One sum of money: who pays whom, for what, in which years, under which cap."""

    kind: AmountKind
    payer: Name
    recipient: Name | None = None
    amount_dkk: Kroner
    ceiling_dkk: Kroner | None = None
    years: list[Year] = Field(default_factory=list)
    by_year: dict[Year, Kroner] | None = None
    funding_source: Name | None = None

    @model_validator(mode="after")
    def _years_consistent(self) -> Amount:
        if self.years != sorted(set(self.years)):
            raise ValueError("years must be listed once each, in increasing order")
        if self.by_year is not None:
            if sorted(self.by_year) != self.years:
                raise ValueError("by_year must name exactly the years in 'years'")
            if sum(self.by_year.values()) != self.amount_dkk:
                raise ValueError("by_year must add up to amount_dkk")
        return self


class PaymentGoal(_Strict):
    """A betalingsmål and the parties that pay when it is reached."""

    name: Name
    payers: list[Name] = Field(min_length=1)


class TargetGroup(_Strict):
    description: Text = ""
    size: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    min_age: Annotated[int, Field(ge=0, le=120)] | None = None
    early_retirement: bool | None = Field(default=None, description="Modtager førtidspension")


class Proposal(_Strict):
    """A case as a caseworker would describe it to the committee."""

    title: Name
    request_kind: RequestKind
    date: dt.date | None = Field(
        default=None,
        description="Decision date (default: today): picks the bodies, ceilings and budgets.",
    )
    decided_by: list[Name] = Field(
        default_factory=list,
        max_length=50,
        description="Bodies that have already decided on this case: their steps are done.",
    )
    parties: list[Party] = Field(default_factory=list, max_length=100)
    amounts: list[Amount] = Field(default_factory=list, max_length=200)
    payment_goals: list[PaymentGoal] = Field(default_factory=list, max_length=50)
    target_group: TargetGroup | None = None
    effort_start: Year | None = None
    effort_end: Year | None = None
    follow_up_years: Annotated[int, Field(ge=1, le=30)] | None = None
    payment_model_agreed: bool | None = None
    financing_found: bool | None = Field(
        default=None, description="Has the region found money for its result payment?"
    )
    fields: list[Name] = Field(default_factory=list, description="Policy fields the case touches")
    dsi_theme: Name | None = None
    cooperation_track: Name | None = None
    regional_municipal_overlap: bool | None = None
    scaling_potential: bool | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Proposal:
        if self.effort_start and self.effort_end and self.effort_end < self.effort_start:
            raise ValueError(
                f"effort_end ({self.effort_end}) is before effort_start ({self.effort_start})"
            )
        names = [p.name for p in self.parties]
        if len(names) != len(set(names)):
            raise ValueError("each party may be listed only once")
        known = set(names)
        for i, amount in enumerate(self.amounts):
            for role, name in (("payer", amount.payer), ("recipient", amount.recipient)):
                if name is not None and name not in known:
                    raise ValueError(f"amounts.{i}.{role}: '{name}' is not one of the parties")
        for i, goal in enumerate(self.payment_goals):
            for name in goal.payers:
                if name not in known:
                    raise ValueError(
                        f"payment_goals.{i}.payers: '{name}' is not one of the parties"
                    )
        return self

    def party(self, name: str) -> Party:
        return next(p for p in self.parties if p.name == name)


# --- the assessment ------------------------------------------------------------------------

Basis = Literal["law", "agreement", "practice", "assumption"]
Status = Literal["met", "not_met", "unknown"]
Action = Literal["recommends", "heard", "prepares", "decides", "mandate", "commits", "notes"]
AmountStatus = Literal["within", "over", "no_ceiling"]
Outcome = Literal["eligible", "not_eligible", "incomplete"]


class Source(_Strict):
    """A passage in knowledge/: document id and a quote that stands in it word for word."""

    doc: str
    quote: Annotated[str, StringConstraints(min_length=10)]


class Missing(_Strict):
    field: str
    question: str
    rule: str


class Finding(_Strict):
    rule: str
    status: Status
    text: str
    basis: Basis
    gate: bool
    source: Source | None


StepState = Literal["done", "now", "later", "blocked"]


class Step(_Strict):
    """One body's step on a track. `state`: done (the proposal says the body has decided),
    now (the first step not done), later, or blocked (`blocked_by`: the rules of conditions
    known to be unmet). `requires`: the rules of conditions not yet known to be met that
    gate this step; `earliest`: its first possible meeting by the meeting plan, if any."""

    order: int
    body: str
    action: Action
    rule: str
    basis: Basis
    source: Source | None
    blocked_by: list[str] = Field(default_factory=list)
    state: StepState = "now"
    requires: list[str] = Field(default_factory=list)
    earliest: dt.date | None = None


class Track(_Strict):
    id: str
    actor: str
    steps: list[Step]


class AssessedAmount(_Strict):
    kind: AmountKind
    payer: str
    recipient: str | None
    amount_dkk: int
    years: list[int]
    ceiling_dkk: int | None
    funding_source: str | None
    status: AmountStatus
    rule: str
    basis: Basis
    source: Source | None


class YearSum(_Strict):
    year: int
    payer: str
    amount_dkk: int


class Condition(_Strict):
    rule: str
    text: str
    met: bool | None
    basis: Basis
    source: Source | None


class Assessment(_Strict):
    """The explained result; `model_dump(mode="json")` is the CLI's `--json` contract."""

    rules_version: str
    proposal: Proposal
    outcome: Outcome
    missing: list[Missing]
    findings: list[Finding]
    tracks: list[Track]
    amounts: list[AssessedAmount]
    sums_per_year: list[YearSum]
    repayment_years: list[int]
    conditions: list[Condition]
    indstilling: list[str]
    fired: list[str] = Field(description="Ids of the rules that fired, in firing order")
