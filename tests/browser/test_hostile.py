"""Every page on the hostile corpus (tests/fixtures/hostile): hover every chart, click the map, nothing runs.

The corpus puts script tags, event-handler attributes, `javascript:`/`data:` links, template braces,
LaTeX links, 100 KB strings, RTL and zero-width characters in every text column (see make_hostile.py).
A payload that ran would set `window.__xss` and open an alert; the `page` fixture fails on any dialog.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from components.state.registry import PAGE_PATHS
from tooling.chromium import wait_for_app

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
PAGES = [*PAGE_PATHS, "?step=1", "?step=2", "timeline?q=%3Cscript%3E"]
APP = "[data-testid='stApp']"
CHART = "[data-testid='stPlotlyChart']"
MAP = "[data-testid='stDeckGlJsonChart']"
TOOLTIP = ".deck-tooltip"
CHART_PAGES = ("timeline", "forces", "timeline?q=%3Cscript%3E")
LOAD_TIMEOUT_MS = 60_000

# Elements or attributes that would mean markup from the data reached the DOM as markup.
INJECTED_JS = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  const found = [];
  for (const el of app.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)
          && /^\\s*(javascript:|vbscript:|data:text\\/html)/i.test(attr.value)) {
        found.push(`${el.tagName.toLowerCase()}[${attr.name}=${attr.value.slice(0, 40)}]`);
      }
    }
    if (el.tagName === 'IFRAME' && el.hasAttribute('srcdoc')) found.push('iframe[srcdoc]');
    if (el.tagName === 'SCRIPT') found.push('script');
  }
  return found;
}
"""
LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


def assert_nothing_ran(page, where: str) -> None:
    """No injected elements or handler attributes in the app, `window.__xss` unset, links only http(s)."""
    assert page.evaluate(INJECTED_JS) == [], where
    assert page.evaluate("() => window.__xss") is None, where
    bad_links = [href for href in page.evaluate(LINKS_JS) if not href.startswith(("http://", "https://"))]
    assert bad_links == [], where


def open_page(page, url: str) -> None:
    """Go to a page of the app and wait until its script has finished."""
    page.goto(url)
    wait_for_app(page, LOAD_TIMEOUT_MS)


def hover_charts(page) -> int:
    """Sweep the pointer over every Plotly chart's plot area (a grid of points); return how many charts."""
    charts = page.locator(CHART)
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        area = chart.locator(".nsewdrag").first
        box = area.bounding_box() if area.count() else chart.bounding_box()
        if box is None:
            continue
        for fx in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95):
            for fy in (0.2, 0.5, 0.8):
                page.mouse.move(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
                page.wait_for_timeout(40)
    return charts.count()


def click_map(page) -> int:
    """Sweep the pointer over the map; click wherever a tooltip shows a place or event. Return the tooltips seen."""
    deck = page.locator(MAP).first
    deck.scroll_into_view_if_needed()
    box = deck.bounding_box()
    seen = 0
    for fy in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9):
        for fx in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            x, y = box["x"] + fx * box["width"], box["y"] + fy * box["height"]
            page.mouse.move(x, y)
            page.wait_for_timeout(60)
            if page.locator(TOOLTIP).count() and page.locator(TOOLTIP).first.inner_text().strip():
                seen += 1
                page.mouse.click(x, y)
                wait_for_app(page, LOAD_TIMEOUT_MS)
                page.wait_for_selector(MAP, timeout=LOAD_TIMEOUT_MS)
                box = page.locator(MAP).first.bounding_box()
    return seen


@pytest.fixture(scope="module")
def hostile_url(app_server) -> str:
    """The app serving the hostile corpus."""
    return app_server(data_dir=HOSTILE)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_as_text_on_every_page(page, hostile_url: str, path: str) -> None:
    open_page(page, f"{hostile_url}/{path}")
    assert page.locator(APP).count() == 1
    assert page.locator("[data-testid='stException']").count() == 0, f"/{path} raised an exception"
    assert_nothing_ran(page, f"/{path} after load")
    if path in CHART_PAGES:
        page.wait_for_selector(CHART, timeout=LOAD_TIMEOUT_MS)
    hovered = hover_charts(page)
    assert hovered >= (1 if path in CHART_PAGES else 0), f"/{path} should draw a chart to hover"
    assert_nothing_ran(page, f"/{path} after hovering its charts")


@pytest.mark.parametrize(
    "markup",
    ['<img src="x" onerror="void 0">', '<iframe srcdoc="<b>x</b>"></iframe>', '<a href="javascript:void 0">x</a>'],
)
def test_the_dom_check_catches_markup_that_reached_the_page(page, hostile_url: str, markup: str) -> None:
    open_page(page, f"{hostile_url}/sources")
    page.evaluate(f"() => document.querySelector({APP!r}).insertAdjacentHTML('beforeend', {markup!r})")
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, "after injecting markup on purpose")


def test_hostile_map_clicks_and_tooltips_run_nothing(page, hostile_url: str) -> None:
    open_page(page, f"{hostile_url}/map")
    page.wait_for_selector(MAP, timeout=LOAD_TIMEOUT_MS)
    assert click_map(page) >= 1, "hovering the map should show at least one tooltip to click"
    assert page.locator("[data-testid='stException']").count() == 0
    assert_nothing_ran(page, "/map after clicking the map")


def test_every_column_of_the_corpus_meets_every_payload_kind() -> None:
    from fixtures.make_hostile import PAYLOADS, text_columns

    for table in ("sources", "events", "estimates", "locations", "quotes", "briefing"):
        raw = (HOSTILE / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw, table
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        for column in text_columns(table):
            cells = [row[column] for row in rows]
            missing = [kind for kind, text in PAYLOADS.items() if not any(text in cell for cell in cells)]
            assert missing == [], f"{table}.{column} never meets {missing}"


def test_the_hostile_corpus_loads_with_every_quote_found_in_its_archived_document() -> None:
    from fixtures.make_hostile import ROWS

    from components.data.loading import load_dataset

    dataset = load_dataset(HOSTILE)
    assert {name: len(frame) for name, frame in dataset.tables.items()} == dict.fromkeys(dataset.tables, ROWS)
    # Only the cells meant to be invalid are errors: payload addresses and archive names, payload share links.
    # (Warnings about the corpus's labels and extents keep their rows and are not what this corpus is about.)
    expected = {("sources.csv", "url"), ("sources.csv", "archive"), ("briefing.csv", "view")}
    assert [p for p in dataset.errors if (p.file, p.column) not in expected] == []
