"""Step 2, parties: every organisation named (known names, names by their head word, the
municipalities, the region by its names, bodies and pool), whose voice the text is (its
"vi"), and what "kommunen", "fonden", "selskabet" or "vi" stand for where they are written.

Reads the segments; fills `named`, `parties` and `writer`. Whether a party named takes part
in the case is decided later (roles.py): here every organisation named is one.
"""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.names import organisations_in
from sie_rules.intake.pipeline.places import municipal_mentions
from sie_rules.intake.pipeline.segments import THREAD, Unit
from sie_rules.intake.pipeline.spans import Taken
from sie_rules.intake.pipeline.state import Named, PartyRead, Reading
from sie_rules.intake.word_search import words_pattern
from sie_rules.model import PartyKind

# words that stand for a party named elsewhere, by the kind of party they stand for
_ANAPHORS: dict[PartyKind, re.Pattern[str]] = {
    PartyKind.municipality: re.compile(
        # "kommunal" stands for the municipality only before its money or its part
        r"\b(?:kommunen|kommunens|the municipality|the municipality's|municipality's"
        r"|kommunale?(?=\s{1,3}(?:resultatbetaling\w*|andel|finansiering|medfinansiering|bidrag"
        r"|loft|betaling|myndighed|budget)))\b",
        re.I,
    ),
    PartyKind.foundation: re.compile(
        r"\b(?:fonden|fondens|the foundation|the foundation's)\b", re.I
    ),
    PartyKind.company: re.compile(
        r"\b(?:selskabet|selskabets|firmaet|firmaets|the company)\b", re.I
    ),
    # "Foreningen søger nu om …": the association named before (not "Foreningen Trappen")
    PartyKind.civil_society: re.compile(
        r"\b(?:foreningen|foreningens|the association)\b(?![ \t]+(?-i:[A-ZÆØÅ]))", re.I
    ),
}
_PLURAL_MUNICIPAL = re.compile(
    r"\b(?:kommunerne|kommunernes|begge kommuner|begge kommunalbestyrelser|begge byråd"
    r"|both city councils"
    r"|both councils|de (?:to|tre|fire|fem) kommuner|both municipalities"
    r"|the (?:two|three|four) municipalities|the municipalities)\b",
    re.I,
)
_WE = re.compile(r"\b(?:vi|vores|os|we|our|us)\b", re.I)
_CLOSING = re.compile(
    r"^\s{0,20}(?:(?:med\s{1,20})?venlig(?:st)?\s{1,20}hilsen|de\s{1,20}bedste\s{1,20}hilsner|mange\s{1,20}hilsner|hilsen|mvh|vh"
    r"|kind\s{1,20}regards|best\s{1,20}regards|regards|yours\s{1,20}sincerely|sincerely|best)\b|^\s{0,20}/\w",
    re.I | re.M,
)
# the writer says who speaks: "vi (norddjurs kommune)", "Jeg skriver fra Vejle Kommune"
_SELF = re.compile(
    r"\b(?:vi|we)\s*\((?P<a>[^)]{3,60})\)|\b(?:jeg\s+skriver\s+fra|vi\s+skriver\s+fra"
    r"|i am writing (?:from|on behalf of)"
    r"|we are writing from|fra(?=\s+\S+\s+kommunes\s+side)|vi\s+er"
    r"|we\s+are)\s+(?P<b>[^.,\n]{3,40})"
    r"|(?:^|[.!?][ \t]{1,5})(?P<c>[^\W\d_][\w-]{2,30})(?=[ \t]{1,5}(?:her|here)\b)",
    re.I,
)
_GREETING = re.compile(r"\s{0,20}(?:hej|hejsa|kære|hi|hello|dear|goddag)\b", re.I)
_FROM_FIELDS = ("fra", "from", "ansøger", "applicant", "udarbejdet af", "afsender")
_REGION_VOICE = re.compile(
    r"\b(?:direktionen indstiller|administrationen (?:indstiller|anbefaler|vurderer)|til formanden"
    r"|til udvalgsformanden|the administration (?:recommends|finds|proposes)|punkt \d+|agenda item"
    r"|committee meeting)\b",
    re.I,
)


