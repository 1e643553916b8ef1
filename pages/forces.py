"""Forces and casualties: each claimant's estimates over time for one force, never summed."""

from __future__ import annotations

import streamlit as st

from components.app_state import filtered_dataset
from components.details import problems_notice
from components.forces import (
    FORCE_NAMES,
    forces_alt,
    forces_figure,
    forces_table,
    in_group,
    seed_estimate_ids,
    unplotted_estimates,
)
from components.schema import FORCES

METRIC_LABELS = {
    "size": "Force size (deployed, present)",
    "losses": "Losses (killed, wounded, killed or wounded, captured, missing)",
}
TABLE_COLUMNS = {
    "link": st.column_config.LinkColumn("link", display_text="open source"),
    "figure": st.column_config.TextColumn("figure as stated"),
}

ds = filtered_dataset()
st.header("Forces and casualties", anchor=False)
problems_notice(ds, "estimates.csv", "sources.csv")
choice, metric_choice = st.columns([1, 2])
force = choice.radio("Force", FORCES, format_func=FORCE_NAMES.get, key="force", bind="query-params", horizontal=True)
metric = metric_choice.radio(
    "Figures", tuple(METRIC_LABELS), format_func=METRIC_LABELS.get, key="metric", bind="query-params", horizontal=True
)
st.caption(
    "Each claim is its own mark, one colour per claimant; marker shape = metric. A vertical bar is a range, "
    'an arrow with ≥ an open-ended claim ("over 3,000"); hollow markers and dashed bars are support or '
    "planned troops. Claims made on the same day stand side by side. ★ marks the seed article's headline claims."
)
estimates = ds.estimates
shown = in_group(estimates, force, metric)
if shown.empty:
    st.info("No estimates for this force and these figures match the current filters.")
else:
    seeds = seed_estimate_ids(estimates, ds.sources, ds.quotes)
    figure = forces_figure(estimates, force, metric, sources=ds.sources, seed_ids=seeds)
    st.plotly_chart(figure, key="forces_chart", alt=forces_alt(estimates, force, metric), config={"displaylogo": False})
    vague = unplotted_estimates(estimates, force, metric)
    if len(vague):
        st.markdown("**Claims that give no number** (not charted, listed as stated)")
        st.dataframe(forces_table(vague, ds.sources), hide_index=True, column_config=TABLE_COLUMNS)
    st.markdown("**The same figures with their sources**")
    st.dataframe(forces_table(shown, ds.sources), hide_index=True, column_config=TABLE_COLUMNS)
