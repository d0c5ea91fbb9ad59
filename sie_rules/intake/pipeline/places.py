"""Municipalities named in a text: "Herning Kommune" and the other forms of municipalities.py,
and the forms people use for a municipality that acts: its council ("Horsens Byråd",
"Randers' byråd"), its name alone as the one that does something ("Herning har fundet
pengene", "Skanderborg og Odder har endnu ikke fundet finansieringen", "kan Viborg bruge
det?", "… og Hedensted op til 1,1 mio.", "Skanderborg: op til 800.000 kr.", "-> Viborg"), a
list in brackets after "kommuner" ("de tre kommuner (Randers, Norddjurs og Syddjurs)"),
"skive-sagen", and the writer's own town ("vi … her i silkeborg"). A name after "i", "på" or
"fra" is a place, not a party ("værestederne i Herning og Holstebro")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sie_rules.intake.municipalities import Places, municipalities_in
from sie_rules.intake.pipeline.spans import Taken

_NAME = r"[A-Za-zÆØÅæøå]+(?:-[A-Za-zÆØÅæøå]+)?"
_LIST = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:[ \t]+(?:og|and|&)[ \t]+{_NAME})?"
_COUNCIL = re.compile(
    rf"\b(?P<name>{_NAME})(?:s|')?[ \t]+(?:byråd(?:et)?|kommunalbestyrelse(?:n)?|city council"
    r"|municipal council|økonomiudvalg(?:et)?|magistrat(?:en)?)\b",
    re.I,
)
# a finite verb that makes a bare name before it the one that acts
_VERBS = (
    r"har|havde|skal|vil|kan|er|var|betaler|godkendte|vedtog|afsatte|deltager|går|står|ønsker"
    r"|mangler|behandler|overvejer|forventer|has|have|had|will|would|can|is|are|was|pays|pay"
    r"|approved|adopted|set|signed|decided|expects|joins|join|wants|want"
    r"|jointly|together|tilsammen|i[ \t]fællesskab"  # "Holstebro, Struer and Lemvig jointly, …"
)
_AGENTS = re.compile(rf"(?<![\w-])(?P<list>{_LIST})[ \t]+(?:{_VERBS})\b")
# the verb left out after the first of two payers: "Vejle betaler op til 2 mio. og Hedensted
# op til 1,1 mio.", "Skive pays DKK 1m and Lemvig DKK 0.5m"
_GAPPED = re.compile(
    rf"(?:,|\bog\b|\band\b)[ \t]+(?P<list>{_NAME})[ \t]+"
    r"(?:op til|højst|maks(?:imalt|\.)?|up to|at most|(?:DKK|kr\.)?[ \t]*\d)",
    re.I,
)
# a line headed by the name, as a label: ">> Skanderborg: op til 800.000 kr."
_LABEL = re.compile(rf"^[ \t>•*-]{{0,8}}(?P<list>{_NAME})[ \t]*:", re.M)
# the one an arrow points to: "færre anbringelser -> Viborg, op til 1 mio. kr."
_ARROW = re.compile(rf"(?:->|→|=>)[ \t]*(?P<list>{_NAME})\b")
_ASKED = re.compile(rf"\b(?:kan|skal|vil|bør|can|should|will|could)[ \t]+(?P<list>{_LIST})[ \t]+\w")
_BRACKETED = re.compile(
    rf"\b(?:kommuner|kommunerne|municipalities)[ \t]*\((?P<list>{_LIST})\)", re.I
)
_CASE_WORD = re.compile(rf"(?<![\w-])(?P<name>{_NAME})-(?:sagen|casen|aftalen|case)\b", re.I)
_HOME_TOWN = re.compile(rf"\b(?:her|here|hos os)[ \t]+(?:i|in|på)[ \t]+(?P<name>{_NAME})\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:vi|we)\b", re.I)
# who speaks, by its town at the start of a message: "hej. Favrskov her (familieafdelingen)"
_SPEAKING = re.compile(
    rf"(?:^|[.!?][ \t]{{1,5}})[ \t]{{0,5}}(?P<name>{_NAME})[ \t]{{1,5}}(?:her|here)\b", re.M
)
_LOCATIVE = re.compile(
    r"\b(?:i|in|på|fra|ved|til|omkring|near|at|around|mellem|between|from|to|om)[ \t]*$", re.I
)
_JOINER = re.compile(r"[ \t]{0,20}(?:,|\bog\b|\band\b|&)[ \t]{0,20}", re.I)


def municipal_mentions(
    text: str, places: Places, taken: list[tuple[int, int]]
) -> Iterator[tuple[str, int, int]]:
    """(municipality, start, end) for every municipality the text names as one, outside the
    spans `taken` by other organisations' names ("Regionshospitalet Randers")."""

    spans = Taken(taken)

    def free(a: int, b: int) -> bool:
        return not spans.overlaps(a, b)

    for name, a, b in municipalities_in(text, places):
        if free(a, b):
            yield name, a, b
    for m in _COUNCIL.finditer(text):
        resolved = places.resolve(m.group("name"))
        if resolved and free(m.start(), m.end()):
            yield resolved, m.start(), m.end()
    for pattern in (_AGENTS, _ASKED, _BRACKETED, _GAPPED, _LABEL, _ARROW):
        for m in pattern.finditer(text):
            if pattern is _AGENTS and _LOCATIVE.search(text, max(0, m.start() - 12), m.start()):
                continue
            yield from _listed(text, places, m, free)
    for m in _CASE_WORD.finditer(text):
        resolved = places.resolve(m.group("name"))
        if resolved and free(m.start(), m.end()):
            yield resolved, m.start(), m.end()
    for m in _SPEAKING.finditer(text):
        resolved = places.resolve(m.group("name"))
        if resolved and free(m.start("name"), m.end("name")):
            yield resolved, m.start("name"), m.end("name")
    if _FIRST_PERSON.search(text):
        for m in _HOME_TOWN.finditer(text):
            resolved = places.resolve(m.group("name"))
            if resolved and free(m.start("name"), m.end("name")):
                yield resolved, m.start("name"), m.end("name")


def _listed(
    text: str, places: Places, m: re.Match[str], free: object
) -> Iterator[tuple[str, int, int]]:
    """Each real municipality in the list of `m` (every name of the list must be one)."""
    start = m.start("list")
    found: list[tuple[str, int, int]] = []
    for part in _JOINER.split(m.group("list")):
        at = text.index(part, start)
        start = at + len(part)
        written = places.lookup.get(part.casefold()) or places.lookup.get(
            part.casefold().rstrip("s")
        )
        if written is None or part.casefold() in places.not_names or len(part) < 4:
            found = []  # the list's names are those after the last word that is none
            continue  # ("… har fundet pengene, Ikast-Brande skal …")
        found.append((written, at, at + len(part)))
    for name, a, b in found:
        if free(a, b):  # type: ignore[operator]
            yield name, a, b
