"""Hostile input never gives a traceback or a hang: proposal files the CLI and the API refuse
in one line, texts the intake reads in bounded time, and every regular expression of the
intake linear on adversarial text. A wall-time limit per case makes a hang fail the test."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import regex_budget
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_eval import load_cases
from limits import time_limit

from sie_rules.errors import ProposalError
from sie_rules.intake import DialogueState, current_intake
from sie_rules.intake.pipeline import extract
from sie_rules.proposal_files import parse_proposal

LIMIT_SECONDS = 1.0  # per file or pattern; generous, so only a hang or a blow-up fails
TEXT_LIMIT_SECONDS = 10.0  # per 100 KB text: a hang guard (about 0.5 s; bench_hostile measures)
DIGITS = "9" * 5000
HOSTILE_FILES = {
    "integer of 5,000 digits (YAML)": f"title: x\namounts: [{{amount_dkk: {DIGITS}}}]\n",
    "integer of 5,000 digits (JSON)": f'{{"title": "x", "amounts": [{{"amount_dkk": {DIGITS}}}]}}',
    "30 February": "title: x\ndate: 2025-02-30\n",
    "month 13": "title: x\ndate: 2025-13-01\n",
    "hour 25": "title: x\ndate: 2025-01-01T25:00:00\n",
    "list nested 1,000 deep": "a: " + "[" * 1000 + "]" * 1000,
    "list nested 100,000 deep": "a: " + "[" * 100_000 + "]" * 100_000,
    "map nested 1,000 deep (JSON)": '{"a": ' * 1000 + "1" + "}" * 1000,
    "block map nested 500 deep": "\n".join(" " * i + "a:" for i in range(500)),
    "duplicate key": "title: x\ntitle: y\nrequest_kind: grant\n",
}


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_a_hostile_proposal_is_a_one_line_proposal_error_in_the_api(name: str) -> None:
    with pytest.raises(ProposalError) as raised, time_limit(LIMIT_SECONDS, name):
        parse_proposal(HOSTILE_FILES[name], "proposal.yaml")
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 400


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_a_hostile_proposal_file_exits_2_with_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / "proposal.yaml"
    path.write_text(HOSTILE_FILES[name], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2, run.stderr[-800:]
    assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1, run.stderr[-800:]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, json.dumps([{"id": "x", "n": int("9" * 4000)}])[:-3] + "99]"],
    ids=["nested 100,000 deep", "integer of 5,000 digits"],
)
def test_a_hostile_case_import_exits_2_with_one_line(content: str, tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(content.replace("4000", "5000"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "cases", "import", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "SIE_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"},
    )
    assert run.returncode == 2, run.stderr[-800:]
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


json_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_trees)
def test_any_json_document_is_a_proposal_or_a_proposal_error(tree: object) -> None:
    with contextlib.suppress(ProposalError):
        parse_proposal(json.dumps(tree))


def _amounts_text(n: int) -> str:
    """n amounts chosen so that no few of them add up to another (the old subset search)."""
    values = [1000 + 5000 * i + (i * i * 7) % 997 for i in range(n)]
    return "Ansøgning om støtte. " + " ".join(
        f"Støtte på {v:,} kr.".replace(",", ".") for v in values
    )


ADVERSARIAL_TEXTS = {
    "150 amounts": _amounts_text(150),
    **{f"100 KB of {k}": v for k, v in regex_budget.ADVERSARIAL.items()},
    "a sentence of 16,000 amounts": "1 kr. " * 16_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL_TEXTS)
def test_the_intake_reads_an_adversarial_text_in_bounded_time(name: str) -> None:
    intake = current_intake()
    try:
        with time_limit(TEXT_LIMIT_SECONDS, f"reading {name}"):
            extract(ADVERSARIAL_TEXTS[name], intake.lex, intake.book.parameters)
    except ProposalError as exc:
        assert exc.field == "text"  # "too long or too complex": a clear answer, not a hang


def test_the_chat_answers_a_text_too_complex_to_read() -> None:
    reply = current_intake().respond(DialogueState(), "1 kr. " * 16_000)
    assert "for lang eller for kompliceret" in reply.text
    assert reply.state.turns[0].text.startswith("1 kr.")  # what the user typed is kept


def _read_evaluation_texts() -> None:
    intake = current_intake()
    for case in load_cases():
        text = case["text"]
        state = intake.respond(DialogueState(), text).state
        for turn in ("ja", "hvorfor?", "hvad hvis kommunen ikke kan finde finansiering?", "5 år"):
            state = intake.respond(state, turn).state
        extract(text, intake.lex, intake.book.parameters)


def test_every_intake_pattern_is_linear_on_100_kb_of_adversarial_text() -> None:
    patterns = {
        **regex_budget.module_patterns(),
        **regex_budget.called_patterns(_read_evaluation_texts),
    }
    assert len(patterns) > 50  # the collection works
    slow = {
        name: f"{worst:.2f} s on {on}"
        for name, worst, on in regex_budget.timings(patterns)
        if worst > LIMIT_SECONDS
    }
    assert slow == {}
