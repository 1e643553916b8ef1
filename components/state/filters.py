"""The shared filters and the as-of date: narrowing a Dataset with vectorised pandas only.

Order matters: the as-of date is applied first (what was known on D), then the reader's filters,
so a quote from a source not yet published can never make an event match a text search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from components.data.dataset import Dataset


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the briefing to; an empty tuple or None means "no restriction"."""

    date_from: date | None = None
    date_to: date | None = None
    categories: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    text: str = ""
    as_of: date | None = None
    judgment: str = ""
    grades: tuple[str, ...] = ()  # source reliability grades: rows resting on a source of one of them

    @property
    def active(self) -> bool:
        """True when any filter or the as-of date narrows the data."""
        return self != Filters()


def member(values: pd.Series, allowed: Iterable[str]) -> pd.Series:
    """Mask of values found in `allowed`, through pyarrow: pandas' `str` isin boxes each allowed value."""
    if values.empty:
        return pd.Series(False, index=values.index, dtype=bool)
    column = pa.array(values.astype(str), from_pandas=True)
    wanted = pa.array(list(allowed), type=column.type)
    found = pc.is_in(column, value_set=wanted).fill_null(False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def period_end(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """The last day a date may stand for: a month's end, a week's last day, else the date itself."""
    month = precisions == "month"
    week = precisions == "week"
    end = dates.where(~month, dates + pd.offsets.MonthEnd(0))
    return end.where(~week, dates + pd.Timedelta(days=6))


def known_sources(sources: pd.DataFrame, as_of: date) -> pd.Series:
    """Mask of sources published on or before `as_of` (a month counts from its end; no date: unknown)."""
    published = pd.to_datetime(sources["published"])
    precision = sources.get("published_precision", pd.Series("day", index=sources.index))
    return period_end(published, precision).le(pd.Timestamp(as_of)).fillna(False).astype(bool)


def narrow_ids(lists: pd.Series, allowed: set[str]) -> tuple[pd.Series, pd.Series]:
    """Each tuple narrowed to the allowed ids, and a mask of the rows that keep at least one."""
    exploded = lists.explode()
    keep = exploded.isin(list(allowed))
    any_kept = keep.groupby(level=0).any().reindex(lists.index, fill_value=False).astype(bool)
    partial = (~keep).groupby(level=0).any().reindex(lists.index, fill_value=False) & any_kept
    narrowed = lists.copy()
    if partial.any():
        kept = exploded[keep & partial.reindex(exploded.index).to_numpy()]
        rows = kept.index.to_numpy()
        # exploded rows of one event are adjacent, so cutting where the index changes regroups them
        cuts = np.flatnonzero(rows[1:] != rows[:-1]) + 1
        groups = [tuple(group) for group in np.split(kept.to_numpy(), cuts)]
        narrowed.loc[partial] = pd.Series(groups, index=rows[np.r_[0, cuts]], dtype=object)
    return narrowed, any_kept


def as_of_dataset(ds: Dataset, as_of: date) -> Dataset:
    """What was known on `as_of`: only published sources and what they support."""
    sources = ds.sources[known_sources(ds.sources, as_of)]
    known = set(sources["source_id"])
    events = ds.events
    source_ids, keep = narrow_ids(events["source_ids"], known)
    events = events.assign(source_ids=source_ids)[keep]
    estimates = ds.estimates[member(ds.estimates["source_id"], known)]
    quotes = ds.quotes[member(ds.quotes["source_id"], known)]
    return ds.with_tables(sources=sources, events=events, estimates=estimates, quotes=quotes)


def overlaps(start: pd.Series, end: pd.Series, f: Filters) -> pd.Series:
    """Mask of the intervals [start, end] that overlap the filter's date range."""
    mask = pd.Series(True, index=start.index)
    if f.date_from is not None:
        mask &= end.ge(pd.Timestamp(f.date_from)).fillna(True)
    if f.date_to is not None:
        mask &= start.le(pd.Timestamp(f.date_to)).fillna(True)
    return mask


def event_span(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each event's first and last possible day, widened by the precision of its dates."""
    start = pd.to_datetime(events["date"])
    end_precision = events.get("date_end_precision", pd.Series("day", index=events.index))
    end = period_end(pd.to_datetime(events["date_end"]), end_precision)
    end = end.fillna(period_end(start, events["date_precision"]))
    return start, end


def contains(values: pd.Series, text: str) -> pd.Series:
    """Case-insensitive literal (not regex) search in a text column."""
    return values.astype(str).str.contains(text, case=False, regex=False, na=False)


def event_mask(events: pd.DataFrame, quotes: pd.DataFrame, f: Filters) -> pd.Series:
    """Mask of the events that pass the date range, category, claimant, confidence and text filters."""
    start, end = event_span(events)
    mask = overlaps(start, end, f)
    if f.categories:
        mask &= events["category"].isin(f.categories)
    if f.confidences:
        mask &= events["confidence"].isin(f.confidences)
    if f.claimants:
        wanted = events["claimants"].explode().isin(f.claimants)
        mask &= wanted.groupby(level=0).any().reindex(events.index, fill_value=False)
    if f.text:
        quoted = set(quotes.loc[contains(quotes["text"], f.text), "event_id"]) - {""}
        matches = contains(events["title"], f.text) | contains(events["summary"], f.text)
        mask &= matches | member(events["event_id"], quoted)
    return mask.astype(bool)


def estimate_mask(estimates: pd.DataFrame, f: Filters) -> pd.Series:
    """Mask of the estimates that pass the claimant, confidence and date range filters."""
    as_of = pd.to_datetime(estimates["as_of"])
    precision = estimates.get("as_of_precision", pd.Series("day", index=estimates.index))
    mask = overlaps(as_of, period_end(as_of, precision), f)
    if f.claimants:
        mask &= estimates["claimant"].isin(f.claimants)
    if f.confidences:
        mask &= estimates["confidence"].isin(f.confidences)
    return mask.astype(bool)


def quote_mask(quotes: pd.DataFrame, events: pd.DataFrame, estimates: pd.DataFrame, f: Filters) -> pd.Series:
    """Quotes follow what they support; a quote only about a place stays unless the text search misses it."""
    of_event = member(quotes["event_id"], events["event_id"])
    of_estimate = member(quotes["estimate_id"], estimates["estimate_id"])
    place_only = (quotes["event_id"] == "") & (quotes["estimate_id"] == "")
    if f.text:
        place_only &= contains(quotes["text"], f.text)
    return (of_event | of_estimate | place_only).astype(bool)


def judgment_basis(ds: Dataset, judgment_id: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The event and estimate ids a key judgment rests on, or None when there is no such judgment."""
    table = ds.tables.get("judgments")
    if table is None or not judgment_id:
        return None
    found = table[table["judgment_id"] == judgment_id]
    if found.empty:
        return None
    row = found.iloc[0]
    return tuple(row.get("basis_event_ids") or ()), tuple(row.get("basis_estimate_ids") or ())


def apply_filters(ds: Dataset, f: Filters) -> Dataset:
    """The dataset narrowed to what the filters, the as-of date and a judgment's evidence let through."""
    if not f.active:
        return ds
    basis = judgment_basis(ds, f.judgment)
    if f.as_of is not None:
        ds = as_of_dataset(ds, f.as_of)
    event_keep, estimate_keep = event_mask(ds.events, ds.quotes, f), estimate_mask(ds.estimates, f)
    if basis is not None:
        event_keep &= member(ds.events["event_id"], basis[0])
        estimate_keep &= member(ds.estimates["estimate_id"], basis[1])
    sources = ds.sources
    if f.grades:
        sources = sources[graded_sources(sources, f.grades)]
        event_keep &= cites_any(ds.events["source_ids"], sources["source_id"])
        estimate_keep &= cites_any(estimate_sources(ds.estimates), sources["source_id"])
    events = ds.events[event_keep]
    estimates = ds.estimates[estimate_keep]
    quotes = ds.quotes[quote_mask(ds.quotes, events, estimates, f)]
    if f.grades:
        quotes = quotes[member(quotes["source_id"], sources["source_id"])]
        return ds.with_tables(sources=sources, events=events, estimates=estimates, quotes=quotes)
    return ds.with_tables(events=events, estimates=estimates, quotes=quotes)


def graded_sources(sources: pd.DataFrame, grades: tuple[str, ...]) -> pd.Series:
    """Mask of the sources whose publisher has one of the grades (an ungraded source counts as F)."""
    grade = sources.get("reliability", pd.Series("", index=sources.index)).astype(str).str.strip()
    return grade.where(grade != "", "F").isin(grades)


def estimate_sources(estimates: pd.DataFrame) -> pd.Series:
    """Every source an estimate names: its source and its other sources."""
    others = estimates.get("other_source_ids", pd.Series([()] * len(estimates), index=estimates.index, dtype=object))
    return pd.Series(
        [(s, *(o if isinstance(o, tuple) else ())) for s, o in zip(estimates["source_id"], others, strict=True)],
        index=estimates.index,
        dtype=object,
    )


def cites_any(source_lists: pd.Series, kept: pd.Series) -> pd.Series:
    """Mask of the rows that name at least one of the kept sources."""
    items = source_lists.explode()
    found = member(items.fillna(""), kept).groupby(level=0).any()
    return found.reindex(source_lists.index, fill_value=False).astype(bool)


def data_key(ds: Dataset, f: Filters) -> str:
    """The one cache key for "this dataset under these filters": its data stamp, load time and the filters.

    Cached builders take `(_ds, key)`: the dataset itself is not hashed (`_ds`), the key stands for it.
    """
    loaded = ds.loaded_at.isoformat() if ds.loaded_at else "-"
    return f"{ds.fingerprint}@{loaded}|{f!r}"
