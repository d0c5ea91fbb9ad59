"""Free text -> a draft proposal, every fact with the words it came from and how it was read.

The reader is a pipeline of small steps over one typed document (state.Reading), each
filling its own part, in this order:

1. document.py, segments.py: the readable text (page furniture dropped, PDF lines joined)
   in lines, sections, lists and clauses
2. items.py: a text of several agenda items is read as its first; parties.py: every
   organisation named, the writer, what "kommunen" or "vi" stand for
3. request.py: what the case asks for
4. money.py, tables.py: every sum with its kind, years and cap; payers.py: its payer
5. options.py: the options a text does not choose; background.py: which sums are not money
   of the request; totals.py: one amount per sum
6. roles.py, membership.py, region.py: who takes part and as what
7. status.py: the payment model, each municipality's money, excluded partners;
   decisions.py: the municipal bodies that have decided already
8. certainty.py: the readings only inferred that change the route or the money, to ask
9. draft.py: the proposal-shaped draft (case.py: the case's own facts)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.pipeline.background import mark_background
from sie_rules.intake.pipeline.decisions import read_decisions
from sie_rules.intake.pipeline.document import read_document
from sie_rules.intake.pipeline.draft import make_draft
from sie_rules.intake.pipeline.items import set_aside_other_items
from sie_rules.intake.pipeline.money import find_money
from sie_rules.intake.pipeline.options import set_aside_options
from sie_rules.intake.pipeline.parties import find_parties
from sie_rules.intake.pipeline.payers import tie_payers
from sie_rules.intake.pipeline.region import decide_region
from sie_rules.intake.pipeline.request import read_request
from sie_rules.intake.pipeline.roles import assign_roles
from sie_rules.intake.pipeline.segments import segment
from sie_rules.intake.pipeline.state import MAX_TEXT_CHARS, Evidence, Reading
from sie_rules.intake.pipeline.status import read_status
from sie_rules.intake.pipeline.tables import read_tables
from sie_rules.intake.pipeline.totals import settle_totals
from sie_rules.rules.parameters import Parameters

Step = Callable[[Reading], None]
STEPS: list[Step] = [
    set_aside_other_items,
    find_parties,
    read_request,
    find_money,
    read_tables,
    tie_payers,
    set_aside_options,
    mark_background,
    settle_totals,
    assign_roles,
    decide_region,
    read_status,
    read_decisions,
]


@dataclass
class Extraction:
    """What the text said: a proposal-shaped dict (maybe incomplete) and the evidence."""

    draft: dict[str, Any]
    evidence: list[Evidence]
    reading: Reading


def extract(text: str, lexicon: Lexicon, params: Parameters) -> Extraction:
    """Read a description of a proposal (see the module docstring)."""
    doc = read_document(text[:MAX_TEXT_CHARS])
    vocab = lexicon.vocab
    r = Reading(doc, segment(doc.text, vocab.structure), lexicon, vocab, params)
    for step in STEPS:
        step(r)
    draft = make_draft(r)
    return Extraction(draft, r.evidence, r)
