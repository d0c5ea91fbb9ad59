"""What evaluating in the supervised worker process costs (the app's way) against evaluating
in-process (the library's and CLI's way), and how long a crashed worker takes to come back.

Run: `python bench/bench_worker.py [N]`. The ratio worker / in-process is the claim.
"""

from __future__ import annotations

import itertools
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import example_proposals, machine, summary, timings_ms

from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.explain.worker import SupervisedEvaluator


def main(n: int = 2000) -> None:
    book = current_rulebook()
    proposals = example_proposals()
    worker = SupervisedEvaluator()
    start = time.perf_counter()
    worker.start()
    started = time.perf_counter() - start
    print(f"bench_worker: {machine()}, {len(proposals)} example cases, {n} runs each way")
    print(f"worker start (spawn + load rules): {started * 1000:.0f} ms")
    for p in proposals:  # warm up both
        evaluate(book, p)
        worker.evaluate(book, p)
    cases = itertools.cycle(proposals)
    local = timings_ms(lambda: evaluate(book, next(cases)), n)
    remote = timings_ms(lambda: worker.evaluate(book, next(cases)), n)
    print(summary("in-process evaluate (baseline)", local))
    print(summary("supervised worker evaluate", remote))
    ratio = statistics.median(remote) / statistics.median(local)
    extra = statistics.median(remote) - statistics.median(local)
    print(f"ratio worker / in-process {ratio:5.2f}x (+{extra:.3f} ms per assessment)")

    recoveries = []
    for _ in range(5):
        (pid,) = worker.worker_pids()
        os.kill(pid, signal.SIGSEGV)
        begin = time.perf_counter()
        worker.evaluate(book, proposals[0])
        recoveries.append((time.perf_counter() - begin) * 1000)
    print(
        f"first answer after a SIGSEGV'd worker: median {statistics.median(recoveries):.0f} ms "
        f"(max {max(recoveries):.0f} ms, {len(recoveries)} crashes, {worker.restarts} restarts)"
    )
    worker.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