def find_parties(r: Reading) -> None:
    """Fill `named` with every organisation named (also by a word standing for it) and
    `parties` with one entry per organisation; find the writer."""
    text = r.text
    other_regions = [m.span() for m in r.vocab.organisations.other_regions.finditer(text)]
    elsewhere = Taken(other_regions)
    found = [
        Named(m.start, m.end, m.name, m.kind, m.how)
        for m in organisations_in(text, r.vocab.organisations, r.lex.places.lookup)
        if not elsewhere.overlaps(m.start, m.end)
    ]
    names = [(n.start, n.end) for n in found] + other_regions
    for name, a, b in municipal_mentions(text, r.lex.places, names):
        found.append(Named(a, b, f"{name} Kommune", PartyKind.municipality, "municipality"))
    taken = Taken([(n.start, n.end) for n in found] + other_regions)
    home = r.lex.data.home_party
    region_words = words_pattern([home.name, *home.aliases, *r.lex.data.home_words])
    for m in region_words.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            found.append(Named(m.start(), m.end(), home.name, home.kind, "region"))
    found += _applicant_fields(r, found)
    found += _applicant_subjects(r, found)
    found.sort(key=lambda n: n.start)
    for n in found:
        r.parties.setdefault(n.name, PartyRead(n.name, n.kind))
    r.named = found
    # the voice of the newest message that says whose it is (a forwarding note often does not)
    r.writer = next(filter(None, (_writer(r, a, b) for a, b in _blocks(text))), None)
    if _municipal_voice(r):  # its own "udvalget", "administrationen": not the region's
        r.named = [n for n in found if not _own_body(r, n)]
        found = r.named
    r.named = sorted(found + _anaphors(r), key=lambda n: n.start)


# a body every council has: in a municipality's own text, the municipality's
_BODIES = ("udvalget", "direktionen", "administrationen", "the committee")


def _municipal_voice(r: Reading) -> bool:
    writer = r.parties.get(r.writer or "")
    return bool(
        writer
        and writer.kind is PartyKind.municipality
        and r.lex.municipal_perspective.search(r.text)
    )


def _own_body(r: Reading, n: Named) -> bool:
    return n.kind is PartyKind.region and r.text[n.start : n.end].casefold() in _BODIES


_APPLICANT_FIELDS = (
    "ansøger",
    "applicant",
    "ansøgende organisation",
    "ansøgende forening",
    "organisation",
)
_NAME_END = re.compile(r"\s*(?:[,(;]|\s[–-]\s|$)")


def _applicant_fields(r: Reading, found: list[Named]) -> list[Named]:
    """The organisation a form names as its applicant ("Applicant: Health Bridge Aarhus
    (voluntary association)"), when no name found already stands there."""
    out = []
    for line in r.seg.lines:
        if line.unit is not Unit.field or not line.label:
            continue
        if r.text[line.label[0] : line.label[1]].strip().casefold() not in _APPLICANT_FIELDS:
            continue
        if any(line.body <= n.start < line.end for n in found):
            continue
        value = r.text[line.body : line.end]
        end = _NAME_END.search(value)
        name = value[: end.start() if end else len(value)].strip()
        if 2 < len(name) <= 80:
            out.append(
                Named(line.body, line.body + len(name), name, PartyKind.civil_society, "head")
            )
    return out


# a sentence that opens with capitalised words and then applies: "Dansk Folkehjælp søger …",
# or the name after "ansøgningen fra": "at ansøgningen fra Café Sorgløs afslås"
_APPLYING_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?])[ \t]{1,5}|(?<=\n)|(?i:ansøgning(?:en)?[ \t]fra|application[ \t]from)[ \t])"
    r"[ \t]{0,5}"
    r"(?P<name>[A-ZÆØÅ][\wæøåÆØÅ'’-]{1,40}(?:[ \t]{1,3}[A-ZÆØÅ][\wæøåÆØÅ'’-]{1,40}){0,3})"
    r"[ \t]{1,3}(?=\w)",
    re.M,
)


def _applicant_subjects(r: Reading, found: list[Named]) -> list[Named]:
    """An organisation no word of which tells its kind, named by the capitalised words that
    open a sentence in which it applies ("Dansk Folkehjælp søger regionen om 1 mio. kr.")."""
    out = []
    taken = Taken((n.start, n.end) for n in found)
    for m in _APPLYING_SUBJECT.finditer(r.text):
        name = m.group("name")
        if taken.overlaps(m.start("name"), m.end("name")) or len(name.split()) < 2:
            continue
        after_from = r.text[m.start() : m.start("name")].strip() != ""  # "ansøgningen fra X"
        if not (after_from or r.lex.applicant_verbs.match(r.text, m.end())):
            continue
        if name.split()[0].casefold() in r.vocab.organisations.not_names:
            continue
        out.append(Named(m.start("name"), m.end("name"), name, PartyKind.organisation, "head"))
    return out


