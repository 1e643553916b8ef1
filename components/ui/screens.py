"""The full-window screens the frame draws instead of a page: the audience window and a follower's device.

`?step=N&screen=audience` is the projector's window, moved by the presenter's window in the same browser;
`?follow=<room>` is an audience member's device, moved through the shared store. Neither has a sidebar,
filters or talking points.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.data.dataset import Dataset
from components.state.briefing import briefing_steps, find_step, parse_screen
from components.ui.access import load_secrets
from components.ui.audience import audience_screen
from components.ui.follow import follow_card, follow_off_reason, follower_screen
from components.ui.step_sync import step_sync, viewport

QR_SHARE = 0.12  # of the window's width


def last(params: Mapping[str, list[str]], key: str) -> str | None:
    """A parameter's last value, None when absent."""
    values = params.get(key) or []
    return values[-1] if values else None


def full_window(params: Mapping[str, list[str]]) -> bool:
    """True when the link asks for the audience window or a follower's screen (no sidebar, no page)."""
    return last(params, "follow") is not None or parse_screen(last(params, "screen"))[0] == "audience"


def set_step(number: int) -> None:
    """Callback of the audience window: its step lives in its address (each step its own history entry)."""
    st.query_params["step"] = str(number)


def qr_card(base: str) -> None:
    """The follow-along QR code sized to the window, when follow mode is on."""
    if follow_off_reason(load_secrets()) is None:
        width = (viewport() or (1280, 720))[0]
        follow_card(base, max(120, int(width * QR_SHARE)))


def audience_window(ds: Dataset, params: Mapping[str, list[str]], base: str) -> None:
    """The projector's window: the step named in the link (the first when none is), in step with the presenter."""
    steps = briefing_steps(ds)
    number = last(params, "step")
    step = find_step(steps, int(number) if number and number.isdigit() else None) or (steps[0] if steps else None)
    if step is None:
        st.info("This data folder has no briefing (briefing.csv is missing, empty or has no valid step).")
        return
    step_sync("audience", steps, step, set_step)
    audience_screen(ds, step, viewport(), follow=lambda: qr_card(base))


def full_window_screen(ds: Dataset, params: Mapping[str, list[str]], base: str) -> None:
    """Draw the audience window or, for a follow link, the follower's screen."""
    code = last(params, "follow")
    if code is None:
        audience_window(ds, params, base)
    else:
        follower_screen(ds, briefing_steps(ds), code.strip().lower(), follow_off_reason(load_secrets()))
