"""The floor: a bare Streamlit app that sends exactly what the dashboard sends, without computing any of it.

While measuring the dashboard, the runner records every delta each page's first run sends (elements, layout
blocks, page config; `bench/work/runs/<data set>/floor/<page>.json`). This app has the same pages at the same
URL paths and, on every run, enqueues those recorded messages again, untouched: no loading, validating,
filtering or building. What it costs is what Streamlit and the browser cost for the same page: the floor the
dashboard's own work is measured against. The recorded widgets are drawn too, so a filter change in the
browser reruns the floor page like it reruns the dashboard's.

Run: `BENCH_FLOOR_DIR=bench/work/runs/10000/floor streamlit run bench/floor_app.py`.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from components.state.registry import PAGE_NAMES

PAGES = PAGE_NAMES


def floor_dir() -> Path:
    """The folder of recorded pages, from env `BENCH_FLOOR_DIR`."""
    return Path(os.environ.get("BENCH_FLOOR_DIR", "bench/work/floor"))


@st.cache_resource
def recorded(path: str, mtime_ns: int) -> tuple[bytes, ...]:
    """The serialized messages recorded for one page (cached per file version)."""
    return tuple(base64.b64decode(text) for text in json.loads(Path(path).read_text())["messages"])


def replay(raw: bytes) -> None:
    """Send one recorded message again, as the dashboard sent it (same delta path, same content)."""
    msg = ForwardMsg()
    msg.ParseFromString(raw)
    msg.ClearField("hash")
    msg.metadata.cacheable = False
    get_script_run_ctx().enqueue(msg)


def page_drawer(name: str) -> Callable[[], None]:
    """The function that replays one page."""

    def draw() -> None:
        path = floor_dir() / f"{name}.json"
        if path.exists():
            for raw in recorded(str(path), path.stat().st_mtime_ns):
                replay(raw)

    draw.__name__ = name
    return draw


pages = [st.Page(page_drawer(name), title=name.title(), url_path=name, default=name == "overview") for name in PAGES]
st.navigation(pages).run()
