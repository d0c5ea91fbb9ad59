"""Who receives a sum: the party named after it ("0,7 mio. kr. til DEFACTUM"), else the one
before it that applies for it or is granted it ("X bevilges 180.000 kr.")."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.positions import applies
from sie_rules.intake.pipeline.state import AmountRead, Reading

_TO = re.compile(r"\b(?:til|ved|i|hos|to|for|by|at|via)\s+(?:\w+\s+){0,2}$", re.I)


# "X, Kræftrådgivningen i Herning, bevilges 180.000 kr.": X receives the sum
_GRANTED = re.compile(
    r"\b(?:bevilges|tildeles|gives|modtager|får|is granted|are granted|receives?"
    r"|is awarded)\s{1,5}$",
    re.I,
)


def recipient(r: Reading, amount: AmountRead, a: int, b: int) -> str | None:
    """The party the sum goes to: named after it in its slot, after "til", "ved", "to" …
    ("0,7 mio. kr. til DEFACTUM", "følgeforskning ved VIA University College"), else the
    one before it that applies for it ("Dansk Folkehjælp søger regionen om 1 mio. kr.") or is
    granted it ("X bevilges 180.000 kr.")."""
    for n in r.named_in(amount.money.end, b):
        if (
            n.name != amount.payer
            and n.name in r.parties
            and _TO.search(r.text, amount.money.end, n.start)
        ):
            return n.name
    receiving = [
        n
        for n in r.named_in(a, amount.money.start)
        if n.name != amount.payer
        and n.name in r.parties
        and (applies(r, n) or _GRANTED.search(r.text, n.end, amount.money.start))
    ]
    return receiving[0].name if receiving else None
