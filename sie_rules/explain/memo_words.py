"""The memo's fixed wording, Danish and English side by side (`report` fills them in).
What the rules conclude (findings, conditions, the indstilling's lines) stays in the rules'
own Danish: those are the passages a committee reads and the sources quote."""

from __future__ import annotations

from sie_rules.explain.wording import Lang

WORDS: dict[str, tuple[str, str]] = {
    # sections, in the order of the minutes
    "resume": ("Resume", "Summary"),
    "missing": ("Mangler", "Missing"),
    "indstilling": ("Indstilling", "Recommendation"),
    "facts": ("Sagsfremstilling", "The case"),
    "economy": ("Økonomi", "Finances"),
    "route": ("Godkendelsesvej", "Approval route"),
    "conditions": ("Betingelser", "Conditions"),
    "sources": ("Kilder", "Sources"),
    # the summary and the recommendation
    "no_kind": ("sagstype ikke oplyst", "kind of request not stated"),
    "assessed": ("Vurdering: {outcome}.", "Assessment: {outcome}."),
    "treated_by": (
        " Sagen behandles af {n} parter: {parties}.",
        " The case is treated by {n} parties: {parties}.",
    ),
    "recommends": ("Direktionen indstiller,", "The executive board recommends"),
    "no_indstilling_not_eligible": (
        "Ingen indstilling: sagen opfylder ikke betingelserne.",
        "No recommendation: the case does not meet the conditions.",
    ),
    "no_indstilling_incomplete": (
        "Ingen indstilling endnu: der mangler oplysninger (se Mangler).",
        "No recommendation yet: information is missing (see Missing).",
    ),
    "no_indstilling_out_of_scope": (
        "Ingen indstilling fra regionen: sagen er ikke regionens.",
        "No recommendation from the region: the case is not the region's.",
    ),
    "no_indstilling_eligible": (
        "Ingen indstilling: ingen af reglerne for indstillingen gælder sagen.",
        "No recommendation: none of the rules for the recommendation apply to the case.",
    ),
    # the facts
    "party": ("part", "party"),
    "excluded": (" (juridisk udelukket)", " (legally excluded)"),
    "target_group": ("Målgruppe: ", "Target group: "),
    "people": ("ca. {n} personer", "about {n} people"),
    "min_age": ("{n} år og derover", "aged {n} and over"),
    "effort": ("Indsatsperiode: {start}-{end}", "Effort period: {start}-{end}"),
    "follow_up": (", effektopfølgning i {n} år", ", effect follow-up for {n} years"),
    "touches": ("Berører: ", "Touches: "),
    "goal": (
        "Betalingsmål: {name} (betales af {payers}{schedule})",
        "Payment goal: {name} (paid by {payers}{schedule})",
    ),
    "schedule": ("; betaling: {steps}", "; payment: {steps}"),
    "threshold": (
        "{pay} % ved {share} % af målgruppen",
        "{pay} % at {share} % of the target group",
    ),
    "no_facts": ("Ingen oplysninger.", "No information."),
    # the money
    "ceiling": (", loft {dkk}", ", ceiling {dkk}"),
    "no_years": (", år ikke angivet", ", years not stated"),
    "funded_by": (", finansieret af {source}", ", funded by {source}"),
    "to": (" til {recipient}", " to {recipient}"),
    "amount": ("{kind} fra {payer}{to}: ", "{kind} from {payer}{to}: "),
    "within": ("inden for loftet", "within the ceiling"),
    "over": ("OVER LOFTET", "OVER THE CEILING"),
    "no_ceiling": ("intet loft", "no ceiling"),
    "no_amounts": ("Ingen beløb.", "No amounts."),
    "year": ("År", "Year"),
    "payer": ("Betaler", "Payer"),
    "sum": ("Beløb", "Amount"),
    "repayment": ("Tilbagebetalingsvindue: {years}.", "Repayment window: {years}."),
    # the route and the checks
    "if_it_is": ("Hvis det er {line}", "If it is {line}"),
    "no_route": ("Ingen beslutningsvej.", "No decision route."),
    "earliest": (" (tidligst {date})", " (earliest {date})"),
    "requires": (", forudsætter: ", ", requires: "),
    "advisory": (" (vejledende)", " (advisory)"),
    "met": ("✔ opfyldt", "✔ met"),
    "not_met": ("✘ ikke opfyldt", "✘ not met"),
    "unknown": ("? ukendt", "? unknown"),
    "none": ("Ingen.", "None."),
    "rules_version": ("Regelversion {version}.", "Rules version {version}."),
    "gloss": ("på engelsk", "in English"),
    # the basis of a citation
    "law": ("lov", "law"),
    "agreement": ("aftale", "agreement"),
    "practice": ("praksis", "practice"),
    "assumption": ("antagelse", "assumption"),
}


def w(key: str, lang: Lang, **values: object) -> str:
    """The memo's words for `key` in `lang`, with `values` filled in."""
    da, en = WORDS[key]
    return (en if lang == "en" else da).format(**values)
