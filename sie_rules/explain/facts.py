"""Turn a proposal and the parameters into the flat facts the rules match on.

Only bookkeeping happens here: counting, summing per year, looking names up in the dated
parameter lists, formatting amounts. Every judgement about those facts is a rule in rules/.
A field whose value is unknown is left out of its fact, so rules can test `exists: false`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sie_rules.errors import ProposalError
from sie_rules.model import Amount, AmountKind, PartyKind, Proposal, Role
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.parameters import Parameters

Fact = dict[str, Any]


def spread_by_year(amount: Amount) -> dict[int, int]:
    """The amount per year: as given in `by_year`, else split evenly (remainder first)."""
    if amount.by_year is not None:
        return dict(amount.by_year)
    if not amount.years:
        return {}
    share, rest = divmod(amount.amount_dkk, len(amount.years))
    return {year: share + (rest if i == 0 else 0) for i, year in enumerate(amount.years)}


def _names(parties: Iterable[str]) -> str:
    names = list(dict.fromkeys(parties))
    return ", ".join(names[:-1]) + f" og {names[-1]}" if len(names) > 1 else "".join(names)


def _drop_unknown(fact: Fact) -> Fact:
    return {k: v for k, v in fact.items() if v is not None}


class _FactBuilder:
    def __init__(
        self,
        proposal: Proposal,
        params: Parameters,
        on: dt.date,
        committed: Mapping[tuple[str, int], int],
    ):
        self.p, self.params, self.on, self.committed = proposal, params, on, committed
        self.kind_of = {party.name: party.kind for party in proposal.parties}

    def with_role(self, role: Role, amount_kind: AmountKind | None = None) -> list[str]:
        named = [party.name for party in self.p.parties if role in party.roles]
        paying = [a.payer for a in self.p.amounts if amount_kind and a.kind == amount_kind]
        return list(dict.fromkeys(named + paying))

    def case(self) -> Fact:
        p = self.p
        investors = self.with_role(Role.investor, AmountKind.risk_capital)
        authorities = self.with_role(Role.authority)
        providers = self.with_role(Role.provider)
        region_amounts = [a for a in p.amounts if self.kind_of[a.payer] == PartyKind.region]
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
                "request_kind": p.request_kind.value,
                "has_investor": True if investors else None,
                "investors": _names(investors),
                "has_authority": True if authorities else None,
                "authorities": _names(authorities),
                "has_provider": True if providers else None,
                "providers": _names(providers),
                "applicants": _names(self.with_role(Role.applicant)),
                "payment_goal_count": len(p.payment_goals),
                "amount_count": len(p.amounts),
                "region_amount_count": len(region_amounts),
                "amounts_without_source": sum(a.funding_source is None for a in region_amounts),
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
            or any(a.payer == name and a.kind in kinds for a in self.p.amounts)
            or (role is Role.result_payer and any(name in g.payers for g in self.p.payment_goals))
        )

    def municipalities(self) -> list[Fact]:
        in_region = set(self.params.list_at("region_municipalities", self.on))
        facts = []
        for i, party in enumerate(x for x in self.p.parties if x.kind == PartyKind.municipality):
            name = party.name.removesuffix(" Kommune").strip()
            commits = self.pays(party.name, Role.result_payer, set(AmountKind))
            facts.append(
                _drop_unknown(
                    {
                        "type": "municipality",
                        "id": f"municipality-{i}",
                        "name": name,
                        "in_region": name in in_region,
                        "commits_money": commits,
                        "financing_found": party.financing_found,
                        "budget_adopted": party.budget_adopted,
                        "committee": party.committee,
                    }
                )
            )
        return facts

    def foundations(self) -> list[Fact]:
        facts = []
        for i, party in enumerate(x for x in self.p.parties if x.kind == PartyKind.foundation):
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
                }
            )
        return facts

    def amounts(self) -> list[Fact]:
        labels = self.params.labels.amount_kinds
        return [
            _drop_unknown(
                {
                    "type": "amount",
                    "id": f"amount-{i}",
                    "index": i,
                    "kind": a.kind.value,
                    "kind_label": labels[a.kind],
                    "payer": a.payer,
                    "payer_kind": self.kind_of[a.payer].value,
                    "recipient": a.recipient,
                    "amount_dkk": a.amount_dkk,
                    "amount_text": format_dkk(a.amount_dkk),
                    "ceiling_dkk": a.ceiling_dkk,
                    "ceiling_text": format_dkk(a.ceiling_dkk)
                    if a.ceiling_dkk is not None
                    else None,
                    "first_year": a.years[0] if a.years else None,
                    "last_year": a.years[-1] if a.years else None,
                    "years_text": format_years(a.years) or None,
                    "funding_source": self.source_name(a.funding_source),
                }
            )
            for i, a in enumerate(self.p.amounts)
        ]

    def source_name(self, source: str | None) -> str | None:
        """A pool's own name when the text names a known pool, else the text as given."""
        pool = self.params.pool_for(source) if source else None
        return pool.name if pool else source

    def pools(self) -> list[Fact]:
        sums: dict[tuple[str, int], int] = defaultdict(int)
        names: dict[str, str] = {}
        for amount in self.p.amounts:
            pool = self.params.pool_for(amount.funding_source) if amount.funding_source else None
            if pool is None:
                continue
            names[pool.id] = pool.name
            for year, dkk in spread_by_year(amount).items():
                sums[pool.id, year] += dkk
        facts: list[Fact] = []
        for (pool_id, year), own in sorted(sums.items()):
            others = self.committed.get((pool_id, year), 0)
            facts.append(
                {
                    "type": "pool_year",
                    "id": f"pool-{pool_id}-{year}",
                    "pool": pool_id,
                    "pool_name": names[pool_id],
                    "year": year,
                    "sum_dkk": own + others,
                    "sum_text": format_dkk(own + others),
                    "own_text": format_dkk(own),
                    "committed_dkk": others,
                    "committed_text": format_dkk(others),
                }
            )
            pool = next(p for p in self.params.pools.pools if p.id == pool_id)
            budget = self.params.budget_in(pool, year)
            if budget is not None:
                facts.append(
                    {
                        "type": "pool_budget",
                        "id": f"budget-{pool_id}-{year}",
                        "pool": pool_id,
                        "year": year,
                        "budget_dkk": budget.budget_dkk,
                        "budget_text": format_dkk(budget.budget_dkk),
                    }
                )
        return facts

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
    b = _FactBuilder(proposal, params, on, committed or {})
    return [
        *b.bodies(),
        *b.case_fields(),
        *b.municipalities(),
        *b.foundations(),
        *b.amounts(),
        *b.pools(),
        b.case(),
    ]
