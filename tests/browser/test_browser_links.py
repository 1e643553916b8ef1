"""Browser tests of links: a step's link and a view's link reproduce their view in a fresh browser context."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from components.data.loading import load_dataset
from components.state.briefing import briefing_steps, step_view
from components.ui.details import event_detail
from tooling.chromium import DESKTOP as VIEWPORT
from tooling.chromium import wait_for_app

BUNDLED_DATA = Path(__file__).resolve().parents[2] / "data"
DS = load_dataset(BUNDLED_DATA)
STEPS = briefing_steps(DS)
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module", autouse=True)
def frame_loaded_once(app_server, browser) -> None:
    """Open the app's root once, so these tests do not depend on which one runs first on the shared server.

    `test_a_deep_link_on_a_freshly_started_server_shows_the_frame` checks the other order on a server of its own.
    """
    context = browser.new_context(viewport=VIEWPORT)
    root = context.new_page()
    root.goto(app_server())
    wait_for_app(root)
    context.close()


def step_with(page_name: str, attribute: str):
    """The first briefing step that opens `page_name` with `attribute` (event, place...) set."""
    for step in STEPS:
        view, _ = step_view(step, DS)
        if view.page == page_name and getattr(view, attribute):
            return step, view
    pytest.skip(f"the bundled briefing has no {page_name} step with a {attribute}")


def share_link(page) -> str:
    """The sidebar's "link to this view"."""
    return page.locator("[data-testid='stSidebar'] [data-testid='stCode']").last.inner_text().strip()


def press_when_settled(page, counter: str, key: str) -> None:
    """Press a key as a presenter does: once the page has settled and they have clicked into it."""
    expect(page.get_by_role("button", name="Next")).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1_000)  # the shortcut is bound just after the button first mounts
    page.get_by_text(counter).click()
    page.keyboard.press(key)


def heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)


def test_a_step_link_opens_that_steps_title_and_selection_in_a_fresh_browser(app_server, page):
    step, view = step_with("timeline", "event")
    page.goto(f"{app_server()}/?step={step.number}")
    wait_for_app(page)
    expect(heading(page, step.title)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(f"Step {step.number} of {len(STEPS)}")).to_be_visible()
    detail = event_detail(DS, view.event)
    expect(heading(page, detail.title).first).to_be_visible()
    assert urlsplit(page.url).path.endswith("/timeline")
    assert parse_qs(urlsplit(page.url).query)["event"] == [view.event]


def test_the_right_key_shows_the_next_step_and_the_left_key_goes_back(app_server, page):
    first, second = STEPS[0], STEPS[1]
    page.goto(f"{app_server()}/?step={first.number}")
    wait_for_app(page)
    expect(heading(page, first.title)).to_be_visible(timeout=TIMEOUT_MS)
    press_when_settled(page, f"Step {first.number} of", "ArrowRight")
    expect(heading(page, second.title)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(f"Step {second.number} of {len(STEPS)}")).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["step"] == [str(second.number)]
    wait_for_app(page)
    press_when_settled(page, f"Step {second.number} of", "ArrowLeft")
    expect(heading(page, first.title)).to_be_visible(timeout=TIMEOUT_MS)


def test_the_default_briefing_can_be_walked_end_to_end_with_the_next_button(app_server, page):
    page.goto(f"{app_server()}/?step={STEPS[0].number}")
    for step in STEPS:
        wait_for_app(page)
        expect(heading(page, step.title)).to_be_visible(timeout=TIMEOUT_MS)
        assert page.locator("[data-testid='stException']").count() == 0
        view, _ = step_view(step, DS)
        if view.metric:
            checked = page.locator("[data-testid='stRadio'] label:has(input:checked)").last
            expect(checked).to_contain_text("Losses" if view.metric == "losses" else "Force size")
        if step is not STEPS[-1]:
            page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()


def test_a_view_link_opens_the_same_filters_and_page_in_a_fresh_context(app_server, page, browser):
    base = app_server()
    page.goto(f"{base}/forces?cat=combat&asof=2025-01-15&metric=losses&force=dprk")
    wait_for_app(page)
    expect(page.get_by_text("Showing what was known on 15 January 2025")).to_be_visible(timeout=TIMEOUT_MS)
    link = share_link(page)
    assert parse_qs(urlsplit(link).query)["data"] == [DS.fingerprint]
    fresh = browser.new_context(viewport=VIEWPORT)
    try:
        other = fresh.new_page()
        other.goto(link)
        wait_for_app(other)
        expect(other.get_by_text("Showing what was known on 15 January 2025")).to_be_visible(timeout=TIMEOUT_MS)
        expect(heading(other, "Forces and casualties")).to_be_visible()
        category = other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Category")
        expect(category).to_contain_text("combat", timeout=TIMEOUT_MS)
        checked = other.locator("[data-testid='stRadio'] label:has(input:checked)")
        expect(checked.last).to_contain_text("Losses")
        assert share_link(other) == link
    finally:
        fresh.close()


def test_hostile_parameters_leave_the_app_working_and_render_no_markup(app_server, page):
    hostile = "<img src=x onerror=alert(1)>"
    page.goto(f"{app_server()}/?event={hostile}&q={'x' * 3000}&from=2025-02-30&cat=&place=nowhere&step=99")
    wait_for_app(page)
    expect(heading(page, "North Korean troops in Russia's Kursk region")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("not a real calendar date")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_a_link_made_on_other_data_says_so_in_one_line(app_server, page):
    page.goto(f"{app_server()}/?data=0badc0de&cat=combat")
    wait_for_app(page)
    expect(page.get_by_text("This link was made on different data (0badc0de); showing current data.")).to_be_visible(
        timeout=TIMEOUT_MS
    )


def test_a_deep_link_on_a_freshly_started_server_shows_the_frame(app_server, page):
    fresh = app_server(env={"BRIEFING_TEST_SERVER": "deep-link-first"})
    page.goto(f"{fresh}/sources?cat=combat")
    wait_for_app(page)
    expect(heading(page, "Sources and data quality")).to_be_visible(timeout=TIMEOUT_MS)
    category = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Category")
    expect(category).to_contain_text("combat", timeout=10_000)


def test_choosing_a_force_writes_no_notice_and_the_link_names_it_by_id(app_server, page):
    page.goto(f"{app_server()}/forces")
    wait_for_app(page)
    page.get_by_text("Russian forces").click()
    wait_for_app(page)
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stCode']").last).to_contain_text(
        "force=russia", timeout=TIMEOUT_MS
    )
    page.reload()
    wait_for_app(page)
    expect(heading(page, "Forces and casualties")).to_be_visible(timeout=TIMEOUT_MS)
    assert page.get_by_text("not a known force").count() == 0
    expect(page.locator("[data-testid='stRadio'] label:has(input:checked)").first).to_contain_text("Russian forces")
