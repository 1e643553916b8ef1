"""Reading a data folder safely: size limits, encodings, CSV quirks; then validating it into a Dataset."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from components.data import cache
from components.data.dataset import Dataset, Problem
from components.data.schema import ROW_COLUMN, SCHEMAS, TableSchema
from components.data.validation import validate_tables

DEFAULT_MAX_TABLE_MB = 20.0
# A plain file name inside documents/: no folders, no parent references, not absurdly long.
ARCHIVE_NAME = re.compile(r"\w[\w.() -]{0,200}")


def max_table_bytes() -> int:
    """The largest file the loader reads, from env `BRIEFING_MAX_TABLE_MB` (default 20 MB)."""
    try:
        megabytes = float(os.environ.get("BRIEFING_MAX_TABLE_MB", DEFAULT_MAX_TABLE_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_TABLE_MB
    return int(megabytes * 1024 * 1024)


def default_data_dir() -> Path:
    """The folder named by `BRIEFING_DATA_DIR`, else the project's bundled `data/`."""
    configured = os.environ.get("BRIEFING_DATA_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(relative name, mtime_ns, size) of every file the loader reads: changes when any file does.

    Every run calls this (an edited file shows on the next rerun): the folders are listed with `os.scandir`
    and the names kept as strings, so thousands of documents cost one `stat` each and no `Path`.
    """
    names = [s.file for s in SCHEMAS.values()]
    names += [f"documents/{name}" for name in listed(folder / "documents")]
    names += [f"geo/{name}" for name in listed(folder / "geo") if name.endswith(".geojson")]
    root = os.fspath(folder)
    signature = []
    for name in names:
        try:
            stat = os.stat(os.path.join(root, name))
        except OSError:
            signature.append((name, -1, -1))
            continue
        signature.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def listed(folder: Path) -> list[str]:
    """The sorted names in a folder, as `Path.glob("*")` gives them; none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries)
    except OSError:
        return []


def read_bytes(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or a problem when it is missing, unreadable or over the size limit."""
    limit = max_table_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            reason = (
                f"file is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:.0f} MB limit "
                "(BRIEFING_MAX_TABLE_MB); it was not read"
            )
            return None, [Problem(label, None, None, "", reason)]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(label, None, None, "", "file is missing")]
    except OSError as error:
        return None, [Problem(label, None, None, "", f"file cannot be read ({error.strerror})")]


def decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a BOM, or a problem naming the line of the first undecodable byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        reason = f"not UTF-8 text: byte 0x{byte} on line {line}; save the file as 'CSV UTF-8' and reload"
        return None, [Problem(label, line, None, "", reason)]


def parse_csv(text: str, schema: TableSchema) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Records of a CSV text as strings, numbered as a spreadsheet numbers rows (header = 1)."""
    label = schema.file
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        return None, [Problem(label, None, None, "", "file is empty: no header row")]
    header, problems = renamed_columns([name.strip() for name in records[0]], schema)
    broken = header_problems(header, schema)
    if broken:
        return None, problems + broken
    rows, numbers = [], []
    width = len(header)
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            extra = ",".join(record[width:])
            reason = f"row has {len(record)} values but the header has {width} columns"
            problems.append(Problem(label, number, None, extra, reason))
            continue
        rows.append((record + [""] * width)[:width])
        numbers.append(number)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame[ROW_COLUMN] = pd.Series(numbers, dtype="int64")
    return frame, problems


def renamed_columns(header: list[str], schema: TableSchema) -> tuple[list[str], list[Problem]]:
    """The header with earlier column names read as today's, and a warning for each saying what to rename."""
    renamed = {old: c.name for c in schema.columns for old in c.renamed_from if c.name not in header}
    problems = [
        Problem(schema.file, 1, old, old, f"column renamed: call it {new} (its values are read as {new})", "warning")
        for old, new in renamed.items()
        if old in header
    ]
    return [renamed.get(name, name) for name in header], problems


def header_problems(header: list[str], schema: TableSchema) -> list[Problem]:
    """Missing required columns and repeated column names: each makes the whole table unreadable."""
    problems = [
        Problem(schema.file, 1, name, "", "required column is missing from the header row")
        for name in schema.required
        if name not in header
    ]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(schema.file, 1, name, "", "column name appears twice"))
        seen.add(name)
    return problems


