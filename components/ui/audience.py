"""The audience screen of a briefing step: its title in large type and its visual filling one window.

No sidebar, no filters, no talking points. The step's chart, map, key judgments or figures sit on the left, the
selected event's or place's words (its quote panel) on the right, and a follow-along QR code below them when follow
mode is on. An overview step shows the key judgments standing on its as-of date, or, when none had been made by
then, the headline figures. Every size comes from `components.present.audience.stage`, worked out from the window
the browser measured; charts and the map are drawn in the page's theme (light or projector).
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from components.data.dataset import Dataset
from components.present.audience import (
    CHART_SHARE,
    JUDGMENT_TYPE_PX,
    Stage,
    clipped,
    judgments_type,
    projector_figure,
    stage,
)
from components.present.forces import article_stated_ids, forces_figure
from components.present.frozen import freeze
from components.present.headlines import claimant_families, headlines
from components.present.judgments import key_judgments
from components.present.places import places_deck
from components.present.theme import theme_named
from components.present.timeline import timeline_figure
from components.state.briefing import Step, briefing_steps, find_step, step_view
from components.state.filters import apply_filters
from components.state.views import View
from components.ui.details import event_detail, place_detail, plain_markdown
from components.ui.theme_switch import theme_name

# App-constant style for a projector: no header bar, little padding, large type. No data is ever put in it.
AUDIENCE_CSS = """
<style>
header[data-testid="stHeader"] { display: none; }
.stMainBlockContainer { padding: 40px 40px 0 40px; max-width: 100%; }
.st-key-audience_screen p, .st-key-audience_screen li { font-size: var(--audience-font, 24px); line-height: 1.4; }
.st-key-audience_screen [data-testid="stCaptionContainer"] p { font-size: calc(var(--audience-font, 24px) * 0.8); }
.st-key-audience_title h1 { padding: 0; line-height: 1.25; }
</style>
"""
# One rule per type size the stage can choose: the panel's text size, set by the class on the screen's block.
FONT_CSS = {
    size: f"<style>.st-key-audience_screen {{ --audience-font: {size}px; }} "
    f".st-key-audience_title h1 {{ font-size: {round(size * 1.8)}px; }}</style>"
    for size in (15, 18, 24)
}
# The key judgments' type size, chosen by `judgments_type` so that every judgment fits the window. Streamlit sets a
# badge's size in its inline style, so only `!important` lifts the labels to the statement's size.
JUDGMENT_CSS = {
    size: f"<style>.st-key-audience_screen .st-key-audience_judgments p {{ font-size: {size}px; "
    f"line-height: 1.4; margin: 0; }} .st-key-audience_screen .st-key-audience_judgments p span.stMarkdownBadge "
    f"{{ font-size: {size}px !important; line-height: 1.3; }}</style>"
    for size in JUDGMENT_TYPE_PX
}


def step_dataset(ds: Dataset, view: View) -> Dataset:
    """The data a step shows: its view's filters over the full data."""
    return apply_filters(ds, view.filters) if view.filters.active else ds


@st.cache_resource(max_entries=64, show_spinner=False)
def step_figure(_ds: Dataset, fingerprint: str, number: int, sizes: Stage, theme: str) -> go.Figure | None:
    """The step's chart at projector size (timeline and forces steps), built once per data, step, window, theme."""
    step_ds, view = _step_data(_ds, number)
    if view.page == "timeline" and len(step_ds.events):
        return freeze(projector_figure(timeline_figure(step_ds.events, theme=theme_named(theme)), sizes))
    if view.page == "forces":
        seeds = article_stated_ids(step_ds.estimates)
        force, metric = view.force or "dprk", view.metric or "size"
        families = claimant_families(step_ds)
        figure = forces_figure(
            step_ds.estimates,
            force,
            metric,
            sources=step_ds.sources,
            seed_ids=seeds,
            families=families,
            theme=theme_named(theme),
        )
        return freeze(projector_figure(figure, sizes))
    return None


def _step_data(ds: Dataset, number: int) -> tuple[Dataset, View]:
    step = find_step(briefing_steps(ds), number)
    view = step_view(step, ds)[0] if step else View()
    return step_dataset(ds, view), view


