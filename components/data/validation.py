"""Checking raw tables against the schema: returns the valid typed rows and every problem, never raises."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from components.data.dataset import Problem, empty_table
from components.data.quotes import fold, fold_all
from components.data.schema import ROW_COLUMN, SCHEMAS, Column, TableSchema

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://[^\s<>\"'`\\]+$"
# Tables are checked in this order so that references point at rows already found valid.
ORDER = ("sources", "locations", "events", "estimates", "quotes", "briefing")
RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}


class Checker:
    """Collects a table's problems and the rows they spoil, one vectorised check at a time."""

    def __init__(self, schema: TableSchema, frame: pd.DataFrame):
        self.schema = schema
        self.frame = frame
        self.bad = pd.Series(False, index=frame.index)
        self.problems: list[Problem] = []

    def flag(self, mask: pd.Series, column: str | None, reason: str | Callable) -> None:
        """Report every row where mask is true; reason may be a function of the row's value."""
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.frame[column] if column in self.frame else pd.Series("", index=self.frame.index)
        for index in mask[mask].index:
            value = str(values.at[index])
            text = reason(value) if callable(reason) else reason
            self.problems.append(Problem(self.schema.file, int(self.frame.at[index, ROW_COLUMN]), column, value, text))
        self.bad |= mask


def _text(frame: pd.DataFrame, column: Column) -> pd.Series:
    """A column's values as stripped strings (an absent optional column reads as empty)."""
    if column.name not in frame:
        return pd.Series(column.default, index=frame.index, dtype=object)
    values = frame[column.name].astype(str)
    return values if column.kind == "text" else values.str.strip()


def split_list(value: str) -> tuple[str, ...]:
    """A `;`-separated cell as a tuple of its non-empty, stripped items."""
    return tuple(item.strip() for item in value.split(";") if item.strip())


def check_column(check: Checker, column: Column, values: pd.Series) -> pd.Series:
    """Check one column's values for its kind; returns them converted to the in-memory type."""
    empty = values.str.strip() == ""
    if column.required and column.kind != "list":
        check.flag(empty, column.name, "required value is missing")
    present = ~empty
    if column.kind == "id":
        check.flag(present & ~values.str.match(ID_PATTERN), column.name, _id_reason)
    elif column.kind in ("enum", "precision"):
        values = values.where(present, column.default)
        allowed = set(column.vocab) | ({""} if not column.required else set())
        check.flag(~values.isin(allowed), column.name, f"not one of: {', '.join(column.vocab)}")
    elif column.kind == "date":
        return _check_date(check, column, values, present)
    elif column.kind == "int":
        check.flag(present & ~values.str.fullmatch(r"\d{1,9}"), column.name, _int_reason)
        return pd.to_numeric(values.where(values.str.fullmatch(r"\d{1,9}")), errors="coerce").astype("Int64")
    elif column.kind == "float":
        return _check_float(check, column, values, present)
    elif column.kind == "url":
        check.flag(present & ~values.str.match(URL_PATTERN), column.name, "not an http(s) address")
    elif column.kind == "list":
        items = pd.Series([split_list(v) for v in values.tolist()], index=values.index, dtype=object)
        if column.required:
            check.flag(items.map(len) == 0, column.name, "needs at least one value")
        return items
    return values


def _id_reason(value: str) -> str:
    return "not a valid id: use up to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"


def _int_reason(value: str) -> str:
    return "not a whole number of 0 or more (write 3000, not 3,000, ~3000 or 3000+)"


def _check_date(check: Checker, column: Column, values: pd.Series, present: pd.Series) -> pd.Series:
    shaped = values.str.match(DATE_PATTERN)
    parsed = pd.to_datetime(values.where(shaped), format="%Y-%m-%d", errors="coerce")
    check.flag(present & ~shaped, column.name, "not a date in YYYY-MM-DD form")
    check.flag(present & shaped & parsed.isna(), column.name, "not a real calendar date")
    return parsed


def _check_float(check: Checker, column: Column, values: pd.Series, present: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values.where(present), errors="coerce")
    check.flag(present & numbers.isna(), column.name, "not a decimal number")
    low, high = RANGES.get(column.name, (float("-inf"), float("inf")))
    check.flag(
        numbers.notna() & ((numbers < low) | (numbers > high)),
        column.name,
        f"out of range ({low:g} to {high:g})",
    )
    return numbers.astype("float64")


def check_duplicates(check: Checker, key: str, values: pd.Series) -> None:
    """Every repeat of an id after its first row is a problem of the repeating row."""
    first_rows = check.frame[ROW_COLUMN].groupby(values).transform("min")
    repeated = values.duplicated(keep="first") & (values != "")
    check.flag(
        repeated,
        key,
        lambda v: f"duplicate id (first used on row {first_rows[values == v].iloc[0]})",
    )


def check_reference(check: Checker, column: Column, typed: pd.Series, known: set[str]) -> None:
    """Every id a row names must be a valid row of the target table."""
    reason = f"refers to an id not found among the valid rows of {column.ref}.csv"
    if column.kind == "list":
        items = typed.explode()
        missing = (items.notna() & ~items.isin(known)).groupby(level=0).any().reindex(typed.index, fill_value=False)
        unknown = lambda v: ", ".join(i for i in split_list(v) if i not in known)  # noqa: E731
        check.flag(missing, column.name, lambda v: f"{reason}: {unknown(v)}")
    else:
        check.flag((typed != "") & ~typed.isin(known), column.name, reason)


