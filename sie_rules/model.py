"""The proposal a caseworker describes (the assessment it gets is in `assessment`).

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
Spread = Literal["stated", "even", "none"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequestKind(StrEnum):
    """What the case asks the political bodies to do (DOMAIN.md §2). `development_partnership`:
    a municipality applies to DSI for a development partnership, the step before an investment
    (DSI selects; a development grant follows; no investor or payment goals exist yet)."""

    orientation = "orientation"
    mandate = "mandate"
    final_approval = "final_approval"
    grant = "grant"
    network_partner = "network_partner"
    development_partnership = "development_partnership"


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


class Instrument(StrEnum):
    """How money reaches the effort (DSI's investments use all three, DOMAIN.md §2)."""

    loan = "loan"
    conditional_grant = "conditional_grant"
    deficit_guarantee = "deficit_guarantee"
    grant = "grant"


class Party(Strict):
    """An organisation taking part in the case, with its roles. `process`: how its own
    decision is taken (one of labels.yaml `processes`, e.g. delegated); unset, a municipality
    takes its own form from rules/parameters/governance.yaml."""

    name: Name
    kind: PartyKind
    roles: list[Role] = Field(default_factory=list)
    legally_excluded: bool = False
    process: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")] | None = None
    committee: Name | None = Field(
        default=None, description="The municipality's sector committee (fagudvalg), if known."
    )
    financing_found: bool | None = Field(
        default=None, description="For a municipality: has it found money for its share?"
    )
    budget_adopted: bool | None = Field(
        default=None, description="For a municipality: is the budget that funds it adopted?"
    )


class Amount(Strict):
    """One sum of money: who pays whom, for what, in which years, under which cap.

    `joint_payers` pay it together with `payer` (shares in `shares_dkk` where the source
    states them); `ceiling_by_year` caps single years ("op til 300.000 kr. i 2026");
    `max_return_percent` is a return cap (afkastloft) per year; `purpose` says what part of
    the work it pays for ("arbejdsplan 1") when one kind of money is split by recipient."""

    kind: AmountKind
    payer: Name
    joint_payers: list[Name] = Field(default_factory=list, max_length=20)
    shares_dkk: dict[Name, Kroner] | None = None
    recipient: Name | None = None
    instrument: Instrument | None = None
    purpose: Text | None = None
    amount_dkk: Kroner
    ceiling_dkk: Kroner | None = None
    years: list[Year] = Field(default_factory=list)
    by_year: dict[Year, Kroner] | None = None
    ceiling_by_year: dict[Year, Kroner] | None = None
    max_return_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    funding_source: Name | None = None

    @model_validator(mode="after")
    def _years_consistent(self) -> Amount:
        if self.years != sorted(set(self.years)):
            raise ValueError("years must be listed once each, in increasing order")
        for name, per_year in (
            ("by_year", self.by_year),
            ("ceiling_by_year", self.ceiling_by_year),
        ):
            if per_year is not None and sorted(per_year) != self.years:
                raise ValueError(f"{name} must name exactly the years in 'years'")
        if self.by_year is not None and sum(self.by_year.values()) != self.amount_dkk:
            raise ValueError("by_year must add up to amount_dkk")
        if self.payer in self.joint_payers or len(set(self.joint_payers)) != len(self.joint_payers):
            raise ValueError("joint_payers must name each other payer once, not the payer")
        if self.shares_dkk is not None:
            if set(self.shares_dkk) != {self.payer, *self.joint_payers}:
                raise ValueError("shares_dkk must name the payer and every joint payer")
            if sum(self.shares_dkk.values()) != self.amount_dkk:
                raise ValueError("shares_dkk must add up to amount_dkk")
        return self

    @property
    def payers(self) -> list[str]:
        return [self.payer, *self.joint_payers]

    def _stated_per_year(self) -> dict[int, int] | None:
        """The amount per year as the source gives it: `by_year`, the yearly caps when they
        add up to the amount, or the one year; None when the tool would have to split it."""
        if self.by_year is not None:
            return dict(self.by_year)
        caps = self.ceiling_by_year
        if caps is not None and sum(caps.values()) == self.amount_dkk:
            return dict(caps)
        return {self.years[0]: self.amount_dkk} if len(self.years) == 1 else None

    def per_year(self) -> dict[int, int]:
        """The amount per year: as stated, else split evenly (remainder first; an
        assumption, see `spread`)."""
        stated = self._stated_per_year()
        if stated is not None or not self.years:
            return stated or {}
        share, rest = divmod(self.amount_dkk, len(self.years))
        return {year: share + (rest if i == 0 else 0) for i, year in enumerate(self.years)}

    @property
    def spread(self) -> Spread:
        """Whether the source states how the amount falls on its years, or it is split evenly
        by the tool (an assumption the source does not state)."""
        if not self.years:
            return "none"
        return "even" if self._stated_per_year() is None else "stated"


class Threshold(Strict):
    """One step of a result-payment schedule: when `share_percent` of the target group reach
    the goal, `payment_percent` of the goal's payment falls due."""

    share_percent: Annotated[float, Field(ge=0, le=100)]
    payment_percent: Annotated[float, Field(ge=0, le=100)]


class PaymentGoal(Strict):
    """A betalingsmål, the parties that pay when it is reached and, where agreed, its
    schedule of thresholds (in increasing order)."""

    name: Name
    payers: list[Name] = Field(min_length=1)
    thresholds: list[Threshold] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _increasing(self) -> PaymentGoal:
        shares = [t.share_percent for t in self.thresholds]
        if shares != sorted(set(shares)):
            raise ValueError("thresholds must rise, each share once")
        return self


class TargetGroup(Strict):
    description: Text = ""
    size: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    min_age: Annotated[int, Field(ge=0, le=120)] | None = None
    early_retirement: bool | None = Field(default=None, description="Modtager førtidspension")


class Reading(Strict):
    """A fact read from a description only by inference (a default, a neighbour, the kind of
    request, its position) that changes the route or the money: asked until it is confirmed.
    `field` names what it is about (`amounts.0`, `parties.Aarhus Kommune.roles`,
    `request_kind`); `value` is what confirming it sets, where the draft does not hold it."""

    field: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    question: Text
    question_en: Text
    value: Name | None = None


class Proposal(Strict):
    """A case as a caseworker would describe it to the committee."""

    title: Name
    request_kind: RequestKind | None = Field(
        default=None,
        description="None: not known yet; the assessment asks, and shows each candidate route.",
    )
    date: dt.date | None = Field(
        default=None,
        description="Decision date (default: today): picks the bodies, ceilings and budgets.",
    )
    decided_by: list[Name] = Field(
        default_factory=list,
        max_length=50,
        description="Bodies that have already decided on this case: their steps are done.",
    )
    written_for: Name | None = Field(
        default=None,
        description="The party whose bodies this item goes to: the draft indstilling is in "
        "its words (default: the region when it takes part).",
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
    to_confirm: list[Reading] = Field(
        default_factory=list,
        max_length=100,
        description="Readings of a description only inferred: asked until confirmed.",
    )

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
        if self.written_for is not None and self.written_for not in known:
            raise ValueError(f"written_for: '{self.written_for}' is not one of the parties")
        for i, amount in enumerate(self.amounts):
            named = [("payer", amount.payer), ("recipient", amount.recipient)]
            named += [("joint_payers", name) for name in amount.joint_payers]
            for role, name in named:
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
