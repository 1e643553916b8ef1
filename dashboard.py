"""The Kursk briefing dashboard: frame and router (page config, access gate, links, shared filters, navigation)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.data.schema import CATEGORIES, CONFIDENCES
from components.state.briefing import Step, briefing_steps, find_step, presenter_view
from components.state.views import DATE_MAX, DATE_MIN, MAX_TEXT, View, app_base, parse_view, query_pairs, share_link
from components.ui.access import access_granted, load_secrets
from components.ui.app_state import (
    PAGE_KEY,
    apply_filter_state,
    check_data_files,
    claimant_options,
    current_view,
    full_dataset,
    page_script,
    raw_params,
    reset_filters,
)
from components.ui.follow import follow_off_reason, publish
from components.ui.presenter_bar import GOTO_KEY, presenter_bar
from components.ui.screens import SCREEN_PARAMS, full_window, full_window_screen, screen_notices

PAGE_TITLES = {
    "overview": ("Overview", ":material/summarize:"),
    "timeline": ("Timeline", ":material/timeline:"),
    "forces": ("Forces and casualties", ":material/groups:"),
    "map": ("Map", ":material/map:"),
    "sources": ("Sources and data quality", ":material/fact_check:"),
    "presenter": ("Presenter mode", ":material/co_present:"),
}
# Parameters no widget is bound to: the frame can always pass them along when it switches pages.
UNBOUND = ("event", "place", "data", "step")
NOTICES_KEY = "_link_notices"
APPLIED_STEP_KEY = "_applied_step"


def make_pages() -> dict[str, st.Page]:
    """One st.Page per page; the url path equals the `page` parameter's value."""
    return {
        name: st.Page(page_script(name), title=title, icon=icon, url_path=name, default=name == "overview")
        for name, (title, icon) in PAGE_TITLES.items()
    }


def open_view(view: View, pages: dict[str, st.Page], notices: list[str]) -> None:
    """Show a view on its page: filters and chart choice go to the widgets, the rest to the URL."""
    apply_filter_state(view.filters)
    for key in ("force", "metric"):
        if getattr(view, key):
            st.session_state[key] = getattr(view, key)
        else:
            st.session_state.pop(key, None)
    st.session_state[NOTICES_KEY] = notices
    pairs = query_pairs(replace(view, page="overview"))
    try:  # the first run of a session has no bound widgets yet: the URL can carry everything
        st.switch_page(pages[view.page], query_params=pairs)
    except StreamlitAPIException:  # later, bound parameters follow the widgets' state set above
        st.switch_page(pages[view.page], query_params=[p for p in pairs if p[0] in UNBOUND])


def open_step(step: Step, pages: dict[str, st.Page], notices: list[str]) -> None:
    """Switch to a briefing step's page with the step's view, in presenter mode."""
    st.session_state[APPLIED_STEP_KEY] = step.number
    open_view(presenter_view(step, full_dataset()), pages, notices)


def follow_link(view: View, params: dict[str, list[str]], pages: dict[str, st.Page], notices: list[str]) -> None:
    """Honour `step=` (presenter mode), Previous/Next, and `page=` by switching to the page they name."""
    steps = briefing_steps(full_dataset())
    pending = find_step(steps, st.session_state.pop(GOTO_KEY, None))
    if pending is not None:
        open_step(pending, pages, [])
    step = find_step(steps, view.step)
    if step is not None and st.session_state.get(APPLIED_STEP_KEY) != step.number:
        open_step(step, pages, notices)
    asked = params.get("page", [""])[-1:]
    if asked == [view.page] and view.page != st.session_state[PAGE_KEY]:
        open_view(replace(view, step=None), pages, notices)
    if step is None:
        st.session_state.pop(APPLIED_STEP_KEY, None)


def follow_chart_choice(view: View) -> None:
    """A link's force and metric go to the forces chart's widgets (their URL values are the labels)."""
    for key in ("force", "metric"):
        value = getattr(view, key)
        if value is not None and st.session_state.get(key) != value:
            st.session_state[key] = value


def tidy_url(params: dict[str, list[str]], view: View) -> None:
    """Drop handled or rejected parameters no widget owns, so the address bar shows the view as it is."""
    keep = {"event": view.event, "place": view.place, "step": view.step}
    for key in params:
        if key in ("force", "metric") or key in ("from", "to", "cat", "claimant", "conf", "q", "asof"):
            continue
        if key in keep and keep[key] is not None:
            continue
        try:
            st.query_params.pop(key, None)
        except StreamlitAPIException:
            pass


