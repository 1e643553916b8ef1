"""Take the README's screenshots: start the app as ./run.sh does, open each page, save PNGs.

.venv/bin/python scripts/screenshots.py [--port 8601] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the toolbox lives at the top level

from tooling import chromium  # noqa: E402
from tooling.servers import start_app  # noqa: E402

PLOTLY = "[data-testid='stPlotlyChart'] .main-svg"
MAP = "map"
PROJECTOR = "?theme=projector&embed_options=dark_theme"
PAGES = [
    ("overview", "/", PLOTLY),
    ("timeline", "/timeline", PLOTLY),
    ("forces", "/forces", PLOTLY),
    ("map", "/map", MAP),
    ("sources", "/sources", None),
    ("presenter", "/presenter", None),
]
PASSCODE = "screenshots"
VIEWPORTS = ((chromium.DESKTOP, ""), (chromium.PHONE, "-phone"), (chromium.WALL, "-1920"))
# (file name, url path, viewport, what the page must have drawn before the shot): every page in both
# themes, at laptop (1280x800), phone (390 px) and full-HD projector (1920x1080) size.
SHOTS = [
    (f"{name}{'' if theme == 'light' else '-projector'}{suffix}", path + query, viewport, chart)
    for theme, query in (("light", ""), ("projector", PROJECTOR))
    for viewport, suffix in VIEWPORTS
    for name, path, chart in PAGES
]
# The timeline with an event chosen by a link (data/events.csv's id): its ring and its "Selected: ..." title,
# at laptop size in both themes.
SELECTED_EVENT = "first-clash-umerov"
SHOTS += [
    (
        f"timeline-selected{'' if theme == 'light' else '-projector'}",
        f"/timeline?event={SELECTED_EVENT}{query}",
        chromium.DESKTOP,
        PLOTLY,
    )
    for theme, query in (("light", ""), ("projector", "&" + PROJECTOR[1:]))
]


def wait_until_drawn(page, chart: str | None) -> None:
    """Wait for the script run to finish and for the page's chart or map, if it has one, to be drawn."""
    chromium.wait_for_app(page, 60_000)
    if chart == MAP:
        chromium.wait_for_map(page, timeout_ms=60_000)
    elif chart:
        page.locator(chart).first.wait_for(state="visible", timeout=60_000)
    # Charts animate in and fonts settle; a still frame needs a moment more.
    page.wait_for_timeout(2000)


def take(base_url: str, out: Path) -> list[Path]:
    """Open every page of SHOTS in headless Chromium and save one PNG per page."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium.chromium() as browser:
        for name, path, viewport, chart in SHOTS:
            page = browser.new_page(viewport=viewport)
            page.goto(base_url + path)
            wait_until_drawn(page, chart)
            target = out / f"{name}.png"
            page.screenshot(path=target, timeout=120_000)  # a loaded machine waits long for fonts
            written.append(target)
            page.close()
    return written


def two_windows(base_url: str, out: Path, step: int = 1) -> list[Path]:
    """The presenter's window (passcode given: talking points shown) and the audience window, one browser, at
    a step, full-HD: what the laptop and the projector show."""
    written = []
    with chromium.chromium() as browser:
        context = browser.new_context(viewport=chromium.WALL)
        presenter = context.new_page()
        presenter.goto(f"{base_url}/?step={step}")
        presenter.get_by_label("Presenter passcode").fill(PASSCODE, timeout=60_000)
        presenter.get_by_role("button", name="Unlock presenter mode").click()
        presenter.get_by_text("Devices following along").wait_for(timeout=60_000)
        wait_until_drawn(presenter, None)
        audience = context.new_page()
        audience.goto(f"{base_url}/?step={step}&screen=audience")
        wait_until_drawn(audience, None)
        for page, name in ((presenter, "presenter-window-1920"), (audience, "audience-window-1920")):
            target = out / f"{name}.png"
            page.screenshot(path=target, timeout=120_000)
            written.append(target)
        context.close()
    return written


def main() -> None:
    """Start the app, take the screenshots, stop the app."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    secrets = f'[presenter]\npasscode = "{PASSCODE}"\n'  # this server's own: the presenter window unlocks
    server = start_app(Path(tempfile.mkdtemp(prefix="screenshots-")), port=args.port, secrets_toml=secrets)
    try:
        for target in [*take(server.url, args.out), *two_windows(server.url, args.out)]:
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
