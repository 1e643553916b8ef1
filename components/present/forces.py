"""Force size and casualty estimates over time, one colour per claimant, never summed.

Every estimate stays its own mark: a range is a vertical bar, a point a marker, an open-ended
claim ("over 3,000") a marker with an upward arrow and a '≥' label. Metrics differ by marker shape.
Beyond `MAX_ESTIMATES` in one view the claims are summarised per claimant, metric and period (a bar
from the lowest to the highest figure claimed, the number of claims in its hover; nothing is summed),
with a note saying so; narrowing the dates or claimants brings back every claim.
Data strings are escaped before they reach plotly, whose labels are pseudo-HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.data.schema import LOSS_METRICS, SIZE_METRICS, UNLISTED_FAMILY
from components.present.grades import grade_label
from components.present.labels import clip, column, date_label, plotly_text, row_values
from components.present.ledger import http_link
from components.present.theme import LIGHT, Theme, plotly_layout

METRIC_GROUPS: dict[str, tuple[str, ...]] = {"size": SIZE_METRICS, "losses": LOSS_METRICS}
# A claimant's shape within its family (its colour is the family's); hollow variants mean support/planned.
CLAIMANT_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "hexagon", "cross")
# Small multiples: one panel per metric, totals apart from increments, each with its own scale.
PANELS: dict[str, tuple[tuple[str, str], ...]] = {
    "size": (
        ("deployed", "Sent to Russia (running totals)"),
        ("present", "Present in Russia or Kursk"),
        ("increments", "Additional troops sent (increments)"),
    ),
    "losses": (
        ("killed", "Killed"),
        ("wounded", "Wounded"),
        ("killed_or_wounded", "Killed or wounded"),
        ("captured_missing", "Captured and missing"),
    ),
}
PANEL_OF_METRIC = {"captured": "captured_missing", "missing": "captured_missing"}
METRIC_TITLE_WORDS = {"deployed": "sent", "present": "present", "killed_or_wounded": "killed or wounded"}
FORCE_PEOPLE = {"dprk": "North Korean troops", "russia": "Russian troops", "ukraine": "Ukrainian troops"}
LABEL_SIZE = 14
TITLE_SIZE = 20
TITLE_LINE_PX = 26  # the height of a title line at TITLE_SIZE; the top margin holds two
TITLE_LINE = 34  # characters per title line: a phone shows about this many at TITLE_SIZE
LABEL_HEIGHT = math.ceil(LABEL_SIZE * 1.3) + 2  # pixels a one-line label takes: plotly's line height, its padding
LEADER_PX = 18  # a label moved off its mark's height stands this far beside it, on a line to the mark
LABEL_FLIP = 0.55  # a mark further right than this share of the time axis is labelled on its left
LABEL_CHAR_PX = 8.0  # a generous width of one label character at LABEL_SIZE, to tell what a phone can fit
NARROW_PX = 640  # a window this narrow (a phone) hides the direct labels that do not fit beside their marks
NARROW_PLOT_PX = 290  # a 390 px phone's plot width: the chart less its margins and the y tick labels
DESKTOP_PLOT_PX = 760  # the plot's width at 1280x800: the width at which labels are kept off other marks
MARK_PX = 8  # half a marker's box (size 13 and its outline), for telling whether a label covers a mark
MAX_PUSH_PX = 220  # how far past its usual place a label may go, on a leader line, to clear other marks
TICK_PX = 45  # the y tick labels' width left of a panel in the first column: a label may reach over them
PANEL_HEIGHT = 300
BOTTOM_MARGIN = 40  # room for the last panel's date ticks, so plotly never grows it and the panels keep their height
FORCE_NAMES = {"dprk": "North Korean forces", "russia": "Russian forces", "ukraine": "Ukrainian forces"}
NON_COMBAT = ("support", "planned")
MAX_ESTIMATES = 1500  # claims drawn one by one up to this many; beyond, summarised per period
MAX_BINS = 1000  # the finest period whose claimant × metric × period bins stay under this is used
BIN_PERIODS = (("W", "week"), ("M", "month"), ("Q", "quarter"))


def metric_words(metric: str) -> str:
    """'killed_or_wounded' -> 'killed or wounded'."""
    return metric.replace("_", " ")


def stated_figure(low: object, high: object) -> str:
    """The figure as the claimant stated it: a point, a range, or an open-ended '≥'."""
    if pd.isna(low):
        return "no number given"
    if pd.isna(high):
        return f"≥ {int(low):,} (open-ended)"
    if int(low) == int(high):
        return f"{int(low):,}"
    return f"{int(low):,}–{int(high):,}"


def in_group(estimates: pd.DataFrame, force: str, metric_group: str) -> pd.DataFrame:
    """The estimates of one force whose metric belongs to the chosen group."""
    metrics = METRIC_GROUPS.get(metric_group, ())
    mask = (estimates["force"] == force) & estimates["metric"].isin(metrics)
    return estimates[mask]


def unplotted_estimates(estimates: pd.DataFrame, force: str, metric_group: str) -> pd.DataFrame:
    """Estimates of the view that give no number: listed beside the chart, never drawn."""
    rows = in_group(estimates, force, metric_group)
    return rows[rows["low"].isna()]


def article_stated_ids(estimates: pd.DataFrame) -> frozenset[str]:
    """Estimates whose number the article itself states (`stated_in_article` = yes): the ones starred."""
    if "stated_in_article" not in estimates:
        return frozenset()
    stated = estimates["stated_in_article"].astype(str).str.strip().str.lower() == "yes"
    return frozenset(estimates.loc[stated, "estimate_id"])


def source_labels(sources: pd.DataFrame | None) -> dict[str, str]:
    """source_id -> 'Publisher, date, grade B (usually reliable)' for hover labels."""
    if sources is None or sources.empty:
        return {}
    precision, grades = column(sources, "published_precision", "day"), column(sources, "reliability", "")
    return {
        source: f"{publisher}, {date_label(published, p)}, grade {grade_label(g)}"
        for source, publisher, published, p, g in zip(
            sources["source_id"], sources["publisher"], sources["published"], precision, grades, strict=True
        )
    }


def claimant_family(claimant: str, families: Mapping[str, str] | None = None) -> str:
    """The family a claimant is shown with, from claimants.csv; a claimant it does not list (the validator warns)
    is shown in the unlisted family's grey."""
    return (families or {}).get(claimant, UNLISTED_FAMILY)


