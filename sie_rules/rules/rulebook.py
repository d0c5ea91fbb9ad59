"""Load rules/ into typed, checked models and compile them for the engine.

rules/*.yaml hold the rules (one file per concern), rules/parameters/*.yaml the values they
use (bodies, lists, pools, the repayment offset, labels). Every error names the file, the
rule id and the field, so a caseworker editing a ceiling sees exactly what to mend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic import model_validator as _model_validator

from sie_rules.errors import RulesFileError
from sie_rules.knowledge.corpus import Corpus, load_corpus
from sie_rules.model import (
    Action,
    AmountKind,
    AmountStatus,
    Basis,
    RequestKind,
    Role,
    Source,
    Status,
)
from sie_rules.rules import templates
from sie_rules.rules.conditions import ConditionError, Pattern, parse_when, to_durable
from sie_rules.rules.vocabulary import FACT_FIELDS

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
Line = Annotated[str, StringConstraints(min_length=1, max_length=600)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Provenance(_Strict):
    basis: Basis
    source: Source | None = None
    note: str | None = None

    @_model_validator(mode="after")
    def _cited(self) -> _Provenance:
        if self.basis != "assumption" and self.source is None:
            raise ValueError(f"basis '{self.basis}' needs a source {{doc, quote}}")
        if self.basis == "assumption" and self.source is None and not self.note:
            raise ValueError("an assumption without a source must say so in 'note'")
        return self


# --- rules ----------------------------------------------------------------------------------


class Ask(_Strict):
    field: str
    question: Line
    priority: int = Field(ge=0, le=1000)


class FindingThen(_Strict):
    status: Status
    text: Line
    gate: bool = True


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

    @_model_validator(mode="after")
    def _something(self) -> Then:
        if not any(getattr(self, name) is not None for name in type(self).model_fields):
            raise ValueError("a rule must conclude something")
        return self


class Rule(_Provenance):
    id: RuleId
    title: Line
    explanation: Line
    when: dict[str, Any]
    then: Then


class RuleFile(_Strict):
    concern: Literal["eligibility", "approval", "funding"]
    description: str
    rules: list[Rule]


# --- parameters -----------------------------------------------------------------------------


class Body(_Provenance):
    id: str
    name: str
    role: str
    fields: list[str] = Field(default_factory=list)
    valid_from: dt.date

    @_model_validator(mode="after")
    def _fields_once(self) -> Body:
        if len(set(self.fields)) != len(self.fields):
            raise ValueError("each field may be listed once")
        return self


class BodiesFile(_Strict):
    description: str
    bodies: list[Body]
    fields: dict[str, str]


class NamedList(_Provenance):
    id: str
    description: str
    valid_from: dt.date
    values: list[str]


class ListsFile(_Strict):
    description: str
    lists: list[NamedList]


class PoolBudget(_Provenance):
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
    pools: list[Pool]


class Offset(_Provenance):
    value: int = Field(ge=0, le=10)
    explanation: str


class RepaymentFile(_Strict):
    description: str
    follow_up_offset_years: Offset


class LabelsFile(_Strict):
    description: str
    amount_kinds: dict[AmountKind, str]
    request_kinds: dict[RequestKind, str]
    roles: dict[Role, str]

    @_model_validator(mode="after")
    def _complete(self) -> LabelsFile:
        for name, enum in (
            ("amount_kinds", AmountKind),
            ("request_kinds", RequestKind),
            ("roles", Role),
        ):
            missing = [e.value for e in enum if e not in getattr(self, name)]
            if missing:
                raise ValueError(f"{name} needs a label for {', '.join(missing)}")
        return self


_Dated = TypeVar("_Dated", Body, NamedList)
_M = TypeVar("_M", bound=BaseModel)


def _in_force(entries: list[_Dated], on: dt.date) -> dict[str, _Dated]:
    """Per id, the entry with the latest valid_from on or before `on` (openfisca semantics)."""
    chosen: dict[str, _Dated] = {}
    for entry in sorted(entries, key=lambda e: e.valid_from):
        if entry.valid_from <= on:
            chosen[entry.id] = entry
    return chosen


@dataclass(frozen=True)
class Parameters:
    bodies: BodiesFile
    lists: ListsFile
    pools: PoolsFile
    repayment: RepaymentFile
    labels: LabelsFile

    def bodies_at(self, on: dt.date) -> list[Body]:
        return list(_in_force(self.bodies.bodies, on).values())

    def list_at(self, list_id: str, on: dt.date) -> list[str]:
        entry = _in_force(self.lists.lists, on).get(list_id)
        return entry.values if entry else []

    def pool_for(self, source: str) -> Pool | None:
        wanted = source.casefold().strip(" '\"‘’")
        for pool in self.pools.pools:
            if wanted in {pool.name.casefold(), *(a.casefold() for a in pool.aliases)}:
                return pool
        return None

    @staticmethod
    def budget_in(pool: Pool, year: int) -> PoolBudget | None:
        known = [b for b in sorted(pool.budgets, key=lambda b: b.year) if b.year <= year]
        return known[-1] if known else None


# --- the loaded rulebook ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rulebook:
    rules: dict[str, Rule]
    patterns: dict[str, tuple[Pattern, ...]]
    files: dict[str, str]
    parameters: Parameters
    version: str
    corpus: Corpus = field(repr=False)

    def durable_ruleset(self) -> dict[str, Any]:
        """A fresh durable-rules JSON ruleset (durable mutates what it is given)."""
        return {rid: {"all": to_durable(pats), "run": rid} for rid, pats in self.patterns.items()}

    def provenance(self, rule_id: str) -> tuple[Basis, Source | None]:
        rule = self.rules[rule_id]
        return rule.basis, rule.source


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping (PyYAML keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_yaml(path: Path, label: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except UnicodeDecodeError as exc:
        raise RulesFileError(label, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise RulesFileError(label, f"invalid YAML: {exc}".replace("\n", " ")) from exc


def _validate(model: type[_M], raw: Any, label: str) -> _M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [str(x) for x in err["loc"]]
        rule = None
        if len(loc) >= 2 and loc[0] in {"rules", "bodies", "lists", "pools"} and loc[1].isdigit():
            items = raw.get(loc[0]) if isinstance(raw, dict) else None
            item = items[int(loc[1])] if isinstance(items, list) else None
            rule = item.get("id") if isinstance(item, dict) else None
            loc = loc[2:] if rule else loc
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        message = err["msg"].removeprefix("Value error, ") + more
        raise RulesFileError(label, message, rule=rule, field=".".join(loc) or None) from exc


def _check_source(
    corpus: Corpus, source: Source | None, label: str, rule: str | None, where: str
) -> None:
    if source is None:
        return
    if source.doc not in corpus.documents:
        raise RulesFileError(label, f"unknown document '{source.doc}'", rule, f"{where}.doc")
    if corpus.find_quote(source.doc, source.quote) is None:
        raise RulesFileError(
            label, f"quote not found verbatim in {source.doc}", rule, f"{where}.quote"
        )


def _rules_version(rules_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(rules_dir.rglob("*.yaml")):
        digest.update(path.relative_to(rules_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _load_parameters(rules_dir: Path, corpus: Corpus) -> Parameters:
    def one(name: str, model: type[_M]) -> _M:
        label = f"rules/parameters/{name}"
        path = rules_dir / "parameters" / name
        if not path.is_file():
            raise RulesFileError(label, "file is missing")
        return _validate(model, read_yaml(path, label), label)

    params = Parameters(
        bodies=one("bodies.yaml", BodiesFile),
        lists=one("lists.yaml", ListsFile),
        pools=one("pools.yaml", PoolsFile),
        repayment=one("repayment.yaml", RepaymentFile),
        labels=one("labels.yaml", LabelsFile),
    )
    cited: list[tuple[str, str, _Provenance]] = [
        *(("bodies.yaml", b.id, b) for b in params.bodies.bodies),
        *(("lists.yaml", n.id, n) for n in params.lists.lists),
        *(("pools.yaml", f"{p.id}.{b.year}", b) for p in params.pools.pools for b in p.budgets),
        ("repayment.yaml", "follow_up_offset_years", params.repayment.follow_up_offset_years),
    ]
    for name, entry_id, entry in cited:
        _check_source(corpus, entry.source, f"rules/parameters/{name}", entry_id, "source")
    return params


class _RuleChecker:
    """Checks one rule's facts, fields, references and templates against the vocabulary."""

    def __init__(self, vocabulary: dict[str, dict[str, type]], label: str, rule: Rule):
        self.vocabulary, self.label, self.rule = vocabulary, label, rule

    def fail(self, field: str, message: str) -> RulesFileError:
        return RulesFileError(self.label, message, self.rule.id, field)

    def patterns(self) -> tuple[Pattern, ...]:
        try:
            patterns = parse_when(self.rule.when)
        except ConditionError as exc:
            raise self.fail(exc.field, str(exc)) from exc
        types = {p.alias: p.fact for p in patterns}
        for p in patterns:
            if p.fact not in self.vocabulary:
                raise self.fail(f"when.{p.alias}.fact", f"unknown fact type '{p.fact}'")
            for test in p.tests:
                where = f"when.{p.alias}.{test.field}"
                kind = self._field_type(p.fact, test.field, where)
                for operand in test.operands:
                    if operand.field is not None:
                        target = types[operand.alias] if operand.alias else p.fact
                        other = self._field_type(target, operand.field, where)
                        if other is not kind:
                            raise self.fail(
                                where, f"compares a {kind.__name__} with a {other.__name__}"
                            )
                if test.op in {"gt", "gte", "lt", "lte"} and kind is not int:
                    raise self.fail(where, f"'{test.op}' needs a number field")
        self._templates(types)
        return patterns

    def _field_type(self, fact: str, name: str, where: str) -> type:
        fields = self.vocabulary[fact]
        if name not in fields:
            raise self.fail(where, f"fact '{fact}' has no field '{name}' (known: {sorted(fields)})")
        return fields[name]

    def _templates(self, types: dict[str, str]) -> None:
        then = self.rule.then
        texts: list[tuple[str, str]] = []
        if then.finding:
            texts.append(("then.finding.text", then.finding.text))
        if then.step:
            s = then.step
            texts += [
                ("then.step.track", s.track),
                ("then.step.actor", s.actor),
                ("then.step.body", s.body),
            ]
        if then.condition:
            texts.append(("then.condition.text", then.condition.text))
            if then.condition.blocks:
                texts.append(("then.condition.blocks.track", then.condition.blocks.track))
            if then.condition.met_from:
                self._reference(types, then.condition.met_from, "then.condition.met_from", bool)
        if then.indstilling:
            texts.append(("then.indstilling.text", then.indstilling.text))
        if then.ask:
            texts += [("then.ask.question", then.ask.question), ("then.ask.field", then.ask.field)]
        if then.derive:
            texts += [(f"then.derive.{k}", v) for k, v in then.derive.items() if isinstance(v, str)]
        if then.amount and types.get(then.amount.ref) != "amount":
            raise self.fail("then.amount.ref", "must name an alias bound to an amount fact")
        for where, text in texts:
            for alias, name in templates.placeholders(text):
                self._reference(types, f"{alias}.{name}", where, None)

    def _reference(self, types: dict[str, str], ref: str, where: str, want: type | None) -> None:
        alias, _, name = ref.partition(".")
        if alias not in types:
            raise self.fail(where, f"'{ref}' names no alias of 'when' ({sorted(types)})")
        kind = self._field_type(types[alias], name, where)
        if want is not None and kind is not want:
            raise self.fail(where, f"'{ref}' must be a {want.__name__} field")


