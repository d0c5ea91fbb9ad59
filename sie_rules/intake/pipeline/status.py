"""Step 7, status: where the case stands. Is the payment model agreed ("Betalingsmodellen blev
aftalt i september", "is not final", "aftalt i hovedtræk": cannot be said)? Has each
municipality found the money for its share ("Herning har fundet pengene, Ikast-Brande skal
have det igennem ØU")? Is a partner legally excluded? The municipality a statement is about
is the one its clause names (or "kommunen", "begge kommuner", "vores" from a municipality);
a clause that names none says nothing of any. The phrases are knowledge/intake/status.yaml."""

from __future__ import annotations

import re

from sie_rules.intake.pipeline.state import Named, PartyRead, Reading
from sie_rules.model import PartyKind, RequestKind, Role

_COMMITTEE = re.compile(  # "Socialudvalget", "Beskæftigelses- og Socialudvalget", "Udvalget
    # for arbejdsmarked og integration"
    r"\b((?:[A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøåA-ZÆØÅ][a-zæøå]*|[A-ZÆØÅ][a-zæøå]*)udvalget"
    r"|Udvalget[ \t]+for[ \t]+[a-zæøå-]{3,30}(?:[ \t]+og[ \t]+[a-zæøå-]{3,30})?)\b"
)
# "Betalingsmodellen med tre betalingsmål (…) blev godkendt af DSI's bestyrelse"
_AGREED = re.compile(
    r"\b(?:betalingsmodel\w*|payment model)\b[^.;]{0,160}?\b(?:blev|er|was|is|has been|were)\s+"
    r"(?:endeligt\s+|nu\s+|now\s+|finally\s+)?(?:aftalt|godkendt|underskrevet|agreed|approved|signed)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|don't|do not|won't|ikke|aldrig|never)\b[^.;]*$", re.I)
# a short answer or a field's value: yes (group 1) or no
_ANSWER = re.compile(
    r"\s{0,20}(?:>>\s{0,20})?(?:(ja|yes|aftalt|agreed|på plads|godkendt|approved|in place)"
    r"|nej|no|ikke|not|endnu ikke|not yet|udkast|draft)\b",
    re.I,
)
_MUNICIPAL_BODY = re.compile(
    r"\b(?:byråd\w*|kommunalbestyrelse\w*|økonomiudvalg\w*|øu|kb|fagudvalg\w*|city council"
    r"|municipal council)\b",
    re.I,
)


# a municipality's share of the result payments
_SHARE = re.compile(
    r"\b(?:sin|sit|deres|kommunens|kommunernes|its|their|the municipality's)\s{1,3}"
    r"(?:andel|andele|del|share|shares)\b|\bresultatbetaling\w*|\boutcome payments?\b",
    re.I,
)
_BUDGET_LATER = re.compile(
    r"\b(?:efter|når|før|indtil|after|before|until)\s+(?:budgettet|the\s+budget)\s+(?:er|is)\s+(?:vedtaget|adopted)",
    re.I,
)


def read_status(r: Reading) -> None:
    _payment_model(r)
    _financing(r)
    _budget(r)
    _committee(r)
    _excluded(r)


