"""Wall time and peak memory of a command run in a child process.

Linux carries a process's peak resident memory across exec, and a child forked from the test
process starts out with the test process's peak (hundreds of MB in a test run). So a small
launcher interpreter starts the command and reports the command's own peak from wait4: the
figure is the command's alone (and the largest of the children it waited for)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = """
import json, os, signal, subprocess, sys, time
report, timeout, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
start = time.perf_counter()
child = subprocess.Popen(command)
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    if time.perf_counter() - start > timeout:
        child.kill()
    time.sleep(0.005)
child.returncode = os.waitstatus_to_exitcode(status)
seconds = time.perf_counter() - start
with open(report, "w") as out:
    json.dump({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}, out)
sys.exit(child.returncode)
"""


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_measured(
    command: Sequence[str], *, timeout: float = 120, env: dict[str, str] | None = None
) -> Measured:
    """Run `command` (killed after `timeout` seconds) and return its output, exit code, wall
    time and peak resident memory."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage.json"
        run = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), str(timeout), *command],
            capture_output=True,
            text=True,
            timeout=timeout + 30,
            env=env if env is not None else dict(os.environ),
        )
        usage = json.loads(report.read_text())
    return Measured(run.returncode, run.stdout, run.stderr, usage["seconds"], usage["peak_mb"])
