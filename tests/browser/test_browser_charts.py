"""Browser tests of the chart pages: charts render, a map click and a timeline click open their detail."""

from __future__ import annotations

import itertools
import math
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.data.loading import load_dataset
from components.present.places import EXTENT_MIN_PX, place_summaries, places_deck
from components.ui.details import place_detail
from tooling.chromium import DESKTOP as VIEWPORT
from tooling.chromium import WALL, mercator, wait_for_app, wait_for_map

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "screenshots"
CHARTS = {"timeline": "stPlotlyChart", "forces": "stPlotlyChart", "map": "stDeckGlJsonChart"}
PHONE = {"width": 390, "height": 844}
EARTH_CIRCUMFERENCE_M = 40_075_016.686  # deck.gl's Web Mercator, for extents drawn in metres
HOSTILE_TITLE = '<img src=x onerror="alert(1)"> {tooltip} **bold**'
# An event with markup in its text, alone in its lane ("other"), placed at Sudzha (a place on the map).
HOSTILE_EVENT = {"event_id": "hostile-title", "date": "2026-03-01", "date_precision": "day", "title": HOSTILE_TITLE}
HOSTILE_EVENT |= {"summary": "<script>alert(2)</script>", "category": "other", "location_ids": "sudzha"}
HOSTILE_EVENT |= {"claimants": "<b>Nobody</b>", "source_ids": "seed-article", "confidence": "claimed"}

PLOT_POINT = """(eventId) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const box = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (const trace of gd._fullData) {
    const ids = (trace.customdata || []).map((c) => c && c[0]);
    const i = ids.indexOf(eventId);
    if (i >= 0 && trace.type === 'scatter') {
      let y = box.top + ya._offset + ya.d2p(trace.y[i]);
      // A chart taller than the window: scroll the page's scrolling ancestor so the mark is in view, as a
      // reader would before pointing at it.
      if (y < 0 || y > window.innerHeight) {
        let scroller = gd.parentElement;
        while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                             && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
          scroller = scroller.parentElement;
        }
        (scroller || document.scrollingElement).scrollTop += y - window.innerHeight / 2;
        y = gd.getBoundingClientRect().top + ya._offset + ya.d2p(trace.y[i]);
      }
      return {x: box.left + xa._offset + xa.d2p(trace.x[i]), y: y};
    }
  }
  return null;
}"""

# Each direct label of the forces chart as drawn: its text's box, its panel's plot box and the chart's box.
LABEL_BOXES = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const chart = gd.getBoundingClientRect();
  const boxes = [];
  gd._fullLayout.annotations.forEach((a, i) => {
    if (!(a.name || '').startsWith('label:')) return;
    const text = gd.querySelector(`g.annotation[data-index="${i}"] text.annotation-text`);
    const r = text.getBoundingClientRect();
    const ya = gd._fullLayout[a.yref.replace('y', 'yaxis')];
    boxes.push({name: a.name, panel: a.yref, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                panel_top: chart.top + ya._offset, panel_bottom: chart.top + ya._offset + ya._length});
  });
  return {left: chart.left, right: chart.right, boxes: boxes};
}"""


def marks_top_first(deck) -> list[dict]:
    """Every clickable mark of the deck, the one drawn last (on top) first: extents, then rings, then dots."""
    layers = {layer.id: layer.data for layer in deck.layers}
    return list(reversed(layers["places-extent"] + layers["places-approx"] + layers["places"]))


def radius_px(mark: dict, zoom: float) -> float:
    """A mark's radius on screen: pixels as given, or an extent's metres at its latitude and the zoom."""
    if "radius_m" not in mark:
        return float(mark["radius"])
    metres_per_pixel = EARTH_CIRCUMFERENCE_M * math.cos(math.radians(mark["position"][1])) / (512 * 2**zoom)
    return max(mark["radius_m"] / metres_per_pixel, EXTENT_MIN_PX)


def click_offset(deck, location_id: str) -> tuple[float, float]:
    """A pixel offset from the map's centre where the place is the top-most mark."""
    view = deck.initial_view_state
    cx, cy = mercator(view.longitude, view.latitude, view.zoom)
    marks = marks_top_first(deck)
    target = next(m for m in marks if m["location_id"] == location_id)
    tx, ty = mercator(*target["position"], view.zoom)
    for distance in range(2, int(radius_px(target, view.zoom)) - 1):
        for degrees in range(0, 360, 15):
            px = tx + distance * math.cos(math.radians(degrees))
            py = ty + distance * math.sin(math.radians(degrees))
            hits = [
                m
                for m in marks
                if math.dist((px, py), mercator(*m["position"], view.zoom)) < radius_px(m, view.zoom) + 2
            ]
            if hits and hits[0] is target:
                return px - cx, py - cy
    raise AssertionError(f"{location_id} is hidden under other marks at every point")


