"""Start-up of the command line: `sie-rules assess FILE --json` as a whole process, against
`python -c pass` (the interpreter alone) and `python -c "import sie_rules"` in the same run.

Runs are interleaved (one of each in turn) so that a busy spell of the machine falls on all
three alike. Measured as an installed program runs: with its compiled bytecode kept (here in a
temporary folder, also where PYTHONDONTWRITEBYTECODE is set) and after one warm-up run of each.
Run: `python bench/bench_cli.py [N]`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "import sie_rules": [sys.executable, "-c", "import sie_rules"],
    "sie-rules assess herning --json": [
        sys.executable,
        "-m",
        "sie_rules.cli",
        "assess",
        str(ROOT / "knowledge" / "cases" / "herning.yaml"),
        "--json",
    ],
}


def main(n: int = 15) -> None:
    print(f"bench_cli: {machine()}, {n} runs of each command, interleaved")
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory() as bytecode:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = bytecode
        for run in range(n + 1):
            for name, command in COMMANDS.items():
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
                if run:  # the first run of each compiles the bytecode
                    times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass (baseline)"])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(
            f"{name:<34} median {median:6.3f} s   max {max(samples):6.3f} s   "
            f"ratio {median / base:5.1f}x"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
