"""What-if sweeps: thousands of variants of one proposal, assessed across all cores, summarised
by the paths, ceilings and unmet conditions that occur.

Variants are made from (seed, index) inside the worker processes, so only small results cross
process boundaries; each worker builds its own engine (one durable-rules host per process).
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sie_rules.assessment import Assessment
from sie_rules.errors import ProposalError
from sie_rules.explain import variants
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.model import RequestKind
from sie_rules.proposal_files import validate_proposal

CHUNK = 250
Outcome = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def make_variant(base: dict[str, Any], seed: int, index: int) -> dict[str, Any]:
    """Variant `index` of `base`: the facts that change paths, flipped at random."""
    rng = random.Random(seed * 1_000_003 + index)
    fields = sorted(current_rulebook().parameters.bodies.fields)
    regions = [p["name"] for p in base.get("parties", []) if p.get("kind") == "region"]
    draft = variants.request_kind(base, rng.choice(list(RequestKind)).value)
    draft = variants.payment_model(draft, rng.choice([None, True, False]))
    draft = variants.municipal_financing(draft, rng.choice([None, True, False]))
    draft = variants.with_fields(draft, rng.sample(fields, rng.randint(0, 2)))
    if regions and rng.random() < 0.2:
        draft = variants.without_result_payments_from(draft, regions[0])
    for i, amount in enumerate(draft.get("amounts", [])):
        scaled = round(amount["amount_dkk"] * rng.uniform(0.5, 1.5), -4)
        draft = variants.amount(draft, i, max(10_000, int(scaled)), keep_ceiling=True)
    return draft


def summarise(a: Assessment) -> Outcome:
    path = " | ".join(
        f"{t.id}: " + " → ".join(s.body + ("⛔" if s.blocked_by else "") for s in t.steps)
        for t in a.tracks
    )
    amounts = tuple(f"{x.kind.value}:{x.status}" for x in a.amounts)
    unmet = tuple(sorted({c.rule for c in a.conditions if c.met is False}))
    return a.outcome, path, amounts, unmet


def _run_chunk(args: tuple[dict[str, Any], int, int, int]) -> list[Outcome | None]:
    base, seed, start, stop = args
    book = current_rulebook()
    results: list[Outcome | None] = []
    for index in range(start, stop):
        try:
            results.append(
                summarise(evaluate(book, validate_proposal(make_variant(base, seed, index))))
            )
        except ProposalError:
            results.append(None)  # a variant that is not a valid proposal
    return results


@dataclass
class SweepResult:
    variants: int
    seconds: float
    invalid: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)
    amounts: Counter[tuple[str, ...]] = field(default_factory=Counter)
    unmet: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "variants": self.variants,
            "seconds": round(self.seconds, 3),
            "invalid": self.invalid,
            "outcomes": dict(self.outcomes),
            "paths": dict(self.paths.most_common()),
            "amounts": {", ".join(k): v for k, v in self.amounts.most_common()},
            "unmet_conditions": dict(self.unmet.most_common()),
        }


def sweep(
    base: dict[str, Any],
    n: int,
    *,
    workers: int | None = None,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> SweepResult:
    """Assess `n` variants of `base` on `workers` processes (default: every core)."""
    current_rulebook()  # fail fast, in this process, on broken rules
    workers = workers or os.cpu_count() or 1
    start = time.perf_counter()
    result = SweepResult(variants=n, seconds=0.0)
    chunks = [(base, seed, i, min(i + CHUNK, n)) for i in range(0, n, CHUNK)]

    def collect(outcomes: Iterator[list[Outcome | None]]) -> None:
        for chunk in outcomes:
            for outcome in chunk:
                if outcome is None:
                    result.invalid += 1
                    continue
                verdict, path, amounts, unmet = outcome
                result.outcomes[verdict] += 1
                result.paths[path or "—"] += 1
                result.amounts[amounts] += 1
                result.unmet.update(unmet)
            if progress:
                progress(len(chunk))

    if workers == 1:
        collect(map(_run_chunk, chunks))
    else:
        with ProcessPoolExecutor(workers) as pool:
            collect(pool.map(_run_chunk, chunks))
    result.seconds = time.perf_counter() - start
    return result
