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

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.data.schema import LOSS_METRICS, SIZE_METRICS
from components.present.labels import clip, column, date_label
from components.present.ledger import http_link
from components.present.palette import series_colors

METRIC_GROUPS: dict[str, tuple[str, ...]] = {"size": SIZE_METRICS, "losses": LOSS_METRICS}
METRIC_SYMBOLS: dict[str, str] = {
    "deployed": "circle",
    "present": "square",
    "killed": "x",
    "wounded": "triangle-down",
    "killed_or_wounded": "diamond",
    "captured": "square",
    "missing": "cross",
}
FORCE_NAMES = {"dprk": "North Korean forces", "russia": "Russian forces", "ukraine": "Ukrainian forces"}
SEED_SOURCE_ID = "seed-article"
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


def seed_estimate_ids(estimates: pd.DataFrame, sources: pd.DataFrame, quotes: pd.DataFrame) -> frozenset[str]:
    """Estimates taken from the seed article: sourced to it, or backed by one of its quotes."""
    seed = {SEED_SOURCE_ID}
    if "kind" in sources:
        seed |= set(sources.loc[sources["kind"] == "seed", "source_id"])
    direct = estimates.loc[estimates["source_id"].isin(seed), "estimate_id"]
    quoted = quotes.loc[quotes["source_id"].isin(seed), "estimate_id"] if len(quotes) else []
    return frozenset(direct) | frozenset(q for q in quoted if q)


def source_labels(sources: pd.DataFrame | None) -> dict[str, str]:
    """source_id -> 'Publisher, date' for hover labels and tables."""
    if sources is None or sources.empty:
        return {}
    precision = column(sources, "published_precision", "day")
    return {
        source: f"{publisher}, {date_label(published, p)}"
        for source, publisher, published, p in zip(
            sources["source_id"], sources["publisher"], sources["published"], precision, strict=True
        )
    }


def claimant_colors(estimates: pd.DataFrame) -> dict[str, str]:
    """A colour per claimant, most prolific claimant first so colours stay stable."""
    counts = estimates["claimant"].value_counts()
    order = sorted(counts.index, key=lambda c: (-counts[c], c))
    return dict(zip(order, series_colors(len(order)), strict=True))


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
    parts = zip(
        rows["claimant"],
        rows["metric"],
        rows["low"],
        rows["high"],
        column(rows, "role", "combat"),
        column(rows, "scope", ""),
        rows["as_of"],
        column(rows, "as_of_precision", "day"),
        rows["source_id"],
        column(rows, "confidence", ""),
        rows["seed"],
        strict=True,
    )
    return [
        f"<b>{clip(who)}</b><br>{clip(metric_words(metric))}: {clip(stated_figure(low, high))}"
        f"<br>Role: {clip(role or 'combat')}<br>Scope: {clip(scope or 'not stated')}"
        f"<br>Stated: {clip(date_label(when, precision))}<br>Source: {clip(sources.get(source, source))}"
        f"<br>Confidence: {clip(confidence)}" + ("<br>★ headline claim of the seed article" if seed else "")
        for who, metric, low, high, role, scope, when, precision, source, confidence, seed in parts
    ]


def chart_rows(
    estimates: pd.DataFrame,
    force: str,
    metric_group: str,
    sources: pd.DataFrame | None = None,
    seed_ids: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """The numeric estimates of a view, with x position, top value, style and hover label."""
    rows = in_group(estimates, force, metric_group)
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


def _segments(rows: pd.DataFrame, top: pd.Series) -> tuple[list, list]:
    """x and y of vertical segments from low to `top`, separated by gaps (None)."""
    xs: list = []
    ys: list = []
    for x, low, high in zip(rows["x"], rows["low"].astype("float64"), top, strict=True):
        xs += [x, x, None]
        ys += [low, high, None]
    return xs, ys


def _claimant_traces(rows: pd.DataFrame, name: str, color: str, arrow: float) -> list:
    """Range bars, open-ended arrows and markers of one claimant."""
    traces: list = []
    ranges = rows[rows["high"].notna() & (rows["high"] > rows["low"])]
    for dashed in (False, True):
        part = ranges[ranges["non_combat"] == dashed]
        if len(part):
            xs, ys = _segments(part, part["high"].astype("float64"))
            traces.append(_line(xs, ys, name, color, "dash" if dashed else "solid", 5))
    opened = rows[rows["open_ended"]]
    if len(opened):
        xs, ys = _segments(opened, opened["low"].astype("float64") + arrow)
        traces.append(_line(xs, ys, name, color, "dot", 3))
        traces.append(_arrowheads(opened, name, color, arrow))
    traces.append(_markers(rows, name, color, "low"))
    if len(ranges):
        traces.append(_markers(ranges, name, color, "high"))
    traces.append(_swatch(name, color))
    return traces


def _swatch(name: str, color: str) -> go.Scatter:
    """The legend entry of a claimant: a bar of its colour, since marker shape means metric."""
    return go.Scatter(x=[None], y=[None], mode="lines", line={"color": color, "width": 8}, name=name, legendgroup=name)


def _line(xs: list, ys: list, name: str, color: str, dash: str, width: int) -> go.Scatter:
    """A line trace (range bars or arrows) grouped with its claimant, without hover."""
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": color, "width": width, "dash": dash},
        legendgroup=name,
        showlegend=False,
        hoverinfo="skip",
        name=name,
    )


