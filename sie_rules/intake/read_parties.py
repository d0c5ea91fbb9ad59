"""Parties: organisations from the lexicon and the "<Name> Kommune" pattern, their roles,
and a municipality's own status (financing found, budget adopted)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from sie_rules.intake.municipalities import municipalities_in
from sie_rules.intake.reading import AmountFound, Party, ReaderBase
from sie_rules.intake.word_search import starting_with
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role

# organisations named by their form: "Foreningen Sind og Samvær", "Poul Due Jensens Fond",
# "Bikubenfonden" is in the lexicon; a few capitalised words, bounded (linear on long runs)
# (initials count as a word: "A.P. Møller Fonden"); in lower case ("foreningen trappen") the
# name is taken to be the one word after "foreningen"
_CAPITAL = r"(?!DKK\b|EUR\b)(?:[A-ZÆØÅ][\wæøå-]+|(?:[A-ZÆØÅ]\.){1,3})"
_S = r"[^\S\n]+"  # spaces within a line: a name does not run on to the next line
_ORGANISATION = re.compile(
    r"(?=[A-ZÆØÅf])"  # every alternative starts so: other positions fail at one test
    rf"(?:\b[Ff]oreningen(?:{_S}(?:(?:og|for|til|af|om|mod|i|på|fra){_S})?{_CAPITAL}){{1,4}}"
    rf"|\bforeningen{_S}(?P<lower>[a-zæøå][\wæøå-]+)"
    rf"|(?P<fund>(?<![\w.]){_CAPITAL}(?:{_S}{_CAPITAL}){{0,3}}{_S}Fond(?:en)?\b"
    r"|\b[A-ZÆØÅ][a-zæøå]{2,}fonden\b"  # one word: "Bikubenfonden"
    # a name ending in one word "…fond": "Det Obelske Familiefond"
    rf"|(?<![\w.])(?:{_CAPITAL}{_S}){{0,3}}[A-ZÆØÅ][a-zæøå]{{2,}}fond\b))"
)
_COMMITTEE = re.compile(
    r"\b((?:[A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøåA-ZÆØÅ][a-zæøå]*|[A-ZÆØÅ][a-zæøå]*)udvalget)\b"
)


# an applicant named by its place: two to four capitalised words that begin a sentence
_NAME_WORDS = re.compile(r"(?<![\wæøå'-])[A-ZÆØÅ][\wæøå'-]*+(?:[^\S\n]++[A-ZÆØÅ][\wæøå'-]*+){1,3}")
_NAME_REACH = 80
_SENTENCE_ENDS = ".!?:\n"
_LETTERS = re.compile(r"[\W\d_]+")
# a name's last "s" before a word in lower case is the genitive: "Foreningen Trappens indsats"
# (not before a preposition: "Foreningen Åbent Hus for a summer festival")
_GENITIVE = re.compile(
    r"s[^\S\n]+(?!(?:for|til|i|og|med|om|på|fra|af|and|to|in|with|of|at|on|from)\b)[a-zæøå]"
)

# a municipality's own money: not found, found, or only once its budget is adopted
_NO_MONEY = starting_with(
    ("kan", "could", "ikke", "cannot", "can't", "has", "have", "not"),
    r"(?:kan|could)\s+(?:ikke|not)\s+finde\s+finansiering|ikke\s+(?:afsat|fundet)"
    r"\s+(?:midler|finansiering)|cannot find (?:the )?(?:money|financing|funding)"
    r"|could not find (?:the )?(?:money|financing|funding)|can't fund|cannot fund"
    r"|(?:has|have)\s+not\s+(?:yet\s+)?found|\bnot\s+yet\s+found",
)
_MONEY_FOUND = starting_with(
    ("finansiering", "har", "found", "has"),
    r"finansiering\w*\s+(?:er\s+)?fundet|har fundet finansiering"
    r"|(?:found|has) (?:the )?(?:money|financing|funding)",
)
_LATER = ("efter", "når", "før", "indtil", "after", "before", "until")
_BUDGET_LATER = starting_with(
    _LATER,
    rf"(?:{'|'.join(_LATER)})\s+(?:budgettet|the\s+budget)\s+(?:er|is)\s+(?:vedtaget|adopted)",
)


def _named_as_of(text: str, end: int, name: str) -> bool:
    """Whether the words after `end` are "i <name>" (or "in"/"of"): the body is the party's."""
    words = text[end : end + 20 + len(name)].split()
    n = len(name.split())
    return (
        len(words) > n
        and words[0].casefold() in {"i", "in", "of"}
        and (" ".join(words[1 : n + 1]).casefold() == name.casefold())
    )


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted, non-nested `spans` overlaps [start, end)."""
    i = bisect.bisect_left(spans, (start, start))
    return any(a < end and start < b for a, b in spans[max(0, i - 1) : i + 1])


class PartyReading(ReaderBase):
    """Finds the parties and what each one does."""

    def find_parties(self) -> None:
        home = self.lex.data.home_party
        found = [
            (*self.lex.party_of_word[str(m.lastgroup)], m.start(), m.end())
            for m in self.lex.party_words.finditer(self.text)
        ]
        for _, known, start, end in sorted(found, key=lambda f: (f[0], f[2])):
            self._add(known.name, known.kind, set(known.roles), start, end)
        for m in self.lex.close_names.long_words.finditer(self.text):  # a name with a slip
            close = self.lex.close_names.party(m.group())
            if close is not None:
                self._add(close.name, close.kind, set(close.roles), m.start(), m.end())
        known_spans = sorted(span for party in self.parties.values() for span in party.spans)
        for m in _ORGANISATION.finditer(self.text):
            if _overlaps(known_spans, m.start(), m.end()):
                continue  # a known party's own words ("Investeringsfonden" is DSI)
            name = " ".join(m.group(0).split())
            if m.group("lower"):
                name = f"Foreningen {m.group('lower').capitalize()}"
            elif (
                not m.group("fund")
                and _GENITIVE.match(self.text, m.end() - 1)
                and name.split()[-1].casefold() not in self.lex.places.lookup
            ):  # "Foreningen Nabohjælps projekt" is Foreningen Nabohjælp's; "… Aarhus" is a town
                name = name[:-1]
            close = self.lex.close_names.party(_LETTERS.sub("", name))
            seen = next((n for n in self.parties if n.casefold() == name.casefold()), None)
            if close is not None:  # a known name with slips: "Den Social Investerings Fond"
                self._add(close.name, close.kind, set(close.roles), m.start(), m.end())
            elif seen is not None:  # named again: one more place it is named
                self._add(seen, self.parties[seen].kind, set(), m.start(), m.end())
            else:
                kind = PartyKind.foundation if m.group("fund") else PartyKind.organisation
                roles = set() if m.group("fund") else {Role.applicant}
                self._add(name, kind, roles, m.start(), m.end())
        for name, start, end in municipalities_in(self.text, self.lex.places):
            self._add(f"{name} Kommune", PartyKind.municipality, set(), start, end)
        self._applicants_by_place()
        municipal = any(p.kind is PartyKind.municipality for p in self.parties.values())
        if self.lex.home_absent.search(self.text):  # "the region is not involved"
            self.parties.pop(home.name, None)
            self.evidence = [
                e for e in self.evidence if (e.field, e.value) != ("parties", home.name)
            ]
        elif home.name not in self.parties and (not municipal or self._region_speaks()):
            # the region takes part unless the text describes only others' case
            self.parties[home.name] = Party(home.name, home.kind, set(home.roles), len(self.text))
            if not self.lex.home_words.search(self.text):  # taken to take part, not read
                self.note("parties", home.name, len(self.text), len(self.text))

    def _applicants_by_place(self) -> None:
        """An organisation named by its place, not its form: two to four capitalised words
        that begin a sentence and then apply ("Dansk Flygtningehjælp søger regionen om …"),
        unless they name a party already found."""
        taken = sorted(span for party in self.parties.values() for span in party.spans)
        for verb in self.lex.applicant_verbs.finditer(self.text):
            lead = max(0, verb.start() - _NAME_REACH)
            begins = max(self.text.rfind(c, lead, verb.start()) for c in _SENTENCE_ENDS) + 1
            if begins == 0 and lead > 0:
                continue  # no sentence begins near enough
            words = self.text[begins : verb.start()]
            start, end = begins + len(words) - len(words.lstrip()), begins + len(words.rstrip())
            if start >= end or not _NAME_WORDS.fullmatch(self.text, start, end):
                continue
            if not _overlaps(taken, start, end):
                name = " ".join(self.text[start:end].split())
                self._add(name, PartyKind.organisation, {Role.applicant}, start, end)

    def _region_speaks(self) -> bool:
        """Whether the region takes part in a text that names a municipality: yes, unless the
        text describes the municipality's own case (it pays or borrows) without naming the
        region (its bodies, its pool) and without a first person (the tool's users write for
        the region; a municipality's own voice is `municipal_view`)."""
        if self.lex.home_words.search(self.text):
            return True
        if self.lex.first_person.search(self.text) and not self.municipal_view:
            return True
        return not self.lex.municipal_payer.search(self.text)

    def _add(self, name: str, kind: PartyKind, roles: set[Role], start: int, end: int) -> None:
        party = self.parties.setdefault(name, Party(name, kind, roles, start))
        if not party.spans:
            self.note("parties", name, start, end)
        bisect.insort(party.spans, (start, end))
        party.first = min(party.first, start)

    def assign_roles(self) -> None:
        clauses = self.clauses
        role_words = {
            role: pattern.first_in_each(self.text, clauses)
            for role, pattern in self.lex.role_patterns.items()
        }
        excluded = self.lex.excluded.first_in_each(self.text, clauses)
        for n, (a, b) in enumerate(clauses):
            for role, found in role_words.items():
                m = found[n]
                if not m:
                    continue
                allowed = self.lex.data.role_kinds.get(role, list(PartyKind))
                for party in self.in_span(a, b):
                    if party.kind in allowed and role not in party.roles:
                        party.roles.add(role)
                        label = self.params.labels.roles[role]
                        self.note(
                            f"parties.{party.name}.roles", f"{party.name}: {label}", *m.span()
                        )
            if excluded[n]:
                for party in self.in_span(a, b):
                    if party.kind not in {PartyKind.region}:
                        party.legally_excluded = True
                        self.note(f"parties.{party.name}.legally_excluded", True, a, b)

    def municipal_status(self) -> None:
        municipalities = [p for p in self.parties.values() if p.kind is PartyKind.municipality]
        no_money = _NO_MONEY.search(self.text)
        found = _MONEY_FOUND.search(self.text)
        budget_later = _BUDGET_LATER.search(self.text)
        target = municipalities[0] if len(municipalities) == 1 else None
        if target is None:
            return
        if no_money:
            target.financing_found = False
            self.note(
                f"parties.{target.name}.financing_found", False, no_money.start(), no_money.end()
            )
        elif found:
            target.financing_found = True
            self.note(f"parties.{target.name}.financing_found", True, found.start(), found.end())
        if budget_later:
            target.budget_adopted = False
            self.note(
                f"parties.{target.name}.budget_adopted",
                False,
                budget_later.start(),
                budget_later.end(),
            )
        for m in _COMMITTEE.finditer(self.text):
            # the municipality's own committee: in a text from the municipality, or named as
            # its committee ("Social- og Sundhedsudvalget i Syddjurs Kommune bedes …")
            own = self.municipal_view or _named_as_of(self.text, m.end(), target.name)
            if own and m.group(1).casefold() not in self.lex.data.not_sector_committees:
                target.committee = " ".join(m.group(1).split())
                self.note(f"parties.{target.name}.committee", target.committee, m.start(), m.end())
                break

    def finish_roles(
        self, amounts: list[AmountFound], goals: list[dict[str, Any]], request: RequestKind | None
    ) -> None:
        investment = request in {RequestKind.mandate, RequestKind.final_approval}
        for party in self.parties.values():
            # a municipality that only delivers the effort still takes part as an authority
            if (
                party.kind is PartyKind.municipality
                and investment
                and party.roles <= {Role.provider}
            ):
                party.roles.update(self.lex.data.municipality_roles)
        for amount in amounts:
            party = self.parties[amount.payer]
            if amount.kind is AmountKind.result_payment:
                party.roles.add(Role.result_payer)
                if party.kind in {PartyKind.region, PartyKind.municipality}:
                    party.roles.add(Role.authority)
            if amount.kind is AmountKind.risk_capital:
                party.roles.add(Role.investor)
            if amount.kind is AmountKind.donation and party.kind in self.lex.data.role_kinds.get(
                Role.donor, []
            ):
                party.roles.add(Role.donor)
        for goal in goals:
            for name in goal["payers"]:
                self.parties[name].roles.add(Role.result_payer)
                if self.parties[name].kind in {PartyKind.region, PartyKind.municipality}:
                    self.parties[name].roles.add(Role.authority)
