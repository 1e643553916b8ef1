"""Timeline: every event on a time axis; selecting one opens its summary, sources and quotes beside it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.present.timeline import binning_note, selected_event_id, timeline_alt, timeline_figure
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import detail_or_hint, event_detail, event_detail_panel, follow_selection, problems_notice


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_figure(_events: pd.DataFrame, key: str) -> tuple[go.Figure, str | None, str]:
    """Figure, binning note and alt text for one dataset and filter state: built once, shared read-only."""
    return timeline_figure(_events), binning_note(_events), timeline_alt(_events)


ds = filtered_dataset()
view = current_view()
events = ds.events

st.header("Timeline", anchor=False)
st.caption(
    "One lane per category. Marker shape = confidence. A hollow marker with ≈ is an approximate date; "
    "a hatched bar is a date known only to the week or month; a solid bar is a span. "
    "Select a mark to read its summary, sources and quotes."
)
problems_notice(ds, "events.csv", "sources.csv", "quotes.csv")
chart_column, detail_column = st.columns([2, 1], gap="medium")
with chart_column:
    if events.empty:
        st.info("No events match the current filters. Widen the date range or reset the filters in the sidebar.")
        chosen = None
    else:
        figure, note, alt = cached_figure(events, dataset_key())
        if note:
            st.info(note)
        state = st.plotly_chart(
            figure,
            key="timeline",
            on_select="rerun",
            selection_mode="points",
            alt=alt,
            config={"displaylogo": False},
        )
        chosen = selected_event_id(state.selection)
event_id = follow_selection("event", chosen, view.event)
with detail_column:
    detail_or_hint(
        event_detail(ds, event_id),
        event_detail_panel,
        event_id,
        "The linked event is not among the events shown: it may be filtered out, or no longer in the data.",
        "Select an event on the timeline to see its summary, its sources and the quotes behind it.",
    )
