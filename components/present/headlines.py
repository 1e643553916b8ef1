"""The overview's headline figures and key quotes: always attributed, never merged into one number."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from components.data.dataset import Dataset
from components.data.schema import FORCES, LOSS_METRICS, SIZE_METRICS
from components.present.labels import date_label

FORCE_WORDS = {"dprk": "North Korean", "russia": "Russian", "ukraine": "Ukrainian"}
GROUPS = (("size", SIZE_METRICS, "troops"), ("losses", LOSS_METRICS, "losses"))
MAX_KEY_QUOTES = 6


@dataclass(frozen=True)
class Figure:
    """One claimant's figure as stated: range, metric, date, source and how far it is trusted."""

    estimate_id: str
    claimant: str
    stated: str
    metric: str
    role: str
    date: str
    scope: str
    source: str
    confidence: str
    doubtful: bool
    note: str


@dataclass(frozen=True)
class Headline:
    """A group of figures about one thing (e.g. North Korean losses), newest claim per claimant and metric."""

    title: str
    force: str
    group: str
    figures: tuple[Figure, ...]

    @property
    def claimants(self) -> tuple[str, ...]:
        """The distinct claimants, in the order their figures are shown."""
        return tuple(dict.fromkeys(f.claimant for f in self.figures))

    @property
    def disputed(self) -> bool:
        """True when more than one claimant gives a figure: the reader must see them side by side."""
        return len(self.claimants) > 1


def stated_range(low: object, high: object) -> str:
    """The figure as its claimant stated it: '3,000', '300–1,000', or open-ended '≥3,000'."""
    if pd.isna(low):
        return "no number"
    if pd.isna(high):
        return f"≥{int(low):,}"
    return f"{int(low):,}" if int(low) == int(high) else f"{int(low):,}–{int(high):,}"


def publishers(sources: pd.DataFrame, source_ids: Iterable[str]) -> dict[str, str]:
    """source_id -> 'Publisher, date' for the sources that are cited (a few, out of possibly thousands)."""
    cited = sources[sources["source_id"].isin(list(set(source_ids)))]
    return {
        source_id: f"{publisher}, {date_label(published, precision)}"
        for source_id, publisher, published, precision in zip(
            cited["source_id"], cited["publisher"], cited["published"], cited["published_precision"], strict=True
        )
    }


def latest_per_claimant(rows: pd.DataFrame) -> pd.DataFrame:
    """The newest numbered estimate of each (claimant, metric, role), oldest claim first."""
    numbered = rows[rows["low"].notna()].sort_values(["as_of", "estimate_id"])
    newest = numbered.drop_duplicates(["claimant", "metric", "role"], keep="last")
    return newest.sort_values(["as_of", "claimant", "metric"])


def figure(row: pd.Series, cited: dict[str, str]) -> Figure:
    """One estimate row as a headline figure."""
    return Figure(
        estimate_id=row["estimate_id"],
        claimant=row["claimant"],
        stated=stated_range(row["low"], row["high"]),
        metric=row["metric"].replace("_", " "),
        role=row["role"] or "combat",
        date=date_label(row["as_of"], row["as_of_precision"]),
        scope=row["scope"],
        source=cited.get(row["source_id"], row["source_id"]),
        confidence=row["confidence"],
        doubtful=str(row.get("doubtful", "")).strip().lower() == "yes",
        note=row["note"],
    )


def headlines(ds: Dataset) -> tuple[Headline, ...]:
    """Headline figures per force and metric group (troops, losses); North Korea's first."""
    estimates, found = ds.estimates, []
    for force in FORCES:
        for group, metrics, noun in GROUPS:
            rows = latest_per_claimant(estimates[(estimates["force"] == force) & estimates["metric"].isin(metrics)])
            cited = publishers(ds.sources, rows["source_id"])
            figures = tuple(figure(row, cited) for _, row in rows.iterrows())
            if figures:
                found.append(Headline(f"{FORCE_WORDS[force]} {noun}", force, group, figures))
    return tuple(found)


def doubtful_figures(ds: Dataset) -> tuple[Figure, ...]:
    """Every estimate the analyst marked doubtful (extra column `doubtful` = yes), with its note."""
    estimates = ds.estimates
    if "doubtful" not in estimates:
        return ()
    marked = estimates[estimates["doubtful"].astype(str).str.strip().str.lower() == "yes"]
    cited = publishers(ds.sources, marked["source_id"])
    return tuple(figure(row, cited) for _, row in marked.sort_values("as_of").iterrows())


@dataclass(frozen=True)
class QuoteRef:
    """A verbatim quote with who said it and where it was published (the overview and the detail panels)."""

    text: str
    speaker: str
    source: str


def key_quotes(ds: Dataset, limit: int = MAX_KEY_QUOTES) -> tuple[QuoteRef, ...]:
    """The quotes marked `key` = yes (else all quotes), oldest source first, at most `limit`."""
    quotes = ds.quotes
    if "key" in quotes and (quotes["key"].astype(str).str.strip().str.lower() == "yes").any():
        quotes = quotes[quotes["key"].astype(str).str.strip().str.lower() == "yes"]
    published = quotes["source_id"].map(ds.sources.set_index("source_id")["published"])
    chosen = quotes.assign(_published=published).sort_values(["_published", "quote_id"]).head(limit)
    cited = publishers(ds.sources, chosen["source_id"])
    return tuple(
        QuoteRef(text, speaker or "unnamed speaker", cited.get(source_id, source_id))
        for text, speaker, source_id in zip(chosen["text"], chosen["speaker"], chosen["source_id"], strict=True)
    )
