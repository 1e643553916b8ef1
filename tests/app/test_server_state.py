"""What a client's clear_cache empties (st.cache_data, st.cache_resource) holds neither the dataset nor the throttle."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from fixtures.clock import Clock
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


def presenter_tab() -> AppTest:
    """A fresh session on a presenter link of a briefing whose presenter passcode is set."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    at.secrets["presenter"] = {"passcode": "presenter-phrase"}
    at.query_params["step"] = "1"
    return at.run()


def give_presenter_passcode(at: AppTest, code: str) -> list[str]:
    """Type into the presenter form and press its button; the errors the run showed."""
    next(w for w in at.text_input if w.label == "Presenter passcode").input(code)
    next(b for b in at.button if b.label == "Unlock presenter mode").click().run()
    return [e.value for e in at.error]


def test_the_presenter_passcode_is_throttled_across_sessions(tmp_path) -> None:
    clock = Clock(2_000_000.0)
    server_throttle.use_throttle(server_throttle.Throttle(MemoryStore(clock), clock=clock, state_dir=tmp_path))
    try:
        assert give_presenter_passcode(presenter_tab(), "wrong") == ["Wrong passcode."]
        fresh = presenter_tab()  # a new session starts nothing over
        assert give_presenter_passcode(fresh, "presenter-phrase") == ["Too many attempts. Wait 1 s, then try again."]
        clock.now += 1
        assert give_presenter_passcode(fresh, "presenter-phrase") == []
        assert not [w for w in fresh.text_input if w.label == "Presenter passcode"]
    finally:
        server_throttle.use_throttle(None)
