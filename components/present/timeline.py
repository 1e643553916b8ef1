"""The timeline figure: every event on a date axis, one lane per category.

Plotly hover labels, legend names and annotations are rendered as pseudo-HTML, so every string
taken from the data is escaped here before it reaches the figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.present.labels import (  # noqa: F401  (the labels were here first; their home is labels.py)
    HOVER_CHARS,
    PRECISION_WORDS,
    clip,
    column,
    date_label,
    date_labels,
    dates_label,
    event_dates_label,
    joined,
    plotly_text,
    row_values,
)
from components.present.palette import CATEGORIES, CONFIDENCE_SYMBOLS, category_color, confidence_symbol
from components.present.theme import LIGHT, Theme, apply_theme

MAX_POINTS = 1500
LANE_SLOTS = 5
# Sub-rows SLOT_STEP apart (in lanes), slot 1 SLOT_BASE below the lane's line: a 17 px diamond in slots 1 to 3
# clears its lane's label and the next lane's, even in a 46 px lane (a phone, whose tall legend shrinks the plot).
SLOT_STEP = 0.124
SLOT_BASE = 0.11
LABEL_CHARS = 24  # a key event's label on the chart: its title cut to this
LABEL_SPACING = 4  # at most this many labels side by side across one lane's time span
NARROW_PX = 640  # a window this narrow (a phone) keeps one label per lane
LANE_HEIGHT = 62  # seven lanes, the legend and the axis fit under the page's heading at 1280x800
TITLE_CHARS = 34  # a selected event's title is wrapped to lines this long: fits a 390 px phone
TITLE_LINE_PX = 22  # a line of the selected event's 17 px title
TITLE_TOP_PX = 14  # the title's pad from the figure's top (plotly sets a first line's caps above its anchor)
TITLE_GAP_PX = 6  # between that title and the plot
X_MARGIN = 0.03  # the x range runs this share of the events' span past the first and last event
BAR_WIDTH = 0.14
# A key-event label is drawn in the top band of its lane (LABEL_TOP below the lane's upper edge, one text line
# tall). Marks under it leave the lane's top sub-row, and the bottom sub-row of the lane above, free: the
# label's width in time is reckoned on the narrowest plot that shows it (a phone shows each lane's first label
# only; the others from NARROW_PX up), so on any wider plot it is shorter still. Measured in Chromium: a 12 px
# label's text is 16 px tall and 5.7 px per character wide; a lane is 59 px tall (46 on a phone); the plot is
# 233 px wide at 390 px.
LABEL_TOP = 0.02
LABEL_PX_PER_CHAR = 6.2
LABEL_PAD_PX = 6
MARK_PX = 17  # a marker's box: a 13 px diamond and its outline
PHONE_PLOT_PX = 220  # the plot's width on a phone (the narrowest that shows each lane's first label)
NARROW_PLOT_PX = 420  # the narrowest plot that shows the other labels (a window just wider than NARROW_PX)
MINOR_TICK = "M1"  # a tick and a gridline every month; plotly spaces the labelled ticks to the plot's width


def period_ends(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """Per date, the first instant after the day, week or month it stands for."""
    dates = pd.to_datetime(dates)
    next_month = dates.dt.to_period("M").dt.start_time + pd.offsets.MonthBegin(1)
    ends = (dates + pd.Timedelta(days=1)).where(precisions.to_numpy() != "week", dates + pd.Timedelta(days=7))
    return ends.where(precisions.to_numpy() != "month", next_month)


def bar_ends(events: pd.DataFrame) -> pd.Series:
    """End of the bar drawn for each event (NaT when it is drawn as a point): spans and week/month dates."""
    start = pd.to_datetime(events["date"])
    precision = column(events, "date_precision", "day")
    end = pd.to_datetime(column(events, "date_end", pd.NaT))
    span_end = period_ends(end, column(events, "date_end_precision", "day"))
    span_end = span_end.where(span_end > start, start + pd.Timedelta(days=1))
    vague_end = period_ends(start, precision).where(precision.isin(["month", "week"]).to_numpy())
    return span_end.where(end.notna(), vague_end)


def hover_labels(events: pd.DataFrame) -> list[str]:
    """Escaped hover labels: title, date with precision, claimants, confidence and category."""
    starts = date_labels(events["date"], column(events, "date_precision", "day"))
    ends = date_labels(column(events, "date_end", pd.NaT), column(events, "date_end_precision", "day"))
    spans = starts.where(ends == "undated", starts + " – " + ends)
    parts = row_values(events, "title", spans, ("claimants", ()), ("confidence", ""), "category")
    return [
        f"<b>{clip(title)}</b><br>{clip(when)}<br>Claimed by: {clip(joined(who))}"
        f"<br>Confidence: {clip(conf)} · {clip(cat)}"
        for title, when, who, conf, cat in parts
    ]


def category_lanes(categories: Iterable[str]) -> list[str]:
    """Categories present, in palette order; unknown ones after, alphabetically."""
    present = set(categories)
    known = [c for c in CATEGORIES if c in present]
    return known + sorted(present - set(CATEGORIES))


Spans = list[tuple[pd.Timestamp, pd.Timestamp]]


def _slots(starts: pd.Series, ends: pd.Series, gap: pd.Timedelta, blocked: dict[int, Spans] | None = None) -> list[int]:
    """Greedy lane slots so that events closer in time than `gap` sit on different sub-rows.

    `blocked` maps a slot to the time spans where a label covers it: a mark overlapping one takes another slot.
    """
    order = starts.sort_values(kind="stable").index
    slot_end: list[pd.Timestamp] = [pd.Timestamp.min] * LANE_SLOTS
    result: dict[object, int] = {}
    for idx in order:
        start, end = starts[idx], max(ends[idx], starts[idx])
        allowed = [
            s for s in range(LANE_SLOTS) if not any(lo < end and start < hi for lo, hi in (blocked or {}).get(s, ()))
        ] or list(range(LANE_SLOTS))
        free = [s for s in allowed if slot_end[s] <= start]
        slot = free[0] if free else min(allowed, key=lambda s: slot_end[s])
        slot_end[slot] = end + gap
        result[idx] = slot
    return [result[i] for i in starts.index]


def marker_gap(starts: pd.Series, ends: pd.Series) -> pd.Timedelta:
    """The time a marker covers on screen (about 1/40 of the range shown), at least four days."""
    if starts.empty:
        return pd.Timedelta(days=4)
    span = pd.to_datetime(ends.where(ends.notna(), starts)).max() - starts.min()
    return max(pd.Timedelta(days=4), span / 40)


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One drawing row per event: kind (point, approx, bar), start, end, lane y, hover."""
    rows = pd.DataFrame(index=events.index)
    rows["event_id"] = events["event_id"]
    rows["category"] = events["category"]
    rows["start"] = events["date"]
    rows["end"] = bar_ends(events)
    precision = column(events, "date_precision", "day")
    rows["precision"] = precision
    rows["kind"] = "point"
    rows.loc[precision == "approx", "kind"] = "approx"
    rows.loc[rows["end"].notna(), "kind"] = "bar"
    rows["hover"] = hover_labels(events)
    rows["confidence"] = column(events, "confidence", "")
    lanes = category_lanes(rows["category"])
    rows["lane"] = rows["category"].map({c: i for i, c in enumerate(lanes)})
    rows["y"] = rows["lane"].astype(float)
    gap = marker_gap(rows["start"], rows["end"])
    blocked = label_spans(rows, events["title"])
    for lane, group in rows.groupby("lane"):
        ends = group["end"].where(group["end"].notna(), group["start"])
        slots = _slots(group["start"], pd.to_datetime(ends), gap, blocked.get(int(lane)))
        # Slots fill downward from just below the lane line; the band above holds the key-event labels.
        rows.loc[group.index, "y"] = group["lane"] + SLOT_BASE + (pd.Series(slots, index=group.index) - 1) * SLOT_STEP
    return rows


