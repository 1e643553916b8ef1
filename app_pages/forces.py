"""Forces and casualties: each claimant's estimates over time for one force, never summed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.dataset import Dataset
from components.data.schema import FORCES
from components.present.forces import (
    FORCE_NAMES,
    article_stated_ids,
    figure_counts,
    forces_alt,
    forces_figure,
    forces_note,
    forces_table,
    in_group,
    narrow_label_css,
    unplotted_estimates,
)
from components.present.frozen import freeze
from components.present.grades import SCALE_HELP
from components.present.headlines import claimant_families
from components.present.theme import theme_named
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import problems_notice
from components.ui.theme_switch import theme_name

METRIC_LABELS = {
    "size": "Force size (deployed, present)",
    "losses": "Losses (killed, wounded, killed or wounded, captured, missing)",
}
LAZY_ROWS = 1000  # longer tables load as the reader scrolls, so the page stays small on the wire
# Source and link first after the claim, so both stay in view at 1280 px; the long text columns last.
TABLE_ORDER = [
    *("stated", "claimant", "figure", "metric", "source", "grade", "link"),
    *("force", "role", "scope", "confidence"),
]
TABLE_COLUMNS = {
    "stated": st.column_config.TextColumn("stated", width="small"),
    "claimant": st.column_config.TextColumn("claimant", width="medium"),
    "figure": st.column_config.TextColumn("figure as stated", width="small"),
    "metric": st.column_config.TextColumn("metric", width="small"),
    "source": st.column_config.TextColumn("source", width="medium"),
    "grade": st.column_config.TextColumn("source grade", width="small", help=SCALE_HELP),
    "link": st.column_config.LinkColumn("link", display_text="open source", width="small"),
}
TABLE_HEIGHT = 420  # every row, scrolling inside the table


def choice_words(labels: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """Radio labels that say beforehand when a choice has no figures."""
    return {key: label if counts.get(key, 0) else f"{label} (no figures)" for key, label in labels.items()}


@st.cache_resource(max_entries=32, show_spinner=False)
def forces_view(
    _ds: Dataset, key: str, force: str, metric: str, theme: str
) -> tuple[go.Figure, pd.DataFrame, pd.DataFrame, str | None, str, str]:
    """Chart, table, no-number claims, density note, alt text and phone label CSS for one data, filters and view.

    Built once and shared read-only by every session (`cache_resource`: no copy per rerun).
    """
    seeds = article_stated_ids(_ds.estimates)
    families = claimant_families(_ds)
    figure = forces_figure(
        _ds.estimates, force, metric, sources=_ds.sources, seed_ids=seeds, theme=theme_named(theme), families=families
    )
    table = forces_table(in_group(_ds.estimates, force, metric), _ds.sources)
    vague = forces_table(unplotted_estimates(_ds.estimates, force, metric), _ds.sources)
    note = forces_note(_ds.estimates, force, metric)
    narrow_css = narrow_label_css("st-key-forces_chart", figure)
    return freeze(figure), table, vague, note, forces_alt(_ds.estimates, force, metric), narrow_css


@st.cache_resource(max_entries=16, show_spinner=False)
def choice_counts(_ds: Dataset, key: str) -> dict[tuple[str, str], int]:
    """How many charted figures each force and metric group has, for the choices' labels (once per data)."""
    return figure_counts(_ds.estimates)


def claims_table(table: pd.DataFrame) -> None:
    """A table of claims; a long one loads its rows as the reader scrolls (all of them, none dropped)."""
    lazy = len(table) > LAZY_ROWS
    if lazy:
        st.caption(
            f"{len(table):,} rows, loaded as you scroll; download them all as CSV from the Sources page, "
            "or narrow the filters to search and sort here."
        )
    ordered = table[[c for c in TABLE_ORDER if c in table] + [c for c in table if c not in TABLE_ORDER]]
    height = min(TABLE_HEIGHT, 38 + 35 * len(table))
    st.dataframe(ordered, hide_index=True, column_config=TABLE_COLUMNS, lazy=lazy, height=height)


ds = filtered_dataset()
view = current_view()
st.header("Forces and casualties", anchor=False)
problems_notice(ds, "estimates.csv", "sources.csv")
counts = choice_counts(ds, dataset_key())
choice, metric_choice = st.columns([1, 2])
force_words = choice_words(FORCE_NAMES, {f: counts[(f, "size")] + counts[(f, "losses")] for f in FORCES})
force = choice.radio("Force", FORCES, format_func=force_words.get, key="force", horizontal=True)
metric_words = choice_words(METRIC_LABELS, {m: counts[(force, m)] for m in METRIC_LABELS})
metric = metric_choice.radio(
    "Figures", tuple(METRIC_LABELS), format_func=metric_words.get, key="metric", horizontal=True
)
st.caption(
    "Each claim is its own mark: colour = the claimant's family (Ukraine, Russia, South Korea, …), shape and name "
    "= the claimant, named beside its latest claim. A vertical bar is a range, an arrow with ≥ an open-ended claim "
    '("over 3,000"); hollow markers and dashed bars are support or planned troops. Each panel has its own scale. '
    "★ marks a figure the article itself states."
)
figure, table, vague, note, alt, narrow_css = forces_view(ds, dataset_key(), force, metric, theme_name())
if table.empty:
    st.info(f"No estimates for {FORCE_NAMES[force]} ({METRIC_LABELS[metric].lower()}) match the current filters.")
else:
    if note:
        st.info(note)
    st.plotly_chart(figure, key="forces_chart", alt=alt, config={"displaylogo": False})
    if narrow_css:  # on a phone the names that would not fit beside their marks are left to the hover
        st.html(f"<style>{narrow_css}</style>")
    if len(vague):
        st.markdown("**Claims that give no number** (not charted, listed as stated)")
        claims_table(vague)
    st.markdown("**The same figures with their sources** (every claim; the table scrolls)")
    claims_table(table)
