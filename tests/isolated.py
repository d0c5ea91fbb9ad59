"""Run a test in a fresh child interpreter, so that a crash of the engine's C core fails that
one test (with the signal named) instead of killing the whole test run."""

from __future__ import annotations

import ctypes
import functools
import importlib
import multiprocessing
import signal
import sys
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


def die_with_parent() -> None:
    """preexec_fn for servers a test starts: Linux SIGKILLs the server when the test process
    dies, however it ends. Linux ties this to the thread that started the server, so start
    servers from the main thread (pytest's fixtures run there)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