def label_text(title: object, limit: int = LABEL_CHARS) -> str:
    """A title cut to a label's length at a word boundary (not yet escaped)."""
    text = "" if title is None or title is pd.NA else str(title)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def label_spans(rows: pd.DataFrame, titles: pd.Series) -> dict[int, dict[int, Spans]]:
    """Per lane, per slot: the time spans a key-event label covers on the narrowest plot that shows it.

    A label in lane L covers L's top slot and the bottom slot of the lane above (L - 1), whose marks reach
    down into L's label band. Each span is widened by half a marker either side.
    """
    if rows.empty:
        return {}
    first, last = x_range(rows)
    span = last - first
    lanes = rows.set_index("event_id")["lane"]
    starts = rows.set_index("event_id")["start"]
    title_of = pd.Series(titles.to_numpy(), index=rows["event_id"].to_numpy())
    order = label_order(rows)
    lane_count = rows["lane"].nunique()
    spans: dict[int, dict[int, Spans]] = {}
    for rank, event_id in enumerate(order):
        plot_px = PHONE_PLOT_PX if rank < lane_count else NARROW_PLOT_PX
        px = len(label_text(title_of.get(event_id, ""))) * LABEL_PX_PER_CHAR + LABEL_PAD_PX
        half_mark = span * (MARK_PX / 2 / plot_px)
        lo, hi = starts[event_id] - half_mark, starts[event_id] + span * (px / plot_px) + half_mark
        lane = int(lanes[event_id])
        spans.setdefault(lane, {}).setdefault(0, []).append((lo, hi))
        if lane > 0:
            spans.setdefault(lane - 1, {}).setdefault(LANE_SLOTS - 1, []).append((lo, hi))
    return spans