def _writer(r: Reading, a: int = 0, b: int | None = None) -> str | None:
    """The party whose voice text[a:b] is: named where it says who speaks (a "Fra:" or
    "Ansøger:" field, "vi (norddjurs kommune)", the signature after the closing words), else
    the region for an agenda item or a note of its administration."""
    text = r.text
    b = len(text) if b is None else b
    for line in r.seg.lines:
        if line.unit is Unit.field and line.label and a <= line.start < b:
            label = text[line.label[0] : line.label[1]].strip().casefold()
            if label in _FROM_FIELDS:
                named = r.named_in(line.body, line.end)
                if named:
                    return named[0].name
    for m in _SELF.finditer(text, a, b):
        s, e = next(m.span(g) for g in ("a", "b", "c") if m.group(g))
        named = [  # "vi er Odder Kommune", not "vi er i snak med Den Sociale Investeringsfond"
            n
            for n in r.named_in(s, min(e, s + 30))
            if n.kind is not PartyKind.region and n.start <= s + 4
        ]
        if named:
            return named[0].name
    closing = list(_CLOSING.finditer(text, a, b))
    signed = _GREETING.match(text, a) and text.count("\n", a, b) >= 3  # a mail with a signature
    start = closing[-1].start() if closing else a + _last_lines(text[a:b]) if signed else None
    if start is not None:  # the signature: after the closing words, or the last lines of a mail
        named = [n for n in r.named_in(start, b) if n.kind is not PartyKind.region]
        if named:
            return named[-1].name
    municipal = r.lex.municipal_perspective.search(text, a, b)  # "Økonomiudvalget", "byrådet"
    towns = {n.name for n in r.named_in(a, b) if n.kind is PartyKind.municipality}
    if municipal and len(towns) == 1:
        return towns.pop()  # a municipality's own agenda item or note
    if _REGION_VOICE.search(text, a, b) and not municipal:
        return r.home
    return None


def _blocks(text: str) -> list[tuple[int, int]]:
    """The messages of a thread: parted by "-----Original Message-----", "Videresendt
    meddelelse" and the like (one block for a text that is no thread)."""
    starts = [0, *(m.start() for m in THREAD.finditer(text))]
    blocks = [(s, e) for s, e in zip(starts, [*starts[1:], len(text)], strict=True) if e > s]
    return blocks or [(0, len(text))]


def _last_lines(text: str, count: int = 2) -> int:
    """Where the last `count` lines of `text` begin."""
    end = len(text.rstrip())
    for _ in range(count):
        end = text.rfind("\n", 0, end)
    return max(end, 0)


def _anaphors(r: Reading) -> list[Named]:
    """Where "kommunen", "fonden", "selskabet" or "vi" stand for a party named elsewhere: the
    one party of that kind, else the nearest one named before."""
    out: list[Named] = []
    text = r.text
    taken = Taken((n.start, n.end) for n in r.named)
    for kind, pattern in _ANAPHORS.items():
        for m in pattern.finditer(text):
            party = _referent(r, kind, m.start())
            if party is not None and not taken.overlaps(m.start(), m.end()):
                out.append(Named(m.start(), m.end(), party, kind, "anaphor"))
    municipalities = [p.name for p in r.parties.values() if p.kind is PartyKind.municipality]
    for m in _PLURAL_MUNICIPAL.finditer(text):
        out += [
            Named(m.start(), m.end(), name, PartyKind.municipality, "anaphor")
            for name in municipalities
        ]
    blocks = _blocks(text)
    for a, b in blocks:  # "vi"/"we" are the writer of their own message; in a thread, a
        # message whose writer is not said (a forwarding note) is no one's known voice
        writer = _writer(r, a, b) or (r.writer if len(blocks) == 1 else None)
        if writer is None:
            continue
        for m in _WE.finditer(text, a, b):
            out.append(Named(m.start(), m.end(), writer, r.parties[writer].kind, "anaphor"))
    return out


def _referent(r: Reading, kind: PartyKind, at: int) -> str | None:
    kinds = {kind, PartyKind.dsi} if kind is PartyKind.foundation else {kind}
    names = list(dict.fromkeys(n.name for n in r.named if n.kind in kinds))
    if len(names) == 1:
        return names[0]
    before = [n for n in r.named if n.kind in kinds and n.start < at]
    return before[-1].name if before else None
