"""Golden cases: real proposals (knowledge/cases/) with the outcome the documents show.

A case file in tests/cases/ names its proposal and states, exactly, the outcome, the tracks
with their steps in order and each step's state (done, now, later, blocked), each amount's
ceiling status, every condition with whether it is met, every finding's status, the questions
still open, the repayment years and the indstilling lines that must appear.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from sie_rules import Assessment

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "proposal_file" in case:
        case["proposal"] = yaml.safe_load(
            (ROOT / case["proposal_file"]).read_text(encoding="utf-8")
        )
    return case


def _by_rule(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for rule, value in pairs:
        grouped[rule].append(value)
    return {
        rule: values[0] if len(values) == 1 else sorted(values, key=str)
        for rule, values in grouped.items()
    }


def summarise(a: Assessment) -> dict[str, Any]:
    """The parts of an assessment a golden case pins down, in a form that reads well in YAML."""
    return {
        "outcome": a.outcome,
        "tracks": {t.id: [[s.order, s.body, s.action, s.state] for s in t.steps] for t in a.tracks},
        "amounts": [[x.kind.value, x.amount_dkk, x.status] for x in a.amounts],
        "conditions": _by_rule([(c.rule, c.met) for c in a.conditions]),
        "findings": _by_rule([(f.rule, f.status) for f in a.findings]),
        "missing": [m.field for m in a.missing],
        "repayment_years": a.repayment_years,
    }
