"""The supervised evaluation worker: same answers as in-process, and a crash of the engine's
process costs the user nothing (the worker is replaced, the turn answered, the text kept)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from golden import CASES, load_case

from sie_rules import Proposal
from sie_rules.assessment import Assessment
from sie_rules.errors import EngineError
from sie_rules.explain.assess import Committed, current_rulebook, evaluate
from sie_rules.explain.worker import SupervisedEvaluator, remembering

BOOK = current_rulebook()
PROPOSALS = [Proposal.model_validate(load_case(p)["proposal"]) for p in CASES]


def crash_every_time(version: str, proposal: Proposal, committed: Committed) -> Assessment:
    """A worker target that dies the way the engine's C core does."""
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


@pytest.fixture
def worker(tmp_path: Path):  # type: ignore[no-untyped-def]
    evaluator = SupervisedEvaluator(crash_dir=tmp_path / "crashes")
    yield evaluator
    evaluator.close()


def test_the_worker_gives_the_in_process_answer_byte_for_byte(worker: SupervisedEvaluator) -> None:
    committed = {("lighed_i_sundhed", 2027): 1_000_000}
    for proposal in PROPOSALS:
        assert (
            worker.evaluate(BOOK, proposal, committed).model_dump_json()
            == evaluate(BOOK, proposal, committed).model_dump_json()
        )


def test_a_worker_killed_with_sigsegv_is_replaced_and_the_call_answered(
    worker: SupervisedEvaluator,
) -> None:
    first = worker.start()
    os.kill(first, signal.SIGSEGV)
    answer = worker.evaluate(BOOK, PROPOSALS[0])
    assert answer == evaluate(BOOK, PROPOSALS[0])
    assert worker.restarts == 1 and first not in worker.worker_pids()


def test_a_proposal_that_kills_two_workers_gives_a_clear_error_and_is_kept(
    worker: SupervisedEvaluator, tmp_path: Path
) -> None:
    worker.target = crash_every_time
    with pytest.raises(EngineError, match="stopped twice") as raised:
        worker.evaluate(BOOK, PROPOSALS[0])
    assert worker.restarts == 2
    kept = list((tmp_path / "crashes").glob("*.json"))
    assert len(kept) == 1 and str(kept[0]) in str(raised.value)
    assert Proposal.model_validate_json(kept[0].read_text()) == PROPOSALS[0]


def test_the_worker_outlives_the_thread_that_started_it(worker: SupervisedEvaluator) -> None:
    """Streamlit runs each rerun in a thread of its own; the worker must not die with it."""
    starter = threading.Thread(target=worker.start)
    starter.start()
    starter.join()
    time.sleep(1.5)
    assert worker.evaluate(BOOK, PROPOSALS[0]) == evaluate(BOOK, PROPOSALS[0])
    assert worker.restarts == 0


def test_a_remembered_evaluation_is_the_same_answer_and_new_facts_are_evaluated_anew() -> None:
    calls: list[str] = []

    def counting(book, proposal, committed=None):  # type: ignore[no-untyped-def]
        calls.append(proposal.title)
        return evaluate(book, proposal, committed)

    recall = remembering(counting, size=2)
    herning = next(p for p in PROPOSALS if "Herning" in p.title)
    first = recall(BOOK, herning)
    assert recall(BOOK, herning) is first and len(calls) == 1  # unchanged draft: no evaluation
    full_pool = {("lighed_i_sundhed", year): 10**9 for year in range(2025, 2032)}
    crowded = recall(BOOK, herning, full_pool)  # other cases now use the pool: evaluated anew
    assert len(calls) == 2 and crowded != first
    assert crowded.model_dump_json() == evaluate(BOOK, herning, full_pool).model_dump_json()
    for p in PROPOSALS[:3]:  # older results make room for newer ones
        recall(BOOK, p)
    recall(BOOK, herning)
    assert len(calls) == 6
