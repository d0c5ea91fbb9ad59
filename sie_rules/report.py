"""An assessment as a Danish decision memo in Markdown (also the CLI's readable output).

Everything a user typed (titles, party names) is escaped, so it shows as text and never
becomes a link, an image or formatting.
"""

from __future__ import annotations

import re

from .model import Assessment, Source
from .money import format_dkk, format_years
from .rulebook import Rulebook

OUTCOME = {
    "eligible": "Kan behandles",
    "not_eligible": "Kan ikke behandles",
    "incomplete": "Ufuldstændig – der mangler oplysninger",
}
STATUS = {"met": "✔ opfyldt", "not_met": "✘ ikke opfyldt", "unknown": "? ukendt"}
MET = {True: "✔", False: "✘", None: "?"}
BASIS = {"law": "lov", "agreement": "aftale", "practice": "praksis", "assumption": "antagelse"}
ACTION = {
    "recommends": "anbefaler",
    "heard": "høres",
    "prepares": "afgiver erklæring",
    "decides": "beslutter",
    "mandate": "giver bemyndigelse",
    "commits": "giver tilsagn",
    "notes": "tager til efterretning",
}
AMOUNT_STATUS = {"within": "inden for loftet", "over": "OVER LOFTET", "no_ceiling": "intet loft"}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~&])")


def escape(text: str) -> str:
    """One line of plain text: Markdown/HTML characters escaped, line breaks removed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _cite(rule: str, basis: str, source: Source | None) -> str:
    where = f"`{rule}` · {BASIS[basis]}"
    return f"{where} · {source.doc}: »{escape(source.quote)}«" if source else where


def track_title(track_id: str, actor: str) -> str:
    return escape(actor) + ("" if track_id == "region" else f" ({escape(track_id)})")


def render_markdown(a: Assessment, book: Rulebook) -> str:
    p = a.proposal
    labels = book.parameters.labels
    out = [
        f"# {escape(p.title)}",
        "",
        f"**Sagstype:** {labels.request_kinds[p.request_kind]}  ",
        f"**Vurdering:** {OUTCOME[a.outcome]}  ",
        f"**Regelversion:** {a.rules_version}",
        "",
    ]
    if a.missing:
        out += ["## Mangler", ""]
        out += [f"- {escape(m.question)} (`{m.field}`)" for m in a.missing]
        out.append("")
    if a.indstilling:
        out += ["## Indstilling", "", "Direktionen indstiller,", ""]
        out += [escape(line) for line in a.indstilling]
        out.append("")
    out += ["## Betingelser for at kunne behandles", ""]
    out += [
        f"- {STATUS[f.status]}{'' if f.gate else ' (vejledende)'}: {escape(f.text)}  \n"
        f"  {_cite(f.rule, f.basis, f.source)}"
        for f in a.findings
    ] or ["- Ingen."]
    out += ["", "## Godkendelsesvej", ""]
    for track in a.tracks:
        out.append(f"### {track_title(track.id, track.actor)}")
        for s in track.steps:
            blocked = f" — **blokeret af** {', '.join(s.blocked_by)}" if s.blocked_by else ""
            out.append(
                f"{s.order}. {escape(s.body)} {ACTION[s.action]}{blocked}  \n"
                f"   {_cite(s.rule, s.basis, s.source)}"
            )
        out.append("")
    if not a.tracks:
        out += ["Ingen beslutningsvej.", ""]
    out += ["## Beløb og lofter", ""]
    for x in a.amounts:
        ceiling = f", loft {format_dkk(x.ceiling_dkk)}" if x.ceiling_dkk is not None else ""
        years = f", {format_years(x.years)}" if x.years else ", år ikke angivet"
        source = f", finansieret af {escape(x.funding_source)}" if x.funding_source else ""
        to = f" til {escape(x.recipient)}" if x.recipient else ""
        out.append(
            f"- {labels.amount_kinds[x.kind]} fra {escape(x.payer)}{to}: "
            f"{format_dkk(x.amount_dkk)}{ceiling}{years}{source} — "
            f"{AMOUNT_STATUS[x.status]}  \n  {_cite(x.rule, x.basis, x.source)}"
        )
    if not a.amounts:
        out.append("- Ingen beløb.")
    if a.sums_per_year:
        out += ["", "| År | Betaler | Beløb |", "|---|---|---|"]
        out += [
            f"| {s.year} | {escape(s.payer)} | {format_dkk(s.amount_dkk)} |"
            for s in a.sums_per_year
        ]
    if a.repayment_years:
        out += ["", f"Tilbagebetalingsvindue: {format_years(a.repayment_years)}."]
    out += ["", "## Betingelser knyttet til beslutningen", ""]
    out += [
        f"- {MET[c.met]} {escape(c.text)}  \n  {_cite(c.rule, c.basis, c.source)}"
        for c in a.conditions
    ] or ["- Ingen."]
    docs = sorted({s.doc for s in _sources(a)})
    out += ["", "## Kilder", ""]
    out += [f"- {d}: {escape(book.corpus.documents[d].title)}" for d in docs] or ["- Ingen."]
    return "\n".join(out) + "\n"


def _sources(a: Assessment) -> list[Source]:
    found = [f.source for f in a.findings] + [c.source for c in a.conditions]
    found += [s.source for t in a.tracks for s in t.steps] + [x.source for x in a.amounts]
    return [s for s in found if s is not None]
