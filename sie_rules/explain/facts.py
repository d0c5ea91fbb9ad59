"""Turn a proposal and the parameters into the flat facts the rules match on.

Only bookkeeping happens here: counting, summing per year, looking names up in the dated
parameter lists, formatting amounts. Every judgement about those facts is a rule in rules/.
A field whose value is unknown is left out of its fact, so rules can test `exists: false`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sie_rules.errors import ProposalError
from sie_rules.explain.municipal_facts import municipality_fact
from sie_rules.explain.pool_facts import pool_facts
from sie_rules.explain.wording import in_words
from sie_rules.model import Amount, AmountKind, Party, PartyKind, Proposal, Role
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.parameters import Parameters

Fact = dict[str, Any]


def _names(parties: Iterable[str], and_word: str = "og") -> str:
    names = list(dict.fromkeys(parties))
    return ", ".join(names[:-1]) + f" {and_word} {names[-1]}" if len(names) > 1 else "".join(names)


def _drop_unknown(fact: Fact) -> Fact:
    return {k: v for k, v in fact.items() if v is not None}


class FactBuilder:
    """Builds one assessment's facts from the proposal and the parameters in force on `on`."""

    def __init__(
        self,
        proposal: Proposal,
        params: Parameters,
        on: dt.date,
        committed: Mapping[tuple[str, int], int],
    ):
        self.p, self.params, self.on, self.committed = proposal, params, on, committed
        self.kind_of = {party.name: party.kind for party in proposal.parties}
        self.home = {name.casefold() for name in params.list_at("home_region", on)}
        # the party whose words the draft indstilling is in: `written_for`, else the home
        # region when it takes part ('' when neither)
        region = (x.name for x in proposal.parties if x.name.casefold() in self.home)
        self.writer = proposal.written_for or next(region, "")
        self.region_party = any(
            x.kind == PartyKind.region and x.name.casefold() in self.home for x in proposal.parties
        )

    def with_role(self, role: Role, amount_kind: AmountKind | None = None) -> list[str]:
        named = [party.name for party in self.p.parties if role in party.roles]
        paying = [n for a in self.p.amounts if a.kind == amount_kind for n in a.payers]
        return list(dict.fromkeys(named + paying))

    def _kind_en(self, a: Amount) -> str:
        """An amount's kind in English words, for the rules' English questions."""
        return in_words(self.params.labels.amount_kinds[a.kind], a.kind.value, "en")

    def case(self) -> Fact:
        p = self.p
        investors = self.with_role(Role.investor, AmountKind.risk_capital)
        authorities = self.with_role(Role.authority)
        providers = self.with_role(Role.provider)
        region_amounts = [a for a in p.amounts if self.kind_of[a.payer] == PartyKind.region]
        unfunded = [a for a in region_amounts if a.funding_source is None]
        excluded = [party.name for party in p.parties if party.legally_excluded]
        themes = self.params.list_at("dsi_themes", self.on)
        tracks = self.params.list_at("cooperation_tracks", self.on)
        offset = self.params.repayment.follow_up_offset_years.value
        first = last = None
        if p.effort_start is not None and p.follow_up_years is not None:
            first = p.effort_start + offset
            last = first + p.follow_up_years - 1
        return _drop_unknown(
            {
                "type": "case",
                "id": "case",
                "title": p.title,
                "request_kind": p.request_kind.value if p.request_kind else None,
                "has_investor": True if investors else None,
                "investors": _names(investors),
                "has_authority": True if authorities else None,
                "authorities": _names(authorities),
                "has_provider": True if providers else None,
                "providers": _names(providers),
                "applicants": _names(self.with_role(Role.applicant)),
                "payment_goal_count": len(p.payment_goals),
                "amount_count": len(p.amounts),
                "grant_amount_count": sum(a.kind == AmountKind.grant for a in p.amounts),
                "development_amount_count": sum(
                    a.kind == AmountKind.development for a in p.amounts
                ),
                "region_amount_count": len(region_amounts),
                "amounts_without_source": len(unfunded),
                "amounts_without_source_text": _names(  # "resultatbetaling på 3,6 mio. kr."
                    f"{self.params.labels.amount_kinds[a.kind]} på {format_dkk(a.amount_dkk)}"
                    for a in unfunded
                )
                or None,
                "amounts_without_source_text_en": _names(
                    (f"{self._kind_en(a)} of {format_dkk(a.amount_dkk)}" for a in unfunded), "and"
                )
                or None,
                "amounts_without_years": sum(not a.years for a in region_amounts),
                "excluded_partner_count": len(excluded),
                "excluded_partners": _names(excluded),
                "dsi_investor": any(self.kind_of[name] == PartyKind.dsi for name in investors),
                "payment_model_agreed": p.payment_model_agreed,
                "financing_found": p.financing_found,
                "dsi_theme": p.dsi_theme,
                "dsi_theme_listed": _listed(p.dsi_theme, themes),
                "cooperation_track": p.cooperation_track,
                "cooperation_track_listed": _listed(p.cooperation_track, tracks),
                "regional_municipal_overlap": p.regional_municipal_overlap,
                "scaling_potential": p.scaling_potential,
                "decision_date": self.on.isoformat(),
                "unnamed_bodies": sum(b.unnamed for b in self.params.bodies_at(self.on)),
                "region_party": self.region_party,
                "dsi_party": any(x.kind == PartyKind.dsi for x in p.parties),
                "indstilling_region": self.writer.casefold() in self.home,
                "effort_start": p.effort_start,
                "effort_end": p.effort_end,
                "follow_up_years": p.follow_up_years,
                "repayment_first": first,
                "repayment_last": last,
                "repayment_text": format_years(range(first, last + 1)) if first and last else None,
            }
        )

    def pays(self, name: str, role: Role, kinds: set[AmountKind]) -> bool:
        party = self.p.party(name)
        return (
            role in party.roles
            or any(name in a.payers and a.kind in kinds for a in self.p.amounts)
            or (role is Role.result_payer and any(name in g.payers for g in self.p.payment_goals))
        )

    def process(self, i: int, party: Party) -> str | None:
        """The process the proposal gives the party (one of labels.yaml `processes`)."""
        known = self.params.labels.processes
        if party.process is not None and party.process not in known:
            raise ProposalError(
                f"unknown process '{party.process}' (known: {', '.join(known)})",
                f"parties.{i}.process",
            )
        return party.process

    def municipalities(self) -> list[Fact]:
        return [
            _drop_unknown(municipality_fact(self, i, party))
            for i, party in enumerate(self.p.parties)
            if party.kind == PartyKind.municipality
        ]

    def foundations(self) -> list[Fact]:
        facts = []
        for i, party in enumerate(self.p.parties):
            if party.kind != PartyKind.foundation:
                continue
            results = self.pays(party.name, Role.result_payer, {AmountKind.result_payment})
            donates = self.pays(party.name, Role.donor, {AmountKind.donation, AmountKind.grant})
            invests = self.pays(party.name, Role.investor, {AmountKind.risk_capital})
            facts.append(
                {
                    "type": "foundation",
                    "id": f"foundation-{i}",
                    "name": party.name,
                    "commits": results or donates or invests,
                    "pays_results": results,
                    "donates": donates,
                    "invests": invests,
                    "process": self.process(i, party) or "standard",
                }
            )
        return facts

    def readings(self) -> list[Fact]:
        return [
            {
                "type": "reading",
                "id": f"reading-{i}",
                "field": x.field,
                "question": x.question,
                "question_en": x.question_en,
            }
            for i, x in enumerate(self.p.to_confirm)
        ]

    def amounts(self) -> list[Fact]:
        return [self.amount(i, a) for i, a in enumerate(self.p.amounts)]

    def amount(self, i: int, a: Amount) -> Fact:
        per_year = a.by_year or {}
        over_cap = [y for y, cap in (a.ceiling_by_year or {}).items() if per_year.get(y, 0) > cap]
        instrument = self.params.labels.instruments[a.instrument] if a.instrument else None
        return _drop_unknown(
            {
                "type": "amount",
                "id": f"amount-{i}",
                "index": i,
                "kind": a.kind.value,
                "kind_label": self.params.labels.amount_kinds[a.kind],
                "kind_label_en": self._kind_en(a),
                "payer": a.payer,
                "payers_text": _names(a.payers),
                "purpose_text": f" ({a.purpose})" if a.purpose else None,
                "instrument": a.instrument.value if a.instrument else None,
                "instrument_label": instrument,
                "over_ceiling": a.ceiling_dkk is not None and a.amount_dkk > a.ceiling_dkk,
                "years_over_cap": len(over_cap),
                "years_over_cap_text": format_years(over_cap) or None,
                "payer_kind": self.kind_of[a.payer].value,
                "recipient": a.recipient,
                "amount_dkk": a.amount_dkk,
                "amount_text": format_dkk(a.amount_dkk),
                "ceiling_dkk": a.ceiling_dkk,
                "ceiling_text": format_dkk(a.ceiling_dkk) if a.ceiling_dkk is not None else None,
                "first_year": a.years[0] if a.years else None,
                "last_year": a.years[-1] if a.years else None,
                "years_text": format_years(a.years) or None,
                "funding_source": self.source_name(a.funding_source),
            }
        )

    def source_name(self, source: str | None) -> str | None:
        """A pool's own name when the text names a known pool, else the text as given."""
        pool = self.params.pool_for(source) if source else None
        return pool.name if pool else source

    def bodies(self) -> list[Fact]:
        facts: list[Fact] = []
        for body in self.params.bodies_at(self.on):
            fields: list[str | None] = [*body.fields] or [None]
            for field in fields:
                facts.append(
                    _drop_unknown(
                        {
                            "type": "body",
                            "id": f"body-{body.id}-{field}",
                            "role": body.role,
                            "name": body.name,
                            "field": field,
                        }
                    )
                )
        return facts

    def case_fields(self) -> list[Fact]:
        labels = self.params.bodies.fields
        for i, name in enumerate(self.p.fields):
            if name not in labels:
                raise ProposalError(
                    f"unknown field '{name}' (known: {', '.join(labels)})", f"fields.{i}"
                )
        return [
            {"type": "case_field", "id": f"field-{name}", "field": name, "label": labels[name]}
            for name in dict.fromkeys(self.p.fields)
        ]


def _listed(value: str | None, allowed: list[str]) -> bool | None:
    if value is None:
        return None
    return value.casefold() in {a.casefold() for a in allowed}


def build_facts(
    proposal: Proposal,
    params: Parameters,
    on: dt.date,
    committed: Mapping[tuple[str, int], int] | None = None,
) -> list[Fact]:
    """All facts for one assessment; `committed` is what other saved cases use of each pool
    per year (see ledger.py). The case fact comes last: see engine.evaluate."""
    b = FactBuilder(proposal, params, on, committed or {})
    return [
        *b.bodies(),
        *b.case_fields(),
        *b.municipalities(),
        *b.foundations(),
        *b.amounts(),
        *b.readings(),
        *pool_facts(proposal, params, committed or {}),
        b.case(),
    ]
