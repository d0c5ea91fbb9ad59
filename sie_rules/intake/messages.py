"""The chat's own sentences in Danish and English (rule texts stay in Danish, as in rules/),
and the lines of a reply that show the route."""

from __future__ import annotations

from typing import Any

from sie_rules.assessment import Assessment
from sie_rules.explain.compare import BLOCKED
from sie_rules.explain.wording import ACTIONS, Lang, candidate_routes, escape
from sie_rules.money import format_dkk, format_years

_MESSAGES: dict[str, dict[Lang, str]] = {
    "help": {
        "da": "Beskriv forslaget med dine egne ord – hvem der er med, hvad sagen beder om, "
        "beløb og år. Du kan også spørge *hvorfor?*, *hvad hvis …?* eller stille et "
        "spørgsmål til dokumenterne.",
        "en": "Describe the proposal in your own words – who takes part, what the case asks "
        "for, amounts and years. You can also ask *why?*, *what if …?* or ask the "
        "documents a question.",
    },
    "too_complex": {
        "da": "Teksten er for lang eller for kompliceret til, at jeg kan læse den. Forkort den, "
        "fx til selve forslaget med parter, beløb og år.",
        "en": "The text is too long or too complex for me to read. Shorten it, e.g. to the "
        "proposal itself with its parties, amounts and years.",
    },
    "not_understood": {
        "da": "Jeg fandt ingen oplysninger om et forslag i det, du skrev.",
        "en": "I found nothing about a proposal in what you wrote.",
    },
    "truncated": {
        "da": "Teksten var meget lang; jeg har kun læst de første {n} tegn.",
        "en": "The text was very long; I only read the first {n} characters.",
    },
    "understood": {"da": "Det har jeg forstået:", "en": "This is what I understood:"},
    "unplaced": {
        "da": "**Jeg kunne ikke se, hvad dette beløb er til:** {amounts}. Er det resultatbetaling, "
        "udvikling, følgeforskning, støtte, donation eller risikovillig kapital? Skriv fx "
        "«resultatbetaling 500.000 kr.».",
        "en": "**I could not tell what this amount is for:** {amounts}. Is it a result payment, "
        "development, research, a grant, a donation or risk capital? Write e.g. "
        "«result payment DKK 500,000».",
    },
    "assumed": {
        "da": "antaget, står ikke i teksten (ret det, hvis det er forkert)",
        "en": "assumed, not in the text (correct it if it is wrong)",
    },
    "nothing_new": {"da": "Jeg fandt ikke noget nyt i det.", "en": "I found nothing new in that."},
    "outcome": {"da": "**Vurdering:** {outcome}", "en": "**Assessment:** {outcome}"},
    "path": {"da": "**Godkendelsesvej:**", "en": "**Approval path:**"},
    "unmet": {"da": "**Betingelser, der ikke er opfyldt:**", "en": "**Conditions not met:**"},
    "next_question": {"da": "**Spørgsmål:** {question}", "en": "**Question:** {question}"},
    "candidates": {
        "da": "**Vejen afhænger af, hvad sagen beder om:**",
        "en": "**The route depends on what the case asks for:**",
    },
    "if_kind": {"da": "hvis det er", "en": "if it is"},
    "yes": {"da": "Ja", "en": "Yes"},
    "no": {"da": "Nej", "en": "No"},
    "invalid": {"da": "Det kan ikke bruges: {error}", "en": "That cannot be used: {error}"},
    "no_answer": {
        "da": "Det kan jeg ikke finde i dokumenterne.",
        "en": "I cannot find that in the documents.",
    },
    "sources_say": {"da": "Dokumenterne siger:", "en": "The documents say:"},
    "still_asking": {
        "da": "**Mit spørgsmål står stadig:** {question}",
        "en": "**My question still stands:** {question}",
    },
    "gloss": {"da": "På engelsk", "en": "In English"},
    "why_rule": {
        "da": "**Hvorfor:** {title} – {explanation}",
        "en": "**Why:** {title} – {explanation}",
    },
    "why_unknown": {
        "da": "Det kan jeg ikke finde i denne vurdering. Jeg kan begrunde:",
        "en": "I cannot find that in this assessment. I can explain:",
    },
    "why_nothing": {
        "da": "Der er endnu ikke noget at begrunde – beskriv først forslaget.",
        "en": "There is nothing to explain yet – describe the proposal first.",
    },
    "whatif_none": {
        "da": "Jeg kunne ikke se, hvad der skulle ændres. Prøv fx *hvad hvis kommunen ikke kan "
        "finde finansiering?*",
        "en": "I could not see what should change. Try *what if the municipality cannot find "
        "the money?*",
    },
    "whatif_same": {
        "da": "Med den ændring ({change}) bliver vej, lofter og betingelser de samme.",
        "en": "With that change ({change}) the path, ceilings and conditions stay the same.",
    },
    "whatif_diff": {"da": "Hvis {change}:", "en": "If {change}:"},
    "whatif_needs_case": {
        "da": "Beskriv først forslaget; så kan jeg vise, hvad der ændrer sig.",
        "en": "Describe the proposal first; then I can show what changes.",
    },
    "corrected": {"da": "Rettet:", "en": "Corrected:"},
    "correct_how": {
        "da": "Skriv, hvad der er det rigtige – fx «det er kommunens resultatbetaling», «Aarhus "
        "Kommune er ikke resultatbetaler» eller «det er en bemyndigelse».",
        "en": "Write what is right – e.g. «it is the municipality's result payment», «Aarhus "
        "Kommune is not a result payer» or «it is a mandate».",
    },
    "none_missing": {
        "da": "Der mangler ikke flere oplysninger for at vurdere sagen.",
        "en": "No more information is needed to assess the case.",
    },
}

