"""CSV downloads of the filtered tables, written in the contract's format and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re
import secrets

import pandas as pd

from components.data.schema import ROW_COLUMN, SCHEMAS
from components.present.grades import NOT_GRADED, source_grade_labels

# A spreadsheet runs a cell that starts (after white space) with = + - @, or with a tab or a CR. A "start" is the
# cell's start and every point after a line break, a `;` or a tab: where a cell begins again when the file is
# opened with `;` or tab as the separator, or a spreadsheet splits a cell's lines. Each such point gets a `'`.
LINE_START = r"(?:^|(?<=[\r\n;\t]))(?=\s*[=+\-@]|[ ]*[\t\r])"
NAME_TOKEN_BYTES = 8
GRADES_COLUMN = "source_grades"
GRADED_TABLES = ("events", "estimates", "quotes")  # the claims a reader weighs by their sources' grades
# The columns that cite sources, in the order their grades are listed (an estimate's own source first).
SOURCE_COLUMNS = ("source_id", "source_ids", "other_source_ids")


def neutralise_text(text: str) -> str:
    """The text with `'` before every line or `;`/tab-separated part that a spreadsheet would run."""
    return re.sub(LINE_START, "'", text)


def neutralise(values: pd.Series) -> pd.Series:
    """Text cells with every part a spreadsheet would read as a formula prefixed with `'`, so it stays text."""
    return values.astype(str).map(neutralise_text)


def as_text(values: pd.Series) -> pd.Series:
    """A typed column back in its CSV form: lists `;`-joined, dates `YYYY-MM-DD`, empty for missing."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("")
    if isinstance(values.dtype, pd.Int64Dtype) or pd.api.types.is_float_dtype(values):
        return values.astype(object).where(values.notna(), "").astype(str)
    return values.map(lambda v: ";".join(v) if isinstance(v, tuple) else ("" if v is None else str(v)))


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as strings, without the loader's row numbers, every text cell neutralised."""
    columns = [c for c in frame.columns if c != ROW_COLUMN]
    text = {c: as_text(frame[c]) for c in columns}
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(frame[c])}
    return pd.DataFrame({c: text[c] if c in numeric else neutralise(text[c]) for c in columns}, index=frame.index)


def cited_ids(value: object) -> tuple[str, ...]:
    """The source ids one cell cites: a list column's tuple, or one id."""
    if isinstance(value, tuple):
        return value
    return (str(value),) if isinstance(value, str) and value else ()


def with_source_grades(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The table with `source_grades` after its last source column: each cited source's grade as the app words it
    ('B (usually reliable)', 'not graded'), `;`-separated in the order the sources are cited."""
    cited = [c for c in SOURCE_COLUMNS if c in frame]
    if not cited:
        return frame
    labels = source_grade_labels(sources)
    rows = zip(*(frame[c] for c in cited), strict=True)
    grades = [";".join(labels.get(s, NOT_GRADED) for v in row for s in cited_ids(v)) for row in rows]
    out = frame.drop(columns=GRADES_COLUMN, errors="ignore")
    out.insert(out.columns.get_loc(cited[-1]) + 1, GRADES_COLUMN, pd.Series(grades, index=frame.index, dtype=object))
    return out


def csv_bytes(frame: pd.DataFrame, sources: pd.DataFrame | None = None) -> bytes:
    """UTF-8 CSV with a byte-order mark (spreadsheets pick the encoding), CRLF records, every cell quoted.

    Quoting every cell keeps a CR or LF inside a cell inside its record (Python's csv quotes a bare CR only
    when it is the line terminator), and keeps `,` `;` and tabs inside their cell. Given the sources table, a
    table that cites sources also carries their grades (`with_source_grades`), neutralised like every text cell.
    """
    if sources is not None:
        frame = with_source_grades(frame, sources)
    text = export_frame(frame).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    return text.encode("utf-8-sig")


def export_name(table: str, stamp: str, token: str | None = None) -> str:
    """A download's file name: the table, `filtered`, the data stamp and a random token.

    Streamlit's media URL is a hash of the bytes, type and file name: a fresh random name per run makes the
    URL unguessable, different in every session and after a restart, so an old or shared URL is no key.
    """
    return f"{table}-filtered-{stamp or 'data'}-{token or secrets.token_hex(NAME_TOKEN_BYTES)}.csv"


EXPORTED_TABLES = tuple(n for n, s in SCHEMAS.items() if n != "briefing" and not s.optional) + tuple(
    n for n, s in SCHEMAS.items() if s.optional
)  # the core tables first, then the optional judgments and claimants
