"""The registry of pages and URL parameters: every page has its script, every parameter round-trips as an id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from components.state.briefing import load_briefing
from components.state.filters import Filters, data_key
from components.state.registry import PAGE_PATHS, PAGES, PARAM_NAMES, PARAMS, page, page_script, param
from components.state.views import View, parse_query, parse_view, query_pairs, view_query

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def ds():
    return load_briefing(MINIMAL)


def test_every_registered_page_has_its_script_and_no_script_is_unregistered():
    scripts = {p.script for p in PAGES}
    assert scripts == {f"app_pages/{path.name}" for path in (ROOT / "app_pages").glob("*.py")}
    assert page_script("map") == "app_pages/map.py"
    assert PAGE_PATHS[0] == "" and "forces" in PAGE_PATHS


def test_an_unknown_page_or_parameter_is_an_error_not_a_default():
    with pytest.raises(KeyError):
        page("nowhere")
    with pytest.raises(KeyError):
        param("nowhere")
    assert len(set(PARAM_NAMES)) == len(PARAMS)


def test_a_view_with_every_field_set_round_trips_through_its_query(ds):
    event = ds.events["event_id"].iloc[0]
    place = ds.locations["location_id"].iloc[0]
    step = int(ds.briefing["step"].iloc[0])
    filters = Filters(date(2024, 11, 1), date(2024, 12, 1), ("combat",), (), ("claimed",), "Kursk", date(2025, 1, 15))
    filters = replace(filters, judgment="j-1", grades=("A", "C"))  # a judgment and source grades are filters too
    judged = ds.with_tables(judgments=pd.DataFrame({"judgment_id": ["j-1"]}))
    extra = (("since", date(2025, 1, 2)), ("screen", "audience"))
    extra += (("follow", "room-7"), ("theme", "projector"))
    view = View("map", filters, event, place, "dprk", "losses", judged.fingerprint, step, extra)
    parsed, notices = parse_query(view_query(view), judged)
    assert notices == []
    assert parsed == view


def test_values_are_written_as_ids_never_as_labels(ds):
    pairs = dict(query_pairs(View(page="forces", force="russia", metric="size")))
    assert pairs == {"page": "forces", "force": "russia", "metric": "size"}
    view, notices = parse_view({"force": ["Russian forces"]}, ds)
    assert view.force is None
    assert notices == ["Ignored force=Russian forces: not a known force."]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("rel=G", "Ignored rel=G: not a known source grade (A-F)."),
        ("screen=wall", "Ignored screen=wall: not a known screen (audience or presenter)."),
        ("theme=dark", "Ignored theme=dark: not a known theme (light or projector)."),
        ("follow=Room<1>", "Ignored follow=Room?1?: not a room name."),
        ("since=2025-02-30", "Ignored since=2025-02-30: not a real calendar date."),
    ],
)
def test_a_declared_parameter_rejects_a_bad_value_with_a_notice(ds, query, notice):
    view, notices = parse_query(query, ds)
    assert view.extra == ()
    assert notices == [notice]


def test_a_declared_parameter_is_carried_in_the_order_of_the_registry(ds):
    view, notices = parse_query("theme=projector&rel=B&rel=B&rel=A&since=2025-01-02", ds)
    assert notices == []
    assert view.get("rel") == ("B", "A") and view.get("since") == date(2025, 1, 2)
    assert view_query(view) == "rel=B&rel=A&since=2025-01-02&theme=projector"


def test_the_cache_key_changes_with_the_filters_and_with_a_reload(ds):
    key = data_key(ds, Filters())
    assert key == data_key(ds, Filters())
    assert key != data_key(ds, Filters(categories=("combat",)))
    assert key != data_key(replace(ds, loaded_at=datetime(2030, 1, 1, tzinfo=UTC)), Filters())
    assert key.startswith(ds.fingerprint)


def test_the_data_layer_alone_does_not_check_steps_but_the_app_loader_does():
    from components.data.loading import load_dataset

    folder = ROOT / "tests" / "fixtures" / "bad_briefing_step"
    assert not [p for p in load_dataset(folder).problems if p.column == "view"]
    steps = [str(p) for p in load_briefing(folder).problems if p.column == "view"]
    assert steps and all(s.startswith("briefing.csv, row 4, column view: step 3:") for s in steps)
