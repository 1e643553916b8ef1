"""The briefing's steps are read like links; bad steps are reported like any other table problem."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from components.data.loading import load_dataset
from components.state.briefing import (
    audience_link,
    briefing_steps,
    find_step,
    neighbours,
    presenter_link,
    step_problems,
    step_query,
    step_view,
)

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINIMAL)


def with_steps(ds, *views: str):
    rows = pd.DataFrame(
        {
            "step": pd.array(range(1, len(views) + 1), dtype="Int64"),
            "title": [f"Step {n}" for n in range(1, len(views) + 1)],
            "talking_points": "say this",
            "view": list(views),
            "_row": range(2, len(views) + 2),
        }
    )
    return ds.with_tables(briefing=rows)


def test_steps_are_read_in_order_with_their_titles_and_talking_points(ds):
    steps = briefing_steps(ds)
    assert [(s.number, s.title, s.talking_points) for s in steps] == [
        (1, "The treaty", "Start here."),
        (2, "The losses", "Compare the claims."),
    ]


def test_a_steps_view_is_read_by_the_link_reader(ds):
    view, notices = step_view(briefing_steps(ds)[1], ds)
    assert (view.page, view.force, view.metric, notices) == ("forces", "dprk", "losses", [])


def test_the_default_steps_of_the_fixture_have_no_problems(ds):
    assert step_problems(ds) == []


def test_an_unknown_page_and_an_unknown_event_are_reported_on_the_steps_row(ds):
    bad = with_steps(ds, "page=timeline&event=treaty", "page=nowhere", "page=timeline&event=ghost")
    problems = step_problems(bad)
    assert [(p.file, p.row, p.column) for p in problems] == [("briefing.csv", 3, "view"), ("briefing.csv", 4, "view")]
    assert problems[0].value == "page=nowhere" and "not a known page" in problems[0].reason
    assert "step 3" in problems[1].reason and "not a known event" in problems[1].reason


def test_a_step_that_opens_presenter_mode_or_names_a_step_is_a_problem(ds):
    problems = step_problems(with_steps(ds, "page=presenter", "page=map&step=1"))
    assert ["presenter mode" in problems[0].reason, "another step" in problems[1].reason] == [True, True]


def test_neighbours_stop_at_either_end(ds):
    steps = briefing_steps(ds)
    assert neighbours(steps, 1) == (None, steps[1])
    assert neighbours(steps, 2) == (steps[0], None)
    assert neighbours(steps, 7) == (None, None)
    assert find_step(steps, 2) is steps[1] and find_step(steps, 9) is None


def test_the_presenter_link_names_only_the_step(ds):
    assert presenter_link("http://host:8501/", briefing_steps(ds)[0]) == "http://host:8501/?step=1"


def test_the_audience_link_carries_the_view_and_the_data_stamp_but_no_step(ds):
    link = audience_link("http://host", briefing_steps(ds)[1], ds)
    parts = urlsplit(link)
    assert parts.path == "/forces"
    assert parse_qs(parts.query) == {"force": ["dprk"], "metric": ["losses"], "data": [ds.fingerprint]}


def test_the_frame_switches_to_a_step_with_its_view_and_its_number(ds):
    assert parse_qs(step_query(briefing_steps(ds)[0], ds)) == {"page": ["timeline"], "event": ["treaty"], "step": ["1"]}