def table_rules(check: Checker, typed: dict[str, pd.Series], documents: dict[str, str]) -> None:
    """Rules that involve several columns of one table."""
    name = check.schema.name
    if name == "events":
        check.flag(
            typed["date_end"].notna() & (typed["date_end"] < typed["date"]),
            "date_end",
            "ends before it starts",
        )
    for date_column in ("date", "as_of", "published"):
        if date_column in typed and f"{date_column}_precision" in typed:
            month = (typed[f"{date_column}_precision"] == "month") & typed[date_column].notna()
            reason = "a month-precision date is written as the month's first day (YYYY-MM-01)"
            check.flag(month & (typed[date_column].dt.day != 1), date_column, reason)
    if name == "estimates":
        low, high = typed["low"], typed["high"]
        check.flag(low.notna() & high.notna() & (low > high), "low", "low is greater than high")
        check.flag(low.isna() & high.notna(), "low", "high is given without low")
        no_number = low.isna() & high.isna() & (typed["note"].str.strip() == "")
        check.flag(no_number, "note", "an estimate with no number needs a note saying what was claimed")
    if name == "sources":
        no_url = (typed["url"] == "") & (typed["kind"] != "seed")
        check.flag(
            no_url,
            "url",
            "a source needs an http(s) address (only the seed document may have none)",
        )
        archive = typed["archive"]
        reason = "archived file not found under documents/ (or not readable)"
        check.flag((archive != "") & ~archive.isin(set(documents)), "archive", reason)
    if name == "quotes":
        targets = ["event_id", "estimate_id", "location_id"]
        none_set = pd.concat([typed[c] == "" for c in targets], axis=1).all(axis=1)
        check.flag(none_set, "event_id", "a quote must support an event, an estimate or a location")
        kind, speaker = typed["kind"], typed["speaker"].str.strip()
        check.flag((kind == "quoted") & (speaker == ""), "speaker", "a quoted quote must name its speaker")
        reason = "a narration quote is the document's own words: leave speaker empty, or set kind to quoted"
        check.flag((kind == "narration") & (speaker != ""), "speaker", reason)


def check_quotes(check: Checker, typed: dict[str, pd.Series], sources: pd.DataFrame, documents: dict[str, str]) -> None:
    """Every quote occurs word for word in its source's archived document."""
    archive_of = dict(zip(sources["source_id"], sources["archive"], strict=True)) if len(sources) else {}
    folded_docs = {name: fold(text) for name, text in documents.items()}
    archive = typed["source_id"].map(lambda s: archive_of.get(s, ""))
    known_source = typed["source_id"].isin(set(archive_of))
    check.flag(
        known_source & (archive == ""),
        "source_id",
        "quoted source has no archived text: quote only archived documents",
    )
    found = pd.Series(
        [
            text in folded_docs.get(doc, "") if doc else True
            for text, doc in zip(fold_all(typed["text"]), archive, strict=True)
        ],
        index=typed["text"].index,
        dtype=bool,
    )
    check.flag((typed["text"].str.strip() != "") & ~found, "text", "quote not found in archived source")


def validate_table(
    schema: TableSchema,
    frame: pd.DataFrame,
    valid_ids: dict[str, set[str]],
    documents: dict[str, str],
    sources: pd.DataFrame,
) -> tuple[pd.DataFrame, list[Problem]]:
    """One table's valid rows, typed, and its problems (types, vocabularies, ids, references, rules)."""
    check = Checker(schema, frame)
    typed = {c.name: check_column(check, c, _text(frame, c)) for c in schema.columns}
    if schema.key and schema.key in typed and schema.column(schema.key).kind == "id":
        check_duplicates(check, schema.key, typed[schema.key])
    elif schema.key:
        check.flag(
            typed[schema.key].duplicated(keep="first") & typed[schema.key].notna(),
            schema.key,
            "duplicate value",
        )
    for column in schema.columns:
        if column.ref in valid_ids:  # a table that could not be read at all is not checked against
            check_reference(check, column, typed[column.name], valid_ids.get(column.ref, set()))
    table_rules(check, typed, documents)
    if schema.name == "quotes":
        check_quotes(check, typed, sources, documents)
    extras = {c: frame[c].astype(str) for c in frame.columns if c not in typed and c != ROW_COLUMN}
    result = pd.DataFrame({**typed, **extras, ROW_COLUMN: frame[ROW_COLUMN]}, index=frame.index)
    return result[~check.bad].reset_index(drop=True), check.problems


def validate_tables(
    raw: dict[str, pd.DataFrame | None], documents: dict[str, str]
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every table's valid typed rows and all problems, checking references against valid rows."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    valid_ids: dict[str, set[str]] = {}
    for name in ORDER:
        schema = SCHEMAS[name]
        frame = raw.get(name)
        if frame is None:  # an unreadable table still gets typed, empty columns
            frame = empty_table(name).assign(**{ROW_COLUMN: pd.Series(dtype="int64")})
        tables[name], found = validate_table(
            schema, frame, valid_ids, documents, tables.get("sources", empty_table("sources"))
        )
        problems += found
        if schema.key and raw.get(name) is not None:
            valid_ids[name] = set(tables[name][schema.key].astype(str))
    return tables, sorted(problems, key=lambda p: (ORDER.index(p.file.removesuffix(".csv")), p.row or 0))
