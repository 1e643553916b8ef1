"""Issue 15 against a running server, direct and through nginx: the throttle, clear-cache, uploads, agent API,
a session flood, unknown hosts, the logs, and what a client learns before the gate.

One replica started by run.sh (the README's way) with a passcode, behind nginx rendered from deploy/.
The throttle's lockout is lowered to 5 failures and its longest delay to 2 s (BRIEFING_THROTTLE_*), so a
lockout is reached in seconds; the figures themselves are tested in tests/unit/test_throttle.py. Every
client is bound to its own loopback source address, so attacker and viewer are different addresses.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psutil
import pytest
from guard_client import GATE_LOCKED, GATE_WAIT, GATE_WRONG, Guess, SourcedSession, handshake, http_request

from tooling.protocol import RunResult, run_sync
from tooling.servers import ALLOWED_HOSTS, ROOT, Stack, free_port, start_app, stop_process

pytestmark = pytest.mark.proxy

PASSCODE = "guard-test-passphrase-0815"
LOCKOUT_AFTER = 5
ATTACK_SESSIONS = 50
ATTACK_SECONDS = 14.0


@dataclass
class Guarded:
    """The running replica and nginx, and where their logs are."""

    stack: Stack
    security_log: Path
    state_dir: Path

    @property
    def direct(self) -> str:
        return self.stack.replicas[0].url

    @property
    def proxied(self) -> str:
        return self.stack.url

    @property
    def nginx_dir(self) -> Path:
        assert self.stack.proxy is not None
        return self.stack.proxy.log.parent

    def failures_logged(self, address: str) -> list[str]:
        """The security log's failure lines for one address."""
        lines = self.security_log.read_text().splitlines() if self.security_log.exists() else []
        return [line for line in lines if "passcode failure" in line and f"address={address} " in line]


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guarded]:
    """One passcode-protected replica (run.sh, via tooling/servers.py) behind nginx."""
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed")
    work = tmp_path_factory.mktemp("guard")
    env = {
        "BRIEFING_THROTTLE_LOCKOUT_AFTER": str(LOCKOUT_AFTER),
        "BRIEFING_THROTTLE_MAX_DELAY_S": "2",
        "BRIEFING_STATE_DIR": str(work / "state"),
        "BRIEFING_SECURITY_LOG": str(work / "security.log"),
        "BRIEFING_REDIS_URL": "",
    }
    stack = Stack(work)
    try:
        secrets = f'[access]\npasscode = "{PASSCODE}"\n'
        stack.replicas.append(start_app(work, secrets_toml=secrets, env=env, allowed_hosts=ALLOWED_HOSTS))
        stack.start_proxy()
        yield Guarded(stack, work / "security.log", work / "state")
    finally:
        stack.close()


def logged_time(line: str) -> float:
    """The seconds (with milliseconds) of a security log line's timestamp."""
    stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
    return stamp.timestamp()


def base(guarded: Guarded, route: str) -> str:
    return guarded.direct if route == "direct" else guarded.proxied


async def gate(url: str, source: str, forged_for: str | None = None) -> SourcedSession:
    """A fresh tab on the gate."""
    session = SourcedSession(url, source, forged_for)
    await session.load_page("")
    return session


async def attack(url: str, source: str, sessions: int, seconds: float) -> list[Guess]:
    """`sessions` fresh tabs from one address guess wrong codes as fast as answered, for `seconds`."""
    tabs = await asyncio.gather(
        *(gate(url, source, forged_for=f"10.66.{i // 200}.{i % 200 + 1}") for i in range(sessions))
    )
    deadline = time.monotonic() + seconds
    guesses: list[Guess] = []

    async def keep_guessing(tab: SourcedSession, number: int) -> None:
        attempt = 0
        while time.monotonic() < deadline:
            attempt += 1
            guesses.append(await tab.guess(f"wrong-{number}-{attempt}"))

    try:
        await asyncio.gather(*(keep_guessing(tab, n) for n, tab in enumerate(tabs)))
    finally:
        await asyncio.gather(*(tab.close() for tab in tabs))
    return sorted(guesses, key=lambda g: g.at)


