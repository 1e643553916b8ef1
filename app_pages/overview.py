"""Overview: the bottom line first (key judgments), every claimant's figures in one picture, what changed since."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.dataset import Dataset
from components.data.schema import CONFIDENCE_MEANINGS
from components.present.frozen import freeze
from components.present.headlines import (
    QUESTIONS,
    Question,
    earlier_claims_note,
    figure_panels,
    figures_chart,
    figures_filter_note,
    figures_table,
    key_quotes,
)
from components.present.judgments import (
    KeyJudgment,
    briefing_dates,
    confidence_legend,
    key_judgments,
    likelihood_legend,
    revision_rows,
)
from components.present.labels import date_label
from components.state.known import new_since, since_notice
from components.ui.app_state import (
    SINCE_KEY,
    current_filters,
    current_since,
    dataset_key,
    filtered_dataset,
    full_dataset,
    page_script,
    reload_data,
)
from components.ui.details import plain_markdown

SINCE_PATTERN = r"\d{4}-\d{2}-\d{2}"
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
LAZY_ROWS = 1000  # longer tables load as the reader scrolls: every row kept, only the first screenful sent


def legend_popover() -> None:
    """The ICD 203 likelihood terms with their probability ranges, and the confidence levels: one click away."""
    with st.popover("Legend", icon=":material/help:"):
        st.markdown("**Likelihood** (ICD 203): how probable the analyst judges the statement to be.")
        st.dataframe(pd.DataFrame(likelihood_legend()), hide_index=True, width="stretch")
        st.markdown("**Confidence**: how good the evidence behind the judgment is, a separate label.")
        st.dataframe(pd.DataFrame(confidence_legend()), hide_index=True, width="stretch")


def judgment_item(item: KeyJudgment) -> None:
    """One numbered judgment: the sentence, its two labels, when it was made, and the link to its evidence."""
    st.markdown(
        f"**{item.number}.** {plain_markdown(item.judgment.statement)} "
        f":blue-badge[{plain_markdown(item.likelihood)}] :gray-badge[{plain_markdown(item.confidence)}]"
    )
    st.page_link(
        page_script("overview"),
        label=f"Made {item.made}; {item.evidence}",
        icon=":material/filter_alt:",
        query_params={"judgment": item.judgment.judgment_id},
        help="Narrow every page to the events and estimates this judgment rests on",
    )


def key_judgments_block(as_of: date | None) -> None:
    """The key judgments standing on the as-of date, in order; one line when none are recorded."""
    heading, legend = st.columns([3, 2], vertical_alignment="bottom")
    heading.subheader("Key judgments", anchor=False)
    items = key_judgments(full_dataset(), as_of)
    if items is None:
        st.caption("No key judgments are recorded for this data (no judgments.csv).")
        return
    with legend:
        legend_popover()
    if not items:
        st.caption("No key judgment had been made by the as-of date.")
    if current_filters().active:
        st.caption("The judgments are the analyst's and do not follow the filters; the figures and lists do.")
    for item in items:
        judgment_item(item)


@st.cache_resource(max_entries=32, show_spinner=False)
def question_view(_ds: Dataset, key: str, question: Question) -> tuple[tuple[go.Figure, ...], pd.DataFrame, str | None]:
    """A question's figures, its exact-figures table and the note on claims left undrawn, for one data and filters.

    Built once and shared read-only by every session: a rerun that changed neither re-sends them unbuilt.
    """
    figures = figure_panels(_ds, question) if question.split else [f for f in [figures_chart(_ds, question)] if f]
    note = earlier_claims_note(_ds, question)
    return tuple(freeze(f) for f in figures), figures_table(_ds, question.metrics_in_table), note


def long_table(table: pd.DataFrame, what: str, source: str) -> None:
    """A table; past LAZY_ROWS rows it loads as the reader scrolls (all rows, none dropped), and says so."""
    lazy = len(table) > LAZY_ROWS
    if lazy:
        st.caption(
            f"{len(table):,} {what}, loaded as you scroll (the first {LAZY_ROWS:,} are sent now); every one is "
            f"also in the {source}.csv download on the Sources page."
        )
    st.dataframe(table, hide_index=True, width="stretch", lazy=lazy)


def figures_block(question: Question) -> None:
    """One question's chart (a row per claimant, a panel per metric), the exact figures one click away."""
    st.markdown(f"**{question.title}**")
    note = figures_filter_note(current_filters())
    if note:
        st.caption(note)
    figures, table, undrawn = question_view(filtered_dataset(), dataset_key(), question)
    if not figures:
        st.caption("No numbered claim matches the current filters.")
    for n, (column, fig) in enumerate(zip(st.columns(len(figures)) if figures else [], figures, strict=True)):
        column.plotly_chart(fig, config=CHART_CONFIG, width="stretch", key=f"figures_{question.key}_{n}")
    if undrawn:
        st.caption(undrawn)
    with st.expander("Exact figures, every claim, as stated"):
        long_table(table, "claims", "estimates")


