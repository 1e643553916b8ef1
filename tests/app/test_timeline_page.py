"""AppTest: the timeline's event list in pages when the events are many; the curated list whole, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from components.data.loading import load_dataset
from components.present.timeline import LIST_ROWS

ROOT = Path(__file__).resolve().parents[2]
MANY = 1_200  # three pages: 500, 500, 200


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """A synthetic data set of MANY events (the benchmark's generator)."""
    return generate(MANY, tmp_path_factory.mktemp("many"))


def open_timeline(data: Path, monkeypatch) -> AppTest:
    """The dashboard on `data`, opened at the timeline."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["page"] = "timeline"
    return at.run()


def event_list(at: AppTest):
    """The event list's frame (the last dataframe with an 'event' title column)."""
    return [frame for frame in at.dataframe if "title" in frame.value.columns][-1].value


def test_many_events_are_listed_a_page_at_a_time_and_every_page_is_reachable(many, monkeypatch):
    at = open_timeline(many, monkeypatch)
    assert not at.exception
    assert len(event_list(at)) == LIST_ROWS
    (pager,) = [n for n in at.number_input if n.key == "timeline_list_page"]
    assert pager.max == 3 and pager.value == 1
    notes = [c.value for c in at.caption]
    assert f"Showing events 1–500 of {MANY:,}, oldest first (page 1 of 3). " in " ".join(notes)
    first = event_list(at)["title"].iloc[0]
    pager.set_value(3).run()
    assert not at.exception
    assert len(event_list(at)) == MANY - 2 * LIST_ROWS and event_list(at)["title"].iloc[0] != first
    assert any(c.value.startswith(f"Showing events 1,001–1,200 of {MANY:,}") for c in at.caption)


def test_the_curated_events_are_listed_whole_without_a_pager(monkeypatch):
    at = open_timeline(ROOT / "data", monkeypatch)
    assert not at.exception
    assert len(event_list(at)) == 57
    assert not [n for n in at.number_input if n.key == "timeline_list_page"]
    assert not [c.value for c in at.caption if c.value.startswith("Showing events")]


def test_a_link_to_an_event_on_a_later_page_opens_the_list_at_that_page(many, monkeypatch):
    events = load_dataset(many).events.sort_values("date", kind="stable")  # the list's order: oldest first
    linked = events.iloc[2 * LIST_ROWS + 5]  # on the third page
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(many))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["page"] = "timeline"
    at.query_params["event"] = str(linked["event_id"])
    at.run()
    assert not at.exception
    (pager,) = [n for n in at.number_input if n.key == "timeline_list_page"]
    assert pager.value == 3
    assert str(linked["title"]) in set(event_list(at)["title"])
