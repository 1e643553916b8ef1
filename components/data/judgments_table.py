"""Interim reader of the optional `judgments.csv` until its schema and validation land in `schema.py`.

It keeps only rows whose required cells are present and whose date and order parse; the truth-code branch
replaces this with the validator's full checks (references, supersedes earlier and acyclic, unique order).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from components.data.dataset import Dataset
from components.data.validation import split_list

TABLE = "judgments"
REQUIRED = ("judgment_id", "statement", "confidence", "made")
LISTS = ("basis_event_ids", "basis_estimate_ids")


def read_judgments(folder: Path) -> pd.DataFrame | None:
    """The judgments table typed (dates, lists, order), or None when the file is absent or unreadable."""
    try:
        raw = pd.read_csv(folder / f"{TABLE}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError):
        return None
    if any(name not in raw for name in REQUIRED):
        return None
    frame = raw.reindex(
        columns=[*raw.columns, *[c for c in (*LISTS, "likelihood", "supersedes", "order", "note") if c not in raw]]
    )
    frame = frame.fillna("")
    frame["made"] = pd.to_datetime(frame["made"], format="%Y-%m-%d", errors="coerce")
    frame["order"] = pd.to_numeric(frame["order"], errors="coerce")
    for name in LISTS:
        frame[name] = frame[name].map(split_list)
    keep = frame["made"].notna() & frame[list(REQUIRED[:3])].ne("").all(axis=1)
    return frame[keep].reset_index(drop=True)


def with_judgments(ds: Dataset, folder: Path) -> Dataset:
    """The dataset with the judgments table attached when the folder has one."""
    if TABLE in ds.tables:
        return ds
    frame = read_judgments(folder)
    return ds if frame is None else ds.with_tables(**{TABLE: frame})
