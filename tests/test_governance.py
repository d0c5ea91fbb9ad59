"""Every municipality's own way: the form of governance in rules/parameters/governance.yaml
gives a municipality's route and its bodies' names when the proposal does not say; a
municipality with no data keeps the standard route, labelled as the assumption it is."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from golden import ROOT

from sie_rules import Assessment, Proposal
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.explain.memo_files import render_markdown

BOOK = current_rulebook()


def _assess(municipality: str, date: str = "2025-06-26", **party: Any) -> Assessment:
    """A final approval in which `municipality` pays for results beside the region."""
    raw = {
        "title": "Fælles indsats",
        "request_kind": "final_approval",
        "date": date,
        "parties": [
            {"name": "Region Midtjylland", "kind": "region", "roles": ["authority"]},
            {"name": municipality, "kind": "municipality", "roles": ["result_payer"]} | party,
            {"name": "Den Sociale Investeringsfond", "kind": "dsi", "roles": ["investor"]},
        ],
    }
    return evaluate(BOOK, Proposal.model_validate(raw))


def _route(a: Assessment, track_id: str) -> list[tuple[str, str]]:
    track = next(t for t in a.tracks if t.id == track_id)
    return [(s.body, s.action) for s in track.steps]


@pytest.mark.parametrize(
    ("municipality", "track", "route"),
    [
        (
            "Aarhus Kommune",
            "municipality:Aarhus",
            [("Magistraten (Aarhus Kommune)", "prepares"), ("Byrådet (Aarhus Kommune)", "decides")],
        ),
        (
            "Odense Kommune",
            "municipality:Odense",
            [
                ("Fagudvalget (Odense Kommune)", "recommends"),
                ("Økonomiudvalget (Odense Kommune)", "prepares"),
                ("Byrådet (Odense Kommune)", "decides"),
            ],
        ),
        (
            "Aalborg Kommune",
            "municipality:Aalborg",
            [
                ("Fagudvalget (Aalborg Kommune)", "recommends"),
                ("Økonomiudvalget (Aalborg Kommune)", "prepares"),
                ("Byrådet (Aalborg Kommune)", "decides"),
            ],
        ),
        (
            "Københavns Kommune",
            "municipality:Københavns",
            [
                ("Fagudvalget (Københavns Kommune)", "recommends"),
                ("Økonomiudvalget (Københavns Kommune)", "prepares"),
                ("Borgerrepræsentationen (Københavns Kommune)", "decides"),
            ],
        ),
    ],
)
def test_the_large_municipalities_get_their_own_bodies_without_a_process_given(
    municipality: str, track: str, route: list[tuple[str, str]]
) -> None:
    a = _assess(municipality)
    assert _route(a, track) == route
    form = next(f for f in a.findings if f.rule == "approval.municipality.form_own")
    assert form.track == track and form.basis == "assumption" and not form.gate


def test_aarhus_invests_through_its_own_fund_only_while_its_council_is_appointed() -> None:
    """Rådet for Sociale Investeringer: established 29-04-2020, appointed to the end of 2026."""
    routes = {
        day: _route(
            _assess("Aarhus Kommune", day, roles=["investor", "result_payer"]),
            "municipality:Aarhus",
        )
        for day in ("2019-06-01", "2024-06-01", "2027-06-01")
    }
    assert routes["2024-06-01"] == [("Rådet for Sociale Investeringer (Aarhus Kommune)", "decides")]
    magistrat = [
        ("Magistraten (Aarhus Kommune)", "prepares"),
        ("Byrådet (Aarhus Kommune)", "decides"),
    ]
    assert routes["2019-06-01"] == routes["2027-06-01"] == magistrat


def test_a_municipality_without_data_keeps_the_standard_route_labelled_an_assumption() -> None:
    a = _assess("Horsens Kommune")
    track = next(t for t in a.tracks if t.id == "municipality:Horsens")
    assert [s.body for s in track.steps] == [
        "Fagudvalget (Horsens Kommune)",
        "Økonomiudvalget (Horsens Kommune)",
        "Kommunalbestyrelsen (Horsens Kommune)",
    ]
    assert {s.basis for s in track.steps} == {"assumption"}
    form = next(f for f in a.findings if f.rule == "approval.municipality.form_assumed")
    assert form.track == track.id and form.status == "unknown" and not form.gate
    assert a.outcome == _assess("Horsens Kommune").outcome  # advisory: it decides nothing
    route = render_markdown(a, BOOK).split("## Godkendelsesvej")[1].split("## Betingelser")[0]
    assert "Kilderne beskriver ikke Horsens Kommunes styreform" in route  # says which and why


def test_the_process_the_proposal_gives_comes_before_the_municipalitys_own_form() -> None:
    a = _assess("Aarhus Kommune", process="delegated", committee="Sociale Forhold og Beskæftigelse")
    assert _route(a, "municipality:Aarhus") == [
        ("Sociale Forhold og Beskæftigelse (Aarhus Kommune)", "decides")
    ]
    assert "approval.municipality.form_stated" in {f.rule for f in a.findings}


def test_a_form_finding_is_shown_only_with_the_route_it_explains() -> None:
    """A municipality with no route of its own (no money, not its item) gets no form note."""
    raw = _assess("Aarhus Kommune").proposal.model_dump(mode="json")
    raw["parties"][1]["roles"] = ["partner"]
    a = evaluate(BOOK, Proposal.model_validate(raw))
    assert "municipality:Aarhus" not in {t.id for t in a.tracks}
    assert not [f for f in a.findings if f.rule.startswith("approval.municipality.form")]


def test_every_governance_entry_names_its_source_and_its_processes_are_known() -> None:
    g = BOOK.parameters.governance
    for entry in [g.default, *g.municipalities]:
        assert entry.source is not None or re.search(r"https?://", entry.note or ""), entry
    for entry in g.municipalities:
        assert entry.process in BOOK.parameters.labels.processes
    copenhagen = BOOK.parameters.governance_at("Københavns", dt.date(2021, 12, 14))
    assert copenhagen is not None and copenhagen.bodies["council"] == "Borgerrepræsentationen"
    assert BOOK.parameters.governance_at("Horsens", dt.date(2025, 1, 1)) is None


def test_the_code_knows_no_municipal_body_name() -> None:
    """Rules are data: no name of a municipal body in rules/parameters/governance.yaml appears
    in the package's code outside the text reader (whose words are its own lexicon)."""
    g = BOOK.parameters.governance
    names = {n for e in [g.default, *g.municipalities] for n in e.bodies.values()}
    names |= {e.own_fund.body for e in g.municipalities if e.own_fund}
    code = [
        p
        for p in (ROOT / "sie_rules").rglob("*.py")
        if "intake" not in p.relative_to(ROOT / "sie_rules").parts
    ]
    found = {(p.name, n) for p in code for n in names if n in p.read_text(encoding="utf-8")}
    assert found == set()
