"""The readable text in segments: lines that are headings, form fields, table rows, list items
or running text; the section each line stands in (the role of the heading above it); the line
that leads a list ("Regionens andel:"); and clauses, the smallest parts a fact is tied to.

A fact read from a segment belongs to that segment: an amount's kind, payer and years are
looked for in its own clause, row or item first, then in the line that leads it, then in its
section. Which headings mean what is language data (knowledge/intake/structure.yaml).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum

from sie_rules.intake.pipeline.sentences import sentences
from sie_rules.intake.vocabulary import Structure


class Unit(StrEnum):
    heading = "heading"
    field = "field"
    row = "row"
    item = "item"
    text = "text"


@dataclass(frozen=True)
class Line:
    """One line of the readable text. `label`: a field's label or a row's first cell (its
    span); `body`: where the line's content begins after an item mark or a label; `section`:
    the role of the heading above (request, economy, background, parties, status) or None;
    `lead`: the index of the line that introduces this one's list, if any."""

    index: int
    start: int
    end: int
    unit: Unit
    body: int
    label: tuple[int, int] | None
    cells: tuple[tuple[int, int], ...]
    section: str | None
    lead: int | None


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    line: int  # the index of its line


_ITEM_MARK = re.compile(
    r"[ \t]{0,20}(?:[-–•*·▪][ \t]{1,20}|\(?\d{1,2}[.)][ \t]{1,20}|\(?[a-h]\)[ \t]{1,20})"
)
_AT_LINE = re.compile(r"[ \t]{0,20}at[ \t]")
_INDENT = re.compile(r"(?:[ ]{2,40}|\t{1,20})(?=\S)")  # an indented line under a list: a sub-item
_LABEL = re.compile(r"[ \t]{0,20}(?P<label>[^\s:|][^:|\n]{0,60}?)[ \t]{0,20}:(?:[ \t]{1,20}|$)")
# a row of a budget with its number at the end: "2026 Løn (8 t/uge) 120.000", "I alt 310.000"
_TRAILING_NUMBER = re.compile(r"^(?P<label>\S.*?\S)[ \t]+(?P<num>\d{1,3}(?:\.\d{3})+)[ \t]*$")
_CELL_SPLIT = re.compile(r"[ \t]{0,20}\|[ \t]{0,20}")
# a form's line with dot leaders: "Myndighed ............ Aarhus Kommune"
_LEADERS = re.compile(r"[ \t]{0,5}(?P<label>[^.\s|][^.\n|]{1,39}?)[ \t]{0,5}\.{4,}[ \t]{0,5}(?=\S)")
# a table flattened into columns of spaces: "DSI     risikovillig kapital     3.800.000     2027"
_COLUMN = re.compile(r"[^ \t]+(?: [^ \t]+)*")
_NUMBER_CELL = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{4,}")
_SMALL_NUMBER = re.compile(r"\d{1,3}|-|–")
# where a message of a thread begins: "-----Oprindelig meddelelse-----", "Forwarded message"
THREAD = re.compile(
    r"^\s{0,20}-{2,80}.*$|^\s{0,20}(?:original message|oprindelig meddelelse|videresendt meddelelse"
    r"|forwarded message)\b",
    re.I | re.M,
)
# the ends of clauses inside a sentence: a semicolon, or a new subject after "…, og"
_CLAUSE_END = re.compile(r";|,[ \t]+(?=(?:og|men|mens|samt|and|but|while|whereas)[ \t])", re.I)
_HEADING_MAX = 80
# a line with a sum of money in it is no heading ("rm resultatbetaling max 3.000 t.kr. 2028-32")
_MONEY = re.compile(
    r"\d[\d.,]{0,20}\s{0,20}(?:kr|dkk|mio|mill|t\.kr|tusind)|\b(?:kr|dkk)\.?\s{0,20}\d", re.I
)


@dataclass(frozen=True)
class Segments:
    text: str
    lines: list[Line]
    clauses: list[Clause]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_line_starts", [line.start for line in self.lines])
        object.__setattr__(self, "_clause_starts", [c.start for c in self.clauses])

    def line_at(self, pos: int) -> Line:
        i = bisect.bisect_right(self._line_starts, pos) - 1  # type: ignore[attr-defined]
        return self.lines[max(i, 0)]

    def clause_at(self, pos: int) -> Clause:
        i = bisect.bisect_right(self._clause_starts, pos) - 1  # type: ignore[attr-defined]
        return self.clauses[max(i, 0)]

    def clauses_of(self, line: Line) -> list[Clause]:
        i = bisect.bisect_left(self._clause_starts, line.start)  # type: ignore[attr-defined]
        out = []
        while i < len(self.clauses) and self.clauses[i].start < line.end:
            out.append(self.clauses[i])
            i += 1
        return out

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The clauses of `pos`'s line that stand in the same sentence as `pos` (a sentence
        ends at . ! ? or the line's end)."""
        line = self.line_at(pos)
        a, b = line.body, line.end
        for s, e in sentences(self.text[line.body : line.end]):
            if line.body + s <= pos < line.body + e:
                a, b = line.body + s, line.body + e
        return a, b


