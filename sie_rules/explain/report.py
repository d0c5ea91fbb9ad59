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

from sie_rules.assessment import AssessedAmount, Assessment, Condition, Finding, Source, Step
from sie_rules.explain.memo_words import w
from sie_rules.explain.wording import (
    ACTIONS,
    OUTCOMES,
    STATES,
    Lang,
    candidate_routes,
    in_words,
    money_details,
)
from sie_rules.model import PaymentGoal
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.rulebook import Rulebook

MET = {True: "✔", False: "✘", None: "?"}


def cite(
    rule: str, basis: str, source: Source | None, lang: Lang = "da", gloss: str | None = None
) -> str:
    """'[rule · basis] doc: »quote«', with the quote's English gloss when one is given."""
    where = f"[{rule} · {w(basis, lang)}]"
    if source is None:
        return where
    glossed = f" ({w('gloss', lang)}: {gloss})" if gloss else ""
    return f"{where} {source.doc}: »{source.quote}«{glossed}"


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


def build_memo(a: Assessment, book: Rulebook, lang: Lang = "da") -> tuple[str, list[Section]]:
    p, labels = a.proposal, book.parameters.labels

    def note(x: AssessedAmount | Step | Finding | Condition) -> str:
        """The citation of a conclusion; in English with its quote's gloss."""
        source = x.source
        gloss = book.corpus.gloss(source.doc, source.quote) if source and lang == "en" else None
        return cite(x.rule, x.basis, source, lang, gloss)

    kind = (
        in_words(labels.request_kinds[p.request_kind], p.request_kind.value, lang)
        if p.request_kind
        else w("no_kind", lang)
    )
    parties = ", ".join(t.actor for t in a.tracks)
    resume = Block(
        "text",
        [
            f"{_first_upper(kind)}: {p.title}. "
            + w("assessed", lang, outcome=OUTCOMES[lang][a.outcome])
            + (w("treated_by", lang, n=len(a.tracks), parties=parties) if a.tracks else "")
        ],
    )
    sections = [Section(w("resume", lang), [resume])]
    if a.missing:
        questions = Block("bullets", [m.asked(lang) for m in a.missing])
        sections.append(Section(w("missing", lang), [questions]))
    indstilling = (
        [w("recommends", lang), *a.indstilling]
        if a.indstilling
        else [w(f"no_indstilling_{a.outcome}", lang)]
    )
    sections.append(Section(w("indstilling", lang), [Block("text", indstilling)]))
    facts = [
        f"{party.name}: "
        + (
            ", ".join(in_words(labels.roles[r], r.value, lang) for r in party.roles)
            or w("party", lang)
        )
        + (w("excluded", lang) if party.legally_excluded else "")
        for party in p.parties
    ]
    if p.target_group:
        tg = p.target_group
        about = [
            tg.description,
            w("people", lang, n=tg.size) if tg.size else "",
            w("min_age", lang, n=tg.min_age) if tg.min_age else "",
        ]
        facts.append(w("target_group", lang) + "; ".join(filter(None, about)))
    if p.effort_start:
        facts.append(
            w("effort", lang, start=p.effort_start, end=p.effort_end or "?")
            + (w("follow_up", lang, n=p.follow_up_years) if p.follow_up_years else "")
        )
    facts += [_goal_line(g, lang) for g in p.payment_goals]
    if p.fields:
        fields = book.parameters.bodies.fields
        facts.append(w("touches", lang) + ", ".join(fields.get(f, f) for f in p.fields))
    facts_block = Block("bullets", facts or [w("no_facts", lang)])
    sections.append(Section(w("facts", lang), [facts_block]))
    money = Block("bullets", notes=[])
    for x in a.amounts:
        ceiling = (
            w("ceiling", lang, dkk=format_dkk(x.ceiling_dkk)) if x.ceiling_dkk is not None else ""
        )
        years = f", {format_years(x.years)}" if x.years else w("no_years", lang)
        source = w("funded_by", lang, source=x.funding_source) if x.funding_source else ""
        to = w("to", lang, recipient=x.recipient) if x.recipient else ""
        instrument = (
            in_words(labels.instruments[x.instrument], x.instrument.value, lang)
            if x.instrument
            else None
        )
        details = "; ".join(money_details(x, lang, instrument))
        kind_words = in_words(labels.amount_kinds[x.kind], x.kind.value, lang)
        money.items.append(
            w("amount", lang, kind=_first_upper(kind_words), payer=x.payer, to=to)
            + f"{format_dkk(x.amount_dkk)}{ceiling}{years}{source}"
            + (f" ({details})" if details else "")
            + f" – {w(x.status, lang)}"
        )
        money.notes.append(note(x))
    economy = [money if a.amounts else Block("text", [w("no_amounts", lang)])]
    if a.sums_per_year:
        head = [w("year", lang), w("payer", lang), w("sum", lang)]
        rows = [[str(s.year), s.payer, format_dkk(s.amount_dkk)] for s in a.sums_per_year]
        economy.append(Block("table", rows=[head, *rows]))
    if a.repayment_years:
        window = w("repayment", lang, years=format_years(a.repayment_years))
        economy.append(Block("text", [window]))
    sections.append(Section(w("economy", lang), economy))
    path: list[Block] = []
    gates = {c.rule: c.text for c in a.conditions}
    for track in a.tracks:
        path.append(Block("text", [track.actor]))
        why = [f for f in a.findings if f.track == track.id]  # e.g. the form of governance
        if why:
            path.append(Block("bullets", [f.text for f in why], notes=[note(f) for f in why]))
        path.append(
            Block(
                "numbered",
                [_step_line(s, gates, lang) for s in track.steps],
                notes=[note(s) for s in track.steps],
            )
        )
    if a.candidate_routes:
        routes = candidate_routes(a, labels.request_kinds, lang)
        path.append(Block("bullets", [w("if_it_is", lang, line=line) for line in routes]))
    route = path or [Block("text", [w("no_route", lang)])]
    sections.append(Section(w("route", lang), route))
    checks = Block(
        "bullets",
        [
            f"{w(f.status, lang)}{'' if f.gate else w('advisory', lang)}: {f.text}"
            for f in a.findings
        ]
        + [f"{MET[c.met]} {c.text}" for c in a.conditions],
        notes=[note(f) for f in a.findings] + [note(c) for c in a.conditions],
    )
    no_checks = Block("text", [w("none", lang)])
    sections.append(Section(w("conditions", lang), [checks if checks.items else no_checks]))
    docs = sorted({s.doc for s in _sources(a)})
    titles = [f"{d}: {book.corpus.documents[d].title}" for d in docs] or [w("none", lang)]
    version = Block("text", [w("rules_version", lang, version=a.rules_version)])
    sections.append(Section(w("sources", lang), [Block("bullets", titles), version]))
    return p.title, sections


