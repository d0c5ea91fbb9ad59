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
    "appendix": ("Teknisk bilag", "Technical appendix"),
    # the Word document's properties
    "memo_subject": ("Notat om social effektinvestering", "Memo on a social impact investment"),
    "memo_author": ("Sociale effektinvesteringer", "Social impact investments"),
    # the summary and the recommendation
    "no_kind": ("sagstype ikke oplyst", "kind of request not stated"),
    "assessed": ("Vurdering: {outcome}.", "Assessment: {outcome}."),
    "treated_by": (
        " Sagen behandles af {n} parter: {parties}.",
        " The case is treated by {n} parties: {parties}.",
    ),
    "treated_by_one": (" Sagen behandles af {parties}.", " The case is treated by {parties}."),
    "eligible_clear": (
        "Det betyder, at sagen kan gå videre til politisk behandling; ingen betingelser står åbne.",
        "This means the case can go on to the political bodies; no condition is open.",
    ),
    "eligible_open": (
        "Det betyder, at sagen kan gå videre til politisk behandling – ikke at den er godkendt: "
        "{conditions} er ikke opfyldt endnu og holder senere trin tilbage:",
        "This means the case can go on to the political bodies – not that it is approved: "
        "{conditions} not met yet and hold back later steps:",
    ),
    "conditions_n": ("{n} betingelser", "{n} conditions are"),
    "conditions_1": ("1 betingelse", "1 condition is"),
    "holds_back": ("holder tilbage: {steps}", "holds back: {steps}"),
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
    "no_source": ("ingen kilde", "no source"),
    # the technical appendix
    "appendix_intro": (
        "Til sporbarhed, ikke en del af indstillingen: den regel, hvert punkt i notatet bygger "
        "på, kildedokumenterne og regelversionen.",
        "For tracing, not part of the recommendation: the rule each item of the memo rests "
        "on, the source documents and the rules version.",
    ),
    "appendix_section": ("Afsnit", "Section"),
    "appendix_item": ("Punkt", "Item"),
    "appendix_rule": ("Regel", "Rule"),
    "example_plan": (
        "Mødeplanen er et EKSEMPEL med opdigtede datoer, ikke regionens egen; derfor står "
        "datoerne ikke i notatet. Eksemplets tidligste møder:",
        "The meeting plan is an EXAMPLE with made-up dates, not the region's own; so the "
        "memo gives no dates. The example's earliest meetings:",
    ),
    "example_date": ("tidligst {date} (eksempeldato)", "earliest {date} (example date)"),
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