def reachable(deck, location_id: str) -> bool:
    """Whether a click can land on the place: somewhere it is the top-most mark."""
    try:
        click_offset(deck, location_id)
    except AssertionError:
        return False
    return True


def quoted_place(folder: Path) -> tuple[str, str]:
    """A place a click can reach on the map whose detail has a verbatim quote, and that quote."""
    ds = load_dataset(folder)
    summary = place_summaries(ds.locations, ds.events, ds.geo)
    deck = places_deck(ds.locations, ds.events, ds.geo)
    for location_id in summary.loc[summary["on_map"], "location_id"]:
        if not reachable(deck, location_id):
            continue
        detail = place_detail(ds, location_id)
        quotes = list(detail.quotes) + [q for event in detail.events for q in event.quotes]
        if quotes:
            return location_id, quotes[0].text
    raise AssertionError("no place on the map has a quote in the bundled data")


def hover_place(page, deck, location_id: str, timeout_s: float = 30.0) -> tuple[float, float]:
    """Move onto a place until deck.gl shows that place's tooltip; the point where it did.

    The map may still be loading or the page still settling, so the point is recomputed each try.
    """
    name = next(m for m in marks_top_first(deck) if m["location_id"] == location_id)["tooltip"].split("\n")[0]
    tooltip = page.locator(".deck-tooltip")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        x, y = map_point(page, deck, location_id)
        page.mouse.move(x - 1, y)
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        if tooltip.is_visible() and tooltip.inner_text().startswith(name):
            return x, y
        page.wait_for_timeout(500)
    raise AssertionError(f"no tooltip for {location_id} appeared over its mark")


def map_point(page, deck, location_id: str) -> tuple[float, float]:
    """Page coordinates of a point where `location_id` is the top-most mark of the map."""
    wait_for_map(page)  # a canvas that exists may not be drawn yet
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    dx, dy = click_offset(deck, location_id)
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy


