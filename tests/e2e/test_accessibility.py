"""WCAG 2.1 AA (webtilgængelighedsloven) in the browser: axe-core on every page in Danish and
English, with an assessment on screen and the quiz open; and the chat and the form used with
the keyboard alone. Screenshots of each page at 1400x1000 and 390x844 go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ARTIFACTS
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune som myndighed og "
    "resultatbetaler og Den Sociale Investeringsfond; regionen betaler maksimalt 3,6 mio. "
    "kr. i resultatbetaling i "
    "2027-2031. Vi beder om endelig godkendelse."
)
PAGES = {  # page -> its link in Danish and in English
    "chat": ("Vurdér et forslag", "Assess a proposal"),
    "explore": ("Udforsk godkendelsesveje", "Explore approval paths"),
    "learn": ("Lær processen", "Learn the process"),
    "cases": ("Sager", "Cases"),
    "rules": ("Regler", "Rules"),
}


def _settle(page: Page) -> None:
    page.wait_for_timeout(300)  # a click's rerun starts
    page.wait_for_selector(SETTLED, timeout=60_000)


def _serious(page: Page) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations axe finds on the page as shown."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{v['id']} ({v['impact']}): {node['html'][:120]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


def _fold_sidebar(page: Page, folded: bool) -> None:
    page.wait_for_timeout(500)  # the layout follows the new width
    button = (
        page.get_by_role("button", name="Collapse sidebar")
        if folded
        else page.get_by_test_id("stExpandSidebarButton")
    )
    if button.count():
        button.click(force=True)  # shown on hover
        page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_meets_wcag_21_aa_in_both_languages(page: Page, lang: str) -> None:
    english = lang == "en"
    if english:
        page.get_by_text("English", exact=True).click()
        _settle(page)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(HERNING)
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    _settle(page)
    found = {}
    for name, links in PAGES.items():
        page.get_by_test_id("stSidebarNavLink").filter(has_text=links[english]).click()
        _settle(page)
        if name == "learn":  # the quiz, open
            page.get_by_role("tab", name="Quiz").click()
            _settle(page)
        found[name] = _serious(page)
        page.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{lang}-1400.png"))
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: the sidebar folded
        _fold_sidebar(page, True)
        page.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{lang}-390.png"))
        page.set_viewport_size({"width": 1400, "height": 1000})
        _fold_sidebar(page, False)
    assert found == {name: [] for name in PAGES}


# The ring the focused element shows (a switch, check box or radio button draws it on its
# label), its width, and its contrast with the colour behind it (WCAG 2.1 relative luminance).
_FOCUS_RING = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const ring = focused.matches('label input') ? focused.closest('label') : focused;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let behind = [255, 255, 255];
  for (let n = ring.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || c[3] > 0) { behind = c.slice(0, 3); break; }
  }
  const style = getComputedStyle(ring);
  const [a, b] = [lum(rgb(style.outlineColor)), lum(behind)].sort((x, y) => y - x);
  return {
    what: (focused.closest('[data-testid]') || focused).getAttribute('data-testid'),
    width: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    contrast: (a + 0.05) / (b + 0.05),
  };
}"""


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_says_its_language_has_its_own_title_and_a_focus_ring_of_3_to_1(
    page: Page, lang: str
) -> None:
    english = lang == "en"
    if english:
        page.get_by_text("English", exact=True).click()
        _settle(page)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(HERNING)
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    _settle(page)
    titles, rings = {}, []
    for name, links in PAGES.items():
        page.get_by_test_id("stSidebarNavLink").filter(has_text=links[english]).click()
        _settle(page)
        assert page.evaluate("document.documentElement.lang") == lang, name
        titles[name] = page.title()
        for _ in range(25):  # from its link in the sidebar on, into the page
            page.keyboard.press("Tab")
            ring = page.evaluate(_FOCUS_RING)
            if ring is not None:
                rings.append((name, ring))
    assert len(set(titles.values())) == len(PAGES), titles
    app = "Social impact investments" if english else "Sociale effektinvesteringer"
    assert all(
        title.startswith(PAGES[n][english]) and title.endswith(app) for n, title in titles.items()
    )
    faint = [(name, r) for name, r in rings if r["width"] < 2 or r["contrast"] < 3]
    assert len(rings) > 50 and faint == [], faint[:5]


def test_the_chat_reads_its_question_out_and_keeps_the_input_in_view(page: Page) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})  # a politician's tablet
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(HERNING)
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    _settle(page)
    live = page.locator("#sie-live[role=status][aria-live=polite]")
    expect(live).to_have_text(re.compile(r"\?$"), timeout=10_000)  # the question asked
    assert live.inner_text() in page.get_by_test_id("stChatMessage").last.inner_text()
    page.wait_for_function(  # the input box under the reply, on the screen, with the focus
        "() => { const r = document.querySelector('[data-testid=stChatInput]')"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1"
        " && document.activeElement.dataset.testid === 'stChatInputTextArea' }",
        timeout=10_000,
    )
    diagram = page.locator(".st-key-route-diagram-main [data-testid=stGraphVizChart] svg")
    expect(diagram).to_have_attribute("role", "img", timeout=30_000)
    label = diagram.get_attribute("aria-label") or ""
    assert label.startswith("Godkendelsesvej. Region Midtjylland: 1. ") and "Regionsrådet" in label
    page.screenshot(path=str(ARTIFACTS / "chat-after-reply-1024.png"))


