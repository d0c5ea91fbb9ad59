"""The whole route to the final decision: each step's state, what gates the later steps."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from golden import CASES as GOLDEN
from golden import ROOT, load_case, summarise

from sie_rules import Assessment, Proposal, assess
from sie_rules.errors import RulesFileError
from sie_rules.explain.assess import current_rulebook
from sie_rules.rules.rulebook import load_rulebook

CASES = Path(__file__).resolve().parent / "cases"
BOOK = current_rulebook()


def _assess(name: str, **changes: object) -> Assessment:
    raw = load_case(CASES / f"{name}.yaml")["proposal"] | changes
    return assess(Proposal.model_validate(raw))


def _track(a: Assessment, track_id: str) -> list[tuple[str, str, str, list[str], list[str]]]:
    track = next(t for t in a.tracks if t.id == track_id)
    return [(s.body, s.action, s.state, s.blocked_by, s.requires) for s in track.steps]


def test_a_mandate_shows_the_later_final_approval_blocked_by_its_conditions() -> None:
    region = _track(_assess("norddjurs-region"), "region")
    assert region[0][:3] == ("Udvalg for lighed i sundhed", "mandate", "now")
    later = {body: (state, blocked) for body, _, state, blocked, _ in region[1:]}
    gates = ["approval.region.mandate_payment_model", "approval.region.mandate_financing"]
    assert later["Forretningsudvalget"] == ("blocked", gates)
    assert later["Regionsrådet"] == ("blocked", gates)
    conditions = {c.rule: c for c in _assess("norddjurs-region").conditions}
    assert all(conditions[g].met is False and conditions[g].source for g in gates)


def test_once_the_payment_model_and_financing_are_there_the_final_approval_is_later() -> None:
    region = _track(
        _assess("norddjurs-region", payment_model_agreed=True, financing_found=True), "region"
    )
    assert [state for _, _, state, _, _ in region] == ["now", "later", "later", "later", "later"]
    assert all(not blocked and not requires for *_, blocked, requires in region)


def test_conditions_not_yet_known_are_listed_as_required_by_the_steps_they_gate() -> None:
    herning = _track(_assess("herning"), "municipality:Herning")
    assert herning[0][2] == "now" and herning[0][4] == []
    for _, _, state, blocked, requires in herning[1:]:
        assert state == "later" and blocked == []
        assert requires == [
            "approval.municipality.financing_unknown",
            "approval.municipality.budget_adopted",
        ]


def test_steps_of_bodies_that_have_decided_are_done_and_the_next_one_is_now() -> None:
    a = _assess("herning", decided_by=["Udvalg for lighed i sundhed"])
    # the administration's agreement waits for the payment model (not agreed in Herning)
    assert [s[2] for s in _track(a, "region")] == ["done", "now", "later", "blocked"]
    assert [s[2] for s in _track(a, "dsi")] == ["now"]


TERM_END = dt.date(2025, 12, 31)
OLD_TERM = {b.name for b in BOOK.parameters.bodies.bodies if b.valid_until == TERM_END}


WITH_REGION = [  # the term's bodies are the region's: cases in which the region takes part
    p
    for p in GOLDEN
    if any(x.get("kind") == "region" for x in load_case(p)["proposal"].get("parties", []))
]


@pytest.mark.parametrize("path", WITH_REGION, ids=[p.stem for p in WITH_REGION])
def test_after_the_term_no_committee_of_2022_2025_is_shown_as_in_force(path: Path) -> None:
    raw = load_case(path)["proposal"] | {"date": "2026-11-24"}
    a = assess(Proposal.model_validate(raw))
    assert "approval.term.sources_end" in {f.rule for f in a.findings}
    steps = [s for t in a.tracks for s in t.steps]
    assert not {s.body for s in steps} & OLD_TERM
    unnamed = {b.name for b in BOOK.parameters.bodies_at(dt.date(2026, 11, 24)) if b.unnamed}
    assert all(s.basis == "assumption" for s in steps if s.body in unnamed)


TERM_START = dt.date(2022, 1, 1)
IN_TERM = [  # golden cases decided within the term 2022-2025 (earlier ones have other
    p  # municipal forms of governance, dated in rules/parameters/governance.yaml)
    for p in GOLDEN
    if "date" in load_case(p)["proposal"]
    and TERM_START <= dt.date.fromisoformat(str(load_case(p)["proposal"]["date"])) <= TERM_END
]


@pytest.mark.parametrize("path", IN_TERM, ids=[p.stem for p in IN_TERM])
def test_inside_the_term_the_route_is_the_golden_one(path: Path) -> None:
    case = load_case(path)
    a = assess(Proposal.model_validate(case["proposal"] | {"date": "2025-06-26"}))
    assert summarise(a)["tracks"] == case["expected"]["tracks"]
    assert "approval.term.sources_end" not in {f.rule for f in a.findings}


def test_lint_reports_a_body_whose_last_entry_has_ended(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    bodies = rules / "parameters" / "bodies.yaml"
    text = bodies.read_text(encoding="utf-8")
    start = text.index("  - id: region.regional_development\n    name: Det stående")
    end = text.index("\n# Plain-language names")
    bodies.write_text(text[:start] + text[end:], encoding="utf-8")
    book = load_rulebook(rules, ROOT / "knowledge")
    assert book.parameters.expired(dt.date(2026, 11, 24)) == ["region.regional_development"]
    assert BOOK.parameters.expired(dt.date(2026, 11, 24)) == []


def _dates(a: Assessment, track_id: str) -> list[str | None]:
    track = next(t for t in a.tracks if t.id == track_id)
    return [s.earliest.isoformat() if s.earliest else None for s in track.steps]


def test_the_meeting_plan_gives_each_step_its_earliest_meeting_after_the_one_before() -> None:
    assert BOOK.parameters.meetings is not None and BOOK.parameters.meetings.example
    herning = _assess("herning", date="2026-12-02")
    # the administration has no meeting plan: its agreement gets no date
    assert _dates(herning, "region") == ["2026-12-10", "2027-01-12", "2027-01-20", None]
    assert _dates(herning, "dsi") == ["2027-02-03"]
    assert _dates(herning, "municipality:Herning") == [None, None, None]  # not in the plan
    decided = _assess("herning", date="2026-12-02", decided_by=[herning.tracks[0].steps[0].body])
    assert _dates(decided, "region") == [None, "2027-01-12", "2027-01-20", None]


def test_a_blocked_step_and_the_steps_after_it_have_no_date() -> None:
    region = _dates(_assess("norddjurs-region", date="2026-12-02"), "region")
    assert region[0] == "2026-12-10" and region[1:] == [None, None, None, None]


def test_a_meeting_plan_naming_an_unknown_body_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    plan = rules / "parameters" / "meetings.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "  region.nowhere: [2027-01-01]\n")
    with pytest.raises(RulesFileError, match=r"region\.nowhere"):
        load_rulebook(rules, ROOT / "knowledge")


def test_a_committee_of_an_earlier_term_gets_no_meeting_in_the_next_one() -> None:
    region = _dates(_assess("norddjurs-region"), "region")  # decided 24-06-2025, old committee
    assert region[0] is None  # the plan's meetings are in 2026-27, when it no longer sits