async def right_passcode(url: str, source: str, passcode: str = PASSCODE) -> Guess:
    """A fresh tab from `source` gives the right passcode (this module's unless told)."""
    tab = await gate(url, source)
    try:
        return await tab.guess(passcode)
    finally:
        await tab.close()


ROUTES = {"direct": ("127.0.0.2", "127.0.0.3"), "proxy": ("127.0.0.4", "127.0.0.5")}


@pytest.mark.parametrize("route", ["direct", "proxy"])
def test_fifty_sessions_of_one_address_get_one_judged_guess_a_second_then_a_lockout(guarded: Guarded, route) -> None:
    attacker, viewer = ROUTES[route]
    url = base(guarded, route)
    guesses = run_sync(attack(url, attacker, ATTACK_SESSIONS, ATTACK_SECONDS))
    judged = [g for g in guesses if GATE_WRONG in g.text]
    locked = [g for g in guesses if GATE_LOCKED in g.text]
    assert len(guesses) >= ATTACK_SESSIONS  # every session guessed (the server answers ~5-10 guesses a second)
    assert all(GATE_WRONG in g.text or GATE_WAIT in g.text or GATE_LOCKED in g.text for g in guesses)
    assert not any(g.unlocked for g in guesses)
    assert len(judged) == LOCKOUT_AFTER - 1 and locked  # the 5th judged failure answers "locked"
    # When each guess was judged: the server's log (answers reach 50 clients in bursts, so not their clocks).
    failures = guarded.failures_logged(attacker)
    assert len(failures) == LOCKOUT_AFTER
    times = [logged_time(line) for line in failures]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.95, gaps
    # Judged failures counted against the real address; forged X-Forwarded-For headers were ignored.
    assert "address=10.66." not in guarded.security_log.read_text()
    assert "wrong-" not in guarded.security_log.read_text() and PASSCODE not in guarded.security_log.read_text()
    # The locked address stays out even with the right passcode; another address is not held back.
    assert not run_sync(right_passcode(url, attacker)).unlocked
    assert run_sync(right_passcode(url, viewer)).unlocked
    # The host clears the lockout; the right passcode from the attacker's address works again.
    env = {**os.environ, "BRIEFING_STATE_DIR": str(guarded.state_dir)}
    env.pop("BRIEFING_REDIS_URL", None)
    command = [sys.executable, "-m", "components.server.throttle", "--clear", attacker]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=30)
    assert run_sync(right_passcode(url, attacker)).unlocked


def miss_counts(guarded: Guarded) -> dict[str, float]:
    """Streamlit's cache misses per cache, from the replica's own metrics (nginx hides them)."""
    status, _, body = http_request(guarded.direct + "/_stcore/metrics", "127.0.0.1", headers={"Accept": "text/plain"})
    assert status == 200
    pattern = r'cache_lookups_total\{cache="([^"]+)",cache_type="[^"]+",result="miss"\} (\S+)'
    return {name: float(count) for name, count in re.findall(pattern, body.decode())}


async def clear_cache_attack(url: str, viewer_source: str, attacker_source: str) -> tuple[RunResult, bool, Guess]:
    """A viewer opens the briefing; a gated tab fails once, sends clear_cache, fails again once allowed."""
    viewer = await gate(url, viewer_source)
    await asyncio.sleep(1.1)  # a success also holds its address for 1 s (the warm-up signed in just before)
    assert (await viewer.guess(PASSCODE)).unlocked
    attacker = await gate(url, attacker_source)
    assert GATE_WRONG in (await attacker.guess("wrong-before-clear")).text
    for _ in range(5):
        await attacker.send_clear_cache()
    await asyncio.sleep(1.5)  # past the first failure's 1 s delay
    again = await attacker.guess("wrong-after-clear")
    rerun = await viewer.rerun()
    await asyncio.gather(viewer.close(), attacker.close())
    return rerun, "access_passcode" not in viewer.widgets, again


