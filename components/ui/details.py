"""What a reader sees about one event or one place: summary, sources and the verbatim quotes.

`event_detail` and `place_detail` are pure; the two `*_panel` functions draw them with text-safe
Streamlit elements (`st.text`, and markdown only of escaped text), since data is never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.data.dataset import Dataset
from components.present.grades import SCALE_HELP
from components.present.headlines import QuoteRef, quote_refs
from components.present.labels import event_dates_label, joined
from components.present.ledger import SourceRef, source_refs

PLACE_EVENTS = 40
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^@%])")


@dataclass(frozen=True)
class EventDetail:
    """One event as the detail panel shows it."""

    event_id: str
    title: str
    dates: str
    category: str
    confidence: str
    claimants: str
    summary: str
    sources: tuple[SourceRef, ...]
    quotes: tuple[QuoteRef, ...]


@dataclass(frozen=True)
class PlaceDetail:
    """One place with the events that happened there."""

    location_id: str
    name: str
    alt_names: str
    admin: str
    precision: str
    events: tuple[EventDetail, ...]
    quotes: tuple[QuoteRef, ...]
    more: int = 0


def plain_markdown(text: object) -> str:
    """Text escaped so Streamlit's markdown shows it literally (no links, HTML, maths or colours)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def quotes_for(ds: Dataset, column: str, value: str) -> tuple[QuoteRef, ...]:
    """The quotes whose `column` (event_id, estimate_id, location_id) equals `value`."""
    quotes = ds.quotes
    if quotes.empty or column not in quotes:
        return ()
    chosen = quotes[quotes[column] == value]
    return tuple(quote_refs(chosen, source_refs(ds.sources, set(chosen["source_id"]))))


def event_details(ds: Dataset, events: pd.DataFrame) -> list[EventDetail]:
    """The details of some events rows, looking sources and quotes up once for all of them."""
    quotes = ds.quotes
    quotes = quotes[quotes["event_id"].isin(events["event_id"])] if "event_id" in quotes else quotes.iloc[0:0]
    lists = [ids.split(";") if isinstance(ids, str) else list(ids) for ids in events["source_ids"]]
    refs = source_refs(ds.sources, {s for ids in lists for s in ids if s} | set(quotes["source_id"]))
    by_event: dict[str, list[QuoteRef]] = {}
    for event_id, quote in zip(quotes["event_id"], quote_refs(quotes, refs), strict=True):
        by_event.setdefault(event_id, []).append(quote)
    return [
        EventDetail(
            event_id=row["event_id"],
            title=row["title"],
            dates=event_dates_label(row),
            category=row["category"],
            confidence=row["confidence"],
            claimants=joined(row["claimants"]),
            summary=row["summary"],
            sources=tuple(refs[s] for s in ids if s),
            quotes=tuple(by_event.get(row["event_id"], ())),
        )
        for (_, row), ids in zip(events.iterrows(), lists, strict=True)
    ]


def event_detail(ds: Dataset, event_id: str | None) -> EventDetail | None:
    """The detail of an event, or None when no such event is in the (filtered) data."""
    events = ds.events
    if not event_id or events.empty:
        return None
    match = events[events["event_id"] == event_id].head(1)
    return event_details(ds, match)[0] if len(match) else None


def place_detail(ds: Dataset, location_id: str | None, limit: int = PLACE_EVENTS) -> PlaceDetail | None:
    """A place with its latest `limit` events (shown oldest first), how many more, and its quotes."""
    locations = ds.locations
    if not location_id or locations.empty:
        return None
    match = locations[locations["location_id"] == location_id]
    if match.empty:
        return None
    place = match.iloc[0]
    events = ds.events
    here = events[events["location_ids"].map(lambda ids: location_id in ids)] if len(events) else events
    latest = here.sort_values("date", kind="stable").tail(limit)
    return PlaceDetail(
        location_id=location_id,
        name=place["name"],
        alt_names=joined(place.get("alt_names", ())),
        admin=place.get("admin", "") or "",
        precision=place.get("precision", "exact") or "exact",
        events=tuple(event_details(ds, latest)),
        quotes=quotes_for(ds, "location_id", location_id),
        more=len(here) - len(latest),
    )


