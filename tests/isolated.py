"""Run a test in a fresh child interpreter, so that a crash of the engine's C core fails that
one test (with the signal named) instead of killing the whole test run."""

from __future__ import annotations

import functools
import importlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

TIMEOUT_SECONDS = 300


def _call(module: str, name: str) -> None:
    getattr(importlib.import_module(module), name).__wrapped__()


def in_child_process(test: Callable[[], None]) -> Callable[[], None]:
    """Decorate a test without fixtures; its body then runs in a spawned child process."""

    @functools.wraps(test)
    def run() -> None:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                pool.submit(_call, test.__module__, test.__name__).result(TIMEOUT_SECONDS)
            except BrokenProcessPool:
                pytest.fail(f"{test.__name__}: the child process died (a crash in the engine)")

    return run
