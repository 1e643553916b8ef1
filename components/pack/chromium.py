"""Headless Chromium for the packs: a page to render in, and the visuals of an HTML pack taken as images.

Chromium is launched by `tooling.chromium` (the project's one launcher and flag set: software WebGL for the
map, never --disable-gpu). Every request that is not for a `file:` address is aborted and counted: a pack
that asked for the network would be a broken offline pack.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tooling.chromium import launch

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VIEWPORT = {"width": 1600, "height": 900}
SCALE = 1.5  # visuals are drawn at 1100x560 CSS pixels: text stays legible on a page, the image stays sharp
DRAW_TIMEOUT_MS = 180_000  # software WebGL on a busy two-core machine can take a while
NO_CHROMIUM = "No Chromium was found, so no PDF or PowerPoint can be made here; the HTML pack needs none."


class ChromiumMissing(RuntimeError):
    """No Chromium executable on this machine."""


def chromium_path() -> str | None:
    """The Chromium to use: env `BRIEFING_CHROMIUM`, else the first of the usual names on PATH."""
    configured = os.environ.get("BRIEFING_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


@contextmanager
def chromium_page(blocked: list[str] | None = None) -> Iterator[object]:
    """A fresh page of a headless Chromium in which only file: requests go through (others go in `blocked`)."""
    executable = chromium_path()
    if executable is None:
        raise ChromiumMissing(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    refused = [] if blocked is None else blocked
    with sync_playwright() as driver:
        browser = launch(driver, executable_path=executable)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=SCALE)
            page.route("**/*", lambda route: _file_only(route, refused))
            yield page
        finally:
            browser.close()


def _file_only(route: object, refused: list[str]) -> None:
    """Let file: requests through; abort and note every other."""
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        refused.append(url)
        route.abort()


@contextmanager
def opened(page: object, document: str, name: str = "pack.html") -> Iterator[Path]:
    """Write a document to a temporary file and open it in the page (file: so that nothing else loads)."""
    with tempfile.TemporaryDirectory(prefix="pack-") as folder:
        path = Path(folder) / name
        path.write_text(document, encoding="utf-8")
        page.goto(path.as_uri(), wait_until="load")
        yield path


def visual_images(page: object, document: str, steps: list[tuple[int, str]]) -> dict[int, bytes]:
    """PNG of each step's visual box in an HTML pack, after the chart or map has drawn."""
    images = {}
    with opened(page, document):
        page.evaluate("document.body.classList.add('capture')")
        for number, kind in steps:
            if kind == "none":
                continue
            page.evaluate("id => window.packShow(id)", f"step-{number}")
            box = page.locator(f"#visual-{number}")
            page.wait_for_function(
                "n => document.getElementById('visual-' + n).dataset.drawn === 'yes'",
                arg=number,
                timeout=DRAW_TIMEOUT_MS,
            )
            page.wait_for_timeout(150 if kind == "plotly" else 400)
            images[number] = box.screenshot(type="png")
    return images
