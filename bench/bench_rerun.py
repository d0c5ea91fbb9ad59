"""The app's rerun with many stored cases, server side: a chat with an assessment on screen
rerun with nothing changed (what every click elsewhere on the page costs), the store holding
N decided cases. Baseline in the same run: the same AppTest harness running a one-line page.
Run: `python bench/bench_rerun.py [N]` (default 10,000 cases).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import streamlit.testing.v1.app_test as app_test
import streamlit.testing.v1.local_script_runner as local_script_runner
from common import machine
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from sie_rules.access import local_actor
from sie_rules.cases.store import CaseStore

HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune og Den Sociale "
    "Investeringsfond; regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed. Vi beder om endelig godkendelse."
)
DECIDED = {
    "title": "Sag",
    "request_kind": "final_approval",
    "decided_by": ["Regionsrådet"],
    "parties": [
        {"name": "Region Midtjylland", "kind": "region", "roles": ["authority", "result_payer"]},
        {"name": "Herning Kommune", "kind": "municipality", "roles": ["authority"]},
    ],
    "amounts": [
        {
            "kind": "result_payment",
            "payer": "Region Midtjylland",
            "amount_dkk": 100_000,
            "ceiling_dkk": 100_000,
            "years": [2027],
            "funding_source": "Puljen til øget lighed i sundhed",
        }
    ],
}


def _compile_once_like_the_server() -> None:
    """A server compiles each page script once (its ScriptCache lives as long as the server);
    AppTest makes a new cache for every run, so every rerun would pay for compiling app.py
    and the page again (about a third of the chat page's rerun). One cache for all runs here,
    for both pages, measures what a server does."""
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def _reruns(at: AppTest, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
        assert not at.exception
    return times


def main(n: int = 10_000) -> None:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'rerun.db'}"
    store, me = CaseStore(url), local_actor()
    for i in range(n):
        store.save_case(f"Sag {i}", DECIDED, status="decided", actor=me)
    store.close()
    os.environ["SIE_DATABASE_URL"] = url
    print(f"bench_rerun: {machine()}, {n:,} decided cases in the store (SQLite)")
    _compile_once_like_the_server()
    trivial = Path(tempfile.mkdtemp()) / "page.py"
    trivial.write_text("import streamlit as st\nst.write('hej')\n", encoding="utf-8")
    base = AppTest.from_file(str(trivial), default_timeout=60).run()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    app.chat_input[0].set_value(HERNING).run()
    assert app.session_state["dialogue"]["case_id"], "the chat should have saved its case"
    baseline, rerun = [], []
    for _ in range(5):  # interleaved, so both see the same machine
        baseline += _reruns(base, 10)
        rerun += _reruns(app, 10)
    b, r = statistics.median(baseline), statistics.median(rerun)
    print(f"one-line page (baseline)          median {b:8.1f} ms   max {max(baseline):8.1f} ms")
    print(f"chat page with an assessment       median {r:8.1f} ms   max {max(rerun):8.1f} ms")
    print(f"ratio chat rerun / one-line page {r / b:6.1f}x;  rerun minus harness {r - b:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
