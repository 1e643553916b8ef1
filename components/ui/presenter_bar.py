"""What the presenter sees above a step: counter, large title, talking points, Previous/Next, the step's links.

Talking points are shown only on a presenter link (`?step=N`) and, when `[presenter] passcode` is set in the
secrets, only after the passcode was given. Titles and notes are data: drawn as escaped text, never as HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.data.dataset import Dataset
from components.state.briefing import Step, audience_link, neighbours, presenter_link
from components.ui.access import digest, judge_passcode, load_secrets, refusal
from components.ui.details import plain_markdown

GOTO_KEY = "_goto_step"
UNLOCKED_KEY = "_presenter_unlocked"
# A static style block: large type for a projector. No data is ever interpolated into it.
PROJECTOR_CSS = """
<style>
.st-key-presenter_bar h1 { font-size: 2.8rem; line-height: 1.15; }
.st-key-presenter_bar .stMarkdown p { font-size: 1.25rem; }
</style>
"""


def presenter_passcode(secrets: Mapping[str, Any] | None) -> str | None:
    """The `[presenter] passcode` from secrets, or None when presenter mode is open."""
    section = (secrets or {}).get("presenter") or {}
    passcode = section.get("passcode") if isinstance(section, Mapping) else None
    return passcode if isinstance(passcode, str) and passcode.strip() else None


def presenter_unlocked() -> bool:
    """True when no presenter passcode is set or it was given; otherwise draws the passcode form."""
    expected = presenter_passcode(load_secrets())
    if expected is None or st.session_state.get(UNLOCKED_KEY) == digest(expected):
        return True
    with st.form("presenter_passcode", clear_on_submit=True):
        st.markdown("**Presenter mode** needs the presenter's passcode to show the talking points.")
        given = st.text_input("Presenter passcode", type="password")
        submitted = st.form_submit_button("Unlock presenter mode")
    if submitted:
        verdict = judge_passcode("presenter", given, expected)
        if verdict.granted:
            st.session_state[UNLOCKED_KEY] = digest(expected)
            st.rerun()
        st.error(refusal(verdict, "Wrong passcode."))
    return False


def go_to_step(number: int) -> None:
    """Button callback: the frame switches to this step at the start of the next run."""
    st.session_state[GOTO_KEY] = number


def step_buttons(steps: tuple[Step, ...], step: Step) -> None:
    """Previous and Next, also on the Left and Right keys."""
    before, after = neighbours(steps, step.number)
    back, counter, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        "Previous",
        key="presenter_previous",
        shortcut="Left",
        disabled=before is None,
        on_click=go_to_step,
        args=(before.number if before else step.number,),
        width="stretch",
    )
    counter.markdown(f"**Step {step.number} of {len(steps)}**", text_alignment="center")
    forward.button(
        "Next",
        key="presenter_next",
        shortcut="Right",
        disabled=after is None,
        on_click=go_to_step,
        args=(after.number if after else step.number,),
        type="primary",
        width="stretch",
    )


def presenter_bar(ds: Dataset, steps: tuple[Step, ...], step: Step, base: str) -> None:
    """The presenter's bar above a step's view."""
    st.html(PROJECTOR_CSS)
    with st.container(key="presenter_bar", border=True):
        step_buttons(steps, step)
        st.title(plain_markdown(step.title), anchor=False)
        if not presenter_unlocked():
            return
        if step.talking_points.strip():
            st.markdown(plain_markdown(step.talking_points))
        with st.expander("Links to this step"):
            st.caption("Presenter link (opens presenter mode at this step; shows talking points):")
            st.code(presenter_link(base, step), language=None, wrap_lines=True)
            st.caption("Audience link (the view only, no talking points):")
            st.code(audience_link(base, step, ds), language=None, wrap_lines=True)
