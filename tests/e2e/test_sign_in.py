"""Sign-in for real: the app configured for a local OpenID Connect provider (the
oidc-provider-mock package, a real provider with discovery, keys, code flow and ID tokens),
a user signing in through its form in Chromium, and each role seeing exactly its pages."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ARTIFACTS, free_port, running_app, wait_until_up
from isolated import die_with_parent
from playwright.sync_api import Browser, Page, expect

GROUPS = {role: f"sie-{role}" for role in ("sagsbehandler", "laeser", "underviser")}
PAGES = {  # the sidebar's links per role
    "sagsbehandler": [
        "Vurdér et forslag",
        "Udforsk godkendelsesveje",
        "Lær processen",
        "Sager",
        "Regler",
    ],
    "laeser": ["Udforsk godkendelsesveje", "Sager"],
    "underviser": ["Udforsk godkendelsesveje", "Lær processen"],
}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The provider in its own process, as the region's would be."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "oidc.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", "127.0.0.1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=die_with_parent,
    )
    url = f"http://localhost:{port}"
    try:
        wait_until_up(f"{url}/.well-known/openid-configuration", proc, ARTIFACTS / "oidc.log", 30)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def signed_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with its `[auth]` secrets pointing at the provider."""
    port = free_port()
    url = f"http://localhost:{port}"
    folder = tmp_path_factory.mktemp("auth")
    config = folder / "secrets.toml"
    config.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "sie-rules"\n'
        'client_secret = "sie-rules-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with running_app("streamlit-sign-in.log", port, "localhost", secrets=config) as url:
        yield url


def _user(provider: str, sub: str, name: str, groups: list[str]) -> None:
    """Tell the provider this user's claims (what the region's directory would hold)."""
    body = json.dumps({"name": name, "email": sub, "groups": groups})
    request = urllib.request.Request(
        f"{provider}/users/{quote(sub)}",
        data=body.encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204


def _sign_in(browser: Browser, app: str, sub: str) -> Page:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(app)
    expect(page.get_by_text("Log ind med regionens fælles log-ind")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_placeholder("sub").fill(sub)  # the provider's own sign-in form
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text("Logget ind som")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading").first).to_be_visible(timeout=60_000)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    return page


@pytest.mark.parametrize("role", sorted(GROUPS))
def test_each_role_signs_in_and_sees_exactly_its_pages(
    browser: Browser, provider: str, signed_app: str, role: str
) -> None:
    sub = f"{role}@rm.dk"
    _user(provider, sub, f"Test {role}", [GROUPS[role], "unrelated-group"])
    page = _sign_in(browser, signed_app, sub)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Logget ind som Test {role}")
    links = page.get_by_test_id("stSidebarNavLink")
    expect(links).to_have_text(PAGES[role])
    # widgets' code loads after the page's text: wait for them before the screenshot
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"signed-in-{role}.png"), full_page=True)
    if role == "laeser":  # reads cases, changes none
        links.filter(has_text="Sager").click()
        expect(page.get_by_role("heading", name="Sager")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="Arkivér")).to_have_count(0)
    page.get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name="End session").click()  # the provider ends its session
    expect(page.get_by_role("button", name="Log ind")).to_be_visible(timeout=30_000)
    page.context.close()


def test_a_user_without_a_role_is_told_so_and_sees_nothing(
    browser: Browser, provider: str, signed_app: str
) -> None:
    _user(provider, "stranger@rm.dk", "Ukendt Bruger", ["some-other-group"])
    page = browser.new_context().new_page()
    page.goto(signed_app)
    page.get_by_role("button", name="Log ind").click(timeout=60_000)
    page.get_by_placeholder("sub").fill("stranger@rm.dk")
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text("Ukendt Bruger har ingen rolle i sie-rules")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(0)
    page.context.close()


def test_the_signed_in_user_is_the_author_in_the_audit_trail(
    browser: Browser, provider: str, signed_app: str
) -> None:
    _user(provider, "anne@rm.dk", "Anne Andersen", [GROUPS["sagsbehandler"]])
    page = _sign_in(browser, signed_app, "anne@rm.dk")
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(
        "Vi beder om bemyndigelse til at forhandle en social effektinvestering med Herning "
        "Kommune; regionen betaler op til 3,6 mio. kr. i 2027-2031."
    )
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Sager").click()
    expect(page.get_by_role("heading", name="Revisionsspor")).to_be_visible(timeout=30_000)
    audit = page.get_by_test_id("stDataFrame").nth(1)
    expect(audit).to_contain_text("Anne Andersen")
    page.screenshot(path=str(ARTIFACTS / "audit-trail.png"), full_page=True)
    page.context.close()


def test_the_secrets_file_is_not_in_the_checkout() -> None:
    """The sign-in secrets are the deployment's, never committed (README: Deployment)."""
    root = Path(__file__).resolve().parents[2]
    assert not (root / ".streamlit" / "secrets.toml").exists()
