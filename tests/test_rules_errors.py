"""A broken rules file fails loading (and `lint`) with a message naming file, rule and field."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sie_rules.errors import RulesFileError
from sie_rules.rules.rulebook import forget_loaded_rules, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(rules: Path) -> RulesFileError:
    forget_loaded_rules()
    with pytest.raises(RulesFileError) as info:
        load_rulebook(rules, KNOWLEDGE)
    return info.value


BROKEN: dict[str, tuple[Callable[[Path], None], str, str | None, str | None]] = {
    "bad yaml": (
        lambda r: _edit(r / "funding.yaml", "rules:\n", "rules: [\n"),
        "rules/funding.yaml",
        None,
        None,
    ),
    "unknown key": (
        lambda r: _edit(
            r / "funding.yaml",
            "    title: Beløbet overstiger loftet\n",
            "    title: Beløbet overstiger loftet\n    colour: red\n",
        ),
        "rules/funding.yaml",
        "funding.ceiling.over",
        "colour",
    ),
    "missing quote": (
        lambda r: _edit(
            r / "approval.yaml", '      quote: "Orienteringen blev taget til efterretning."\n', ""
        ),
        "rules/approval.yaml",
        "approval.region.orientation",
        "source.quote",
    ),
    "quote not in document": (
        lambda r: _edit(
            r / "approval.yaml",
            "Orienteringen blev taget til",
            "Orienteringen blev aldrig taget til",
        ),
        "rules/approval.yaml",
        "approval.region.orientation",
        "source.quote",
    ),
    "unknown document": (
        lambda r: _edit(r / "approval.yaml", "doc: rm-ulis-2024-02-21", "doc: rm-ulis-1999"),
        "rules/approval.yaml",
        "approval.region.orientation",
        "source.doc",
    ),
    "unknown operator": (
        lambda r: _edit(
            r / "funding.yaml",
            "amount_dkk: {gt: {field: ceiling_dkk}}",
            "amount_dkk: {bigger: {field: ceiling_dkk}}",
        ),
        "rules/funding.yaml",
        "funding.ceiling.over",
        "when.a.amount_dkk",
    ),
    "unknown field": (
        lambda r: _edit(
            r / "funding.yaml", "ceiling_dkk: {exists: false}}", "celing_dkk: {exists: false}}"
        ),
        "rules/funding.yaml",
        "funding.result_payment.needs_ceiling",
        "when.a.celing_dkk",
    ),
    "unknown fact type": (
        lambda r: _edit(
            r / "approval.yaml", "{fact: council_decision}", "{fact: council_decisions}"
        ),
        "rules/approval.yaml",
        "approval.region.committee_recommends",
        "when.d.fact",
    ),
    "no party scope": (
        lambda r: _edit(
            r / "approval.yaml",
            "  - id: approval.term.sources_end\n    party: region\n",
            "  - id: approval.term.sources_end\n",
        ),
        "rules/approval.yaml",
        "approval.term.sources_end",
        "party",
    ),
    "municipality scope on a rule that matches no municipality": (
        lambda r: _edit(
            r / "approval.yaml",
            "  - id: approval.region.orientation\n    party: region\n",
            "  - id: approval.region.orientation\n    party: municipality\n",
        ),
        "rules/approval.yaml",
        "approval.region.orientation",
        "party",
    ),
    "comparison on text": (
        lambda r: _edit(
            r / "funding.yaml",
            "payer_kind: region, kind: result_payment, over_ceiling: false}",
            "payer_kind: {gt: region}, kind: result_payment}",
        ),
        "rules/funding.yaml",
        "funding.indstilling.reserve",
        "when.a.payer_kind",
    ),
    "template names no alias": (
        lambda r: _edit(
            r / "funding.yaml", "Der er plads i {y.pool_name}", "Der er plads i {z.pool_name}"
        ),
        "rules/funding.yaml",
        "funding.pool.room",
        "then.condition.text",
    ),
    "duplicate id": (
        lambda r: _edit(
            r / "funding.yaml", "id: funding.ceiling.none", "id: funding.ceiling.within"
        ),
        "rules/funding.yaml",
        "funding.ceiling.within",
        "id",
    ),
    "duplicate key": (
        lambda r: _edit(
            r / "funding.yaml",
            "    title: Beløbet har intet loft\n",
            "    title: Beløbet har intet loft\n    title: igen\n",
        ),
        "rules/funding.yaml",
        None,
        None,
    ),
    "impossible date": (
        lambda r: _edit(
            r / "parameters" / "bodies.yaml", "valid_until: 2025-12-31", "valid_until: 2025-02-30"
        ),
        "rules/parameters/bodies.yaml",
        None,
        None,
    ),
    "bad basis": (
        lambda r: _edit(
            r / "funding.yaml",
            "basis: assumption\n    note: Dokumenterne",
            "basis: rumour\n    note: Dokumenterne",
        ),
        "rules/funding.yaml",
        "funding.ceiling.none",
        "basis",
    ),
    "law without source": (
        lambda r: _edit(
            r / "parameters/bodies.yaml",
            "basis: assumption\n    note: Udvalgets navn",
            "basis: law\n    note: Udvalgets navn",
        ),
        "rules/parameters/bodies.yaml",
        "region.hospitals",
        None,
    ),
    "negative pool budget": (
        lambda r: _edit(r / "parameters/pools.yaml", "budget_dkk: 8000000", "budget_dkk: -8000000"),
        "rules/parameters/pools.yaml",
        "lighed_i_sundhed",
        "budgets.0.budget_dkk",
    ),
    "unknown governance process": (
        lambda r: _edit(
            r / "parameters/governance.yaml", "process: magistrat", "process: magistratsstyre"
        ),
        "rules/parameters/governance.yaml",
        "Aarhus",
        "process",
    ),
    "governance without its council": (
        lambda r: _edit(
            r / "parameters/governance.yaml",
            "finance: Økonomiudvalget, council: Borgerrepræsentationen}",
            "finance: Økonomiudvalget}",
        ),
        "rules/parameters/governance.yaml",
        "København",
        None,
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_rules_file_is_named_precisely(rules: Path, name: str) -> None:
    breaks, file, rule, field = BROKEN[name]
    breaks(rules)
    error = _error(rules)
    assert error.file == file
    assert error.rule == rule
    if field is not None:
        assert error.field == field
    assert str(error).startswith(file)


def _lint(rules: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIE_RULES_DIR": str(rules)}
    return subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "lint"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_lint_fails_on_a_rule_without_a_party_scope(rules: Path) -> None:
    BROKEN["no party scope"][0](rules)
    run = _lint(rules)
    assert run.returncode == 1
    assert "rules/approval.yaml: rule approval.term.sources_end: party" in run.stderr


def test_lint_fails_on_a_rule_without_its_english_texts(rules: Path) -> None:
    path = rules / "funding.yaml"
    text = path.read_text(encoding="utf-8")
    title = "    title_en: The amount stays within its ceiling\n"
    assert title in text
    path.write_text(text.replace(title, ""), encoding="utf-8")
    run = _lint(rules)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "sie-rules: rules/funding.yaml: rule funding.ceiling.within: title_en - missing: every "
        "rule has an English text too"
    ]
    assert _lint(Path(__file__).resolve().parent.parent / "rules").returncode == 0  # all have


def test_lint_fails_on_a_question_without_its_english_text(rules: Path) -> None:
    path = rules / "funding.yaml"
    text = path.read_text(encoding="utf-8")
    english = ', question_en: "When does the effort start'
    assert english in text
    start = text.index(english)
    path.write_text(text[:start] + text[text.index('"}', start) + 1 :], encoding="utf-8")
    run = _lint(rules)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "sie-rules: rules/funding.yaml: rule funding.repayment.period_unknown: "
        "then.ask.question_en - missing: every rule has an English text too"
    ]


def test_lint_fails_on_a_quote_without_its_english_gloss(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    glosses = knowledge / "glosses_en.yaml"
    text = glosses.read_text(encoding="utf-8")
    entry = text.index('  - doc: rm-ulis-2024-02-21\n    quote: "Orienteringen blev taget')
    glosses.write_text(text[:entry] + text[text.index("  - doc:", entry + 1) :], "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "lint"],
        env={**os.environ, "SIE_KNOWLEDGE_DIR": str(knowledge)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    missing = (
        "source: its quote has no English gloss in knowledge/glosses_en.yaml - missing: every "
        "rule has an English text too"
    )
    assert run.stderr.strip().splitlines() == [  # the region's and a municipality's orientation
        f"sie-rules: rules/approval.yaml: rule approval.region.orientation: {missing}",
        f"sie-rules: rules/approval.yaml: rule approval.municipality.orientation: {missing}",
    ]


def test_lint_command_reports_the_broken_file_in_one_line(rules: Path) -> None:
    BROKEN["unknown field"][0](rules)
    run = _lint(rules)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    where = "rules/funding.yaml: rule funding.result_payment.needs_ceiling: when.a.celing_dkk"
    assert where in lines[0]


def test_the_shipped_rules_load() -> None:
    forget_loaded_rules()
    book = load_rulebook((ROOT / "rules").resolve(), KNOWLEDGE.resolve())
    assert len(book.rules) > 50 and len(book.version) == 12


CYCLE = """
  - id: zz.cycle.a
    party: case
    title: A
    explanation: A derives a loop fact from a case.
    basis: assumption
    note: test rule
    when:
      case: {request_kind: [grant]}
    then:
      derive: {type: loop_x, n: 1}
  - id: zz.cycle.b
    party: case
    title: B
    explanation: B derives y from x.
    basis: assumption
    note: test rule
    when:
      x: {fact: loop_x}
    then:
      derive: {type: loop_y, n: 1}
  - id: zz.cycle.c
    party: case
    title: C
    explanation: C derives x from y again.
    basis: assumption
    note: test rule
    when:
      y: {fact: loop_y}
    then:
      derive: {type: loop_x, n: 2}
