"""Map: event places over an offline context layer; a click shows the place's events, sources and quotes."""

from __future__ import annotations

import streamlit as st

from components.app_state import current_view, filtered_dataset
from components.details import (
    event_detail,
    event_detail_panel,
    follow_selection,
    place_detail,
    place_detail_panel,
    problems_notice,
)
from components.places import (
    CREDITS,
    elsewhere_events,
    map_alt,
    map_note,
    place_summaries,
    places_deck,
    places_table,
    selected_location_id,
)

ELSEWHERE_COLUMNS = {
    "where": st.column_config.TextColumn("where", width="small"),
    "title": st.column_config.TextColumn("event", width="medium"),
    "date": st.column_config.TextColumn("date", width="small"),
}

ds = filtered_dataset()
view = current_view()
locations, events = ds.locations, ds.events

st.header("Map", anchor=False)
problems_notice(ds, "locations.csv", "events.csv")
clicked = selected_location_id(st.session_state.get("map"))
place = follow_selection("place", clicked, view.place)
map_column, side_column = st.columns([3, 2], gap="medium")
with map_column:
    basemap = st.toggle("Online basemap (needs internet)", key="basemap")
    if note := map_note(place_summaries(locations, events, ds.geo)):
        st.info(note)
    deck = places_deck(locations, events, ds.geo, selected=place, basemap=basemap, centre_on_selected=clicked is None)
    st.pydeck_chart(
        deck,
        on_select="rerun",
        selection_mode="single-object",
        key="map",
        height=520,
        alt=map_alt(locations, events, ds.geo),
    )
    st.caption(
        "Dots: places with events, coloured by their main category, larger with more events. Rings: places "
        f"known only approximately. Red line: the Russia–Ukraine border. Map data: {CREDITS}."
    )
with side_column:
    detail = place_detail(ds, place)
    if detail is not None:
        place_detail_panel(detail)
    elif place:
        st.info("The linked place has no events among those shown: it may be filtered out, or not in the data.")
    else:
        st.caption("Click a place on the map to see its events, their sources and the quotes behind them.")
    st.subheader("Elsewhere / region-wide", anchor=False)
    away = elsewhere_events(locations, events, ds.geo)
    st.caption("Events outside the map's area, or placed only somewhere in the region. Select a row to read it.")
    picked = st.dataframe(
        away[["where", "title", "date"]],
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="elsewhere",
        height=300,
        column_config=ELSEWHERE_COLUMNS,
    )
    rows = picked.selection.rows
    if rows and (chosen := event_detail(ds, away.iloc[rows[0]]["event_id"])) is not None:
        event_detail_panel(chosen)
with st.expander("Places as a table (the map's content, for screen readers and copying)"):
    st.dataframe(places_table(locations, events, ds.geo), hide_index=True)
