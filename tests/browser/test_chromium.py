"""The toolbox's map check: a deck.gl canvas counts as drawn only when it shows more than its background."""

from __future__ import annotations

from tooling.chromium import MAP_DRAWN

PAGE = """<div data-testid="stDeckGlJsonChart"><canvas width="200" height="120"></canvas></div>
<script>const c = document.querySelector("canvas").getContext("2d");
c.fillStyle = "rgb(240, 240, 240)"; c.fillRect(0, 0, 200, 120);</script>"""


def test_a_canvas_that_only_exists_or_shows_its_background_is_not_a_drawn_map(page):
    page.set_content("<p>no map yet</p>")
    assert page.evaluate(MAP_DRAWN, 1) is False
    page.set_content(PAGE)
    assert page.evaluate(MAP_DRAWN, 1) is False
    page.evaluate("""() => { const c = document.querySelector("canvas").getContext("2d");
      c.fillStyle = "rgb(160, 40, 40)"; c.fillRect(90, 50, 20, 20); }""")
    assert page.evaluate(MAP_DRAWN, 1) is True
    assert page.evaluate(MAP_DRAWN, 0) is True