def claimant_styles(
    estimates: pd.DataFrame, theme: Theme = LIGHT, families: Mapping[str, str] | None = None
) -> dict[str, tuple[str, str]]:
    """Claimant -> (colour, marker symbol): the colour of its family, a shape of its own within the family.

    Most prolific claimant first, so that the first claimant of a family keeps the circle.
    """
    counts = estimates["claimant"].value_counts()
    order = sorted(counts.index, key=lambda c: (-counts[c], c))
    used: dict[str, int] = {}
    styles = {}
    for claimant in order:
        family = claimant_family(claimant, families)
        rank = used.get(family, 0)
        used[family] = rank + 1
        styles[claimant] = (theme.family_color(family), CLAIMANT_SYMBOLS[rank % len(CLAIMANT_SYMBOLS)])
    return styles


def is_increment(rows: pd.DataFrame) -> pd.Series:
    """Deployment figures that count troops added to earlier ones ("additional", "second wave"), not totals."""
    scope = column(rows, "scope", "").fillna("").astype(str).str.casefold()
    return (rows["metric"] == "deployed") & scope.str.contains("additional|second wave|reinforcement", regex=True)


def panel_keys(rows: pd.DataFrame) -> pd.Series:
    """The small-multiple panel of each estimate: its metric, with totals and increments apart."""
    keys = rows["metric"].map(PANEL_OF_METRIC).fillna(rows["metric"])
    return keys.where(~is_increment(rows), "increments")


def panels_of(metric_group: str, rows: pd.DataFrame) -> list[tuple[str, str]]:
    """The panels a view draws: every loss panel (an empty one says so); size panels that have figures."""
    panels = PANELS.get(metric_group, ())
    if metric_group == "losses":
        return list(panels)
    present = set(panel_keys(rows)) if len(rows) else set()
    return [p for p in panels if p[0] in present]


def _segments(rows: pd.DataFrame, top: pd.Series) -> tuple[list, list]:
    """x and y of vertical segments from low to `top`, separated by gaps (None)."""
    xs: list = []
    ys: list = []
    for x, low, high in zip(rows["x"], rows["low"].astype("float64"), top, strict=True):
        xs += [x, x, None]
        ys += [low, high, None]
    return xs, ys


def _custom(rows: pd.DataFrame) -> np.ndarray:
    """(id, hover) per mark as one object array: plotly validates it at once, not tuple by tuple."""
    return np.column_stack([rows["estimate_id"].to_numpy(dtype=object), rows["hover"].to_numpy(dtype=object)])


@dataclass(frozen=True)
class Style:
    """How one claimant is drawn in one panel: name, colour, shape, the panel's arrow length and theme."""

    name: str
    color: str
    symbol: str
    arrow: float
    theme: Theme


def _line(xs: list, ys: list, style: Style, dash: str, width: int) -> dict:
    """A line trace (range bars or arrows) of one claimant, without hover."""
    return dict(
        type="scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"color": style.color, "width": width, "dash": dash},
        legendgroup=style.name,
        showlegend=False,
        hoverinfo="skip",
        name=style.name,
    )


