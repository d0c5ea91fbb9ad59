"""Spans of the text already taken (names found, other regions), asked whether a new span
overlaps any of them: a bisection and a running maximum of their ends, so that a long text
with many names is not checked name against name."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Taken:
    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._max_end = list(itertools.accumulate((b for _, b in ordered), max))

    def overlaps(self, a: int, b: int) -> bool:
        """Whether [a, b) overlaps a span taken: one starts before b and ends after a."""
        i = bisect.bisect_left(self._starts, b)
        return i > 0 and self._max_end[i - 1] > a
