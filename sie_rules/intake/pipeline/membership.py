"""Who takes part: an organisation named only aside (history, another item, an option not
chosen, a list of members, a maybe, a general remark, a comparison) is no party unless it has
a role of its own; such places give no one a role."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.items import OTHER_ITEM
from sie_rules.intake.pipeline.state import Named, Reading
from sie_rules.model import PartyKind

NOT_A_PARTY = re.compile(
    r"(?<!\w)(?:medlemmer|members include|samler|brings together|indgår derfor ikke|netværksmøde"
    r"|møde med|meeting with"
    r"|is therefore not|i nogle sager|in some cases|generelt|in general|ikke aktuelt"
    r"|not relevant|up to now"
    r"|hidtil|each investment|hver investering|hver enkelt investering|i forvejen|already funds"
    r"|already finance|adskiller sig|differs from|i modsætning til|unlike"
    r"|in ordinary|i almindelige|i ordinære"
    # other cases of the kind: "follows three social impact investments in which the region …"
    r"|investments in which|investeringer,? hvor|cases in which|sager,? hvor"
    # a possibility looked into, no one asked yet
    r"|undersøge,? om|undersøger,? om|explore whether|look into whether|looking into whether"
    r"|ikke kontaktet|not contacted|not yet contacted|haven't contacted|have not contacted)(?!\w)",
    re.I,
)
# just before a name: only a maybe ("evt. med DSI", "typically DSI")
MAYBE = re.compile(
    r"(?<!\w)(?:evt\.|eventuelt|typisk|typically|fx|f\.eks\.|e\.g\.|for eksempel|for example"
    r"|måske|perhaps"
    r"|medlem af|member of|applied to|søgt hos|ansøgt hos|har søgt|har ansøgt|har desuden søgt"
    r"|has been approached|have approached|approached|kontaktet|har kontaktet|i dialog om at søge"
    r"|ikke snakket med|ikke talt med|not talked to|not spoken to|haven't talked to"
    r"|møde med|møder med|meeting with|meetings with|netværksmøde med|uden om|without"
    r"|ligesom|like in|as in|as with|as you did in|as we did in"
    r"|udviklet i dialog med|developed in dialogue with|drafted in dialogue with|sparring med"
    r"|drøftet med|discussed with|consulted"
    r"|nævnt|nævner|har nævnt|mentioned|have mentioned|has mentioned|noget for|something for"
    r"|ingen af|none of|hverken|neither)"
    r"(?:\s+[\w.&]+){0,4}?"
    r"\s+(?:(?:med|with|af|fra|from|som|as|en|a|an|the|co-funder of)\s+){0,2}(?:\(\s*)?$",
    re.I,
)
# just after a name: only asked, not yet in ("TrygFonden has been approached about …")
_MAYBE_AFTER = re.compile(
    # "Horsens og Hedensted kommuner er …", "Viborg Kommune, som har vist interesse"
    r"(?:(?:\s{1,3}(?:og|and)|\s{0,3},)\s{1,3}[\w-]{1,30}){0,3}"
    r"\s{0,3}(?:has been approached|have been approached|is being approached|has been asked"
    r"|er blevet kontaktet|er blevet spurgt|er kontaktet|er spurgt|er forespurgt"
    r"|will not invest|won't invest|does not invest|vil ikke investere|investerer ikke"
    r"|has not taken a position|har ikke taget stilling|er ikke med|are not involved"
    r"|is not involved|overvejer det|overvejer sagen|is considering it|considers it"
    r"|has shown interest|have shown interest|har vist interesse"
    r"|kommuner er ikke med|kommunerne er ikke med|er ikke part|are not parties)\b",
    re.I,
)
HISTORY = (
    "history",
    "background section",
    "a figure of history, comparison or cost",
    "changed to another sum",
    "an option the text does not choose",
    "an application the text turns down",
    OTHER_ITEM,
)


def membership(r: Reading) -> None:
    """An organisation takes part unless every place it is named is aside, and it has no
    role of its own."""
    for party in r.parties.values():
        if party.kind is PartyKind.region or party.roles:
            continue
        places = [n for n in r.named if n.name == party.name]
        if places and all(aside(r, n) for n in places):
            party.takes_part = False


def aside(r: Reading, n: Named) -> bool:
    """Whether a place a party is named in says nothing of its part in the case: another
    item or an option not chosen, history (a sentence whose money is history), a list of
    members, a maybe or a general remark."""
    if r.aside_why(n.start) in HISTORY:
        return True
    a, b = r.seg.sentence_span(n.start)
    if any(x.background in HISTORY and a <= x.money.start < b for x in r.amounts):
        return True
    return bool(
        NOT_A_PARTY.search(r.text, a, b)
        or MAYBE.search(r.text, max(a, n.start - 30), n.start)
        or _MAYBE_AFTER.match(r.text, n.end, b)
        or _listed_after_a_maybe(r, n, a)
    )


def _listed_after_a_maybe(r: Reading, n: Named, a: int) -> bool:
    """ "møder med Norddjurs Kommune og Syddjurs Kommune": the maybe before the first name of
    a list holds for the names listed after it."""
    before = [m for m in r.named_in(a, n.start) if m.end <= n.start and m.name != n.name]
    if not before or not _JOINED.fullmatch(r.text, before[-1].end, n.start):
        return False
    first = before[-1]
    return bool(MAYBE.search(r.text, max(a, first.start - 30), first.start)) or (
        _listed_after_a_maybe(r, first, a)
    )


_JOINED = re.compile(r"\s{0,3}(?:,|og|and|&)\s{1,3}|\s{0,3},\s{0,3}", re.I)