def _payment_model(r: Reading) -> None:
    """Agreed, if a sentence naming the model says so; else not agreed, if one says that."""
    words = r.vocab.status
    text = r.text
    found: dict[bool, re.Match[str]] = {}
    lines = r.seg.lines
    for i, line in enumerate(lines):
        asked = i and text[lines[i - 1].start : lines[i - 1].end].rstrip().endswith("?")
        if asked and words.model_names.search(text, lines[i - 1].start, lines[i - 1].end):
            answer = _ANSWER.match(
                text, line.body, line.end
            )  # "Er betalingsmodellen aftalt?" / "nej"
            if answer:
                found.setdefault(answer.group(1) is not None, answer)
                continue
        if line.label and words.model_names.search(text, *line.label):
            answer = _ANSWER.match(text, line.body, line.end)  # "betalingsmodel: aftalt m. DSI"
            if answer:
                found.setdefault(answer.group(1) is not None, answer)
                continue
        if not words.model_names.search(text, line.start, line.end):
            continue
        for clause in r.seg.clauses_of(line):
            if words.partly.search(text, clause.start, clause.end):
                continue
            no = words.not_agreed.search(text, clause.start, clause.end)
            yes = words.agreed.search(text, clause.start, clause.end) or _AGREED.search(
                text, clause.start, clause.end
            )
            if yes and _NEGATION.search(text, max(clause.start, yes.start() - 25), yes.start()):
                no, yes = no or yes, None  # "I'd rather we don't call the payment model agreed"
            if no:
                found.setdefault(False, no)
            elif yes:
                found.setdefault(True, yes)
    if not found:
        return
    value = True in found
    r.payment_model_agreed = value
    r.note("payment_model_agreed", value, found[value].start(), found[value].end())


def _financing(r: Reading) -> None:
    """Each municipality's money: found or not, from the statements of its own clauses; a
    statement that it is not found comes after one that it is (the latest word stands)."""
    words = r.vocab.status
    text = r.text
    municipalities = [
        p for p in r.parties.values() if p.kind is PartyKind.municipality and p.takes_part
    ]
    if not municipalities:
        return
    for clause in r.seg.clauses:
        for value, pattern in ((False, words.not_found), (True, words.found)):
            for m in pattern.finditer(text, clause.start, clause.end):
                for name in _about(r, clause.start, clause.end, m.start(), len(municipalities)):
                    party = r.parties[name]
                    if party.financing_found is None or (party.financing_found and not value):
                        party.financing_found = value
                        r.note(f"parties.{name}.financing_found", value, m.start(), m.end())
                    _pays_its_share(r, party, clause.start, clause.end)


def _pays_its_share(r: Reading, party: PartyRead, a: int, b: int) -> None:
    """A municipality whose money for its share of the result payments is found or not ("har
    afsat sin andel", "kommunens andel af resultatbetalingen er finansieret") is a result
    payer of the investment."""
    investment = r.request in (RequestKind.mandate, RequestKind.final_approval)
    if not investment or Role.result_payer in {*party.roles, *party.not_roles}:
        return
    if _SHARE.search(r.text, *r.seg.sentence_span(a)):
        party.roles[Role.result_payer] = "stated"


def _listed_last(r: Reading, before: list[Named]) -> list[str]:
    """The last municipality named and those listed with it: "Randers og Norddjurs", "Favrskov,
    Skive og Struer"; a comma after a list ends it ("… i Randers og Norddjurs, Syddjurs byråd
    behandler sagen" is about Syddjurs)."""
    group, joined = [before[-1]], False
    for n in reversed(before[:-1]):
        link = re.sub(
            r"\([^)]*\)|\b(?:byråd\w*|kommune\w*)\b", "", r.text[n.end : group[0].start], flags=re.I
        ).strip()
        if n.start == group[0].start or link in ("og", "and", "&"):
            joined = joined or link in ("og", "and", "&")
        elif not (link == "," and joined):
            break
        group.insert(0, n)
    return list(dict.fromkeys(n.name for n in group))