def _custom(group: pd.DataFrame) -> np.ndarray:
    """(event id, hover) per mark as one object array: plotly validates it at once, not tuple by tuple."""
    return np.column_stack([group["event_id"].to_numpy(dtype=object), group["hover"].to_numpy(dtype=object)])


def _point_trace(group: pd.DataFrame, category: str, approx: bool, theme: Theme = LIGHT) -> go.Scatter:
    """Markers for day-precision (filled) or approximate (hollow, '≈') events of one category."""
    return go.Scatter(
        x=group["start"],
        y=group["y"],
        mode="markers+text" if approx else "markers",
        text=["≈"] * len(group) if approx else None,
        # Inside the hollow marker: above it the sign would reach into the sub-row or label band above.
        textposition="middle center",
        textfont={"size": 11, "color": category_color(category, theme=theme.name)},
        marker={
            "symbol": [confidence_symbol(c, open_marker=approx) for c in group["confidence"]],
            "color": category_color(category, theme=theme.name),
            "size": 13,
            "line": {
                "width": 2 if approx else 1,
                "color": category_color(category, theme=theme.name) if approx else theme.outline,
            },
        },
        name=plotly_text(category),
        showlegend=False,
        customdata=_custom(group),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _bar_trace(group: pd.DataFrame, category: str, theme: Theme = LIGHT) -> go.Bar:
    """Bars from start to end: spans solid, week/month-precision dates hatched and labelled."""
    vague = group["precision"].isin(["month", "week"])
    duration_ms = (group["end"] - group["start"]).dt.total_seconds() * 1000
    return go.Bar(
        base=group["start"],
        x=duration_ms,
        y=group["y"],
        orientation="h",
        width=BAR_WIDTH,
        text=[PRECISION_WORDS[p] if v else "" for p, v in zip(group["precision"], vague, strict=True)],
        textposition="inside",
        insidetextanchor="start",
        textfont={"color": theme.background},
        marker={
            "color": category_color(category, theme=theme.name),
            "pattern": {
                "shape": ["/" if v else "" for v in vague],
                "bgcolor": category_color(category, theme=theme.name),
                "fgcolor": theme.background,
                "fillmode": "replace",
                "solidity": 0.3,
            },
            "line": {"width": 1, "color": theme.outline},
        },
        name=plotly_text(category),
        showlegend=False,
        customdata=_custom(group),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _key_traces(theme: Theme = LIGHT) -> list[go.Scatter]:
    """Legend-only entries explaining marker shapes and precision styles."""
    keys = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": symbol, "color": theme.muted, "size": 10},
            name=level,
        )
        for level, symbol in CONFIDENCE_SYMBOLS.items()
    ]
    keys.append(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "circle-open", "color": theme.muted, "size": 10},
            name="≈ approximate",
        )
    )
    keys.append(
        # Short names: a horizontal legend lays its items out in columns as wide as the widest one.
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "line-ne", "size": 12, "line": {"width": 2, "color": theme.muted}},
            name="hatched: week/month",
        )
    )
    return keys


