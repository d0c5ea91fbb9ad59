"""Where a name stands in its clause: after a preposition (an object, no subject), listed with
others ("DSI og Landsbyggefonden"), in the genitive before a noun ("Odder Kommune's data") or
before its share ("regionens resultatbetaling"), or as the one that applies ("X søger …")."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import Named, Reading

_SHARE = re.compile(
    r"['’]?s?\s{0,20}(?:\w{1,40}\s{1,20}){0,2}?(?:andel|andele|del|part|share|bidrag|resultatbetaling\w*"
    r"|outcome payments?"
    r"|result payments?|udgifter|midler|money|investering|investment|loft|ceiling)\b",
    re.I,
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:med|with|til|to|ved|hos|for|mellem|between|about|i|in|på|af|fra|from)\s+(?:(?:the|den|det)\s+)?$",
    re.I,
)
_AND = re.compile(r"\b(?:og|and|samt|both|både)\b|&", re.I)
_LISTED = r"[\s,]*(?:og|and|&|samt|both|både)?[\s,]*(?:the\s+|den\s+|det\s+)?"
_APPLICANT_BEFORE = re.compile(r"(?:ansøgning fra|application from|ansøger:|applicant:)\s*$", re.I)
_APPLICANT_AFTER = re.compile(
    r"^\s*(?:søger|ansøger|applies|requests|asks|beder|har søgt|has applied|skal bruge|mangler"
    r"|har brug for"
    r"|needs?|lacks?|would need|requires?"
    # receives it: "Samsø Kommune fik i marts 2026 160.000 kr. fra puljen"
    r"|fik|får|har fået|modtog|modtager|har modtaget|received|receives|has received|got|gets"
    r"|was granted|has been granted)\b",
    re.I,
)


def genitive(r: Reading, n: Named) -> bool:
    """ "Odder Kommune's data", "kommunens lokaler": the name only qualifies a noun."""
    return r.text[n.end : n.end + 2] in ("'s", "’s") or (
        r.text[n.end : n.end + 1] == "s" and not r.text[n.end + 1 : n.end + 2].isalpha()
    )


def owns(r: Reading, n: Named, b: int) -> bool:
    """ "regionens resultatbetaling", "Kommunens andel", "regional result payments", "the
    region's outcome payments": the party named in the genitive (or as an adjective) just
    before a word for its share or its money."""
    text = r.text
    genitive = text[n.end : n.end + 2] in ("s ", "'s", "’s") or text[
        n.start : n.end
    ].casefold().endswith(("ens", "s", "'s", "’s", "al", "ale"))
    return genitive and bool(_SHARE.match(text, n.end, min(b, n.end + 40)))


def applies(r: Reading, n: Named) -> bool:
    """The party applies for the sum ("Ansøgning fra Sund Start ApS om …", "X søger …"): it
    receives it, it does not pay it."""
    before = r.text[max(0, n.start - 25) : n.start]
    after = r.text[n.end : n.end + 25]
    return bool(_APPLICANT_BEFORE.search(before) or _APPLICANT_AFTER.match(after))


def group_before(r: Reading, named: list[Named]) -> list[Named]:
    """The last of `named` and those listed with it ("DSI og Landsbyggefonden provide …")."""
    group = [named[-1]]
    joined = False  # a list's last link is "og"/"and": "A, B og C"; a comma alone is no list
    for n in reversed(named[:-1]):
        between = r.text[n.end : group[0].start]
        if n.start == group[0].start:
            group.insert(0, n)
        elif re.fullmatch(_LISTED, between, re.I) and (joined or _AND.search(between)):
            group.insert(0, n)
            joined = True
        else:
            break
    return group


def is_object(r: Reading, n: Named, a: int) -> bool:
    """Whether the mention `n` (or the first of the names it is listed with: "med Skive
    Kommune og DSI") follows a preposition: it is then no subject."""
    first = n
    for other in reversed(r.named_in(a, n.start)):
        if re.fullmatch(_LISTED, r.text[other.end : first.start], re.I):
            first = other
        else:
            break
    return bool(_OBJECT_BEFORE.search(r.text, a, first.start))
