"""The sidebar's "Link to this view": written by every full run, and again by a chart's fragment after a click.

A fragment rerun does not run the frame, so without the second write the sidebar would keep offering the link
of the view before the click. The frame keeps its slot (an `st.empty` in the sidebar) in session state; a
fragment writes the fresh link into it, which replaces the old one.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.state.views import View, share_link
from components.ui.app_state import current_view
from components.ui.theme_switch import theme_name

SLOT_KEY = "_share_link_slot"


def with_theme(extra: tuple[tuple[str, object], ...]) -> tuple[tuple[str, object], ...]:
    """The view's extra parameters with `theme` as the page shows it (projector, or left out for light)."""
    rest = tuple((k, v) for k, v in extra if k != "theme")
    return rest + ((("theme", "projector"),) if theme_name() == "projector" else ())


def audience_link(view: View, base: str) -> str:
    """The share link of a view: the audience's, so never a presenter step."""
    return share_link(base or ".", replace(view, step=None, extra=with_theme(view.extra)))


def hold_link_slot(base: str) -> None:
    """Make the sidebar's place for the link (call where it stands) and keep it for this session's fragments."""
    st.session_state[SLOT_KEY] = (st.sidebar.empty(), base)


def link_to_this_view() -> None:
    """The share link of what the reader sees now, in the held slot: by the frame after the page, by a
    chart's fragment after a click (the frame does not run then)."""
    held = st.session_state.get(SLOT_KEY)
    if held is None:
        return
    slot, base = held
    with slot.container():
        st.caption("Link to this view (copy it to share exactly what you see)")
        st.code(audience_link(current_view(), base), language=None, wrap_lines=True)
