"""One chat turn (read the text, assess, compose the reply) on the intake evaluation texts.

Baseline in the same run: reading the text alone. Run: `python bench/bench_chat.py`.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
from common import machine, summary, timings_ms
from intake_eval import load_cases

from sie_rules.intake import DialogueState, current_intake


def main() -> None:
    intake = current_intake()
    texts = [c["text"] for c in load_cases()]
    for text in texts:  # warm up
        intake.respond(DialogueState(), text)
    print(
        f"bench_chat: {machine()}, {len(texts)} evaluation texts "
        f"({min(map(len, texts))}-{max(map(len, texts))} characters)"
    )
    reads, turns = itertools.cycle(texts), itertools.cycle(texts)
    read = timings_ms(lambda: intake.read(next(reads)), 20 * len(texts))
    turn = timings_ms(lambda: intake.respond(DialogueState(), next(turns)), 20 * len(texts))
    print(summary("read text (baseline)", read))
    print(summary("chat turn: read+assess+reply", turn))
    print(
        "ratio turn / read                "
        f"{statistics.median(turn) / statistics.median(read):6.1f}x"
    )
    numbers = itertools.count()
    for size, label in ((10_000, "10 KB"), (100_000, "100 KB")):
        text = (texts[0] * (size // len(texts[0]) + 1))[: size - 12]
        runs = 30 if size == 10_000 else 10

        def turn_on_new_text(t: str = text) -> None:
            # a new text each time (a case number in front): nothing is remembered from the
            # run before, as when a user pastes another long document
            intake.respond(DialogueState(), f"Sag {next(numbers):05d}. {t}")

        print(summary(f"chat turn on {label} of text", timings_ms(turn_on_new_text, runs)))


if __name__ == "__main__":
    main()
