"""What-if sweeps: deterministic variants, the same summary on one or two processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sie_rules.cli import main
from sie_rules.explain.sweep import make_variant, sweep

HERNING_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "cases" / "herning.yaml"
HERNING = yaml.safe_load(HERNING_FILE.read_text(encoding="utf-8"))


def test_variants_are_deterministic_and_leave_the_base_alone() -> None:
    before = json.dumps(HERNING, sort_keys=True, default=str)
    assert make_variant(HERNING, 7, 3) == make_variant(HERNING, 7, 3)
    assert make_variant(HERNING, 7, 3) != make_variant(HERNING, 7, 4)
    assert json.dumps(HERNING, sort_keys=True, default=str) == before


def test_one_and_two_processes_give_the_same_summary() -> None:
    one = sweep(HERNING, 600, workers=1, seed=3)
    two = sweep(HERNING, 600, workers=2, seed=3)
    assert one.as_dict() | {"seconds": 0} == two.as_dict() | {"seconds": 0}
    assert sum(one.outcomes.values()) + one.invalid == 600
    assert len(one.paths) > 5  # the variants really take different paths
    assert "approval.municipality.financing_not_found" in one.unmet


def test_sweep_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["sweep", str(HERNING_FILE), "-n", "300", "--workers", "2", "--json", "--quiet"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["variants"] == 300 and sum(data["outcomes"].values()) + data["invalid"] == 300
