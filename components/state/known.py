"""Known on a date, new since a date (the data contract's rule), for events, estimates, quotes and judgments.

A row is known on D when at least one of its sources was published on or before D (a month-precision date
counts from the month's end; an undated source is never known). It is new since D when it is in the view now
(the as-of date, if any, already applied) but was not known on D. A judgment is known from its `made` date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.data.dataset import Dataset
from components.state.filters import known_sources, member

JUDGMENTS = "judgments"
LATEST = date(2200, 1, 1)  # "known now": any dated source, without an as-of date


@dataclass(frozen=True)
class Judgment:
    """One key judgment: statement, the two ICD 203 labels, when it was made, and what it rests on."""

    judgment_id: str
    statement: str
    likelihood: str
    confidence: str
    made: date
    basis_event_ids: tuple[str, ...]
    basis_estimate_ids: tuple[str, ...]
    supersedes: str
    order: float
    note: str


@dataclass(frozen=True)
class Revision:
    """A changed assessment: the earlier judgment and the one that replaced it."""

    old: Judgment
    new: Judgment


def judgments_table(ds: Dataset) -> pd.DataFrame | None:
    """The judgments table, or None when the data folder has none."""
    return ds.tables.get(JUDGMENTS)


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def dataset_judgments(ds: Dataset) -> tuple[Judgment, ...]:
    """Every judgment of the dataset, in display order: read from its table once per dataset."""
    return ds.derived(_judgments)


def _judgments(ds: Dataset) -> tuple[Judgment, ...]:
    return all_judgments(judgments_table(ds))


def all_judgments(table: pd.DataFrame | None) -> tuple[Judgment, ...]:
    """Every judgment of the table, in display order (then by date made)."""
    if table is None or table.empty:
        return ()
    rows = table.sort_values(["order", "made", "judgment_id"], na_position="last")
    return tuple(
        Judgment(
            judgment_id=str(row["judgment_id"]),
            statement=str(row["statement"]),
            likelihood=str(row.get("likelihood", "") or "").strip(),
            confidence=str(row["confidence"]).strip(),
            made=pd.Timestamp(row["made"]).date(),
            basis_event_ids=_tuple(row.get("basis_event_ids")),
            basis_estimate_ids=_tuple(row.get("basis_estimate_ids")),
            supersedes=str(row.get("supersedes", "") or "").strip(),
            order=float(row["order"]) if pd.notna(row.get("order")) else float("inf"),
            note=str(row.get("note", "") or ""),
        )
        for _, row in rows.iterrows()
    )


def made_by(judgments: tuple[Judgment, ...], as_of: date | None) -> tuple[Judgment, ...]:
    """The judgments already made on the as-of date (all of them when there is none)."""
    return judgments if as_of is None else tuple(j for j in judgments if j.made <= as_of)


def current_judgments(judgments: tuple[Judgment, ...], as_of: date | None = None) -> tuple[Judgment, ...]:
    """The key judgments standing on the as-of date: made by then and not yet replaced by another."""
    made = made_by(judgments, as_of)
    replaced = {j.supersedes for j in made if j.supersedes}
    return tuple(j for j in made if j.judgment_id not in replaced)


def revisions(judgments: tuple[Judgment, ...], since: date | None, as_of: date | None = None) -> tuple[Revision, ...]:
    """Judgments made after `since` (and by `as_of`) that replaced an earlier one, paired with it."""
    by_id = {j.judgment_id: j for j in judgments}
    return tuple(
        Revision(by_id[j.supersedes], j)
        for j in made_by(judgments, as_of)
        if j.supersedes in by_id and (since is None or j.made > since)
    )


def find_judgment(judgments: tuple[Judgment, ...], judgment_id: str | None) -> Judgment | None:
    """The judgment with this id, or None."""
    return next((j for j in judgments if j.judgment_id == judgment_id), None)


@dataclass(frozen=True)
class NewSince:
    """What is new since a date: rows whose sources were all published later, and judgments made later."""

    since: date
    events: pd.DataFrame
    estimates: pd.DataFrame
    quotes: pd.DataFrame
    judgments: tuple[Judgment, ...]
    revisions: tuple[Revision, ...]

    @property
    def empty(self) -> bool:
        """True when nothing at all is new."""
        counts = (len(self.events), len(self.estimates), len(self.quotes), len(self.judgments))
        return not any(counts)


def known_source_ids(sources: pd.DataFrame, day: date) -> set[str]:
    """The ids of the sources published on or before `day`."""
    return set(sources.loc[known_sources(sources, day), "source_id"])


def events_known(events: pd.DataFrame, known: set[str]) -> pd.Series:
    """Mask of the events with at least one known source."""
    exploded = events["source_ids"].explode()
    hit = member(exploded.fillna(""), known)
    return hit.groupby(level=0).any().reindex(events.index, fill_value=False).astype(bool)


def known_on(ds: Dataset, day: date) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Masks of the events, estimates and quotes of `ds` that were known on `day`."""
    known = known_source_ids(ds.sources, day)
    return (
        events_known(ds.events, known),
        member(ds.estimates["source_id"], known),
        member(ds.quotes["source_id"], known),
    )


def new_since(ds: Dataset, since: date, as_of: date | None = None) -> NewSince:
    """What `ds` (the view as shown) holds that was not known on `since`; judgments made after it."""
    # An undated source is never known, so a row resting only on undated sources is never new either.
    now = known_on(ds, as_of or LATEST)
    then = known_on(ds, since)
    events, estimates, quotes = (known_now & ~known_then for known_now, known_then in zip(now, then, strict=True))
    judgments = dataset_judgments(ds)
    made = tuple(j for j in made_by(judgments, as_of) if j.made > since)
    return NewSince(
        since=since,
        events=ds.events[events].sort_values("date"),
        estimates=ds.estimates[estimates].sort_values("as_of"),
        quotes=ds.quotes[quotes],
        judgments=made,
        revisions=revisions(judgments, since, as_of),
    )


def since_notice(since: date | None, as_of: date | None) -> str | None:
    """A plain notice when the since date is not before the as-of date (nothing can be new), else None."""
    if since is None or as_of is None or since < as_of:
        return None
    if since == as_of:
        return f"The since date equals the as-of date ({as_of:%d %B %Y}): nothing can be new between them."
    return (
        f"The since date ({since:%d %B %Y}) is after the as-of date ({as_of:%d %B %Y}): "
        "pick a since date before the as-of date to see what changed between them."
    )
