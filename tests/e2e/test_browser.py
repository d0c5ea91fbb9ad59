"""The app in a real browser: chat round trip, diagram, ceilings, DOCX download, safety."""

from __future__ import annotations

import io

import docx
from conftest import ARTIFACTS
from playwright.sync_api import Page, expect

HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune og Den Sociale "
    "Investeringsfond; regionen betaler maksimalt 3,6 mio. kr. i resultatbetaling i "
    "2027-2031 fra puljen til øget lighed i sundhed. Regionshospitalet Gødstrup udfører "
    "indsatsen. Betalingsmålet er færre kontakter til sundhedsvæsenet."
)


def _say(page: Page, text: str, messages: int) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_test_id("stChatMessage")).to_have_count(messages, timeout=30_000)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )


def test_chat_shows_path_diagram_ceilings_and_memo(page: Page) -> None:
    _say(page, HERNING, 2)
    expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("3,6 mio. kr.")
    expect(page.locator("svg .node").first).to_be_visible(timeout=30_000)
    expect(page.locator("svg")).to_contain_text(["Regionsrådet"])
    expect(page.get_by_text("loft 3,6 mio. kr.").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "chat-herning.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hent notat (Word)").click()
    data = download_info.value.path().read_bytes()
    memo = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "Indstilling" in text and "maksimalt 3,6 mio. kr." in text


def test_typed_markup_is_shown_as_text(page: Page) -> None:
    hostile = "<b id='inj'>fed</b> ![x](http://127.0.0.1:9/x.png) **stjerner**"
    _say(page, hostile, 2)
    first = page.get_by_test_id("stChatMessage").first
    expect(first).to_contain_text("<b id='inj'>fed</b>")
    expect(first).to_contain_text("**stjerner**")
    assert page.locator("#inj").count() == 0
    assert first.locator("img").count() == 0 and first.locator("strong").count() == 0
    page.screenshot(path=str(ARTIFACTS / "chat-markup.png"), full_page=True)


def test_other_pages_render(page: Page) -> None:
    for name, shot in (
        ("Udforsk godkendelsesveje", "explore"),
        ("Lær processen", "learn"),
        ("Regler", "rules"),
    ):
        page.get_by_role("link", name=name).click()
        page.wait_for_selector(
            "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
        )
        expect(page.get_by_role("heading", name=name).first).to_be_visible(timeout=30_000)
        assert page.get_by_test_id("stException").count() == 0
        page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)


_LEGIBILITY = """() => {
  const box = (e) => e.getBoundingClientRect();
  const chart = [...document.querySelectorAll('[data-testid=stGraphVizChart] svg')].pop();
  const names = [...chart.querySelectorAll('.node text')].map(t => box(t).height);
  const text = document.querySelector('[data-testid=stMarkdownContainer] p');
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  return {smallest: Math.min(...names), body: parseFloat(getComputedStyle(text).fontSize),
          width: box(chart).width, main: box(main).width};
}"""


def test_the_route_is_full_width_legible_and_a_list_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    _say(page, HERNING, 2)
    page.locator("[data-testid=stGraphVizChart] svg .node").first.wait_for(timeout=30_000)
    page.get_by_text("Godkendelsesvej").last.scroll_into_view_if_needed()
    sizes = page.evaluate(_LEGIBILITY)
    assert sizes["width"] > 0.75 * sizes["main"], sizes  # the page's width, not a column's
    assert sizes["smallest"] >= sizes["body"], sizes  # no text in a box smaller than the page's
    expect(page.get_by_text("senere · tidligst", exact=False).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "route-1400.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("[data-testid=stGraphVizChart]").last).to_be_hidden()
    page.get_by_text("Godkendelsesvej").last.scroll_into_view_if_needed()
    expect(
        page.get_by_text("Forretningsudvalget afgiver erklæring", exact=False).last
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "route-phone.png"))


def _idle(page: Page) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )


def test_saving_the_untouched_form_keeps_everything_and_a_chat_is_not_a_decision(
    page: Page,
) -> None:
    _say(page, HERNING, 2)
    nodes = page.locator("[data-testid=stGraphVizChart] svg .node")
    nodes.first.wait_for(state="attached", timeout=30_000)
    route = page.locator("[data-testid=stGraphVizChart]").last.text_content()
    page.get_by_role("tab", name="Forslaget").click()
    expect(page.get_by_test_id("stForm").get_by_text("Sagstype")).to_be_visible()
    page.get_by_role("button", name="Gem ændringer").click()
    _idle(page)
    expect(page.get_by_text("Intet er ændret")).to_be_visible(timeout=30_000)
    nodes.first.wait_for(state="attached", timeout=30_000)
    assert route and page.locator("[data-testid=stGraphVizChart]").last.text_content() == route
    page.get_by_role("link", name="Sager").click()
    _idle(page)
    expect(page.get_by_text("(0 sager)", exact=False)).to_be_visible(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "cases-after-trial-chat.png"), full_page=True)
