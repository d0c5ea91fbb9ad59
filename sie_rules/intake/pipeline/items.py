"""Step 0, items: a text of several agenda items (minutes, or an item with other items as its
appendices) is read as its first item about a social investment, else its first item. The
other items are other cases: their requests, sums and roles are not this one's."""

from __future__ import annotations

import itertools
import re

from sie_rules.intake.pipeline.segments import Line, Unit
from sie_rules.intake.pipeline.state import Reading

OTHER_ITEM = "another agenda item"
_NUMBERED = re.compile(r"[ \t]{0,20}(\d{1,3})\.[ \t]{1,5}[A-ZÆØÅ]")  # "11. Endelig godkendelse"


def set_aside_other_items(r: Reading) -> None:
    titles = _titles(r)
    if len(titles) < 2:
        return
    starts = [t.start for t in titles]
    spans = list(zip(starts, [*starts[1:], len(r.text)], strict=True))
    subject = r.vocab.structure.item_subject
    own = next((s for s in spans if subject.search(r.text, *s)), spans[0])
    r.aside += [(a, b, OTHER_ITEM) for a, b in spans if (a, b) != own]


def own_item(r: Reading) -> tuple[int, int]:
    """Where the text's own item stands: the last stretch between the other items (before it
    there may be the minutes' heading)."""
    gaps, pos = [], 0
    for a, b in sorted((a, b) for a, b, why in r.aside if why == OTHER_ITEM):
        if a > pos:
            gaps.append((pos, a))
        pos = max(pos, b)
    if pos < len(r.text):
        gaps.append((pos, len(r.text)))
    return gaps[-1] if gaps else (0, len(r.text))


def _titles(r: Reading) -> list[Line]:
    structure = r.vocab.structure
    named = [
        line
        for line in r.seg.lines
        if line.unit in (Unit.heading, Unit.field)
        and structure.item_title.match(r.text, line.start, line.end)
    ]
    if named or not structure.minutes.search(r.text):
        return named
    numbered = [line for line in r.seg.lines if _NUMBERED.match(r.text, line.start, line.end)]
    numbers = [int(m.group(1)) for x in numbered if (m := _NUMBERED.match(r.text, x.start, x.end))]
    in_order = all(b == a + 1 for a, b in itertools.pairwise(numbers))
    return numbered if len(numbered) > 1 and in_order else []
