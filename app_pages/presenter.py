"""Presenter mode: the briefing's steps, each with its presenter and audience links, and a start button."""

from __future__ import annotations

import streamlit as st

from components.state.briefing import audience_link, briefing_steps, presenter_link, step_problems
from components.state.views import app_base
from components.ui.access import load_secrets
from components.ui.app_state import current_filters, full_dataset
from components.ui.details import plain_markdown
from components.ui.pack_panel import pack_panel
from components.ui.presenter_bar import go_to_step, presenter_passcode, presenter_unlocked

ds = full_dataset()
steps = briefing_steps(ds)
st.header("Presenter mode", anchor=False)
st.markdown(
    "Walk an audience through the briefing one step at a time. Each step opens its page with its filters and "
    "selection; Previous and Next (or the Left and Right arrow keys) move between steps."
)
if presenter_passcode(load_secrets()) is None:
    st.caption("No presenter passcode is set, so anyone with a presenter link can read the talking points.")
if not steps:
    st.info("This data folder has no briefing (briefing.csv is missing, empty or has no valid step).")
    st.stop()
if not presenter_unlocked():
    st.stop()
st.button(
    "Start the briefing", type="primary", icon=":material/play_arrow:", on_click=go_to_step, args=(steps[0].number,)
)
if problems := step_problems(ds):
    st.warning(f"{len(problems)} problems in briefing.csv: those steps show a default in place of the bad value.")
    for problem in problems:
        st.caption(plain_markdown(str(problem)))
base = app_base(st.context.url, "presenter")
for step in steps:
    with st.container(border=True):
        st.markdown(f"**{step.number}. {plain_markdown(step.title)}**")
        if step.talking_points.strip():
            st.caption(plain_markdown(step.talking_points))
        presenter, audience = st.columns(2)
        presenter.caption("Presenter link")
        presenter.code(presenter_link(base or ".", step), language=None, wrap_lines=True)
        audience.caption("Audience link (no talking points)")
        audience.code(audience_link(base or ".", step, ds), language=None, wrap_lines=True)
pack_panel(ds, current_filters(), presenter=True)