FIELDS: dict[Lang, dict[str, str]] = {
    "da": {
        "parties": "part",
        "roles": "rolle",
        "request_kind": "sagstype",
        "amounts": "beløb",
        "amounts.grant": "ansøgt beløb",
        "amounts.unplaced": "beløb uden formål",
        "amounts.funding_source": "finansiering",
        "payment_goals": "betalingsmål",
        "effort_start": "indsatsperiode",
        "follow_up_years": "effektopfølgning",
        "payment_model_agreed": "betalingsmodel aftalt",
        "fields": "fagområde",
        "target_group.size": "målgruppens størrelse",
        "target_group.min_age": "alder fra",
        "dsi_theme": "DSI-tema",
        "cooperation_track": "hovedspor",
        "scaling_potential": "skaleringspotentiale",
        "regional_municipal_overlap": "krydsfelt region/kommune",
        "financing_found": "finansiering fundet",
        "budget_adopted": "budget vedtaget",
        "committee": "fagudvalg",
        "legally_excluded": "juridisk udelukket",
        "confirmed": "bekræftet",
        "corrected": "rettet",
        "parties.investor": "investor",
        "parties.authority": "myndighed",
        "parties.provider": "udfører",
        "years": "år",
        "decided_by": "har allerede besluttet",
    },
    "en": {
        "parties": "party",
        "roles": "role",
        "request_kind": "request",
        "amounts": "amount",
        "amounts.grant": "amount applied for",
        "amounts.unplaced": "amount without a purpose",
        "amounts.funding_source": "funding",
        "payment_goals": "payment goal",
        "effort_start": "effort period",
        "follow_up_years": "follow-up",
        "payment_model_agreed": "payment model agreed",
        "fields": "policy field",
        "target_group.size": "target group size",
        "target_group.min_age": "age from",
        "dsi_theme": "DSI theme",
        "cooperation_track": "cooperation track",
        "scaling_potential": "scaling potential",
        "regional_municipal_overlap": "region/municipality overlap",
        "financing_found": "financing found",
        "budget_adopted": "budget adopted",
        "committee": "sector committee",
        "legally_excluded": "legally excluded",
        "confirmed": "confirmed",
        "corrected": "corrected",
        "parties.investor": "investor",
        "parties.authority": "authority",
        "parties.provider": "provider",
        "years": "years",
        "decided_by": "has decided already",
    },
}


