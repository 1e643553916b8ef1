"""Force size and casualty estimates over time, one colour per claimant, never summed.

Every estimate stays its own mark: a range is a vertical bar, a point a marker, an open-ended
claim ("over 3,000") a marker with an upward arrow and a '≥' label. Metrics differ by marker shape.
Data strings are escaped before they reach plotly, whose labels are pseudo-HTML.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from components.palette import series_colors
from components.timeline import clip, date_label

METRIC_GROUPS: dict[str, tuple[str, ...]] = {
    "size": ("deployed", "present"),
    "losses": ("killed", "wounded", "killed_or_wounded", "captured", "missing"),
}
METRIC_SYMBOLS: dict[str, str] = {
    "deployed": "circle",
    "present": "square",
    "killed": "x",
    "wounded": "triangle-down",
    "killed_or_wounded": "diamond",
    "captured": "square",
    "missing": "cross",
}
FORCES = ("dprk", "russia", "ukraine")
FORCE_NAMES = {"dprk": "North Korean forces", "russia": "Russian forces", "ukraine": "Ukrainian forces"}
SEED_SOURCE_ID = "seed-article"
NON_COMBAT = ("support", "planned")


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
    return {
        row.source_id: f"{row.publisher}, {date_label(row.published, row.published_precision)}"
        for row in sources.assign(published_precision=sources.get("published_precision", "day")).itertuples()
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
    claimants = rows.groupby("as_of")["claimant"].transform(lambda s: s.astype("category").cat.codes)
    count = rows.groupby("as_of")["claimant"].transform("nunique")
    return rows["as_of"] + (claimants - (count - 1) / 2) * step
