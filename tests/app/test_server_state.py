"""What a client's clear_cache empties (st.cache_data, st.cache_resource) holds neither the dataset nor the throttle."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from components.server import throttle as server_throttle
from components.server.cache import DATASETS
from components.server.store import MemoryStore

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"


def clear_streamlit_caches() -> None:
    """What Streamlit 1.67's AppSession._handle_clear_cache_request does to the caches."""
    st.cache_data.clear()
    st.cache_resource.clear()


def test_clearing_streamlit_caches_does_not_reload_the_dataset() -> None:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120).run()
    assert not at.exception
    loads = DATASETS.loads
    assert loads >= 1
    clear_streamlit_caches()
    at.run()
    assert not at.exception and DATASETS.loads == loads


def test_clearing_streamlit_caches_does_not_reset_the_throttle(tmp_path) -> None:
    guard = server_throttle.Throttle(MemoryStore(), state_dir=tmp_path)
    server_throttle.use_throttle(guard)
    try:
        assert server_throttle.shared_throttle().judge("access", "203.0.113.7", lambda: False).judged
        clear_streamlit_caches()
        again = server_throttle.shared_throttle().judge("access", "203.0.113.7", lambda: True)
        assert not again.judged and not again.granted and again.wait_s > 0
    finally:
        server_throttle.use_throttle(None)
