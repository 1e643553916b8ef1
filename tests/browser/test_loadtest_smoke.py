"""A short run of the load test (the long one is `python -m loadtest.run`, see docs/loadtest.md)."""

from __future__ import annotations

from loadtest.report import markdown
from loadtest.run import Options, run
from tooling.protocol import run_sync

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