def short_label(title: object, limit: int = LABEL_CHARS) -> str:
    """A title cut to a label's length at a word boundary, escaped."""
    return plotly_text(label_text(title, limit))


def key_event_ids(rows: pd.DataFrame) -> list[str]:
    """Events labelled on the chart: in each lane, the first event and then the next far enough along.

    Labels of one lane are at least 1/LABEL_SPACING of the time span apart, so they do not collide.
    """
    if rows.empty:
        return []
    span = (rows["start"].max() - rows["start"].min()) or pd.Timedelta(days=30)
    reach = span / LABEL_SPACING
    chosen: list[str] = []
    for _, lane in rows.sort_values("start", kind="stable").groupby("lane", sort=True):
        last = None
        for event_id, start in zip(lane["event_id"], lane["start"], strict=True):
            if last is None or start - last >= reach:
                chosen.append(event_id)
                last = start
    return chosen


def label_order(rows: pd.DataFrame) -> list[str]:
    """The key events' ids, each lane's first label before any lane's second: a narrow screen keeps the first ones."""
    lanes = rows.set_index("event_id")["lane"]
    seen: dict[int, int] = {}
    ranked = []
    for event_id in key_event_ids(rows):
        lane = int(lanes[event_id])
        ranked.append((seen.get(lane, 0), lane, event_id))
        seen[lane] = seen.get(lane, 0) + 1
    return [event_id for _, _, event_id in sorted(ranked)]


def narrow_label_css(container: str, figure: go.Figure, lanes: int, max_width_px: int = NARROW_PX) -> str:
    """CSS that, on a window up to `max_width_px` wide, hides every key-event label but each lane's first.

    Plotly draws annotation i as `g.annotation[data-index="i"]`; label_order puts the lanes' first labels first.
    """
    hidden = [f'.{container} g.annotation[data-index="{i}"]' for i in range(lanes, len(figure.layout.annotations))]
    if not hidden:
        return ""
    return f"@media (max-width: {max_width_px}px) {{ {', '.join(hidden)} {{ display: none; }} }}"


def _label_annotations(rows: pd.DataFrame, titles: pd.Series, theme: Theme) -> list[dict]:
    """Short labels of the key events, above their marks, on the page's background so they stay legible."""
    keyed = rows.set_index("event_id", drop=False)
    return [
        {
            "x": keyed.at[e, "start"],
            "y": keyed.at[e, "lane"] - 0.5 + LABEL_TOP,
            "text": short_label(titles.get(e, "")),
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": 12, "color": theme.text},
            "name": f"label:{e}",
        }
        for e in label_order(rows)
    ]


def _selected_traces(rows: pd.DataFrame, selected: str | None, title: str, theme: Theme) -> list[go.Scatter]:
    """A thick ring in the highlight colour round the selected event (its title is the chart's title)."""
    chosen = rows[rows["event_id"] == selected] if selected else rows.iloc[0:0]
    if chosen.empty:
        return []
    return [
        go.Scatter(
            x=chosen["start"],
            y=chosen["y"],
            mode="markers",
            marker={"symbol": "circle-open", "size": 30, "line": {"width": 4, "color": theme.highlight}},
            name="selected event",
            showlegend=False,
            hoverinfo="skip",
        )
    ]


