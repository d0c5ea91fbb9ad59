"""End-to-end fixtures: the real app (`streamlit run app.py`) and Debian's headless Chromium.

Marked `e2e`. Where Chromium is missing the tests are skipped locally, but fail in CI
(CI=true), which must install it (`make test` does, as root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from isolated import die_with_parent
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-quic",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in str(item.path):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    port: int,
    log_path: Path,
    database_url: str | None = None,
    secrets: Path | None = None,
    address: str = "127.0.0.1",
) -> subprocess.Popen[bytes]:
    """Start the app on `port` with the case store at `database_url` (default: its own empty
    one) and, with `secrets`, the sign-in configured in that secrets.toml."""
    if database_url is None:
        database_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='sie-e2e-')) / 'cases.db'}"
    env = {**os.environ, "SIE_DATABASE_URL": database_url}
    env.pop("SIE_LOCAL_ROLE", None)
    log = log_path.open("wb")
    try:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                address,
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                *(["--secrets.files", str(secrets)] if secrets else []),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            preexec_fn=die_with_parent,  # no orphan server if the test process crashes
        )
    finally:
        log.close()


def wait_until_up(url: str, proc: subprocess.Popen[bytes], log_path: Path, timeout: float) -> None:
    """Until `url` answers (or the server process exits, or `timeout` seconds pass)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not start: {log_path.read_text(errors='replace')}")


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log_path: Path, timeout: float) -> None:
    """Until the app's health check answers."""
    wait_until_up(f"{url}/_stcore/health", proc, log_path, timeout)


@contextmanager
def running_app(
    log_name: str,
    port: int | None = None,
    host: str = "127.0.0.1",
    database_url: str | None = None,
    secrets: Path | None = None,
) -> Iterator[str]:
    """The app started (see `start_app`), healthy, and stopped afterwards: its URL."""
    ARTIFACTS.mkdir(exist_ok=True)
    port, log_path = port or free_port(), ARTIFACTS / log_name
    proc = start_app(port, log_path, database_url, secrets, host)
    url = f"http://{host}:{port}"
    try:
        wait_healthy(url, proc, log_path, 60)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app("streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `make test` must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    yield page
    context.close()
