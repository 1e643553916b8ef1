"""The floor: a bare Streamlit app that draws the same charts and tables as the dashboard, precomputed.

The runner records every plotly chart, pydeck chart and dataframe the dashboard sends for each page
(`bench/work/<size>/floor/<page>.json`, the elements' protobufs as the real builders made them) and this app
sends them again without loading, filtering or building anything. What it costs is what Streamlit and the
browser cost for those elements: the floor the dashboard's own work is measured against.

Run: `BENCH_FLOOR_DIR=bench/work/10000/floor streamlit run bench/floor_app.py`.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.elements.lib.layout_utils import LayoutConfig
from streamlit.proto.Element_pb2 import Element

PAGES = ("overview", "timeline", "forces", "map", "sources", "presenter")
CATEGORIES = ("diplomacy", "deployment", "combat", "casualties", "statement", "territory", "acknowledgement", "other")


def floor_dir() -> Path:
    """The folder of recorded elements, from env `BENCH_FLOOR_DIR`."""
    return Path(os.environ.get("BENCH_FLOOR_DIR", "bench/work/floor"))


@st.cache_resource
def recorded(path: str, mtime_ns: int) -> list[Element]:
    """The elements recorded for one page (cached per file version, like the dashboard's cached tables)."""
    elements = []
    for encoded in json.loads(Path(path).read_text())["elements"]:
        element = Element()
        element.ParseFromString(base64.b64decode(encoded))
        elements.append(element)
    return elements


def layout_of(element: Element) -> LayoutConfig:
    """The width and height the element was drawn with."""
    sizes = {}
    for name, config in (("width", element.width_config), ("height", element.height_config)):
        which = config.WhichOneof(config.DESCRIPTOR.oneofs[0].name) if config.DESCRIPTOR.oneofs else None
        if which == "use_stretch":
            sizes[name] = "stretch"
        elif which == "use_content":
            sizes[name] = "content"
        elif which in ("pixel_width", "pixel_height"):
            sizes[name] = getattr(config, which)
    return LayoutConfig(**sizes)


def replay(element: Element) -> None:
    """Send one recorded element again, as it was."""
    kind = element.WhichOneof("type")
    st._main._enqueue(kind, getattr(element, kind), layout_config=layout_of(element))


def page_drawer(name: str) -> Callable[[], None]:
    """The function that draws one page: a filter widget like the dashboard's, then its recorded elements."""

    def draw() -> None:
        st.title(name.title())
        path = floor_dir() / f"{name}.json"
        if path.exists():
            for element in recorded(str(path), path.stat().st_mtime_ns):
                replay(element)

    draw.__name__ = name
    return draw


st.set_page_config(page_title="Floor", layout="wide")
st.sidebar.multiselect("Category", CATEGORIES, key="cat")
pages = [st.Page(page_drawer(name), title=name.title(), url_path=name, default=name == "overview") for name in PAGES]
st.navigation(pages).run()
