"""The assessment sie-rules gives back for a proposal: findings, tracks of steps, amounts
with their ceilings, conditions and the draft indstilling, each citing its rule and source."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from sie_rules.model import AmountKind, Instrument, Proposal, RequestKind, Spread, Strict

Basis = Literal["law", "agreement", "practice", "assumption"]
Status = Literal["met", "not_met", "unknown"]
Action = Literal["recommends", "heard", "prepares", "decides", "mandate", "commits", "notes"]
AmountStatus = Literal["within", "over", "no_ceiling"]
Outcome = Literal["eligible", "not_eligible", "incomplete", "out_of_scope"]


class Source(Strict):
    """A passage in knowledge/: document id and a quote that stands in it word for word."""

    doc: str
    quote: Annotated[str, StringConstraints(min_length=10)]


class Missing(Strict):
    field: str
    question: str
    rule: str
    question_en: str | None = None

    def asked(self, lang: str) -> str:
        """The question in English for lang 'en' where the rule gives it, else in Danish."""
        return self.question_en if lang == "en" and self.question_en else self.question


class Finding(Strict):
    """`track`: the id of the track the finding explains (e.g. the municipality's form of
    governance that its route follows), if any."""

    rule: str
    status: Status
    text: str
    basis: Basis
    gate: bool
    source: Source | None
    track: str | None = None


StepState = Literal["done", "now", "later", "blocked"]


class Step(Strict):
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


class Track(Strict):
    id: str
    actor: str
    steps: list[Step]


class AssessedAmount(Strict):
    """An amount with its ceiling status. `spread`: how it falls on its years: `stated`
    (by_year given), `even` (split evenly by the tool: an assumption the source does not
    state) or `none` (no years)."""

    kind: AmountKind
    payer: str
    joint_payers: list[str] = Field(default_factory=list)
    recipient: str | None
    instrument: Instrument | None = None
    purpose: str | None = None
    amount_dkk: int
    shares_dkk: dict[str, int] | None = None
    years: list[int]
    spread: Spread = "none"
    ceiling_by_year: dict[int, int] | None = None
    max_return_percent: float | None = None
    ceiling_dkk: int | None
    funding_source: str | None
    status: AmountStatus
    rule: str
    basis: Basis
    source: Source | None


class YearSum(Strict):
    year: int
    payer: str
    amount_dkk: int


class Condition(Strict):
    rule: str
    text: str
    met: bool | None
    basis: Basis
    source: Source | None


class CandidateRoute(Strict):
    """While the request kind is unknown: the bodies each track would have for one kind."""

    request_kind: RequestKind
    tracks: dict[str, list[str]]


class Assessment(Strict):
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
    candidate_routes: list[CandidateRoute] = Field(
        default_factory=list,
        description="Only while request_kind is unknown: the route for each possible kind.",
    )
    fired: list[str] = Field(description="Ids of the rules that fired, in firing order")
