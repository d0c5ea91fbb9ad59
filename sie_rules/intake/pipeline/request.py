"""Step 3, request: what the case asks for. A word of a kind counts where the text asks: in
its title ("Punkt 7: Bemyndigelse …", "Subject: …"), in its request section (the indstilling,
"Ønske til regionen") or in a sentence that asks ("Vi beder om …", "The committee is asked
…"); elsewhere it counts only when nothing asks. A word in a sentence that reports a decision
taken before ("Forretningsudvalget bemyndigede …") or speaks of a step to come ("… til
endelig godkendelse, når …") says nothing of this request. An item that asks for no decision,
or reports what was done, is for information (unless its body asked for a decision first: an
item with appendices). When nothing asks and only hints remain, the
kind is inferred (asked later); when the text weighs kinds against each other, it is left
open."""

from __future__ import annotations

import re
from collections import Counter

from sie_rules.intake.pipeline.items import own_item
from sie_rules.intake.pipeline.segments import THREAD, Unit
from sie_rules.intake.pipeline.state import Reading
from sie_rules.model import RequestKind

_ASKS = re.compile(
    r"\b(?:beder|anmoder|ønsker|ønskes|indstiller|indstilles|foreslår|søges om|søger|søges|seeks?"
    r"|forelægges|is asked|are asked"
    r"|asks|ask|asking|asked for|request|requests|requesting|seeking|recommends|proposes"
    r"|we would like|vi vil gerne|kan det komme|bedes"
    r"|giver forvaltningen|giver administrationen|give the administration|gives the administration"
    r"|kan vi få|can we get|could we get|kan (?:\w+\s+){1,4}få)\b",
    re.I,
)
# a sentence of its own that says the item is for information: "For information."
_ALONE = re.compile(
    r"(?:^|[.!?]\s+)(?:for information|til orientering|sagen er til orientering)\s*[.!]?\s*$",
    re.I | re.M,
)
# asking the region for a sum: "Kan Foreningen X få 35.000 kr. fra regionen i 2027?"
_MONEY_FROM_REGION = re.compile(
    r"\b(?:få|have|get|receive|modtage)\b[^?!\n]{0,40}?\d[^?!\n]{0,30}?\b(?:fra|from|af)\s+"
    r"(?:regionen|region midtjylland|the region|puljen|the pool)\b",
    re.I,
)
_DENIED_AFTER = re.compile(r"\s{1,20}(?:ikke|not)\b", re.I)
_DENIED_BEFORE = re.compile(r"\b(?:ikke|not|no longer)\b(?:\s+\w+){0,2}\s*$", re.I)
_TITLE_LABELS = (
    "punkt",
    "pkt",
    "pkt.",
    "subject",
    "emne",
    "vedr.",
    "vedr",
    "re",
    "item",
    "sag",
    "titel",
    "title",
)
_WEIGHT_WEAK = 1
# a preposition before a kind's word refers back to a decision taken: "ved bemyndigelsen"
_REFERS_BACK = re.compile(
    r"\b(?:ved|siden|efter|ift\.|i forhold til|som ved|since|after|at the time of|compared to"
    r"|i forhold til den)\s{1,5}$",
    re.I,
)


