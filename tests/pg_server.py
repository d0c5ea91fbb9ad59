"""A throw-away PostgreSQL server on loopback for the store tests (Debian's postgresql).

As root, initdb and the server run as the `postgres` user (PostgreSQL refuses root).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from isolated import die_with_parent


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return _bin("initdb") is not None


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def server() -> Iterator[str]:
    """Start a server in a temporary folder; yield its SQLAlchemy URL; stop and remove it."""
    initdb = _bin("initdb")
    assert initdb
    root = Path(tempfile.mkdtemp(prefix="sie-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(
        _as_postgres(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                "sie",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-instructions",
            ]
        ),
        **run,
    )
    postgres = str(Path(initdb).with_name("postgres"))
    options = ["-p", str(port), "-k", str(root), "-c", "listen_addresses=127.0.0.1"]
    # in the foreground, as a child that dies with the test process (even if it crashes)
    with (root / "log").open("wb") as log:
        proc = subprocess.Popen(
            [postgres, "-D", str(data), *options, "-c", "fsync=off"],
            stdout=subprocess.DEVNULL,
            stderr=log,
            user="postgres" if os.geteuid() == 0 else None,
            preexec_fn=die_with_parent,
        )
    try:
        url = f"postgresql+psycopg://sie@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield url
    finally:
        proc.send_signal(signal.SIGQUIT)  # immediate shutdown
        proc.wait(timeout=60)
        shutil.rmtree(root, ignore_errors=True)
