"""Overview: what this briefing is, the headline figures by claimant, key quotes, and about the data."""

from __future__ import annotations

import streamlit as st

from components.data.schema import CONFIDENCE_MEANINGS
from components.present.headlines import Figure, Headline, doubtful_figures, headlines, key_quotes
from components.present.labels import date_label
from components.ui.app_state import filtered_dataset, full_dataset, page_script, reload_data
from components.ui.details import plain_markdown

CARDS_PER_ROW = 4


def figure_lines(figure: Figure) -> None:
    """One claimant's figure: the number as stated, what it counts, when, where from."""
    role = "" if figure.role == "combat" else f" ({figure.role})"
    label = plain_markdown(f"{figure.metric}{role}")
    st.metric(label, figure.stated, border=False)
    doubt = " · marked doubtful" if figure.doubtful else ""
    st.caption(plain_markdown(f"{figure.date} · {figure.confidence}{doubt} · {figure.source} · {figure.scope}"))


def headline_block(headline: Headline) -> None:
    """A headline's figures, one card per claimant, side by side."""
    st.subheader(headline.title, anchor=False)
    if headline.disputed:
        st.caption(f"{len(headline.claimants)} claimants, different figures: each is shown with who claims it.")
    by_claimant = [(c, [f for f in headline.figures if f.claimant == c]) for c in headline.claimants]
    for start in range(0, len(by_claimant), CARDS_PER_ROW):
        row = by_claimant[start : start + CARDS_PER_ROW]
        for column, (claimant, figures) in zip(st.columns(CARDS_PER_ROW)[: len(row)], row, strict=True):
            with column.container(border=True):
                st.markdown(f"**{plain_markdown(claimant)}**")
                for figure in figures:
                    figure_lines(figure)


def about_the_data() -> None:
    """How the tables were made, what confidence means, which figures are doubtful, when data was loaded."""
    with st.expander("About the data"):
        st.markdown(
            "The tables were curated by hand from a seed news article and researched sources. Every event, "
            "estimate and quote points at its sources; summaries are in our own words, and quotes are verbatim "
            "only where the source's full text is archived. Conflicting figures are kept side by side, one row "
            "per claimant: nothing is averaged or derived."
        )
        st.markdown("**Confidence levels** (how well the content is corroborated, not merely that it was said):")
        st.markdown("\n".join(f"- **{level}**: {meaning}" for level, meaning in CONFIDENCE_MEANINGS.items()))
        st.markdown(
            "**Claimants define and scope their figures differently**: 'losses' may mean killed, or killed and "
            "wounded, or include the missing and captured; some count Kursk only, some the whole war. Read each "
            "figure's scope and note before comparing it with another."
        )
        doubtful = doubtful_figures(filtered_dataset())
        if doubtful:
            st.markdown("**Figures marked doubtful by the curators:**")
            for figure in doubtful:
                st.markdown(plain_markdown(f"{figure.claimant}: {figure.stated} {figure.metric}, {figure.date}"))
                st.caption(plain_markdown(figure.note or "no note"))
        loaded_block()


def loaded_block() -> None:
    """When the data was last read, its stamp, and a reload button (production runs with no file watcher)."""
    full = full_dataset()
    loaded = f"{full.loaded_at:%Y-%m-%d %H:%M} UTC" if full.loaded_at else "unknown"
    st.caption(f"Data last loaded {loaded}; data stamp {full.fingerprint or 'none'}.")
    if st.button("Reload the data", icon=":material/refresh:"):
        reload_data()
        st.rerun()


ds = filtered_dataset()
st.title("North Korean troops in Russia's Kursk region", anchor=False)
newest = ds.newest_source_date()
st.markdown(
    "A briefing on North Korea's deployment to Russia's Kursk region in 2024-2025: the events, each claimant's "
    "force and casualty figures, the places, and the words behind the claims, every one with its sources."
)
st.caption(f"Newest source: {date_label(newest) if newest is not None else 'none'}.")
if ds.problems:
    st.caption(f"{len(ds.problems)} problems were found in the data; rows with problems are left out.")
    st.page_link(page_script("sources"), label="See the data-quality report", icon=":material/fact_check:")
st.header("Headline figures", anchor=False)
found = headlines(ds)
if not found:
    st.info("No figures match the current filters.")
for headline in found:
    headline_block(headline)
st.header("Key quotes", anchor=False)
quotes = key_quotes(ds)
if not quotes:
    st.info("No quotes match the current filters.")
elif len(ds.quotes) > len(quotes):
    st.caption(f"{len(quotes)} of {len(ds.quotes)} quotes; the others are in the timeline's and the map's panels.")
for quote in quotes:
    st.markdown(f"> {plain_markdown(quote.text)}")
    st.caption(plain_markdown(f"— {quote.speaker}, {quote.source}"))
about_the_data()
