"""Timeline: every event on a time axis across the page; the event list below drives it from the keyboard."""

from __future__ import annotations

import streamlit as st

from components.present.timeline import timeline_heading
from components.ui.app_state import filtered_dataset
from components.ui.details import problems_notice
from components.ui.fragments import timeline_fragment

ds = filtered_dataset()
st.header(timeline_heading(ds.events), anchor=False)
st.caption(
    "One lane per category. Marker shape = confidence. A hollow marker with ≈ is an approximate date; "
    "a hatched bar is a date known only to the week or month; a solid bar is a span. "
    "Select a mark, or a row of the event list below (arrow keys and space), to read its summary, sources and quotes."
)
problems_notice(ds, "events.csv", "sources.csv", "quotes.csv")
timeline_fragment()
