"""Writes N cases to a store and prints each id once its commit has returned (for tests)."""

from __future__ import annotations

import sys

from sie_rules.cases.store import CaseStore


def main(url: str, count: int, prefix: str) -> None:
    store = CaseStore(url)
    for i in range(count):
        case = store.save_case(f"{prefix} {i}", {"title": f"{prefix} {i}", "request_kind": "grant"})
        print(case.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
