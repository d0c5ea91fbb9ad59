"""Rules say only what they concern: a party's rules are silent when that party is absent, and
a case in which Region Midtjylland is no party is not the region's (the scope finding and the
outcome `out_of_scope`, never `not_eligible`), with the other parties' routes still shown.

Checked on the real public cases (tests/cases/public/, none with the region as a party) and on
generated proposals with and without the region, DSI, municipalities and foundations.
"""

from __future__ import annotations

import yaml
from golden import ROOT, load_case
from hypothesis import HealthCheck, given, settings
from strategies import proposals

from sie_rules import Assessment, Proposal
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.model import PartyKind

BOOK = current_rulebook()
PUBLIC = sorted((ROOT / "tests" / "cases" / "public").glob("*.yaml"))


def _scoped(party: str) -> set[str]:
    return {rid for rid, rule in BOOK.rules.items() if rule.party == party}


def _concluded(a: Assessment) -> set[str]:
    steps = {s.rule for t in a.tracks for s in t.steps}
    return {f.rule for f in a.findings} | {c.rule for c in a.conditions} | steps


def test_there_are_at_least_fifteen_real_public_cases_each_with_its_sources() -> None:
    assert len(PUBLIC) >= 15
    for path in PUBLIC:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert case["sources"], path.name
        for source in case["sources"]:
            assert source["url"].startswith("http") and source["says"].strip(), path.name
        assert isinstance(case.get("not_stated"), list), f"{path.name}: say what is not stated"


SCOPE = "eligibility.scope.region_not_party"


def _not_the_regions(a: Assessment) -> None:
    """What a case without the region gets: the scope finding and outcome, no region track,
    nothing from a region rule."""
    assert "region" not in {t.id for t in a.tracks}
    assert not _concluded(a) & _scoped("region"), _concluded(a) & _scoped("region")
    assert SCOPE in {f.rule for f in a.findings}
    assert a.outcome == "out_of_scope"


def test_in_the_public_cases_without_the_region_no_region_rule_says_anything() -> None:
    for path in PUBLIC:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        a = evaluate(BOOK, Proposal.model_validate(case["proposal"]))
        assert not any(p.kind == PartyKind.region for p in a.proposal.parties), path.name
        _not_the_regions(a)


def test_a_case_without_the_region_is_not_refused_but_not_the_regions_with_its_route_shown() -> (
    None
):
    """The Vejen and København items read as a region party used to end `not_eligible`: a
    municipality outside the region blocked the region's own track. Without the region the
    municipality's own route is shown, and the outcome is the scope finding's."""
    raw = load_case(ROOT / "tests" / "cases" / "edge-outside-region.yaml")
    with_region = evaluate(BOOK, Proposal.model_validate(raw["proposal"]))
    assert with_region.outcome == "not_eligible"
    parties = [p for p in raw["proposal"]["parties"] if p["kind"] != "region"]
    payers = [g | {"payers": ["Odense Kommune"]} for g in raw["proposal"]["payment_goals"]]
    a = evaluate(
        BOOK,
        Proposal.model_validate(raw["proposal"] | {"parties": parties, "payment_goals": payers}),
    )
    _not_the_regions(a)
    odense = next(t for t in a.tracks if t.id == "municipality:Odense")
    assert [s.body for s in odense.steps][-1] == "Byrådet (Odense Kommune)"
    scope = next(f for f in a.findings if f.rule == SCOPE)
    assert scope.text.startswith("Ikke en sag for Region Midtjylland")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals())
def test_a_party_absent_from_the_case_gets_no_track_and_no_rule_of_its_own(raw: dict) -> None:
    a = evaluate(BOOK, Proposal.model_validate(raw))
    kinds = {p.kind for p in a.proposal.parties}
    tracks = {t.id.split(":")[0] for t in a.tracks}
    concluded = _concluded(a)
    if PartyKind.region not in kinds:  # a region that is no party: only the scope finding
        _not_the_regions(a)
        assert {f.rule for f in a.findings if f.rule in _scoped("region")} == set()
    for party, kind in (("region", PartyKind.region), ("dsi", PartyKind.dsi)):
        if kind not in kinds:
            assert party not in tracks
            assert not concluded & _scoped(party), concluded & _scoped(party)
    for party, kind in (
        ("municipality", PartyKind.municipality),
        ("foundation", PartyKind.foundation),
    ):
        if kind not in kinds:
            assert party not in tracks
            assert not concluded & _scoped(party)
    if PartyKind.region not in kinds:
        assert a.indstilling == [], "the draft indstilling is the region's"
