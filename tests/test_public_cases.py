"""Real public cases of the kinds a municipality's own items take: its orientation, an
application for a DSI development partnership, a decision taken in the budget and a committee
deciding within its own frame. Each route is as its source shows it (the whole expectation is
in the case file; these tests name what each case is there to show)."""

from __future__ import annotations

from pathlib import Path

import yaml
from golden import ROOT, load_case

from sie_rules import Assessment, Proposal, assess

PUBLIC = ROOT / "tests" / "cases" / "public"


def _assess(name: str) -> Assessment:
    return assess(Proposal.model_validate(load_case(PUBLIC / f"{name}.yaml")["proposal"]))


def _route(a: Assessment) -> dict[str, list[tuple[str, str, str]]]:
    return {t.id: [(s.body, s.action, s.state) for s in t.steps] for t in a.tracks}


def test_a_municipalitys_own_orientation_is_taken_to_note_by_its_committee() -> None:
    """København, Økonomiudvalget 14-12-2021: "tages til efterretning"; no region track."""
    a = _assess("kobenhavn-modeller-sociale-investeringer")
    assert _route(a) == {
        "municipality:Københavns": [("Økonomiudvalget (Københavns Kommune)", "notes", "now")]
    }
    assert a.outcome == "out_of_scope" and a.missing == []


def test_an_application_for_a_development_partnership_asks_nothing_about_an_investment() -> None:
    """Holbæk 2021: the committee decided to apply, DSI selects, 300.000 kr. follow."""
    a = _assess("holbaek-udviklingspartnerskab-ansoegning")
    assert _route(a) == {
        "municipality:Holbæk": [("Beskæftigelsesudvalget (Holbæk Kommune)", "decides", "done")],
        "dsi": [("Den Sociale Investeringsfond", "decides", "now")],
    }
    assert [m.field for m in a.missing] == ["amounts.0.years"]  # the grant's years only
    assert not {f.rule for f in a.findings} & {
        "eligibility.roles.investor_missing",
        "eligibility.payment_goals.missing",
    }
    selected = _assess("holbaek-udviklingspartnerskab")  # DSI's selection, 1-7-2021
    assert {s.state for t in selected.tracks for s in t.steps} == {"done"}


def test_a_decision_taken_in_the_budget_is_done_and_the_steps_before_it_passed() -> None:
    """Aarhus budget 2018 by its own form: Magistraten prepares, Byrådet decides."""
    assert _route(_assess("aarhus-social-investeringsfond-budget-2018")) == {
        "municipality:Aarhus": [
            ("Magistraten (Aarhus Kommune)", "prepares", "done"),
            ("Byrådet (Aarhus Kommune)", "decides", "done"),
        ]
    }
    for name, council in (
        ("odense-investeringsramme-budget-2017", "Byrådet (Odense Kommune)"),
        ("ringsted-social-investeringsfond", "Byrådet (Ringsted Kommune)"),
    ):
        (steps,) = _route(_assess(name)).values()
        assert steps[-1] == (council, "decides", "done")
        assert {state for *_, state in steps} == {"done"}


def test_a_committee_deciding_within_its_own_frame_is_the_only_municipal_step() -> None:
    """Brøndby, February 2021: "godkendte Beskæftigelsesudvalget … en social investering"."""
    route = _route(_assess("broendby-tuba-udvalgsbeslutning"))
    assert route["municipality:Brøndby"] == [
        ("Beskæftigelsesudvalget (Brøndby Kommune)", "decides", "done")
    ]
    assert route["dsi"] == [("Bestyrelsen i Den Sociale Investeringsfond", "decides", "now")]


def test_another_investor_than_dsi_gets_no_dsi_track_and_commits_nothing_as_a_foundation() -> None:
    """Aalborg's IMPACT60: Den Sociale Kapitalfond lays out the money, not DSI."""
    a = _assess("aalborg-impact60")
    assert set(_route(a)) == {"municipality:Aalborg"}
    assert [s.body for s in a.tracks[0].steps][-1] == "Byrådet (Aalborg Kommune)"


def test_each_reading_text_is_the_published_text_of_a_case_with_its_address() -> None:
    texts = sorted((PUBLIC / "texts").glob("*.txt"))
    assert len(texts) >= 2
    for path in texts:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# http"), path.name
        case = yaml.safe_load(Path(PUBLIC / f"{path.stem}.yaml").read_text(encoding="utf-8"))
        assert first.removeprefix("# ") in {s["url"] for s in case["sources"]}, path.name