def url_gets(page, fragment: str, timeout_ms: int) -> bool:
    """Whether the address bar comes to hold `fragment` within the timeout (the app writes it after its rerun)."""
    try:
        page.wait_for_function("f => window.location.href.includes(f)", arg=fragment, timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    return True


def sidebar_link(page):
    """The sidebar's "Link to this view" box."""
    return page.locator("[data-testid='stSidebar'] [data-testid='stCode']").first


def sidebar_link_gets(page, fragment: str, timeout_ms: int = 15_000) -> bool:
    """Whether the sidebar's share link comes to hold `fragment` (a fragment click writes it after its rerun)."""
    try:
        sidebar_link(page).get_by_text(fragment, exact=False).wait_for(state="attached", timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    return True


def open_path(page, url: str) -> None:
    """Open a URL and wait until the app has finished running."""
    page.goto(url)
    wait_for_app(page)


def hover_event(page, event_id: str) -> tuple[float, float]:
    """Point at a timeline event's mark once the chart is drawn and settled, as a reader would; its position."""
    page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1000)
    point = page.evaluate(PLOT_POINT, event_id)
    page.mouse.move(point["x"], point["y"])
    return point["x"], point["y"]


def click_event(page, event_id: str) -> None:
    """Click a timeline event's mark after its hover has settled."""
    x, y = hover_event(page, event_id)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    """The bundled data plus an event with markup in its text, alone in its lane, placed at Sudzha."""
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "data", folder)
    events = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    header = events[0].split(",")
    row = {name: HOSTILE_EVENT.get(name, "") for name in header}
    events.append(",".join('"' + row[h].replace('"', '""') + '"' for h in header))
    (folder / "events.csv").write_text("\n".join(events) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("path", list(CHARTS))
def test_chart_page_renders_its_chart_at_laptop_and_phone_width(app_server, page, path):
    url = app_server()
    open_path(page, f"{url}/{path}")
    chart = page.locator(f"[data-testid='{CHARTS[path]}']")
    chart.first.wait_for(state="visible", timeout=30_000)
    assert chart.first.bounding_box()["height"] > 250
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / f"{path}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(1500)
    assert chart.first.bounding_box()["width"] <= PHONE["width"]
    page.screenshot(path=str(SHOTS / f"{path}-phone.png"), full_page=True)


@pytest.mark.parametrize("viewport", [VIEWPORT, WALL, PHONE], ids=["1280", "1920", "390"])
@pytest.mark.parametrize(("force", "metric"), [("dprk", "size"), ("dprk", "losses"), ("russia", "size")])
def test_forces_labels_are_drawn_apart_and_whole_at_laptop_wall_and_phone_width(
    app_server, page, viewport, force, metric
):
    url = app_server()
    page.set_viewport_size(viewport)
    open_path(page, f"{url}/forces?force={force}&metric={metric}")
    page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1500)
    drawn = page.evaluate(LABEL_BOXES)
    shown = [b for b in drawn["boxes"] if b["right"] > b["left"]]
    assert shown, "no direct label is drawn"
    for box in shown:
        assert drawn["left"] - 0.5 <= box["left"] and box["right"] <= drawn["right"] + 0.5, f"{box['name']} is cut"
        assert box["panel_top"] - 0.5 <= box["top"] and box["bottom"] <= box["panel_bottom"] + 0.5, box["name"]
    for a, b in itertools.combinations(shown, 2):
        across = min(a["right"], b["right"]) - max(a["left"], b["left"])
        down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
        assert across <= 0.5 or down <= 0.5, f"{a['name']} and {b['name']} overlap"


def test_clicking_a_map_place_shows_its_verbatim_quote_in_the_panel(app_server, page):
    url = app_server()
    location_id, quote = quoted_place(ROOT / "data")
    ds = load_dataset(ROOT / "data")
    deck = places_deck(ds.locations, ds.events, ds.geo)
    open_path(page, f"{url}/map")
    assert page.get_by_text(quote[:40], exact=False).count() == 0
    for _ in range(3):  # a click landing while the chart is still settling can be lost: try again
        page.mouse.click(*hover_place(page, deck, location_id))
        wait_for_app(page)
        if url_gets(page, f"place={location_id}", timeout_ms=10_000):
            break
    assert f"place={location_id}" in page.url
    page.get_by_text(quote[:40], exact=False).first.wait_for(state="visible", timeout=30_000)


def test_clicking_a_timeline_event_shows_its_sources_and_quote(app_server, page):
    url = app_server()
    open_path(page, f"{url}/timeline")
    click_event(page, "treaty-signed")
    wait_for_app(page)
    page.get_by_text("a defense pact signed between Kim Jong Un and Vladimir Putin", exact=False).first.wait_for(
        state="visible", timeout=15_000
    )
    assert page.get_by_role("link", name="Open").count() >= 1
    assert "event=treaty-signed" in page.url


