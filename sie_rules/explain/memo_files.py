"""The decision memo as files: Markdown and Word, laid out from the one structure
`report.build_memo` makes, so the two always say the same. In Markdown every text is escaped,
so what a user typed (titles, party names) shows as text and never becomes a link, an image
or formatting. The Word document carries its title, author and language (da-DK or en-GB).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from sie_rules.assessment import Assessment
from sie_rules.explain.memo_words import w
from sie_rules.explain.report import build_memo
from sie_rules.explain.wording import Lang
from sie_rules.rules.rulebook import Rulebook


def render_markdown(a: Assessment, book: Rulebook, lang: Lang = "da") -> str:
    title, sections = build_memo(a, book, lang)
    out = [f"# {_md(title)}", ""]
    for section in sections:
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            notes = block.notes or [""] * len(block.items)
            if block.kind == "text":
                out += [_md(line) + "  " for line in block.items]
            elif block.kind == "table":
                head, *rows = block.rows
                out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
                out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
            else:
                for i, (item, note) in enumerate(zip(block.items, notes, strict=True), 1):
                    mark = f"{i}." if block.kind == "numbered" else "-"
                    out.append(f"{mark} {_md(item)}" + (f"  \n   *{_md(note)}*" if note else ""))
            out.append("")
    return "\n".join(out)


def render_docx(a: Assessment, book: Rulebook, lang: Lang = "da", author: str = "") -> bytes:
    """The memo as a Word document (python-docx), same content as the Markdown; titled,
    authored (by `author`, or the tool's name) and in the memo's language (da-DK, en-GB)."""
    title, sections = build_memo(a, book, lang)
    doc = new_docx()
    _describe(doc, title, author or w("memo_author", lang), lang, a.proposal.date)
    doc.add_heading(title, level=0)
    for section in sections:
        doc.add_heading(section.title, level=1)
        for block in section.blocks:
            notes = block.notes or [""] * len(block.items)
            if block.kind == "text":
                for line in block.items:
                    doc.add_paragraph(line)
            elif block.kind == "table":
                table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
                table.style = "Light Grid Accent 1"
                for r, row in enumerate(block.rows):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
            else:
                style = "List Number" if block.kind == "numbered" else "List Bullet"
                for item, note in zip(block.items, notes, strict=True):
                    paragraph = doc.add_paragraph(item, style=style)
                    if note:
                        run = paragraph.add_run("\n" + note)
                        run.italic, run.font.size = True, Pt(8)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


_LANGUAGE = {"da": "da-DK", "en": "en-GB"}


def _describe(doc: DocxDocument, title: str, author: str, lang: Lang, on: dt.date | None) -> None:
    """The document's properties (what Word and a screen reader show as its title, author
    and language) and the language of its text, for spelling and for speech. Dated the
    assessment's date, so the same memo is the same file."""
    props = doc.core_properties
    props.title, props.subject = title, w("memo_subject", lang)
    props.author = props.last_modified_by = author
    props.language, props.comments, props.keywords = _LANGUAGE[lang], "", ""
    if on is not None:
        props.created = props.modified = dt.datetime(on.year, on.month, on.day, tzinfo=dt.UTC)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for language in defaults.iter(qn("w:lang")) if defaults is not None else ():
        language.set(qn("w:val"), _LANGUAGE[lang])
        language.set(qn("w:eastAsia"), _LANGUAGE[lang])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """One line of text for a Markdown file: the characters Markdown itself reads escaped
    (not ':' or '$', which only the app's renderer reads), line breaks removed."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
