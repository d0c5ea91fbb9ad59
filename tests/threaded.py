"""Running the same work from many threads and comparing it with the sequential results."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any


def differences_from_sequential(
    items: Sequence[Any], run: Callable[[Any], Any], threads: int = 8, rounds: int = 1
) -> list[str]:
    """Each thread runs every item `rounds` times (each from its own starting point); returns
    where a result differed from the sequential one. An error in a thread is raised here."""
    expected = [run(item) for item in items]
    differences: list[str] = []
    errors: list[BaseException] = []

    def worker(tid: int) -> None:
        try:
            for r in range(rounds):
                start = (tid + r) % len(items)
                for i in [*range(start, len(items)), *range(start)]:
                    if run(items[i]) != expected[i]:
                        differences.append(f"thread {tid} round {r} item {i}")
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise errors[0]
    return differences