@pytest.mark.parametrize(
    ("route", "viewer", "attacker"), [("direct", "127.0.0.6", "127.0.0.7"), ("proxy", "127.0.0.8", "127.0.0.9")]
)
def test_a_clients_clear_cache_changes_nothing_that_matters(guarded: Guarded, route, viewer, attacker) -> None:
    url = base(guarded, route)
    run_sync(right_passcode(url, viewer))  # the caches are warm
    before = miss_counts(guarded)
    rerun, still_signed_in, again = run_sync(clear_cache_attack(url, viewer, attacker))
    assert rerun.status == "FINISHED_SUCCESSFULLY" and not rerun.exceptions
    assert still_signed_in  # the viewer's session state was not cleared
    assert GATE_WRONG in again.text
    assert [line.rsplit(" ", 1)[1] for line in guarded.failures_logged(attacker)] == ["failures=1", "failures=2"]
    assert miss_counts(guarded) == before  # no Streamlit cache was emptied, nothing was recomputed
    assert "clear_cache from a client ignored" in guarded.security_log.read_text()


def upload(url: str, source: str, session: SourcedSession) -> int:
    """PUT a 1 kB file to the upload route as the frontend would, with this tab's session and XSRF token."""
    boundary = "guardboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\n{'A' * 1024}\r\n--{boundary}--\r\n"
    ).encode()
    headers = {
        "X-Xsrftoken": session.cookie("_streamlit_xsrf") or "",
        "Cookie": session.cookie_header(),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Origin": url,
    }
    status, _, _ = http_request(f"{url}/_stcore/upload_file/{session.session_id}/file-1", source, "PUT", headers, body)
    return status


async def uploads_from_a_gated_tab(url: str, source: str, count: int) -> list[int]:
    """Statuses of `count` uploads from a tab that never gave the passcode, its session still open."""
    tab = await gate(url, source)
    try:
        return [await asyncio.to_thread(upload, url, source, tab) for _ in range(count)]
    finally:
        await tab.close()


@pytest.mark.parametrize(("route", "refused"), [("direct", 413), ("proxy", 403)])
def test_uploads_are_refused(guarded: Guarded, route, refused) -> None:
    assert run_sync(uploads_from_a_gated_tab(base(guarded, route), "127.0.0.10", 3)) == [refused] * 3


AGENT_PATHS = [
    "/_stcore/agent/interact",
    "/_stcore/agent/mcp",
    "/_stcore/agent/openapi.json",
    "/_stcore//agent/mcp",
    "/_stcore/%61gent/interact",
]


@pytest.mark.parametrize("path", AGENT_PATHS)
def test_the_agent_api_is_denied_at_nginx(guarded: Guarded, path) -> None:
    for method in ("GET", "POST"):
        status, _, _ = http_request(
            guarded.proxied + path, "127.0.0.11", method, {"Content-Type": "application/json"}, b"{}"
        )
        assert status == 404, (method, path)


def test_the_agent_api_is_off_in_the_app_itself(guarded: Guarded) -> None:
    status, _, body = http_request(
        guarded.direct + "/_stcore/agent/interact", "127.0.0.11", "POST", {"Content-Type": "application/json"}, b"{}"
    )
    assert status == 403 and b"not_available" in body


async def flood(url: str, source: str, count: int) -> list[int]:
    """`count` WebSocket handshakes on /_stcore/stream from one address, 20 at a time, each dropped at once."""
    statuses: list[int] = []
    for start in range(0, count, 20):
        batch = [asyncio.to_thread(handshake, url, source) for _ in range(min(20, count - start))]
        statuses += await asyncio.gather(*batch)
    return statuses


async def viewer_during_flood(url: str, flooder: str, viewer: str) -> tuple[list[int], bool]:
    """Flood from one address while a viewer from another opens the briefing."""
    flooding = asyncio.create_task(flood(url, flooder, 300))
    await asyncio.sleep(0.5)
    guess = await right_passcode(url, viewer)
    return await flooding, guess.unlocked


def test_a_room_of_100_viewers_behind_one_address_is_served(guarded: Guarded) -> None:
    statuses = run_sync(flood(guarded.proxied, "127.0.0.12", 100))
    assert statuses == [101] * 100


