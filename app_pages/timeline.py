"""Timeline: every event on a time axis across the page; the event list below drives it from the keyboard."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.present.theme import theme_named
from components.present.timeline import (
    binning_note,
    date_labels,
    narrow_label_css,
    selected_event_id,
    timeline_alt,
    timeline_figure,
)
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import detail_or_hint, event_detail, event_detail_panel, follow_selection, problems_notice
from components.ui.theme_switch import theme_name

CHART_KEY = "timeline"
LIST_KEY = "timeline_events"
INPUTS_KEY = "_timeline_inputs"
LIST_COLUMNS = {
    "date": st.column_config.TextColumn("date", width="small"),
    "category": st.column_config.TextColumn("category", width="small"),
    "title": st.column_config.TextColumn("event", width="large"),
}


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_figure(
    _events: pd.DataFrame, key: str, theme: str, selected: str | None
) -> tuple[go.Figure, str | None, str, str]:
    """Figure, binning note, alt text and phone-width label CSS for one dataset, filters, theme and selection."""
    figure = timeline_figure(_events, theme=theme_named(theme), selected=selected)
    css = narrow_label_css(f"st-key-{CHART_KEY}", figure, _events["category"].nunique())
    return figure, binning_note(_events), timeline_alt(_events), css


def event_list(events: pd.DataFrame) -> pd.DataFrame:
    """The events as the list beside the chart shows them: date as known, category, title; oldest first."""
    ordered = events.sort_values("date", kind="stable")
    return pd.DataFrame(
        {
            "date": date_labels(ordered["date"], ordered.get("date_precision", "day")).to_numpy(),
            "category": ordered["category"].to_numpy(),
            "title": ordered["title"].to_numpy(),
            "event_id": ordered["event_id"].to_numpy(),
        }
    )


def latest_choice(clicked: str | None, picked: str | None) -> str | None:
    """The event the reader chose last, on the chart or in the list (the one that changed wins)."""
    before = st.session_state.get(INPUTS_KEY, (None, None, None))
    chosen = picked if picked != before[1] else clicked if clicked != before[0] else before[2]
    st.session_state[INPUTS_KEY] = (clicked, picked, chosen)
    return chosen


ds = filtered_dataset()
view = current_view()
events = ds.events
listed = event_list(events)

st.header("Timeline", anchor=False)
st.caption(
    "One lane per category. Marker shape = confidence. A hollow marker with ≈ is an approximate date; "
    "a hatched bar is a date known only to the week or month; a solid bar is a span. "
    "Select a mark, or a row of the event list below (arrow keys and space), to read its summary, sources and quotes."
)
problems_notice(ds, "events.csv", "sources.csv", "quotes.csv")
chart_state = st.session_state.get(CHART_KEY)
clicked = selected_event_id(chart_state.get("selection") if isinstance(chart_state, dict) else None)
list_state = st.session_state.get(LIST_KEY)
rows = list_state.get("selection", {}).get("rows", []) if isinstance(list_state, dict) else []
picked = str(listed["event_id"].iloc[rows[0]]) if rows and rows[0] < len(listed) else None
event_id = follow_selection("event", latest_choice(clicked, picked), view.event)
if events.empty:
    st.info("No events match the current filters. Widen the date range or reset the filters in the sidebar.")
else:
    figure, note, alt, narrow_css = cached_figure(events, dataset_key(), theme_name(), event_id)
    if note:
        st.info(note)
    st.plotly_chart(
        figure,
        key=CHART_KEY,
        on_select="rerun",
        selection_mode="points",
        alt=alt,
        config={"displaylogo": False},
    )
    if narrow_css:  # on a phone each lane keeps its first label, so labels never overprint
        st.html(f"<style>{narrow_css}</style>")
list_column, detail_column = st.columns([1, 1], gap="medium")
with list_column:
    st.subheader("Events", anchor=False)
    st.dataframe(
        listed[["date", "category", "title"]],
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=LIST_KEY,
        height=420,
        column_config=LIST_COLUMNS,
    )
with detail_column:
    detail_or_hint(
        event_detail(ds, event_id),
        event_detail_panel,
        event_id,
        "The linked event is not among the events shown: it may be filtered out, or no longer in the data.",
        "Select an event on the timeline or in the list to see its summary, its sources and the quotes behind it.",
    )
