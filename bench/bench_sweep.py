"""What-if sweep: 10,000 variants of the Herning case on every core, against one core in the
same run. Run: `python bench/bench_sweep.py [variants]`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine

from sie_rules.explain.sweep import sweep

ROOT = Path(__file__).resolve().parent.parent


def main(n: int = 10_000) -> None:
    base = yaml.safe_load((ROOT / "knowledge" / "cases" / "herning.yaml").read_text("utf-8"))
    print(f"bench_sweep: {machine()}, {n:,} variants of the Herning case")
    one = sweep(base, n // 5, workers=1)
    every = sweep(base, n, workers=os.cpu_count())
    one_rate, every_rate = one.variants / one.seconds, every.variants / every.seconds
    print(
        f"one process:   {one.variants:,} variants in {one.seconds:.1f} s = {one_rate:,.0f}/s "
        "(baseline)"
    )
    print(
        f"{os.cpu_count()} processes:   {every.variants:,} variants in {every.seconds:.1f} s = "
        f"{every_rate:,.0f}/s, ratio {every_rate / one_rate:.2f}x"
    )
    print(f"{len(every.paths)} distinct paths, outcomes {dict(every.outcomes)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
