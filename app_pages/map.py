"""Map: event places over an offline context layer; a click shows the place's events, sources and quotes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data.dataset import Dataset
from components.present.places import (
    CREDITS,
    CompactDeck,
    elsewhere_events,
    map_alt,
    map_note,
    place_summaries,
    places_deck,
    places_table,
    selected_location_id,
)
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import (
    detail_or_hint,
    event_detail,
    event_detail_panel,
    follow_selection,
    place_detail,
    place_detail_panel,
    problems_notice,
)

ELSEWHERE_ROWS = 2000
ELSEWHERE_COLUMNS = {
    "where": st.column_config.TextColumn("where", width="medium"),
    "title": st.column_config.TextColumn("event", width="medium"),
    "date": st.column_config.TextColumn("date", width="small"),
}


@st.cache_resource(max_entries=16, show_spinner=False)
def map_tables(_ds: Dataset, key: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Places with their events, events listed elsewhere, the places table: once per data and filters, shared."""
    summary = place_summaries(_ds.locations, _ds.events, _ds.geo)
    return summary, elsewhere_events(_ds.locations, _ds.events, _ds.geo), places_table(summary, _ds.locations)


@st.cache_resource(max_entries=32, show_spinner=False)
def map_deck(_ds: Dataset, key: str, ringed: str | None, basemap: bool) -> tuple[CompactDeck, str | None, str]:
    """The deck (its JSON written once), the merge note and the alt text: shared read-only by every session.

    `ringed` is a place opened by a link (ringed and centred); a place clicked on the map leaves the deck
    as it was, so a click reuses the cached deck and Streamlit re-sends only a reference to it.
    """
    summary, away, _ = map_tables(_ds, key)
    deck = places_deck(_ds.locations, _ds.events, _ds.geo, selected=ringed, basemap=basemap, summary=summary)
    deck.to_json()
    return deck, map_note(summary), map_alt(summary, len(away))


ds = filtered_dataset()
view = current_view()
summary, away, table = map_tables(ds, dataset_key())

st.header("Map", anchor=False)
problems_notice(ds, "locations.csv", "events.csv")
clicked = selected_location_id(st.session_state.get("map"))
place = follow_selection("place", clicked, view.place)
map_column, side_column = st.columns([3, 2], gap="medium")
with map_column:
    basemap = st.toggle("Online basemap (needs internet)", key="basemap")
    deck, note, alt = map_deck(ds, dataset_key(), place if clicked is None else None, basemap)
    if note:
        st.info(note)
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=520, alt=alt)
    st.caption(
        "Dots: places with events, coloured by their main category, larger with more events. Rings: places "
        f"known only approximately. Red line: the Russia–Ukraine border. Map data: {CREDITS}."
    )
with side_column:
    detail_or_hint(
        place_detail(ds, place),
        place_detail_panel,
        place,
        "The linked place has no events among those shown: it may be filtered out, or not in the data.",
        "Click a place on the map to see its events, their sources and the quotes behind them.",
    )
    st.subheader("Elsewhere / region-wide", anchor=False)
    st.caption("Events outside the map's area, or placed only somewhere in the region. Select a row to read it.")
    if len(away) > ELSEWHERE_ROWS:
        st.caption(f"Showing the latest {ELSEWHERE_ROWS:,} of {len(away):,}; narrow the filters to see the others.")
    listed = away.tail(ELSEWHERE_ROWS).iloc[::-1].reset_index(drop=True)
    picked = st.dataframe(
        listed[["where", "title", "date"]],
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="elsewhere",
        height=300,
        column_config=ELSEWHERE_COLUMNS,
    )
    rows = picked.selection.rows
    if rows and (chosen := event_detail(ds, listed.iloc[rows[0]]["event_id"])) is not None:
        event_detail_panel(chosen)
with st.expander("Places as a table (the map's content, for screen readers and copying)"):
    st.dataframe(table, hide_index=True)
