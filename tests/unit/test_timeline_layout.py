"""The timeline's layout on the pure figure: readable date ticks at any width, key-event labels clear of marks.

The boxes are reckoned in pixels from the figure's own data, with sizes measured in Chromium (the browser tier
checks the drawn page): a 12 px label's text is 16 px tall, 1.5 px below the annotation's anchor, and up to
5.7 px per character wide; a marker's box is at most 17 px (a diamond); a lane is 59 px tall at 1280 and 1920 px
and 46 px on a 390 px phone (its legend, one item per row, takes the plot's height); the plot is 233, 695 and
1335 px wide.
"""

from __future__ import annotations

import pandas as pd
import pytest

from components.present.timeline import BAR_WIDTH, label_order, timeline_figure, timeline_rows

LABEL_PX = 16
LABEL_OFFSET_PX = 1.5
CHAR_PX = 5.7
MARK_PX = 17
# (plot width, lane height, whether every label shows or only each lane's first: narrow_label_css hides the rest)
SCREENS = {"phone": (233, 46, False), "laptop": (695, 59, True), "wall": (1335, 59, True)}
Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    """Two boxes sharing more than a pixel of width and of height."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def to_px(fig, plot_px: float, lane_px: float):
    """Functions from a date and a lane coordinate to pixels on a plot of that size."""
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    top = min(fig.layout.yaxis.range)
    return (lambda t: (pd.Timestamp(t) - first) / (last - first) * plot_px), (lambda y: (y - top) * lane_px)


def label_boxes(fig, screen: str) -> list[Box]:
    """The key-event labels a reader sees on that screen, as pixel boxes (left-anchored, top-anchored)."""
    plot_px, lane_px, every = SCREENS[screen]
    x, y = to_px(fig, plot_px, lane_px)
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("label:")]
    shown = labels if every else labels[: len(fig.layout.yaxis.tickvals)]
    top = [y(a.y) + LABEL_OFFSET_PX for a in shown]
    return [(x(a.x), t, x(a.x) + len(a.text) * CHAR_PX, t + LABEL_PX) for a, t in zip(shown, top, strict=True)]


def mark_boxes(fig, screen: str) -> list[Box]:
    """Every event's mark (points and bars) as pixel boxes."""
    plot_px, lane_px, _ = SCREENS[screen]
    x, y = to_px(fig, plot_px, lane_px)
    boxes = []
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for i, lane_y in enumerate(trace.y):
            if trace.type == "bar":
                start = pd.Timestamp(trace.base[i])
                end = start + pd.Timedelta(milliseconds=float(trace.x[i]))
                half = BAR_WIDTH / 2 * lane_px
                boxes.append((x(start), y(lane_y) - half, x(end), y(lane_y) + half))
            else:
                cx, cy = x(trace.x[i]), y(lane_y)
                boxes.append((cx - MARK_PX / 2, cy - MARK_PX / 2, cx + MARK_PX / 2, cy + MARK_PX / 2))
    return boxes


def crowded_events() -> pd.DataFrame:
    """Two busy lanes: clusters of same-day and same-week events under long titles, and a long span."""
    rows = []
    for i, day in enumerate(pd.date_range("2024-06-01", "2025-06-01", freq="5D")):
        for category in ("combat", "casualties"):
            rows.append({"event_id": f"{category}-{i}", "title": f"A long title of {category} event {i} here"})
            rows[-1].update(date=day, category=category)
    rows.append({"event_id": "span", "title": "A span", "date": pd.Timestamp("2024-07-01"), "category": "combat"})
    frame = pd.DataFrame(rows)
    frame["date_end"] = pd.NaT
    frame.loc[frame["event_id"] == "span", "date_end"] = pd.Timestamp("2025-03-01")
    frame["date_precision"] = "day"
    frame["date_end_precision"] = "day"
    frame["confidence"] = "reported"
    frame["claimants"] = [("NIS",)] * len(frame)
    return frame


@pytest.mark.parametrize("screen", list(SCREENS))
def test_key_event_labels_clear_every_mark_and_each_other(bundled_dataset, screen):
    fig = timeline_figure(bundled_dataset.events)
    labels, marks = label_boxes(fig, screen), mark_boxes(fig, screen)
    assert len(labels) >= 7 and len(marks) == len(bundled_dataset.events)
    assert [(label, mark) for label in labels for mark in marks if overlaps(label, mark)] == []
    assert [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlaps(a, b)] == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_labels_clear_the_marks_of_crowded_lanes_too(screen):
    fig = timeline_figure(crowded_events())
    labels, marks = label_boxes(fig, screen), mark_boxes(fig, screen)
    assert labels and len(marks) == len(crowded_events())
    assert [(label, mark) for label in labels for mark in marks if overlaps(label, mark)] == []


def test_same_day_events_still_sit_on_separate_sub_rows_below_the_labels(bundled_dataset):
    rows = timeline_rows(crowded_events())
    first_label = rows.set_index("event_id").loc[label_order(rows)[0]]
    under = rows[(rows["lane"] == first_label["lane"]) & (rows["start"] == first_label["start"])]
    assert under["y"].nunique() == len(under)
    assert (under["y"] > under["lane"]).all()  # below the lane's line: the band above is the labels'


def test_approximate_sign_sits_inside_its_hollow_marker_not_above_it():
    events = crowded_events().head(1).assign(date_precision="approx")
    (trace,) = [t for t in timeline_figure(events).data if t.customdata is not None]
    assert trace.mode == "markers+text" and trace.text[0] == "≈" and trace.textposition == "middle center"


def test_every_month_has_a_tick_and_a_gridline_and_plotly_spaces_the_labels_to_the_width(bundled_dataset):
    axis = timeline_figure(bundled_dataset.events).layout.xaxis
    assert axis.minor.dtick == "M1" and axis.minor.showgrid and axis.minor.ticks == "outside"
    # No fixed label spacing: plotly labels as many ticks as fit upright (every 6 months on a phone).
    assert axis.dtick is None and axis.tickmode in (None, "auto") and axis.ticklabelstep is None
    assert axis.tickformat == "%b\n%Y"  # the year only under the first tick and each January


def test_the_legend_sits_below_the_year_line_at_any_plot_height(bundled_dataset):
    legend = timeline_figure(bundled_dataset.events).layout.legend
    # At the foot of the figure (not a share of the plot's height below it, which a phone's tall legend shrinks).
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")


def test_a_selected_events_title_has_a_top_margin_as_tall_as_its_lines(bundled_dataset):
    events = bundled_dataset.events
    chosen = events.loc[events["event_id"] == "first-clash-umerov"].iloc[0]
    fig = timeline_figure(events, selected=chosen["event_id"])
    title = fig.layout.title
    lines = title.text.count("<br>") + 1
    assert lines == 3 and chosen["title"][:20] in title.text
    # Hung from the figure's top, not centred in a 40 px margin, where its lines ran down into the first lane.
    assert (title.yref, title.y, title.yanchor) == ("container", 1, "top")
    assert fig.layout.margin.t >= 22 * lines + title.pad.t + 6
    assert timeline_figure(events).layout.margin.t == 40  # nothing selected: no room kept
