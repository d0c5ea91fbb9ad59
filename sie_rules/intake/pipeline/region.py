"""Step 6b, the region: does Region Midtjylland take part? Not when the text says it does
not ("Regionen er ikke part", "the region cannot legally take part"). Yes when it has a role
or money in the case, when the text is the region's own (an agenda item, a note of its
administration) or is written to it, or asks it something ("kan regionen være med som
resultatbetaler?"). A municipality's text to its own bodies that names the region only in
passing leaves it out; a text that names no municipality is the region's (the tool's users
work for it). A text no one signs that asks for an investment decision (or for nothing yet
clear) "with" or "in" the municipalities it names, never naming the region, is taken to be
the region's too, and that reading is asked ("Bemyndigelse til at forhandle med Samsø
Kommune og DSI")."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.membership import aside
from sie_rules.intake.pipeline.positions import is_object
from sie_rules.intake.pipeline.state import PartyRead, Reading, today
from sie_rules.model import PartyKind, RequestKind

_ADDRESSED = re.compile(
    r"^\s{0,20}(?:til|to|dear|kære|hej|hello|hi)\b[^\n]{0,60}\b(?:region midtjylland|regionen"
    r"|region midt"
    r"|central denmark region|the region)\b",
    re.I | re.M,
)
_ASKS_REGION = re.compile(
    r"\b(?:kan|vil|skal|kunne|om|would|could|can|will|whether|if|asks?|invites?|inviteret)\s+"
    r"(?:\w+\s+){0,2}(?:regionen|region midtjylland|the region|central denmark region|jer|you)\b",
    re.I,
)


# written to the reader, who works for the region: "i jeres arbejde", "skal det forbi jeres
# udvalg?"
_TO_YOU = re.compile(r"\b(?:jer|jeres)\b", re.I)


def decide_region(r: Reading) -> None:
    """Keep the region among the parties when it takes part; add it, as taken to take part,
    when the text names no municipality."""
    home = r.home
    region = r.parties.get(home)
    if r.lex.home_absent.search(r.text) or _absent_later(r):
        if region is not None:
            region.takes_part = False
        return
    if region is None:
        # the region's own text: no municipality named, or "vi" with no one else speaking
        # (the tool's users write for the region)
        own_voice = r.writer is None and r.lex.first_person.search(r.text)
        decision = r.request in (None, RequestKind.mandate, RequestKind.final_approval) and all(
            _first_named_as_object(r, p.name) for p in r.of_kind(PartyKind.municipality)
        )
        unsigned = (
            r.writer is None
            and (not r.of_kind(PartyKind.municipality) or own_voice or decision)
            and not _elsewhere(r)
        )
        to_you = r.writer is not None and r.writer != home and _TO_YOU.search(r.text)
        if unsigned or to_you:
            own = not r.of_kind(PartyKind.municipality) or own_voice
            r.parties[home] = PartyRead(
                home, PartyKind.region, part_how="stated" if own and not to_you else "inferred"
            )
            r.note("parties", home, len(r.text), len(r.text))  # assumed, not read
        return
    pools = {w.casefold() for pool in r.params.pools.pools for w in [pool.name, *pool.aliases]}
    bodies = (
        {w.casefold() for w in r.lex.data.home_words}
        - pools
        - {"puljen", "the pool", "lighedspuljen"}
    )
    municipal = bool(r.lex.municipal_perspective.search(r.text)) or _municipal_writer(r)
    places = [
        n
        for n in r.named
        if n.name == home
        and n.how != "anaphor"
        and not (municipal and r.text[n.start : n.end].casefold() in bodies)  # their "udvalget"
    ]
    region.takes_part = bool(
        region.roles
        or any(a.payer == home and a.background is None for a in r.amounts)
        or r.writer == home
        or _ADDRESSED.search(r.text)
        or _ASKS_REGION.search(r.text)
        or any(not aside(r, n) for n in places)
        or (r.request is RequestKind.orientation and any(a.payer == home for a in r.amounts))
    )  # the last: a status report on the region's own grant


def _absent_later(r: Reading) -> bool:
    """ "Regionen takkede nej i brev af 4. december og er derfor ikke part": the region, the
    subject of its sentence, said to take no part after "og", no other party named between."""
    for n in r.named:
        if n.name != r.home or n.how == "anaphor":
            continue
        end = r.seg.sentence_span(n.start)[1]
        m = r.lex.absent_after_and.search(r.text, n.end, end)
        if m and not [x for x in r.named_in(n.end, m.start()) if x.name != r.home]:
            return True
    return False


def _elsewhere(r: Reading) -> bool:
    """Whether every municipality the text names lies outside the region ("Beskæftigelsesudvalget
    i Brøndby Kommune godkendte …"): another region's municipality's own case."""
    ours = set(r.params.list_at("region_municipalities", today()))
    named = [p.name.removesuffix(" Kommune") for p in r.of_kind(PartyKind.municipality)]
    return bool(named) and not any(name in ours for name in named)


def _first_named_as_object(r: Reading, name: str) -> bool:
    """Whether the party is first named after a preposition ("med Samsø Kommune", "i Horsens
    Kommune"): the case is done with it, not by it."""
    first = next(n for n in r.named if n.name == name)
    return is_object(r, first, r.seg.sentence_span(first.start)[0])


def _municipal_writer(r: Reading) -> bool:
    return r.writer is not None and r.parties[r.writer].kind is PartyKind.municipality