def test_the_chat_and_the_form_work_with_the_keyboard_alone(page: Page) -> None:
    """Tab to the chat box, type, Enter; tab to the proposal's tab, open it with Enter; tab to
    its title, change it, and save with Enter - no mouse anywhere."""

    def tab_to(test_id: str, limit: int = 80) -> None:
        seen = []
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "() => { const e = document.activeElement;"
                " const box = e && e.closest('[data-testid]');"
                " return [e && e.getAttribute('data-testid'),"
                " box && box.getAttribute('data-testid'), e && e.getAttribute('aria-label')] }"
            )
            if any(test_id in str(f) for f in focused[:2]):
                return
            seen.append(focused)
        raise AssertionError(f"Tab never reached {test_id}: {seen}")

    tab_to("stChatInputTextArea")
    page.keyboard.type(HERNING)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2, timeout=60_000)
    _settle(page)
    tab_to("stTab")  # the tab list is one stop; the arrow keys move between its tabs
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.get_by_role("tab", name="Forslaget")).to_have_attribute("aria-selected", "true")
    # only the open tab is built: the form is drawn by the rerun the tab starts (on a slow
    # machine the old panel was still there while the test tabbed through it)
    expect(page.get_by_test_id("stForm").get_by_test_id("stTextInput").first).to_be_visible(
        timeout=60_000
    )
    _settle(page)
    tab_to("stTextInputField")  # the first field of the form: the title
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Herning – tastatur")
    tab_to("FormSubmit", limit=200)  # past the tables, each a few stops, never a trap
    page.keyboard.press("Enter")
    _settle(page)
    expect(page.get_by_test_id("stChatMessage")).to_have_count(2)
    tab_to("stTab")  # back to the assessment, which now carries the new title
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    expect(page.get_by_role("tab", name="Vurdering")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("Herning – tastatur").first).to_be_attached(timeout=30_000)


def test_present_mode_shows_one_track_in_large_type_step_by_step_with_the_keys(
    page: Page,
) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Lær processen").click()
    _settle(page)
    page.get_by_text("Præsentér (stor skrift").click()
    _settle(page)
    steps = page.locator(".st-key-present [data-testid=stMarkdownContainer] > ul > li")
    expect(steps).to_have_count(1, timeout=30_000)
    # projector size: twice the page's body text, once the page's style sheet has been applied
    # (the list can be drawn a moment before the style element that enlarges it)
    large = (
        "() => parseFloat(getComputedStyle(document.querySelector('.st-key-present li')).fontSize)"
        " >= 2 * parseFloat(getComputedStyle(document.body).fontSize)"
    )
    try:
        page.wait_for_function(large, timeout=30_000)
    except PlaywrightTimeout:
        sizes = page.evaluate(
            "() => [parseFloat(getComputedStyle(document.querySelector('.st-key-present li'))"
            ".fontSize), parseFloat(getComputedStyle(document.body).fontSize)]"
        )
        raise AssertionError(f"presented steps not at twice the body text: {sizes}") from None
    first_track = page.locator(".st-key-present h2").inner_text()
    # no click first: switched on, the presentation has the focus (not the switch)
    keys = ("ArrowRight", "PageDown", "PageUp", "ArrowLeft", "ArrowRight", "Home")
    for key, count in zip(keys, (2, 3, 2, 1, 2, 1), strict=True):
        page.keyboard.press(key)
        expect(steps).to_have_count(count, timeout=30_000)
        _settle(page)
    page.screenshot(path=str(ARTIFACTS / "present-1400.png"))
    page.keyboard.press("ArrowDown")  # the next track
    expect(page.locator(".st-key-present h2")).not_to_have_text(first_track, timeout=30_000)
    assert _serious(page) == []


def test_present_mode_keeps_the_shown_step_on_screen_at_200_percent_zoom(
    browser: Browser, app_url: str
) -> None:
    """A trainer's 1920x1080 projector at 200 % zoom: a page 960x540 wide and high."""
    context = browser.new_context(viewport={"width": 960, "height": 540}, device_scale_factor=2)
    page = context.new_page()
    page.goto(app_url)
    _settle(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Lær processen").click()
    _settle(page)
    page.get_by_text("Præsentér (stor skrift").click()
    _settle(page)
    steps = page.locator(".st-key-present [data-testid=stMarkdownContainer] > ul > li")
    for count in (2, 3, 4):
        page.keyboard.press("PageDown")  # what a presenter's clicker sends
        expect(steps).to_have_count(count, timeout=30_000)
        _settle(page)
        page.wait_for_function(
            "() => { const r = [...document.querySelectorAll('.st-key-present"
            " [data-testid=stMarkdownContainer] > ul > li')].pop().getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight }",
            timeout=10_000,
        )
    page.screenshot(path=str(ARTIFACTS / "present-200-percent.png"))
    context.close()