def test_event_link_opens_its_detail(app_server, page):
    url = app_server()
    open_path(page, f"{url}/timeline?event=kindratenko-not-seen-three-weeks")
    page.get_by_text("have not been observed on the frontlines", exact=False).first.wait_for(state="visible")


def test_markup_in_the_data_is_shown_as_text_in_hover_tooltip_and_panel(app_server, page, hostile_data):
    url = app_server(data_dir=hostile_data)
    open_path(page, f"{url}/timeline?event=hostile-title")
    page.get_by_text(HOSTILE_TITLE, exact=False).first.wait_for(state="visible", timeout=30_000)
    page.get_by_text("<script>alert(2)</script>", exact=False).first.wait_for(state="visible")
    hover_event(page, "hostile-title")
    hover = page.locator("[data-testid='stPlotlyChart'] .hoverlayer")
    hover.get_by_text("<img src=x", exact=False).first.wait_for(state="visible", timeout=5_000)
    assert hover.locator("img").count() == 0
    open_path(page, f"{url}/map")
    ds = load_dataset(hostile_data)
    deck = places_deck(ds.locations, ds.events, ds.geo)
    hover_place(page, deck, "sudzha")
    tooltip = page.locator(".deck-tooltip")
    tooltip.get_by_text("<img src=x", exact=False).wait_for(state="visible", timeout=5_000)
    assert tooltip.locator("img").count() == 0
    assert "{tooltip}" in tooltip.inner_text()
    assert page.locator("img[src='x']").count() == 0


def test_a_fragment_click_on_the_timeline_is_a_link_a_fresh_context_opens(app_server, page, browser):
    """The click reruns only the chart's fragment, yet the address bar follows it and reopens the same view."""
    url = app_server()
    open_path(page, f"{url}/timeline?cat=diplomacy&cat=deployment")
    before = page.url
    click_event(page, "treaty-signed")
    assert url_gets(page, "event=treaty-signed", timeout_ms=15_000), page.url
    assert page.url != before
    assert parse_qs(urlsplit(page.url).query).get("cat") == parse_qs(urlsplit(before).query).get("cat")
    detail = "a defense pact signed between Kim Jong Un and Vladimir Putin"
    page.get_by_text(detail, exact=False).first.wait_for(state="visible", timeout=15_000)
    assert sidebar_link_gets(page, "event=treaty-signed"), sidebar_link(page).inner_text()
    fresh = browser.new_context(viewport=VIEWPORT)
    try:
        other = fresh.new_page()
        open_path(other, page.url)
        other.get_by_text(detail, exact=False).first.wait_for(state="visible", timeout=30_000)
        assert parse_qs(urlsplit(other.url).query).get("event") == ["treaty-signed"]
    finally:
        fresh.close()


def test_a_fragment_click_on_the_map_is_a_link_a_fresh_context_opens(app_server, page, browser):
    url = app_server()
    location_id, quote = quoted_place(ROOT / "data")
    ds = load_dataset(ROOT / "data")
    deck = places_deck(ds.locations, ds.events, ds.geo)
    open_path(page, f"{url}/map")
    for _ in range(3):  # a click landing while the chart is still settling can be lost: try again
        page.mouse.click(*hover_place(page, deck, location_id))
        if url_gets(page, f"place={location_id}", timeout_ms=10_000):
            break
    assert parse_qs(urlsplit(page.url).query).get("place") == [location_id]
    page.get_by_text(quote[:40], exact=False).first.wait_for(state="visible", timeout=30_000)
    assert sidebar_link_gets(page, f"place={location_id}"), sidebar_link(page).inner_text()
    fresh = browser.new_context(viewport=VIEWPORT)
    try:
        other = fresh.new_page()
        open_path(other, page.url)
        other.get_by_text(quote[:40], exact=False).first.wait_for(state="visible", timeout=30_000)
        assert parse_qs(urlsplit(other.url).query).get("place") == [location_id]
    finally:
        fresh.close()
