"""The decision memo, in the structure of the minutes: Resume, Indstilling, Sagsfremstilling,
Økonomi, Godkendelsesvej, Betingelser, Kilder.

`build_memo` makes one plain-text structure; `render_markdown` and `render_docx` only lay it
out, so the two formats always say the same. In Markdown every text is escaped, so what a user
typed (titles, party names) shows as text and never becomes a link, an image or formatting.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Literal

from docx import Document as new_docx
from docx.shared import Pt

from sie_rules.assessment import Assessment, Source, Step
from sie_rules.explain.wording import (
    ACTIONS,
    OUTCOMES,
    STATES,
    candidate_routes,
    money_details,
)
from sie_rules.model import PaymentGoal
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.rulebook import Rulebook

NO_INDSTILLING = {
    "not_eligible": "Ingen indstilling: sagen opfylder ikke betingelserne.",
    "incomplete": "Ingen indstilling endnu: der mangler oplysninger (se Mangler).",
    "eligible": "Ingen indstilling: ingen af reglerne for indstillingen gælder sagen.",
}
STATUS = {"met": "✔ opfyldt", "not_met": "✘ ikke opfyldt", "unknown": "? ukendt"}
MET = {True: "✔", False: "✘", None: "?"}
BASIS = {"law": "lov", "agreement": "aftale", "practice": "praksis", "assumption": "antagelse"}
AMOUNT_STATUS = {"within": "inden for loftet", "over": "OVER LOFTET", "no_ceiling": "intet loft"}


def cite(rule: str, basis: str, source: Source | None) -> str:
    where = f"[{rule} · {BASIS[basis]}]"
    return f"{where} {source.doc}: »{source.quote}«" if source else where


@dataclass
class Block:
    kind: Literal["text", "bullets", "numbered", "table"]
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # a citation under each item


@dataclass
class Section:
    title: str
    blocks: list[Block]


def build_memo(a: Assessment, book: Rulebook) -> tuple[str, list[Section]]:
    p, labels = a.proposal, book.parameters.labels
    kind = labels.request_kinds[p.request_kind] if p.request_kind else "sagstype ikke oplyst"
    resume = Block(
        "text",
        [
            f"{kind.capitalize()}: {p.title}. "
            f"Vurdering: {OUTCOMES['da'][a.outcome]}."
            + (
                f" Sagen behandles af {len(a.tracks)} parter: "
                + ", ".join(t.actor for t in a.tracks)
                + "."
                if a.tracks
                else ""
            )
        ],
    )
    sections = [Section("Resume", [resume])]
    if a.missing:
        sections.append(Section("Mangler", [Block("bullets", [m.question for m in a.missing])]))
    indstilling = (
        ["Direktionen indstiller,", *a.indstilling]
        if a.indstilling
        else [NO_INDSTILLING[a.outcome]]
    )
    sections.append(Section("Indstilling", [Block("text", indstilling)]))
    facts = [
        f"{party.name}: "
        + (", ".join(labels.roles[r] for r in party.roles) or "part")
        + (" (juridisk udelukket)" if party.legally_excluded else "")
        for party in p.parties
    ]
    if p.target_group:
        tg = p.target_group
        facts.append(
            "Målgruppe: "
            + "; ".join(
                filter(
                    None,
                    [
                        tg.description,
                        f"ca. {tg.size} personer" if tg.size else "",
                        f"{tg.min_age} år og derover" if tg.min_age else "",
                    ],
                )
            )
        )
    if p.effort_start:
        facts.append(
            f"Indsatsperiode: {p.effort_start}-{p.effort_end or '?'}"
            + (f", effektopfølgning i {p.follow_up_years} år" if p.follow_up_years else "")
        )
    facts += [_goal_line(g) for g in p.payment_goals]
    if p.fields:
        facts.append(
            "Berører: " + ", ".join(book.parameters.bodies.fields.get(f, f) for f in p.fields)
        )
    sections.append(
        Section("Sagsfremstilling", [Block("bullets", facts or ["Ingen oplysninger."])])
    )
    money = Block("bullets", notes=[])
    for x in a.amounts:
        ceiling = f", loft {format_dkk(x.ceiling_dkk)}" if x.ceiling_dkk is not None else ""
        years = f", {format_years(x.years)}" if x.years else ", år ikke angivet"
        source = f", finansieret af {x.funding_source}" if x.funding_source else ""
        to = f" til {x.recipient}" if x.recipient else ""
        instrument = labels.instruments[x.instrument] if x.instrument else None
        details = "; ".join(money_details(x, "da", instrument))
        money.items.append(
            f"{labels.amount_kinds[x.kind].capitalize()} fra {x.payer}{to}: "
            f"{format_dkk(x.amount_dkk)}{ceiling}{years}{source}"
            + (f" ({details})" if details else "")
            + f" – {AMOUNT_STATUS[x.status]}"
        )
        money.notes.append(cite(x.rule, x.basis, x.source))
    economy = [money if a.amounts else Block("text", ["Ingen beløb."])]
    if a.sums_per_year:
        economy.append(
            Block(
                "table",
                rows=[["År", "Betaler", "Beløb"]]
                + [[str(s.year), s.payer, format_dkk(s.amount_dkk)] for s in a.sums_per_year],
            )
        )
    if a.repayment_years:
        economy.append(
            Block("text", [f"Tilbagebetalingsvindue: {format_years(a.repayment_years)}."])
        )
    sections.append(Section("Økonomi", economy))
    path: list[Block] = []
    gates = {c.rule: c.text for c in a.conditions}
    for track in a.tracks:
        path.append(Block("text", [track.actor]))
        path.append(
            Block(
                "numbered",
                [_step_line(s, gates) for s in track.steps],
                notes=[cite(s.rule, s.basis, s.source) for s in track.steps],
            )
        )
    if a.candidate_routes:
        routes = candidate_routes(a, labels.request_kinds, "da")
        path.append(Block("bullets", [f"Hvis det er {line}" for line in routes]))
    sections.append(Section("Godkendelsesvej", path or [Block("text", ["Ingen beslutningsvej."])]))
    checks = Block(
        "bullets",
        [f"{STATUS[f.status]}{'' if f.gate else ' (vejledende)'}: {f.text}" for f in a.findings]
        + [f"{MET[c.met]} {c.text}" for c in a.conditions],
        notes=[cite(f.rule, f.basis, f.source) for f in a.findings]
        + [cite(c.rule, c.basis, c.source) for c in a.conditions],
    )
    sections.append(Section("Betingelser", [checks if checks.items else Block("text", ["Ingen."])]))
    docs = sorted({s.doc for s in _sources(a)})
    sections.append(
        Section(
            "Kilder",
            [
                Block(
                    "bullets",
                    [f"{d}: {book.corpus.documents[d].title}" for d in docs] or ["Ingen."],
                ),
                Block("text", [f"Regelversion {a.rules_version}."]),
            ],
        )
    )
    return p.title, sections


def _sources(a: Assessment) -> list[Source]:
    found = [f.source for f in a.findings] + [c.source for c in a.conditions]
    found += [s.source for t in a.tracks for s in t.steps] + [x.source for x in a.amounts]
    return [s for s in found if s is not None]


def render_markdown(a: Assessment, book: Rulebook) -> str:
    title, sections = build_memo(a, book)
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


def render_docx(a: Assessment, book: Rulebook) -> bytes:
    """The memo as a Word document (python-docx), same content as the Markdown."""
    title, sections = build_memo(a, book)
    doc = new_docx()
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


def _goal_line(goal: PaymentGoal) -> str:
    """'Betalingsmål: X (betales af A, B; betaling: 50 % ved 30 % af målgruppen, ...)'."""
    steps = ", ".join(
        f"{t.payment_percent:g} % ved {t.share_percent:g} % af målgruppen" for t in goal.thresholds
    ).replace(".", ",")
    schedule = f"; betaling: {steps}" if steps else ""
    return f"Betalingsmål: {goal.name} (betales af {', '.join(goal.payers)}{schedule})"


def _step_line(step: Step, gates: dict[str, str]) -> str:
    """'Forretningsudvalget afgiver erklæring – senere (tidligst 12.01.2027), forudsætter: …'"""
    line = f"{step.body} {ACTIONS['da'][step.action]} – {STATES['da'][step.state]}"
    if step.earliest:
        line += f" (tidligst {step.earliest:%d.%m.%Y})"
    if step.blocked_by:
        line += ": " + "; ".join(gates.get(r, r).rstrip(".") for r in step.blocked_by)
    if step.requires:
        line += ", forudsætter: " + "; ".join(gates.get(r, r).rstrip(".") for r in step.requires)
    return line


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """One line of text for a Markdown file: the characters Markdown itself reads escaped
    (not ':' or '$', which only the app's renderer reads), line breaks removed."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
