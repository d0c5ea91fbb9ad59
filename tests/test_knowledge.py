"""The knowledge base: verbatim chunks, citations for every rule, retrieval quality."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sie_rules import search
from sie_rules.cli import main
from sie_rules.errors import KnowledgeError
from sie_rules.explain.assess import current_rulebook
from sie_rules.knowledge.corpus import find_span, load_corpus, read_model
from sie_rules.knowledge.search import KnowledgeBase, RetrievalConfig, _top, load_knowledge
from sie_rules.paths import settings

ROOT = Path(__file__).resolve().parent.parent
KB = load_knowledge(settings().knowledge_dir.resolve())
QUESTIONS = yaml.safe_load(
    (Path(__file__).parent / "retrieval" / "questions.yaml").read_text(encoding="utf-8")
)


def test_every_chunk_is_a_verbatim_substring_at_its_offset() -> None:
    assert len(KB.chunks) > 50
    for chunk in KB.chunks:
        assert KB.corpus.documents[chunk.doc].text[chunk.start : chunk.end] == chunk.text


def test_every_document_is_chunked_and_minutes_chunks_know_their_agenda_item() -> None:
    assert {c.doc for c in KB.chunks} == set(KB.corpus.documents)
    for chunk in KB.chunks:
        if chunk.doc.startswith("rm-ulis"):
            assert chunk.section.startswith("Punkt "), (chunk.doc, chunk.start)


def test_table_of_contents_is_not_indexed() -> None:
    assert not any("Indholdsfortegnelse" in c.text for c in KB.chunks)


def test_every_rule_quote_resolves_to_its_paragraph_and_agenda_item() -> None:
    book = current_rulebook()
    for rule in book.rules.values():
        if rule.source is None:
            continue
        citation = KB.cite(rule.source.doc, rule.source.quote)
        assert citation is not None, rule.id
        shown = citation.paragraph[citation.quote_start : citation.quote_end]
        assert shown.split() == rule.source.quote.split(), rule.id
        assert citation.section, rule.id


def test_citation_of_the_herning_ceiling_names_item_and_paragraph() -> None:
    quote = "at der afsættes maksimalt 3,6 mio. kr. til finansiering af regionens resultatbetaling"
    citation = KB.cite("rm-ulis-2025-11-13", quote)
    assert citation is not None
    assert citation.section.startswith("Punkt 1: Godkendelse af social effektinvestering")
    assert citation.section.endswith("› Indstilling")
    assert citation.paragraph.startswith("at der afsættes maksimalt 3,6 mio. kr.")


def test_recall_at_3_on_the_evaluation_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(QUESTIONS) >= 40
    english = [
        q
        for q in QUESTIONS
        if q["q"].split()[0] in {"Who", "What", "How", "Can", "Which", "Why", "Could"}
    ]
    assert len(english) >= 8
    hits = 0
    for q in QUESTIONS:
        items = q["item"] if isinstance(q["item"], list) else [q["item"]]
        answers = search(q["q"], k=3)
        hits += any(a.doc == q["doc"] and any(i in a.section for i in items) for a in answers)
    recall = hits / len(QUESTIONS)
    with capsys.disabled():
        print(f"\nretrieval recall@3 = {hits}/{len(QUESTIONS)} = {recall:.3f}")
    assert recall >= 0.9


@pytest.mark.parametrize(
    "question",
    [
        "hvad er vejret i morgen",
        "",
        "   ",
        "og i at det",
        "xyzzy plugh",
        "<script>alert(1)</script>",
    ],
)
def test_no_evidence_gives_no_answer(question: str) -> None:
    assert search(question) == []


def test_a_huge_question_is_answered_without_trouble() -> None:
    assert len(search("Hvem betaler for livstilfredshed? " * 20_000, k=3)) <= 3


def test_aliases_find_abbreviations() -> None:
    answers = search("Hvad sagde FU og RR?", k=5)
    assert any("forretningsudvalg" in a.quote.casefold() for a in answers)


def test_ask_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Hvor meget søger Mental Talk om i støtte?", "--json", "-k", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question"].startswith("Hvor meget")
    assert len(data["answers"]) == 2
    top = data["answers"][0]
    assert top["doc"] == "rm-ulis-2025-06-26" and "Mental Talk" in top["section"]
    assert set(top) >= {"doc", "title", "quote", "start", "score"}


def test_ask_command_says_when_nothing_is_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "xyzzy"]) == 0
    assert "Intet svar fundet" in capsys.readouterr().out


@given(
    st.lists(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0]), max_size=60),
    st.integers(min_value=0, max_value=8),
)
def test_the_top_k_passages_are_those_a_full_stable_sort_gives(scores: list[float], k: int) -> None:
    array = np.array(scores)
    expected = []
    for i in np.argsort(-array, kind="stable")[:k]:
        if array[i] <= 0:
            break
        expected.append(int(i))
    assert _top(array, k) == expected


def test_every_rule_quote_has_an_english_gloss_and_every_gloss_a_quote() -> None:
    book = current_rulebook()
    sources = [r.source for r in book.rules.values() if r.source]
    quoted = {(s.doc, " ".join(s.quote.split())) for s in sources}
    assert quoted and set(book.corpus.glosses) == quoted  # none missing, none left over
    assert all(book.corpus.gloss(s.doc, s.quote) != s.quote for s in sources)


def test_a_gloss_whose_quote_is_not_in_its_document_is_refused_naming_the_file(
    tmp_path: Path,
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    glosses = knowledge / "glosses_en.yaml"
    text = glosses.read_text(encoding="utf-8")
    glosses.write_text(text.replace("Orienteringen blev taget", "Orienteringen blev lagt"), "utf-8")
    with pytest.raises(KnowledgeError, match=r"glosses_en.yaml: gloss of 'Orienteringen blev lagt"):
        load_corpus(knowledge)


_WORDS = st.lists(st.sampled_from(["a", "ab", "b", "ba", "å", "Udvalg", "."]), max_size=6)
_GAPS = st.sampled_from([" ", "  ", "\n", "\t", " \n "])


@given(
    st.lists(st.tuples(st.sampled_from(["a", "ab", "b", "å", "x", "."]), _GAPS), max_size=30),
    _WORDS,
)
def test_a_quote_is_found_where_the_expression_of_its_words_finds_it(
    text_parts: list[tuple[str, str]], quote_words: list[str]
) -> None:
    """find_span (no expression compiled per quote) against the expression it replaced."""
    text = "".join(word + gap for word, gap in text_parts)
    quote = " ".join(quote_words)
    expected = re.search(r"\s+".join(map(re.escape, quote_words)), text) if quote_words else None
    assert find_span(text, quote) == (expected.span() if expected else None)


def test_a_knowledge_file_with_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "retrieval.yaml"
    path.write_text("chunk_size: 800\nchunk_size: 900\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="twice"):
        read_model(path, RetrievalConfig)


QUESTIONS_ASKED = ["hvor meget kan regionen betale", "Den Sociale Investeringsfond", "loft"]


def test_the_index_is_kept_on_disk_and_read_back_instead_of_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = KnowledgeBase(KB.corpus, KB.config, tmp_path)
    (kept,) = tmp_path.iterdir()
    monkeypatch.setattr(KnowledgeBase, "_chunk", _must_not_chunk)
    read = KnowledgeBase(KB.corpus, KB.config, tmp_path)
    assert read.chunks == built.chunks == KB.chunks
    for question in QUESTIONS_ASKED:
        assert read.search(question) == built.search(question) == KB.search(question)
    # a document changed: another index, kept beside the first
    doc = next(iter(KB.corpus.documents.values()))
    changed = replace(doc, text=doc.text + "\nEt nyt afsnit om resultatbetaling.")
    corpus = replace(KB.corpus, documents={**KB.corpus.documents, doc.id: changed})
    monkeypatch.undo()
    KnowledgeBase(corpus, KB.config, tmp_path)
    assert len(list(tmp_path.iterdir())) == 2 and kept.is_dir()


def _must_not_chunk(self: KnowledgeBase, doc: object) -> None:
    raise AssertionError("the kept index should have been read")


def test_a_broken_or_unwritable_index_folder_means_building_it(tmp_path: Path) -> None:
    KnowledgeBase(KB.corpus, KB.config, tmp_path)
    (kept,) = tmp_path.iterdir()
    for broken, text in [("chunks.json", "{not json"), ("chunks.json", "[]"), ("bm25", "")]:
        target = kept / broken
        if broken == "bm25":  # an index file cut off (the disk was full)
            target = next(target.glob("*.npy"))
        target.write_text(text, encoding="utf-8")
        rebuilt = KnowledgeBase(KB.corpus, KB.config, tmp_path)
        assert rebuilt.chunks == KB.chunks, broken
        assert json.loads((kept / "chunks.json").read_text(encoding="utf-8"))  # kept anew
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    anyway = KnowledgeBase(KB.corpus, KB.config, blocked / "cache")
    assert anyway.search(QUESTIONS_ASKED[0]) == KB.search(QUESTIONS_ASKED[0])