def new_rows_expander(label: str, rows: pd.DataFrame, columns: dict[str, str]) -> None:
    """A count of new rows, their list one click away."""
    if rows.empty:
        return
    with st.expander(f"{len(rows):,} new {label}"):
        long_table(rows[list(columns)].rename(columns=columns), f"new {label}", label)


def since_control(as_of: date | None) -> None:
    """The since date: a text field that applies on Enter, and quick picks of the briefing dates."""
    picks = [d for d in briefing_dates(full_dataset()) if as_of is None or d < as_of]
    field, quick = st.columns([1, 2], vertical_alignment="bottom")
    field.text_input(
        "What changed since (YYYY-MM-DD, Enter applies)",
        key=SINCE_KEY,
        max_chars=10,
        placeholder="e.g. 2025-02-01",
        validate=(SINCE_PATTERN, "Type a date as YYYY-MM-DD."),
        bind="query-params",
    )
    date_picks(
        quick,
        "Briefing dates",
        picks,
        "since_pick",
        take_since_pick,
        "Dates key judgments were made on: pick one to see what changed since that briefing.",
    )


def as_of_picks() -> None:
    """Quick picks that set the sidebar's as-of date to a briefing date (its calendar does not apply on Enter)."""
    date_picks(
        st,
        "Show the briefing as known on",
        briefing_dates(full_dataset()),
        "asof_pick",
        take_as_of_pick,
        "Sets the as-of date in the sidebar; clear it there (or with Reset filters) to see everything.",
    )


def date_picks(where, label: str, picks: list[date], key: str, on_change, help: str) -> None:
    """The last three briefing dates of `picks` as pills in `where` (nothing when there are none)."""
    if picks:
        where.pills(label, [d.isoformat() for d in picks[-3:]], key=key, on_change=on_change, help=help)


def take_as_of_pick() -> None:
    """Copy a quick pick into the sidebar's as-of date (a widget callback, before the sidebar is drawn)."""
    picked = st.session_state.get("asof_pick")
    if picked:
        st.session_state["asof"] = date.fromisoformat(picked)
    st.session_state["asof_pick"] = None


def take_since_pick() -> None:
    """Copy a quick pick into the since field (a widget callback, before the field is drawn)."""
    picked = st.session_state.get("since_pick")
    if picked:
        st.session_state[SINCE_KEY] = picked
    st.session_state["since_pick"] = None


