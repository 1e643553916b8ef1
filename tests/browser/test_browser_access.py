"""The access gate in a real browser: a shared link opens on its view only after the passcode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tooling.chromium import wait_for_app

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"
BROWSER_PASSCODE = "browser-briefing-passphrase"
LINKED_VIEW = "/timeline?event=treaty-signed"


@pytest.mark.skipif(not DASHBOARD.exists(), reason="dashboard.py not written yet")
def test_shared_link_opens_on_its_view_after_the_passcode_in_a_browser(app_server, page) -> None:
    from playwright.sync_api import expect

    url = app_server(secrets_toml=f'[access]\npasscode = "{BROWSER_PASSCODE}"\n')
    page.goto(url + LINKED_VIEW)
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    passcode = page.get_by_label("Passcode")
    expect(passcode).to_be_visible(timeout=30_000)
    expect(main).to_contain_text("Private briefing")
    for hidden in ("stPlotlyChart", "stDeckGlJsonChart", "stDataFrame", "stDownloadButton"):
        assert page.get_by_test_id(hidden).count() == 0, hidden
    assert page.get_by_test_id("stSidebarNav").count() == 0

    passcode.fill("not the passphrase")
    passcode.press("Enter")
    expect(main).to_contain_text("That passcode is not right.", timeout=15_000)
    assert page.get_by_test_id("stPlotlyChart").count() == 0

    page.wait_for_timeout(1100)
    passcode.fill(BROWSER_PASSCODE)
    passcode.press("Enter")
    page.get_by_test_id("stPlotlyChart").first.wait_for(timeout=30_000)
    expect(main).not_to_contain_text("Private briefing")
    assert page.url.startswith(url + "/timeline?") and "event=treaty-signed" in page.url
