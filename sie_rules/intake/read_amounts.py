"""Amounts: each sum of money tied to the nearest word for its kind, the years in its part of
the sentence, the party that pays it and the one that receives it."""

from __future__ import annotations

import re
from collections.abc import Callable

from sie_rules.intake.amount_parts import one_per_amount
from sie_rules.intake.numbers import Money, find_amounts, years_in
from sie_rules.intake.reading import MAX_AMOUNTS, AmountFound, Party, ReaderBase, TextTooComplex
from sie_rules.intake.word_search import words_pattern
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role
from sie_rules.money import format_dkk
from sie_rules.rules.files import Pool
from sie_rules.rules.parameters import Parameters

# a year as the label of the amount after it, on its line: "2027: 200.000 kr."
_YEAR_LABEL = re.compile(r"(?<![\d.])(20\d\d)[^\S\n]*:[^\S\n]*$")
_JOINED = re.compile(r"(?:og|and)\s", re.I)
_SHARED_YEARS = re.compile(
    r"\b(?:begge|alle|both|all)\s+(?:i|in)\s+(?P<years>(?:årene\s+)?20\d\d(?:\s*[-–]\s*20\d\d)?)",
    re.I,
)


class AmountReading(ReaderBase):
    """Finds the amounts and the funding source."""

    def amounts(self, request: RequestKind | None) -> list[AmountFound]:
        monies = find_amounts(self.text, self.lex.ceiling)
        if len(monies) > MAX_AMOUNTS:
            raise TextTooComplex()
        found: list[AmountFound] = []
        for i, money in enumerate(monies):
            self.on_time()
            amount = self._amount(money, monies, i, request, found[-1] if found else None)
            if amount:
                found.append(amount)
        home = self.lex.data.home_party
        if any(a.payer == home.name for a in found) and home.name not in self.parties:
            self.parties[home.name] = Party(home.name, home.kind, set(home.roles), len(self.text))
        amounts = one_per_amount(found)
        field = self.lex.year_field.search(self.text)
        field_years = years_in(field.group("years")) if field else []  # a form's "År: 2026"
        for amount in amounts:
            amount.years = amount.years or field_years
        return amounts

    def _segments(self, monies: list[Money], i: int) -> tuple[int, int, int, int]:
        """The sentence of amount i, and its part between the amounts before and after it."""
        money = monies[i]
        a, b = self.sentence_of(money.start)
        before = monies[i - 1].end if i and monies[i - 1].end > a else a
        after = monies[i + 1].start if i + 1 < len(monies) and monies[i + 1].start < b else b
        return a, b, max(before, a), min(after, b)

    def _amount(
        self,
        money: Money,
        monies: list[Money],
        i: int,
        request: RequestKind | None,
        previous: AmountFound | None,
    ) -> AmountFound | None:
        a, b, before, after = self._segments(monies, i)
        if self.lex.ignore.search(self.text[a:b]):
            return None
        kind = self._nearest_kind(money, before, after) or self._nearest_kind(
            money, *self.clause_of(money.start)
        )
        lead = self.text[max(before, money.start - 40) : money.start]
        total_of = previous if kind is None and previous and self.lex.total.search(lead) else None
        if total_of:  # "I alt højst 800.000 kr." after the amounts it sums
            kind = total_of.kind
        if kind is None and request is RequestKind.grant:
            kind = AmountKind.grant
        investment = request in {RequestKind.mandate, RequestKind.final_approval}
        # what the region pays or caps in an investment, with no word for what it is for
        # ("regionen betaler 700.000 kr.", "regionen max 900.000 kr.", "…, at regionen vil
        # være med på samme vilkår med op til 1,5 mio. kr.") is a result payment
        capped_by_region = self.lex.ceiling.search(lead) and self.lex.home_words.search(
            self.text, self._clause_start(before, money.start), money.start
        )
        if kind is None and investment and (self.lex.pays.search(lead) or capped_by_region):
            kind = AmountKind.result_payment
        if kind is None:
            kind = self._funders_money(before, money.start)
        if kind is None:  # read, but not what it is for: the dialogue asks
            self.note("amounts.unplaced", format_dkk(money.dkk), money.start, money.end)
            return None
        ceiling = bool(self.lex.ceiling.search(lead))
        year_label = _YEAR_LABEL.search(self.text, max(before, money.start - 20), money.start)
        years = (
            [int(year_label.group(1))]  # a line "2027: 200.000 kr."
            if year_label
            else years_in(self.text[money.end : after])
            or years_in(self.text[before : money.start])
            or self._shared_years(money.end, b)
        )
        payer = (
            total_of.payer
            if total_of
            else self._own_clause_payer(kind, before, money.start)
            or self._payer(kind, a, b, before, money.start)
        )
        recipient = self._recipient(kind, money, a, b, payer)
        label = self.params.labels.amount_kinds[kind]
        self.note("amounts", f"{label} {format_dkk(money.dkk)}", money.start, money.end)
        return AmountFound(kind, payer, recipient, money, ceiling, years, None)

    def _funders_money(self, before: int, start: int) -> AmountKind | None:
        """A fund named in the amount's own clause, with no word for what the money is for,
        gives what such a fund gives: a foundation a donation ("TrygFonden contributes DKK 1
        million", "Novo Nordisk Fonden bidrager med 2 mio. kr."), the fund for social
        investments risk capital ("The DSI co-funds the effort with DKK 4 million")."""
        clause = self._clause_start(before, start)
        kinds = {p.kind for p in self.in_span(clause, start)}
        if PartyKind.foundation in kinds:
            return AmountKind.donation
        return AmountKind.risk_capital if PartyKind.dsi in kinds else None

    def _shared_years(self, start: int, end: int) -> list[int]:
        """Years said once for several amounts later in the sentence: "…, begge i 2026"."""
        m = _SHARED_YEARS.search(self.text, start, end)
        return years_in(m.group("years")) if m else []

    def _nearest_kind(self, money: Money, a: int, b: int) -> AmountKind | None:
        best: tuple[int, AmountKind] | None = None
        for kind, pattern in self.lex.amount_patterns:
            for m in pattern.finditer(self.text, a, b):
                distance = (
                    money.start - m.end() if m.end() <= money.start else m.start() - money.end
                )
                if best is None or distance < best[0]:
                    best = (distance, kind)
        return best[1] if best else None

    def _clause_start(self, before: int, start: int) -> int:
        """Where the clause of an amount at `start` begins: its last comma or semicolon, not
        before the amount before it."""
        return max(before, self.text.rfind(",", before, start), self.text.rfind(";", before, start))

    def _own_clause_payer(self, kind: AmountKind, before: int, start: int) -> str | None:
        """A municipality named in the amount's own clause as the one that pays, with no
        region word there, pays it: "…, og Samsø Kommune betaler højst 200.000 kr." (not the
        region named earlier; not "forhandle med Randers Kommune om resultatbetaling")."""
        if kind not in {AmountKind.result_payment, AmountKind.development, AmountKind.research}:
            return None
        clause = self._clause_start(before, start)
        named = self.in_span(clause, start)
        if any(p.kind is PartyKind.region for p in named) or self.lex.home_words.search(
            self.text, clause, start
        ):
            return None
        paying = (
            self.lex.pays.search(self.text, clause, start)
            or self.lex.municipal_payer.search(self.text, clause, start)
            or self._shares_the_verb(before, start)
        )
        if not paying:
            return None
        municipalities = [p for p in named if p.kind is PartyKind.municipality]
        return municipalities[0].name if len(municipalities) == 1 else None

    def _shares_the_verb(self, before: int, start: int) -> bool:
        """The amount's part of the sentence, from the amount before it, is joined by "og" and
        the sentence pays before it: "regionen betaler højst 1 mio. kr. og Aarhus Kommune
        højst 1,5 mio. kr." (the municipality pays the second)."""
        a = self.sentence_of(before)[0]
        return bool(
            before > a
            and _JOINED.match(self.text[before:start].lstrip())
            and self.lex.pays.search(self.text, a, before)
        )

    def _payer(self, kind: AmountKind, a: int, b: int, before: int, start: int) -> str:
        """Who pays the amount of sentence [a, b): a fund named in its own part of the
        sentence [before, start) first ("…, Bikubenfonden donerer 300.000 kr."), then in the
        sentence, then the rules of thumb below."""
        home = self.lex.data.home_party.name
        here = self.in_span(a, b)
        own_part = self.in_span(before, start)
        sentence = self.text[a:b].casefold()
        if kind is AmountKind.risk_capital:
            kinds = {PartyKind.dsi, PartyKind.foundation}
            funds = [p for p in own_part + here if p.kind in kinds]
            funds = funds or [p for p in self.parties.values() if p.kind is PartyKind.dsi]
            return funds[0].name if funds else home
        if kind is AmountKind.donation:
            funds = [p for p in own_part + here if p.kind is PartyKind.foundation]
            return funds[0].name if funds else home
        municipalities = [p for p in self.parties.values() if p.kind is PartyKind.municipality]
        if home not in self.parties and len(municipalities) == 1:  # a municipality's own case
            return municipalities[0].name
        region_named = any(p.kind is PartyKind.region for p in here) or "region" in sentence
        foundations = [
            p for p in here if p.kind is PartyKind.foundation and Role.result_payer in p.roles
        ]
        if kind is AmountKind.result_payment and len(foundations) == 1 and not region_named:
            return foundations[0].name  # "TrygFonden … as result payer …, up to DKK 1 million"
        if (
            kind is AmountKind.result_payment
            and len(municipalities) == 1
            and not region_named
            and (self.municipal_view or self.lex.municipal_payer.search(sentence))
        ):
            return municipalities[0].name
        return home

    def _recipient(self, kind: AmountKind, money: Money, a: int, b: int, payer: str) -> str | None:
        """Who receives the amount: the party of the right kind in its sentence, else anywhere."""
        wanted: dict[AmountKind, Callable[[Party], bool]] = {
            AmountKind.result_payment: lambda p: p.kind is PartyKind.dsi,
            AmountKind.research: lambda p: p.kind is PartyKind.research,
            AmountKind.grant: lambda p: Role.applicant in p.roles,
            AmountKind.donation: lambda p: p.kind is PartyKind.civil_society,
        }
        if kind not in wanted:
            return None
        here = [p for p in self.in_span(a, b) if p.name != payer]
        found = [p for p in here if wanted[kind](p)] or [
            p for p in self.parties.values() if wanted[kind](p)
        ]
        return found[0].name if found else None

    def funding_source(self) -> str | None:
        found = pool_named_in(self.params, self.text)
        if found is None:
            return None
        pool, m = found
        self.note("amounts.funding_source", pool.name, m.start(), m.end())
        return pool.name


def pool_named_in(params: Parameters, text: str) -> tuple[Pool, re.Match[str]] | None:
    """The first known pool the text names (by its name or an alias, any case), with the
    words that name it: "af puljen til øget lighed i sundhed" names the equality pool."""
    for pool in params.pools.pools:
        m = words_pattern([pool.name, *pool.aliases]).search(text)
        if m:
            return pool, m
    return None
