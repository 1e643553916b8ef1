"""The session glue: filters read back from the widgets' state, and the one cache key of data under filters."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


def read_state(state: dict) -> None:
    """A script that puts `state` into session state and shows what app_state reads back from it."""
    import streamlit as st

    from components.ui.app_state import current_filters, dataset_key

    for key, value in state.items():
        st.session_state[key] = value
    st.text(repr(current_filters()))
    st.text(dataset_key())


def run(monkeypatch, state: dict) -> list[str]:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(MINIMAL))
    at = AppTest.from_function(read_state, args=(state,), default_timeout=60).run()
    assert not at.exception
    return [t.value for t in at.text]


def test_widget_values_of_the_wrong_kind_or_outside_the_vocabulary_are_dropped(monkeypatch):
    from datetime import date

    shown, _ = run(
        monkeypatch,
        {
            "from": date(2025, 1, 2),
            "to": date(2024, 12, 1),
            "cat": ["combat", "nope"],
            "conf": "claimed",
            "q": "  Kursk " + "x" * 300,
            "asof": "2025-01-01",
        },
    )
    assert shown.startswith("Filters(date_from=datetime.date(2024, 12, 1), date_to=datetime.date(2025, 1, 2), ")
    assert "categories=('combat',), claimants=(), confidences=()" in shown
    assert "text='Kursk " + "x" * 194 + "'" in shown and "as_of=None" in shown


def test_the_cache_key_names_the_data_and_changes_with_the_filters(monkeypatch):
    _, plain = run(monkeypatch, {})
    _, narrowed = run(monkeypatch, {"cat": ["combat"]})
    assert plain.split("@")[0] == narrowed.split("@")[0] and len(plain.split("@")[0]) == 8
    assert plain != narrowed and "categories=('combat',)" in narrowed
