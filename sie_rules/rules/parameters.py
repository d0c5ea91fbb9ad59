"""The values rules use (rules/parameters/*.yaml: bodies, lists, pools, the repayment offset,
labels, the municipalities' governance), dated: `bodies_at(day)`, `list_at(id, day)` and
`governance_at(name, day)` give what is in force on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from sie_rules.errors import RulesFileError
from sie_rules.knowledge.corpus import Corpus
from sie_rules.rules.files import (
    BodiesFile,
    Body,
    LabelsFile,
    ListsFile,
    MeetingPlanFile,
    NamedList,
    Pool,
    PoolBudget,
    PoolsFile,
    Provenance,
    RepaymentFile,
    check_source,
    read_yaml,
    validate,
)
from sie_rules.rules.governance import Governance, GovernanceFile, governance_in_force

_M = TypeVar("_M", bound=BaseModel)
_Dated = TypeVar("_Dated", Body, NamedList)
_T = TypeVar("_T")
_DAYS_REMEMBERED = 512  # (kind, day) pairs kept; a sweep over dates starts afresh past this


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
    governance: GovernanceFile
    meetings: MeetingPlanFile | None = None  # no plan: routes show order only
    # what is in force on a day, worked out once per day (an assessment asks ~16 times)
    _by_day: dict[tuple[str, dt.date], Any] = field(default_factory=dict, compare=False, repr=False)

    def _on(self, kind: str, on: dt.date, work_out: Callable[[], _T]) -> _T:
        key = (kind, on)
        if key not in self._by_day:
            if len(self._by_day) >= _DAYS_REMEMBERED:
                self._by_day.clear()
            self._by_day[key] = work_out()
        return cast(_T, self._by_day[key])

    def bodies_at(self, on: dt.date) -> list[Body]:
        """The bodies in force on `on` (an entry past its valid_until is not)."""

        def work_out() -> tuple[Body, ...]:
            chosen = _in_force(self.bodies.bodies, on).values()
            return tuple(b for b in chosen if b.valid_until is None or on <= b.valid_until)

        return list(self._on("bodies", on, work_out))

    def expired(self, on: dt.date) -> list[str]:
        """Ids of bodies whose last dated entry has ended before `on`: nothing says what
        replaced them (`sie-rules lint` reports these)."""
        last: dict[str, Body] = {}
        for body in sorted(self.bodies.bodies, key=lambda b: b.valid_from):
            last[body.id] = body
        return sorted(i for i, b in last.items() if b.valid_until and b.valid_until < on)

    def list_at(self, list_id: str, on: dt.date) -> list[str]:
        entry = self._on("lists", on, lambda: _in_force(self.lists.lists, on)).get(list_id)
        return list(entry.values) if entry else []

    def governance_at(self, name: str, on: dt.date) -> Governance | None:
        """Municipality `name`'s governance in force on `on`; None: not in the data (the
        `default` entry, an assumption, applies)."""
        return governance_in_force(self.governance, name, on)

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


def load_parameters(rules_dir: Path, corpus: Corpus) -> Parameters:
    def one(name: str, model: type[_M]) -> _M:
        label = f"rules/parameters/{name}"
        path = rules_dir / "parameters" / name
        if not path.is_file():
            raise RulesFileError(label, "file is missing")
        return validate(model, read_yaml(path, label), label)

    plan = rules_dir / "parameters" / "meetings.yaml"
    params = Parameters(
        bodies=one("bodies.yaml", BodiesFile),
        lists=one("lists.yaml", ListsFile),
        pools=one("pools.yaml", PoolsFile),
        repayment=one("repayment.yaml", RepaymentFile),
        labels=one("labels.yaml", LabelsFile),
        governance=one("governance.yaml", GovernanceFile),
        meetings=one("meetings.yaml", MeetingPlanFile) if plan.is_file() else None,
    )
    known = {b.id for b in params.bodies.bodies}
    for body_id in params.meetings.meetings if params.meetings else {}:
        if body_id not in known:
            raise RulesFileError(
                "rules/parameters/meetings.yaml", f"no body has the id '{body_id}'", None, body_id
            )
    _check_processes(params)
    cited: list[tuple[str, str, Provenance]] = [
        *(("bodies.yaml", b.id, b) for b in params.bodies.bodies),
        *(("lists.yaml", n.id, n) for n in params.lists.lists),
        *(("pools.yaml", f"{p.id}.{b.year}", b) for p in params.pools.pools for b in p.budgets),
        ("repayment.yaml", "follow_up_offset_years", params.repayment.follow_up_offset_years),
        ("governance.yaml", "default", params.governance.default),
        *(("governance.yaml", g.id, g) for g in params.governance.municipalities),
    ]
    for name, entry_id, entry in cited:
        check_source(
            corpus, entry.source, f"rules/parameters/{name}", entry_id, "source", entry.basis
        )
    return params


def _check_processes(params: Parameters) -> None:
    """Every route variant governance.yaml names is one of labels.yaml's `processes`."""
    known = params.labels.processes
    g = params.governance
    named = [("default", g.default.process)]
    for entry in g.municipalities:
        named.append((entry.id, entry.process))
        if entry.own_fund:
            named.append((entry.id, entry.own_fund.process))
    for entry_id, process in named:
        if process not in known:
            raise RulesFileError(
                "rules/parameters/governance.yaml",
                f"unknown process '{process}' (known: {', '.join(known)})",
                entry_id,
                "process",
            )
