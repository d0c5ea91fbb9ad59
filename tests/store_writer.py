"""Writes N cases to a store and prints each id once its commit has returned (for tests).

Each case is a decided grant of 1,000 kr. of the region's money from the equality pool in
2027, so that writers running at once also move the ledger's totals at once."""

from __future__ import annotations

import sys

from sie_rules.access import local_actor
from sie_rules.cases.store import CaseStore

ME = local_actor()  # the user every change here is recorded for


def _grant(title: str) -> dict[str, object]:
    region = "Region Midtjylland"
    return {
        "title": title,
        "request_kind": "grant",
        "parties": [{"name": region, "kind": "region"}],
        "amounts": [
            {
                "kind": "grant",
                "payer": region,
                "amount_dkk": 1000,
                "years": [2027],
                "funding_source": "Puljen til øget lighed i sundhed",
            }
        ],
    }


def main(url: str, count: int, prefix: str) -> None:
    store = CaseStore(url)
    for i in range(count):
        case = store.save_case(f"{prefix} {i}", _grant(f"{prefix} {i}"), status="decided", actor=ME)
        print(case.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
