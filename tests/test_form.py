"""The proposal form's data: what it shows and what saving changes (no Streamlit needed)."""

from __future__ import annotations

import copy

from golden import CASES, load_case

from sie_rules.ui.form_data import form_values, patched


def _draft(name: str) -> dict:
    return load_case(next(p for p in CASES if p.stem == name))["proposal"]


def test_an_edit_keeps_what_the_form_does_not_show() -> None:
    draft = _draft("norddjurs-municipality")  # a committee, budget status and a target group
    shown = form_values(draft)
    left = copy.deepcopy(shown)
    left["parties"].at[0, "roles"] = ["authority"]
    out = patched(draft, shown, left)
    assert out is not None
    norddjurs = next(p for p in out["parties"] if p["name"] == "Norddjurs Kommune")
    assert norddjurs["roles"] == ["authority"]
    assert norddjurs["committee"] == "Voksen- og Plejeudvalget"
    assert norddjurs["budget_adopted"] is False and norddjurs["financing_found"] is False
    assert out["amounts"] == draft["amounts"] and out["payment_goals"] == draft["payment_goals"]


def test_an_amount_keeps_its_spread_by_year_unless_its_sum_or_years_change() -> None:
    draft = _draft("herning")
    development = next(a for a in draft["amounts"] if a["kind"] == "development")
    development["by_year"] = {2026: 300000, 2027: 200000}
    shown = form_values(draft)
    left = copy.deepcopy(shown)
    left["title"] = "Herning, nyt navn"
    left["amounts"].loc[0, "recipient"] = "DSI"
    out = patched(draft, shown, left)
    assert out is not None and out["title"] == "Herning, nyt navn"
    development = next(a for a in out["amounts"] if a["kind"] == "development")
    assert development["by_year"] == {2026: 300000, 2027: 200000}
    left["amounts"].loc[1, "amount_dkk"] = 600_000
    out = patched(draft, shown, left)
    assert out is not None
    assert "by_year" not in next(a for a in out["amounts"] if a["kind"] == "development")


def test_what_the_form_does_not_show_of_an_amount_is_kept() -> None:
    """Joint payers, yearly caps and the like are not columns of the form; editing another
    cell must not drop them, and changing the years drops only what depends on them."""
    draft = _draft("herning")
    shown = form_values(draft)
    left = copy.deepcopy(shown)
    left["title"] = "Herning, nyt navn"
    out = patched(draft, shown, left)
    assert out is not None
    capital = next(a for a in out["amounts"] if a["kind"] == "risk_capital")
    assert capital["joint_payers"] == ["Landsbyggefonden"]
    development = next(a for a in out["amounts"] if a["kind"] == "development")
    assert development["ceiling_by_year"] == {2026: 300000, 2027: 200000}
    left["amounts"].loc[1, "years"] = "2026-2028"
    out = patched(draft, shown, left)
    assert out is not None
    assert "ceiling_by_year" not in next(a for a in out["amounts"] if a["kind"] == "development")


def test_clearing_a_value_removes_it_and_setting_one_adds_it() -> None:
    draft = _draft("herning")
    shown = form_values(draft)
    left = copy.deepcopy(shown)
    left["follow_up_years"] = None
    left["decided_by"] = ["Udvalg for lighed i sundhed"]
    out = patched(draft, shown, left)
    assert out is not None and "follow_up_years" not in out
    assert out["decided_by"] == ["Udvalg for lighed i sundhed"]
    assert out["date"] == draft["date"]
