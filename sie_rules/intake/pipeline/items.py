"""Step 0, items: a text of several agenda items (minutes, or an item with other items as its
appendices) is read as its first item. From the line that opens the second item ("Punkt 3:
Ansøgning fra Mental Talk"), the text is another case: its requests, sums and roles are not
this one's."""

from __future__ import annotations

from sie_rules.intake.pipeline.segments import Unit
from sie_rules.intake.pipeline.state import Reading

OTHER_ITEM = "another agenda item"


def set_aside_other_items(r: Reading) -> None:
    title = r.vocab.structure.item_title
    titles = [
        line
        for line in r.seg.lines
        if line.unit in (Unit.heading, Unit.field) and title.match(r.text, line.start, line.end)
    ]
    if len(titles) > 1:
        r.aside.append((titles[1].start, len(r.text), OTHER_ITEM))
