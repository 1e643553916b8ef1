"""The only Streamlit glue for data: cached loading keyed on the files, filters and view from the session.

The filter widgets live in the frame (`dashboard.py`) with `key=` equal to their URL parameter; this module
reads them back from `st.session_state`, so every page sees the same filters.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, replace
from datetime import date
from pathlib import Path

import streamlit as st

from components.data.dataset import Dataset
from components.data.interim_tables import extra_signature, with_extra_tables
from components.data.loading import default_data_dir, folder_signature, load_dataset
from components.data.schema import CATEGORIES, CONFIDENCES, FORCES
from components.state.filters import Filters, apply_filters
from components.state.views import MAX_TEXT, METRIC_GROUPS, View, judgment_ids, known_claimants, parse_date, parse_view

PAGE_KEY = "_page_name"
JUDGMENT_KEY = "_judgment"
SINCE_KEY = "since"
ROOT = Path(__file__).resolve().parents[2]
VERSION_KEY = "_data_version"
PAGES_DIR = "app_pages"


def page_script(name: str) -> str:
    """A page's script path relative to `dashboard.py`.

    The folder is not called `pages/`: Streamlit would take that for legacy auto-discovered pages and run a first
    visitor's deep link (`/forces`) without the frame, so without the filters and the access gate.
    """
    return f"{PAGES_DIR}/{name}.py"


def data_folder() -> Path:
    """The data folder: env `BRIEFING_DATA_DIR`, else the project's `data/`."""
    return default_data_dir()


@st.cache_resource(show_spinner="Loading the briefing data...", max_entries=4)
def _load(folder: str, version: str) -> Dataset:
    """Read the folder once per version of its files."""
    return with_extra_tables(load_dataset(Path(folder)), Path(folder))


def folder_version(folder: Path) -> str:
    """A digest of the data files' names, mtimes and sizes."""
    signature = folder_signature(folder) + extra_signature(folder)
    return hashlib.sha256(repr(signature).encode()).hexdigest()


def check_data_files() -> None:
    """Look at the data files' mtimes once per run (the frame calls this first): an edit shows on the next rerun."""
    folder = data_folder()
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
    folder = data_folder()
    return _load(str(folder), data_version(folder))


def reload_data() -> None:
    """Forget every loaded version of the data, so the next run reads the files again."""
    st.session_state.pop(VERSION_KEY, None)
    _load.clear()
    _filtered.clear()
    _claimants.clear()


@st.cache_resource(max_entries=4)
def _claimants(_ds: Dataset, fingerprint: str) -> tuple[str, ...]:
    return known_claimants(_ds)


def claimant_options() -> tuple[str, ...]:
    """Every claimant in the data, for the claimant filter."""
    ds = full_dataset()
    return _claimants(ds, ds.fingerprint)


def _as_date(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _known(values: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = values if isinstance(values, list | tuple) else []
    return tuple(v for v in chosen if v in allowed)


def current_filters() -> Filters:
    """The filters as the sidebar widgets hold them (defaults when the widgets have not run)."""
    state = st.session_state
    start, end = _as_date(state.get("from")), _as_date(state.get("to"))
    if start and end and start > end:
        start, end = end, start
    text = state.get("q") if isinstance(state.get("q"), str) else ""
    return Filters(
        date_from=start,
        date_to=end,
        categories=_known(state.get("cat"), CATEGORIES),
        claimants=_known(state.get("claimant"), claimant_options()),
        confidences=_known(state.get("conf"), CONFIDENCES),
        text=text.strip()[:MAX_TEXT],
        as_of=_as_date(state.get("asof")),
        judgment=current_judgment(),
    )


def current_judgment() -> str:
    """The key judgment whose evidence narrows every page ("" for none)."""
    chosen = st.session_state.get(JUDGMENT_KEY)
    return chosen if isinstance(chosen, str) and chosen in judgment_ids(full_dataset()) else ""


def current_since() -> date | None:
    """The overview's "what changed since" date, as its text field holds it (None when empty or invalid)."""
    value = st.session_state.get(SINCE_KEY)
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    return parse_date("since", value.strip())[0]


@st.cache_resource(max_entries=8)
def _filtered(_ds: Dataset, loaded: str, filters: tuple) -> Dataset:
    return apply_filters(_ds, Filters(*filters))


def filtered_dataset() -> Dataset:
    """The full dataset narrowed by the sidebar filters and the as-of date (cached per filters and data)."""
    filters = current_filters()
    ds = full_dataset()
    loaded = f"{ds.fingerprint} {ds.loaded_at}"
    return _filtered(ds, loaded, astuple(filters)) if filters.active else ds


def raw_params() -> dict[str, list[str]]:
    """The URL's query parameters, every value as a list (repeatable parameters keep all values)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def current_view() -> View:
    """What the reader sees now: page, filters, selection and chart choice, stamped with the data."""
    ds = full_dataset()
    view, _ = parse_view(raw_params(), ds)
    force = st.session_state.get("force")
    metric = st.session_state.get("metric")
    return replace(
        view,
        page=st.session_state.get(PAGE_KEY, view.page),
        filters=current_filters(),
        force=force if force in FORCES else view.force,
        metric=metric if metric in METRIC_GROUPS else view.metric,
        data_stamp=ds.fingerprint,
        since=current_since() if st.session_state.get(PAGE_KEY, view.page) == "overview" else None,
    )


def apply_filter_state(filters: Filters) -> None:
    """Put filters into the widgets' state (call before the widgets are drawn, or from a callback)."""
    values = {
        "from": filters.date_from,
        "to": filters.date_to,
        "cat": list(filters.categories),
        "claimant": list(filters.claimants),
        "conf": list(filters.confidences),
        "q": filters.text,
        "asof": filters.as_of,
    }
    for key, value in values.items():
        st.session_state[key] = value
    if filters.judgment:
        st.session_state[JUDGMENT_KEY] = filters.judgment
    else:
        st.session_state.pop(JUDGMENT_KEY, None)


def reset_filters() -> None:
    """Every filter back to its default (a widget callback)."""
    apply_filter_state(Filters())
