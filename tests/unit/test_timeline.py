"""The timeline figure: categories in lanes, precision visible, hover escaped, dense data binned."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from components.data.loading import load_dataset
from components.present.labels import date_label, date_labels
from components.present.palette import category_color
from components.present.timeline import (
    binning_note,
    key_event_ids,
    label_order,
    narrow_label_css,
    selected_event_id,
    timeline_alt,
    timeline_figure,
    timeline_heading,
    timeline_rows,
)

ROOT = Path(__file__).resolve().parents[2]

DAY_MS = 86_400_000


def make_events(*rows: dict) -> pd.DataFrame:
    """Events in the loader's in-memory shape; each row overrides a plain day-precision event."""
    base = {
        "date_end": None,
        "date_precision": "day",
        "date_end_precision": "day",
        "summary": "A summary.",
        "category": "combat",
        "actors": (),
        "location_ids": (),
        "claimants": ("Ukraine SSO",),
        "source_ids": ("s1",),
        "confidence": "reported",
    }
    records = [
        {**base, "event_id": f"e{i}", "title": f"Event {i}", "date": "2025-01-10", **r} for i, r in enumerate(rows)
    ]
    frame = pd.DataFrame(records)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    frame["date_end"] = pd.to_datetime(frame["date_end"]).astype("datetime64[us]")
    return frame


def traces_with(fig, event_id: str) -> list:
    """The data traces whose customdata carries an event id."""
    return [t for t in fig.data if t.customdata is not None and any(c[0] == event_id for c in t.customdata)]


def point_of(fig, event_id: str) -> tuple:
    """(trace, index) of an event's mark."""
    trace = traces_with(fig, event_id)[0]
    return trace, [c[0] for c in trace.customdata].index(event_id)


def test_day_event_is_a_point_with_its_confidence_symbol_and_event_id():
    fig = timeline_figure(make_events({"event_id": "treaty", "confidence": "disputed"}))
    trace, i = point_of(fig, "treaty")
    assert trace.type == "scatter"
    assert trace.marker.symbol[i] == "x"
    assert trace.customdata[i][0] == "treaty"


def test_month_event_is_a_hatched_bar_spanning_its_whole_month():
    fig = timeline_figure(make_events({"event_id": "m", "date": "2024-11-01", "date_precision": "month"}))
    trace, i = point_of(fig, "m")
    assert trace.type == "bar" and trace.orientation == "h"
    assert pd.Timestamp(trace.base[i]) == pd.Timestamp("2024-11-01")
    assert trace.x[i] == 30 * DAY_MS
    assert trace.marker.pattern.shape[i] == "/"
    assert trace.text[i] == "month"


def test_week_event_is_a_bar_one_week_long():
    fig = timeline_figure(make_events({"event_id": "w", "date": "2024-12-02", "date_precision": "week"}))
    trace, i = point_of(fig, "w")
    assert trace.type == "bar"
    assert trace.x[i] == 7 * DAY_MS
    assert trace.text[i] == "week"


def test_span_is_a_solid_bar_from_date_to_date_end_inclusive():
    fig = timeline_figure(make_events({"event_id": "s", "date": "2024-11-04", "date_end": "2024-11-30"}))
    trace, i = point_of(fig, "s")
    assert pd.Timestamp(trace.base[i]) == pd.Timestamp("2024-11-04")
    assert trace.x[i] == 27 * DAY_MS
    assert trace.marker.pattern.shape[i] == ""


def test_approximate_date_is_a_hollow_marker_with_an_approx_sign():
    fig = timeline_figure(make_events({"event_id": "a", "date_precision": "approx", "confidence": "claimed"}))
    trace, i = point_of(fig, "a")
    assert trace.marker.symbol[i] == "diamond-open"
    assert trace.text[i] == "≈"
    assert "≈ 2025-01-10 (approximate)" in trace.customdata[i][1]


def test_month_precision_never_looks_like_a_day_in_the_hover():
    assert date_label(pd.Timestamp("2024-11-01"), "month") == "Nov 2024 (month)"
    assert date_label(pd.Timestamp("2024-11-04"), "week") == "week of 2024-11-04"


def test_each_category_has_its_own_lane_and_palette_colour():
    fig = timeline_figure(make_events({"category": "diplomacy"}, {"category": "combat"}, {"category": "combat"}))
    assert list(fig.layout.yaxis.ticktext) == ["diplomacy", "combat"]
    marks = [t for t in fig.data if t.customdata is not None]
    assert {t.name: t.marker.color for t in marks} == {c: category_color(c) for c in ("diplomacy", "combat")}


