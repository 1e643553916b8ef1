"""A follow link on two replicas behind nginx, sharing Redis: the follower lands on the other replica and moves."""

from __future__ import annotations

import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from components.data.loading import load_dataset
from components.server import rooms
from components.server.store import RedisStore
from components.state.briefing import briefing_steps
from deploy.render import replica_env
from tooling.chromium import wait_for_app, wait_for_keys
from tooling.servers import ALLOWED_HOSTS, ROOT, Server, Stack, start_app, start_redis

pytestmark = pytest.mark.proxy

STEPS = briefing_steps(load_dataset(ROOT / "data"))
PASSCODE = "kursk-2025"
SECRETS = f'[presenter]\npasscode = "{PASSCODE}"\n'
AFFINITY_COOKIE = "stroute"
TIMEOUT_MS = 60_000
TITLE = ".st-key-audience_title h1, .st-key-presenter_bar h1"
ENTRY = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*".* upstream=(?P<upstream>\S+) route=(?P<route>\S+)')


@pytest.fixture(scope="module")
def stack_on_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, Server]]:
    """Redis, two replicas (run.sh) with BRIEFING_REDIS_URL and a presenter passcode, nginx in front."""
    for program in ("redis-server", "nginx"):
        if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists():
            pytest.skip(f"{program} is not installed (./test.sh installs it as root)")
    work = tmp_path_factory.mktemp("follow-stack")
    redis = start_redis(work)
    stack = Stack(work)
    env = {**replica_env(stack.cookie_secret), "BRIEFING_REDIS_URL": redis.url}
    try:
        for _ in range(2):
            stack.replicas.append(start_app(work, secrets_toml=SECRETS, env=env, allowed_hosts=ALLOWED_HOSTS))
        stack.start_proxy()
        yield stack, redis
    finally:
        stack.close()
        redis.stop()


def log_entries(stack: Stack) -> list[dict[str, str]]:
    """Every request nginx logged: method, path, the replica that answered and the affinity key."""
    assert stack.proxy is not None
    lines = (stack.proxy.log.parent / "access.log").read_text().splitlines()
    return [found.groupdict() for found in map(ENTRY.search, lines) if found]


def routes_by_replica(stack: Stack) -> dict[str, str]:
    """An affinity key nginx sends to each replica ("127.0.0.1:port" -> key), found by asking nginx."""
    for n in range(32):
        request = urllib.request.Request(f"{stack.url}/_stcore/health", headers={"Cookie": f"{AFFINITY_COOKIE}=k{n}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read() == b"ok"
    found: dict[str, str] = {}
    for entry in log_entries(stack):
        if entry["path"] == "/_stcore/health" and re.fullmatch(r"k\d+", entry["route"]):
            found.setdefault(entry["upstream"], entry["route"])
    assert sorted(found) == sorted(f"127.0.0.1:{r.port}" for r in stack.replicas), found
    return found


def context_on(browser, stack: Stack, route: str):
    """A fresh browser context whose affinity cookie sends it to one replica."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies([{"name": AFFINITY_COOKIE, "value": route, "url": stack.url}])
    return context


def press(page, key: str) -> None:
    """A key as a clicker sends it, to a window the presenter has clicked into."""
    page.bring_to_front()
    page.locator(TITLE).first.click()
    page.keyboard.press(key)


def streams_of(stack: Stack, route: str, timeout_s: float = 15.0) -> set[str]:
    """The replicas that served the WebSockets of one affinity key (nginx logs a socket when it closes)."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = {e["upstream"] for e in log_entries(stack) if e["path"] == "/_stcore/stream" and e["route"] == route}
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_follow_link_in_a_fresh_context_on_the_other_replica_moves_when_the_presenter_moves(stack_on_redis, browser):
    stack, redis = stack_on_redis
    routes = routes_by_replica(stack)
    (presenter_replica, presenter_route), (follower_replica, follower_route) = sorted(routes.items())
    own, device = context_on(browser, stack, presenter_route), context_on(browser, stack, follower_route)
    try:
        presenter = own.new_page()
        presenter.goto(f"{stack.url}/?step={STEPS[0].number}")
        presenter.get_by_label("Presenter passcode").fill(PASSCODE, timeout=TIMEOUT_MS)
        presenter.get_by_role("button", name="Unlock presenter mode").click()
        line = presenter.get_by_text("Devices following along")
        expect(line).to_be_visible(timeout=TIMEOUT_MS)
        code = re.search(r"follow=([a-z0-9]+)", line.inner_text()).group(1)
        assert rooms.active_room(RedisStore(redis.url)) == code  # the room lives in Redis, not in one replica

        follower = device.new_page()
        follower.goto(f"{stack.url}/?follow={code}")
        expect(follower.locator(TITLE)).to_have_text(STEPS[0].title, timeout=TIMEOUT_MS)
        wait_for_app(presenter, TIMEOUT_MS)
        wait_for_keys(presenter, TIMEOUT_MS)
        for key, step in (("PageDown", STEPS[1]), ("End", STEPS[-1])):
            started = time.monotonic()
            press(presenter, key)
            expect(follower.locator(TITLE)).to_have_text(step.title, timeout=TIMEOUT_MS)
            print(f"follower on the other replica moved {time.monotonic() - started:.2f} s after {key}")
            wait_for_app(presenter, TIMEOUT_MS)
        position = rooms.position(RedisStore(redis.url), code)
        assert position is not None and position.step == STEPS[-1].number
    finally:
        own.close()
        device.close()
    assert presenter_replica != follower_replica
    assert streams_of(stack, presenter_route) == {presenter_replica}
    assert streams_of(stack, follower_route) == {follower_replica}