def _derived_vocabulary(files: list[tuple[str, RuleFile]]) -> dict[str, dict[str, type]]:
    vocabulary = {k: dict(v) for k, v in FACT_FIELDS.items()}
    for label, rule_file in files:
        for rule in rule_file.rules:
            derive = rule.then.derive
            if derive is None:
                continue
            fact = derive.get("type")
            if not isinstance(fact, str) or fact in FACT_FIELDS:
                raise RulesFileError(
                    label, "needs a new fact type name", rule.id, "then.derive.type"
                )
            fields = vocabulary.setdefault(fact, {})
            for key, value in derive.items():
                if key != "type":
                    fields[key] = (
                        int
                        if isinstance(value, int) and not isinstance(value, bool)
                        else (bool if isinstance(value, bool) else str)
                    )
    return vocabulary


@cache
def load_rulebook(rules_dir: Path, knowledge_dir: Path) -> Rulebook:
    """Load and check every file in rules/; raise RulesFileError at the first problem."""
    corpus = load_corpus(knowledge_dir)
    parameters = _load_parameters(rules_dir, corpus)
    files: list[tuple[str, RuleFile]] = []
    for path in sorted(rules_dir.glob("*.yaml")):
        label = f"rules/{path.name}"
        files.append((label, _validate(RuleFile, read_yaml(path, label), label)))
    if not files:
        raise RulesFileError("rules/", "no rule files found")
    vocabulary = _derived_vocabulary(files)
    rules: dict[str, Rule] = {}
    patterns: dict[str, tuple[Pattern, ...]] = {}
    where_defined: dict[str, str] = {}
    for label, rule_file in files:
        for rule in rule_file.rules:
            if rule.id in rules:
                raise RulesFileError(
                    label, f"duplicate id, also defined in {where_defined[rule.id]}", rule.id, "id"
                )
            _check_source(corpus, rule.source, label, rule.id, "source")
            patterns[rule.id] = _RuleChecker(vocabulary, label, rule).patterns()
            rules[rule.id] = rule
            where_defined[rule.id] = label
    return Rulebook(rules, patterns, where_defined, parameters, _rules_version(rules_dir), corpus)
