"""A wall-time limit that interrupts a test case (main thread, POSIX): a hang in Python code,
or in a C call that returns to Python now and then, fails the case instead of the run."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(AssertionError):
    pass


@contextmanager
def time_limit(seconds: float, what: str = "the case") -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
