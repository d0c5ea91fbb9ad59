"""The seed cases of DOMAIN.md, and edge cases, assessed end to end against their expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import CASES, load_case, summarise

from sie_rules import Assessment, Proposal, assess


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


def _assessed(name: str) -> Assessment:
    case = load_case(Path(__file__).parent / "cases" / f"{name}.yaml")
    return assess(Proposal.model_validate(case["proposal"]))


def test_herning_money_is_as_the_minutes_write_it() -> None:
    """rm-ulis-2025-11-13: DSI and Landsbyggefonden jointly offer 5 mio. of risk capital; the
    region, Herning Kommune and Landsbyggefonden pay for results; development money 'op til
    300.000 kr. i 2026 og op til 200.000 kr. i 2027'; the payment model is negotiated after
    the framework decision, so it gates the final agreement, not the council."""
    a = _assessed("herning")
    capital = next(x for x in a.amounts if x.kind == "risk_capital")
    assert capital.payer == "Den Sociale Investeringsfond"
    assert capital.joint_payers == ["Landsbyggefonden"]
    payers = {name for goal in a.proposal.payment_goals for name in goal.payers}
    assert payers == {"Region Midtjylland", "Herning Kommune", "Landsbyggefonden"}
    development = next(x for x in a.amounts if x.kind == "development")
    assert development.ceiling_by_year == {2026: 300_000, 2027: 200_000}
    assert development.spread == "stated"
    region = next(t for t in a.tracks if t.id == "region")
    gated = [s for s in region.steps if "approval.region.final_payment_model" in s.blocked_by]
    assert [s.rule for s in gated] == ["approval.region.final_agreement"]
    council = next(s for s in region.steps if s.action == "decides")
    assert council.blocked_by == [] and council.state == "later"


def test_norddjurs_research_is_split_by_work_plan() -> None:
    """rm-ulis-2025-06-26: '1 mio. kr. ... til DEFACTUMS aktiviteter til gennemførelse af
    arbejdsplan 1 samt 0,5 mio. kr. til medfinansiering af arbejdsplan 2' (no recipient is
    named for the second part)."""
    research = [x for x in _assessed("norddjurs-region").amounts if x.kind == "research"]
    assert [(x.amount_dkk, x.recipient, x.purpose) for x in research] == [
        (1_000_000, "DEFACTUM", "arbejdsplan 1"),
        (500_000, None, "medfinansiering af arbejdsplan 2"),
    ]


def test_an_even_spread_over_years_is_labelled_an_assumption_in_the_memo() -> None:
    from sie_rules.explain.assess import current_rulebook
    from sie_rules.explain.memo_files import render_markdown

    a = _assessed("herning")
    result = next(x for x in a.amounts if x.kind == "result_payment")
    assert result.spread == "even"
    assert "fordelt ligeligt over årene – en antagelse" in render_markdown(a, current_rulebook())


def test_a_result_payment_schedule_is_shown_with_its_thresholds() -> None:
    from sie_rules.explain.assess import current_rulebook
    from sie_rules.explain.memo_files import render_markdown

    case = load_case(Path(__file__).parent / "cases" / "herning.yaml")
    raw = dict(case["proposal"])
    goals = [dict(g) for g in raw["payment_goals"]]
    goals[0]["thresholds"] = [
        {"share_percent": 30, "payment_percent": 50},
        {"share_percent": 60, "payment_percent": 100},
    ]
    memo = render_markdown(
        assess(Proposal.model_validate(raw | {"payment_goals": goals})), current_rulebook()
    )
    assert "50 % ved 30 % af målgruppen, 100 % ved 60 % af målgruppen" in memo
    with pytest.raises(ValueError, match="thresholds must rise"):
        Proposal.model_validate(
            raw | {"payment_goals": [goals[0] | {"thresholds": goals[0]["thresholds"][::-1]}]}
        )