def _arrowheads(rows: pd.DataFrame, name: str, color: str, arrow: float) -> go.Scatter:
    """Upward arrowheads with a '≥' label on top of open-ended claims."""
    return go.Scatter(
        x=rows["x"],
        y=rows["low"].astype("float64") + arrow,
        mode="markers+text",
        text=["≥"] * len(rows),
        textposition="top center",
        marker={"symbol": "arrow-up", "size": 11, "color": color},
        legendgroup=name,
        showlegend=False,
        name=name,
        customdata=_custom(rows),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _custom(rows: pd.DataFrame) -> np.ndarray:
    """(id, hover) per mark as one object array: plotly validates it at once, not tuple by tuple."""
    return np.column_stack([rows["estimate_id"].to_numpy(dtype=object), rows["hover"].to_numpy(dtype=object)])


def _markers(rows: pd.DataFrame, name: str, color: str, column: str, legend: bool = True) -> go.Scatter:
    """Metric-shaped markers at `low` or `high`; support/planned figures drawn hollow."""
    symbols = [
        METRIC_SYMBOLS.get(m, "circle") + ("-open" if nc else "")
        for m, nc in zip(rows["metric"], rows["non_combat"], strict=True)
    ]
    return go.Scatter(
        x=rows["x"],
        y=rows[column].astype("float64"),
        mode="markers",
        marker={"symbol": symbols, "size": 12, "color": color, "line": {"width": 1.5, "color": "#333333"}},
        name=name,
        legendgroup=name,
        showlegend=False,
        customdata=_custom(rows),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _seed_stars(rows: pd.DataFrame, arrow: float) -> go.Scatter:
    """A star above each headline claim of the seed article."""
    seeded = rows[rows["seed"]]
    return go.Scatter(
        x=seeded["x"],
        y=seeded["top"] + seeded["open_ended"] * arrow + arrow * 0.6,
        mode="markers+text",
        text=["seed article" if i == 0 else "" for i in range(len(seeded))],
        textposition="top center",
        textfont={"size": 11},
        marker={"symbol": "star", "size": 15, "color": "#222222"},
        name="seed article headline claim",
        legendgroup="seed",
        customdata=_custom(seeded),
        hovertemplate="%{customdata[1]}<extra></extra>",
    )


def _key_traces(metric_group: str) -> list[go.Scatter]:
    """Legend-only entries: one marker shape per metric, and how support/planned look."""
    keys = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": METRIC_SYMBOLS[m], "size": 11, "color": "#777777"},
            name=metric_words(m),
            legendgroup="metric",
            legendgrouptitle={"text": "Metric (shape)"},
        )
        for m in METRIC_GROUPS.get(metric_group, ())
    ]
    keys.append(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines+markers",
            marker={"symbol": "circle-open", "size": 11, "color": "#555555"},
            line={"dash": "dash", "color": "#555555"},
            name="support / planned (hollow, dashed)",
            legendgroup="role",
            legendgrouptitle={"text": "Role"},
        )
    )
    return keys


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


def binned_rows(estimates: pd.DataFrame, force: str, metric_group: str) -> pd.DataFrame:
    """The summarised marks of a view too dense to draw claim by claim: one row per claimant, metric, period."""
    rows = in_group(estimates, force, metric_group)
    rows = rows[rows["low"].notna()]
    freq, unit = bin_period(rows)
    bins = binned_estimates(rows, freq)
    bins["hover"] = bin_hover(bins, unit)
    bins["x"] = _offsets(bins)
    # Marks of a summary: filled markers (the counts of open-ended and support claims are in the hover).
    return bins.assign(high=bins["top"], open_ended=False, non_combat=False, estimate_id="")


