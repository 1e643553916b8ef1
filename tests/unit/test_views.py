"""Links read back into the views they were made from; bad parameters are dropped with a notice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from components.data.loading import load_dataset
from components.state.filters import Filters
from components.state.views import MAX_TEXT, View, app_base, echo, parse_query, parse_view, share_link, view_query

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINIMAL)


def test_an_empty_link_is_the_overview_with_no_filters_and_no_notice(ds):
    assert parse_view({}, ds) == (View(), [])


def test_a_full_link_is_read_into_page_filters_selection_and_chart_choice(ds):
    params = {
        "page": "forces",
        "from": "2024-10-01",
        "to": "2025-01-31",
        "cat": ["combat", "statement"],
        "claimant": "South Korea NIS",
        "conf": ["claimed"],
        "q": "Kursk",
        "asof": "2025-01-15",
        "event": "deployment",
        "place": "sudzha",
        "force": "dprk",
        "metric": "losses",
        "data": ds.fingerprint,
        "step": "2",
    }
    view, notices = parse_view(params, ds)
    assert notices == []
    assert view == View(
        page="forces",
        filters=Filters(
            date(2024, 10, 1),
            date(2025, 1, 31),
            ("combat", "statement"),
            ("South Korea NIS",),
            ("claimed",),
            "Kursk",
            date(2025, 1, 15),
        ),
        event="deployment",
        place="sudzha",
        force="dprk",
        metric="losses",
        data_stamp=ds.fingerprint,
        step=2,
    )


def test_a_view_survives_the_round_trip_through_its_query_string(ds):
    view = View(
        page="map",
        filters=Filters(date(2024, 1, 1), None, ("combat",), ("Kremlin", "Ukraine SSO"), (), "a & b = c?", None),
        place="sudzha",
        data_stamp=ds.fingerprint,
    )
    assert parse_query(view_query(view), ds) == (view, [])


def test_repeatable_parameters_are_repeated_in_the_query_string():
    query = view_query(View(filters=Filters(categories=("combat", "territory"))))
    assert query == "cat=combat&cat=territory"


def test_a_share_link_uses_the_pages_path_and_keeps_the_rest_as_parameters():
    view = View(page="timeline", event="treaty", filters=Filters(as_of=date(2025, 1, 15)))
    link = share_link("http://host:8501/", view)
    parts = urlsplit(link)
    assert parts.path == "/timeline"
    assert parse_qs(parts.query) == {"asof": ["2025-01-15"], "event": ["treaty"]}


def test_a_share_link_to_the_overview_has_no_page_path():
    assert share_link("http://host", View()) == "http://host/"


HOSTILE = [
    ({"q": "x" * 5000}, "only the first 200"),
    ({"event": "<script>alert(1)</script>"}, "not a known event"),
    ({"cat": "<img src=x onerror=alert(1)>"}, "not a known category"),
    ({"event": "no-such-event"}, "not a known event"),
    ({"place": "atlantis"}, "not a known place"),
    ({"from": "2025-02-30"}, "not a real calendar date"),
    ({"asof": "yesterday"}, "not a date in YYYY-MM-DD form"),
    ({"to": "0001-01-01"}, "outside"),
    ({"event": ""}, "it was empty"),
    ({"cat": ""}, "it was empty"),
    ({"page": "admin"}, "not a known page"),
    ({"force": "nato"}, "not a known force"),
    ({"metric": "morale"}, "not a known metric"),
    ({"step": "99"}, "no such step"),
    ({"step": "-1"}, "not a step number"),
    ({"data": "zz"}, "not a data stamp"),
    ({"utm_source": "mail"}, "unknown link parameter"),
    ({"claimant": "Nobody"}, "not a known claimant"),
]


@pytest.mark.parametrize(("params", "expected"), HOSTILE)
def test_a_bad_parameter_is_ignored_with_a_short_notice(ds, params, expected):
    view, notices = parse_view(params, ds)
    assert len(notices) == 1 and expected in notices[0]
    assert len(notices[0]) < 150
    assert view.event is None and view.page == "overview" and view.filters.categories == ()


def test_a_long_search_text_is_kept_to_its_first_characters(ds):
    view, _ = parse_view({"q": "y" * 5000}, ds)
    assert view.filters.text == "y" * MAX_TEXT


def test_notices_never_echo_markup_or_markdown():
    assert echo("<script>alert(1)</script>") == "?script?alert?1???script?"
    assert not set(echo("<b>*_[x](javascript:1)`")) & set("<>*_[]()`")


def test_a_link_made_on_other_data_says_so_and_keeps_the_rest_of_the_view(ds):
    view, notices = parse_view({"data": "0123abcd", "page": "map"}, ds)
    assert notices == ["This link was made on different data (0123abcd); showing current data."]
    assert view.page == "map"


def test_from_after_to_is_swapped_with_a_notice(ds):
    view, notices = parse_view({"from": "2025-03-01", "to": "2025-01-01"}, ds)
    assert (view.filters.date_from, view.filters.date_to) == (date(2025, 1, 1), date(2025, 3, 1))
    assert "swapped" in notices[0]


def test_a_repeated_single_parameter_uses_the_last_value(ds):
    view, notices = parse_view({"page": ["map", "forces"]}, ds)
    assert view.page == "forces" and "used the last" in notices[0]


def test_known_values_are_kept_when_others_beside_them_are_dropped(ds):
    view, notices = parse_view({"cat": ["combat", "bogus", "combat"], "conf": ["claimed", "sure"]}, ds)
    assert view.filters.categories == ("combat",) and view.filters.confidences == ("claimed",)
    assert len(notices) == 2


def test_a_briefing_query_string_is_read_like_a_link(ds):
    view, notices = parse_query("page=forces&force=dprk&metric=losses", ds)
    assert (view.page, view.force, view.metric, notices) == ("forces", "dprk", "losses", [])


@pytest.mark.parametrize(
    ("url", "page_path", "expected"),
    [
        ("http://host:8501/timeline", "timeline", "http://host:8501"),
        ("https://example.org/briefing/map?place=x", "map", "https://example.org/briefing"),
        ("http://host:8501/", "", "http://host:8501"),
        (None, "map", ""),
    ],
)
def test_the_apps_root_address_is_the_current_address_without_the_pages_path(url, page_path, expected):
    assert app_base(url, page_path) == expected