def read_table(folder: Path, schema: TableSchema) -> tuple[pd.DataFrame | None, list[Problem], bytes]:
    """One table's raw string frame (or None), its reading problems, and its bytes for hashing."""
    if schema.optional and not (folder / schema.file).exists():
        return None, [], b""
    raw, problems = read_bytes(folder / schema.file, schema.file)
    if raw is None:
        return None, problems, b""
    text, problems = decode(raw, schema.file)
    if text is None:
        return None, problems, raw
    frame, problems = parse_csv(text, schema)
    return frame, problems, raw


def read_documents(folder: Path, names: set[str]) -> tuple[dict[str, str], list[Problem]]:
    """The archived texts named by sources.archive; a missing one is reported by the validator."""
    documents, problems = {}, []
    for name in sorted(n for n in names if ARCHIVE_NAME.fullmatch(n)):
        path = folder / "documents" / name
        try:
            if not path.is_file():
                continue
        except OSError:  # a name the file system refuses is reported by the validator as not found
            continue
        raw, read_problems = read_bytes(path, f"documents/{name}")
        text, decode_problems = decode(raw, f"documents/{name}") if raw else (None, [])
        problems += read_problems + decode_problems
        if text is not None:
            documents[name] = text
    return documents, problems


def read_geo(folder: Path) -> tuple[dict, list[Problem]]:
    """All `geo/*.geojson` features merged into one FeatureCollection; bad files are reported."""
    features, problems = [], []
    for path in sorted((folder / "geo").glob("*.geojson")):
        label = f"geo/{path.name}"
        raw, read_problems = read_bytes(path, label)
        problems += read_problems
        if raw is None:
            continue
        try:
            collection = json.loads(raw.decode("utf-8-sig"))
            found = collection["features"]
        except (ValueError, KeyError, TypeError) as error:
            problems.append(Problem(label, None, None, "", f"not a GeoJSON FeatureCollection ({error})"))
            continue
        for number, feature in enumerate(found, start=1):
            missing = [k for k in ("name", "kind", "source", "license") if k not in feature.get("properties", {})]
            if missing:
                reason = f"feature {number} lacks properties: {', '.join(missing)}"
                problems.append(Problem(label, None, None, "", reason))
            else:
                features.append(feature)
    return {"type": "FeatureCollection", "features": features}, problems


def load_dataset(folder: Path | str | None = None, use_cache: bool = True) -> Dataset:
    """Read, validate and type every table of a folder; a broken table never stops the others.

    When the folder's bytes and the loader's code match a stored entry (`components.data.cache`), the
    tables and the problems come from there: the same problems are reported on every start either way.
    The briefing steps' views are checked one layer up (`components.state.briefing.load_briefing`).
    """
    folder = Path(folder) if folder is not None else default_data_dir()
    key = cache.cache_key(folder, max_table_bytes()) if use_cache else None
    cached = cache.read(key) if key else None
    if cached is not None:
        return replace(cached, loaded_at=datetime.now(UTC))
    dataset = load_fresh(folder)
    if key:
        cache.write(key, dataset)
    return dataset


def load_fresh(folder: Path) -> Dataset:
    """`load_dataset` without the cache: parse and validate every file."""
    raw_tables, problems, digest = {}, [], hashlib.sha256()
    for name, schema in SCHEMAS.items():
        frame, table_problems, raw = read_table(folder, schema)
        raw_tables[name] = frame
        problems += table_problems
        digest.update(name.encode() + b"\0" + raw + b"\0")
    sources = raw_tables.get("sources")
    archives = set(sources["archive"].str.strip()) - {""} if sources is not None and "archive" in sources else set()
    documents, document_problems = read_documents(folder, archives)
    geo, geo_problems = read_geo(folder)
    for name in sorted(documents):
        digest.update(name.encode() + b"\0" + documents[name].encode() + b"\0")
    tables, validation_problems = validate_tables(raw_tables, documents)
    return Dataset(
        tables=tables,
        problems=tuple(problems + document_problems + geo_problems + validation_problems),
        documents=documents,
        geo=geo,
        fingerprint=digest.hexdigest()[:8],
        loaded_at=datetime.now(UTC),
    )
