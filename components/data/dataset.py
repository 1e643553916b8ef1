"""The loaded briefing data: valid typed tables, every problem found, documents and the geo layer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

import pandas as pd

from components.data.schema import SCHEMAS, Severity


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data: where it is (file, spreadsheet row, column), the value, and why.

    An `error` breaks the contract and its row is left out; a `warning` is implausible and its row is kept.
    """

    file: str
    row: int | None
    column: str | None
    value: str
    reason: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = (
            ("warning: " if not self.is_error else "")
            + self.file
            + (f", row {self.row}" if self.row is not None else "")
        )
        where += f", column {self.column}" if self.column else ""
        value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}: {self.reason}" + (f" (value: {value!r})" if self.value else "")


def empty_table(name: str) -> pd.DataFrame:
    """An empty frame with the schema's columns, for a table that could not be read."""
    return pd.DataFrame({c.name: pd.Series(dtype=object) for c in SCHEMAS[name].columns})


T = TypeVar("T")


def _table(name: str) -> property:
    """`ds.<name>`: the table of that name (`Dataset.table`: empty, with the schema's columns, when absent)."""

    def get(ds: Dataset) -> pd.DataFrame:
        return ds.table(name)

    return property(get)


@dataclass(frozen=True)
class Dataset:
    """Everything a page draws from. Tables hold only valid rows; nothing is mutated after loading."""

    tables: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...] = ()
    documents: dict[str, str] = field(default_factory=dict)
    geo: dict = field(default_factory=lambda: {"type": "FeatureCollection", "features": []})
    fingerprint: str = ""
    loaded_at: datetime | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems whose rows were left out."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems whose rows were kept (implausible, not broken)."""
        return tuple(p for p in self.problems if not p.is_error)

    def derived(self, build: Callable[[Dataset], T]) -> T:
        """`build(self)`, worked out once per dataset and kept with it: a dataset never changes after loading.

        For what every run of every session reads from the same data (briefing steps, judgments, claimants).
        Two sessions racing on a first call both build the same value; either is kept.
        """
        memo = self.__dict__.setdefault("_derived", {})
        if build not in memo:
            memo[build] = build(self)
        return memo[build]

    def table(self, name: str) -> pd.DataFrame:
        """A table by name; an empty one with the schema's columns when it is absent."""
        frame = self.tables.get(name)
        return empty_table(name) if frame is None else frame

    sources = _table("sources")
    events = _table("events")
    estimates = _table("estimates")
    locations = _table("locations")
    quotes = _table("quotes")
    briefing = _table("briefing")
    judgments = _table("judgments")
    claimants = _table("claimants")

    def with_tables(self, **frames: pd.DataFrame) -> Dataset:
        """The same dataset with some tables replaced (filters narrow a dataset this way)."""
        return replace(self, tables={**self.tables, **frames})

    def newest_source_date(self) -> pd.Timestamp | None:
        """The publication date of the newest source, or None when no source has a date."""
        published = self.sources.get("published")
        if published is None or published.dropna().empty:
            return None
        return published.max()
