"""The facts about the region's pools: what a proposal and the decided cases use of each pool
per year, beside the pool's budget for that year (the rules compare them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sie_rules.model import Proposal
from sie_rules.money import format_dkk
from sie_rules.rules.parameters import Parameters

Fact = dict[str, Any]


def pool_facts(
    proposal: Proposal, params: Parameters, committed: Mapping[tuple[str, int], int]
) -> list[Fact]:
    """Per pool and year: what this proposal and the decided cases (`committed`) use of the
    pool, and the pool's budget for that year when one is known."""
    sums: dict[tuple[str, int], int] = defaultdict(int)
    names: dict[str, str] = {}
    for amount in proposal.amounts:
        pool = params.pool_for(amount.funding_source) if amount.funding_source else None
        if pool is None:
            continue
        names[pool.id] = pool.name
        for year, dkk in amount.per_year().items():
            sums[pool.id, year] += dkk
    facts: list[Fact] = []
    for (pool_id, year), own in sorted(sums.items()):
        others = committed.get((pool_id, year), 0)
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
        pool = next(p for p in params.pools.pools if p.id == pool_id)
        budget = params.budget_in(pool, year)
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
