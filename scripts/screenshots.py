"""Take the README's screenshots: start the app as ./run.sh does, open each page, save PNGs.

.venv/bin/python scripts/screenshots.py [--port 8601] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PLOTLY = "[data-testid='stPlotlyChart'] .main-svg"
DECK = "[data-testid='stDeckGlJsonChart'] canvas"
PROJECTOR = "?theme=projector&embed_options=dark_theme"
PAGES = [
    ("overview", "/", None),
    ("timeline", "/timeline", PLOTLY),
    ("forces", "/forces", PLOTLY),
    ("map", "/map", DECK),
    ("sources", "/sources", None),
    ("presenter", "/presenter", None),
]
# (file name, url path, viewport, the chart the page must have drawn before the shot): every page in both
# themes, at laptop and phone width.
SHOTS = [
    (
        f"{name}{'' if theme == 'light' else '-projector'}{'' if viewport is DESKTOP else '-phone'}",
        path + query,
        viewport,
        chart,
    )
    for theme, query in (("light", ""), ("projector", PROJECTOR))
    for viewport in (DESKTOP, PHONE)
    for name, path, chart in PAGES
]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",  # deck.gl needs WebGL; --disable-gpu leaves the map blank
    "--enable-unsafe-swiftshader",
    "--disable-quic",
    "--no-first-run",
]


def start_app(port: int) -> subprocess.Popen:
    """Start `run.sh` on loopback and wait until its health check answers ok."""
    process = subprocess.Popen(
        ["bash", "run.sh", f"--server.port={port}", "--server.address=127.0.0.1"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("the app did not start; see the output above")


def wait_until_drawn(page: Page, chart: str | None) -> None:
    """Wait for the script run to finish and for the page's chart, if it has one, to be drawn."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=60_000,
    )
    if chart:
        page.locator(chart).first.wait_for(state="visible", timeout=60_000)
    # Charts animate in and fonts settle; a still frame needs a moment more.
    page.wait_for_timeout(2000)


def take(base_url: str, out: Path) -> list[Path]:
    """Open every page of SHOTS in headless Chromium and save one PNG per page."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        executable = str(CHROMIUM) if CHROMIUM.exists() else None
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for name, path, viewport, chart in SHOTS:
            page = browser.new_page(viewport=viewport)
            page.goto(base_url + path)
            wait_until_drawn(page, chart)
            target = out / f"{name}.png"
            page.screenshot(path=target, timeout=120_000)  # a loaded machine waits long for fonts
            written.append(target)
            page.close()
        browser.close()
    return written


def main() -> None:
    """Start the app, take the screenshots, stop the app."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    process = start_app(args.port)
    try:
        for target in take(f"http://127.0.0.1:{args.port}", args.out):
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


if __name__ == "__main__":
    main()