def _first_upper(text: str) -> str:
    """'resultatbetaling' -> 'Resultatbetaling' ('DSI' stays 'DSI', unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def _sources(a: Assessment) -> list[Source]:
    found = [f.source for f in a.findings] + [c.source for c in a.conditions]
    found += [s.source for t in a.tracks for s in t.steps] + [x.source for x in a.amounts]
    return [s for s in found if s is not None]


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


def render_docx(a: Assessment, book: Rulebook, lang: Lang = "da") -> bytes:
    """The memo as a Word document (python-docx), same content as the Markdown."""
    title, sections = build_memo(a, book, lang)
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


def _goal_line(goal: PaymentGoal, lang: Lang) -> str:
    """'Betalingsmål: X (betales af A, B; betaling: 50 % ved 30 % af målgruppen, ...)'."""
    steps = ", ".join(
        w("threshold", lang, pay=f"{t.payment_percent:g}", share=f"{t.share_percent:g}")
        for t in goal.thresholds
    )
    if lang == "da":
        steps = steps.replace(".", ",")
    schedule = w("schedule", lang, steps=steps) if steps else ""
    return w("goal", lang, name=goal.name, payers=", ".join(goal.payers), schedule=schedule)


def _step_line(step: Step, gates: dict[str, str], lang: Lang) -> str:
    """'Forretningsudvalget afgiver erklæring – senere (tidligst 12.01.2027), forudsætter: …'"""
    line = f"{step.body} {ACTIONS[lang][step.action]} – {STATES[lang][step.state]}"
    if step.earliest:
        line += w("earliest", lang, date=f"{step.earliest:%d.%m.%Y}")
    if step.blocked_by:
        line += ": " + "; ".join(gates.get(r, r).rstrip(".") for r in step.blocked_by)
    if step.requires:
        line += w("requires", lang) + "; ".join(gates.get(r, r).rstrip(".") for r in step.requires)
    return line


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """One line of text for a Markdown file: the characters Markdown itself reads escaped
    (not ':' or '$', which only the app's renderer reads), line breaks removed."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
