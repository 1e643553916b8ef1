"""A short run of the load test (the long one is `python -m loadtest.run`, see docs/loadtest.md)."""

from __future__ import annotations

import random
import shutil

import pytest

from loadtest.report import markdown
from loadtest.run import Options, run
from loadtest.viewers import click_chart
from tooling.protocol import RunResult, Session, run_sync

SMOKE = Options(viewers=3, seconds=10.0, think=(0.5, 1.5), base_port=0, phases=("one",), browsers=0)


def test_three_viewers_for_ten_seconds_get_every_run_finished_without_errors() -> None:
    report = run_sync(run(SMOKE))
    phase = report["phases"]["one replica"]
    summary = phase["summary"]
    assert summary["errors"] == 0, summary["error_kinds"]
    assert summary["page_load"]["count"] >= SMOKE.viewers
    assert summary["rerun"]["count"] >= SMOKE.viewers
    assert all(sample["ok"] for sample in phase["samples"])
    assert any(point["rss_mb"] > 0 for point in report["resources"])
    assert "| one replica | 3 |" in markdown(report)


def test_two_followers_poll_once_a_second_and_move_with_the_presenter() -> None:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    options = Options(
        viewers=2,
        think=(0.5, 1.5),
        base_port=0,
        phases=("followers",),
        browsers=0,
        followers=(0, 2),
        follower_step_s=6.0,
        move_every_s=2.5,
    )
    report = run_sync(run(options))
    result = report["followers"]
    still = {w["followers"]: w for w in result["alone"]}
    assert 1.5 <= still[2]["polls_per_s"] <= 2.5  # two devices, one poll a second each
    assert still[2]["redraws"] == 0 and still[2]["follower_errors"] == 0
    assert result["redraws"][0]["all_moved_s"] < 10
    moving = {w["followers"]: w for w in result["with_viewers"]}
    assert moving[2]["redraws"] >= 2 and moving[2]["lag_p95_s"] is not None
    assert moving[2]["follower_errors"] == 0 and moving[2]["behind_after_15_s"] == 0


def test_a_viewers_click_on_the_map_or_the_timeline_reruns_only_that_charts_fragment_as_a_browser_does(app_server):
    async def click_on(page: str) -> tuple[str | None, RunResult, Session]:
        session = Session(app_server())
        await session.load_page(page)
        key = click_chart(session, random.Random(7))
        return key, await session.interact(key) if key else RunResult(0.0), session

    async def both() -> dict:
        found = {}
        for page in ("map", "timeline"):
            key, result, session = await click_on(page)
            found[page] = (key, result, session.query_string)
            await session.close()
        return found

    found = run_sync(both())
    for page, param in (("map", "place="), ("timeline", "event=")):
        key, result, query = found[page]
        assert key == page  # the chart is what was clicked
        assert result.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY", result.exceptions
        assert "multiselect" not in result.kinds  # the sidebar's filters did not rerun
        assert param in query  # the click became the view's link
