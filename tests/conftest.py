"""Shared fixtures: the app started as the README starts it, and a headless Chromium to drive it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = ROOT / "data"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    # deck.gl needs WebGL: software rendering, since --disable-gpu leaves the map canvas blank.
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
HEALTH_TIMEOUT_S = 90.0
RUNNING_INDICATOR = ", ".join(
    f"[data-testid='stStatusWidget{name}']" for name in ("RunningIcon", "RunningManIcon", "NewYearsIcon")
)
BROWSER_FIXTURES = {"browser", "page", "dialogs"}

AppServer = Callable[..., str]


def pytest_configure(config: pytest.Config) -> None:
    """Let AppTest scripts import `components`, and show them full errors.

    `.streamlit/config.toml` hides error details from viewers; AppTest reads it too, which would
    redact every exception message a failing app test reports.
    """
    from streamlit import config as st_config

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    st_config.set_option("client.showErrorDetails", "full")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium as `browser`, so `-m "not browser"` skips them all."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(url: str, timeout: float = 2.0) -> str:
    """The body of `<url>/_stcore/health`, or "" when the server does not answer."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read().decode()
    except OSError:
        return ""


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Block until the app's health endpoint says `ok`; fail with the server log if it never does."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if health(url) == "ok":
            return
        if process.poll() is not None:
            break
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:]
    pytest.fail(f"app at {url} never answered /_stcore/health with ok; server log:\n{tail}")


def stop_process_group(process: subprocess.Popen) -> None:
    """Stop the server and everything it started (run.sh execs streamlit, but be thorough)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Factory: `app_server(data_dir=None, secrets_toml=None, env=None) -> base URL`.

    Starts `bash run.sh --server.port=<free> --server.headless=true` (the README's run command)
    with `BRIEFING_DATA_DIR=<data_dir>` (default: the bundled `data/`). Secrets come only from
    `secrets_toml` (TOML text), never from a developer's own `.streamlit/secrets.toml`, so tests
    see an open dashboard unless they ask for a gate. One server per distinct argument set.
    """
    servers: dict[tuple, str] = {}
    processes: list[subprocess.Popen] = []

    def start(
        data_dir: Path | str | None = None,
        secrets_toml: str | None = None,
        env: dict[str, str] | None = None,
    ) -> str:
        key = (str(data_dir or BUNDLED_DATA), secrets_toml, tuple(sorted((env or {}).items())))
        if key in servers:
            return servers[key]
        work = tmp_path_factory.mktemp("app_server")
        secrets = work / "secrets.toml"
        if secrets_toml is not None:
            secrets.write_text(secrets_toml)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = work / "server.log"
        command = [
            "bash",
            str(ROOT / "run.sh"),
            f"--server.port={port}",
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--secrets.files={secrets}",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "BRIEFING_DATA_DIR": key[0], **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        processes.append(process)
        wait_until_healthy(url, process, log)
        servers[key] = url
        return url

    yield start
    for process in processes:
        stop_process_group(process)


def chromium_executable() -> str | None:
    """Debian's Chromium when installed, else None (Playwright's own download)."""
    return str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None


def no_browser(reason: str) -> None:
    """Skip on a developer machine without a browser; fail in CI, where a skip would hide tests."""
    message = f"no headless Chromium: {reason}. Run ./test.sh, which installs one."
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        no_browser(f"playwright is not installed ({error})")
    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        no_browser(str(error).splitlines()[0])
    yield instance
    instance.close()
    playwright.stop()


@pytest.fixture
def dialogs() -> list[str]:
    """The JS dialogs (alert, confirm, prompt) a page opened; the page fixture fails on any."""
    return []


@pytest.fixture
def page(browser, dialogs: list[str]) -> Iterator[object]:
    """A fresh 1280x800 page; any JS dialog it opens is dismissed, recorded and fails the test."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", record)
    yield tab
    context.close()
    if dialogs:
        pytest.fail(f"the page opened JS dialogs: {dialogs}", pytrace=False)


def wait_for_app(page, timeout_ms: float = 30_000) -> None:
    """Wait until Streamlit is connected and its script finished running (as its own e2e tests do)."""
    # After a click the rerun request takes a moment to reach the server; until then the app
    # still reports the previous run as finished, so give it that moment first.
    page.wait_for_timeout(200)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_selector(
        RUNNING_INDICATOR,
        state="detached",
        timeout=timeout_ms,
    )
