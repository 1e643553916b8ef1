"""The Kursk briefing dashboard: frame and router (page config, access gate, links, shared filters, navigation)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.data.schema import CATEGORIES, CONFIDENCES
from components.present.grades import GRADES, SCALE_HELP, grade_label
from components.state.briefing import Step, briefing_steps, find_step, presenter_view
from components.state.filters import judgment_basis
from components.state.registry import (
    BOUND_PARAMS,
    DATE_MAX,
    DATE_MIN,
    DEFAULT_PAGE,
    FRAME_WRITTEN,
    MAX_TEXT,
    PAGES,
    UNBOUND,
    param,
)
from components.state.views import View, app_base, parse_view, query_pairs
from components.ui.access import access_granted, load_secrets
from components.ui.app_state import (
    JUDGMENT_KEY,
    PAGE_KEY,
    SINCE_KEY,
    apply_filter_state,
    check_data_files,
    claimant_options,
    current_judgment,
    current_view,
    full_dataset,
    raw_params,
    reset_filters,
)
from components.ui.follow import follow_off_reason, publish
from components.ui.presenter_bar import GOTO_KEY, presenter_bar
from components.ui.screens import full_window, full_window_screen
from components.ui.share import hold_link_slot, link_to_this_view
from components.ui.theme_switch import theme_switch

NOTICES_KEY = "_link_notices"
APPLIED_STEP_KEY = "_applied_step"
CHOICE_KEY = "_chart_choice"  # the frame-written widgets' last values, kept while another page shows


def make_pages() -> dict[str, st.Page]:
    """One st.Page per registered page; the url path equals the `page` parameter's value."""
    return {
        p.name: st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default) for p in PAGES
    }


def open_view(view: View, pages: dict[str, st.Page], notices: list[str]) -> None:
    """Show a view on its page: filters and chart choice go to the widgets, the rest to the URL."""
    apply_filter_state(view.filters)
    for name in FRAME_WRITTEN:
        value, key = view.get(name), param(name).widget
        if value:
            st.session_state[key] = value
        else:
            st.session_state.pop(key, None)
            st.session_state.get(CHOICE_KEY, {}).pop(key, None)
    st.session_state[NOTICES_KEY] = notices
    pairs = query_pairs(replace(view, page=DEFAULT_PAGE))
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
    """A link's force and metric (ids) go to the forces chart's widgets; else their last values come back."""
    memo = st.session_state.setdefault(CHOICE_KEY, {})
    for name in FRAME_WRITTEN:
        key, value = param(name).widget, view.get(name)
        if value is not None and st.session_state.get(key) != value:
            st.session_state[key] = value
        elif key not in st.session_state and key in memo:
            st.session_state[key] = memo[key]


def write_chart_choice(page_name: str) -> None:
    """After the page ran: the frame-written widgets' ids go into the URL (radios would write their labels)."""
    memo = st.session_state.setdefault(CHOICE_KEY, {})
    for name in FRAME_WRITTEN:
        p = param(name)
        value = st.session_state.get(p.widget)
        if value not in p.choices:
            continue
        memo[p.widget] = value
        shown = st.query_params.get(name)
        if page_name == "forces" and shown != value and (shown is not None or value != p.choices[0]):
            st.query_params[name] = p.write(value)


def tidy_url(params: dict[str, list[str]], view: View) -> None:
    """Drop handled or rejected parameters no widget owns, so the address bar shows the view as it is."""
    keep = {"event": view.event, "place": view.place, "step": view.step, "theme": view.get("theme")}
    for key in params:
        if key in BOUND_PARAMS or key in FRAME_WRITTEN:
            continue
        if key in ("judgment", SINCE_KEY):  # kept by follow_judgment; the overview's since field is bound
            continue
        if key in keep and keep[key] is not None:
            continue
        try:
            st.query_params.pop(key, None)
        except StreamlitAPIException:
            pass


