"""Every label the app shows, in Danish (default) and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["da", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("Sociale effektinvesteringer", "Social impact investments"),
    "language": ("English", "English"),
    "page_chat": ("Vurdér et forslag", "Assess a proposal"),
    "page_explore": ("Udforsk godkendelsesveje", "Explore approval paths"),
    "page_learn": ("Lær processen", "Learn the process"),
    "page_rules": ("Regler", "Rules"),
    "chat_intro": (
        "Beskriv forslaget med dine egne ord – fx parter, hvad sagen beder om, beløb "
        "og år. Jeg spørger efter det, der mangler.",
        "Describe the proposal in your own words – parties, what the case asks for, "
        "amounts and years. I will ask for what is missing.",
    ),
    "chat_placeholder": (
        "Skriv om forslaget, svar på spørgsmålet, eller spørg hvorfor / hvad hvis …",
        "Write about the proposal, answer the question, or ask why / what if …",
    ),
    "new_case": ("Ny sag", "New case"),
    "tab_assessment": ("Vurdering", "Assessment"),
    "tab_proposal": ("Forslaget", "The proposal"),
    "tab_memo": ("Notat", "Memo"),
    "no_assessment": (
        "Endnu ingen vurdering – beskriv forslaget i chatten, eller udfyld forslaget.",
        "No assessment yet – describe the proposal in the chat, or fill in the proposal.",
    ),
    "outcome": ("Vurdering", "Assessment"),
    "eligible": ("Kan behandles", "Eligible"),
    "not_eligible": ("Kan ikke behandles", "Not eligible"),
    "incomplete": ("Ufuldstændig", "Incomplete"),
    "missing": ("Mangler", "Missing"),
    "path": ("Godkendelsesvej", "Approval path"),
    "amounts": ("Beløb og lofter", "Amounts and ceilings"),
    "per_year": ("Beløb pr. år", "Amounts per year"),
    "repayment": ("Tilbagebetalingsvindue", "Repayment window"),
    "conditions": ("Betingelser", "Conditions"),
    "findings": ("Kan sagen behandles?", "Can the case be treated?"),
    "advisory": ("vejledende", "advisory"),
    "source": ("Kilde", "Source"),
    "no_source": ("Ingen kilde – antagelse", "No source – assumption"),
    "steps": ("Trin", "Steps"),
    "blocked": ("blokeret", "blocked"),
    "indstilling": ("Udkast til indstilling", "Draft recommendation (indstilling)"),
    "download_md": ("Hent notat (Markdown)", "Download memo (Markdown)"),
    "download_docx": ("Hent notat (Word)", "Download memo (Word)"),
    "save_proposal": ("Gem ændringer", "Save changes"),
    "saved": ("Forslaget er opdateret.", "The proposal was updated."),
    "title": ("Titel", "Title"),
    "request_kind": ("Sagstype", "Request"),
    "parties": ("Parter (roller adskilt med komma)", "Parties (roles separated by commas)"),
    "amount_rows": ("Beløb (år som 2027-2031)", "Amounts (years as 2027-2031)"),
    "goals": (
        "Betalingsmål (betalere adskilt med komma)",
        "Payment goals (payers separated by commas)",
    ),
    "effort_start": ("Indsats fra år", "Effort from year"),
    "effort_end": ("Indsats til år", "Effort until year"),
    "follow_up": ("År med effektopfølgning", "Years of follow-up"),
    "payment_model": ("Betalingsmodel aftalt?", "Payment model agreed?"),
    "financing": ("Regionens finansiering fundet?", "Region's financing found?"),
    "fields": ("Fagområder sagen berører", "Policy fields the case touches"),
    "dsi_theme": ("DSI-tema", "DSI theme"),
    "track": ("Hovedspor", "Cooperation track"),
    "unknown": ("ved ikke", "unknown"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "explore_intro": (
        "Vælg en sag, skift de forhold der ændrer vejen, og sammenlign.",
        "Pick a case, flip the facts that change the path, and compare.",
    ),
    "base_case": ("Udgangspunkt", "Starting point"),
    "current_chat": ("Forslaget fra chatten", "The proposal from the chat"),
    "variant": ("Variant", "Variant"),
    "region_pays": ("Regionen betaler for resultater", "The region pays for results"),
    "municipality_money": (
        "Kommunen har fundet finansiering",
        "The municipality has found the money",
    ),
    "touches_psychiatry": ("Sagen berører psykiatrien", "The case touches psychiatry"),
    "touches_near_health": (
        "Sagen berører nære sundhedstilbud",
        "The case touches near-health services",
    ),
    "first_amount": ("Første beløb (kr.)", "First amount (DKK)"),
    "differences": ("Forskelle", "Differences"),
    "no_differences": (
        "Ingen forskelle i vej, lofter eller betingelser.",
        "No differences in path, ceilings or conditions.",
    ),
    "learn_intro": (
        "De rigtige sager fra dokumenterne i datoorden. Gå vejen igennem trin for "
        "trin, eller test dig selv.",
        "The real cases from the documents in date "
        "order. Walk through the path step by step, or test yourself.",
    ),
    "walkthrough": ("Gennemgang", "Walk-through"),
    "quiz": ("Quiz", "Quiz"),
    "check": ("Tjek mine svar", "Check my answers"),
    "correct": ("Rigtigt", "Correct"),
    "wrong": ("Forkert – rigtigt svar", "Wrong – the answer is"),
    "score": ("Du fik {right} af {total} rigtige.", "You got {right} of {total} right."),
    "how_it_went": ("Sådan gik det", "How it went"),
    "rules_intro": (
        "Alle regler med grundlag og kilde. Filtrér efter grundlag.",
        "All rules with their basis and source. Filter by basis.",
    ),
    "basis": ("Grundlag", "Basis"),
    "law": ("lov", "law"),
    "agreement": ("aftale", "agreement"),
    "practice": ("praksis", "practice"),
    "assumption": ("antagelse", "assumption"),
    "fired_in": ("Bruges i sagerne", "Used in the cases"),
    "none": ("ingen", "none"),
    "when": ("Når", "When"),
    "then": ("Så", "Then"),
    "invalid": ("Kan ikke bruges", "Cannot be used"),
    "met": ("opfyldt", "met"),
    "not_met": ("ikke opfyldt", "not met"),
    "status_unknown": ("ukendt", "unknown"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    da, en = LABELS[key]
    return (en if lang == "en" else da).format(**values)
