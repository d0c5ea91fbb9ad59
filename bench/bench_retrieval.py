"""Knowledge-base cost: index build, reading a kept index back, and query latency on the corpus
and on 1,000 copies of it.

The ratio of the 100x figures to the 1x figures shows how the cost grows with the corpus.
Run: `python bench/bench_retrieval.py [copies]`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, summary, timings_ms

from sie_rules.knowledge.corpus import Corpus
from sie_rules.knowledge.search import KnowledgeBase, load_knowledge
from sie_rules.paths import settings

ROOT = Path(__file__).resolve().parent.parent


def _grown(corpus: Corpus, copies: int) -> Corpus:
    docs = {}
    for i in range(copies):
        for doc in corpus.documents.values():
            docs[f"{doc.id}~{i}"] = replace(doc, id=f"{doc.id}~{i}")
    return Corpus(docs)


def _measure(
    kb_factory: type[KnowledgeBase], corpus: Corpus, label: str, questions: list[str]
) -> tuple[float, float]:
    config = load_knowledge(settings().knowledge_dir.resolve()).config
    with tempfile.TemporaryDirectory() as kept:
        start = time.perf_counter()
        kb = kb_factory(corpus, config, Path(kept))
        build = time.perf_counter() - start
        start = time.perf_counter()
        kb = kb_factory(corpus, config, Path(kept))  # as the next process starts
        read = time.perf_counter() - start
    queries = iter(questions * 1000)
    samples = timings_ms(lambda: kb.search(next(queries), k=5), 5 * len(questions))
    print(
        f"{label}: {len(corpus.documents)} documents, {len(kb.chunks)} chunks, "
        f"index built and kept in {build * 1000:.0f} ms, read back in {read * 1000:.0f} ms "
        f"({read / build:.2f}x)"
    )
    print(summary(f"  query ({label})", samples))
    return build, statistics.median(samples)


def main(copies: int = 1000) -> None:
    questions = [
        q["q"]
        for q in yaml.safe_load(
            (ROOT / "tests" / "retrieval" / "questions.yaml").read_text(encoding="utf-8")
        )
    ]
    corpus = load_knowledge(settings().knowledge_dir.resolve()).corpus
    print(f"bench_retrieval: {machine()}, {len(questions)} evaluation questions")
    build1, query1 = _measure(KnowledgeBase, corpus, "corpus", questions)
    build_n, query_n = _measure(KnowledgeBase, _grown(corpus, copies), f"{copies}x", questions)
    print(
        f"ratio {copies}x / 1x: index build {build_n / build1:.1f}x, "
        f"median query {query_n / query1:.1f}x"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
