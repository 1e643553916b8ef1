"""The timeline's key-event labels never overprint one another, on a laptop or a phone."""

from __future__ import annotations

import pytest

from tooling.chromium import DESKTOP, PHONE, WALL, wait_for_app

# The boxes of the key-event labels the reader can see (hidden ones have no box).
VISIBLE_LABELS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] g.annotation')]
  .map((g) => g.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0)
  .map((r) => [r.left, r.top, r.right, r.bottom])"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes that share more than a pixel of area."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, WALL], ids=["phone", "laptop", "wall"])
def test_key_event_labels_do_not_overprint(app_server, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{app_server()}/timeline")
    wait_for_app(page)
    page.locator("[data-testid='stPlotlyChart'] g.annotation").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1000)  # Plotly lays the annotations out after the first paint
    boxes = page.evaluate(VISIBLE_LABELS)
    lanes = page.locator("[data-testid='stPlotlyChart'] .ytick").count()
    assert len(boxes) >= lanes > 0  # every lane keeps at least its first label
    assert overlapping(boxes) == [], boxes
