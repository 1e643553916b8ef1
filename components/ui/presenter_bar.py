"""What the presenter sees above a step: counter, elapsed time, title, talking points, the next step, the step
list, Previous/Next, the audience window's button and the follow-along address.

Talking points are shown only on a presenter link (`?step=N`, `?step=N&screen=presenter`) and, when
`[presenter] passcode` is set in the secrets, only after the passcode was given; only then does the presenter
move the devices that follow along. Titles and notes are data: drawn as escaped text, never as HTML.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from components.data.dataset import Dataset
from components.state.briefing import Step, audience_link, audience_screen_link, neighbours, presenter_link
from components.ui.access import digest, judge_passcode, load_secrets, refusal
from components.ui.details import plain_markdown
from components.ui.step_sync import step_sync

GOTO_KEY = "_goto_step"
STARTED_KEY = "_briefing_started"
UNLOCKED_KEY = "_presenter_unlocked"
# A static style block: large type for a projector. No data is ever interpolated into it.
PROJECTOR_CSS = """
<style>
.st-key-presenter_points .stMarkdown p { font-size: 1.3rem; line-height: 1.5; }
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


def start_briefing(number: int) -> None:
    """Button callback: go to the first step and start the elapsed-time clock."""
    st.session_state[STARTED_KEY] = time.time()
    go_to_step(number)


def elapsed_s() -> float:
    """Seconds since this presenter started the briefing (the clock starts at the first step shown)."""
    started = st.session_state.setdefault(STARTED_KEY, time.time())
    return time.time() - started


def step_button(column, label: str, target: Step | None, step: Step, primary: bool = False) -> None:
    """A button to a neighbouring step (`presenter_previous`, `presenter_next`); disabled at either end."""
    column.button(
        label,
        key=f"presenter_{label.lower()}",
        disabled=target is None,
        on_click=go_to_step,
        args=((target or step).number,),
        type="primary" if primary else "secondary",
        width="stretch",
    )


def step_buttons(steps: tuple[Step, ...], step: Step) -> None:
    """Previous and Next, also on the Left and Right keys."""
    before, after = neighbours(steps, step.number)
    back, counter, forward = st.columns([1, 2, 1], vertical_alignment="center")
    step_button(back, "Previous", before, step)
    counter.markdown(f"**Step {step.number} of {len(steps)}**", text_alignment="center")
    step_button(forward, "Next", after, step, primary=True)


def step_list(steps: tuple[Step, ...], step: Step) -> None:
    """The next step's title and every step, to jump to."""
    after = neighbours(steps, step.number)[1]
    st.markdown(f"**Next:** {plain_markdown(after.title)}" if after else "**Next:** the end of the briefing")
    with st.popover("Jump to a step", icon=":material/list:", width="stretch"):
        for each in steps:
            st.button(
                plain_markdown(f"{each.number}. {each.title}"),
                key=f"presenter_jump_{each.number}",
                on_click=go_to_step,
                args=(each.number,),
                disabled=each.number == step.number,
                type="tertiary",
            )


def follow_line(base: str, step: Step, publish: Callable[[Step], str] | None, reason: str | None) -> None:
    """Where followers join (and move them to this step), or why follow mode is off."""
    if publish is None:
        st.caption(reason or "")
        return
    code = publish(step)
    address = plain_markdown(f"{base.rstrip('/')}/?follow={code}")
    st.caption(f"Devices following along: {address} (shown as a QR code to the audience)")


def presenter_bar(
    ds: Dataset,
    steps: tuple[Step, ...],
    step: Step,
    base: str,
    publish: Callable[[Step], str] | None = None,
    follow_reason: str | None = None,
) -> None:
    """The presenter's bar above a step's view: `publish` moves the followers (None when follow mode is off)."""
    st.html(PROJECTOR_CSS)
    with st.container(key="presenter_bar", border=True):
        step_buttons(steps, step)
        st.title(plain_markdown(step.title), anchor=False)
        points, side = st.columns([2, 1], gap="medium")
        with side:
            step_sync("presenter", steps, step, go_to_step, audience_screen_link(base, step), elapsed_s())
        with points, st.container(key="presenter_points"):
            unlocked = presenter_unlocked()
            if unlocked and step.talking_points.strip():
                st.markdown(plain_markdown(step.talking_points))
        if not unlocked:
            return
        with side:
            step_list(steps, step)
            follow_line(base, step, publish, follow_reason)
        with st.expander("Links to this step"):
            st.caption("Presenter link (opens presenter mode at this step; shows talking points):")
            st.code(presenter_link(base, step), language=None, wrap_lines=True)
            st.caption("Audience window (full screen for the projector, no talking points):")
            st.code(audience_screen_link(base, step), language=None, wrap_lines=True)
            st.caption("Audience link (the view only, no talking points):")
            st.code(audience_link(base, step, ds), language=None, wrap_lines=True)
