"""Danish (or English) text -> a draft proposal, every fact with the words it came from.

Deterministic and explainable: organisations come from the lexicon (knowledge/intake.yaml) and
the "<Name> Kommune" pattern; amounts from numbers.py, each tied to the nearest word for its
kind, the years in its part of the sentence, and the party that pays it; the request kind from
weighted keywords. Nothing is guessed silently: what is not found stays out of the draft, and
the dialogue asks for it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sie_rules.intake.lexicon import KnownParty, Lexicon, words_pattern
from sie_rules.intake.numbers import Money, find_amounts, follow_up_years, year_range, years_in
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role
from sie_rules.money import format_dkk
from sie_rules.rules.parameters import Parameters

MAX_TEXT_CHARS = 200_000
_ABBREVIATIONS = "".join(
    rf"(?<!\b{a})"
    for a in ("mio", "ca", "fx", "mv", "pr", "nr", "max", "maks", r"bl\.a", "dvs", "mill")
)
_SENTENCE_END = re.compile(
    rf"(?:{_ABBREVIATIONS}[.!?])(?=\s+[\"'«»(]?[A-ZÆØÅ0-9])|\n\s*\n|\n(?=\s*(?:at |\d+\. |- ))"
)
_MUNICIPALITY = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)(?:s)?\s+[Kk]ommune\b"
    r"|\b[Kk]ommunen\s+i\s+([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\b"
    r"|\b(?:municipality of|Municipality of)\s+([A-Z][a-zæøå]+(?:-[A-Z][a-zæøå]+)?)\b"
    r"|\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+[Mm]unicipality\b"
)
_COMMITTEE = re.compile(
    r"\b((?:[A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøåA-ZÆØÅ][a-zæøå]*|[A-ZÆØÅ][a-zæøå]*)udvalget)\b"
)


@dataclass(frozen=True)
class Evidence:
    """One fact read from the text, and the words it was read from."""

    field: str
    value: str
    text: str
    start: int
    end: int


@dataclass
class _Party:
    name: str
    kind: PartyKind
    roles: set[Role]
    first: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    legally_excluded: bool = False
    committee: str | None = None
    financing_found: bool | None = None
    budget_adopted: bool | None = None


@dataclass
class _Amount:
    kind: AmountKind
    payer: str
    recipient: str | None
    money: Money
    ceiling: bool
    years: list[int]
    funding_source: str | None
    by_year: dict[int, int] | None = None


@dataclass
class Extraction:
    """What the text said: a proposal-shaped dict (maybe incomplete) and the evidence."""

    draft: dict[str, Any]
    evidence: list[Evidence]


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


class _Reader:
    def __init__(self, text: str, lexicon: Lexicon, params: Parameters):
        self.text, self.lex, self.params = text, lexicon, params
        self.spans = sentences(text)
        self.evidence: list[Evidence] = []
        self.parties: dict[str, _Party] = {}
        self.municipal_view = bool(lexicon.municipal_perspective.search(text))

    def note(self, field_name: str, value: object, start: int, end: int) -> None:
        self.evidence.append(Evidence(field_name, str(value), self.text[start:end], start, end))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.spans if a <= pos < b), (0, len(self.text)))

    # --- parties -------------------------------------------------------------------------
    def find_parties(self) -> None:
        home = self.lex.data.home_party
        for known, pattern in self.lex.party_patterns:
            for m in pattern.finditer(self.text):
                self._add(known.name, known.kind, set(known.roles), m.start(), m.end())
        if home.name not in self.parties:  # the tool's own region is always a party
            self.parties[home.name] = _Party(home.name, home.kind, set(home.roles), len(self.text))
        in_region = set(self.params.list_at("region_municipalities", _today()))
        names = "|".join(re.escape(n) for n in sorted(in_region, key=len, reverse=True))
        lowercase = re.compile(rf"\b({names})s?\s+kommune\b", re.I) if names else None
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
        party = self.parties.setdefault(name, _Party(name, kind, roles, start))
        if not party.spans:
            self.note("parties", name, start, end)
        party.spans.append((start, end))
        party.first = min(party.first, start)

    def in_span(self, a: int, b: int) -> list[_Party]:
        found = [
            (min(s for s, _ in p.spans if a <= s < b), p)
            for p in self.parties.values()
            if any(a <= s < b for s, _ in p.spans)
        ]
        return [p for _, p in sorted(found, key=lambda x: x[0])]

    def assign_roles(self) -> None:
        for a, b in self.spans:
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
            if re.search(
                r"juridisk\w*\s+(?:årsag|udelukk)|legal(?:ly)?\s+(?:reasons|excluded)",
                sentence,
                re.I,
            ):
                for party in self.in_span(a, b):
                    if party.kind not in {PartyKind.region}:
                        party.legally_excluded = True
                        self.note(f"parties.{party.name}.legally_excluded", True, a, b)

    # --- request kind --------------------------------------------------------------------
    def request_kind(self) -> RequestKind | None:
        scores: dict[RequestKind, int] = {}
        first: dict[RequestKind, re.Match[str]] = {}
        for kind, weighted in self.lex.data.request_words.items():
            hits = list(words_pattern(weighted.words).finditer(self.text))
            weak = (
                list(words_pattern(weighted.weak_words).finditer(self.text))
                if (weighted.weak_words)
                else []
            )
            if hits or weak:
                scores[kind] = weighted.weight * len(hits) + len(weak)
                first[kind] = min([*hits, *weak], key=lambda m: m.start())
        if not scores:
            return None
        best = max(scores, key=lambda k: (scores[k], -first[k].start()))
        label = self.params.labels.request_kinds[best]
        self.note("request_kind", label, first[best].start(), first[best].end())
        return best

    # --- amounts -------------------------------------------------------------------------
    def amounts(self, request: RequestKind | None) -> list[_Amount]:
        found = [a for a in (self._amount(m, request) for m in find_amounts(self.text)) if a]
        return _dedupe(_merge_parts(found))

    def _segments(self, money: Money) -> tuple[int, int, int, int]:
        a, b = self.sentence_of(money.start)
        others = [m for m in find_amounts(self.text[a:b])]
        before = max([a + m.end for m in others if a + m.end <= money.start], default=a)
        after = min([a + m.start for m in others if a + m.start >= money.end], default=b)
        return a, b, before, after

    def _amount(self, money: Money, request: RequestKind | None) -> _Amount | None:
        a, b, before, after = self._segments(money)
        if self.lex.ignore.search(self.text[a:b]):
            return None
        kind = self._nearest_kind(money, before, after) or self._nearest_kind(money, a, b)
        if kind is None:
            kind = AmountKind.grant if request is RequestKind.grant else None
        if kind is None:
            return None
        lead = self.text[max(before, money.start - 40) : money.start]
        ceiling = bool(self.lex.ceiling.search(lead))
        years = years_in(self.text[money.end : after]) or years_in(self.text[before : money.start])
        payer = self._payer(kind, a, b)
        recipient = self._recipient(kind, money, a, b, payer)
        label = self.params.labels.amount_kinds[kind]
        self.note("amounts", f"{label} {format_dkk(money.dkk)}", money.start, money.end)
        return _Amount(kind, payer, recipient, money, ceiling, years, None)

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

    def _payer(self, kind: AmountKind, a: int, b: int) -> str:
        home = self.lex.data.home_party.name
        here = self.in_span(a, b)
        sentence = self.text[a:b].casefold()
        if kind is AmountKind.risk_capital:
            funds = [p for p in here if p.kind in {PartyKind.dsi, PartyKind.foundation}]
            funds = funds or [p for p in self.parties.values() if p.kind is PartyKind.dsi]
            return funds[0].name if funds else home
        if kind is AmountKind.donation:
            funds = [p for p in here if p.kind is PartyKind.foundation]
            return funds[0].name if funds else home
        municipalities = [p for p in self.parties.values() if p.kind is PartyKind.municipality]
        region_named = any(p.kind is PartyKind.region for p in here) or "region" in sentence
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
        wanted: dict[AmountKind, Callable[[_Party], bool]] = {
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
        for pool in self.params.pools.pools:
            m = words_pattern([pool.name, *pool.aliases]).search(self.text)
            if m:
                self.note("amounts.funding_source", pool.name, m.start(), m.end())
                return pool.name
        return None

    # --- the rest ------------------------------------------------------------------------
    def period(self) -> dict[str, int]:
        out: dict[str, int] = {}
        period_words = re.compile(
            r"indsatsperiode|perioden|løber fra|runs from|effort (?:period|runs)|"
            r"fra\s+20\d\d\s+til\s+20\d\d|from\s+20\d\d\s+to\s+20\d\d",
            re.I,
        )
        preferred = re.compile(r"indsatsperiode|effort period", re.I)
        for a, b in sorted(self.spans, key=lambda s: not preferred.search(self.text[s[0] : s[1]])):
            sentence = self.text[a:b]
            if not period_words.search(sentence) or re.search(r"budget", sentence, re.I):
                continue
            found = year_range(sentence)
            if found and not find_amounts(sentence):
                out["effort_start"], out["effort_end"] = found
                self.note("effort_start", found[0], a, b)
                break
        follow = follow_up_years(self.text)
        if follow:
            out["follow_up_years"] = follow[0]
            self.note("follow_up_years", follow[0], follow[1].start(), follow[1].end())
        return out

    def goals(self) -> list[dict[str, Any]]:
        goals: dict[str, list[str]] = {}
        authorities = [
            p.name
            for p in self.parties.values()
            if p.kind in {PartyKind.region, PartyKind.municipality}
        ]
        for goal, pattern in self.lex.goal_patterns.items():
            m = pattern.search(self.text)
            if not m:
                continue
            self.note("payment_goals", goal, m.start(), m.end())
            payers: list[str] = []
            for hit in pattern.finditer(self.text):
                payers += self._goal_payers(hit)
            goals[goal] = list(dict.fromkeys(payers)) or authorities
        return [{"name": g, "payers": p} for g, p in goals.items() if p]

    def _goal_payers(self, hit: re.Match[str]) -> list[str]:
        a, b = self.sentence_of(hit.start())
        clause_start = max(
            [
                a,
                *(
                    a + m.end()
                    for m in re.finditer(r",\s*(?:mens|men|while)\s|;", self.text[a : hit.start()])
                ),
            ]
        )
        clause_end = min(
            [
                b,
                *(
                    hit.end() + m.start()
                    for m in re.finditer(r",\s*(?:mens|men|while)\s|;", self.text[hit.end() : b])
                ),
            ]
        )
        windows = [(clause_start, clause_end)]
        nxt = next(((c, d) for c, d in self.spans if c >= b), None)
        if nxt and re.search(
            r"dette (?:betalings)?mål|this goal", self.text[nxt[0] : nxt[1]], re.I
        ):
            windows.append(nxt)
        can_pay = self.lex.data.role_kinds[Role.result_payer]
        for c, d in windows:
            by = re.search(r"finansieres af|betales af|paid by|funded by", self.text[c:d], re.I)
            payer = re.search(r"resultatbetal|result payer|pays for", self.text[c:d], re.I)
            if by:
                span = (c + by.end(), d)
            elif payer:
                span = (c, c + payer.start())
            else:
                continue
            named = [p.name for p in self.in_span(*span) if p.kind in can_pay]
            if named:
                return named
        return []

    def fields(self) -> list[str]:
        out = []
        for name, pattern in self.lex.field_patterns.items():
            m = pattern.search(self.text)
            if m:
                out.append(name)
                self.note("fields", self.params.bodies.fields.get(name, name), m.start(), m.end())
        return out

    def listed(self, list_id: str, field_name: str) -> str | None:
        values = self.params.list_at(list_id, _today())
        for value in sorted(values, key=len, reverse=True):
            m = re.search(re.escape(value), self.text, re.I)
            if m and (len(value) > 8 or re.search(r"tema|theme", self.text, re.I)):
                self.note(field_name, value, m.start(), m.end())
                return value
        m = re.search(r"\bspor\s*([123])\b|\btrack\s*([123])\b", self.text, re.I)
        if list_id == "cooperation_tracks" and m:
            value = values[int(m.group(1) or m.group(2)) - 1]
            self.note(field_name, value, m.start(), m.end())
            return value
        return None

    def flags(self) -> dict[str, bool]:
        out: dict[str, bool] = {}
        patterns = {
            (
                "payment_model_agreed",
                False,
            ): r"forhandle\w*[^.]{0,60}betalingsmodel|betalingsmodel\w*"
            r"\s+(?:er\s+)?(?:ikke|endnu ikke)|forslag til betalingsmodel"
            r"|payment model (?:is )?not|negotiate the payment model",
            ("payment_model_agreed", True): r"betalingsmodel\w*\s+er\s+(?:aftalt|på plads|færdig)"
            r"|payment model (?:is |has been )agreed",
            (
                "overlap",
                True,
            ): r"krydsfelt|på tværs af (?:region og kommune|sektorer)|across sectors",
            ("scaling", True): r"skaleringspotentiale|national skalering|potentiale til[^.]{0,30}"
            r"skalering|kan udbredes|scal(?:e|ing) up|scalab",
        }
        names = {"overlap": "regional_municipal_overlap", "scaling": "scaling_potential"}
        for (key, value), pattern in patterns.items():
            name = names.get(key, key)
            m = re.search(pattern, self.text, re.I)
            if m and name not in out:
                out[name] = value
                self.note(name, value, m.start(), m.end())
        return out

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

    def target_group(self) -> dict[str, Any] | None:
        group: dict[str, Any] = {}
        size = re.search(
            r"(?:ca\.|cirka|omkring|about|approximately|around)?\s*(\d{1,3}(?:[.,]\d{3})+|\d+)"
            r"\s+(?:beboere|borgere|personer|patienter|deltagere|unge|residents|citizens|people|patients)",
            self.text,
            re.I,
        )
        if size:
            group["size"] = int(re.sub(r"[.,]", "", size.group(1)))
            self.note("target_group.size", group["size"], size.start(), size.end())
        age = re.search(
            r"(\d{2})\s+år\s+og\s+(?:derover|ældre)|over\s+(\d{2})\s+år|aged\s+(\d{2})\s*\+?"
            r"|(\d{2})\+",
            self.text,
            re.I,
        )
        if age:
            group["min_age"] = int(next(g for g in age.groups() if g))
            self.note("target_group.min_age", group["min_age"], age.start(), age.end())
        if re.search(r"førtidspension|early retirement|disability pension", self.text, re.I):
            group["early_retirement"] = True
        return group or None

    def finish_roles(
        self, amounts: list[_Amount], goals: list[dict[str, Any]], request: RequestKind | None
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


def _merge_parts(amounts: list[_Amount]) -> list[_Amount]:
    """Drop amounts that are the parts of another amount of the same kind and payer
    (300.000 kr. in 2026 + 200.000 kr. in 2027 = 0,5 mio. kr. in 2026-2027)."""
    dropped: set[int] = set()
    for i, whole in enumerate(amounts):
        others = [
            j
            for j, a in enumerate(amounts)
            if j != i
            and j not in dropped
            and (a.kind, a.payer) == (whole.kind, whole.payer)
            and a.money.dkk < whole.money.dkk
        ]
        for size in (2, 3, 4):
            match = next(
                (
                    c
                    for c in itertools.combinations(others, size)
                    if sum(amounts[j].money.dkk for j in c) == whole.money.dkk
                ),
                None,
            )
            if match:
                dropped.update(match)
                parts = [amounts[j] for j in match]
                if (
                    all(len(p.years) == 1 for p in parts)
                    and len({p.years[0] for p in parts}) == size
                ):
                    by_year = {p.years[0]: p.money.dkk for p in parts}
                    if not whole.years or sorted(by_year) == whole.years:
                        whole.years, whole.by_year = sorted(by_year), by_year
                whole.ceiling = whole.ceiling or any(p.ceiling for p in parts)
                break
    return [a for j, a in enumerate(amounts) if j not in dropped]


def _dedupe(amounts: list[_Amount]) -> list[_Amount]:
    """The same amount said twice (indstilling and beslutning) is one amount."""
    kept: dict[tuple[Any, ...], _Amount] = {}
    for a in amounts:
        key = (a.kind, a.payer, a.money.dkk)
        if key in kept:
            first = kept[key]
            first.years = first.years or a.years
            first.ceiling = first.ceiling or a.ceiling
        else:
            kept[key] = a
    return list(kept.values())


def _today() -> Any:
    import datetime as dt

    return dt.date.today()


def _title(text: str) -> str:
    first = " ".join(text.strip().split("\n", 1)[0].split())
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return (first[:77] + "…") if len(first) > 80 else (first or "Forslag")


def extract(text: str, lexicon: Lexicon, params: Parameters) -> Extraction:
    """Read a description of a proposal; see the module docstring."""
    text = text[:MAX_TEXT_CHARS]
    r = _Reader(text, lexicon, params)
    r.find_parties()
    r.assign_roles()
    request = r.request_kind()
    amounts = r.amounts(request)
    source = r.funding_source()
    for amount in amounts:
        if source and amount.payer == lexicon.data.home_party.name:
            amount.funding_source = source
    goals = r.goals()
    r.finish_roles(amounts, goals, request)
    r.municipal_status()
    draft: dict[str, Any] = {"title": _title(text)}
    if request:
        draft["request_kind"] = request.value
    draft["parties"] = [_party_dict(p) for p in sorted(r.parties.values(), key=lambda p: p.first)]
    draft["amounts"] = [_amount_dict(a) for a in amounts]
    draft["payment_goals"] = goals
    draft.update(r.period())
    draft.update(r.flags())
    group = r.target_group()
    if group:
        draft["target_group"] = group
    fields = r.fields()
    if fields:
        draft["fields"] = fields
    for list_id, name in (("dsi_themes", "dsi_theme"), ("cooperation_tracks", "cooperation_track")):
        value = r.listed(list_id, name)
        if value:
            draft[name] = value
    return Extraction(draft, r.evidence)


def _party_dict(p: _Party) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "kind": p.kind.value,
        "roles": sorted(role.value for role in p.roles),
    }
    for key in ("legally_excluded", "committee", "financing_found", "budget_adopted"):
        value = getattr(p, key)
        if value not in (None, False) or (key != "legally_excluded" and value is False):
            out[key] = value
    return out


def _amount_dict(a: _Amount) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": a.kind.value,
        "payer": a.payer,
        "amount_dkk": a.money.dkk,
        "years": a.years,
    }
    if a.recipient:
        out["recipient"] = a.recipient
    if a.ceiling:
        out["ceiling_dkk"] = a.money.dkk
    if a.by_year:
        out["by_year"] = a.by_year
    if a.funding_source:
        out["funding_source"] = a.funding_source
    return out


__all__ = ["Evidence", "Extraction", "KnownParty", "extract", "sentences"]
