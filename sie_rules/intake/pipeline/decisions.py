"""Step 7b, decisions already taken: a municipality's body that has decided on the case ("Som
led i budget 2025-2028 vedtog Byrådet at gennemføre en social effektinvestering", "Skanderborg
Byråd har godkendt kommunens andel af resultatbetalingen", "I februar 2021 godkendte
Beskæftigelsesudvalget i Brøndby Kommune en social investering", "… har givet grønt lys til
at søge om et udviklingspartnerskab"). Each becomes a done step of
the municipality's route, named as its governance names its bodies (rules/parameters/
governance.yaml), with the words it was read from. Only a decision on the case itself or its
money counts: a body that approved minutes or a budget alone decided nothing here."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import PartyRead, Reading, today
from sie_rules.model import PartyKind
from sie_rules.rules.governance import BodyRole

# a municipal body and a past verb of deciding, in either order; the body's role follows
_BODY = (
    r"(?P<body>byrådet|byråd|kommunalbestyrelsen|borgerrepræsentationen|økonomiudvalget"
    r"|magistraten|[A-ZÆØÅ][a-zæøå]{2,30}(?:-[ \t]og[ \t][a-zæøå]{2,30})?udvalget)"
)
_VERB = (
    r"(?:vedtog|godkendte|besluttede|tiltrådte|bevilgede|afsatte|prioriterede"
    r"|gav[ \t]grønt[ \t]lys|afsat|prioriteret"  # "byrådet i Budget 2017 afsat en ramme"
    r"|har[ \t](?:vedtaget|godkendt|besluttet|tiltrådt|bevilget|givet[ \t]grønt[ \t]lys))"
)
_DECIDED = (
    re.compile(rf"\b{_BODY}\b(?:[ \t]{{1,3}}\S{{1,30}}){{0,4}}?[ \t]{{1,3}}{_VERB}\b", re.I),
    re.compile(rf"\b{_VERB}[ \t]{{1,3}}{_BODY}\b", re.I),
)
# what the decision must be about to be this case's
_THE_CASE = re.compile(
    r"\b(?:social\w*[ \t]+(?:effekt)?investering\w*|investering\w*|andel\w*|resultatbetaling\w*"
    r"|aftale\w*|sagen|projekt\w*|indsats\w*|ansøgning\w*|udviklingspartnerskab\w*)\b",
    re.I,
)
_ROLES: dict[str, BodyRole] = {
    "byrådet": "council",
    "byråd": "council",
    "kommunalbestyrelsen": "council",
    "borgerrepræsentationen": "council",
    "økonomiudvalget": "finance",
    "magistraten": "finance",
}


def read_decisions(r: Reading) -> None:
    municipalities = r.of_kind(PartyKind.municipality)
    for m in (m for pattern in _DECIDED for m in pattern.finditer(r.text)):
        r.on_time()
        a, b = r.seg.sentence_span(m.start())
        if r.aside_why(m.start()) or not _THE_CASE.search(r.text, a, b):
            continue
        party = _whose(r, municipalities, a, b)
        if party is None:
            continue
        word = m.group("body").casefold()
        name = _body_name(r, party, _ROLES.get(word, "committee"), m.group("body"))
        if name not in r.decided:
            r.decided.append(name)
            r.note("decided_by", name, m.start(), m.end())


def _whose(r: Reading, municipalities: list[PartyRead], a: int, b: int) -> PartyRead | None:
    """The municipality the sentence names, else the only one taking part."""
    named = [p for p in r.parties_in(a, b) if p.kind is PartyKind.municipality and p.takes_part]
    if len(named) == 1:
        return named[0]
    return municipalities[0] if len(municipalities) == 1 and not named else None


def _body_name(r: Reading, party: PartyRead, role: BodyRole, written: str) -> str:
    """The body as the route names it: "Byrådet (Aarhus Kommune)", "Kommunalbestyrelsen
    (Skive Kommune)"; a standing committee by its own name ("Beskæftigelsesudvalget (…)")."""
    if role == "committee":
        party.committee = party.committee or written[:1].upper() + written[1:]
        return f"{party.committee} ({party.name})"
    town = party.name.removesuffix(" Kommune")
    form = r.params.governance_at(town, today()) or r.params.governance.default
    return f"{form.bodies[role]} ({party.name})"