def _read_published(name: str) -> Assessment:
    from sie_rules.intake import assess_text

    return assess_text((PUBLIC / "texts" / f"{name}.txt").read_text(encoding="utf-8"))


def test_a_municipalitys_published_orientation_read_from_its_text_has_no_region() -> None:
    """København's Økonomiudvalg item of 14-12-2021, pasted: the municipality's own committee
    takes note; the region is no party and gets no track."""
    a = _read_published("kobenhavn-modeller-sociale-investeringer")
    assert a.outcome == "out_of_scope"
    assert not any(p.kind == "region" for p in a.proposal.parties)
    assert _route(a) == {
        "municipality:København": [("Økonomiudvalget (København Kommune)", "notes", "now")]
    }


def test_a_municipal_committees_published_item_read_from_its_text_is_its_own() -> None:
    """Odense 17-05-2017, pasted: the committee's own item; "har byrådet i Budget 2017 afsat en
    ramme på op til 50 mio. kr. til investering" is the council's budget decision, done."""
    a = _read_published("odense-investeringsprojekter-beskaeftigelse")
    assert not any(p.kind == "region" for p in a.proposal.parties)
    assert set(_route(a)) == {"municipality:Odense"}
    assert a.proposal.decided_by == ["Byrådet (Odense Kommune)"]


def _source_words(name: str, title: bool = False) -> Assessment:
    """The case read from the words its first source says, as its file records them (with the
    item's title when a pasted item would carry one)."""
    from sie_rules.intake import assess_text

    case = load_case(PUBLIC / f"{name}.yaml")
    words = case["sources"][0]["says"]
    return assess_text(f"{case['proposal']['title']}\n\n{words}" if title else words)


def test_an_application_for_a_development_partnership_read_from_its_words() -> None:
    """Holbæk 2021 as the article tells it: the committee's green light is a done step, DSI
    selects, the 300.000 kr. is DSI's development money; no investor or goals are asked."""
    a = _source_words("holbaek-udviklingspartnerskab-ansoegning", title=True)
    assert a.proposal.request_kind == "development_partnership"
    assert _route(a) == _route(_assess("holbaek-udviklingspartnerskab-ansoegning"))
    assert ("development", "Den Sociale Investeringsfond", 300_000) in {
        (x.kind, x.payer, x.amount_dkk) for x in a.proposal.amounts
    }
    assert not {m.field for m in a.missing} & {"parties.investor", "payment_goals"}


def test_a_committees_own_decision_read_from_its_words_is_done_and_the_region_no_party() -> None:
    """Brøndby 2021: "I februar 2021 godkendte Beskæftigelsesudvalget i Brøndby Kommune en
    social investering" fills decided_by; Brøndby lies outside the region, which is no party."""
    a = _source_words("broendby-tuba-udvalgsbeslutning")
    assert a.proposal.decided_by == ["Beskæftigelsesudvalget (Brøndby Kommune)"]
    assert not any(p.kind == "region" for p in a.proposal.parties)
    assert a.outcome == "out_of_scope"


def test_vejens_status_item_as_the_issue_quotes_it_is_the_municipalitys_own() -> None:
    """Vejen Kommune's item of 25-11-2025 ("Status vedr. social effektinvestering"), pasted as
    far as its words are quoted (#33; the whole published item was not at hand offline): the
    committee takes note, the budget decision is done, the region takes no part."""
    from sie_rules.intake import assess_text

    a = assess_text(
        "Vejen Kommune\nUdvalget for arbejdsmarked og integration, 25-11-2025\n\n"
        "Status vedr. social effektinvestering\n\n"
        "Som led i budget 2025-2028 vedtog Byrådet at gennemføre en social effektinvestering."
        "\n\nBeslutning: Taget til efterretning."
    )
    assert a.outcome == "out_of_scope"
    assert not any(p.kind == "region" for p in a.proposal.parties)
    assert a.proposal.decided_by == ["Kommunalbestyrelsen (Vejen Kommune)"]
    assert _route(a) == {
        "municipality:Vejen": [
            ("Udvalget for arbejdsmarked og integration (Vejen Kommune)", "notes", "now")
        ]
    }
