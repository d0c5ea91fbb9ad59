"""The app in a real browser: time from `streamlit run` to an interactive page, and one chat
round trip. Baselines in the same run: the server's health check answering (start-up) and the
chat turn computed on the server alone (round trip). Run: `python bench/bench_app.py [runs]`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from common import machine
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, wait_healthy
from playwright.sync_api import sync_playwright

from sie_rules.intake import DialogueState, current_intake

TEXT = (
    "Vi vil indgå en social effektinvestering med Herning Kommune og Den Sociale "
    "Investeringsfond; regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i 2027-2031."
)
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def main(runs: int = 3) -> None:
    print(f"bench_app: {machine()}, Chromium {CHROMIUM}, {runs} runs")
    healthy, interactive, round_trips = [], [], []
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            start = time.perf_counter()
            proc = start_app(port, log)
            try:
                wait_healthy(url, proc, log, 60)
                healthy.append(time.perf_counter() - start)
                page = browser.new_page()
                page.goto(url)
                page.wait_for_selector(IDLE, timeout=60_000)
                page.get_by_test_id("stChatInputTextArea").wait_for()
                interactive.append(time.perf_counter() - start)
                for i in range(3):
                    box = page.get_by_test_id("stChatInputTextArea")
                    t0 = time.perf_counter()
                    box.fill(TEXT if i == 0 else "hvorfor?")
                    box.press("Enter")
                    page.get_by_test_id("stChatMessage").nth(2 * i + 1).wait_for()
                    page.wait_for_selector(IDLE, timeout=60_000)
                    round_trips.append(time.perf_counter() - t0)
                page.close()
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        browser.close()
    intake = current_intake()
    server = []
    for _ in range(50):
        t0 = time.perf_counter()
        intake.respond(DialogueState(), TEXT)
        server.append(time.perf_counter() - t0)
    med = statistics.median
    print(f"start-up: health check answers   median {med(healthy):6.2f} s  (baseline)")
    print(
        f"start-up: page interactive       median {med(interactive):6.2f} s  "
        f"max {max(interactive):.2f} s  ratio {med(interactive) / med(healthy):.2f}x"
    )
    print(f"chat turn on the server          median {med(server) * 1000:6.1f} ms (baseline)")
    print(
        f"chat round trip in the browser   median {med(round_trips):6.2f} s  "
        f"max {max(round_trips):.2f} s  ratio {med(round_trips) / med(server):.0f}x"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
