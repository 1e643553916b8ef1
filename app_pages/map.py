"""Map: event places over an offline context layer; a click shows the place's events, sources and quotes."""

from __future__ import annotations

import streamlit as st

from components.ui.app_state import filtered_dataset
from components.ui.details import problems_notice
from components.ui.fragments import map_fragment

ds = filtered_dataset()
st.header("Map", anchor=False)
problems_notice(ds, "locations.csv", "events.csv")
map_fragment()
