"""The `sie-rules` command: golden output, JSON contract, and bad input -> exit 2, one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sie_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
HERNING = ROOT / "knowledge" / "cases" / "herning.yaml"


def test_assess_prints_tracks_amounts_and_conditions_with_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["assess", str(HERNING)]) == 0
    out = capsys.readouterr().out.replace("\\:", ":")  # the memo escapes ':' (Markdown)
    assert "1. Udvalg for lighed i sundhed anbefaler" in out
    assert "3. Regionsrådet beslutter" in out
    assert (
        "Resultatbetaling fra Region Midtjylland til Den Sociale Investeringsfond: 3,6 mio. kr., "
        "loft 3,6 mio. kr., 2027-2031" in out
    )
    assert "Tilbagebetalingsvindue: 2027-2031." in out
    assert "*Lov – Lovgrundlag – uddrag (regionsloven, kommunestyrelsesloven, lov om Den " in out
    body, appendix = out.split("## Teknisk bilag")  # the rule behind each item: in the appendix
    assert "executive\\_prepares" not in body
    row = "| Godkendelsesvej, Region Midtjylland | 2 | approval.region.executive\\_prepares |"
    assert row in appendix


def test_assess_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(HERNING), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {
        "rules_version",
        "proposal",
        "outcome",
        "missing",
        "findings",
        "tracks",
        "amounts",
        "conditions",
        "indstilling",
    } <= set(data)
    assert data["outcome"] == "eligible"
    assert [t["id"] for t in data["tracks"]] == [
        "region",
        "municipality:Herning",
        "dsi",
        "foundation:Landsbyggefonden",
    ]
    step = data["tracks"][0]["steps"][0]
    assert set(step) >= {"order", "body", "action", "rule", "source"}
    amount = data["amounts"][0]
    assert (amount["kind"], amount["amount_dkk"], amount["ceiling_dkk"], amount["status"]) == (
        "result_payment",
        3_600_000,
        3_600_000,
        "within",
    )


def _assess_file(tmp_path: Path, content: bytes | str, name: str = "p.yaml") -> tuple[int, str]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in run.stderr
    return run.returncode, run.stderr.strip()


BASE = (
    "title: T\nrequest_kind: grant\n"
    "parties: [{name: R, kind: region}, {name: O, kind: organisation}]\n"
)
INVALID = {
    "negative amount": (
        BASE + "amounts: [{kind: grant, payer: R, amount_dkk: -5}]\n",
        "amounts.0.amount_dkk",
    ),
    "end before start": (
        BASE + "effort_start: 2030\neffort_end: 2026\n",
        "effort_end (2026) is before",
    ),
    "goal without payer": (
        BASE + "payment_goals: [{name: Trivsel, payers: []}]\n",
        "payment_goals.0.payers",
    ),
    "goal payer unknown": (
        BASE + "payment_goals: [{name: Trivsel, payers: [X]}]\n",
        "payment_goals.0.payers: 'X' is not one of the parties",
    ),
    "unknown request kind": ("title: T\nrequest_kind: bribe\n", "request_kind"),
    "unknown key": (BASE + "colour: red\n", "colour"),
    "amount as text": (
        BASE + "amounts: [{kind: grant, payer: R, amount_dkk: mange}]\n",
        "amounts.0.amount_dkk",
    ),
    "not a mapping": ("- just\n- a list\n", "must be a mapping"),
    "bad yaml": ("title: [unclosed\n", "not valid YAML/JSON"),
    "yaml alias bomb": ("a: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n", "aliases"),
    "unknown field of case": (
        BASE + "fields: [astrologi]\n",
        "fields.0: unknown field 'astrologi'",
    ),
    "empty file": ("", "must be a mapping"),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_proposal_gives_exit_2_and_one_line_naming_the_field(
    tmp_path: Path, name: str
) -> None:
    content, expected = INVALID[name]
    code, err = _assess_file(tmp_path, content)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert expected in err


def test_five_megabyte_file_is_refused(tmp_path: Path) -> None:
    code, err = _assess_file(tmp_path, BASE + "# " + "x" * 5_000_000 + "\n")
    assert code == 2 and "5.0 MB; the limit is 1 MB" in err


def test_non_utf8_bytes_are_refused(tmp_path: Path) -> None:
    code, err = _assess_file(tmp_path, "title: Sag om ældre\n".encode("latin-1"))
    assert code == 2 and "not UTF-8" in err


def test_missing_file(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "cannot read" in run.stderr and "Traceback" not in run.stderr


def test_json_proposal_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(
            {
                "title": "Netværk",
                "request_kind": "network_partner",
                "parties": [{"name": "Region Midtjylland", "kind": "region"}],
            }
        )
    )
    assert main(["assess", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "eligible"