def taken_by_a_widget(notice: str, params: dict[str, list[str]]) -> bool:
    """True when a page's bound widget accepted the value the link reader did not know (e.g. a label).

    Streamlit drops a bound parameter it cannot use and keeps one it took; the forces chart's radios write
    their labels (`force=Russian forces`) into the URL, which are theirs to read.
    """
    key = getattr(notice, "key", None)
    return key in ("force", "metric") and st.query_params.get_all(key) == params.get(key)


def show_notices(slot, notices: list[str], params: dict[str, list[str]]) -> None:
    """One short line per ignored or corrected link parameter (notices never echo markup)."""
    with slot:
        for notice in dict.fromkeys(notices):
            if not taken_by_a_widget(notice, params):
                st.caption(f":material/info: {notice}")


def sidebar_filters() -> None:
    """The shared filters; each widget's key is its URL parameter, bound to the address bar."""
    bound = {"bind": "query-params"}
    dates = {"value": None, "min_value": DATE_MIN, "max_value": DATE_MAX, "format": "YYYY-MM-DD", **bound}
    claimants = claimant_options()
    if any(c not in claimants for c in st.session_state.get("claimant", [])):
        st.session_state["claimant"] = [c for c in st.session_state["claimant"] if c in claimants]
    with st.sidebar:
        st.subheader("Filters", anchor=False)
        start, end = st.columns(2)
        start.date_input("From", key="from", **dates)
        end.date_input("To", key="to", **dates)
        st.multiselect("Category", CATEGORIES, key="cat", **bound)
        st.multiselect("Claimant", claimants, key="claimant", **bound)
        st.multiselect("Confidence", CONFIDENCES, key="conf", **bound)
        st.text_input("Search titles, summaries, quotes", key="q", max_chars=MAX_TEXT, **bound)
        st.date_input("As of: show what was known on", key="asof", help="Sources published later are hidden.", **dates)
        st.button("Reset filters", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")


def as_of_banner(view: View) -> None:
    """A plain statement on every page while the as-of date is set."""
    if view.filters.as_of is not None:
        st.info(f"Showing what was known on {view.filters.as_of:%d %B %Y}: sources published later are hidden.")


def link_to_this_view(slot, view: View, base: str) -> None:
    """The share link of what the reader sees now (the audience's link: no presenter step)."""
    with slot:
        st.caption("Link to this view (copy it to share exactly what you see)")
        st.code(share_link(base or ".", replace(view, step=None)), language=None, wrap_lines=True)


def run_full_window(pages: dict[str, st.Page], params: dict[str, list[str]]) -> None:
    """The audience window or a follower's screen: no sidebar, no navigation, no page; ends the run."""
    page = st.navigation(list(pages.values()), position="hidden")
    full_window_screen(full_dataset(), params, app_base(st.context.url, page.url_path))
    st.stop()


def follow_publisher():
    """How the presenter bar moves followers once the presenter passcode was given; None with follow mode off."""
    return publish if follow_off_reason(load_secrets()) is None else None


st.set_page_config(
    page_title="Kursk briefing",
    page_icon=":material/map:",
    layout="wide",
    initial_sidebar_state="collapsed" if full_window(raw_params()) else "auto",
)
if not access_granted():
    st.stop()
check_data_files()
pages = make_pages()
if full_window(raw_params()):
    run_full_window(pages, raw_params())
page = st.navigation(list(pages.values()))
st.session_state[PAGE_KEY] = next(name for name, p in pages.items() if p.url_path == page.url_path)
ds = full_dataset()
params = raw_params()
link, notices = parse_view({k: v for k, v in params.items() if k not in SCREEN_PARAMS}, ds)
notices = st.session_state.pop(NOTICES_KEY, []) + screen_notices(params) + notices
follow_link(link, params, pages, notices)
follow_chart_choice(link)
tidy_url(params, link)
notice_slot = st.container()
link_slot = st.sidebar.container()
sidebar_filters()
view = current_view()
as_of_banner(view)
base = app_base(st.context.url, page.url_path)
step = find_step(briefing_steps(ds), st.session_state.get(APPLIED_STEP_KEY))
if step is not None and link.step == step.number:
    presenter_bar(ds, briefing_steps(ds), step, base, follow_publisher(), follow_off_reason(load_secrets()))
page.run()
show_notices(notice_slot, notices, params)
link_to_this_view(link_slot, current_view(), base)