"""


def test_a_cycle_of_derived_facts_is_refused_with_the_rule_ids(rules: Path) -> None:
    path = rules / "funding.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip() + CYCLE, encoding="utf-8")
    error = _error(rules)
    assert error.file == "rules/funding.yaml" and error.field == "then.derive"
    assert "cycle" in str(error) and "zz.cycle.b, zz.cycle.c" in str(error)
    run = _lint(rules)
    assert run.returncode == 1 and "zz.cycle.b" in run.stderr and "Traceback" not in run.stderr


def test_basis_law_on_a_quote_that_is_not_statute_text_is_refused(rules: Path) -> None:
    """The committee's advisory role is quoted from the ministry's guidance, not the law."""
    _edit(
        rules / "approval.yaml",
        "basis: practice\n    note: Kilden er Indenrigs- og Sundhedsministeriets vejledning",
        "basis: law\n    note: Kilden er Indenrigs- og Sundhedsministeriets vejledning",
    )
    error = _error(rules)
    assert (error.file, error.rule, error.field) == (
        "rules/approval.yaml",
        "approval.region.council_decision",
        "basis",
    )
    assert "guidance passage" in str(error)


def test_a_quote_is_labelled_by_the_passage_it_stands_in() -> None:
    corpus = load_rulebook(ROOT / "rules", KNOWLEDGE).corpus
    kind = functools.partial(corpus.passage_kind, "lovgrundlag-uddrag")
    assert kind("Forretningsudvalgets erklæring skal indhentes om enhver sag")[0] == "statute"
    assert kind("Om et projekt skal støttes af fonden, besluttes af regionsrådet.")[0] == "news"
    assert kind("regionen afsatte 8 mio. kr. i 2023")[0] == "summary"
    # text in quotation marks on a summary line is verbatim, so it keeps its section's kind
    assert kind("før kommunalbestyrelsen har meddelt den fornødne bevilling")[0] == "statute"
    assert kind("Beslutninger om disponering af fondens midler")[0] == "bill"
