"""The timeline's key-event labels never overprint one another or the marks; its date labels stay legible."""

from __future__ import annotations

import pytest

from tooling.chromium import DESKTOP, PHONE, WALL, wait_for_app

# The boxes of the key-event labels the reader can see (hidden ones have no box).
VISIBLE_LABELS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] g.annotation')]
  .map((g) => g.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0)
  .map((r) => [r.left, r.top, r.right, r.bottom])"""
# The boxes of those labels' text (the annotation's box adds an invisible padding round it).
VISIBLE_TEXTS = VISIBLE_LABELS.replace("g.annotation')]", "g.annotation text')]")
# The boxes of every event's mark: points (with their ≈ signs) and bars.
MARKS = """() => [...document.querySelectorAll(
    '[data-testid="stPlotlyChart"] .scatterlayer g.points path.point, '
    + '[data-testid="stPlotlyChart"] .scatterlayer g.textpoint text, '
    + '[data-testid="stPlotlyChart"] .barlayer g.point path')]
  .map((e) => e.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0)
  .map((r) => [r.left, r.top, r.right, r.bottom])"""
# The x axis's labelled ticks: text, box and whether plotly turned them (it does when they would overprint).
TICKS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] g.xtick text')].map((t) => {
  const r = t.getBoundingClientRect();
  return [t.textContent, [r.left, r.top, r.right, r.bottom], t.getAttribute('transform') || ''];
})"""
# Tick marks and vertical gridlines drawn along the x axis (plotly gives minor and major ticks one class).
TICK_MARKS = """() => [document.querySelectorAll('[data-testid="stPlotlyChart"] path.xtick.ticks').length,
  document.querySelectorAll('[data-testid="stPlotlyChart"] path.xgrid').length]"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes that share more than a pixel of area."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
    ]


def open_timeline(page, base_url: str, viewport: dict) -> None:
    """The timeline page at that size, its annotations laid out."""
    page.set_viewport_size(viewport)
    page.goto(f"{base_url}/timeline")
    wait_for_app(page)
    page.locator("[data-testid='stPlotlyChart'] g.annotation").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1000)  # Plotly lays the annotations out after the first paint


SCREENS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP, WALL], ids=["phone", "laptop", "wall"])


@SCREENS
def test_key_event_labels_do_not_overprint(app_server, page, viewport):
    open_timeline(page, app_server(), viewport)
    boxes = page.evaluate(VISIBLE_LABELS)
    lanes = page.locator("[data-testid='stPlotlyChart'] .ytick").count()
    assert len(boxes) >= lanes > 0  # every lane keeps at least its first label
    assert overlapping(boxes) == [], boxes


@SCREENS
def test_key_event_labels_do_not_touch_the_marks(app_server, page, viewport):
    open_timeline(page, app_server(), viewport)
    labels, marks = page.evaluate(VISIBLE_TEXTS), page.evaluate(MARKS)
    assert labels and len(marks) >= 57  # every curated event has a mark
    touching = [(a, b) for a in labels for b in marks if overlapping([a, b])]
    assert touching == [], touching


@SCREENS
def test_date_labels_stand_upright_apart_and_every_month_has_a_tick(app_server, page, viewport):
    open_timeline(page, app_server(), viewport)
    ticks = page.evaluate(TICKS)
    assert len(ticks) >= 3 and any("2025" in text for text, _, _ in ticks)
    assert [t for t in ticks if "rotate" in t[2]] == []  # plotly turns them only when they would overprint
    assert overlapping([box for _, box, _ in ticks]) == []
    marks, gridlines = page.evaluate(TICK_MARKS)
    assert marks >= 18 and gridlines >= 18  # July 2024 to December 2025: a tick and a gridline each month
