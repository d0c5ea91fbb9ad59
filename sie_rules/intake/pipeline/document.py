"""The text as written, made readable: page furniture dropped, words hyphenated across lines
joined, lines wrapped by a PDF joined into their paragraph. Every character of the readable
text knows where it stands in the text as written, so a fact still points at the user's words.

What is page furniture (a "Side 2 af 3" line, the running header it stands in) and which line
breaks are a PDF's wrapping is decided line by line; nothing else is changed.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

_PAGE_MARK = re.compile(r"\b(?:side|page)\s+\d{1,3}\s+(?:af|of)\s+\d{1,3}\b", re.I)
_TERMINAL = ".!?:;"
# a line that begins a unit of its own: a list item, a numbered line, an "at"-line
_ITEM = re.compile(r"^\s*(?:[-–•*·▪]\s|\d{1,2}[.)]\s|[a-h]\)\s|at\s)")
_FIELD = re.compile(r"^\s*[^\s:|][^:|\n]{0,40}:\s")
# words that join the two halves of "børne- og ungdomspsykiatrien": the hyphen stays
_ELISION = re.compile(r"(?:og|eller|and|or)\b")
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S[^\n]*?\S(?: {3,}|\t)\S")
_LEADERS = re.compile(r"\S[ \t]{0,5}\.{4,}[ \t]{0,5}\S")
_WRAP_SHARE = 0.7  # a line this close to its block's widest line was wrapped by the layout
_WRAP_MIN = 55
_PAGE_WIDTH = 130  # characters: no page's line is wider; a wider line was typed, not wrapped
_JOINS = ("\x00", "", " ")
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")
# a line that ends in one of these has not ended its sentence: "… op til 1,5 mio." + "kr. til …"
_ABBREVIATION = re.compile(
    r"\b(?:mio|mill|kr|t\.kr|ca|pr|nr|jf|bl\.a|f\.eks|fx|dvs|inkl|evt|maks|max)\.$", re.I
)  # the breaks that join two lines into one


@dataclass(frozen=True)
class Document:
    """`text` is the readable text; `origin[i]` is where text[i] stands in `original`."""

    original: str
    text: str
    origin: array[int]

    def in_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that text[start:end] was read from."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text))
        if end <= start:
            at = self.origin[start] if start < len(self.text) else len(self.original)
            return at, at
        return self.origin[start], self.origin[min(end, len(self.text)) - 1] + 1


def read_document(original: str) -> Document:
    """The readable text of `original` (see the module docstring)."""
    lines = [(a, b) for a, b in _lines(original) if original[a:b].strip()]
    kept = [(a, b) for a, b in lines if not _PAGE_MARK.search(original, a, b)]
    widths = _block_widths(original, kept)
    joins: list[str] = []
    for i in range(len(kept) - 1):
        continued = bool(joins) and joins[-1] in _JOINS
        joins.append(_join(original, kept[i], kept[i + 1], widths[i], continued))
    return _assemble(original, kept, joins)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, line ends excluded."""
    spans, start = [], 0
    for m in re.finditer(r"\r?\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _block_widths(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """For each line, the width of the widest line of its block (lines not parted by a blank
    line or page furniture)."""
    widths = [0] * len(lines)
    block: list[int] = []
    for i in range(len(lines) + 1):
        if block and (i == len(lines) or not _adjacent(text, lines[i - 1][1], lines[i][0])):
            widest = max(lines[j][1] - lines[j][0] for j in block)
            for j in block:
                widths[j] = widest
            block = []
        if i < len(lines):
            block.append(i)
    return widths


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether one line end alone parts two lines (no blank line, no dropped line)."""
    return text[end:start].strip("\r") == "\n"


def _join(
    text: str, line: tuple[int, int], nxt: tuple[int, int], width: int, continued: bool
) -> str:
    """What replaces the break between `line` and the next line `nxt`: "\x00" (a word
    hyphenated across it: the hyphen goes too), "" (a range of years: "2026-" + "2027"), " "
    (a line wrapped by the layout, also across a page break) or the break as written.
    `continued`: the line is itself the rest of the line before it (so no field or item)."""
    content = text[line[0] : line[1]].rstrip()
    following = text[nxt[0] : nxt[1]].lstrip()
    gap = text[line[1] : nxt[0]]
    adjacent = _adjacent(text, line[1], nxt[0])
    page_break = bool(gap.strip())  # page furniture stood between them
    if page_break:
        gap = "\n\n"
    if not adjacent and not page_break:
        return gap  # a blank line ends a paragraph
    if _ITEM.match(following) or any(_laid_out(x) for x in (content, following)):
        return gap  # a list item, a table row or a form's line with leaders is one of its own
    last, first = content[-1], following[0]
    if last == "-" and len(content) > 1:
        before = content[-2]
        if before.isalpha() and first.islower() and not _ELISION.match(following):
            return "\x00"
        if before.isdigit() and first.isdigit():
            return ""
    if first.islower() and _ORDINAL.search(content):
        return " "  # "godkendte den 5." + "marts 2026 …": a date, not a sentence's end
    if (last in _TERMINAL and not _ABBREVIATION.search(content)) or (
        not continued and _ITEM.match(content) and len(content) < _WRAP_MIN
    ):
        return gap
    # the layout wrapped a line near its block's width, when that width is a page's (a
    # typed paragraph's lines run longer and end where its writer ended them)
    wrapped = len(content) >= max(_WRAP_MIN, _WRAP_SHARE * width) and width <= _PAGE_WIDTH
    if _is_field(following) and (_is_field(content) or _ITEM.match(content)):
        return gap  # a form's next field
    if first.islower() and (wrapped or page_break):
        return " "  # the paragraph goes on
    if adjacent and wrapped and not _is_field(following) and (first.isupper() or first.isdigit()):
        return " "
    return gap


def _laid_out(line: str) -> bool:
    """A line laid out rather than written: a table row ("|", or two gaps of spaces or tabs
    between columns) or a form's line with dot leaders ("Myndighed ....... Aarhus Kommune")."""
    return "|" in line or bool(_COLUMNS.search(line) or _LEADERS.search(line))


def _is_field(line: str) -> bool:
    """A line "Label: value" with a label of at most six words and no sentence in it."""
    m = _FIELD.match(line)
    if not m:
        return False
    label = m.group(0).rstrip().rstrip(":")
    return len(label.split()) <= 6 and not re.search(r"[.!?]\s", label)


def _assemble(original: str, pieces: list[tuple[int, int]], joins: list[str]) -> Document:
    out: list[str] = []
    origin = array("l")
    for i, (a, b) in enumerate(pieces):
        join = joins[i] if i < len(joins) else ""
        if join == "\x00":  # the hyphen at the line's end goes with the break
            b = _strip_hyphen(original, a, b)
            join = ""
        out.append(original[a:b])
        origin.extend(range(a, b))
        if join:
            out.append(join)
            if join == original[b : b + len(join)]:
                origin.extend(range(b, b + len(join)))
            else:
                origin.extend([b] * len(join))
    return Document(original, "".join(out), origin)


def _strip_hyphen(text: str, a: int, b: int) -> int:
    """The end of the line [a, b) without its trailing white space and final hyphen."""
    while b > a and text[b - 1].isspace():
        b -= 1
    return b - 1 if b > a and text[b - 1] == "-" else b
