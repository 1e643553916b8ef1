"""Two windows of one browser in step (BroadcastChannel), clicker keys, Back, blanking; follow links."""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from components.data.loading import load_dataset
from components.state.briefing import briefing_steps
from tooling.chromium import wait_for_app, wait_for_keys

STEPS = briefing_steps(load_dataset(Path(__file__).resolve().parents[2] / "data"))
TIMEOUT_MS = 60_000
PASSCODE = '[presenter]\npasscode = "kursk-2025"\n'
AUDIENCE_TITLE = ".st-key-audience_title h1"
PRESENTER_TITLE = ".st-key-presenter_bar h1"


def open_pair(context, base: str):
    """A presenter window and an audience window at step 1, both settled."""
    presenter = context.new_page()
    presenter.goto(f"{base}/?step={STEPS[0].number}")
    expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
    audience = context.new_page()
    audience.goto(f"{base}/?step={STEPS[0].number}&screen=audience")
    expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
    settle(presenter)
    settle(audience)
    return presenter, audience


def settle(page) -> None:
    """Wait until the window has drawn and its clicker keys are listened to."""
    wait_for_app(page, TIMEOUT_MS)
    wait_for_keys(page, TIMEOUT_MS)


def open_follower(context, base: str, code: str, step: int):
    """A window on the follow link, once it shows STEPS[step] (the presenter's step)."""
    follower = context.new_page()
    follower.goto(f"{base}/?follow={code}")
    expect(follower.locator(AUDIENCE_TITLE)).to_have_text(STEPS[step].title, timeout=TIMEOUT_MS)
    return follower


def press(page, key: str) -> None:
    """A key as a clicker sends it, to a window the presenter has clicked into."""
    page.bring_to_front()
    page.locator(f"{AUDIENCE_TITLE}, {PRESENTER_TITLE}").first.click()
    page.keyboard.press(key)


def test_page_down_in_the_presenter_window_moves_the_audience_window_and_back_returns(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        presenter, audience = open_pair(context, app_server())
        started = time.monotonic()
        press(presenter, "PageDown")
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        print(f"audience window moved {time.monotonic() - started:.2f} s after PageDown")
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        assert "step=2" in audience.url and "step=2" in presenter.url
        wait_for_app(presenter, TIMEOUT_MS)
        presenter.go_back()  # one press, one step: step 2 is on another page than step 1
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        wait_for_app(presenter, TIMEOUT_MS)
        presenter.go_forward()
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        wait_for_app(presenter, TIMEOUT_MS)
        presenter.go_back()
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        wait_for_app(audience, TIMEOUT_MS)
        press(audience, "End")
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[-1].title, timeout=TIMEOUT_MS)
    finally:
        context.close()


def test_b_in_the_presenter_window_blanks_the_audience_screen_and_b_again_shows_it(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        presenter, audience = open_pair(context, app_server())
        blank = audience.get_by_test_id("audienceBlank")
        expect(blank).to_be_hidden()
        press(presenter, "b")
        expect(blank).to_be_visible(timeout=TIMEOUT_MS)
        press(presenter, "B")
        expect(blank).to_be_hidden(timeout=TIMEOUT_MS)
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[0].title)
    finally:
        context.close()


DARK = """(selector) => {
    const element = document.querySelector(selector);
    const rgb = element && getComputedStyle(element).backgroundColor.match(/\\d+/g);
    return !!rgb && 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 60;
}"""
APP = "[data-testid='stApp']"
CHART = ".st-key-audience_visual svg.main-svg"


def dark(page, selector: str = APP) -> bool:
    """Whether the element's background is dark (the projector theme's)."""
    return page.evaluate(DARK, selector)


def test_t_in_the_presenter_window_switches_the_audience_screen_to_the_projector_theme_and_back(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        presenter, audience = open_pair(context, app_server())
        assert not dark(audience)
        press(presenter, "t")
        expect(audience).to_have_url(re.compile(r"[?&]theme=projector"), timeout=TIMEOUT_MS)
        audience.wait_for_function(DARK, arg=APP, timeout=TIMEOUT_MS)
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        expect(presenter.get_by_test_id("audienceLink")).to_contain_text("projector theme", timeout=TIMEOUT_MS)
        expect(presenter.get_by_test_id("audienceThemeButton")).to_have_text(re.compile("back to the light theme"))
        assert not dark(presenter) and "theme=" not in presenter.url
        wait_for_app(audience, TIMEOUT_MS)
        press(presenter, "PageDown")  # the reloaded audience window still follows the presenter
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        expect(audience.locator(CHART).first).to_be_visible(timeout=TIMEOUT_MS)
        assert dark(audience, CHART), "the step's chart is drawn in the projector theme too"
        wait_for_app(audience, TIMEOUT_MS)
        presenter.get_by_test_id("audienceThemeButton").click()
        expect(audience).not_to_have_url(re.compile(r"[?&]theme=projector"), timeout=TIMEOUT_MS)
        audience.wait_for_function(f"(s) => !({DARK})(s)", arg=APP, timeout=TIMEOUT_MS)
        expect(audience.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        assert f"step={STEPS[1].number}" in audience.url
    finally:
        context.close()


def unlocked_presenter(context, base: str):
    """A presenter window that gave the presenter passcode, and the room code it shows."""
    presenter = context.new_page()
    presenter.goto(f"{base}/?step={STEPS[0].number}")
    presenter.get_by_label("Presenter passcode").fill("kursk-2025", timeout=TIMEOUT_MS)
    presenter.get_by_role("button", name="Unlock presenter mode").click()
    line = presenter.get_by_text("Devices following along")
    expect(line).to_be_visible(timeout=TIMEOUT_MS)
    return presenter, re.search(r"follow=([a-z0-9]+)", line.inner_text()).group(1)


def test_a_follow_link_moves_with_the_presenter_and_cannot_move_anyone(app_server, browser):
    base = app_server(secrets_toml=PASSCODE)
    own, device, other = (browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(3))
    try:
        presenter, code = unlocked_presenter(own, base)
        follower = open_follower(device, base, code, 0)
        settle(presenter)
        press(presenter, "PageDown")
        expect(follower.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
        watcher = open_follower(other, base, code, 1)
        settle(follower)
        press(follower, "PageDown")
        expect(follower.locator(AUDIENCE_TITLE)).to_have_text(STEPS[2].title, timeout=TIMEOUT_MS)
        expect(follower.get_by_text(f"The presenter is on step {STEPS[1].number}.")).to_be_visible(timeout=TIMEOUT_MS)
        watcher.wait_for_timeout(3_000)
        expect(watcher.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title)
        expect(presenter.locator(PRESENTER_TITLE)).to_have_text(STEPS[1].title)
        follower.get_by_role("button", name="Rejoin the presenter").click()
        expect(follower.locator(AUDIENCE_TITLE)).to_have_text(STEPS[1].title, timeout=TIMEOUT_MS)
    finally:
        for context in (own, device, other):
            context.close()


def test_without_a_presenter_passcode_the_follow_page_says_follow_mode_is_off(app_server, page):
    page.goto(f"{app_server()}/?follow=abcdef")
    expect(page.get_by_text("Follow mode is off")).to_be_visible(timeout=TIMEOUT_MS)
    assert page.locator(AUDIENCE_TITLE).count() == 0
