"""A sum said more than once is one amount: named again ("de 1,2 mio. kr.", the indstilling
repeating the resumé), with its years or cap said the second time, or without its payer."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import AmountRead, Reading

_AGAIN = re.compile(r"\b(?:de|af de|the|of the|disse|these)\s+(?:(?:kr\.?|dkk)\s*)?$", re.I)


def said_once(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    return _dedupe(_again(r, amounts))


def _again(r: Reading, amounts: list[AmountRead]) -> list[AmountRead]:
    """ "de 1,2 mio. kr.": a sum named before, named again."""
    out: list[AmountRead] = []
    for a in amounts:
        lead = r.text[max(0, a.money.start - 12) : a.money.start]
        if _AGAIN.search(lead) and any(o.money.dkk == a.money.dkk for o in out):
            continue
        out.append(a)
    return out


def _dedupe(amounts: list[AmountRead]) -> list[AmountRead]:
    """The same sum of one kind and payer said twice is one amount (its years and cap kept
    from whichever says them), also when the second time names no payer ("… inden for en
    resultatbetaling på højst 1,25 mio. kr."); the same sum for other years is another."""
    kept: list[AmountRead] = []
    for a in amounts:
        same = next(
            (
                k
                for k in kept
                if k.money.dkk == a.money.dkk
                and (k.payer == a.payer or (a.payer is None and k.kind == a.kind))
                and (k.kind == a.kind or None in (k.kind, a.kind))
                and (k.background is None) == (a.background is None)
                and not (k.years and a.years and k.years != a.years)
            ),
            None,
        )
        if same is None:
            kept.append(a)
            continue
        same.years = same.years or a.years
        same.ceiling = same.ceiling or a.ceiling
        same.recipient = same.recipient or a.recipient
        if same.kind is None or (same.kind_how == "inferred" and a.kind_how == "stated" and a.kind):
            same.kind, same.kind_how = a.kind, a.kind_how
        if same.payer_how == "inferred" and a.payer_how == "stated":
            same.payer_how = "stated"
    return kept