def quote_block(quote: QuoteRef) -> None:
    """A verbatim quote in quotation marks, with its speaker and source beneath."""
    with st.container(border=True):
        st.text(f"“{quote.text}”")
        credit = ", ".join(p for p in (quote.speaker, quote.source) if p)
        graded = f"{credit} · source grade {quote.grade}" if credit and quote.grade else credit
        st.caption(plain_markdown(f"— {graded}" if graded else "— source not named"), help=SCALE_HELP)


def sources_block(sources: tuple[SourceRef, ...]) -> None:
    """Each source: publisher, date and title as text, and a link button when it has an http(s) url."""
    for ref in sources:
        grade = f"source grade {ref.grade}" if ref.grade else ""
        st.text(" · ".join(p for p in (ref.publisher, ref.date, ref.title, grade) if p), help=SCALE_HELP)
        if ref.url:
            st.link_button(plain_markdown(f"Open {ref.publisher}"), ref.url)


def event_detail_panel(detail: EventDetail, heading: bool = True) -> None:
    """Draw an event: title, dates, summary, who claims it, sources and verbatim quotes."""
    if heading:
        st.subheader(plain_markdown(detail.title), anchor=False)
    st.caption(plain_markdown(f"{detail.dates} · {detail.category} · confidence: {detail.confidence}"))
    st.text(detail.summary)
    st.caption(plain_markdown(f"Claimed by: {detail.claimants or 'not stated'}"))
    st.markdown("**Sources**")
    sources_block(detail.sources)
    if detail.quotes:
        st.markdown("**In the source's own words**")
        for quote in detail.quotes:
            quote_block(quote)


def place_detail_panel(detail: PlaceDetail) -> None:
    """Draw a place: name, precision, then each of its events with summary, sources and quotes."""
    st.subheader(plain_markdown(detail.name), anchor=False)
    facts = [
        detail.admin,
        f"{detail.precision} location",
        f"also written {detail.alt_names}" if detail.alt_names else "",
    ]
    st.caption(plain_markdown(" · ".join(f for f in facts if f)))
    for quote in detail.quotes:
        quote_block(quote)
    total = len(detail.events) + detail.more
    st.markdown(f"**{total} event{'s' if total != 1 else ''} here**")
    if detail.more:
        st.caption(
            f"Showing the latest {len(detail.events)}; narrow the filters to read the {detail.more} earlier ones."
        )
    for event in detail.events:
        with st.expander(plain_markdown(f"{event.dates} — {event.title}"), expanded=len(detail.events) <= 3):
            event_detail_panel(event, heading=False)


def detail_or_hint(detail: object, panel, asked: str | None, missing: str, hint: str) -> None:
    """The detail panel of what is selected; else why a linked selection is not shown, or how to select one."""
    if detail is not None:
        panel(detail)
    elif asked:
        st.info(missing)
    else:
        st.caption(hint)


def follow_selection(param: str, chosen: str | None, linked: str | None) -> str | None:
    """The selected id: a new chart selection wins and goes into the URL; else the link's id.

    A selection the reader clears removes the parameter too, so the URL always matches the page.
    """
    memory = f"_last_{param}_selection"
    if chosen != st.session_state.get(memory):
        st.session_state[memory] = chosen
        if chosen:
            st.query_params[param] = chosen
        else:
            st.query_params.pop(param, None)
        return chosen
    return chosen or linked


def problems_notice(ds: Dataset, *files: str) -> None:
    """A warning naming how many rows of the page's tables were left out (errors; a warning keeps its row),
    and where to see why."""
    found = [p for p in ds.errors if p.file in files]
    if found:
        st.warning(
            f"{len(found)} error{'s' if len(found) != 1 else ''} in {', '.join(files)}: the rows concerned are "
            "left out here. The Sources and data quality page lists each one with its row and reason."
        )
