"""The seed cases of DOMAIN.md, and edge cases, assessed end to end against their expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import CASES, load_case, summarise

from sie_rules import Proposal, assess


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path) -> None:
    case = load_case(path)
    expected = dict(case["expected"])
    assessment = assess(Proposal.model_validate(case["proposal"]))
    assert assessment.indstilling == expected.pop("indstilling")
    assert summarise(assessment) == expected


def test_there_is_a_golden_case_for_every_seed_case_in_the_domain_brief() -> None:
    names = {p.stem for p in CASES}
    assert {
        "herning",
        "norddjurs-region",
        "norddjurs-municipality",
        "mental-talk",
        "landdistrikter",
        "wood-by-human",
        "dsi-visit",
    } <= names


def test_every_rule_fires_in_some_golden_case() -> None:
    from sie_rules.explain.assess import current_rulebook
    from sie_rules.lint import lint

    report = lint(current_rulebook(), Path(__file__).parent / "cases")
    assert report.cases == len(CASES)
    assert report.never_fired == []
