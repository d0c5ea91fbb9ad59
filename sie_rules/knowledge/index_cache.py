"""The search index kept on disk, keyed by everything it is built from (the documents, the
retrieval settings, the chunk sizes and the versions of the libraries that cut, stem and
score), so that a process starts by reading it instead of building it: at the real corpus
a build is tens of milliseconds, at a thousand times the corpus it is seconds.

A cache only: anything wrong with a saved index (missing, unreadable, another format) means it
is built again, and a folder that cannot be written to means it is not kept.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import bm25s

_FORMAT = 1  # raise when what is saved changes
_LIBRARIES = ("bm25s", "PyStemmer", "langchain-text-splitters")


def index_key(documents: list[tuple[str, str, str]], settings: Any) -> str:
    """A name for the index of `documents` ((id, file, text) each) built with `settings`."""
    digest = hashlib.sha256()
    head = [_FORMAT, [version(name) for name in _LIBRARIES], settings]
    digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False).encode())
    for part in sorted(documents):
        for text in part:
            digest.update(text.encode())
            digest.update(b"\0")
    return digest.hexdigest()[:24]


def load(folder: Path) -> tuple[list[list[Any]], bm25s.BM25] | None:
    """The chunks (as saved) and the index in `folder`, or None when they cannot be read."""
    try:
        chunks = json.loads((folder / "chunks.json").read_text(encoding="utf-8"))
        index = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        whole = isinstance(chunks, list) and index.scores["num_docs"] == len(chunks)
    except Exception:  # whatever is wrong with a kept index, it is built again
        return None
    return (chunks, index) if whole else None


def save(folder: Path, chunks: list[list[Any]], index: bm25s.BM25) -> None:
    """Keep the chunks and the index in `folder`, written aside and moved in whole (a reader
    never sees half an index; when two processes save at once, the first one's stays)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent) as aside:
            work = Path(aside) / "index"
            work.mkdir()
            (work / "chunks.json").write_text(json.dumps(chunks, ensure_ascii=False), "utf-8")
            index.save(str(work / "bm25"), show_progress=False)
            if folder.exists():  # unreadable (load said so): replaced
                shutil.rmtree(folder, ignore_errors=True)
            work.rename(folder)
    except OSError:
        return  # a cache that cannot be kept is built again next time
