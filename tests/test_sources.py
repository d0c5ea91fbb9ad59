"""Every quote a rule or parameter cites stands verbatim in its document in knowledge/."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import CASES, load_case

from sie_rules import Proposal, assess
from sie_rules.explain.assess import current_rulebook
from sie_rules.knowledge.corpus import find_span
from sie_rules.paths import settings

BOOK = current_rulebook()


def _cited() -> list[tuple[str, str, str]]:
    p = BOOK.parameters
    entries = [
        *BOOK.rules.values(),
        *p.bodies.bodies,
        *p.lists.lists,
        *(b for pool in p.pools.pools for b in pool.budgets),
        p.repayment.follow_up_offset_years,
    ]
    return [
        (getattr(e, "id", "param"), e.source.doc, e.source.quote)
        for e in entries
        if e.source is not None
    ]


@pytest.mark.parametrize(("entry", "doc", "quote"), _cited())
def test_quote_exists_verbatim(entry: str, doc: str, quote: str) -> None:
    text = BOOK.corpus.documents[doc].text
    span = find_span(text, quote)
    assert span is not None, f"{entry}: quote not in {doc}"
    # the span holds the same words, only line breaks may differ
    assert text[span[0] : span[1]].split() == quote.split()


def test_every_non_assumption_rule_is_cited() -> None:
    for rule in BOOK.rules.values():
        assert rule.source is not None or rule.basis == "assumption", rule.id
        assert rule.source is not None or rule.note, rule.id


def test_every_source_in_every_golden_assessment_exists() -> None:
    for path in CASES:
        a = assess(Proposal.model_validate(load_case(path)["proposal"]))
        sources = [f.source for f in a.findings] + [c.source for c in a.conditions]
        sources += [s.source for t in a.tracks for s in t.steps] + [x.source for x in a.amounts]
        for source in filter(None, sources):
            assert BOOK.corpus.find_quote(source.doc, source.quote), (path.name, source)


def test_the_corpus_is_the_projects_own_copy() -> None:
    root = Path(__file__).resolve().parent.parent
    assert settings().knowledge_dir.resolve() == root / "knowledge"
    minutes_and_agreement = {
        "rm-ulis-2024-02-21",
        "dsi-rm-samarbejdsaftale-2024",
        "norddjurs-vpu-2025-06-24",
        "rm-ulis-2025-06-26",
        "rm-ulis-2025-11-13",
        "lovgrundlag-uddrag",
    }
    added = set(BOOK.corpus.documents) - minutes_and_agreement
    assert minutes_and_agreement <= set(BOOK.corpus.documents) and added == {"regionsraadet-2026"}
    # a document the project adds is a summary written for it, marked so section by section
    for doc_id in added:
        assert set(BOOK.corpus.documents[doc_id].passages.values()) == {"summary"}
