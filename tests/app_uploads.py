"""Upload documents to the app's chat page (AppTest), after a chat turn, in a process of its own
so that each upload's time and peak memory can be measured: `python tests/app_uploads.py
FILE...`.

Prints, as JSON, for each file: the seconds the upload took to answer, the peak resident
memory of the process (the app and all) while it did, the errors and exceptions the page
showed, and whether the chat and its draft stayed as they were. The peak is Linux's VmHWM,
set back to the present before each upload (/proc/self/clear_refs)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune som myndighed og "
    "resultatbetaler og Den Sociale Investeringsfond; regionen betaler maksimalt 3,6 mio. "
    "kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed."
)


def main(paths: list[str]) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.chat_input[0].set_value(HERNING).run()
    before = at.session_state["dialogue"]
    report = {}
    for path in paths:
        name, data = Path(path).name, Path(path).read_bytes()
        Path("/proc/self/clear_refs").write_text("5")  # the peak is now
        start = time.perf_counter()
        at.file_uploader(key="upload").set_value((name, data, "application/octet-stream")).run()
        report[name] = {
            "seconds": time.perf_counter() - start,
            "peak_mb": _peak_mb(),
            "errors": [e.value for e in at.error],
            "exceptions": [e.value for e in at.exception],
            "unchanged": at.session_state["dialogue"] == before,
        }
    print(json.dumps(report))


def _peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


if __name__ == "__main__":
    main(sys.argv[1:])