def _about(r: Reading, a: int, b: int, at: int, count: int) -> list[str]:
    """The municipalities a statement at `at` in the clause [a, b) is about: those named in
    the clause nearest before it (a list of them at once), else after it ("på plads i Randers
    og Norddjurs"), else the only municipality when a municipal body or "kommunen" is named."""
    named = [
        n for n in r.named_in(a, b) if n.kind is PartyKind.municipality and n.name in r.parties
    ]
    named += _bare_towns(r, a, b)
    named.sort(key=lambda n: n.start)
    before = [n for n in named if n.start < at]
    if before:
        return _listed_last(r, before)
    after = [n.name for n in named if n.start > at]
    if after:
        return list(dict.fromkeys(after))
    municipalities = [
        p.name for p in r.parties.values() if p.kind is PartyKind.municipality and p.takes_part
    ]
    if count == 1 and (_MUNICIPAL_BODY.search(r.text, a, b) or _municipal_voice(r)):
        return municipalities
    s, e = r.seg.sentence_span(at)
    if (s, e) != (a, b) and (s < a or e > b):
        return _about(
            r, s, e, at, count
        )  # "…, og kommunen betaler 1,1 mio; den er ikke finansieret"
    line = r.seg.line_at(at)
    shares = [
        x for x in r.amounts if line.start <= x.money.start < at and x.payer in municipalities
    ]
    if count == 1 and shares:  # "økonomi: kommunens resultatbetaling …. finansieringen er fundet"
        return municipalities
    if _municipal_voice(r) and r.writer in municipalities:
        return [r.writer]  # the writer's own money, in a note of its own
    return []


def _municipal_voice(r: Reading) -> bool:
    writer = r.parties.get(r.writer or "")
    return bool(r.lex.municipal_perspective.search(r.text)) or (
        writer is not None and writer.kind is PartyKind.municipality
    )


def _bare_towns(r: Reading, a: int, b: int) -> list[Named]:
    """Municipalities taking part named by their town alone in [a, b): "på plads i Randers og
    Norddjurs"."""
    out = []
    for m in re.finditer(r"[A-ZÆØÅa-zæøå]+(?:-[A-ZÆØÅa-zæøå]+)?", r.text[a:b]):
        name = r.lex.places.lookup.get(m.group().casefold())
        if name and f"{name} Kommune" in r.parties and m.group()[:1].isupper():
            start = a + m.start()
            out.append(
                Named(
                    start,
                    start + len(m.group()),
                    f"{name} Kommune",
                    PartyKind.municipality,
                    "municipality",
                )
            )
    return out


def _budget(r: Reading) -> None:
    """ "… før budgettet er vedtaget": the budget that funds the one municipality's share is
    not adopted yet."""
    municipalities = [
        p for p in r.parties.values() if p.kind is PartyKind.municipality and p.takes_part
    ]
    m = _BUDGET_LATER.search(r.text)
    if m and len(municipalities) == 1:
        municipalities[0].budget_adopted = False
        r.note(f"parties.{municipalities[0].name}.budget_adopted", False, m.start(), m.end())


def _committee(r: Reading) -> None:
    """A municipality's own committee, named as its own in a text of the municipality or
    "Social- og Sundhedsudvalget i Syddjurs Kommune"; for an item for information, whichever
    committee takes note ("Økonomiudvalget forelægges tre modeller … til efterretning")."""
    municipalities = [
        p for p in r.parties.values() if p.kind is PartyKind.municipality and p.takes_part
    ]
    if len(municipalities) != 1:
        return
    target = municipalities[0]
    own_voice = r.writer == target.name or _municipal_voice(r)
    for m in _COMMITTEE.finditer(r.text):
        name = " ".join(m.group(1).split())
        noting = r.request is RequestKind.orientation
        if name.casefold() in r.lex.data.not_sector_committees and not noting:
            continue
        after = r.text[m.end() : m.end() + 30 + len(target.name)].split()
        named_as_own = (
            len(after) > 1
            and after[0].casefold() in ("i", "in", "of")
            and target.name.startswith(after[1])
        )
        if own_voice or named_as_own:
            target.committee = name
            r.note(f"parties.{target.name}.committee", name, m.start(), m.end())
            return


def _excluded(r: Reading) -> None:
    """A partner named in a sentence that says it is excluded for legal reasons."""
    sentences = {r.seg.sentence_span(c.start) for c in r.seg.clauses}
    for a, b in sorted(sentences):
        if r.lex.excluded.search(r.text, a, b):
            for party in r.parties_in(a, b):
                if party.kind is not PartyKind.region:
                    party.legally_excluded = True
                    r.note(f"parties.{party.name}.legally_excluded", True, a, b)
