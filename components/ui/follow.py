"""Following along: a device opened on `?follow=<room>` shows the presenter's step and moves with them.

The presenter's position lives in the shared store (components/server/rooms.py): in this process with one
replica, in Redis (`BRIEFING_REDIS_URL`) with several. A follower reads it from a tiny fragment that reruns
on its own every `POLL_S` seconds; only when the presenter has moved does the whole screen redraw. Followers
never write: only a presenter who gave the presenter passcode moves a room, so with no passcode configured
follow mode is off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import segno
import streamlit as st

from components.data.dataset import Dataset
from components.server import rooms
from components.server.store import shared
from components.state.briefing import Step, find_step
from components.ui.audience import audience_screen
from components.ui.step_sync import step_sync, viewport

POLL_S = 1.0
ATTACHED_KEY = "_follow_attached"
LOCAL_STEP_KEY = "_follow_local_step"
SEEN_KEY = "_follow_seen_seq"
WATCH_KEY = "follow_watch"
# The watcher's line ("The presenter is on step N" and Rejoin) floats in a corner, over no step's content.
WATCH_CSS = (
    "<style>.st-key-follow_watch{position:fixed;right:1rem;bottom:1rem;z-index:999;width:auto;"
    "max-width:22rem}.st-key-follow_watch:has(button){background:var(--background-color,#fff);"
    "padding:.5rem .75rem;border-radius:.5rem;box-shadow:0 1px 6px rgba(0,0,0,.25)}</style>"
)
OFF_REASON = (
    "Follow mode is off: this briefing has no presenter passcode, so nobody could be trusted to move the devices "
    "that follow along. The host can set `[presenter] passcode` in the secrets to turn it on."
)


def follow_off_reason(secrets: Mapping[str, Any] | None) -> str | None:
    """Why follow mode is off (no presenter passcode configured), or None when it is on."""
    from components.ui.presenter_bar import presenter_passcode

    return OFF_REASON if presenter_passcode(secrets) is None else None


def room_store() -> rooms.Store:
    """The shared store: Redis when BRIEFING_REDIS_URL is set, else this process's memory."""
    return shared()


def follow_address(base: str, code: str) -> str:
    """The short address a follower types or scans."""
    return f"{base.rstrip('/')}/?follow={code}"


@st.cache_data(max_entries=16, show_spinner=False)
def qr_svg(address: str) -> str:
    """The address as a QR code, an SVG document drawn by segno (shown as an image, never as markup)."""
    return segno.make(address, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def follow_card(base: str, width: int) -> None:
    """The QR code and short address of the live room, on the audience screen (nothing when none is open)."""
    code = rooms.active_room(room_store())
    if code is None:
        return
    address = follow_address(base, code)
    with st.container(key="follow_card"):
        st.caption("Follow on your phone or laptop")
        st.image(qr_svg(address), width=width)
        st.caption(address.split("://", 1)[-1])


def publish(step: Step) -> str:
    """Move the live room to the presenter's step (call only for an unlocked presenter); the room code."""
    store = room_store()
    code = rooms.open_room(store)
    rooms.move(store, code, step.number)
    return code


def browse(number: int) -> None:
    """A follower's own key press: leave the presenter's pace until they rejoin."""
    st.session_state[ATTACHED_KEY] = False
    st.session_state[LOCAL_STEP_KEY] = number


def rejoin() -> None:
    """Back to the presenter's step and pace."""
    st.session_state[ATTACHED_KEY] = True


@st.fragment(run_every=POLL_S)
def watch_room(code: str, seen: int, attached: bool) -> None:
    """Read the room once a second; redraw the screen only when the presenter moved or the follower rejoined."""
    now = rooms.position(room_store(), code)
    rejoined = st.session_state.get(ATTACHED_KEY, True) and not attached
    if rejoined or (attached and now is not None and now.seq != seen):
        st.rerun(scope="app")  # the fragment's own rerun redraws only itself; the step is the whole screen
    if now is not None and not attached:
        st.caption(f"The presenter is on step {now.step}.")
        st.button("Rejoin the presenter", on_click=rejoin, icon=":material/sync:", key="follow_rejoin")


def follower_screen(ds: Dataset, steps: tuple[Step, ...], code: str, reason: str | None) -> None:
    """A follower's screen: the presenter's step on the audience screen, moving with them."""
    if reason is not None:
        st.info(reason)
        return
    if not rooms.valid_code(code):
        st.info("This follow link is not a room code. Ask the presenter for the address on their screen.")
        return
    now = rooms.position(room_store(), code)
    attached = st.session_state.get(ATTACHED_KEY, True)
    number = now.step if attached and now else st.session_state.get(LOCAL_STEP_KEY, now.step if now else None)
    step = find_step(steps, number)
    seen = now.seq if now else 0
    # The watcher comes first, at one place in the page for every step: a tick that was already on its way
    # when the presenter moved then lands where the fragment still is. Inside a step's layout, which differs
    # from step to step, such a tick's stale address crashed the page ("Bad delta path index").
    with st.container(key=WATCH_KEY):
        st.html(WATCH_CSS)
        watch_room(code, seen, attached)
    if step is None:
        st.info("Waiting for the presenter: this room has not started, or it has ended.")
        return
    step_sync("follower", steps, step, on_step=browse)
    audience_screen(ds, step, viewport())