def read_request(r: Reading) -> None:
    """Set `request` and `request_how`, with the words it was read from."""
    words = r.vocab.request
    text = r.text
    start, end = own_item(r)
    settled = words.no_decision.search(text, start, end) or _ALONE.search(text, start, end)
    titles = _title_lines(r)
    asked: Counter[RequestKind] = Counter()
    hinted: Counter[RequestKind] = Counter()
    strong_hint = False
    first: dict[RequestKind, re.Match[str]] = {}
    body_asks: list[int] = []  # where a kind is asked outside the title
    thread_lines = [m.span() for m in THREAD.finditer(text)]  # "Oprindelig meddelelse"
    for kind, (strong, weak) in r.lex.request_patterns.items():
        weight = r.lex.data.request_words[kind].weight
        weak_weight = r.lex.data.request_words[kind].weak_weight
        hits = [(m, weight) for m in strong.finditer(text, start, end)]
        hits += [(m, weak_weight) for m in (weak.finditer(text, start, end) if weak else ())]
        for m, w in hits:
            if _DENIED_AFTER.match(text, m.end()) or _DENIED_BEFORE.search(
                text, max(0, m.start() - 30), m.start()
            ):
                continue  # "De søger ikke midler", "ikke længere en bemyndigelse"
            if any(s <= m.start() < e for s, e in thread_lines):
                continue
            place = _place(r, m.start(), kind, titles)
            if place is None:
                continue
            if place and w != weight:
                w = _WEIGHT_WEAK  # an invitation weighs more among hints than where the text asks
            (asked if place else hinted)[kind] += w
            if place and not any(s <= m.start() < e for s, e in titles):
                body_asks.append(m.start())
            strong_hint = strong_hint or (not place and w > _WEIGHT_WEAK)
            if kind not in first or m.start() < first[kind].start():
                first[kind] = m
    report = None if asked else _report_title(r)
    if report:  # a report asks for nothing, unless it has a request of its own ("Ønske til …")
        _for_information(r, report)
        return
    # "Sagen er til orientering" settles it, unless the body asked for a decision before it
    # (an agenda item whose appendices hold other items for information)
    if settled and not (body_asks and min(body_asks) < settled.start()):
        _for_information(r, settled)
        return
    from_region = None if asked else _MONEY_FROM_REGION.search(text, start, end)
    if from_region:
        asked[RequestKind.grant] += 1
        first.setdefault(RequestKind.grant, from_region)
    scores = asked or hinted
    if not scores:
        return
    best = max(scores, key=lambda k: (scores[k], -first[k].start()))
    if not asked:
        if words.undecided.search(text, start, end):
            return
        strong_enough = strong_hint or words.committee_ask.search(text, start, end)
        r.request_how = "stated" if strong_enough else "inferred"
    r.request = best
    r.note("request_kind", _label(r, best), first[best].start(), first[best].end())


def _for_information(r: Reading, m: re.Match[str]) -> None:
    r.request, r.request_how = RequestKind.orientation, "stated"
    r.note("request_kind", _label(r, RequestKind.orientation), m.start(), m.end())


def _label(r: Reading, kind: RequestKind) -> str:
    return r.params.labels.request_kinds[kind]


def _report_title(r: Reading) -> re.Match[str] | None:
    """A report's title: "Afrapportering – …", "Statusnotat til udvalget"."""
    for line in _title_lines(r)[:3]:
        m = r.vocab.request.report_titles.match(r.text, line[0], line[1])
        if m or (
            m := r.vocab.request.report_titles.search(r.text, line[0], min(line[1], line[0] + 40))
        ):
            return m
    return None


def _title_lines(r: Reading) -> list[tuple[int, int]]:
    """The title: the lines before the first line of running text (or that line's first
    sentence, the headline of a text without one), and a field "Punkt 7: …"."""
    out = []
    for line in r.seg.lines:
        label = r.text[line.label[0] : line.label[1]].strip().casefold() if line.label else ""
        if line.unit is Unit.field and label.rstrip(" 0-9.:") in _TITLE_LABELS:
            out.append((line.body, line.end))
    for line in r.seg.lines:
        if line.unit in (Unit.text, Unit.item):
            if not out:
                out.append(r.seg.sentence_span(line.body))
            break
        out.append((line.start, line.end))
    return out


def _place(r: Reading, pos: int, kind: RequestKind, titles: list[tuple[int, int]]) -> bool | None:
    """Where a word of `kind` at `pos` stands: True where the text asks, False elsewhere,
    None where it says nothing of this request (a decision before, a step later, an
    undecided weighing)."""
    words = r.vocab.request
    text = r.text
    a, b = r.seg.sentence_span(pos)
    clause = r.seg.clause_at(pos)
    if words.undecided.search(text, a, b):
        return None
    if kind is RequestKind.final_approval and words.later.search(text, clause.start, clause.end):
        return None  # "… til endelig godkendelse, når betalingsmodellen er aftalt": later
    if _REFERS_BACK.search(text, max(a, pos - 25), pos):
        return None  # "ændringer ift. bemyndigelsen", "ved mandatet i juni": the one before
    line = r.seg.line_at(pos)
    if any(s <= pos < e for s, e in titles):
        return True
    if words.past_decisions.search(text, a, b) and not _ASKS.search(text, a, b):
        return None
    if line.section == "background":
        return None
    lead = r.seg.lines[line.lead] if line.lead is not None else None
    return bool(
        line.section == "request"
        or (lead is not None and _ASKS.search(text, lead.start, lead.end))
        or _ASKS.search(text, a, b)
    )
