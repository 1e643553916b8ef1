"""The only Streamlit glue for data: cached loading keyed on the files, filters and view from the session.

The filter widgets live in the frame (`dashboard.py`) with `key=` equal to their URL parameter; this module
reads them back from `st.session_state`, so every page sees the same filters.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import streamlit as st

from components.data.dataset import Dataset
from components.data.loading import default_data_dir, folder_signature
from components.server.cache import DATASETS
from components.state.briefing import load_briefing
from components.state.filters import Filters, apply_filters, data_key
from components.state.registry import (
    FILTER_PARAMS,
    FRAME_WRITTEN,
    MAX_TEXT,
    filter_field,
    page_script,
    param,
    parse_date,
)
from components.state.views import View, judgment_ids, known_claimants, parse_view

__all__ = ["page_script"]  # pages and tests find a page's script here or in the registry
PAGE_KEY = "_page_name"
JUDGMENT_KEY = "judgment"
SINCE_KEY = "since"
VERSION_KEY = "_data_version"


def _load(folder: str, version: str) -> Dataset:
    """Read the folder once per version of its files, in a process-level cache no client's clear_cache reaches."""

    def read() -> Dataset:
        return load_briefing(Path(folder))

    if DATASETS.has((folder, version)):
        return DATASETS.get((folder, version), read)
    with st.spinner("Loading the briefing data..."):
        return DATASETS.get((folder, version), read)


def folder_version(folder: Path) -> str:
    """A digest of the data files' names, mtimes and sizes."""
    signature = folder_signature(folder)
    return hashlib.sha256(repr(signature).encode()).hexdigest()


def check_data_files() -> None:
    """Look at the data files' mtimes once per run (the frame calls this first): an edit shows on the next rerun."""
    folder = default_data_dir()
    st.session_state[VERSION_KEY] = (str(folder), folder_version(folder))


def data_version(folder: Path) -> str:
    """The version the frame found at the start of this run (computed here when no frame ran)."""
    memo = st.session_state.get(VERSION_KEY)
    if memo is not None and memo[0] == str(folder):
        return memo[1]
    version = folder_version(folder)
    st.session_state[VERSION_KEY] = (str(folder), version)
    return version


def full_dataset() -> Dataset:
    """The unfiltered dataset, re-read when any data file's mtime or size changes."""
    folder = default_data_dir()
    return _load(str(folder), data_version(folder))


def reload_data() -> None:
    """Forget every loaded version of the data, so the next run reads the files again."""
    st.session_state.pop(VERSION_KEY, None)
    DATASETS.clear()
    _filtered.clear()
    _claimants.clear()


@st.cache_resource(max_entries=4)
def _claimants(_ds: Dataset, key: str) -> tuple[str, ...]:
    return known_claimants(_ds)


def claimant_options() -> tuple[str, ...]:
    """Every claimant in the data, for the claimant filter."""
    ds = full_dataset()
    return _claimants(ds, data_key(ds, Filters()))


def _as_date(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _known(values: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = values if isinstance(values, list | tuple) else []
    return tuple(v for v in chosen if v in allowed)


def widget_value(name: str, allowed: tuple[str, ...] = ()) -> object:
    """What the widget owning a filter parameter holds, kept only when it has the parameter's type."""
    p = param(name)
    value = st.session_state.get(p.widget or p.name)
    if p.kind == "date":
        return value if isinstance(value, date) else None
    if p.kind == "list":
        chosen = value if isinstance(value, list | tuple) else []
        return tuple(v for v in chosen if v in (allowed or p.choices))
    return value.strip()[:MAX_TEXT] if isinstance(value, str) else ""


def current_filters() -> Filters:
    """The filters as the sidebar widgets hold them (defaults when the widgets have not run)."""
    found = {filter_field(p): widget_value(p.name) for p in FILTER_PARAMS if p.name != "claimant"}
    found["claimants"] = widget_value("claimant", claimant_options())
    found["judgment"] = current_judgment()
    if found["date_from"] and found["date_to"] and found["date_from"] > found["date_to"]:
        found["date_from"], found["date_to"] = found["date_to"], found["date_from"]
    return Filters(**found)


def current_judgment() -> str:
    """The key judgment whose evidence narrows every page ("" for none)."""
    chosen = st.session_state.get(JUDGMENT_KEY)
    return chosen if isinstance(chosen, str) and chosen in judgment_ids(full_dataset()) else ""


def current_since() -> date | None:
    """The overview's "what changed since" date, as its text field holds it (None when empty or invalid)."""
    value = st.session_state.get(SINCE_KEY)
    if not isinstance(value, str) or not value.strip():
        return None
    return parse_date("since", value.strip())[0]


@st.cache_resource(max_entries=8)
def _filtered(_ds: Dataset, key: str, _filters: Filters) -> Dataset:
    return apply_filters(_ds, _filters)


def filtered_dataset() -> Dataset:
    """The full dataset narrowed by the sidebar filters and the as-of date (cached per filters and data)."""
    filters = current_filters()
    ds = full_dataset()
    return _filtered(ds, data_key(ds, filters), filters) if filters.active else ds


def dataset_key() -> str:
    """The cache key of the dataset the pages draw: the data under the current filters."""
    return data_key(full_dataset(), current_filters())


def raw_params() -> dict[str, list[str]]:
    """The URL's query parameters, every value as a list (repeatable parameters keep all values)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def chart_choice(view: View) -> dict[str, object]:
    """The frame-written parameters (force, metric) as their widgets hold them, else as the link gives them."""
    choice = {}
    for name in FRAME_WRITTEN:
        p = param(name)
        held = st.session_state.get(p.widget)
        choice[p.target] = held if held in p.choices else view.get(name)
    return choice


def current_view() -> View:
    """What the reader sees now: page, filters, selection and chart choice, stamped with the data."""
    ds = full_dataset()
    view, _ = parse_view(raw_params(), ds)
    return replace(
        view,
        page=st.session_state.get(PAGE_KEY, view.page),
        filters=current_filters(),
        data_stamp=ds.fingerprint,
        **chart_choice(view),
    )


def apply_filter_state(filters: Filters) -> None:
    """Put filters into the widgets' state (call before the widgets are drawn, or from a callback)."""
    for p in FILTER_PARAMS:
        value = getattr(filters, filter_field(p))
        st.session_state[p.widget or p.name] = list(value) if p.repeatable else value


def reset_filters() -> None:
    """Every filter back to its default (a widget callback)."""
    apply_filter_state(Filters())
