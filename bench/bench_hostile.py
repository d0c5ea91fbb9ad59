"""Bounded work on hostile input: every intake pattern on 100 KB of adversarial text, the
150-amount text that took 327 s before the subset search was bounded, and chat turns on
100 KB adversarial messages, each against an ordinary real text read in the same run; and
the hostile Word and PDF files of issue #32, each through the CLI (a whole process) and
uploaded to the app, against an ordinary 40-page agenda item of the same kind.

Run: `python bench/bench_hostile.py` (`… documents` for the documents alone).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import regex_budget
from common import machine
from documents_made import HOSTILE_DOCUMENTS, docx_bytes, pdf_bytes
from intake_eval import load_cases
from measured import Measured, run_measured
from test_document_cases import forty_page_agenda_item
from test_hostile import ADVERSARIAL_TEXTS, _read_evaluation_texts

from sie_rules.intake import DialogueState, current_intake

ROUNDS = 3  # each document read this many times through the CLI, and uploaded to an app
UPLOADS = Path(__file__).resolve().parent.parent / "tests" / "app_uploads.py"


def _median_s(fn: object, n: int = 3) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    intake = current_intake()
    print(f"bench_hostile: {machine()}")
    patterns = {
        **regex_budget.module_patterns(),
        **regex_budget.called_patterns(_read_evaluation_texts),
    }
    results = sorted(regex_budget.timings(patterns), key=lambda r: -r[1])
    print(f"{len(results)} patterns, each over {len(regex_budget.UNITS)} adversarial 100 KB texts")
    for name, worst, on in results[:5]:
        print(f"  slowest: {worst * 1000:7.1f} ms on {on:<15} {name}")
    over = [r for r in results if r[1] > 0.1]
    print(f"patterns over 100 ms: {len(over)}")

    real = max((c["text"] for c in load_cases()), key=len)
    baseline = _median_s(lambda: intake.respond(DialogueState(), real))
    print(f"chat turn on the longest real text ({len(real)} chars): {baseline * 1000:.1f} ms")
    for name, text in ADVERSARIAL_TEXTS.items():
        took = _median_s(lambda t=text: intake.respond(DialogueState(), t))
        print(f"chat turn, {name:<32} {took * 1000:8.1f} ms  ({took / baseline:6.1f}x real)")


def _documents() -> dict[str, tuple[str, bytes]]:
    """The ordinary agenda item as .docx and .pdf (the baselines), then the hostile files."""
    agenda = list(forty_page_agenda_item())
    return {
        "ordinary 40-page agenda item .docx": ("dagsorden.docx", docx_bytes(agenda)),
        "ordinary 40-page agenda item .pdf": ("dagsorden.pdf", pdf_bytes(agenda)),
        **{case: (hostile.file, hostile.make()) for case, hostile in HOSTILE_DOCUMENTS.items()},
    }


Upload = dict[str, Any]  # one upload's figures, as app_uploads.py reports them


def _measure(paths: dict[str, Path]) -> tuple[dict[str, list[Measured]], dict[str, list[Upload]]]:
    """ROUNDS times: each file through the CLI in a process of its own, and every file uploaded
    to one app (app_uploads.py), one after another."""
    cli: dict[str, list[Measured]] = {case: [] for case in paths}
    app: dict[str, list[Upload]] = {case: [] for case in paths}
    for _ in range(ROUNDS):
        for case, path in paths.items():
            cli[case].append(
                run_measured([sys.executable, "-m", "sie_rules.cli", "assess-text", str(path)])
            )
        with tempfile.TemporaryDirectory() as store:  # a new app on an empty store
            uploads = subprocess.run(
                [sys.executable, str(UPLOADS), *map(str, paths.values())],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "SIE_DATABASE_URL": f"sqlite:///{store}/cases.db"},
            )
        report = json.loads(uploads.stdout)
        for case, path in paths.items():
            app[case].append(report[path.name])
    return cli, app


def documents() -> None:
    files = _documents()
    with tempfile.TemporaryDirectory() as folder:
        paths = {case: Path(folder) / name for case, (name, _) in files.items()}
        for case, (_, data) in files.items():
            paths[case].write_bytes(data)
        cli, app = _measure(paths)
    print(
        f"\ndocuments: the CLI's whole run (assess-text FILE) and an upload to the app (AppTest, "
        f"after one chat turn), median of {ROUNDS} for time, largest peak resident memory"
    )
    print(f"{'':<50} {'size':>8}  {'CLI':>8} {'peak':>7} {'exit':>4}  {'upload':>7} {'peak':>7}")
    baseline = {}
    for case, (name, data) in files.items():
        runs = cli[case]
        row = {
            "cli_s": statistics.median(r.seconds for r in runs),
            "cli_mb": max(r.peak_mb for r in runs),
            "app_s": statistics.median(u["seconds"] for u in app[case]),
            "app_mb": max(u["peak_mb"] for u in app[case]),
        }
        kind = name.rsplit(".", 1)[1]
        baseline.setdefault(kind, row)
        ratio = ", ".join(f"{row[k] / baseline[kind][k]:.2f}x" for k in row)
        print(
            f"{case:<50} {len(data) / 1e6:6.2f} MB {row['cli_s']:6.2f} s {row['cli_mb']:4.0f} MB "
            f"{runs[0].returncode:>4}  {row['app_s']:5.2f} s {row['app_mb']:4.0f} MB  ({ratio})"
        )
        if case in HOSTILE_DOCUMENTS:
            print(f"{'':<52}{runs[0].stderr.strip()[:110]}")
    print("(ratios: CLI time, CLI peak, upload time, upload peak, each against the ordinary")
    print(" agenda item of the same kind, .docx or .pdf)")


if __name__ == "__main__":
    if sys.argv[1:] != ["documents"]:
        main()
    documents()
