"""Several app servers, one database: two `streamlit run app.py` processes on different ports
against one real PostgreSQL, as behind a load balancer. A case saved through one is read
through the other; the same case edited from both: the later save is told, nothing is lost."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pg_server
import pytest
from conftest import ARTIFACTS, running_app
from playwright.sync_api import Browser, Page, expect

from sie_rules.access import local_actor
from sie_rules.cases.store import CaseStore

HERNING = (
    "Vi beder om bemyndigelse til at forhandle en social effektinvestering med Herning "
    "Kommune og Den Sociale Investeringsfond; regionen betaler op til 3,6 mio. kr. i "
    "resultatbetaling i 2027-2031."
)
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str, str]]:
    """Two app servers on one PostgreSQL: (url A, url B, database URL)."""
    if not pg_server.available():
        pytest.skip("Debian's postgresql is not installed")
    with (
        pg_server.server() as database,
        running_app("streamlit-server-a.log", database_url=database) as a,
        running_app("streamlit-server-b.log", database_url=database) as b,
    ):
        yield a, b, database


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    page.wait_for_selector(SETTLED, timeout=60_000)
    return page


def _say(page: Page, text: str, messages: int) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(messages, timeout=60_000)
    page.wait_for_selector(SETTLED, timeout=60_000)


def test_a_case_saved_on_one_server_is_read_and_guarded_on_the_other(
    browser: Browser, servers: tuple[str, str, str]
) -> None:
    url_a, url_b, database = servers
    a = _open(browser, url_a)
    _say(a, HERNING, 2)  # saved through server A
    b = _open(browser, url_b)
    b.get_by_test_id("stSidebarNavLink").filter(has_text="Sager").click()
    chosen = b.get_by_role("combobox", name="Sag")
    expect(chosen).to_have_value(re.compile("Vi beder om bemyndigelse"), timeout=60_000)
    b.get_by_role("button", name="Åbn i chatten").click()
    expect(b.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    b.wait_for_selector(SETTLED, timeout=60_000)
    _say(b, "Projektet hedder Bedre Sammen i Herning.", 4)  # B saves first
    _say(a, "Kommunen har fundet finansieringen.", 4)  # A's save is on the old version
    expect(a.get_by_text("efter du åbnede den – intet er gemt")).to_be_visible(timeout=30_000)
    a.get_by_text("efter du åbnede den – intet er gemt").scroll_into_view_if_needed()
    a.screenshot(path=str(ARTIFACTS / "edit-conflict.png"))
    store = CaseStore(database)
    try:
        [case] = store.list_cases()
        assert len(case.conversation["turns"]) == 4  # B's turn is there, A's overwrote nothing
        assert "Bedre Sammen" in case.conversation["turns"][2]["text"]
        saves = [e for e in store.audit_trail(case.id) if e.action in ("create", "save")]
        assert len(saves) == case.version == 2, [(e.action, e.detail) for e in saves]
        a.get_by_role("button", name="Hent deres version").click()  # A takes B's version
        expect(a.get_by_test_id("stChatMessage")).to_have_count(4, timeout=60_000)
        expect(a.get_by_text("efter du åbnede den – intet er gemt")).to_have_count(0)
        assert store.get(case.id).conversation["turns"][2]["text"].startswith("Projektet")
        assert store.audit_trail(case.id)[-1].actor_name == local_actor().name
    finally:
        store.close()
