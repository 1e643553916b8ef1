"""The pack panel: build an offline HTML, PDF or PowerPoint pack of the briefing, then download it.

A build shows its progress in `st.status` (a deferred download could not), and its bytes are kept in a
shared cache keyed by data stamp, filters (with the as-of date), version, format and paper, so asking again
for the same pack, in this session or another, is instant.
"""

from __future__ import annotations

import time

import streamlit as st

from components.data.dataset import Dataset
from components.pack.build import FORMATS, MEDIA_TYPES, PackRequest, build, file_name
from components.pack.chromium import NO_CHROMIUM, ChromiumMissing, chromium_path
from components.pack.handout import PAPERS
from components.state.filters import Filters

FORMAT_LABELS = {
    "html": "HTML (one file, works offline)",
    "pdf": "PDF handout",
    "pptx": "PowerPoint deck",
}
BUILT_KEY = "_packs_built"


@st.cache_resource(max_entries=12, show_spinner=False)
def cached_pack(_ds: Dataset, fingerprint: str, request: PackRequest) -> bytes:
    """A built pack, shared by every session (bytes are immutable: no copy per caller)."""
    return build(_ds, request)


def pack_request(filters: Filters, presenter: bool) -> PackRequest | None:
    """The format, version and paper the reader chose; None when the format needs a Chromium that is missing."""
    fmt = st.radio("Format", FORMATS, format_func=FORMAT_LABELS.get, key="pack_format", horizontal=True)
    versions = ("audience", "presenter") if presenter else ("audience",)
    version = st.radio("Version", versions, key="pack_version", horizontal=True, help="presenter adds talking points")
    paper = "a4"
    if fmt == "pdf":
        paper = st.radio("Paper (landscape)", tuple(PAPERS), format_func=PAPERS.get, key="pack_paper", horizontal=True)
    if fmt != "html" and chromium_path() is None:
        st.info(f"{NO_CHROMIUM} Choose HTML to build the pack without it.")
        return None
    return PackRequest(fmt, filters, version == "presenter", paper)


def built_pack(ds: Dataset, request: PackRequest) -> bytes | None:
    """Build (or fetch from the cache) inside a status box that says what is happening and how long it took."""
    started = time.perf_counter()
    with st.status(f"Building the {FORMAT_LABELS[request.format]}...", expanded=True) as status:
        if request.format != "html":
            st.write("Drawing each step's chart and map in headless Chromium, then laying out the pages.")
        try:
            payload = cached_pack(ds, ds.fingerprint, request)
        except ChromiumMissing as missing:
            status.update(label=str(missing), state="error")
            return None
        took = time.perf_counter() - started
        status.update(label=f"Built: {len(payload) / 1e6:.1f} MB in {took:.1f} s", state="complete", expanded=False)
    return payload


def pack_panel(ds: Dataset, filters: Filters, presenter: bool = False) -> None:
    """Offer the three packs for the current filters, as-of date and briefing (presenter version if allowed)."""
    st.subheader("Take the briefing offline", anchor=False)
    st.caption(
        "One HTML file (charts and map work with no network), a PDF handout or a PowerPoint deck, for the current "
        "filters and as-of date. Every figure keeps its claimant, every quote its source and grade."
    )
    request = pack_request(filters, presenter)
    if request is None:
        return
    key = (ds.fingerprint, request)
    built = st.session_state.setdefault(BUILT_KEY, set())
    if st.button("Build the pack", icon=":material/package_2:", key="pack_build") or key in built:
        payload = built_pack(ds, request)
        if payload is None:
            return
        built.add(key)
        st.download_button(
            f"Download {file_name(request, ds.fingerprint)}",
            payload,
            file_name=file_name(request, ds.fingerprint),
            mime=MEDIA_TYPES[request.format],
            icon=":material/download:",
            on_click="ignore",
            key="pack_download",
        )
