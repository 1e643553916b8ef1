"""Forces and casualties: each claimant's estimates over time for one force, never summed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.dataset import Dataset
from components.data.schema import FORCES
from components.present.forces import (
    FORCE_NAMES,
    forces_alt,
    forces_figure,
    forces_note,
    forces_table,
    in_group,
    seed_estimate_ids,
    unplotted_estimates,
)
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import problems_notice

METRIC_LABELS = {
    "size": "Force size (deployed, present)",
    "losses": "Losses (killed, wounded, killed or wounded, captured, missing)",
}
LAZY_ROWS = 1000  # longer tables load as the reader scrolls, so the page stays small on the wire
TABLE_COLUMNS = {
    "link": st.column_config.LinkColumn("link", display_text="open source"),
    "figure": st.column_config.TextColumn("figure as stated"),
}


@st.cache_resource(max_entries=32, show_spinner=False)
def forces_view(
    _ds: Dataset, key: str, force: str, metric: str
) -> tuple[go.Figure, pd.DataFrame, pd.DataFrame, str | None, str]:
    """Chart, table, no-number claims, density note and alt text for one dataset, filters, force and metrics.

    Built once and shared read-only by every session (`cache_resource`: no copy per rerun).
    """
    seeds = seed_estimate_ids(_ds.estimates, _ds.sources, _ds.quotes)
    figure = forces_figure(_ds.estimates, force, metric, sources=_ds.sources, seed_ids=seeds)
    table = forces_table(in_group(_ds.estimates, force, metric), _ds.sources)
    vague = forces_table(unplotted_estimates(_ds.estimates, force, metric), _ds.sources)
    note = forces_note(_ds.estimates, force, metric)
    return figure, table, vague, note, forces_alt(_ds.estimates, force, metric)


def claims_table(table: pd.DataFrame) -> None:
    """A table of claims; a long one loads its rows as the reader scrolls (all of them, none dropped)."""
    lazy = len(table) > LAZY_ROWS
    if lazy:
        st.caption(
            f"{len(table):,} rows, loaded as you scroll; download them all as CSV from the Sources page, "
            "or narrow the filters to search and sort here."
        )
    st.dataframe(table, hide_index=True, column_config=TABLE_COLUMNS, lazy=lazy)


ds = filtered_dataset()
view = current_view()
st.header("Forces and casualties", anchor=False)
problems_notice(ds, "estimates.csv", "sources.csv")
choice, metric_choice = st.columns([1, 2])
force = choice.radio("Force", FORCES, format_func=FORCE_NAMES.get, key="force", horizontal=True)
metric = metric_choice.radio(
    "Figures", tuple(METRIC_LABELS), format_func=METRIC_LABELS.get, key="metric", horizontal=True
)
st.caption(
    "Each claim is its own mark, one colour per claimant; marker shape = metric. A vertical bar is a range, "
    'an arrow with ≥ an open-ended claim ("over 3,000"); hollow markers and dashed bars are support or '
    "planned troops. Claims made on the same day stand side by side. ★ marks the seed article's headline claims."
)
figure, table, vague, note, alt = forces_view(ds, dataset_key(), force, metric)
if table.empty:
    st.info("No estimates for this force and these figures match the current filters.")
else:
    if note:
        st.info(note)
    st.plotly_chart(figure, key="forces_chart", alt=alt, config={"displaylogo": False})
    if len(vague):
        st.markdown("**Claims that give no number** (not charted, listed as stated)")
        claims_table(vague)
    st.markdown("**The same figures with their sources**")
    claims_table(table)
