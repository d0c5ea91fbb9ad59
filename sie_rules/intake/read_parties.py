"""Parties: organisations from the lexicon and the "<Name> Kommune" pattern, their roles,
and a municipality's own status (financing found, budget adopted)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from sie_rules.intake.lexicon import first_letters
from sie_rules.intake.reading import AmountFound, Party, ReaderBase, today
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role

_MUNICIPALITY = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)(?:s)?\s+[Kk]ommune\b"
    r"|\b[Kk]ommunen\s+i\s+([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\b"
    r"|\b(?:municipality of|Municipality of)\s+([A-Z][a-zæøå]+(?:-[A-Z][a-zæøå]+)?)\b"
    r"|\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+[Mm]unicipality\b"
)
_COMMITTEE = re.compile(
    r"\b((?:[A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøåA-ZÆØÅ][a-zæøå]*|[A-ZÆØÅ][a-zæøå]*)udvalget)\b"
)


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
        if home.name not in self.parties:  # the tool's own region is always a party
            self.parties[home.name] = Party(home.name, home.kind, set(home.roles), len(self.text))
        in_region = set(self.params.list_at("region_municipalities", today()))
        names = "|".join(re.escape(n) for n in sorted(in_region, key=len, reverse=True))
        lowercase = (
            re.compile(rf"\b{first_letters(in_region)}({names})s?\s+kommune\b", re.I)
            if names
            else None
        )
        matches = [
            *_MUNICIPALITY.finditer(self.text),
            *(lowercase.finditer(self.text) if lowercase else []),
        ]
        for m in matches:
            name = next(g for g in m.groups() if g)
            if name.casefold() in {"den", "denne", "hver", "en", "the", "each", "a"}:
                continue
            name = next((n for n in in_region if n.casefold() == name.casefold()), name)
            self._add(f"{name} Kommune", PartyKind.municipality, set(), m.start(), m.end())

    def _add(self, name: str, kind: PartyKind, roles: set[Role], start: int, end: int) -> None:
        party = self.parties.setdefault(name, Party(name, kind, roles, start))
        if not party.spans:
            self.note("parties", name, start, end)
        bisect.insort(party.spans, (start, end))
        party.first = min(party.first, start)

    def assign_roles(self) -> None:
        for a, b in self._clauses():
            sentence = self.text[a:b]
            for role, pattern in self.lex.role_patterns.items():
                m = pattern.search(sentence)
                if not m:
                    continue
                allowed = self.lex.data.role_kinds.get(role, list(PartyKind))
                for party in self.in_span(a, b):
                    if party.kind in allowed and role not in party.roles:
                        party.roles.add(role)
                        label = self.params.labels.roles[role]
                        self.note(
                            f"parties.{party.name}.roles",
                            f"{party.name}: {label}",
                            a + m.start(),
                            a + m.end(),
                        )
            if self.lex.excluded.search(sentence):
                for party in self.in_span(a, b):
                    if party.kind not in {PartyKind.region}:
                        party.legally_excluded = True
                        self.note(f"parties.{party.name}.legally_excluded", True, a, b)

    def _clauses(self) -> list[tuple[int, int]]:
        """Sentences split at semicolons: "med Herning Kommune og DSI; regionen betaler …"
        gives the municipality no part in the region's payment."""
        clauses = []
        for a, b in self.spans:
            start = a
            for m in re.finditer(";", self.text[a:b]):
                clauses.append((start, a + m.start()))
                start = a + m.end()
            clauses.append((start, b))
        return clauses

    def municipal_status(self) -> None:
        municipalities = [p for p in self.parties.values() if p.kind is PartyKind.municipality]
        no_money = re.search(
            r"(?:kan|could)\s+(?:ikke|not)\s+finde\s+finansiering|ikke\s+(?:afsat|fundet)"
            r"\s+(?:midler|finansiering)|cannot find (?:the )?(?:money|financing|funding)"
            r"|could not find (?:the )?(?:money|financing|funding)"
            r"|can't fund|cannot fund",
            self.text,
            re.I,
        )
        found = re.search(
            r"finansiering\w*\s+(?:er\s+)?fundet|har fundet finansiering"
            r"|(?:found|has) (?:the )?(?:money|financing|funding)",
            self.text,
            re.I,
        )
        budget_later = re.search(
            r"efter budgettet er vedtaget|når budgettet er vedtaget"
            r"|after the budget is adopted",
            self.text,
            re.I,
        )
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
        if self.municipal_view:
            for m in _COMMITTEE.finditer(self.text):
                if m.group(1).casefold() not in self.lex.data.not_sector_committees:
                    target.committee = " ".join(m.group(1).split())
                    self.note(
                        f"parties.{target.name}.committee", target.committee, m.start(), m.end()
                    )
                    break

    def finish_roles(
        self, amounts: list[AmountFound], goals: list[dict[str, Any]], request: RequestKind | None
    ) -> None:
        investment = request in {RequestKind.mandate, RequestKind.final_approval}
        for party in self.parties.values():
            if party.kind is PartyKind.municipality and investment and not party.roles:
                party.roles.update(self.lex.data.municipality_roles)
        for amount in amounts:
            party = self.parties[amount.payer]
            if amount.kind is AmountKind.result_payment:
                party.roles.add(Role.result_payer)
                if party.kind in {PartyKind.region, PartyKind.municipality}:
                    party.roles.add(Role.authority)
            if amount.kind is AmountKind.risk_capital:
                party.roles.add(Role.investor)
        for goal in goals:
            for name in goal["payers"]:
                self.parties[name].roles.add(Role.result_payer)
                if self.parties[name].kind in {PartyKind.region, PartyKind.municipality}:
                    self.parties[name].roles.add(Role.authority)
