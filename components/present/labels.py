"""The shared labels of the present layer: dates as precisely as they are known, data text made safe for hovers.

Plotly hover labels, legend names and annotations are rendered as pseudo-HTML, so `clip` escapes every string
taken from the data before it reaches a figure. Used by the timeline, forces, places, headlines, ledger builders
and the detail panels.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

HOVER_CHARS = 160
PRECISION_WORDS = {"day": "", "week": "week", "month": "month", "approx": "approximate"}


def plotly_text(value: str) -> str:
    """Data text for Plotly's pseudo-HTML (titles, hovers, labels): `<`, `>` and `&` escaped so it shows as text.

    Quotes stay as they are: Plotly decodes only a few entities, so `&quot;` would be shown literally, and
    without a `<` no tag can start.
    """
    return html.escape(value, quote=False)


def clip(text: object, limit: int = HOVER_CHARS) -> str:
    """Data text shortened for a hover label, then escaped so it renders as text."""
    value = "" if text is None or text is pd.NA else str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return plotly_text(value)


def joined(values: object) -> str:
    """A list cell (tuple of strings, or a plain string) as one '; '-separated string."""
    if isinstance(values, str):
        return values
    if isinstance(values, Iterable):
        return "; ".join(str(v) for v in values)
    return ""


def date_label(date: pd.Timestamp, precision: str = "day") -> str:
    """A date as a reader should see it: never more precise than it is known."""
    if pd.isna(date):
        return "undated"
    if precision == "month":
        return f"{date:%b %Y} (month)"
    if precision == "week":
        return f"week of {date:%Y-%m-%d}"
    if precision == "approx":
        return f"≈ {date:%Y-%m-%d} (approximate)"
    return f"{date:%Y-%m-%d}"


def date_labels(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`date_label` for a whole column at once."""
    dates = pd.to_datetime(pd.Series(dates))
    precisions = pd.Series(precisions, index=dates.index).fillna("day").to_numpy()
    # numpy writes ISO days in C; strftime would format each of 100,000 dates in Python.
    day = pd.Series(np.datetime_as_string(dates.to_numpy(dtype="datetime64[D]"), unit="D"), index=dates.index)
    labels = day.where(precisions != "week", "week of " + day)
    labels = labels.where(precisions != "approx", "≈ " + day + " (approximate)")
    monthly = (precisions == "month") & dates.notna().to_numpy()
    labels[monthly] = dates[monthly].dt.strftime("%b %Y") + " (month)"
    return labels.where(dates.notna(), "undated")


def dates_label(date: pd.Timestamp, precision: str, end: pd.Timestamp, end_precision: str) -> str:
    """The date of an event, or its span, with precision words."""
    start = date_label(date, precision or "day")
    return start if pd.isna(end) else f"{start} – {date_label(end, end_precision or 'day')}"


def event_dates_label(row: pd.Series) -> str:
    """The date (or span) of one events row, with precision words."""
    return dates_label(
        row["date"], row.get("date_precision", "day"), row.get("date_end", pd.NaT), row.get("date_end_precision", "day")
    )


def quote_credit(kind: object, speaker: object, publisher: str, title: str, date: str) -> tuple[str, str]:
    """(who, where) a quote's words belong to: a `quoted` person and the document reporting them, or the document.

    A narration quote is the document's own words, even where it reports what someone said, so it is credited
    to the document ("the article <title> (unsigned, <date>)"), never to a person. A row without a kind that
    names a speaker is read as `quoted`; without a speaker, as narration.
    """
    who = str(speaker if isinstance(speaker, str) else "").strip()
    if str(kind if isinstance(kind, str) else "").strip() == "narration":
        who = ""
    if who:
        return who, ", ".join(p for p in (publisher, date) if p)
    unsigned = not publisher or publisher.lower().startswith("unknown")
    if unsigned:
        return "", f"the article {title} (unsigned, {date})" if title else f"an unsigned document, {date}"
    return "", f"{publisher}, {title} ({date})" if title else f"{publisher}, {date}"


def column(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    """A column of the frame, or a column of `default` when the frame lacks it."""
    return frame[name] if name in frame else pd.Series(default, index=frame.index)


def row_values(frame: pd.DataFrame, *fields: str | tuple[str, object] | pd.Series) -> Iterator[tuple]:
    """The frame's rows as tuples of `fields`: a column's name, a (name, default) pair for a column the frame
    may lack (see `column`), or a series already worked out for its rows."""
    series = [
        field if isinstance(field, pd.Series) else column(frame, *field) if isinstance(field, tuple) else frame[field]
        for field in fields
    ]
    return zip(*series, strict=True)