def show_notices(slot, notices: list[str]) -> None:
    """One short line per ignored or corrected link parameter (notices never echo markup)."""
    with slot:
        for notice in dict.fromkeys(notices):
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
        st.multiselect("Source grade", GRADES, key="rel", format_func=grade_label, help=SCALE_HELP, **bound)
        st.text_input("Search titles, summaries, quotes", key="q", max_chars=MAX_TEXT, **bound)
        st.date_input("As of: show what was known on", key="asof", help="Sources published later are hidden.", **dates)
        st.button("Reset filters", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")


def as_of_banner(view: View) -> None:
    """A plain statement on every page while the as-of date is set."""
    if view.filters.as_of is not None:
        st.info(f"Showing what was known on {view.filters.as_of:%d %B %Y}: sources published later are hidden.")


def follow_judgment(link: View, params: dict[str, list[str]]) -> None:
    """A link's `judgment=` narrows every page until cleared; the address bar keeps showing it."""
    if link.filters.judgment:
        st.session_state[JUDGMENT_KEY] = link.filters.judgment
    chosen = current_judgment()
    if chosen:  # written every run: after the overview's page link the address bar lost it otherwise
        st.query_params["judgment"] = chosen
    elif not chosen and "judgment" in params:
        st.query_params.pop("judgment", None)


def clear_judgment() -> None:
    """Show every event and estimate again (a button callback)."""
    st.session_state.pop(JUDGMENT_KEY, None)
    st.query_params.pop("judgment", None)


def judgment_banner(view: View, ds) -> None:
    """A plain line on every page while a key judgment's evidence narrows it, with a way back."""
    basis = judgment_basis(ds, view.filters.judgment)
    if basis is None:
        return
    events, estimates = len(basis[0]), len(basis[1])
    text = (
        f"Showing only the evidence of key judgment '{view.filters.judgment}': "
        f"{events} event{'s' * (events != 1)} and {estimates} estimate{'s' * (estimates != 1)} it rests on "
        "(other filters still apply)."
    )
    shown, clear = st.columns([5, 1], vertical_alignment="center")
    shown.info(text, icon=":material/filter_alt:")
    clear.button("Show all", on_click=clear_judgment, icon=":material/close:", key="clear_judgment")


def run_full_window(pages: dict[str, st.Page], params: dict[str, list[str]]) -> None:
    """The audience window or a follower's screen: no sidebar, no navigation, no page; ends the run."""
    page = st.navigation(list(pages.values()), position="hidden")
    full_window_screen(full_dataset(), params, app_base(st.context.url, page.url_path))
    st.stop()


def follow_publisher():
    """How the presenter bar moves followers once the presenter passcode was given; None with follow mode off."""
    return publish if follow_off_reason(load_secrets()) is None else None


alone = full_window(raw_params())  # the audience window or a follower: no sidebar at all
st.set_page_config(
    page_title="Briefing",  # neutral before the gate
    page_icon=":material/lock:",
    layout="wide",
    initial_sidebar_state="collapsed" if alone else "auto",
)
if not access_granted():
    st.stop()
check_data_files()
pages = make_pages()
if alone:
    run_full_window(pages, raw_params())
page = st.navigation(list(pages.values()))
st.session_state[PAGE_KEY] = next(name for name, p in pages.items() if p.url_path == page.url_path)
ds = full_dataset()
params = raw_params()
link, notices = parse_view(params, ds)
notices = st.session_state.pop(NOTICES_KEY, []) + notices
follow_link(link, params, pages, notices)
follow_chart_choice(link)
follow_judgment(link, params)
tidy_url(params, link)
notice_slot = st.container()
base = app_base(st.context.url, page.url_path)
hold_link_slot(base)  # "Link to this view" stands first in the sidebar; written after the page
theme_switch()
sidebar_filters()
view = current_view()
as_of_banner(view)
judgment_banner(view, ds)
step = find_step(briefing_steps(ds), st.session_state.get(APPLIED_STEP_KEY))
if step is not None and link.step == step.number:
    presenter_bar(ds, briefing_steps(ds), step, base, follow_publisher(), follow_off_reason(load_secrets()))
page.run()
show_notices(notice_slot, notices)
write_chart_choice(st.session_state[PAGE_KEY])
link_to_this_view()
