"""Case store: save and load time per case, and the ledger over 1,000 and 100,000 cases, on
SQLite and on PostgreSQL (a throw-away Debian server on loopback). The claims are ratios:
PostgreSQL against SQLite in the same run, and the ledger at 100,000 against 1,000 cases
(the totals are kept in the database, so the ledger should not grow with the cases).
"An app rerun" is what the chat asks on every rerun: the pool usage of the other cases.
Run: `python bench/bench_store.py [cases]`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
import pg_server
from common import machine

from sie_rules.access import local_actor
from sie_rules.cases.ledger import PoolBook, ledger
from sie_rules.cases.store import CaseStore
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.proposal_files import validate_proposal

ME = local_actor()  # the user every change here is recorded for

CASES = ROOT / "knowledge" / "cases"


def _run(url: str, n: int) -> dict[str, float]:
    book = current_rulebook()
    drafts = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(CASES.glob("*.yaml"))
        if p.name != "index.yaml"
    ]
    assessments = [evaluate(book, validate_proposal(d)) for d in drafts]
    decided = [{**d, "decided_by": ["Regionsrådet"]} for d in drafts]
    store = CaseStore(url)
    saves, ids = [], []
    for i in range(n):
        t0 = time.perf_counter()
        # decided cases, as the ledger counts only recorded decisions
        case = store.save_case(f"Sag {i}", decided[i % len(decided)], status="decided", actor=ME)
        if i % 10 == 0:
            store.record_assessment(case.id, assessments[i % len(drafts)], actor=ME)
        saves.append(time.perf_counter() - t0)
        ids.append(case.id)
        if i + 1 == 1000:
            t0 = time.perf_counter()
            ledger(store, book.parameters)
            ledger_1k = time.perf_counter() - t0
    loads = []
    for case_id in ids[:: max(1, n // 500)]:
        t0 = time.perf_counter()
        store.get(case_id)
        loads.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    rows = ledger(store, book.parameters)
    ledger_n = time.perf_counter() - t0
    pool_book = PoolBook(store, book.parameters)
    new = store.save_case("Ny sag", drafts[0], actor=ME)
    t0 = time.perf_counter()
    pool_book.usage(exclude=new.id)  # after a save: the totals are read again
    after_save = time.perf_counter() - t0
    reruns = []
    for _ in range(50):
        t0 = time.perf_counter()
        pool_book.usage(exclude=new.id)  # nothing changed: the counter says so
        reruns.append(time.perf_counter() - t0)
    store.close()
    assert rows, "the ledger should have rows"
    return {
        "save": statistics.median(saves) * 1000,
        "load": statistics.median(loads) * 1000,
        "ledger_1k": ledger_1k * 1000,
        "ledger_n": ledger_n * 1000,
        "after_save": after_save * 1000,
        "rerun": statistics.median(reruns) * 1000,
    }


def _print(name: str, n: int, r: dict[str, float]) -> None:
    print(
        f"{name:<11} save/case {r['save']:6.2f} ms   load/case {r['load']:6.2f} ms   "
        f"ledger@1,000 {r['ledger_1k']:7.0f} ms   ledger@{n:,} {r['ledger_n']:7.0f} ms   "
        f"(x{r['ledger_n'] / r['ledger_1k']:.1f} for x{n / 1000:.0f} cases)\n"
        f"{'':<11} pool usage of the other cases: after a save {r['after_save']:6.2f} ms, "
        f"an app rerun (nothing changed) {r['rerun']:6.2f} ms"
    )


def main(n: int = 100_000) -> None:
    print(f"bench_store: {machine()}, {n:,} cases (every 10th with an assessment)")
    sqlite = _run(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}", n)
    _print("SQLite", n, sqlite)
    if not pg_server.available():
        print("PostgreSQL  not installed (scripts/ensure-postgresql installs it)")
        return
    with pg_server.server() as url:
        postgres = _run(url, n)
    _print("PostgreSQL", n, postgres)
    print(
        "ratio PostgreSQL / SQLite: "
        + "   ".join(f"{k} {postgres[k] / sqlite[k]:.2f}x" for k in ("save", "load", "ledger_n"))
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
