"""The map and timeline as fragments: a click on a chart reruns only its fragment (chart, list, detail panel).

Each fragment reads the filtered dataset and the view itself (both cached per data and filters), follows a
click into the address bar (`follow_selection` writes the parameter the registry declares) and draws its
detail panel, so the frame, the sidebar and the page's header are not rebuilt on a click. The derived tables
(event list, places, elsewhere list) are built once per data and filters under `dataset_key()`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.dataset import Dataset
from components.present import places
from components.present.frozen import freeze
from components.present.theme import theme_named
from components.present.timeline import (
    binning_note,
    date_labels,
    list_note,
    list_page_of,
    list_pages,
    list_window,
    narrow_label_css,
    selected_event_id,
    timeline_alt,
    timeline_figure,
)
from components.state.registry import param
from components.ui.app_state import current_view, dataset_key, filtered_dataset
from components.ui.details import (
    detail_or_hint,
    event_detail,
    event_detail_panel,
    follow_selection,
    place_detail,
    place_detail_panel,
)
from components.ui.share import link_to_this_view
from components.ui.theme_switch import theme_name

EVENT = param("event").name
PLACE = param("place").name
CHART_KEY = "timeline"
LIST_KEY = "timeline_events"
LIST_PAGE_KEY = "timeline_list_page"
LIST_SHOWN_KEY = "_timeline_list_shown"
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
    return freeze(figure), binning_note(_events), timeline_alt(_events), css


@st.cache_resource(max_entries=16, show_spinner=False)
def event_list(_events: pd.DataFrame, key: str) -> pd.DataFrame:
    """The events as the list beside the chart shows them: date as known, category, title; oldest first.

    Built once per data and filters (`key`) and shared read-only by every session.
    """
    events = _events
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


ELSEWHERE_ROWS = 2000
ELSEWHERE_COLUMNS = {
    "where": st.column_config.TextColumn("where", width="medium"),
    "title": st.column_config.TextColumn("event", width="medium"),
    "date": st.column_config.TextColumn("date", width="small"),
}


@st.cache_resource(max_entries=16, show_spinner=False)
def map_tables(_ds: Dataset, key: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Places with their events, events listed elsewhere, the places table: once per data and filters, shared."""
    summary = places.place_summaries(_ds.locations, _ds.events, _ds.geo)
    return (
        summary,
        places.elsewhere_events(_ds.locations, _ds.events, _ds.geo),
        places.places_table(summary, _ds.locations),
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def map_deck(
    _ds: Dataset, key: str, ringed: str | None, basemap: bool, theme: str
) -> tuple[places.CompactDeck, str | None, str]:
    """The deck (its JSON written once), the merge note and the alt text: shared read-only by every session.

    `ringed` is a place opened by a link (ringed and centred); a place clicked on the map leaves the deck
    as it was, so a click reuses the cached deck and Streamlit re-sends only a reference to it.
    """
    summary, away, _ = map_tables(_ds, key)
    deck = places.places_deck(
        _ds.locations, _ds.events, _ds.geo, selected=ringed, basemap=basemap, summary=summary, theme=theme_named(theme)
    )
    deck.to_json()
    return deck, places.map_note(summary), places.map_alt(summary, len(away))


@st.cache_resource(max_entries=16, show_spinner=False)
def map_legend(_ds: Dataset, key: str, theme: str) -> tuple[go.Figure, str]:
    """The map's legend drawn as a small figure, and its text for a screen reader: once per data, filters, theme."""
    summary = map_tables(_ds, key)[0]
    entries = places.legend_entries(summary, theme_named(theme))
    return freeze(places.legend_figure(summary, theme_named(theme))), "Map legend: " + "; ".join(e[0] for e in entries)


@st.fragment
def timeline_fragment() -> None:
    """The timeline chart, the event list and the selected event's detail; a click reruns only this."""
    ds = filtered_dataset()
    view = current_view()
    key = dataset_key()
    events = ds.events
    listed = event_list(events, key)
    pages = list_pages(len(listed))
    if pages > 1 and LIST_PAGE_KEY not in st.session_state:  # a link to an event opens the list at its page
        st.session_state[LIST_PAGE_KEY] = list_page_of(listed["event_id"], view.event) or 1
    if st.session_state.get(LIST_PAGE_KEY, 1) > pages:  # the filters left fewer pages than the one shown
        st.session_state[LIST_PAGE_KEY] = pages
    page = int(st.session_state.get(LIST_PAGE_KEY, 1)) if pages > 1 else 1
    start, stop = list_window(len(listed), page)
    shown = listed.iloc[start:stop]  # a view: the cached list is not copied
    list_key = LIST_KEY if pages == 1 else f"{LIST_KEY}_{page}"  # one selection per page of the list
    chart_state = st.session_state.get(CHART_KEY)
    clicked = selected_event_id(chart_state.get("selection") if isinstance(chart_state, dict) else None)
    list_state = st.session_state.get(list_key)
    rows = list_state.get("selection", {}).get("rows", []) if isinstance(list_state, dict) else []
    picked = str(shown["event_id"].iloc[rows[0]]) if rows and rows[0] < len(shown) else None
    if st.session_state.get(LIST_SHOWN_KEY, list_key) != list_key:  # a new page is no new choice
        picked = st.session_state.get(INPUTS_KEY, (None, None, None))[1]
    st.session_state[LIST_SHOWN_KEY] = list_key
    event_id = follow_selection(EVENT, latest_choice(clicked, picked), view.event)
    if events.empty:
        st.info("No events match the current filters. Widen the date range or reset the filters in the sidebar.")
    else:
        figure, note, alt, narrow_css = cached_figure(events, key, theme_name(), event_id)
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
        if pages > 1:  # every event stays reachable: page by page here, or by the filters
            st.number_input("Page of the event list", min_value=1, max_value=pages, step=1, key=LIST_PAGE_KEY)
            st.caption(list_note(len(listed), page))
        st.dataframe(
            shown[["date", "category", "title"]],
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key=list_key,
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
    link_to_this_view()  # the frame does not run after a click: the sidebar's link follows it here


@st.fragment
def map_fragment() -> None:
    """The map, its legend, the selected place's detail and the elsewhere list; a click reruns only this."""
    ds = filtered_dataset()
    view = current_view()
    key = dataset_key()
    summary, away, table = map_tables(ds, key)
    clicked = places.selected_location_id(st.session_state.get("map"))
    place = follow_selection(PLACE, clicked, view.place)
    map_column, side_column = st.columns([3, 2], gap="medium")
    with map_column:
        basemap = st.toggle("Online basemap (needs internet)", key="basemap")
        deck, note, alt = map_deck(ds, key, place if clicked is None else None, basemap, theme_name())
        if note:
            st.info(note)
        st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=520, alt=alt)
        st.caption(f"Map data: {places.CREDITS}.")
    with side_column:
        st.subheader("Legend", anchor=False)
        legend, legend_alt = map_legend(ds, key, theme_name())
        st.plotly_chart(
            legend,
            key="map_legend",
            alt=legend_alt,
            config={"staticPlot": True, "displayModeBar": False},
        )
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
    link_to_this_view()  # the frame does not run after a click: the sidebar's link follows it here
    with st.expander("Places as a table (the map's content, for screen readers and copying)"):
        st.dataframe(table, hide_index=True)
