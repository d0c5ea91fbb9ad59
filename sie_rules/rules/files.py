"""What each file in rules/ may contain (pydantic models), and reading them: YAML with no
key given twice, and every error naming the file, the rule id and the field, so that a
caseworker editing a ceiling sees exactly what to mend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic import model_validator as _model_validator

from sie_rules import strict_yaml
from sie_rules.assessment import Action, AmountStatus, Basis, Source, Status
from sie_rules.errors import RulesFileError
from sie_rules.knowledge.corpus import Corpus
from sie_rules.model import AmountKind, Instrument, PartyKind, RequestKind, Role

_M = TypeVar("_M", bound=BaseModel)


RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
Line = Annotated[str, StringConstraints(min_length=1, max_length=600)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(_Strict):
    basis: Basis
    source: Source | None = None
    note: str | None = None

    @_model_validator(mode="after")
    def _cited(self) -> Provenance:
        if self.basis != "assumption" and self.source is None:
            raise ValueError(f"basis '{self.basis}' needs a source {{doc, quote}}")
        if self.basis == "assumption" and self.source is None and not self.note:
            raise ValueError("an assumption without a source must say so in 'note'")
        return self


# --- rules ----------------------------------------------------------------------------------


class Ask(_Strict):
    field: str
    question: Line
    question_en: Line | None = None  # `sie-rules lint` requires it, as the rules' English texts
    priority: int = Field(ge=0, le=1000)


class FindingThen(_Strict):
    status: Status
    text: Line
    gate: bool = True
    track: str | None = None  # the track it explains (template)


class StepThen(_Strict):
    track: str
    actor: str
    order: int = Field(ge=1, le=20)
    body: str
    action: Action


class AmountThen(_Strict):
    ref: str
    status: AmountStatus


class Blocks(_Strict):
    track: str = Field(description="Track id template, or '*' for every track")
    from_order: int = Field(default=1, ge=1)


class ConditionThen(_Strict):
    text: Line
    met: bool | None = None
    met_from: str | None = None
    blocks: Blocks | None = None


class IndstillingThen(_Strict):
    order: int = Field(ge=0, le=100)
    text: Line


class Then(_Strict):
    derive: dict[str, str | int | bool] | None = None
    finding: FindingThen | None = None
    step: StepThen | None = None
    amount: AmountThen | None = None
    condition: ConditionThen | None = None
    indstilling: IndstillingThen | None = None
    ask: Ask | None = None
    outcome: Literal["out_of_scope"] | None = None  # decides the outcome, whatever the gates

    @_model_validator(mode="after")
    def _something(self) -> Then:
        if not any(getattr(self, name) is not None for name in type(self).model_fields):
            raise ValueError("a rule must conclude something")
        return self


Party = Literal["region", "municipality", "dsi", "foundation", "case"]


class Rule(Provenance):
    """`party`: whose decision or money the rule concerns. A rule about the region or DSI
    fires only when that party takes part in the case; a municipality's or foundation's rule
    matches that party's own fact; `case` rules concern the case as a whole."""

    id: RuleId
    party: Party
    title: Line
    explanation: Line
    title_en: Line | None = None  # `sie-rules lint` requires both English texts
    explanation_en: Line | None = None
    when: dict[str, Any]
    then: Then

    def words(self, lang: str) -> tuple[str, str]:
        """(title, explanation) in English for lang 'en' where the rule has them, else Danish."""
        if lang == "en" and self.title_en and self.explanation_en:
            return self.title_en, self.explanation_en
        return self.title, self.explanation


class RuleFile(_Strict):
    concern: Literal["eligibility", "approval", "funding"]
    description: str
    rules: list[Rule]


# --- parameters -----------------------------------------------------------------------------


class Body(Provenance):
    """A body in force from `valid_from` until `valid_until` (or until a later entry with the
    same id). `unnamed`: the sources name no body for this role then; `name` describes the
    role instead, and steps before it are labelled assumptions."""

    id: str
    name: str
    role: str
    fields: list[str] = Field(default_factory=list)
    valid_from: dt.date
    valid_until: dt.date | None = None
    unnamed: bool = False

    @_model_validator(mode="after")
    def _consistent(self) -> Body:
        if len(set(self.fields)) != len(self.fields):
            raise ValueError("each field may be listed once")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        if self.unnamed and self.basis != "assumption":
            raise ValueError("a body the sources do not name must have basis 'assumption'")
        return self


