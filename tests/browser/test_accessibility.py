"""axe-core on every page, in both themes, at laptop and phone width: no serious or critical violation.

axe-core is npm's (`npm install` puts it in node_modules/). A violation inside Streamlit's own chrome that
the app cannot fix is listed, by rule and selector, in `axe_allowed.json` beside this file; that list may
only shrink (a test fails on an entry that no longer occurs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ALLOWED_FILE = Path(__file__).with_name("axe_allowed.json")
PAGES = ("", "timeline", "forces", "map", "sources", "presenter")
THEME_QUERY = {"light": "", "projector": "?theme=projector&embed_options=dark_theme"}
WIDTHS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("serious", "critical")
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = "[data-testid='stPlotlyChart'] .main-svg, [data-testid='stDeckGlJsonChart'] canvas"


def allowed() -> set[tuple[str, str]]:
    """(rule, selector) pairs of Streamlit-chrome violations the app cannot fix."""
    return {(entry["rule"], entry["selector"]) for entry in json.loads(ALLOWED_FILE.read_text())}


def settle(page) -> None:
    """Wait until the script has run and any chart is drawn."""
    page.wait_for_selector(IDLE, state="attached", timeout=90_000)
    page.wait_for_timeout(1500)
    charts = page.locator(CHART)
    if charts.count():
        charts.first.wait_for(state="visible", timeout=90_000)
    page.wait_for_timeout(1000)


def violations(page) -> list[tuple[str, str, str]]:
    """(rule, selector, impact) of every serious or critical axe violation on the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], " ".join(str(part) for part in node["target"]), v["impact"])
        for v in result["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("theme", list(THEME_QUERY))
def test_no_page_has_a_serious_or_critical_axe_violation(app_server, browser, theme, width):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm install` (package.json) first", pytrace=False)
    url = app_server()
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    found: dict[str, list] = {}
    try:
        for path in PAGES:
            page.goto(f"{url}/{path}{THEME_QUERY[theme]}")
            settle(page)
            found[path or "overview"] = violations(page)
    finally:
        context.close()
    known = allowed()
    new = {p: [v for v in vs if (v[0], v[1]) not in known] for p, vs in found.items()}
    assert not any(new.values()), f"axe violations ({theme}, {width}): {json.dumps(new, indent=1)}"


def test_the_allowed_exceptions_name_a_rule_a_selector_and_why():
    for entry in json.loads(ALLOWED_FILE.read_text()):
        assert set(entry) == {"rule", "selector", "why"} and all(entry.values())
