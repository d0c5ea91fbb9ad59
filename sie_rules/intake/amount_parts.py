"""Amounts said more than once: a whole and the parts it sums (per year), the same amount
in the indstilling and the decision. What remains is one amount each."""

from __future__ import annotations

import itertools
from typing import Any

from sie_rules.intake.reading import AmountFound

# parts are looked for among this many amounts nearest to their whole in the text
PART_CANDIDATES = 8


def one_per_amount(amounts: list[AmountFound]) -> list[AmountFound]:
    """`amounts` (in the order of the text) without the parts of a whole and repeats."""
    return _dedupe(_merge_parts(amounts))


def _merge_parts(amounts: list[AmountFound]) -> list[AmountFound]:
    """Drop amounts that are the parts of another amount of the same kind and payer
    (300.000 kr. in 2026 + 200.000 kr. in 2027 = 0,5 mio. kr. in 2026-2027).

    Parts are looked for among the PART_CANDIDATES amounts nearest in the text (parts stand
    beside their whole), so the work is bounded whatever the number of amounts."""
    dropped: set[int] = set()
    smallest: dict[tuple[Any, ...], int] = {}
    for a in amounts:
        key = (a.kind, a.payer)
        smallest[key] = min(smallest.get(key, a.money.dkk), a.money.dkk)
    for i, whole in enumerate(amounts):
        if whole.money.dkk < 2 * smallest[(whole.kind, whole.payer)]:
            continue  # two parts or more sum to at least twice the smallest amount
        others = _nearest_parts(amounts, i, dropped)
        for size in (2, 3, 4):
            match = next(
                (
                    c
                    for c in itertools.combinations(others, size)
                    if sum(amounts[j].money.dkk for j in c) == whole.money.dkk
                ),
                None,
            )
            if match:
                dropped.update(match)
                parts = [amounts[j] for j in match]
                if (
                    all(len(p.years) == 1 for p in parts)
                    and len({p.years[0] for p in parts}) == size
                ):
                    by_year = {p.years[0]: p.money.dkk for p in parts}
                    # the whole's own years, if any, are among its parts' (a year read
                    # next to the whole may be its last part's: "… i 2027, i alt 100.000 kr.")
                    if set(whole.years) <= set(by_year):
                        whole.years, whole.by_year = sorted(by_year), by_year
                whole.ceiling = whole.ceiling or any(p.ceiling for p in parts)
                break
    return [a for j, a in enumerate(amounts) if j not in dropped]


def _nearest_parts(amounts: list[AmountFound], i: int, dropped: set[int]) -> list[int]:
    """The PART_CANDIDATES amounts (their places in `amounts`, which are in the order of the
    text) that may be parts of amounts[i]: not dropped, smaller, of the same kind and payer;
    nearest to it first (at the same distance, the one before it). Read outwards from it,
    not sorted from all (that was quadratic in the number of amounts)."""
    whole = amounts[i]

    def may_be_part(j: int) -> bool:
        a = amounts[j]
        return (
            j not in dropped
            and (a.kind, a.payer) == (whole.kind, whole.payer)
            and a.money.dkk < whole.money.dkk
        )

    at = whole.money.start
    before, after = i - 1, i + 1
    found: list[int] = []
    while len(found) < PART_CANDIDATES:
        while before >= 0 and not may_be_part(before):
            before -= 1
        while after < len(amounts) and not may_be_part(after):
            after += 1
        if before < 0 and after >= len(amounts):
            break
        if after >= len(amounts) or (
            before >= 0 and at - amounts[before].money.start <= amounts[after].money.start - at
        ):
            found.append(before)
            before -= 1
        else:
            found.append(after)
            after += 1
    return found


def _dedupe(amounts: list[AmountFound]) -> list[AmountFound]:
    """The same amount said twice (indstilling and beslutning) is one amount; the same sum
    for other years is another ("højst 500.000 kr. i 2028 og højst 500.000 kr. i 2029")."""
    kept: dict[tuple[Any, ...], AmountFound] = {}
    for a in amounts:
        key: tuple[Any, ...] = (a.kind, a.payer, a.money.dkk)
        if key in kept and a.years and kept[key].years and a.years != kept[key].years:
            key = (*key, *a.years)
        if key in kept:
            first = kept[key]
            first.years = first.years or a.years
            first.ceiling = first.ceiling or a.ceiling
        else:
            kept[key] = a
    return list(kept.values())