def _binned_traces(bins: pd.DataFrame, colors: dict[str, str]) -> list:
    """Per claimant: bars from the lowest to the highest figure of each period, markers at both ends."""
    traces: list = []
    for claimant, color in colors.items():
        part = bins[bins["claimant"] == claimant]
        if part.empty:
            continue
        name = html.escape(claimant)
        spans = part[part["top"] > part["low"]]
        if len(spans):
            xs, ys = _segments(spans, spans["top"])
            traces.append(_line(xs, ys, name, color, "solid", 5))
        traces.append(_markers(part, name, color, "low"))
        if len(spans):
            traces.append(_markers(spans, name, color, "top"))
        traces.append(_swatch(name, color))
    return traces


def _claim_traces(rows: pd.DataFrame, colors: dict[str, str], arrow: float) -> list:
    """Every claim its own mark, claimant by claimant, and a star on the seed article's headline claims."""
    traces: list = []
    for claimant, color in colors.items():
        part = rows[rows["claimant"] == claimant]
        if len(part):
            traces += _claimant_traces(part, html.escape(claimant), color, arrow)
    if rows.get("seed", pd.Series(dtype=bool)).any():
        traces.append(_seed_stars(rows, arrow))
    return traces


def forces_figure(
    estimates: pd.DataFrame,
    force: str,
    metric_group: str,
    *,
    sources: pd.DataFrame | None = None,
    seed_ids: frozenset[str] = frozenset(),
    max_estimates: int = MAX_ESTIMATES,
) -> go.Figure:
    """Estimates over time by claimant for one force and metric group; never summed.

    Up to `max_estimates` claims each get their own mark; beyond, claims are summarised per claimant,
    metric and period (see `forces_note`), and the seed article's headline claims keep their own stars.
    """
    colors = claimant_colors(in_group(estimates, force, metric_group))
    dense = charted_count(estimates, force, metric_group) > max_estimates
    seeds = estimates[estimates["estimate_id"].isin(seed_ids)] if dense else estimates
    rows = chart_rows(seeds, force, metric_group, sources, seed_ids)
    bins = binned_rows(estimates, force, metric_group) if dense else rows.iloc[0:0]
    ymax = max(float(rows["top"].max()) if len(rows) else 0.0, float(bins["top"].max()) if len(bins) else 0.0) or 1.0
    arrow = ymax * 0.08
    traces = _binned_traces(bins, colors) if dense else []
    traces += _claim_traces(rows[rows["seed"]] if dense else rows, {} if dense else colors, arrow)
    fig = go.Figure(data=traces + _key_traces(metric_group))
    _forces_layout(fig, ymax)
    if dense:
        label = f"{charted_count(estimates, force, metric_group):,} claims summarised per period — not drawn one by one"
        fig.add_annotation(text=label, xref="paper", yref="paper", x=0, y=1.04, showarrow=False, xanchor="left")
    return fig


def _forces_layout(fig: go.Figure, ymax: float) -> None:
    """Date axis, person axis with room for arrows and stars, legend below."""
    fig.update_xaxes(type="date", showgrid=True, title=None)
    fig.update_yaxes(title="persons", tickformat=",", rangemode="tozero", range=[-ymax * 0.04, ymax * 1.3])
    fig.update_layout(
        height=560,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.1},
        hovermode="closest",
        hoverlabel={"align": "left"},
    )


def forces_alt(estimates: pd.DataFrame, force: str, metric_group: str) -> str:
    """A sentence describing the forces chart for screen readers."""
    rows = in_group(estimates, force, metric_group)
    charted = rows[rows["low"].notna()]
    what = f"{FORCE_NAMES.get(force, force)}, {'losses' if metric_group == 'losses' else 'size'}"
    if charted.empty:
        return f"Chart of estimates ({what}): no estimate with a number matches the filters."
    return (
        f"Chart of {len(charted)} estimates ({what}) by {charted['claimant'].nunique()} "
        f"claimants from {charted['as_of'].min():%d %b %Y} to {charted['as_of'].max():%d %b %Y}; "
        f"values from {int(charted['low'].min()):,} to "
        f"{int(charted['high'].fillna(charted['low']).max()):,} persons; "
        f"{int(charted['high'].isna().sum())} open-ended; each claim drawn separately, never summed."
    )


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
            "force": estimates["force"],
            "metric": estimates["metric"].map(metric_words),
            "figure": [stated_figure(lo, hi) for lo, hi in zip(estimates["low"], estimates["high"], strict=True)],
            "role": estimates.get("role", "combat"),
            "scope": estimates.get("scope", ""),
            "confidence": estimates["confidence"],
            "source": lookup("publisher"),
            "link": lookup("url").map(lambda url: http_link(url) or ""),
            "note": estimates.get("note", ""),
            "id": estimates["estimate_id"],
        }
    )
