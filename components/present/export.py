"""CSV downloads of the filtered tables, written in the contract's format and safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

from components.data.schema import ROW_COLUMN, SCHEMAS

# A spreadsheet runs a cell that starts with one of these as a formula (also after leading spaces).
FORMULA_START = r"^(?:[\t\r\n]|\s*[=+\-@])"


def neutralise(values: pd.Series) -> pd.Series:
    """Text cells that a spreadsheet would read as a formula, prefixed with `'` so they stay text."""
    text = values.astype(str)
    return text.where(~text.str.contains(FORMULA_START, regex=True), "'" + text)


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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, so spreadsheets pick the right encoding."""
    return export_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def export_name(table: str, stamp: str) -> str:
    """A download's file name: the table, `filtered`, and the data stamp."""
    return f"{table}-filtered-{stamp or 'data'}.csv"


EXPORTED_TABLES = tuple(name for name in SCHEMAS if name != "briefing")