def test_a_session_flood_from_one_address_is_refused_at_nginx_while_another_address_is_served(guarded: Guarded) -> None:
    statuses, viewer_served = run_sync(viewer_during_flood(guarded.proxied, "127.0.0.13", "127.0.0.14"))
    refused = statuses.count(429)
    assert set(statuses) <= {101, 429}
    assert refused >= 100 and statuses[:100] == [101] * 100  # a room's worth gets in, the rest is turned away
    assert viewer_served
    error_log = (guarded.nginx_dir / "error.log").read_text()
    assert "limiting requests" in error_log and "127.0.0.13" in error_log


def test_the_app_itself_does_not_refuse_the_same_flood(guarded: Guarded) -> None:
    """Control: the refusals above come from nginx's limits, not from the app."""
    assert set(run_sync(flood(guarded.direct, "127.0.0.15", 200))) == {101}


def test_unknown_hosts_get_no_answer_from_nginx_and_a_refusal_from_the_app(guarded: Guarded) -> None:
    assert handshake(guarded.proxied, "127.0.0.16", host="rebind.example") == 0
    with pytest.raises(ConnectionError):
        http_request(guarded.proxied + "/", "127.0.0.16", headers={"Host": "rebind.example"})
    assert handshake(guarded.proxied, "127.0.0.16") == 101
    assert handshake(guarded.direct, "127.0.0.16", host="rebind.example") == 403


def test_download_urls_stay_out_of_the_access_log(guarded: Guarded) -> None:
    http_request(guarded.proxied + "/media/0123456789abcdef.csv", "127.0.0.17")
    http_request(guarded.proxied + "/guard-logged-path", "127.0.0.17")
    # nginx writes a request's line after the answer has gone out: wait for the second request's line, which
    # follows the first's if the first was logged at all.
    log, deadline = "", time.monotonic() + 10
    while "/guard-logged-path" not in log and time.monotonic() < deadline:
        time.sleep(0.1)
        log = (guarded.nginx_dir / "access.log").read_text()
    assert "/guard-logged-path" in log and "/media/" not in log


def test_the_affinity_cookie_has_no_secure_flag_on_plain_http(guarded: Guarded) -> None:
    """Secure would stop a plain-HTTP test browser from sending it back; behind TLS it is set (tests/unit)."""
    _, headers, _ = http_request(guarded.proxied + "/", "127.0.0.17")
    cookie = next(c for c in headers["set-cookie"] if c.startswith("stroute="))
    assert "HttpOnly" in cookie and "Secure" not in cookie


async def opened_and_closed(url: str, source: str) -> SourcedSession:
    tab = await gate(url, source)
    await tab.close()
    return tab


@pytest.mark.parametrize("route", ["direct", "proxy"])
def test_before_the_gate_no_script_path_python_or_os_version_and_a_neutral_title(guarded: Guarded, route) -> None:
    tab = run_sync(opened_and_closed(base(guarded, route), "127.0.0.18"))
    new_session = tab.new_session.new_session
    info = new_session.initialize.environment_info
    assert new_session.main_script_path == "dashboard.py"
    assert (info.python_version, info.server_os, info.has_display) == ("", "", False)
    assert str(ROOT) not in str(tab.new_session)
    assert tab.page_title == "Briefing"


def test_run_sh_listens_on_loopback_only_by_default(tmp_path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(ROOT / "run.sh"), f"--server.port={port}"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        bound: set[str] = set()
        while time.monotonic() < deadline and not bound:
            bound = {c.laddr.ip for c in psutil.net_connections("tcp") if c.laddr.port == port and c.status == "LISTEN"}
            time.sleep(0.5)
        assert bound == {"127.0.0.1"}, log.read_text()[-2000:]
    finally:
        stop_process(process)


@pytest.mark.parametrize("behind_tls", [False, True])
def test_the_rendered_config_is_valid_nginx(tmp_path, behind_tls: bool) -> None:
    from deploy.render import nginx_binary, write_config

    config = write_config("127.0.0.1:8080", [8501], tmp_path, hosts=["briefing.example.org"], behind_tls=behind_tls)
    test = [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")]
    result = subprocess.run(test, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
