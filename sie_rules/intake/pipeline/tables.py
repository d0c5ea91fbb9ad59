"""Step 3b, tables: amounts in a table's rows, as a PDF or an e-mail flattens them ("DSI |
risikovillig kapital | 3.000.000", "Resultatbetaling til DSI (loft): 0 | 600 | 900 | 3.200"
under "År: 2027 | 2028 | 2029 | I alt"). A row's cells give its payer, kind, sum, years and
cap; a header of years spreads a row over its years; a header that compares ("Ved mandat |
Nu") points to the column in force; "(t.kr.)" in the caption counts in thousands; a row of
totals is a sum of the others, not an amount."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sie_rules.intake.numbers import Money, find_amounts
from sie_rules.intake.pipeline.payers import PAYING
from sie_rules.intake.pipeline.segments import Line, Unit
from sie_rules.intake.pipeline.state import AmountRead, Reading
from sie_rules.intake.pipeline.years import money_years
from sie_rules.model import AmountKind

_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,]*\d)")
_THOUSANDS = re.compile(r"\bt\.?\s?kr\b|1\.000 kr|\bi 1\.000\b|\bthousand", re.I)
_TOTAL = re.compile(r"^\s*(?:i alt|total|sum|i alt \d{4}|samlet)\b", re.I)
_YEAR_CELL = re.compile(r"^\s*(?:20\d\d|i alt|total|sum)\s*$", re.I)


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int


def read_tables(r: Reading) -> None:
    """Add the amounts of every table's rows to `amounts`."""
    rows = [line for line in r.seg.lines if line.unit is Unit.row and line.cells]
    years: list[int | None] | None = None
    column: int | None = None  # the column in force, when the header compares columns
    previous: Line | None = None
    for line in rows:
        r.on_time()
        new_table = previous is None or line.index != previous.index + 1
        if new_table:
            years = column = None
        cells = _cells(r, line)
        texts = [r.text[c.start : c.end] for c in cells]
        if sum(bool(_YEAR_CELL.match(t)) for t in texts) >= 2:
            years = [int(t) if t.strip().isdigit() else None for t in (x.strip() for x in texts)]
        elif new_table and len(texts) > 2 and not any(_value(t) for t in texts):
            column = _column_in_force(r, texts)
        elif not _TOTAL.match(r.text[line.start : line.end].strip()):
            amount = _row_amount(r, line, cells, texts, years, column)
            if amount is not None:
                r.amounts.append(amount)
        previous = line


def _column_in_force(r: Reading, header: list[str]) -> int | None:
    """The one column whose header says its figures are in force ("Nu (februar 2027)"), when
    another column's says its figures are of before ("Ved mandat (juni 2026)")."""
    words = r.vocab.structure
    current = [i for i, t in enumerate(header) if words.current_column.search(t)]
    earlier = [i for i, t in enumerate(header) if words.earlier_column.search(t)]
    if len(current) == 1 and earlier and current[0] not in earlier:
        return current[0]
    return None


def _cells(r: Reading, line: Line) -> list[_Cell]:
    """The row's cells; a label before the first bar ("År: 2027 | …") is a cell of its own."""
    cells = [_Cell(a, b) for a, b in line.cells]
    if line.label and line.label[1] < cells[0].end:
        value = r.text.index(":", line.label[1]) + 1
        cells = [_Cell(*line.label), _Cell(value, cells[0].end), *cells[1:]]
    return cells


def _thousands(r: Reading, line: Line) -> bool:
    """Whether the table counts in thousands: its caption or section heading says "t.kr."."""
    for back in range(line.index - 1, max(-1, line.index - 12), -1):
        above = r.seg.lines[back]
        if above.unit is not Unit.row:
            return bool(_THOUSANDS.search(r.text, above.start, above.end))
    return False


def _row_amount(
    r: Reading,
    line: Line,
    cells: list[_Cell],
    texts: list[str],
    years: list[int | None] | None,
    column: int | None,
) -> AmountRead | None:
    scale = 1000 if _thousands(r, line) else 1
    kind = _row_kind(r, line)
    payer = _row_payer(r, line, texts[0])
    if years is not None:  # a row spread over the header's years, its total last
        per_year = {}
        # a header with no cell over the rows' labels stands over their last cells
        unlabelled: list[int | None] = [None] * max(0, len(texts) - len(years))
        aligned = unlabelled + years
        for year, text in zip(aligned, texts, strict=False):
            value = _value(text)
            if year is not None and value:
                per_year[year] = value * scale
        if not per_year or kind is None:
            return None
        total = sum(per_year.values())
        money = Money(total, cells[0].start, line.end, r.text[line.start : line.end])
        return AmountRead(
            money,
            kind,
            "stated",
            payer,
            "stated" if payer else "inferred",
            sorted(per_year),
            "stated",
            ceiling=bool(r.lex.ceiling.search(r.text, line.start, line.end)),
            by_year=per_year,
        )
    chosen = list(zip(cells, texts, strict=False))
    if column is not None:
        chosen = chosen[column : column + 1]
    for cell, text in chosen:
        found = find_amounts(text) or ([] if not _value(text) else None)
        value = found[0].dkk if found else (_value(text) or 0) * scale
        if value >= 1000 and kind is not None:
            money = Money(value, cell.start, cell.end, text.strip())
            # the years after the sum, else those of the row's label: "loft (2028-2031) | …"
            after = money_years(r.text[cell.start : line.end])
            return AmountRead(
                money,
                kind,
                "stated",
                payer,
                "stated" if payer else "inferred",
                after or money_years(texts[0]),
                "stated",
                ceiling=bool(r.lex.ceiling.search(r.text, line.start, line.end)),
            )
    return None


def _row_payer(r: Reading, line: Line, label: str) -> str | None:
    """The party the row names, or a municipality of the case its label names bare ("Struer –
    resultatbetaling, loft")."""
    for n in r.named_in(line.start, line.end):
        if n.kind in PAYING and n.name in r.parties:
            return n.name
    first = re.match(r"\s{0,20}([^\W\d_][\w-]{0,40})", label)
    place = first and r.lex.places.resolve(first.group(1))
    name = f"{place} Kommune" if place else None
    return name if name in r.parties else None


def _row_kind(r: Reading, line: Line) -> AmountKind | None:
    for kind, pattern in r.lex.amount_patterns:
        if pattern.search(r.text, line.start, line.end):
            return kind
    return None


def _value(text: str) -> int:
    """A cell's bare number ("3.000.000", "600"), 0 for none."""
    m = _NUMBER.search(text.strip())
    if not m or re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
        return 0  # a year, not a sum
    return int(m.group(1).replace(".", ""))
