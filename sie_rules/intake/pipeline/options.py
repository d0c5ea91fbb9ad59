"""Step 4a, options: a text that lays out options ("Model A (anbefales af direktionen): …",
"Model B: …") and recommends one asks for that one. The lines of the other options, and the
sentences that speak of them alone ("I model B skal kommunen bære …"), are set aside: their
sums are not the request and the roles they give or deny are not the case's. So is the sum
an applicant applied for, when the text recommends another ("applies for DKK 128,000 … The
administration therefore recommends … 2027 only, with DKK 64,000")."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import Reading
from sie_rules.model import PartyKind, RequestKind

_NOT_CHOSEN = "an option the text does not choose"


def set_aside_options(r: Reading) -> None:
    _options(r)
    _applied_for(r)
    _rejected(r)


def _rejected(r: Reading) -> None:
    """An application the text turns down ("at ansøgningen fra Kirkens Korshær afslås"): the
    sentences that speak of its applicant alone are another case."""
    rejected = r.vocab.structure.rejected
    turned_down = set()
    for m in rejected.finditer(r.text):
        a, b = r.seg.sentence_span(m.start())
        turned_down |= {n.name for n in r.named_in(a, b) if n.kind is not PartyKind.region}
    if not turned_down:
        return
    for a, b in {r.seg.sentence_span(n.start) for n in r.named if n.name in turned_down}:
        others = {n.name for n in r.named_in(a, b) if n.kind is not PartyKind.region}
        if others <= turned_down:
            r.aside.append((a, b, "an application the text turns down"))


def _applied_for(r: Reading) -> None:
    if r.request is not RequestKind.grant:
        return
    chosen, applying = r.vocab.structure.chosen, r.lex.applicant_verbs
    region = [a for a in r.amounts if a.payer == r.home]
    spans = {id(a): r.seg.sentence_span(a.money.start) for a in region}
    recommended = [a for a in region if chosen.search(r.text, *spans[id(a)])]
    if not recommended:
        return
    for a in region:
        span = spans[id(a)]
        if chosen.search(r.text, *span) or not applying.search(r.text, *span):
            continue
        clause = r.seg.clause_at(a.money.start)
        r.aside.append((clause.start, clause.end, "a sum applied for, not the one recommended"))


def _options(r: Reading) -> None:
    words = r.vocab.structure
    text = r.text
    found = list(words.option.finditer(text))
    labels = {m.group("label").upper() for m in found}
    chosen = {m.group("label").upper() for m in found if words.chosen.search(text, *_span(r, m))}
    if len(labels) < 2 or len(chosen) != 1:
        return  # no choice laid out, or none (or several) recommended: nothing is set aside
    for m in found:
        if m.group("label").upper() in chosen:
            continue
        a, b = _span(r, m)
        others = {x.group("label").upper() for x in words.option.finditer(text, a, b)}
        if not others & chosen:
            r.aside.append((a, b, _NOT_CHOSEN))


def _span(r: Reading, m: re.Match[str]) -> tuple[int, int]:
    """What an option's mention speaks of: the whole line it opens ("Model B (anbefales): …"),
    else its sentence ("I model B skal kommunen …")."""
    line = r.seg.line_at(m.start())
    if m.start() <= line.body + 2:
        return line.start, line.end
    return r.seg.sentence_span(m.start())
