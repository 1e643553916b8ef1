"""A Parquet copy of the validated, typed tables, so a start skips parsing and validation when nothing changed.

The key is a SHA-256 of the data files' bytes (every table CSV, every file in documents/ and geo/), the
size limit in force and the source of this package (the code version): any changed byte, limit or loader
rule makes a new key. An entry holds the tables (one Parquet file each), the problems the fresh load found
(so a cached start reports exactly what a fresh one does), the documents, the geo layer and the fingerprint.

The folder is `BRIEFING_CACHE_DIR`, else the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`), else a
per-user folder in the system temp folder; never the data folder, which may be mounted read-only. Reading
or writing the cache never fails a load: a missing, corrupt or unwritable entry means a normal load.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from components.data.dataset import Dataset, Problem
from components.data.schema import SCHEMAS

FORMAT = "2"
PACKAGE = Path(__file__).resolve().parent
META_FILE = "meta.json"


def cache_dir() -> Path:
    """Where entries live: `BRIEFING_CACHE_DIR`, the user's cache folder, or a per-user temp folder."""
    configured = os.environ.get("BRIEFING_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "briefing-dashboard"
    home = Path.home() if "HOME" in os.environ or os.name != "posix" else None
    if home is not None and os.access(home, os.W_OK):
        return home / ".cache" / "briefing-dashboard"
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"briefing-dashboard-cache-{user}"


def code_version() -> str:
    """A hash of this package's source: a change to any loader or validator rule retires old entries."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def data_names(folder: Path) -> list[str]:
    """Every file a load reads or may read, relative to the folder: the tables, the documents and the geo layer.

    The folders are listed with `os.scandir`, whose entries know their type without a `stat` per file, and
    names stay strings: a folder of thousands of documents costs no `Path` object per file.
    """
    names = [schema.file for schema in SCHEMAS.values()]
    for sub in ("documents", "geo"):
        try:
            with os.scandir(folder / sub) as entries:
                names += sorted(f"{sub}/{e.name}" for e in entries if e.is_file())
        except OSError:
            continue
    return names


def data_files(folder: Path) -> list[Path]:
    """`data_names` as paths."""
    return [folder / name for name in data_names(folder)]


def cache_key(folder: Path, limit: int) -> str | None:
    """The entry's name for this folder's bytes, size limit and code; None when a file cannot be hashed.

    Each file is opened once and its bytes fed to the digest as they are (no copy joined to its name).
    """
    digest = hashlib.sha256(code_version().encode() + b"\0" + str(limit).encode() + b"\0")
    root = os.fspath(folder)
    for name in data_names(folder):
        label = name.encode()
        try:
            with open(os.path.join(root, name), "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > limit:  # the loader reports it unread; its size decides that
                    digest.update(label + b"\0over\0" + str(size).encode() + b"\0")
                    continue
                content = handle.read()
        except FileNotFoundError:
            digest.update(label + b"\0missing\0")
            continue
        except OSError:
            return None
        digest.update(label + b"\0" + str(len(content)).encode() + b"\0")
        digest.update(content)
        digest.update(b"\0")
    return digest.hexdigest()


def read(key: str) -> Dataset | None:
    """The cached dataset for a key, or None when there is none or it cannot be read whole."""
    entry = cache_dir() / key
    try:
        meta = json.loads((entry / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("key") != key:
            return None
        tables = {name: read_table(entry, name, meta["tuples"][name], meta["lists"][name]) for name in meta["tables"]}
        problems = tuple(Problem(**p) for p in meta["problems"])
        return Dataset(
            tables=tables,
            problems=problems,
            documents=dict(meta["documents"]),
            geo=meta["geo"],
            fingerprint=meta["fingerprint"],
        )
    except Exception:  # noqa: BLE001 - any broken entry (truncated, foreign, half-written) means a normal load
        return None


def tuple_columns(frame: pd.DataFrame) -> list[str]:
    """Columns of tuples (lists of ids, names): Parquet stores them as lists and gives back arrays."""
    found = []
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        values = frame[column].dropna()
        if len(values) and all(isinstance(value, tuple) for value in values):
            found.append(column)
    return found


# Tuple columns are stored as one string per cell, items joined by the ASCII unit separator: Arrow reads
# strings several times faster than lists, and each distinct cell is split once (a column repeats its
# values: a few actors, claimants). A column this cannot carry exactly is stored as Parquet lists instead.
SEPARATOR = "\x1f"


def joined(values: pd.Series) -> pd.Series:
    """A tuple column as strings (None stays None)."""
    return pd.Series([SEPARATOR.join(v) if v is not None else None for v in values], index=values.index, dtype=object)


def split(values: pd.Series) -> pd.Series:
    """`joined`'s strings as tuples again: each distinct string split once, equal cells share one tuple."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    tuples = np.empty(len(uniques) + 1, dtype=object)
    tuples[:-1] = [tuple(u.split(SEPARATOR)) if u else () for u in uniques]
    tuples[-1] = None  # code -1: a missing cell
    return pd.Series(tuples[codes], index=values.index, dtype=object)


def joinable(values: pd.Series) -> bool:
    """Whether `split(joined(values))` gives the values back: items are strings without the separator, no ('',)."""
    return all(
        v is None or (v != ("",) and all(isinstance(item, str) and SEPARATOR not in item for item in v)) for v in values
    )


def read_table(entry: Path, name: str, tuples: list[str], lists: list[str] = ()) -> pd.DataFrame:
    """One stored table with its tuple columns made tuples again (`tuples` joined, `lists` as Parquet lists)."""
    frame = pd.read_parquet(entry / f"{name}.parquet")
    for column in tuples:
        frame[column] = split(frame[column])
    for column in lists:
        frame[column] = frame[column].map(lambda value: tuple(value) if value is not None else None)
    return frame


def same_frames(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> bool:
    """Whether two sets of tables are equal in names, values, dtypes and index."""
    if left.keys() != right.keys():
        return False
    for name, frame in left.items():
        other = right[name]
        if not frame.dtypes.equals(other.dtypes) or not frame.index.equals(other.index) or not frame.equals(other):
            return False
    return True


KEEP_ENTRIES = 4


def prune(root: Path, keep: Path) -> None:
    """Remove all but the newest few entries (one per data folder in use, in practice)."""
    entries = [p for p in root.iterdir() if p.is_dir() and (p / META_FILE).is_file() and p != keep]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def write(key: str, dataset: Dataset) -> bool:
    """Store a dataset under its key; False (and nothing left behind) when it cannot be stored faithfully.

    The entry is written to a temporary folder, read back and compared with the dataset, then renamed into
    place, so a reader never sees half an entry and a table Parquet cannot round-trip is never cached.
    """
    root = cache_dir()
    staging = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=root))
        tuples, lists = {}, {}
        for name, frame in dataset.tables.items():
            columns = tuple_columns(frame)
            tuples[name] = [c for c in columns if joinable(frame[c])]
            lists[name] = [c for c in columns if c not in tuples[name]]
            stored = frame.assign(**{c: joined(frame[c]) for c in tuples[name]}) if tuples[name] else frame
            stored.to_parquet(staging / f"{name}.parquet")
        meta = {
            "format": FORMAT,
            "key": key,
            "tables": list(dataset.tables),
            "tuples": tuples,
            "lists": lists,
            "problems": [vars(p) for p in dataset.problems],
            "documents": dataset.documents,
            "geo": dataset.geo,
            "fingerprint": dataset.fingerprint,
        }
        (staging / META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        back = {name: read_table(staging, name, tuples[name], lists[name]) for name in dataset.tables}
        if not same_frames(dataset.tables, back):
            return False
        target = root / key
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
        staging = None
        prune(root, keep=target)
        return True
    except Exception:  # noqa: BLE001 - an unwritable or full cache folder only costs the next start its speed
        return False
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