def _markers(rows: pd.DataFrame, style: Style, value: str) -> dict:
    """The claimant's markers at `low` or `high`; support/planned figures drawn hollow."""
    symbols = [style.symbol + ("-open" if nc else "") for nc in rows["non_combat"]]
    return dict(
        type="scatter",
        x=rows["x"],
        y=rows[value].astype("float64"),
        mode="markers",
        marker={"symbol": symbols, "size": 13, "color": style.color, "line": {"width": 1.5, "color": style.color}},
        name=style.name,
        legendgroup=style.name,
        showlegend=False,
        customdata=_custom(rows),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _arrowheads(rows: pd.DataFrame, style: Style) -> dict:
    """Upward arrowheads with a '≥' label on top of open-ended claims."""
    return dict(
        type="scatter",
        x=rows["x"],
        y=rows["low"].astype("float64") + style.arrow,
        mode="markers+text",
        text=["≥"] * len(rows),
        textposition="top center",
        textfont={"color": style.color},
        marker={"symbol": "arrow-up", "size": 12, "color": style.color},
        legendgroup=style.name,
        showlegend=False,
        name=style.name,
        customdata=_custom(rows),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _claimant_traces(rows: pd.DataFrame, style: Style) -> list:
    """Range bars, open-ended arrows and markers of one claimant in one panel."""
    traces: list = []
    ranges = rows[rows["high"].notna() & (rows["high"] > rows["low"])]
    for dashed in (False, True):
        part = ranges[ranges["non_combat"] == dashed]
        if len(part):
            xs, ys = _segments(part, part["high"].astype("float64"))
            traces.append(_line(xs, ys, style, "dash" if dashed else "solid", 5))
    opened = rows[rows["open_ended"]]
    if len(opened):
        xs, ys = _segments(opened, opened["low"].astype("float64") + style.arrow)
        traces.append(_line(xs, ys, style, "dot", 3))
        traces.append(_arrowheads(opened, style))
    traces.append(_markers(rows, style, "low"))
    if len(ranges):
        traces.append(_markers(ranges, style, "high"))
    return traces


def _seed_stars(rows: pd.DataFrame, arrow: float, theme: Theme) -> dict:
    """A star above each figure the article itself states."""
    seeded = rows[rows["seed"]]
    return dict(
        type="scatter",
        x=seeded["x"],
        y=seeded["top"] + seeded["open_ended"] * arrow + arrow * 0.6,
        mode="markers",
        marker={"symbol": "star", "size": 15, "color": theme.text},
        name="stated in the article",
        legendgroup="seed",
        showlegend=False,
        customdata=_custom(seeded),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def latest_labels(rows: pd.DataFrame) -> pd.DataFrame:
    """One direct label per claimant of a panel, at its latest mark (x, top value): columns claimant, x, y."""
    if rows.empty:
        return pd.DataFrame(columns=["claimant", "x", "y"])
    latest = rows.sort_values(["x", "top"], kind="stable").groupby("claimant", sort=False).tail(1)
    return pd.DataFrame({"claimant": latest["claimant"], "x": latest["x"], "y": latest["top"]}).reset_index(drop=True)


def spaced_nearest(wanted: list[float], gap: float) -> list[float]:
    """Ascending positions at least `gap` apart, as near as can be (least squares) to ascending `wanted` ones.

    Positions y_k = z_k + k·gap keep the gaps whenever z is non-decreasing; the nearest such z is the
    isotonic fit of wanted_k − k·gap (pool adjacent violators), so a crowd of labels spreads round its centre.
    """
    blocks: list[list[float]] = []  # [sum, count] of pooled z values
    for k, y in enumerate(wanted):
        blocks.append([y - k * gap, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fitted = [total / count for total, count in blocks for _ in range(int(count))]
    return [z + k * gap for k, z in enumerate(fitted)]


def place_labels(wanted_px: list[float], height_px: float, gap: float = LABEL_HEIGHT) -> list[float | None]:
    """Label centres (pixels above a panel's bottom) at least `gap` apart and inside the panel, near their marks.

    Every label of a panel may share a line with every other (the chart's width is the reader's window), so
    any two are kept a label's height apart. A panel holds `height_px // gap` labels: the first given (the
    most prolific claimants) keep theirs, the others get None and are read from their marks' hover.
    """
    kept = list(range(min(len(wanted_px), int(height_px // gap))))
    order = sorted(kept, key=lambda i: (wanted_px[i], i))
    ys = spaced_nearest([wanted_px[i] for i in order], gap)
    low, high = gap / 2, height_px - gap / 2
    for k in range(len(ys)):  # up from the floor...
        ys[k] = max(ys[k], low if k == 0 else ys[k - 1] + gap)
    for k in reversed(range(len(ys))):  # ... and down from the ceiling; there is room for all, so both hold
        ys[k] = min(ys[k], high if k == len(ys) - 1 else ys[k + 1] - gap)
    placed: list[float | None] = [None] * len(wanted_px)
    for k, i in enumerate(order):
        placed[i] = ys[k]
    return placed


def panel_pixels(layout: dict, index: int) -> tuple[float, float, float]:
    """The `index`-th panel's plot height in pixels and its y range, from the layout's height, margins and domain."""
    axis = layout["yaxis" + _axis_names(index)[1][1:]]
    low, high = axis["domain"]
    plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    return (high - low) * plot, *axis["range"]


def axis_share(x: object, axis_range: tuple) -> float:
    """Where a date lies along a date axis's range: 0 at its left end, 1 at its right end."""
    start, end = (pd.Timestamp(v).value for v in axis_range)
    return (pd.Timestamp(x).value - start) / max(end - start, 1)


def label_gap(shift: float) -> float:
    """Pixels between a mark and the near end of its label: a label moved off the mark's height stands further."""
    return 10 if abs(shift) <= LABEL_HEIGHT / 2 else LEADER_PX


def clear_start(start: float, width: float, marks: list[float], end: float) -> float | None:
    """The first place at or past `start` where a label `width` pixels long covers none of `marks` (the x of
    the marks in its line, ascending), or None if the label would then run past `end`."""
    at = start
    for mark in marks:
        if mark + MARK_PX <= at:
            continue
        if mark - MARK_PX >= at + width:
            break
        at = mark + MARK_PX + 2
    return at if at + width <= end and at - start <= MAX_PUSH_PX else None


def clear_side(
    text: str, mark_x: float, gap: float, side: str, line_marks: list[float], panel_px: float
) -> tuple[str, float]:
    """The side and the gap (pixels from its mark) at which a label covers no other mark and stays inside its
    panel (`panel_px` wide): the side that needs the shorter leader line (its own on a tie), else as it was."""
    width = LABEL_CHAR_PX * len(html.unescape(text))
    found = []
    for rank, chosen in enumerate((side, "left" if side == "right" else "right")):
        # Distances from the mark along the label's way, to the right or (mirrored) to the left.
        ahead = sorted(m - mark_x if chosen == "right" else mark_x - m for m in line_marks)
        room = panel_px - mark_x if chosen == "right" else mark_x
        start = clear_start(gap, width, ahead, room)
        if start is not None:
            found.append((start, rank, chosen))
    if not found:
        return side, gap
    start, _, chosen = min(found)
    return chosen, start


def _label(
    who: str, x: object, y: float, shift: float, style: tuple[str, str, float, pd.Timedelta], axes: tuple[str, str]
) -> dict:
    """A claimant's name beside its mark, `shift` pixels up or down; far from it, on a leader line to the mark.

    `style` is (colour, side, gap, time per pixel): the name stands right of the mark, or left of it (near the
    axis's right end, or where other marks are in the way), `gap` pixels from it at the desktop width. A name
    pushed past other marks is tied to a date, not to a pixel offset: on a wider plot the marks move apart and
    the name stays past them.
    """
    color, side, gap, per_px = style
    sign = 1 if side == "right" else -1
    label = {
        "x": x,
        "y": y,
        "xref": axes[0],
        "yref": axes[1],
        "text": plotly_text(who),
        "xanchor": "left" if side == "right" else "right",
        "yanchor": "middle",
        "borderpad": 1,
        "borderwidth": 0,
        "font": {"color": color, "size": LABEL_SIZE},
        "name": f"label:{who}",
    }
    if abs(shift) <= LABEL_HEIGHT / 2 and gap == label_gap(shift):
        return label | {"showarrow": False, "xshift": sign * gap, "yshift": shift}
    leader = {"showarrow": True, "arrowhead": 0, "arrowwidth": 1, "arrowcolor": color, "standoff": 7}
    if gap == label_gap(shift):
        return label | leader | {"axref": "pixel", "ayref": "pixel", "ax": sign * gap, "ay": -shift}
    pushed_to = pd.Timestamp(x) + sign * gap * per_px
    return label | leader | {"axref": axes[0], "ayref": "pixel", "ax": pushed_to, "ay": -shift}


def mark_pixels(
    traces: list[dict], x_range: tuple, size: tuple[float, float], y_range: tuple
) -> tuple[np.ndarray, np.ndarray]:
    """Every marker a panel's traces draw, in pixels of a panel `size` (width, height): x, and height."""
    start, end = (pd.Timestamp(v).value for v in x_range)
    drawn = [t for t in traces if "markers" in t["mode"]]
    if not drawn:
        return np.array([]), np.array([])
    xs = np.concatenate([pd.to_datetime(pd.Series(t["x"])).astype("int64").to_numpy() for t in drawn])
    ys = np.concatenate([np.asarray(t["y"], dtype="float64") for t in drawn])
    width, height = size
    return (xs - start) / max(end - start, 1) * width, (ys - y_range[0]) / (y_range[1] - y_range[0]) * height


def _label_annotations(rows: pd.DataFrame, styles: dict, layout: dict, index: int, traces: list[dict]) -> list[dict]:
    """Direct labels: each claimant's name in its colour beside its latest mark, a label's height apart,
    on whichever side (and as far along a leader line) keeps it off the other marks."""
    labels = latest_labels(rows)
    rank = {who: i for i, who in enumerate(styles)}
    labels = labels.sort_values("claimant", key=lambda c: c.map(rank), kind="stable").reset_index(drop=True)
    height, low, high = panel_pixels(layout, index)
    xaxis = layout["xaxis" + _axis_names(index)[0][1:]]
    x_range, width = xaxis["range"], (xaxis["domain"][1] - xaxis["domain"][0]) * DESKTOP_PLOT_PX
    marks = [(float(y) - low) / (high - low) * height for y in labels["y"]]
    placed = place_labels(marks, height)
    mark_x, mark_y = mark_pixels(traces, x_range, (width, height), (low, high))
    notes = []
    for who, x, y, mark, at in zip(labels["claimant"], labels["x"], labels["y"], marks, placed, strict=True):
        if at is None:
            continue
        share = axis_share(x, x_range)
        in_line = mark_x[np.abs(mark_y - at) < LABEL_HEIGHT / 2 + MARK_PX].tolist()
        side, gap = clear_side(plotly_text(who), share * width, label_gap(at - mark), label_side(share), in_line, width)
        per_px = (pd.Timestamp(x_range[1]) - pd.Timestamp(x_range[0])) / width
        notes.append(_label(who, x, y, at - mark, (styles[who][0], side, gap, per_px), _axis_names(index)))
    return notes


def label_side(share: float) -> str:
    """Which side of its mark a label stands on: right, or left for a mark near the axis's right end."""
    return "right" if share <= LABEL_FLIP else "left"


def label_room(figure: go.Figure, note, plot_px: float) -> float:
    """Pixels beside a direct label's mark on its side, within its panel, when the plot is `plot_px` wide."""
    xaxis = figure.layout["xaxis" + note.xref.removeprefix("x")]
    width = (xaxis.domain[1] - xaxis.domain[0]) * plot_px
    share = axis_share(note.x, xaxis.range)
    if note.xanchor == "left":
        return (1 - share) * width
    return share * width + (TICK_PX if xaxis.domain[0] == 0 else 0)


def label_offset(figure: go.Figure, note, plot_px: float) -> float:
    """Pixels from a direct label's mark to its near end when the plot is `plot_px` wide (negative: leftwards)."""
    if not note.showarrow:
        return note.xshift or 0
    if note.axref == "pixel":
        return note.ax or 0
    xaxis = figure.layout["xaxis" + note.xref.removeprefix("x")]
    width = (xaxis.domain[1] - xaxis.domain[0]) * plot_px
    return (axis_share(note.ax, xaxis.range) - axis_share(note.x, xaxis.range)) * width


def label_width(figure: go.Figure, note, plot_px: float) -> float:
    """A generous guess of a direct label's width in pixels, with its gap to the mark."""
    return LABEL_CHAR_PX * len(html.unescape(note.text)) + abs(label_offset(figure, note, plot_px))


def narrow_label_css(
    container: str, figure: go.Figure, plot_px: float = NARROW_PLOT_PX, max_width_px: int = NARROW_PX
) -> str:
    """CSS that, on a window up to `max_width_px` wide, hides each direct label that does not fit beside its mark,
    and each label pushed past other marks (its way was cleared at the desktop width; a phone's marks crowd).

    There the plot is about `plot_px` wide; a hidden claimant is still named by its marks' hover and in the
    table below the chart. Plotly draws annotation i as `g.annotation[data-index="i"]`.
    """
    hidden = [
        f'.{container} g.annotation[data-index="{i}"]'
        for i, note in enumerate(figure.layout.annotations)
        if (note.name or "").startswith("label:")
        and (
            (note.showarrow and note.axref != "pixel")
            or label_width(figure, note, plot_px) > label_room(figure, note, plot_px)
        )
    ]
    if not hidden:
        return ""
    return f"@media (max-width: {max_width_px}px) {{ {', '.join(hidden)} {{ display: none; }} }}"


def _panel_traces(rows: pd.DataFrame, styles: dict, theme: Theme, arrow: float) -> list:
    """Every claimant's marks in one panel, then the stars of the figures the article states."""
    traces: list = []
    for claimant, (color, symbol) in styles.items():
        part = rows[rows["claimant"] == claimant]
        if len(part):
            traces += _claimant_traces(part, Style(plotly_text(claimant), color, symbol, arrow, theme))
    if rows["seed"].any():
        traces.append(_seed_stars(rows, arrow, theme))
    return traces


def _offsets(rows: pd.DataFrame) -> pd.Series:
    """Sideways nudge so claimants stating figures on the same date stand side by side."""
    span_days = max((rows["as_of"].max() - rows["as_of"].min()).days, 30)
    step = pd.Timedelta(days=max(1.0, span_days / 90))
    codes = pd.Series(pd.factorize(rows["claimant"], sort=True)[0], index=rows.index)
    rank = codes.groupby(rows["as_of"]).rank(method="dense") - 1
    count = codes.groupby(rows["as_of"]).transform("nunique")
    return rows["as_of"] + (rank - (count - 1) / 2) * step


def hover_labels(rows: pd.DataFrame, sources: dict[str, str]) -> list[str]:
    """Escaped hover labels: claimant, metric, figure as stated, role, scope, date, source, confidence."""
    parts = row_values(
        rows, "claimant", "metric", "low", "high", ("role", "combat"), ("scope", ""), "as_of",
        ("as_of_precision", "day"), "source_id", ("confidence", ""), "seed",
    )  # fmt: skip
    return [
        f"<b>{clip(who)}</b><br>{clip(metric_words(metric))}: {clip(stated_figure(low, high))}"
        f"<br>Role: {clip(role or 'combat')}<br>Scope: {clip(scope or 'not stated')}"
        f"<br>Stated: {clip(date_label(when, precision))}<br>Source: {clip(sources.get(source, source))}"
        f"<br>Confidence: {clip(confidence)}" + ("<br>★ stated in the article" if seed else "")
        for who, metric, low, high, role, scope, when, precision, source, confidence, seed in parts
    ]


def chart_rows(
    rows: pd.DataFrame, sources: pd.DataFrame | None = None, seed_ids: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The numeric estimates among a view's `rows`, with x position, top value, style and hover label."""
    rows = rows[rows["low"].notna()].copy()
    if rows.empty:
        return rows.assign(x=pd.Series(dtype="datetime64[ns]"), top=0, hover="", seed=False)
    labels = source_labels(sources)
    # Plain floats once: every trace reads them, and nullable Int64 converts slowly each time.
    rows["low"] = rows["low"].astype("float64")
    rows["high"] = rows["high"].astype("float64")
    rows["x"] = _offsets(rows)
    rows["open_ended"] = rows["high"].isna()
    rows["non_combat"] = column(rows, "role", "combat").isin(NON_COMBAT)
    rows["seed"] = rows["estimate_id"].isin(seed_ids)
    rows["top"] = rows["high"].fillna(rows["low"]).astype("float64")
    rows["hover"] = hover_labels(rows, labels)
    return rows


def bin_period(rows: pd.DataFrame, max_bins: int = MAX_BINS) -> tuple[str, str]:
    """The finest period (week, month, quarter) giving at most `max_bins` claimant × metric × period bins."""
    for freq, unit in BIN_PERIODS:
        starts = rows["as_of"].dt.to_period(freq).dt.start_time
        if len(pd.MultiIndex.from_arrays([rows["claimant"], rows["metric"], starts]).unique()) <= max_bins:
            return freq, unit
    return BIN_PERIODS[-1]


def charted_count(estimates: pd.DataFrame, force: str, metric_group: str) -> int:
    """How many estimates of the view give a number (the marks the chart would draw one by one)."""
    return int(in_group(estimates, force, metric_group)["low"].notna().sum())


def forces_note(
    estimates: pd.DataFrame, force: str, metric_group: str, max_estimates: int = MAX_ESTIMATES
) -> str | None:
    """The note shown when claims are summarised per period instead of drawn one by one, else None."""
    count = charted_count(estimates, force, metric_group)
    if count <= max_estimates:
        return None
    rows = in_group(estimates, force, metric_group)
    _, unit = bin_period(rows[rows["low"].notna()])
    return (
        f"{count:,} claims summarised per claimant, metric and {unit}: each bar runs from the lowest to the "
        f"highest figure claimed that {unit}, its hover gives the number of claims (never summed). "
        "Narrow the date range or choose claimants in the sidebar to see each claim."
    )


def binned_estimates(rows: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Claims per claimant, metric and period: count, lowest figure, highest figure, open-ended and support counts."""
    keyed = rows.assign(
        as_of=rows["as_of"].dt.to_period(freq).dt.start_time,
        low=rows["low"].astype("float64"),
        top=rows["high"].fillna(rows["low"]).astype("float64"),
        open_ended=rows["high"].isna(),
        non_combat=column(rows, "role", "combat").isin(NON_COMBAT),
    )
    return keyed.groupby(["claimant", "metric", "as_of"], as_index=False, sort=True).agg(
        count=("low", "size"),
        low=("low", "min"),
        top=("top", "max"),
        open_ended=("open_ended", "sum"),
        non_combat=("non_combat", "sum"),
    )


def bin_hover(bins: pd.DataFrame, unit: str) -> list[str]:
    """Escaped hover labels of summarised claims: claimant, metric, period, count and the span of figures."""
    parts = zip(bins["claimant"], bins["metric"], bins["as_of"], bins["count"], bins["low"], bins["top"], strict=True)
    labels = [
        f"<b>{clip(who)}</b><br>{clip(metric_words(metric))}: {n:,} claim{'s' if n != 1 else ''} "
        f"in the {unit} of {when:%Y-%m-%d}<br>"
        + (f"figure: {int(low):,}" if low == top else f"lowest {int(low):,} · highest {int(top):,}")
        for who, metric, when, n, low, top in parts
    ]
    extras = [
        (f"<br>{o:,} open-ended (≥)" if o else "") + (f"<br>{c:,} support / planned" if c else "")
        for o, c in zip(bins["open_ended"], bins["non_combat"], strict=True)
    ]
    return [
        f"{a}{b}<br><i>narrow the dates or claimants to see each claim</i>" for a, b in zip(labels, extras, strict=True)
    ]


def binned_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The summarised marks of a view too dense to draw claim by claim: one row per claimant, metric, period."""
    rows = rows[rows["low"].notna()]
    freq, unit = bin_period(rows)
    bins = binned_estimates(rows, freq)
    bins["hover"] = bin_hover(bins, unit)
    bins["x"] = _offsets(bins)
    # Marks of a summary: filled markers (the counts of open-ended and support claims are in the hover).
    return bins.assign(high=bins["top"], open_ended=False, non_combat=False, estimate_id="")


def _axis_names(index: int) -> tuple[str, str]:
    """The plotly x and y axis names of the `index`-th subplot (0-based, row by row)."""
    suffix = "" if index == 0 else str(index + 1)
    return f"x{suffix}", f"y{suffix}"


def view_rows(rows: pd.DataFrame, sources: pd.DataFrame | None, seed_ids: frozenset[str], dense: bool) -> pd.DataFrame:
    """The marks of a view's estimates (each claim, or summaries per period when dense) with their panel."""
    if not dense:
        marks = chart_rows(rows, sources, seed_ids)
    else:
        seeds = chart_rows(rows[rows["estimate_id"].isin(seed_ids)], sources, seed_ids)
        bins = binned_rows(rows).assign(seed=False)
        marks = pd.concat([bins, seeds[seeds["seed"]]], ignore_index=True) if len(seeds) else bins
    return marks.assign(panel=panel_keys(marks) if len(marks) else pd.Series(dtype=object))


def date_axis(rows: pd.DataFrame) -> dict:
    """A date axis never finer than a month: padded round a lone claim, room on the right for labels."""
    if rows.empty:
        return {"type": "date", "dtick": "M1", "tickformat": "%b %Y"}
    first, last = pd.Timestamp(rows["x"].min()), pd.Timestamp(rows["x"].max())
    span = last - first
    left = max(span * 0.05, pd.Timedelta(days=20))
    right = max(span * 0.3, pd.Timedelta(days=75))
    months = span.days / 30.4
    dtick = "M1" if months <= 6 else "M2" if months <= 12 else "M3"
    return {"type": "date", "range": [first - left, last + right], "dtick": dtick, "tickformat": "%b %Y"}


def _empty_note(index: int, theme: Theme) -> dict:
    """The words in a loss panel that has no figure."""
    xref, yref = _axis_names(index)
    return {
        "text": "no figures claimed",
        "xref": f"{xref} domain",
        "yref": f"{yref} domain",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"color": theme.muted, "size": LABEL_SIZE},
    }


def forces_figure(
    estimates: pd.DataFrame,
    force: str,
    metric_group: str,
    *,
    sources: pd.DataFrame | None = None,
    seed_ids: frozenset[str] = frozenset(),
    max_estimates: int = MAX_ESTIMATES,
    theme: Theme = LIGHT,
    families: Mapping[str, str] | None = None,
) -> go.Figure:
    """Estimates over time by claimant for one force: one panel per metric (totals apart from increments).

    Each claimant has its family's colour and a shape of its own, and is named beside its latest mark, so
    the chart needs no legend. Up to `max_estimates` claims each get their own mark; beyond, claims are
    summarised per claimant, metric and period (see `forces_note`). Nothing is ever summed.
    """
    chosen = in_group(estimates, force, metric_group)
    styles = claimant_styles(chosen, theme, families)
    dense = charted_count(estimates, force, metric_group) > max_estimates
    rows = view_rows(chosen, sources, seed_ids, dense)
    panels = panels_of(metric_group, rows) or [("none", "No figures")]
    grid = (2, 2) if metric_group == "losses" else (len(panels), 1)
    layout = _forces_layout(
        [title for _, title in panels], grid, rows, forces_title(estimates, force, metric_group), theme
    )
    parts = [rows[rows["panel"] == key] if len(rows) else rows for key, _ in panels]
    data: list[dict] = []
    for index, part in enumerate(parts):
        ymax = float(part["top"].max()) if len(part) else 1.0
        layout["yaxis" + _axis_names(index)[1][1:]]["range"] = [-ymax * 0.04, ymax * 1.3]
        if not len(part):
            layout["annotations"].append(_empty_note(index, theme))
            continue
        x, y = _axis_names(index)
        traces = [trace | {"xaxis": x, "yaxis": y} for trace in _panel_traces(part, styles, theme, ymax * 0.08)]
        data += traces
        # Labels are placed in pixels, from the panel's height and ranges and the marks just drawn.
        layout["annotations"] += _label_annotations(part, styles, layout, index, traces)
    if dense:
        label = f"{charted_count(estimates, force, metric_group):,} claims summarised per period — not drawn one by one"
        layout["annotations"].append(
            dict(text=label, xref="paper", yref="paper", x=0, y=1.0, yshift=40, showarrow=False)
        )
    # One dict, validated once: building through make_subplots and update_* calls re-validates it step by step.
    return go.Figure({"data": data, "layout": layout})


def _forces_layout(titles: list[str], grid: tuple[int, int], rows: pd.DataFrame, title: str, theme: Theme) -> dict:
    """Panels on a grid sharing one date axis (as `make_subplots` lays them out), each with its own person
    scale and its title; the title with the finding, month ticks, no legend, theme colours."""
    theme_layout = plotly_layout(theme)
    axis = theme_layout.pop("xaxis")
    theme_layout.pop("yaxis")
    theme_layout["hoverlabel"] |= {"align": "left"}
    title = wrapped(plotly_text(title))
    more = TITLE_LINE_PX * max(0, title.count("<br>") - 1)  # a title of three lines or more: room above the panels
    layout = theme_layout | {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": TITLE_SIZE}},
        "height": 120 + more + PANEL_HEIGHT * grid[0],
        "margin": {"l": 10, "r": 10, "t": 100 + more, "b": BOTTOM_MARGIN},
        "showlegend": False,
        "hovermode": "closest",
        "annotations": [],
    }
    (n_rows, n_cols), h_gap = grid, 0.1
    v_gap = 0.14 if n_cols == 2 else 0.1
    width, height = (1 - h_gap * (n_cols - 1)) / n_cols, (1 - v_gap * (n_rows - 1)) / n_rows
    shared = _axis_names((n_rows - 1) * n_cols)[0]  # the bottom-left panel's date axis: the others match it
    dates = {"showgrid": True, "showticklabels": True, **date_axis(rows)}
    persons = {"tickformat": ",", "rangemode": "tozero", "showgrid": True}
    for index in range(n_rows * n_cols):
        x, y = _axis_names(index)
        left, top = index % n_cols * (width + h_gap), 1 - index // n_cols * (height + v_gap)
        matches = {"matches": shared} if x != shared else {}
        layout["xaxis" + x[1:]] = {"anchor": y, "domain": [left, left + width], **matches, **axis, **dates}
        layout["yaxis" + y[1:]] = {"anchor": x, "domain": [max(top - height, 0.0), top], **axis, **persons}
        if index < len(titles):
            layout["annotations"].append(
                {
                    "text": titles[index],
                    "x": left + width / 2,
                    "y": top,
                    "xref": "paper",
                    "yref": "paper",
                    "xanchor": "center",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": LABEL_SIZE, "color": theme.text},
                }
            )
    return layout


def wrapped(text: str, width: int = TITLE_LINE) -> str:
    """A title broken into lines of at most `width` characters (plotly titles never wrap by themselves)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _figure_words(rows: pd.DataFrame) -> tuple[str, str]:
    """The lowest and highest figure of some claims, as a reader says them ('over 20,000' when open-ended)."""
    top = rows["high"].fillna(rows["low"]).astype("float64")
    lowest = f"{int(rows['low'].min()):,}"
    highest_row = rows.loc[top.idxmax()]
    highest = f"{int(top.max()):,}"
    return lowest, ("over " + highest) if pd.isna(highest_row["high"]) else highest


def forces_title(estimates: pd.DataFrame, force: str, metric_group: str) -> str:
    """The finding of the view, from its figures: the span of the most claimed metric's totals."""
    rows = in_group(estimates, force, metric_group)
    rows = rows[rows["low"].notna() & ~column(rows, "role", "combat").isin(NON_COMBAT) & ~is_increment(rows)]
    people = FORCE_PEOPLE.get(force, force)
    if rows.empty:
        return f"No figures for {people} {'lost' if metric_group == 'losses' else 'sent'} match the filters"
    counts = rows["metric"].value_counts()
    metric = sorted(counts.index, key=lambda m: (-counts[m], METRIC_GROUPS[metric_group].index(m)))[0]
    part = rows[rows["metric"] == metric]
    words = METRIC_TITLE_WORDS.get(metric, metric_words(metric))
    lowest, highest = _figure_words(part)
    if len(part) == 1:
        return f"One claim of {people} {words}: {highest}, by {part['claimant'].iloc[0]}"
    if lowest == highest:
        return f"All {len(part)} claims of {people} {words} give {lowest}"
    return f"Claims of {people} {words} range from {lowest} to {highest}"


def forces_alt(estimates: pd.DataFrame, force: str, metric_group: str) -> str:
    """A sentence describing the forces chart for screen readers (the table below lists every claim)."""
    rows = in_group(estimates, force, metric_group)
    charted = rows[rows["low"].notna()]
    what = f"{FORCE_NAMES.get(force, force)}, {'losses' if metric_group == 'losses' else 'size'}"
    if charted.empty:
        return f"Chart of estimates ({what}): no estimate with a number matches the filters."
    return (
        f"{forces_title(estimates, force, metric_group)}. Chart of {len(charted)} estimates ({what}) by "
        f"{charted['claimant'].nunique()} claimants from {charted['as_of'].min():%d %b %Y} to "
        f"{charted['as_of'].max():%d %b %Y}, one panel per metric; values from {int(charted['low'].min()):,} to "
        f"{int(charted['high'].fillna(charted['low']).max()):,} persons; "
        f"{int(charted['high'].isna().sum())} open-ended; each claim drawn separately, never summed. "
        "The table below lists every claim with its source."
    )


def figure_counts(estimates: pd.DataFrame) -> dict[tuple[str, str], int]:
    """(force, metric group) -> how many claims give a number: a choice without figures says so first."""
    return {(force, group): charted_count(estimates, force, group) for force in FORCE_NAMES for group in METRIC_GROUPS}


def forces_table(estimates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The estimates with their figures as stated (dates with precision) and their sources, newest first."""
    estimates = estimates.sort_values(["as_of", "claimant"], ascending=[False, True], kind="stable")
    src = sources.drop_duplicates("source_id").set_index("source_id")

    def lookup(column: str) -> pd.Series:
        if column not in src:
            return pd.Series("", index=estimates.index)
        return estimates["source_id"].map(src[column]).fillna("")

    precision = estimates.get("as_of_precision", pd.Series("day", index=estimates.index))
    return pd.DataFrame(
        {
            "stated": [date_label(d, p) for d, p in zip(estimates["as_of"], precision, strict=True)],
            "claimant": estimates["claimant"],
            "force": estimates["force"].map(FORCE_NAMES).fillna(estimates["force"]),
            "metric": estimates["metric"].map(metric_words),
            "figure": [stated_figure(lo, hi) for lo, hi in zip(estimates["low"], estimates["high"], strict=True)],
            "role": estimates.get("role", "combat"),
            "scope": estimates.get("scope", ""),
            "confidence": estimates["confidence"],
            "source": lookup("publisher"),
            "grade": lookup("reliability").map(grade_label),
            "link": lookup("url").map(lambda url: http_link(url) or ""),
            "note": estimates.get("note", ""),
            "id": estimates["estimate_id"],
        }
    )
