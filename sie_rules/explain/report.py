"""The decision memo, in the structure of the minutes: Resume, Indstilling, Sagsfremstilling,
Økonomi, Godkendelsesvej, Betingelser, Kilder; and a marked technical appendix (Teknisk bilag).

`build_memo` makes one plain-text structure; `memo_files` lays it out as Markdown and as Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sie_rules.assessment import AssessedAmount, Assessment, Condition, Finding, Source, Step
from sie_rules.explain.memo_words import w
from sie_rules.explain.open_conditions import open_conditions, open_words
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
    basis: str,
    source: Source | None,
    title: str | None,
    lang: Lang = "da",
    gloss: str | None = None,
) -> str:
    """'Praksis – <the document's title>: »quote«', with the quote's English gloss when one is
    given; a conclusion without a source says so. (Rule ids go in the technical appendix.)"""
    where = _first_upper(w(basis, lang))
    if source is None:
        return f"{where} – {w('no_source', lang)}"
    glossed = f" ({w('gloss', lang)}: {gloss})" if gloss else ""
    return f"{where} – {title or source.doc}: »{source.quote}«{glossed}"


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
    """The memo in domain words; the rules behind each item, the rules version and any dates
    from an example meeting plan only in its last section, the marked technical appendix."""
    p, labels = a.proposal, book.parameters.labels
    traced: list[list[str]] = []  # the appendix's rows: section, item, rule
    plan = book.parameters.meetings
    real_dates = plan is not None and not plan.example

    def note(section: str, x: AssessedAmount | Step | Finding | Condition) -> str:
        """The citation of a conclusion (in English with its quote's gloss); its rule is
        traced in the appendix."""
        traced.append([section, str(sum(row[0] == section for row in traced) + 1), x.rule])
        source = x.source
        gloss = book.corpus.gloss(source.doc, source.quote) if source and lang == "en" else None
        title = book.corpus.documents[source.doc].title if source else None
        return cite(x.basis, source, title, lang, gloss)

    kind = (
        in_words(labels.request_kinds[p.request_kind], p.request_kind.value, lang)
        if p.request_kind
        else w("no_kind", lang)
    )
    parties = ", ".join(t.actor for t in a.tracks)
    treated = "treated_by_one" if len(a.tracks) == 1 else "treated_by"
    resume = Block(
        "text",
        [
            f"{_first_upper(kind)}: {p.title}. "
            + w("assessed", lang, outcome=OUTCOMES[lang][a.outcome])
            + (w(treated, lang, n=len(a.tracks), parties=parties) if a.tracks else "")
        ],
    )
    sections = [Section(w("resume", lang), [resume, *_meaning(a, lang)])]
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
            w("people", lang, n=_count(tg.size, lang)) if tg.size else "",
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
        money.notes.append(note(w("economy", lang), x))
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
            place = f"{w('route', lang)}, {track.actor}"
            notes = [note(place, f) for f in why]
            path.append(Block("bullets", [f.text for f in why], notes=notes))
        path.append(
            Block(
                "numbered",
                [_step_line(s, gates, lang, real_dates) for s in track.steps],
                notes=[note(f"{w('route', lang)}, {track.actor}", s) for s in track.steps],
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
        notes=[note(w("conditions", lang), f) for f in a.findings]
        + [note(w("conditions", lang), c) for c in a.conditions],
    )
    no_checks = Block("text", [w("none", lang)])
    sections.append(Section(w("conditions", lang), [checks if checks.items else no_checks]))
    docs = sorted({s.doc for s in _sources(a)})
    titles = [book.corpus.documents[d].title for d in docs] or [w("none", lang)]
    sections.append(Section(w("sources", lang), [Block("bullets", titles)]))
    sections.append(_appendix(a, book, lang, traced, docs, real_dates))
    return p.title, sections


def _meaning(a: Assessment, lang: Lang) -> list[Block]:
    """What 'kan behandles' means for this case: it may go to the political bodies, and the
    conditions still open hold back the steps they gate (named)."""
    if a.outcome != "eligible":
        return []
    still = open_conditions(a, lang)
    if not still:
        return [Block("text", [w("eligible_clear", lang)])]
    lines = [
        f"{MET[c.met]} {c.text.rstrip('.')}"
        + (f" – {w('holds_back', lang, steps=', '.join(c.holds_back))}" if c.holds_back else "")
        for c in still
    ]
    return [Block("text", [open_words(len(still), lang)]), Block("bullets", lines)]


def _appendix(
    a: Assessment,
    book: Rulebook,
    lang: Lang,
    traced: list[list[str]],
    docs: list[str],
    real_dates: bool,
) -> Section:
    """The technical appendix, marked as such: the rule behind each item of the memo, the
    documents by id, the rules version, and the dates of an example meeting plan, labelled."""
    blocks = [Block("text", [w("appendix_intro", lang)])]
    if traced:
        head = [w("appendix_section", lang), w("appendix_item", lang), w("appendix_rule", lang)]
        blocks.append(Block("table", rows=[head, *traced]))
    if docs:
        blocks.append(Block("bullets", [f"{d}: {book.corpus.documents[d].title}" for d in docs]))
    blocks.append(Block("text", [w("rules_version", lang, version=a.rules_version)]))
    dated = [(t, s) for t in a.tracks for s in t.steps if s.earliest]
    if dated and not real_dates:
        blocks.append(Block("text", [w("example_plan", lang)]))
        blocks.append(
            Block(
                "bullets",
                [
                    f"{s.body} {ACTIONS[lang][s.action]} ({t.actor}): "
                    + w("example_date", lang, date=f"{s.earliest:%d.%m.%Y}")
                    for t, s in dated
                ],
            )
        )
    return Section(w("appendix", lang), blocks)


def _count(n: int, lang: Lang) -> str:
    """1000 -> '1.000' in Danish, '1,000' in English."""
    return f"{n:,}".replace(",", ".") if lang == "da" else f"{n:,}"


def _first_upper(text: str) -> str:
    """'resultatbetaling' -> 'Resultatbetaling' ('DSI' stays 'DSI', unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def _sources(a: Assessment) -> list[Source]:
    found = [f.source for f in a.findings] + [c.source for c in a.conditions]
    found += [s.source for t in a.tracks for s in t.steps] + [x.source for x in a.amounts]
    return [s for s in found if s is not None]


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


def _step_line(step: Step, gates: dict[str, str], lang: Lang, dated: bool) -> str:
    """'Forretningsudvalget afgiver erklæring – senere (tidligst 12.01.2027), forudsætter: …'
    (the date only when the meeting plan is the bodies' real one: `dated`)."""
    line = f"{step.body} {ACTIONS[lang][step.action]} – {STATES[lang][step.state]}"
    if step.earliest and dated:
        line += w("earliest", lang, date=f"{step.earliest:%d.%m.%Y}")
    if step.blocked_by:
        line += ": " + "; ".join(gates.get(r, r).rstrip(".") for r in step.blocked_by)
    if step.requires:
        line += w("requires", lang) + "; ".join(gates.get(r, r).rstrip(".") for r in step.requires)
    return line
