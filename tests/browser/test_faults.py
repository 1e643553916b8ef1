"""Data faults while serving: a running app on a copy of data/, its tables broken, restored, deleted, bloated.

Each test keeps one viewer's session open over the WebSocket protocol (tooling.protocol), changes a
file under the running server, and reads what the next rerun draws.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from components.state.registry import PAGE_PATHS
from tooling.protocol import RunResult, Session, run_sync

ROOT = Path(__file__).resolve().parents[2]
PAGES = PAGE_PATHS
QUALITY_PAGE = "sources"
MALFORMED = b'\x00\xff not,a,table\n"unterminated quote,\x9c\n' * 50
BIG_TABLE_BYTES = 200 * 1024 * 1024
RSS_GROWTH_LIMIT_MB = 150


@pytest.fixture(scope="module")
def served(app_server, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(url, folder): the app started by run.sh on a private copy of the bundled data."""
    folder = tmp_path_factory.mktemp("faults") / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("curation"))
    return app_server(data_dir=folder), folder


@pytest.fixture
def events_file(served: tuple[str, Path]) -> Iterator[Path]:
    """The copy's events.csv; whatever a test does to it, the original comes back afterwards."""
    path = served[1] / "events.csv"
    original = path.read_bytes()
    yield path
    path.write_bytes(original)


async def visit(url: str, fault=None, pages: tuple[str, ...] = PAGES) -> dict[str, RunResult]:
    """Open the quality page in one tab, apply `fault`, rerun that tab, then visit every page."""
    session = Session(url, keep_texts=True)
    try:
        results = {"before": await session.load_page(QUALITY_PAGE)}
        if fault is not None:
            fault()
        results["rerun"] = await session.rerun()
        for page in pages:
            results[page] = await session.open_page(page)
        return results
    finally:
        await session.close()


def text_of(result: RunResult) -> str:
    """Everything a run drew as one string."""
    return "\n".join(result.texts)


def assert_every_page_serves(results: dict[str, RunResult]) -> None:
    """No page raised, every run finished."""
    for page, result in results.items():
        assert result.exceptions == [], f"/{page}: {result.exceptions}"
        assert result.status == "FINISHED_SUCCESSFULLY", f"/{page}: {result.status}"


def test_a_table_overwritten_mid_session_is_reported_and_the_others_keep_serving(served, events_file: Path) -> None:
    url, _ = served
    results = run_sync(visit(url, lambda: events_file.write_bytes(MALFORMED)))
    assert_every_page_serves(results)
    assert "events.csv" not in text_of(results["before"])
    assert "events.csv" in text_of(results["rerun"])
    assert "estimates.csv" not in text_of(results["rerun"]), "only the broken table is reported"
    forces = results["forces"]
    assert any("Ukraine" in t or "DPRK" in t or "North Korea" in t for t in forces.texts), "forces still drawn"


def test_the_restored_table_brings_the_dashboard_back_to_normal(served, events_file: Path) -> None:
    url, _ = served
    original = events_file.read_bytes()
    events_file.write_bytes(MALFORMED)
    results = run_sync(visit(url, lambda: events_file.write_bytes(original), pages=("timeline",)))
    assert "events.csv" in text_of(results["before"])
    assert "events.csv" not in text_of(results["rerun"])
    assert_every_page_serves(results)


def test_a_deleted_table_is_reported_and_the_others_keep_serving(served, events_file: Path) -> None:
    url, _ = served
    results = run_sync(visit(url, events_file.unlink))
    assert_every_page_serves(results)
    assert "events.csv" in text_of(results["rerun"])
    assert "missing" in text_of(results["rerun"])


def server_process(url: str) -> psutil.Process:
    """The streamlit process serving `url` (run.sh execs it; found by its port argument)."""
    port = url.rsplit(":", 1)[1]
    for process in psutil.process_iter(["cmdline"]):
        if any(arg == f"--server.port={port}" for arg in process.info["cmdline"] or []):
            return process
    raise LookupError(f"no server with --server.port={port}")


def test_a_200_mb_table_is_refused_under_the_size_limit_without_eating_memory(served, events_file: Path) -> None:
    url, _ = served
    server = server_process(url)
    rss_before = server.memory_info().rss / 2**20

    def bloat() -> None:
        with events_file.open("r+b") as handle:  # sparse: instant, and no 200 MB written to disk
            handle.truncate(BIG_TABLE_BYTES)

    results = run_sync(visit(url, bloat, pages=("", "sources")))
    assert_every_page_serves(results)
    report = text_of(results["rerun"])
    assert "events.csv" in report and "200.0 MB" in report and "20 MB limit" in report
    assert server.is_running()
    assert server.memory_info().rss / 2**20 - rss_before < RSS_GROWTH_LIMIT_MB
