"""The audience screen in a real browser: every step's visual inside the window at three projector sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from components.data.loading import load_dataset
from components.state.briefing import briefing_steps
from tooling.chromium import wait_for_app

DS = load_dataset(Path(__file__).resolve().parents[2] / "data")
STEPS = briefing_steps(DS)
TIMEOUT_MS = 60_000
VISUAL = (
    ".st-key-audience_visual [data-testid='stPlotlyChart'], "
    ".st-key-audience_visual [data-testid='stDeckGlJsonChart'], "
    ".st-key-audience_visual [data-testid='stColumn']"
)


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
            body = page.locator("[data-testid='stMain']").inner_text()
            assert step.talking_points[:60] not in body
            if size[0] >= 1920:
                assert min_font_px(page) >= 24, step.number
            if step is not STEPS[-1]:
                page.keyboard.press("PageDown")
    finally:
        context.close()


def min_font_px(page) -> float:
    """The smallest type on the audience screen's title and chart labels (plotly's SVG text), in CSS px."""
    return page.evaluate(
        """() => {
            const sizes = [...document.querySelectorAll(
                '.st-key-audience_title h1, .st-key-audience_visual .xtick text, .st-key-audience_visual .ytick text'
            )].map((e) => parseFloat(getComputedStyle(e).fontSize));
            return sizes.length ? Math.min(...sizes) : 0;
        }"""
    )
