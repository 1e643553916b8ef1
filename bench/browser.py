"""Timing pages in headless Chromium: from navigation, a filter change or a map click until the charts are drawn.

"Drawn" means: the app is connected and idle (no script running, no running indicator), at least one WebSocket
frame arrived since the action, and every plotly chart, pydeck chart and dataframe the page sends is on screen:
plotly has drawn its SVG, the data grid its canvas, and each deck.gl map has pixels other than its background
(`tooling.chromium.MAP_DRAWN`; a canvas that merely exists may still be blank).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tooling import chromium

VIEWPORT = chromium.DESKTOP
COUNT_FRAMES = """(() => {
  window.__benchFrames = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener("message", () => { window.__benchFrames += 1; }); }
  };
})();"""
DRAWN = """([want, since]) => {
  const mapDrawn = @@MAP@@;
  const app = document.querySelector("[data-testid=stApp]");
  if (!app || app.dataset.testScriptState !== "notRunning") return false;
  if (app.dataset.testConnectionState !== "CONNECTED") return false;
  const busy = "[data-testid^=stStatusWidgetRunning], [data-testid=stStatusWidgetNewYearsIcon]";
  if (document.querySelector(busy)) return false;
  if ((window.__benchFrames || 0) <= since) return false;
  const having = (outer, inner) => [...document.querySelectorAll(outer)].filter(e => e.querySelector(inner)).length;
  // A table in a closed expander or popover is not drawn (a popover's is not even in the page): each table the
  // reader can see must be drawn, and all the run sent but as many as there are closed containers.
  const tables = [...document.querySelectorAll("[data-testid=stDataFrame], [data-testid=stTable]")];
  const drawn = (e) => e.querySelector("canvas, table");
  const closed = document.querySelectorAll("details:not([open]), [data-testid=stPopover]").length;
  return having("[data-testid=stPlotlyChart]", ".main-svg") >= want.plotly
    && tables.filter((e) => !e.closest("details:not([open])")).every(drawn)
    && tables.filter(drawn).length >= want.frames - closed
    && mapDrawn(want.deck);
}""".replace("@@MAP@@", chromium.MAP_DRAWN)


@dataclass
class Want:
    """How many charts and tables a page draws (from the server-side run)."""

    plotly: int = 0
    deck: int = 0
    frames: int = 0

    def js(self) -> dict[str, int]:
        return {"plotly": self.plotly, "deck": self.deck, "frames": self.frames}


def launch() -> tuple[Playwright, Browser]:
    """The toolbox's headless Chromium (its flags draw the map)."""
    playwright = sync_playwright().start()
    return playwright, chromium.launch(playwright)


def new_tab(browser: Browser) -> Page:
    """A 1280x800 tab that counts the WebSocket frames it receives."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(COUNT_FRAMES)
    return context.new_page()


def frames(page: Page) -> int:
    """WebSocket frames the tab has received since it loaded."""
    return int(page.evaluate("window.__benchFrames || 0"))


def wait_drawn(page: Page, want: Want, since: int, timeout_s: float) -> bool:
    """Wait until the page is drawn (see module doc); False on timeout."""
    try:
        page.wait_for_function(DRAWN, arg=[want.js(), since], polling=25, timeout=timeout_s * 1000)
        return True
    except PlaywrightTimeout:
        return False


def load_time(page: Page, url: str, want: Want, timeout_s: float) -> float | None:
    """Seconds from navigating to url until its charts are drawn, or None on timeout."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    return time.perf_counter() - started if wait_drawn(page, want, 0, timeout_s) else None


def settle(page: Page, quiet_ms: int = 400, limit_s: float = 10.0) -> None:
    """Wait until no WebSocket frame has arrived for quiet_ms (an app may rerun itself right after loading)."""
    deadline = time.monotonic() + limit_s
    seen = frames(page)
    while time.monotonic() < deadline:
        page.wait_for_timeout(quiet_ms)
        now = frames(page)
        if now == seen:
            return
        seen = now


def choose_option(page: Page, box: Locator, index: int) -> Locator:
    """Open the filter's menu (a multiselect) or find its buttons (pills), and return the option to click."""
    if box.locator("input").count():  # a multiselect (the key's class is on its container)
        box.locator("input").first.click()
        options = page.locator("[role=option]")
        options.first.wait_for(timeout=5000)
        page.wait_for_timeout(300)  # let the menu finish opening
        return options.nth(index % options.count())
    buttons = box.locator("button")
    return buttons.nth(index % max(buttons.count(), 1))


def filter_time(page: Page, index: int, want: Want, timeout_s: float, tries: int = 3) -> float | None:
    """Seconds from choosing the index-th option of the `cat` filter until the page is redrawn.

    A click that reaches no server (lost while the app was still busy) is retried; the time counts from
    the click that did.
    """
    box = page.locator(".st-key-cat").first
    if box.count() == 0:
        return None
    settle(page)
    for _ in range(tries):
        target = choose_option(page, box, index)
        since = frames(page)
        started = time.perf_counter()
        target.click()
        if reached_server(page, since):
            drawn = wait_drawn(page, want, since, timeout_s)
            page.keyboard.press("Escape")
            return time.perf_counter() - started if drawn else None
        page.keyboard.press("Escape")
    return None


def click_time(
    page: Page, targets: list[tuple[float, float]], view: dict, want: Want, timeout_s: float
) -> float | None:
    """Seconds from clicking a map point until the page is redrawn; tries a few points, None if none hit."""
    chart = page.locator("[data-testid=stDeckGlJsonChart]").first
    if chart.count() == 0:
        return None
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    if box is None:
        return None
    inside = [chromium.deck_pixel(view, lon, lat, box["width"], box["height"]) for lon, lat in targets]
    inside = [(x, y) for x, y in inside if 8 < x < box["width"] - 8 and 8 < y < box["height"] - 8]
    for x, y in inside[:5]:
        since = frames(page)
        started = time.perf_counter()
        page.mouse.click(box["x"] + x, box["y"] + y)
        if reached_server(page, since) and wait_drawn(page, want, since, timeout_s):
            return time.perf_counter() - started
    return None


def reached_server(page: Page, since: int, timeout_s: float = 3.0) -> bool:
    """True when a WebSocket frame arrives soon after an action (a click that hit nothing sends nothing)."""
    try:
        page.wait_for_function("since => (window.__benchFrames || 0) > since", arg=since, timeout=timeout_s * 1000)
        return True
    except PlaywrightTimeout:
        return False


def attempt(action: Callable[..., float | None], *args: object) -> float | None:
    """Run one timed browser action; a page that breaks (an element never appears) counts as not drawn."""
    try:
        return action(*args)
    except PlaywrightError as error:
        print(f"  browser: {str(error).splitlines()[0]}", flush=True)
        return None