def _event_figure(events: pd.DataFrame, theme: Theme = LIGHT, selected: str | None = None) -> go.Figure:
    """Individual events: points, hollow approximate points and bars, lane per category; key events labelled."""
    rows = timeline_rows(events)
    lanes = category_lanes(rows["category"])
    fig = go.Figure()
    for category in lanes:
        cat_rows = rows[rows["category"] == category]
        for kind in ("point", "approx", "bar"):
            group = cat_rows[cat_rows["kind"] == kind]
            if group.empty:
                continue
            if kind == "bar":
                fig.add_trace(_bar_trace(group, category, theme))
            else:
                fig.add_trace(_point_trace(group, category, kind == "approx", theme))

    fig.add_traces(_key_traces(theme))
    titles = pd.Series(events["title"].to_numpy(), index=events["event_id"].to_numpy())
    picked = titles.get(selected, "") if selected else ""
    fig.add_traces(_selected_traces(rows, selected, picked, theme))
    fig.update_layout(annotations=_label_annotations(rows, titles, theme))  # at once: add_annotation is O(n) each
    if picked:
        # From the figure's top down, in a top margin as tall as its lines: clear of the first lane's labels.
        fig.update_layout(
            title={
                "text": selected_title(picked),
                "x": 0,
                "xanchor": "left",
                "yref": "container",
                "y": 1,
                "yanchor": "top",
                "pad": {"t": TITLE_TOP_PX},
                "font": {"size": 17},
            }
        )
    fig.update_xaxes(range=x_range(rows))
    fig.update_yaxes(
        tickvals=list(range(len(lanes))),
        ticktext=[plotly_text(c) for c in lanes],
        range=[len(lanes) - 0.5, -0.5],
        showgrid=True,
        zeroline=False,
        fixedrange=True,
    )
    # The lanes name the categories, so the legend only explains shapes and bar styles.
    fig.update_layout(
        height=max(320, (170 if picked else 110) + LANE_HEIGHT * len(lanes)),
        barmode="overlay",
        legend={"traceorder": "normal"},
    )
    return fig


def selected_title(title: object, width: int = TITLE_CHARS) -> str:
    """'Selected: <title>' wrapped into escaped lines of at most `width` characters (plotly titles never wrap)."""
    lines = textwrap.wrap(
        f"Selected: {'' if title is None or title is pd.NA else title}", width, max_lines=3, placeholder=" …"
    )
    return "<br>".join(plotly_text(line) for line in lines)


def x_range(rows: pd.DataFrame) -> list[pd.Timestamp]:
    """The first event's start to the last event's end, X_MARGIN of the span (at least a day) either side."""
    first = rows["start"].min()
    last = max(rows["start"].max(), pd.to_datetime(rows["end"]).max() if rows["end"].notna().any() else first)
    pad = max(pd.Timedelta(days=1), (last - first) * X_MARGIN)
    return [first - pad, last + pad]


def timeline_heading(events: pd.DataFrame) -> str:
    """The finding the timeline shows, in words built from the events shown: how many, over what span."""
    if events.empty:
        return "Timeline: no events match the current filters"
    first, last = events["date"].min(), events["date"].max()
    count = f"{len(events):,} event{'s' if len(events) != 1 else ''}"
    if first.to_period("M") == last.to_period("M"):
        return f"Timeline: {count} in {first:%B %Y}"
    return f"Timeline: {count}, {first:%b %Y} – {last:%b %Y}"


def bin_frequency(events: pd.DataFrame) -> str:
    """'W' for ranges up to three years, else 'M': keeps the number of bars readable."""
    if events.empty:
        return "W"
    days = (events["date"].max() - events["date"].min()).days
    return "W" if days <= 3 * 366 else "M"


def binning_note(events: pd.DataFrame, max_points: int = MAX_POINTS) -> str | None:
    """The note shown when events are too many to draw one by one, else None."""
    if len(events) <= max_points:
        return None
    unit = "week" if bin_frequency(events) == "W" else "month"
    return (
        f"{len(events):,} events binned by {unit} (counted at their start date) — "
        "narrow the date range to see individual events"
    )


