"""The audience screen in a real browser: every step's visual inside the window at three projector sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from components.data.loading import load_dataset
from components.present.judgments import key_judgments
from components.state.briefing import briefing_steps, step_view
from tooling.chromium import wait_for_app, wait_for_keys

DATA = Path(__file__).resolve().parents[2] / "data"
DS = load_dataset(DATA)
STEPS = briefing_steps(DS)
TIMEOUT_MS = 60_000
VISUAL = (
    ".st-key-audience_visual [data-testid='stPlotlyChart'], "
    ".st-key-audience_visual [data-testid='stDeckGlJsonChart'], "
    ".st-key-audience_visual [data-testid='stColumn'], "
    ".st-key-audience_visual .st-key-audience_judgments"
)
JUDGMENTS = ".st-key-audience_judgments"


def standing_judgments(step):
    """The key judgments an overview step's audience screen shows (none for other pages)."""
    view = step_view(step, DS)[0]
    return key_judgments(DS, view.filters.as_of) if view.page == "overview" else ()


def outside(page, selector: str) -> list[str]:
    """The elements of `selector` whose bounding box leaves the viewport, as "selector: box" lines."""
    size = page.viewport_size
    found = []
    for element in page.locator(selector).all():
        box = element.bounding_box()
        if box is None or box["height"] == 0:
            continue
        if box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > size["width"] + 1:
            found.append(f"{selector}: {box}")
        elif box["y"] + box["height"] > size["height"] + 1:
            found.append(f"{selector}: {box}")
    return found


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_steps_title_and_visual_fit_the_window_with_no_talking_points(app_server, browser, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(f"{app_server()}/?step={STEPS[0].number}&screen=audience")
        for step in STEPS:
            expect(page.locator(".st-key-audience_title h1")).to_have_text(step.title, timeout=TIMEOUT_MS)
            wait_for_app(page, TIMEOUT_MS)
            expect(page.locator(VISUAL).first).to_be_visible(timeout=TIMEOUT_MS)
            assert page.locator("[data-testid='stSidebar']").count() == 0
            assert outside(page, VISUAL) == [], step.number
            assert outside(page, ".st-key-audience_title, .st-key-audience_panel") == [], step.number
            for item in standing_judgments(step) or ():
                judgment = page.locator(f"{JUDGMENTS} [data-testid='stMarkdownContainer']").nth(item.number - 1)
                expect(judgment).to_contain_text(item.judgment.statement)
                expect(judgment.get_by_text(item.likelihood, exact=True)).to_be_visible()
                expect(judgment.get_by_text(item.confidence, exact=True)).to_be_visible()
            body = page.locator("[data-testid='stMain']").inner_text()
            assert step.talking_points[:60] not in body
            if size[0] >= 1920:
                assert min_font_px(page) >= 24, step.number
            if step is not STEPS[-1]:
                wait_for_keys(page, TIMEOUT_MS)
                page.keyboard.press("PageDown")
    finally:
        context.close()


def test_the_briefing_opens_on_the_key_judgments():
    assert step_view(STEPS[0], DS)[0].page == "overview" and standing_judgments(STEPS[0])


def min_font_px(page) -> float:
    """The smallest type on the audience screen's title, chart labels (plotly's SVG text) and judgments, in px."""
    return page.evaluate(
        """() => {
            const sizes = [...document.querySelectorAll(
                '.st-key-audience_title h1, .st-key-audience_visual .xtick text, .st-key-audience_visual .ytick text, '
                + '.st-key-audience_judgments p, .st-key-audience_judgments p span'
            )].map((e) => parseFloat(getComputedStyle(e).fontSize));
            return sizes.length ? Math.min(...sizes) : 0;
        }"""
    )
