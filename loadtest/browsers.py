"""A few real Chromium tabs alongside the protocol viewers: page loads timed in pixels, and screenshots."""

from __future__ import annotations

import random
import time
from pathlib import Path

from components.state.registry import AUDIENCE_PATHS
from tooling import chromium

FINISHED = chromium.FINISHED
PAGES = AUDIENCE_PATHS
TIMEOUT_MS = 60_000


def load_time(tab, url: str) -> float:
    """Seconds from navigation until the app is connected, its script finished and every element drawn."""
    started = time.perf_counter()
    tab.goto(url)
    tab.wait_for_timeout(200)
    tab.wait_for_selector(FINISHED, state="attached", timeout=TIMEOUT_MS)
    tab.wait_for_selector("[data-testid='stApp'] [data-stale='true']", state="detached", timeout=TIMEOUT_MS)
    tab.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)  # lazily loaded widget code has arrived
    tab.wait_for_selector("[data-testid='stSkeleton']", state="detached", timeout=TIMEOUT_MS)
    maps = tab.locator("[data-testid='stDeckGlJsonChart']").count()
    if maps:
        chromium.wait_for_map(tab, maps, TIMEOUT_MS)  # a canvas that exists may not be drawn yet
    return time.perf_counter() - started


def browse(base_url: str, seconds: float, tabs: int, shots: Path, seed: int = 7) -> list[dict]:
    """Open pages in `tabs` Chromium tabs in turn for `seconds`; (page, seconds, error) per load, last screenshots."""
    from playwright.sync_api import Error, sync_playwright

    rng = random.Random(seed)
    samples: list[dict] = []
    deadline = time.monotonic() + seconds
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        pages = [browser.new_context(viewport=chromium.DESKTOP).new_page() for _ in range(tabs)]
        while time.monotonic() < deadline:
            for number, tab in enumerate(pages):
                path = rng.choice(PAGES)
                try:
                    samples.append({"page": f"/{path}", "seconds": load_time(tab, f"{base_url}/{path}"), "error": ""})
                except Error as error:
                    samples.append({"page": f"/{path}", "seconds": None, "error": str(error).splitlines()[0]})
                tab.screenshot(path=str(shots.parent / f"{shots.name}-tab{number}.png"))
            time.sleep(rng.uniform(3.0, 8.0))
        browser.close()
    return samples