def binned_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events counted per category per week or month: columns bin, category, count."""
    freq = bin_frequency(events)
    bins = events["date"].dt.to_period(freq).dt.start_time
    counts = events.groupby([bins.rename("bin"), events["category"]]).size()
    return counts.rename("count").reset_index()


def _binned_figure(events: pd.DataFrame, theme: Theme = LIGHT) -> go.Figure:
    """Stacked counts per category per bin, labelled as binned above the chart."""
    counts = binned_counts(events)
    fig = go.Figure()
    for category in category_lanes(counts["category"]):
        part = counts[counts["category"] == category]
        fig.add_trace(
            go.Bar(
                x=part["bin"],
                y=part["count"],
                name=plotly_text(category),
                marker={"color": category_color(category, theme=theme.name)},
                hovertemplate=f"{plotly_text(category)}: %{{y}} events<br>from %{{x|%Y-%m-%d}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", height=420, yaxis_title="events")
    unit = "week" if bin_frequency(events) == "W" else "month"
    label = f"{len(events):,} events counted per {unit} — binned, not drawn one by one"
    fig.add_annotation(text=label, xref="paper", yref="paper", x=0, y=1.08, showarrow=False, xanchor="left")
    return fig


def timeline_figure(
    events: pd.DataFrame, max_points: int = MAX_POINTS, theme: Theme = LIGHT, selected: str | None = None
) -> go.Figure:
    """Every event on a date axis coloured by category, monthly ticks; binned counts when too dense.

    The `selected` event (clicked, linked or a presenter step's) gets a ring in the theme's highlight colour.
    """
    note = binning_note(events, max_points)
    fig = _binned_figure(events, theme) if note else _event_figure(events, theme, selected)
    apply_theme(fig, theme)
    # Plotly labels as many ticks as the plot's width holds upright (every 2 months at 1280 px, every 6 on a
    # phone: its own choice, from the width it draws at); a minor tick and gridline marks every month.
    fig.update_xaxes(
        type="date",
        showgrid=True,
        tickformat="%b\n%Y",
        ticks="outside",
        ticklen=5,
        minor={"dtick": month_tick(events), "ticks": "outside", "ticklen": 3, "showgrid": True},
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": title_margin(fig), "b": 10},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xref": "container", "x": 0},
        hovermode="closest",
        clickmode="event+select",
        hoverlabel={"align": "left"},
    )
    return fig


def title_margin(fig: go.Figure) -> int:
    """The top margin: 40 px, or the selected event's title lines (22 px each), its pad and a gap below."""
    text = fig.layout.title.text
    return 40 if not text else max(40, TITLE_LINE_PX * (text.count("<br>") + 1) + TITLE_TOP_PX + TITLE_GAP_PX)


def month_tick(events: pd.DataFrame) -> str:
    """Monthly (minor) ticks; every third month beyond three years, where monthly ones would crowd."""
    if events.empty:
        return "M1"
    days = (events["date"].max() - events["date"].min()).days
    return "M1" if days <= 3 * 366 else "M3"


def timeline_alt(events: pd.DataFrame) -> str:
    """A sentence describing the timeline for screen readers."""
    if events.empty:
        return "Timeline: no events match the current filters."
    counts = events["category"].value_counts()
    parts = ", ".join(f"{counts[c]} {c}" for c in category_lanes(counts.index))
    vague = events.get("date_precision", pd.Series(dtype=str)).isin(["week", "month", "approx"])
    spans = events.get("date_end", pd.Series(dtype="datetime64[ns]")).notna()
    return (
        f"Timeline of {len(events)} events from {events['date'].min():%d %b %Y} to "
        f"{events['date'].max():%d %b %Y}, one lane per category ({parts}); "
        f"{int(spans.sum())} drawn as spans, {int(vague.sum())} dated only to the week, "
        "month or approximately."
    )


def selected_event_id(selection: object) -> str | None:
    """The event id of the first selected point of a plotly selection state, if any."""
    points = (selection or {}).get("points", []) if isinstance(selection, dict) else []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            return str(custom[0])
    return None


LIST_ROWS = 500  # the event list shows this many rows at a time: 100,000 rows would send 8 MB to every reader


def list_pages(total: int, size: int = LIST_ROWS) -> int:
    """How many pages of `size` rows the event list has (at least one)."""
    return max(1, -(-total // size))


def list_window(total: int, page: int, size: int = LIST_ROWS) -> tuple[int, int]:
    """The rows [start, stop) of page `page` (1-based, clamped to the pages there are) of the event list."""
    page = min(max(1, page), list_pages(total, size))
    return (page - 1) * size, min(total, page * size)


def list_page_of(event_ids: pd.Series, event_id: str | None, size: int = LIST_ROWS) -> int | None:
    """The page (1-based) of the event list that holds `event_id`, or None when it is not listed."""
    where = np.flatnonzero(event_ids.to_numpy() == event_id) if event_id else []
    return int(where[0]) // size + 1 if len(where) else None


def list_note(total: int, page: int, size: int = LIST_ROWS) -> str | None:
    """'Showing events N–M of T…' when the list is paged, else None (every event is in the list)."""
    if total <= size:
        return None
    start, stop = list_window(total, page, size)
    return (
        f"Showing events {start + 1:,}–{stop:,} of {total:,}, oldest first (page {page:,} of "
        f"{list_pages(total, size):,}). Choose another page, or narrow the filters to see fewer."
    )