def test_legend_explains_confidence_shapes_and_precision_styles():
    fig = timeline_figure(make_events({}))
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert names == ["confirmed", "reported", "claimed", "disputed", "≈ approximate", "hatched: week/month"]


def test_hover_shows_title_date_claimants_and_confidence():
    fig = timeline_figure(make_events({"event_id": "h", "title": "Troops arrive", "claimants": ("NIS", "Zelensky")}))
    trace, i = point_of(fig, "h")
    hover = trace.customdata[i][1]
    for text in ("Troops arrive", "2025-01-10", "NIS; Zelensky", "reported"):
        assert text in hover
    assert trace.hovertemplate == "%{customdata[1]}<extra></extra>"


def test_markup_in_titles_and_claimants_is_escaped_in_the_hover():
    fig = timeline_figure(
        make_events({"event_id": "x", "title": "<img src=x onerror=alert(1)>", "claimants": ("<b>Bold",)})
    )
    trace, i = point_of(fig, "x")
    hover = trace.customdata[i][1]
    assert "<img" not in hover and "&lt;img src=x onerror=alert(1)&gt;" in hover
    assert "<b>Bold" not in hover and "&lt;b&gt;Bold" in hover


def test_quotes_in_a_selected_title_are_shown_as_quotes_not_entities():
    # Plotly decodes &lt; and &amp; but not &quot;: an escaped quote mark would be shown as "&quot;".
    title = 'He said "withdraw" <b>now</b> & left'
    fig = timeline_figure(make_events({"event_id": "x", "title": title}), selected="x")
    text = fig.layout.title.text.replace("<br>", " ")
    assert text == 'Selected: He said "withdraw" &lt;b&gt;now&lt;/b&gt; &amp; left'


def test_a_long_selected_title_is_wrapped_to_lines_a_phone_can_show():
    title = "Ukrainian General Staff says North Korean units took heavy losses near Plekhovo and Vorozhba in Kursk"
    fig = timeline_figure(make_events({"event_id": "x", "title": title}), selected="x")
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 34 for line in lines)
    assert lines[0].startswith("Selected: Ukrainian")


def test_a_selected_title_with_markup_is_escaped_on_every_line():
    title = "<script>alert(1)</script> " * 4
    fig = timeline_figure(make_events({"event_id": "x", "title": title}), selected="x")
    assert "<script" not in fig.layout.title.text and "&lt;script&gt;" in fig.layout.title.text


def test_the_x_range_ends_within_a_few_days_of_the_last_event():
    events = make_events(
        {"event_id": "a", "date": pd.Timestamp("2024-08-06")},
        {"event_id": "b", "date": pd.Timestamp("2025-04-26")},
    )
    start, end = (pd.Timestamp(x) for x in timeline_figure(events).layout.xaxis.range)
    assert pd.Timestamp("2025-04-26") < end <= pd.Timestamp("2025-04-26") + pd.Timedelta(days=10)
    assert pd.Timestamp("2024-08-06") - pd.Timedelta(days=10) <= start < pd.Timestamp("2024-08-06")


def test_the_x_range_covers_a_span_that_ends_after_the_last_start():
    events = make_events(
        {"event_id": "a", "date": pd.Timestamp("2024-08-06")},
        {"event_id": "b", "date": pd.Timestamp("2024-09-01"), "date_end": pd.Timestamp("2025-03-01")},
    )
    _, end = (pd.Timestamp(x) for x in timeline_figure(events).layout.xaxis.range)
    assert pd.Timestamp("2025-03-01") < end <= pd.Timestamp("2025-03-20")


def test_the_heading_states_the_count_and_span_of_the_events_shown():
    events = make_events(
        {"event_id": "a", "date": pd.Timestamp("2024-08-06")},
        {"event_id": "b", "date": pd.Timestamp("2024-10-15")},
        {"event_id": "c", "date": pd.Timestamp("2025-04-26")},
    )
    assert timeline_heading(events) == "Timeline: 3 events, Aug 2024 – Apr 2025"
    assert timeline_heading(events.iloc[:1]) == "Timeline: 1 event in August 2024"
    assert timeline_heading(events.iloc[0:0]) == "Timeline: no events match the current filters"


def test_the_bundled_timeline_fits_seven_lanes_under_the_heading_at_1280x800():
    fig = timeline_figure(load_dataset(ROOT / "data").events)
    assert fig.layout.height <= 560


