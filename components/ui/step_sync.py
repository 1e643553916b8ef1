"""The step-sync component: clicker keys, a presenter and an audience window of one browser kept in step.

An inline `st.components.v2` component (its code in `step_sync.js`, app code, never data): it runs in the app's
own page, so it hears the keyboard and can talk to the browser's other windows over a BroadcastChannel. It
reports the step a key (looked up in `move_table`) or the other window asked for; the caller turns it into a
step change with `on_step`. T (or the presenter's button) switches the audience window between the light and the
projector theme: the window reloads on `theme_url`, its own address in the other theme.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from components.state.briefing import KEY_MOVES, MOVES, Step, moved_to
from components.ui.theme_switch import switch_target, theme_name

SYNC_KEY = "step_sync"
VIEWPORT_KEY = "_audience_viewport"
_JS = Path(__file__).with_name("step_sync.js").read_text(encoding="utf-8")
_CSS = """
.sync-status { font-size: 0.95rem; margin-bottom: 0.4rem; color: var(--st-text-color); }
button + button { margin-top: 0.4rem; }
button {
  font: inherit; padding: 0.45rem 0.9rem; border-radius: 0.5rem; cursor: pointer; width: 100%;
  border: 1px solid var(--st-primary-color); background: transparent; color: var(--st-primary-color);
}
"""
_component = st.components.v2.component("kursk_step_sync", js=_JS, css=_CSS)


def _requested(steps: tuple[Step, ...], on_step: Callable[[int], None]) -> None:
    """Callback: the step a key or the other window asked for becomes a step change (unknown steps are dropped)."""
    goto = (st.session_state.get(SYNC_KEY) or {}).get("goto")
    if isinstance(goto, int) and goto in {step.number for step in steps}:
        on_step(goto)


def move_table(steps: tuple[Step, ...]) -> dict[str, dict[str, int]]:
    """Where each move leads from each step, for the browser to look up ({"3": {"next": 4, ...}, ...})."""
    return {str(s.number): {move: moved_to(steps, s.number, move) for move in MOVES} for s in steps}


def _measured() -> None:
    """Callback: keep the window's size, so the audience screen can size its chart to it."""
    size = (st.session_state.get(SYNC_KEY) or {}).get("viewport")
    if isinstance(size, list) and len(size) == 2 and all(isinstance(v, int) and v > 0 for v in size):
        st.session_state[VIEWPORT_KEY] = (size[0], size[1])


def theme_url(theme: str) -> str:
    """This window's own address in the other theme (the step it shows included)."""
    return switch_target(st.context.url, st.query_params.to_dict(), theme == "projector")


def viewport() -> tuple[int, int] | None:
    """The window's inner width and height as the component last measured them (None before it did)."""
    return st.session_state.get(VIEWPORT_KEY)


def step_sync(
    role: str,
    steps: tuple[Step, ...],
    step: Step,
    on_step: Callable[[int], None],
    audience_url: str = "",
    elapsed_s: float = 0.0,
) -> None:
    """Mount the component for a `presenter`, `audience` or `follower` window showing `step`."""
    requested = partial(_requested, steps, on_step)
    theme = theme_name()
    data = {
        "role": role,
        "step": step.number,
        "steps": [s.number for s in steps],
        "keys": KEY_MOVES,
        "moves": move_table(steps),
        "audienceUrl": audience_url,
        "elapsedS": round(elapsed_s),
        "measure": role != "presenter",
        "viewport": list(viewport() or ()),
        "theme": theme,
        "themeUrl": theme_url(theme) if role != "presenter" else "",
    }
    _component(
        key=SYNC_KEY,
        data=data,
        height="content" if role == "presenter" else 0,
        on_goto_change=requested,
        on_viewport_change=_measured,
    )
