"""Interim reader of the optional `judgments.csv` and `claimants.csv` until their schemas land in `schema.py`.

It keeps only rows whose required cells are present and whose date and order parse; the truth-code branch
replaces this with the validator's full checks (references, supersedes earlier and acyclic, unique order).
Delete this module once `SCHEMAS` declares both tables.
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


def read_claimants(folder: Path) -> pd.DataFrame | None:
    """The claimants table (claimant, family, party), or None when the file is absent or unreadable."""
    try:
        raw = pd.read_csv(folder / "claimants.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError):
        return None
    if "claimant" not in raw or "family" not in raw:
        return None
    return raw[raw["claimant"].str.strip() != ""].reset_index(drop=True)


def extra_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime_ns, size) of the interim tables, so an edit shows on the next rerun."""
    found = []
    for name in (f"{TABLE}.csv", "claimants.csv"):
        try:
            stat = (folder / name).stat()
        except OSError:
            found.append((name, -1, -1))
            continue
        found.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def with_extra_tables(ds: Dataset, folder: Path) -> Dataset:
    """The dataset with the judgments and claimants tables attached when the folder has them."""
    found = {}
    if TABLE not in ds.tables and (frame := read_judgments(folder)) is not None:
        found[TABLE] = frame
    if "claimants" not in ds.tables and (frame := read_claimants(folder)) is not None:
        found["claimants"] = frame
    return ds.with_tables(**found) if found else ds
