"""The one Chromium launcher and its one set of flags, for the tests, the benchmark, screenshots and the pack.

The flags draw the map: deck.gl needs WebGL, which headless Chromium gives through SwiftShader; `--disable-gpu`
would leave the deck.gl canvas blank (a benchmark would then time an undrawn map).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
ARGS = (
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WALL = {"width": 1920, "height": 1080}  # a projector or wall screen at full HD
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning'][data-test-connection-state='CONNECTED']"
RUNNING_INDICATOR = ", ".join(
    f"[data-testid='stStatusWidget{name}']" for name in ("RunningIcon", "RunningManIcon", "NewYearsIcon")
)
# True once every deck.gl canvas on the page shows a pixel that is not its background (the map is drawn).
MAP_DRAWN = """(want) => {
  const canvases = [...document.querySelectorAll("[data-testid=stDeckGlJsonChart] canvas")];
  if (canvases.length < want) return false;
  return canvases.slice(0, want).every(canvas => {
    if (!canvas.width || !canvas.height) return false;
    const probe = document.createElement("canvas");
    probe.width = 64; probe.height = 64;
    const ctx = probe.getContext("2d", {willReadFrequently: true});
    ctx.drawImage(canvas, 0, 0, 64, 64);
    const px = ctx.getImageData(0, 0, 64, 64).data;
    for (let i = 4; i < px.length; i += 4) {
      if (px[i + 3] && (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2] || px[i + 3] !== px[3])) {
        return true;
      }
    }
    return false;
  });
}"""


def executable() -> str | None:
    """Debian's Chromium when installed, else None (Playwright's own download)."""
    return str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None


def launch_options(**extra: Any) -> dict[str, Any]:
    """Keyword arguments for `playwright.chromium.launch`: headless, Debian's binary, the flags above."""
    return {"executable_path": executable(), "headless": True, "args": list(ARGS), **extra}


def launch(playwright: Any, **extra: Any) -> Any:
    """A headless Chromium with the one set of flags."""
    return playwright.chromium.launch(**launch_options(**extra))


@contextlib.contextmanager
def chromium(**extra: Any) -> Iterator[Any]:
    """`with chromium() as browser:` a headless Chromium, stopped (with Playwright) on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, **extra)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_app(page: Any, timeout_ms: float = 30_000) -> None:
    """Wait until Streamlit is connected and its script finished running (as its own e2e tests do)."""
    # After a click the rerun request takes a moment to reach the server; until then the app
    # still reports the previous run as finished, so give it that moment first.
    page.wait_for_timeout(200)
    page.wait_for_selector(FINISHED, state="attached", timeout=timeout_ms)
    page.wait_for_selector(RUNNING_INDICATOR, state="detached", timeout=timeout_ms)


def wait_for_keys(page: Any, timeout_ms: float = 30_000) -> None:
    """Wait until a briefing window's step component listens for keys (on a cold server, well after the first run).

    Every role draws one of these: the presenter's elapsed clock, or the (hidden) blanking cover.
    """
    page.wait_for_selector(
        "[data-testid='presenterElapsed'], [data-testid='audienceBlank']", state="attached", timeout=timeout_ms
    )


def wait_for_map(page: Any, count: int = 1, timeout_ms: float = 30_000) -> None:
    """Wait until `count` deck.gl maps have drawn something other than their background."""
    page.wait_for_function(MAP_DRAWN, arg=count, polling=50, timeout=timeout_ms)


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator world pixels at a zoom level, as deck.gl computes them (512-pixel world at zoom 0)."""
    size = 512 * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return x, y


def deck_pixel(view: dict, lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Where a point is drawn inside a deck canvas of width x height, for a flat (unpitched) view."""
    zoom = float(view.get("zoom", 0))
    centre = mercator(float(view["longitude"]), float(view["latitude"]), zoom)
    point = mercator(lon, lat, zoom)
    return width / 2 + point[0] - centre[0], height / 2 + point[1] - centre[1]