def segment(text: str, structure: Structure) -> Segments:
    """The lines, sections, leads and clauses of the readable `text`."""
    lines: list[Line] = []
    section: str | None = None
    lead: int | None = None
    for m in re.finditer(r"[^\n]+", text):
        a, b, raw = m.start(), m.end(), m.group()
        if not raw.strip():
            continue
        unit, body, label, cells = _shape(raw, a)
        own = structure.section_of(text[label[0] : label[1]]) if label else None
        if own and len(sentences(text[body:b])) > 1:
            own = None  # "Background: … . Decision: …": a label over one sentence of many
        listed = unit in (Unit.item, Unit.row, Unit.field)
        if unit is Unit.heading or (
            unit is Unit.text and structure.section_of(raw) and len(raw) < _HEADING_MAX
        ):
            section, lead = structure.section_of(raw), None
        elif listed and lead is None and lines:
            prev = lines[-1]
            if prev.unit is not Unit.item and text[prev.start : prev.end].rstrip()[-1:] in ":,":
                lead = prev.index  # "Regionens andel:", "Direktionen indstiller,"
        elif not listed:
            lead = None
        lines.append(
            Line(
                len(lines), a, b, unit, body, label, cells, own or section, lead if listed else None
            )
        )
    clauses = [c for line in lines for c in _clauses(text, line)]
    return Segments(text, lines, clauses)


def _shape(
    raw: str, a: int
) -> tuple[Unit, int, tuple[int, int] | None, tuple[tuple[int, int], ...]]:
    """A line's unit, where its content begins, its label and its cells."""
    if "|" in raw:
        cells, pos = [], 0
        for m in _CELL_SPLIT.finditer(raw):
            cells.append((a + pos, a + m.start()))
            pos = m.end()
        cells.append((a + pos, a + len(raw.rstrip())))
        first = (a + len(raw) - len(raw.lstrip()), cells[0][1])
        label = _LABEL.match(raw)
        if label and label.end("label") < cells[0][1] - a:  # "År: 2027 | 2028"
            first = (a + label.start("label"), a + label.end("label"))
        return Unit.row, a, first, tuple(cells)
    leaders = _LEADERS.match(raw)
    if leaders:
        named = (a + leaders.start("label"), a + leaders.end("label"))
        return Unit.field, a + leaders.end(), named, ()
    columns = tuple((a + s, a + e) for s, e in _columns(raw))
    if columns:
        return Unit.row, a, columns[0], columns
    mark = _ITEM_MARK.match(raw) or _AT_LINE.match(raw) or _INDENT.match(raw)
    if mark:
        label = _LABEL.match(raw, mark.end())
        if label and len(label.group("label").split()) <= 4:
            return Unit.item, a + mark.end(), (a + label.start("label"), a + label.end("label")), ()
        return Unit.item, a + mark.end(), None, ()
    label = _LABEL.match(raw)
    if label and _is_label(label.group("label")):
        return Unit.field, a + label.end(), (a + label.start("label"), a + label.end("label")), ()
    trailing = _TRAILING_NUMBER.match(raw.strip())
    if trailing and len(raw) < 90 and not re.search(r"[.!?]\s", raw):
        offset = a + len(raw) - len(raw.lstrip())
        return Unit.row, a, (offset, offset + trailing.end("label")), ()
    stripped = raw.strip()
    if (
        len(stripped) <= _HEADING_MAX
        and stripped[-1] not in ".!?,;:"
        and not _MONEY.search(stripped)
    ):
        return Unit.heading, a, None, ()
    return Unit.text, a, None, ()


def _columns(raw: str) -> list[tuple[int, int]]:
    """The cells of a line laid out in columns of spaces or tabs, with a sum among them; none
    for a line of prose (a sentence, long cells, a single gap)."""
    if not re.search(r"\S(?: {2,}|\t)\S", raw):
        return []
    cells = [m.span() for m in _COLUMN.finditer(raw.replace("\t", " " * 2))]
    texts = [raw[s:e] for s, e in cells]
    if len(cells) < 3 or any(len(t) > 60 for t in texts):
        return []
    small = sum(bool(_SMALL_NUMBER.fullmatch(t)) for t in texts)  # "150", "-" of a t.kr. table
    return cells if small >= 3 or any(_NUMBER_CELL.fullmatch(t) for t in texts) else []


def _is_label(label: str) -> bool:
    """A form's label: at most six words, no sentence and no sum in it ("Beløb der søges",
    "CVR-nr."; not "Vi søger 180.000 kr i alt")."""
    return (
        len(label.split()) <= 6 and not re.search(r"[.!?][ \t]", label) and not _MONEY.search(label)
    )


def _clauses(text: str, line: Line) -> list[Clause]:
    if line.unit is Unit.row and line.cells:
        return [Clause(line.body, line.end, line.index)]
    out = []
    for s, e in sentences(text[line.body : line.end]):
        start = line.body + s
        for m in _CLAUSE_END.finditer(text, start, line.body + e):
            out.append(Clause(start, m.start(), line.index))
            start = m.end()
        out.append(Clause(start, line.body + e, line.index))
    return [c for c in out if text[c.start : c.end].strip()] or [
        Clause(line.body, line.end, line.index)
    ]