def event_panel(ds: Dataset, event_id: str | None, sizes: Stage) -> None:
    """The selected event's date, summary and its words in the sources, cut to what fits beside the chart."""
    detail = event_detail(ds, event_id)
    if detail is None:
        return
    st.markdown(f"**{plain_markdown(detail.title)}**")
    st.caption(plain_markdown(f"{detail.dates} · confidence: {detail.confidence}"))
    budget = sizes.panel_chars - len(detail.title) - 40
    quote = detail.quotes[0] if detail.quotes else None
    summary_chars = budget // 2 if quote else budget
    st.markdown(plain_markdown(clipped(detail.summary, summary_chars)))
    if quote is not None:
        st.markdown(plain_markdown(f"“{clipped(quote.text, budget - summary_chars - 40)}”"))
        st.caption(plain_markdown(f"— {', '.join(p for p in (quote.speaker, quote.source) if p)}"))


def place_panel(ds: Dataset, location_id: str | None, sizes: Stage) -> None:
    """The selected place: its name, how well it is located, and its latest events' titles."""
    detail = place_detail(ds, location_id, limit=4)
    if detail is None:
        return
    st.markdown(f"**{plain_markdown(detail.name)}**")
    st.caption(plain_markdown(f"{detail.admin} · {detail.precision} location"))
    budget = sizes.panel_chars - 60
    for event in detail.events:
        line = clipped(f"{event.dates}: {event.title}", min(budget, 160))
        budget -= len(line) + 40
        if budget < 0:
            break
        st.markdown(plain_markdown(line))


def judgments_panel(ds: Dataset, view: View, sizes: Stage) -> bool:
    """The key judgments standing on the step's as-of date, each with its two labels; False when none stand."""
    items = key_judgments(ds, view.filters.as_of)
    if not items:
        return False
    share = CHART_SHARE.get(view.page, 0.7)
    st.html(JUDGMENT_CSS[judgments_type([i.judgment.statement for i in items], sizes, share)])
    with st.container(key="audience_judgments"):
        for item in items:
            st.markdown(
                f"**{item.number}.** {plain_markdown(item.judgment.statement)}  \n"
                f":blue-badge[{plain_markdown(item.likelihood)}] :gray-badge[{plain_markdown(item.confidence)}]"
            )
    return True


def figures_panel(ds: Dataset) -> None:
    """The headline figures (overview steps), one column per headline, one line per claimant's figure."""
    found = headlines(ds)
    for column, headline in zip(st.columns(max(1, len(found))), found, strict=False):
        with column:
            st.markdown(f"**{plain_markdown(headline.title)}**")
            lines = [f"{f.claimant}: {f.stated} {f.metric}, {f.date}" for f in headline.figures]
            st.markdown("\n".join(f"- {plain_markdown(line)}" for line in lines))


def visual(ds: Dataset, step_ds: Dataset, step: Step, view: View, sizes: Stage) -> None:
    """The step's chart or map at the stage's height."""
    theme = theme_name()
    figure = step_figure(ds, ds.fingerprint, step.number, sizes, theme)
    if figure is not None:
        st.plotly_chart(figure, key="audience_chart", config={"displaylogo": False, "displayModeBar": False})
    elif view.page == "map":
        deck = places_deck(
            step_ds.locations, step_ds.events, step_ds.geo, selected=view.place, theme=theme_named(theme)
        )
        st.pydeck_chart(deck, key="audience_map", height=sizes.visual_px)
    elif view.page == "overview" and not judgments_panel(ds, view, sizes):
        figures_panel(step_ds)


def audience_screen(
    ds: Dataset, step: Step, window: tuple[int, int] | None, follow: Callable[[], None] | None = None
) -> None:
    """Draw a step for the audience: large title, then its visual and its panel side by side."""
    view = step_view(step, ds)[0]
    sizes = stage(step.title, view.page, window, subtitle=view.filters.as_of is not None)
    st.html(AUDIENCE_CSS + FONT_CSS[sizes.font_px])
    step_ds = step_dataset(ds, view)
    with st.container(key="audience_screen"):
        with st.container(key="audience_title"):
            st.title(plain_markdown(step.title), anchor=False)
            if view.filters.as_of is not None:
                st.caption(f"What was known on {view.filters.as_of:%d %B %Y}: sources published later are left out.")
        share = CHART_SHARE.get(view.page, 0.7)
        left, right = st.columns([share, 1 - share], gap="medium")
        with left, st.container(key="audience_visual"):
            visual(ds, step_ds, step, view, sizes)
        with right, st.container(key="audience_panel"):
            if view.page == "timeline":
                event_panel(step_ds, view.event, sizes)
            elif view.page == "map":
                place_panel(step_ds, view.place, sizes)
            if follow is not None:
                follow()
