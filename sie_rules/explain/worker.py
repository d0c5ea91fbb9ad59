"""Evaluation in a supervised worker process, for long-running servers (the app).

The rules engine's C core can take its process down (see engine.py for the traps known and
fenced). A server that evaluates in its own process loses every user's unsaved session when
that happens, so the app evaluates here instead: one persistent worker process, started
once, that receives a pickled Proposal and returns a pickled Assessment. A worker that
dies is replaced and the evaluation tried once more; if the new worker dies too, the caller
gets an EngineError with a clear message, and the proposal is written to `crashes/` in the
data folder for diagnosis. The library and the CLI evaluate in-process (`assess.evaluate`).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sie_rules.assessment import Assessment
from sie_rules.errors import EngineError
from sie_rules.explain.assess import Committed, Evaluator, current_rulebook, evaluate
from sie_rules.model import Proposal
from sie_rules.rules.rulebook import Rulebook

TIMEOUT_SECONDS = 60
Target = Callable[[str, Proposal, Committed], Assessment]


def _evaluate_in_worker(version: str, proposal: Proposal, committed: Committed) -> Assessment:
    """Runs in the worker: the same `evaluate` as in-process, on the rules in force there.
    Arguments and result travel pickled (pydantic models pickle without re-validation)."""
    book = current_rulebook()
    if book.version != version:
        raise EngineError(f"the worker has rules {book.version}, the caller {version}")
    return evaluate(book, proposal, committed)


def _exit_with_parent() -> None:
    """Worker initializer: end the worker when the server that started it is gone. (Not
    Linux's parent-death signal: it is tied to the *thread* that started the worker, and
    Streamlit runs every rerun in a thread of its own.)"""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _warm_up() -> int:
    current_rulebook()
    return multiprocessing.current_process().pid or 0


class SupervisedEvaluator:
    """`evaluate(book, proposal, committed)` like assess.evaluate, in a worker process."""

    def __init__(self, crash_dir: Path | None = None):
        self.crash_dir = crash_dir
        self.target: Target = _evaluate_in_worker  # what the worker runs (a test may replace it)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fresh interpreter, never a fork of a threaded server
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    1, mp_context=context, initializer=_exit_with_parent
                )
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                self.restarts += 1

    def _stop(self, pool: ProcessPoolExecutor) -> None:
        """End a hung worker; the next call starts a new one."""
        for process in (getattr(pool, "_processes", None) or {}).values():
            process.kill()
        self._replace(pool)

    def start(self) -> int:
        """Start the worker now (it loads the rules) and return its process id."""
        return self._executor().submit(_warm_up).result(timeout=TIMEOUT_SECONDS)

    def evaluate(
        self, book: Rulebook, proposal: Proposal, committed: Committed | None = None
    ) -> Assessment:
        used = dict(committed or {})
        for _attempt in range(2):
            pool = self._executor()
            try:
                answer = pool.submit(self.target, book.version, proposal, used)
                return answer.result(timeout=TIMEOUT_SECONDS)
            except BrokenProcessPool:
                self._replace(pool)
            except TimeoutError:
                self._stop(pool)
                raise EngineError(
                    f"the rules engine took more than {TIMEOUT_SECONDS} s on this proposal"
                ) from None
        kept = self._keep(proposal)
        raise EngineError(
            "the rules engine stopped twice on this proposal; nothing you typed is lost"
            + (f" (the proposal is kept for diagnosis in {kept})" if kept else "")
        )

    def _keep(self, proposal: Proposal) -> Path | None:
        if self.crash_dir is None:
            return None
        try:
            self.crash_dir.mkdir(parents=True, exist_ok=True)
            path = self.crash_dir / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}.json"
            path.write_text(proposal.model_dump_json(indent=1))
            return path
        except OSError:
            return None

    def worker_pids(self) -> list[int]:
        """The process ids of the live workers (for diagnosis and tests)."""
        pool = self._pool
        processes = getattr(pool, "_processes", None) or {}
        return sorted(p.pid for p in processes.values() if p.pid is not None)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


_SHARED: dict[Path | None, SupervisedEvaluator] = {}
_SHARED_LOCK = threading.Lock()


def shared_evaluator(crash_dir: Path | None = None) -> SupervisedEvaluator:
    """One started worker per server process (it outlives the app's resource caches)."""
    with _SHARED_LOCK:
        if crash_dir not in _SHARED:
            _SHARED[crash_dir] = SupervisedEvaluator(crash_dir)
            _SHARED[crash_dir].start()
        return _SHARED[crash_dir]


def remembering(evaluator: Evaluator, size: int = 64) -> Evaluator:
    """`evaluator` with the last `size` results kept: an assessment is a function of the rules
    version, the proposal and the pool usage, so an unchanged draft (every rerun of the app)
    is answered without evaluating again. Safe to share between threads."""
    recent: OrderedDict[str, Assessment] = OrderedDict()
    lock = threading.Lock()

    def evaluate_or_recall(
        book: Rulebook, proposal: Proposal, committed: Committed | None = None
    ) -> Assessment:
        usage = sorted((committed or {}).items())
        key = f"{book.version}|{proposal.model_dump_json()}|{usage}"
        with lock:
            if key in recent:
                recent.move_to_end(key)
                return recent[key]
        assessment = evaluator(book, proposal, committed)
        with lock:
            recent[key] = assessment
            if len(recent) > size:
                recent.popitem(last=False)
        return assessment

    return evaluate_or_recall
