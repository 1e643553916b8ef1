"""The projector theme: which theme the page is in, and the one link that switches it.

Streamlit draws the page in `[theme.light]` or `[theme.dark]` of `.streamlit/config.toml`; a page loaded
with `embed_options=dark_theme` opens dark. The charts and the map read the same choice here, so page,
charts and map always share one theme.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from components.present.theme import Theme, theme_named

SWITCH_KEY = "theme_switch"


def theme_name() -> str:
    """'projector' when the page is dark (or, where the browser does not say, when the link asks for it)."""
    kind = getattr(getattr(st.context, "theme", None), "type", None)
    if kind in ("dark", "light"):
        return "projector" if kind == "dark" else "light"
    return "projector" if st.query_params.get("theme") == "projector" else "light"


def chart_theme() -> Theme:
    """The theme charts and maps are drawn in: the page's."""
    return theme_named(theme_name())


def switch_target(url: str | None, params: dict[str, str], projector: bool) -> str:
    """This page's address in the other theme: `theme=projector` plus Streamlit's embed option, or neither."""
    path = urlsplit(url or "").path or "/"
    kept = [(k, v) for k, v in params.items() if k not in ("theme", "embed", "embed_options")]
    extra = (
        [("embed_options", "light_theme")] if projector else [("theme", "projector"), ("embed_options", "dark_theme")]
    )
    return f"{path}?{urlencode(kept + extra)}"


def theme_switch() -> None:
    """One button in the sidebar: to the projector theme, or back to the light one."""
    projector = theme_name() == "projector"
    target = switch_target(st.context.url, st.query_params.to_dict(), projector)
    label = "Light theme" if projector else "Projector theme (dark, high contrast)"
    st.sidebar.link_button(label, target, icon=":material/contrast:", width="stretch")