def what_changed_block(as_of: date | None) -> None:
    """What is new since the since date, by the contract's rule, up to the as-of date."""
    st.subheader("What changed", anchor=False)
    since_control(as_of)
    as_of_picks()
    since = current_since()
    if since is None:
        typed = st.session_state.get(SINCE_KEY)
        if typed:
            st.caption("That is not a date in YYYY-MM-DD form; nothing was compared.")
        return
    notice = since_notice(since, as_of)
    if notice:
        st.warning(notice, icon=":material/event_busy:")
        return
    found = new_since(filtered_dataset(), since, as_of)
    until = f"{as_of:%d %B %Y}" if as_of else "now"
    st.caption(f"New between {since:%d %B %Y} and {until}: rows first known after {since:%d %B %Y}.")
    if current_filters().active:
        st.caption(
            "The new events and quotes follow the filters; new estimates follow them as the figures do; "
            "the judgments do not."
        )
    if found.empty:
        st.caption("Nothing is new in that period.")
    for revision in revision_rows(found.revisions):
        st.markdown(f"**Changed judgment** ({revision['made']}):")
        old, new = st.columns(2)
        old.caption(f"Before ({revision['old_made']})")
        old.markdown(plain_markdown(revision["old"]))
        new.caption(f"Now ({revision['made']})")
        new.markdown(plain_markdown(revision["new"]))
        st.caption(plain_markdown(revision["why"]))
    fresh = [j for j in found.judgments if not j.supersedes]
    if fresh:
        with st.expander(f"{len(fresh)} new judgment{'s' * (len(fresh) != 1)}"):
            st.markdown("\n".join(f"- {plain_markdown(j.statement)} ({j.made:%d %b %Y})" for j in fresh))
    new_rows_expander("events", found.events, {"date": "date", "title": "event", "confidence": "confidence"})
    columns = {"as_of": "stated", "claimant": "claimant", "metric": "metric", "low": "low", "high": "high"}
    new_rows_expander("estimates", found.estimates, columns)
    new_rows_expander("quotes", found.quotes, {"text": "quote", "speaker": "speaker", "source_id": "source"})


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_key_quotes(_ds: Dataset, key: str) -> tuple:
    """The key quotes for one data and filters (`key`): sorting every quote is worked out once, not per run."""
    return key_quotes(_ds)


def quotes_block() -> None:
    """The key quotes, verbatim with speaker and source, one click away."""
    quotes = cached_key_quotes(filtered_dataset(), dataset_key())
    with st.expander(f"Key quotes ({len(quotes)})"):
        if not quotes:
            st.caption("No quotes match the current filters.")
        if current_filters().active:
            st.caption("The quotes follow the filters.")
        for quote in quotes:
            st.markdown(f"> “{plain_markdown(quote.text)}”")
            st.caption(plain_markdown(f"— {', '.join(p for p in (quote.speaker, quote.source) if p)}"))


def about_the_data() -> None:
    """How the tables were made, what confidence means, when data was loaded."""
    with st.expander("About the data"):
        st.markdown(
            "The tables were curated by hand from a seed news article and researched sources. Every event, "
            "estimate and quote points at its sources; summaries are in our own words, and quotes are verbatim "
            "only where the source's full text is archived. Conflicting figures are kept side by side, one row "
            "per claimant: nothing is averaged or derived. Claimants define and scope their figures differently "
            "('losses' may mean killed, or killed and wounded, or include the missing and captured)."
        )
        st.markdown("**Confidence of events and estimates** (how well the content is corroborated):")
        st.markdown("\n".join(f"- **{level}**: {meaning}" for level, meaning in CONFIDENCE_MEANINGS.items()))
        loaded_block()


def loaded_block() -> None:
    """When the data was last read, its stamp, and a reload button (production runs with no file watcher)."""
    full = full_dataset()
    loaded = f"{full.loaded_at:%Y-%m-%d %H:%M} UTC" if full.loaded_at else "unknown"
    st.caption(f"Data last loaded {loaded}; data stamp {full.fingerprint or 'none'}.")
    if st.button("Reload the data", icon=":material/refresh:"):
        reload_data()
        st.rerun()


def data_line() -> None:
    """The newest source and, when some rows were left out, a link to the data-quality report."""
    ds = filtered_dataset()
    newest = ds.newest_source_date()
    line = f"Newest source: {date_label(newest) if newest is not None else 'none'}."
    if ds.errors:
        line += f" {len(ds.errors)} errors were found in the data; the rows concerned are left out."
    if ds.warnings:
        line += f" {len(ds.warnings)} rows carry a warning."
    st.caption(line)
    if ds.problems:
        st.page_link(page_script("sources"), label="See the data-quality report", icon=":material/fact_check:")


as_of = current_filters().as_of
st.header("North Korean troops in Russia's Kursk region", anchor=False)
data_line()
judgments_column, first_chart = st.columns([11, 9], gap="medium")
with judgments_column:
    key_judgments_block(as_of)
with first_chart:
    figures_block(QUESTIONS[0])
for question in QUESTIONS[1:]:
    figures_block(question)
what_changed_block(as_of)
quotes_block()
about_the_data()