class BodiesFile(_Strict):
    description: str
    bodies: list[Body]
    fields: dict[str, str]


class MeetingPlanFile(_Strict):
    """Meeting dates per body id (rules/parameters/meetings.yaml, optional)."""

    description: str
    example: bool = Field(description="True: illustrative dates, not the bodies' real plan")
    meetings: dict[str, list[dt.date]]


class NamedList(Provenance):
    id: str
    description: str
    valid_from: dt.date
    values: list[str]


class ListsFile(_Strict):
    description: str
    lists: list[NamedList]


class PoolBudget(Provenance):
    year: int
    budget_dkk: int = Field(ge=0)


class Pool(_Strict):
    id: str
    name: str
    aliases: list[str]
    budgets: list[PoolBudget]


class PoolsFile(_Strict):
    description: str
    commitment_by_request_kind: dict[RequestKind, Literal["reserved", "granted"]]
    committed_by: dict[str, list[Action]]  # track -> the actions whose decision moves money
    pools: list[Pool]


class Offset(Provenance):
    value: int = Field(ge=0, le=10)
    explanation: str


class RepaymentFile(_Strict):
    description: str
    follow_up_offset_years: Offset


class LabelsFile(_Strict):
    description: str
    amount_kinds: dict[AmountKind, str]
    instruments: dict[Instrument, str]
    processes: dict[str, str] = Field(description="How a party decides: variants the rules know")
    request_kinds: dict[RequestKind, str]
    request_kinds_short: dict[RequestKind, str]
    roles: dict[Role, str]
    party_kinds: dict[PartyKind, str]

    @_model_validator(mode="after")
    def _complete(self) -> LabelsFile:
        for name, enum in (
            ("amount_kinds", AmountKind),
            ("instruments", Instrument),
            ("request_kinds", RequestKind),
            ("request_kinds_short", RequestKind),
            ("roles", Role),
            ("party_kinds", PartyKind),
        ):
            missing = [e.value for e in enum if e not in getattr(self, name)]
            if missing:
                raise ValueError(f"{name} needs a label for {', '.join(missing)}")
        return self


def read_yaml(path: Path, label: str) -> Any:
    try:
        return strict_yaml.load_own(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise RulesFileError(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise RulesFileError(label, f"invalid YAML: {strict_yaml.describe(exc)}") from exc


def validate(model: type[_M], raw: Any, label: str) -> _M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [str(x) for x in err["loc"]]
        rule = None
        listed = {"rules", "bodies", "lists", "pools", "municipalities"}
        if len(loc) >= 2 and loc[0] in listed and loc[1].isdigit():
            items = raw.get(loc[0]) if isinstance(raw, dict) else None
            item = items[int(loc[1])] if isinstance(items, list) else None
            rule = item.get("id") if isinstance(item, dict) else None
            loc = loc[2:] if rule else loc
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        message = err["msg"].removeprefix("Value error, ") + more
        raise RulesFileError(label, message, rule=rule, field=".".join(loc) or None) from exc


def check_source(
    corpus: Corpus,
    source: Source | None,
    label: str,
    rule: str | None,
    where: str,
    basis: Basis | None = None,
) -> None:
    """The quote stands verbatim in its document; a `law` basis quotes statute text."""
    if source is None:
        return
    if source.doc not in corpus.documents:
        raise RulesFileError(label, f"unknown document '{source.doc}'", rule, f"{where}.doc")
    if corpus.find_quote(source.doc, source.quote) is None:
        raise RulesFileError(
            label, f"quote not found verbatim in {source.doc}", rule, f"{where}.quote"
        )
    kind, heading = corpus.passage_kind(source.doc, source.quote)
    if basis == "law" and kind != "statute":
        what = f"a {kind} passage" if kind else "not marked as statute text in the manifest"
        raise RulesFileError(
            label,
            f"basis 'law' needs statute text, but the quote is {what} ({heading or source.doc})",
            rule,
            "basis",
        )
