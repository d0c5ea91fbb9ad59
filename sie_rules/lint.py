"""`sie-rules lint`: check rules/ and report which rules the golden cases never fire."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sie_rules import strict_yaml
from sie_rules.errors import ProposalError
from sie_rules.explain.assess import evaluate
from sie_rules.knowledge.corpus import Corpus
from sie_rules.model import Proposal
from sie_rules.proposal_files import read_proposal, validate_proposal
from sie_rules.rules.files import Rule
from sie_rules.rules.rulebook import Rulebook


@dataclass(frozen=True)
class LintReport:
    rules: int
    quotes_checked: int
    cases: int
    never_fired: list[str]
    expired: list[str]  # bodies whose last dated entry ended before today
    untranslated: list[str]  # "file: rule id: field" of every missing English text


def _untranslated(rule: Rule, corpus: Corpus) -> list[str]:
    """The fields of a rule that lack their English text (the quote's gloss included)."""
    missing = [field for field in ("title_en", "explanation_en") if not getattr(rule, field)]
    if rule.then.ask and not rule.then.ask.question_en:
        missing.append("then.ask.question_en")
    if rule.source and not corpus.gloss(rule.source.doc, rule.source.quote):
        missing.append("source: its quote has no English gloss in knowledge/glosses_en.yaml")
    return missing


def _golden_proposals(cases_dir: Path) -> list[tuple[str, Proposal]]:
    """(case file name, proposal) for every case in `cases_dir` (see tests/golden.py)."""
    found: list[tuple[str, Proposal]] = []
    for path in sorted(cases_dir.rglob("*.yaml")):
        case = strict_yaml.load(path.read_text(encoding="utf-8"))
        if "proposal_file" in case:
            proposal = read_proposal(cases_dir.parent.parent / case["proposal_file"])
        elif isinstance(case.get("proposal"), dict):
            proposal = validate_proposal(case["proposal"])
        else:
            raise ProposalError("a golden case needs 'proposal' or 'proposal_file'", path.name)
        found.append((path.name, proposal))
    return found


def lint(book: Rulebook, cases_dir: Path | None) -> LintReport:
    """The rulebook is already checked by loading it; this adds the coverage report."""
    quotes = sum(r.source is not None for r in book.rules.values())
    fired: set[str] = set()
    cases = _golden_proposals(cases_dir) if cases_dir and cases_dir.is_dir() else []
    for _, proposal in cases:
        fired.update(evaluate(book, proposal).fired)
    never = sorted(set(book.rules) - fired) if cases else []
    expired = book.parameters.expired(dt.date.today())
    untranslated = [
        f"{book.files[rule.id]}: rule {rule.id}: {field}"
        for rule in book.rules.values()
        for field in _untranslated(rule, book.corpus)
    ]
    return LintReport(len(book.rules), quotes, len(cases), never, expired, untranslated)