def test_events_on_the_same_day_in_one_lane_do_not_overlap():
    fig = timeline_figure(make_events({"event_id": "a"}, {"event_id": "b"}, {"event_id": "c"}))
    ys = {point_of(fig, e)[0].y[point_of(fig, e)[1]] for e in ("a", "b", "c")}
    assert len(ys) == 3


def test_only_drawn_columns_reach_the_figure():
    fig = timeline_figure(make_events({"summary": "SUMMARY-NOT-DRAWN", "source_ids": ("SOURCE-NOT-DRAWN",)}))
    payload = fig.to_json()
    assert "SUMMARY-NOT-DRAWN" not in payload and "SOURCE-NOT-DRAWN" not in payload


def test_dense_events_are_binned_by_week_with_a_visible_note_and_nothing_dropped():
    dates = pd.date_range("2024-06-01", periods=2000, freq="6h").strftime("%Y-%m-%d")
    events = make_events(*({"date": d, "category": "combat" if i % 3 else "statement"} for i, d in enumerate(dates)))
    fig = timeline_figure(events)
    assert sum(sum(t.y) for t in fig.data) == 2000
    assert all(t.customdata is None for t in fig.data)
    assert fig.layout.annotations[0].text == "2,000 events counted per week — binned, not drawn one by one"
    note = binning_note(events)
    assert "2,000 events binned by week" in note and "narrow the date range" in note


def test_dense_events_over_several_years_are_binned_by_month():
    dates = pd.date_range("2020-01-01", "2025-01-01", periods=1600).strftime("%Y-%m-%d")
    events = make_events(*({"date": d} for d in dates))
    assert "binned by month" in binning_note(events)
    assert binning_note(events.head(100)) is None


def test_empty_events_draw_an_empty_timeline():
    empty = make_events({}).iloc[0:0]
    fig = timeline_figure(empty)
    assert all(t.customdata is None for t in fig.data)
    assert "no events" in timeline_alt(empty)


def test_alt_text_counts_events_categories_and_imprecise_dates():
    events = make_events({"category": "combat"}, {"category": "diplomacy", "date_precision": "month"})
    alt = timeline_alt(events)
    assert "2 events" in alt and "1 combat" in alt and "1 diplomacy" in alt
    assert "1 dated only to the week, month or approximately" in alt


def test_selected_event_id_is_read_back_from_the_plotly_selection():
    selection = {"points": [{"curve_number": 0, "customdata": ["treaty", "hover"]}], "point_indices": [0]}
    assert selected_event_id(selection) == "treaty"
    assert selected_event_id({"points": []}) is None
    assert selected_event_id(None) is None


def test_events_a_marker_width_apart_sit_on_different_sub_rows():
    events = make_events(
        {"event_id": "first", "date": "2024-06-01"},
        {"event_id": "close", "date": "2024-06-09"},
        {"event_id": "far", "date": "2025-07-01"},
    )
    fig = timeline_figure(events)
    y = {e: point_of(fig, e)[0].y[point_of(fig, e)[1]] for e in ("first", "close", "far")}
    assert y["first"] != y["close"]
    assert y["far"] == y["first"]


def test_column_of_date_labels_matches_the_single_label():
    dates = pd.Series(pd.to_datetime(["2024-11-01", "2024-11-04", "2025-01-31", "2025-02-02", None]))
    precisions = pd.Series(["month", "week", "approx", "day", "day"])
    expected = [date_label(d, p) for d, p in zip(dates, precisions, strict=True)]
    assert list(date_labels(dates, precisions)) == expected
    assert expected[-1] == "undated"


def test_each_lanes_first_label_comes_before_any_lanes_second_and_a_phone_keeps_only_those():
    events = load_dataset(ROOT / "data").events
    rows = timeline_rows(events)
    order = label_order(rows)
    lanes = rows.set_index("event_id")["lane"]
    lane_count = rows["lane"].nunique()
    assert sorted(order) == sorted(key_event_ids(rows)) and len(order) > lane_count
    assert sorted(lanes[e] for e in order[:lane_count]) == list(range(lane_count))  # one per lane, each lane once
    figure = timeline_figure(events)
    assert [a.name for a in figure.layout.annotations] == [f"label:{e}" for e in order]
    css = narrow_label_css("st-key-timeline", figure, lane_count)
    hidden = {int(i) for i in re.findall(r'data-index="(\d+)"', css)}
    assert hidden == set(range(lane_count, len(order)))
    assert css.startswith("@media (max-width: 640px)") and ".st-key-timeline g.annotation" in css