def msg(key: str, lang: Lang, **values: object) -> str:
    return _MESSAGES[key][lang].format(**values)


_YES_NO: dict[Lang, dict[str, str]] = {
    "da": {"True": "ja", "False": "nej"},
    "en": {"True": "yes", "False": "no"},
}
_IN_YEARS = ("follow_up_years", "target_group.min_age")


def field_label(field: str, lang: Lang) -> str:
    labels = FIELDS[lang]
    if field in labels:
        return labels[field]
    tail = field.rsplit(".", 1)[-1]
    return labels.get(tail, field)


def fact_words(field: str, value: str, lang: Lang) -> tuple[str, str]:
    """A fact's name and value as the echo says them: ("betalingsmodel aftalt", "nej"),
    ("effektopfølgning", "5 år"), ("finansiering fundet (Aarhus Kommune)", "ja")."""
    label = field_label(field, lang)
    head, _, rest = field.partition(".")
    name, _, attribute = rest.rpartition(".")
    if head == "parties" and name and attribute != "roles" and attribute in FIELDS[lang]:
        label = f"{label} ({name})"  # the party its fact is about; a role's value names it
    shown = _YES_NO[lang].get(value, value)
    if field in _IN_YEARS and value.isdigit():
        shown = f"{value} {'år' if lang == 'da' else 'years'}"
    return label, shown


def candidate_lines(assessment: Assessment, kinds: dict[Any, str], lang: Lang) -> list[str]:
    """While the request kind is unknown: each kind's route, side by side."""
    if not assessment.candidate_routes:
        return []
    routes = candidate_routes(assessment, kinds, lang)
    return [msg("candidates", lang), *(f"- {msg('if_kind', lang)} {escape(r)}" for r in routes)]


def path_lines(assessment: Assessment, lang: Lang) -> list[str]:
    """The route: each track's steps in order, a blocked step marked."""
    lines = [msg("path", lang)] if assessment.tracks else []
    for track in assessment.tracks:
        steps = " → ".join(
            f"{escape(s.body)} {ACTIONS[lang][s.action]}" + (f" {BLOCKED}" if s.blocked_by else "")
            for s in track.steps
        )
        lines.append(f"- {escape(track.actor)}: {steps}")
    return lines


def _amount_value(key: str, value: Any) -> str:
    if key == "amount_dkk":
        return format_dkk(value)
    return format_years(value) if key == "years" else str(value)


def taken(field: str, draft: dict[str, Any]) -> str | None:
    """What the draft now holds for `field`, for the echo of an answer ("finansiering:
    Puljen til øget lighed i sundhed", not the words typed); None if it cannot be said."""
    head, _, rest = field.partition(".")
    if field == "payment_goals":
        goals = draft.get("payment_goals", [])
        return "; ".join(f"{g['name']} ({', '.join(g['payers'])})" for g in goals) or None
    if head == "amounts" and rest:
        index, _, key = rest.rpartition(".")  # "1.years": the second amount's years
        amounts = draft.get("amounts", [])
        if index.isdigit() and int(index) < len(amounts):
            amounts = [amounts[int(index)]]
        values = dict.fromkeys(_amount_value(key, a[key]) for a in amounts if a.get(key))
        return ", ".join(values) or None
    if head == "parties" and rest:
        name, _, attribute = rest.partition(".")
        if not attribute:  # parties.provider: who has the role now
            names = [p["name"] for p in draft.get("parties", []) if name in p.get("roles", [])]
            return ", ".join(names) or None
        party = next(
            (p for p in draft.get("parties", []) if p["name"] in (name, f"{name} Kommune")), None
        )
        return str(party[attribute]) if party and attribute in party else None
    if field in ("effort_start", "effort_end", "follow_up_years"):  # answered together
        start, end, follow = (
            draft.get(k) for k in ("effort_start", "effort_end", "follow_up_years")
        )
        period = f"{start}–{end}" if start and end else str(start or end or "")
        return ", ".join(x for x in (period, f"{follow} år" if follow else "") if x) or None
    value = draft.get(field)
    return None if value is None else str(value)
