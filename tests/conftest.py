"""Shared fixtures and the test tiers.

Tiers by folder, each a marker: `unit` (pure modules), `app` (AppTest, in process), `browser` (the app started
as ./run.sh starts it, driven by Chromium or the protocol client), `proxy` (nginx and Redis in front of it).
Tests that start a server are also marked `server`. Browser fixtures are pytest-playwright's (`browser`,
`page`, tracing kept on failure into test-results/), launched with the toolbox's one set of Chromium flags.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tooling import chromium
from tooling.servers import AppServers

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = ROOT / "data"
# Names tests written before the toolbox import from here; the toolbox is where they live.
VIEWPORT = chromium.DESKTOP
CHROMIUM_ARGS = list(chromium.ARGS)
wait_for_app = chromium.wait_for_app
TIERS = ("unit", "pack", "app", "browser", "proxy")
SERVER_FIXTURES = {"app_server"}

AppServer = Callable[..., str]


def pytest_configure(config: pytest.Config) -> None:
    """Let AppTest scripts import `components`, and show them full errors.

    `.streamlit/config.toml` hides error details from viewers; AppTest reads it too, which would
    redact every exception message a failing app test reports.
    """
    from streamlit import config as st_config

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # The Parquet cache of loaded data (components.data.cache) lives in a folder of this session only,
    # shared with the servers the tests start, so no test reads an entry a developer's run left behind.
    config.briefing_cache_dir = tempfile.mkdtemp(prefix="briefing-test-cache-")
    os.environ["BRIEFING_CACHE_DIR"] = config.briefing_cache_dir
    st_config.set_option("client.showErrorDetails", "full")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this session's cache folder."""
    folder = getattr(config, "briefing_cache_dir", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def tier_of(path: Path) -> str | None:
    """The tier a test file belongs to: the name of its folder under tests/."""
    parts = path.relative_to(ROOT / "tests").parts
    return parts[0] if len(parts) > 1 and parts[0] in TIERS else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its folder's tier, and `server` when it starts the app (or nginx, Redis)."""
    for item in items:
        tier = tier_of(Path(item.path))
        if tier is not None:
            item.add_marker(getattr(pytest.mark, tier))
        if tier in ("browser", "proxy") or SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options with Debian's Chromium and the toolbox's flags (the map draws)."""
    return {**browser_type_launch_args, **chromium.launch_options()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Every test page is a 1280x800 laptop screen unless a test asks for another."""
    return {**browser_context_args, "viewport": chromium.DESKTOP}


@pytest.fixture
def dialogs() -> list[str]:
    """The JS dialogs (alert, confirm, prompt) a page opened; the page fixture fails on any."""
    return []


@pytest.fixture
def page(page, dialogs: list[str]) -> Iterator[object]:
    """pytest-playwright's page; any JS dialog it opens is dismissed, recorded and fails the test."""

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    yield page
    if dialogs:
        pytest.fail(f"the page opened JS dialogs: {dialogs}", pytrace=False)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """Factory: `app_server(data_dir=None, secrets_toml=None, env=None) -> base URL`.

    Starts the app as ./run.sh does (see `tooling.servers`), on a free loopback port, with
    `BRIEFING_DATA_DIR=<data_dir>` (default: the bundled `data/`). Secrets come only from `secrets_toml`,
    never from a developer's own `.streamlit/secrets.toml`, so tests see an open dashboard unless they ask
    for a gate. One server per distinct argument set, for the whole session (per xdist worker).
    """
    servers = AppServers(tmp_path_factory.mktemp("app_server"))
    yield servers.url
    servers.stop_all()
