"""The whole route to the final decision: each step's state, what gates the later steps."""

from __future__ import annotations

from pathlib import Path

from golden import load_case

from sie_rules import Assessment, Proposal, assess

CASES = Path(__file__).resolve().parent / "cases"


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
    assert [state for _, _, state, _, _ in region] == ["now", "later", "later", "later"]
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
    assert [s[2] for s in _track(a, "region")] == ["done", "now", "later"]
    assert [s[2] for s in _track(a, "dsi")] == ["now"]
