"""Checking raw tables against the schema: returns the valid typed rows and every problem, never raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from components.data.dataset import Problem, empty_table
from components.data.quotes import fold, fold_all
from components.data.schema import (
    RELIABILITY_NEEDS_NOTE,
    ROW_COLUMN,
    SCHEMAS,
    UNLISTED_FAMILY,
    Column,
    Severity,
    TableSchema,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://[^\s<>\"'`\\]+$"
# Tables are checked in this order so that references point at rows already found valid.
ORDER = ("sources", "claimants", "locations", "events", "estimates", "quotes", "judgments", "briefing")
BARE_CR = r"\r(?!\n)"
# A note that says the row itself is disputed ("Budanov disputed it", "disputed by the MoD", "this is disputed"),
# not one that says the row disputes something else or names another row that is.
SAYS_DISPUTED = (
    r"(?i)\b(?:disputed (?:it|this|that|the (?:figure|claim|report|number))\b|disputed by\b"
    r"|(?:it|this|the (?:figure|claim|report|number)) (?:is|was) disputed\b)"
)
RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}


class Checker:
    """Collects a table's problems and the rows they spoil, one vectorised check at a time."""

    def __init__(self, schema: TableSchema, frame: pd.DataFrame):
        self.schema = schema
        self.frame = frame
        self.bad = pd.Series(False, index=frame.index)
        self.problems: list[Problem] = []

    def flag(self, mask: pd.Series, column: str | None, reason: str | Callable, severity: Severity = "error") -> None:
        """Report every row where mask is true; reason may be a function of the row's value.

        An error leaves its row out; a warning keeps it.
        """
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        values = self.frame[column] if column in self.frame else pd.Series("", index=self.frame.index)
        for index in mask[mask].index:
            value = str(values.at[index])
            text = reason(value) if callable(reason) else reason
            row = int(self.frame.at[index, ROW_COLUMN])
            self.problems.append(Problem(self.schema.file, row, column, value, text, severity))
        if severity == "error":
            self.bad |= mask

    def warn(self, mask: pd.Series, column: str | None, reason: str | Callable) -> None:
        """Report every row where mask is true as implausible; the rows stay."""
        self.flag(mask, column, reason, "warning")


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


def table_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    """Rules that involve several columns of one table, or the rows of tables checked before it."""
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
    if name in ("events", "estimates"):
        confidence_rules(check, typed, context)
        claimant_rules(check, typed, context)
    rules = {"sources": source_rules, "locations": place_rules, "quotes": quote_rules, "judgments": judgment_rules}
    if name in rules:
        rules[name](check, typed, context)


@dataclass(frozen=True)
class Context:
    """What a table's rules may consult: the archived texts and the valid rows of the tables checked before."""

    documents: dict[str, str]
    tables: dict[str, pd.DataFrame]
    read: frozenset[str]  # the tables whose file was read (an optional table may be absent)

    def party_sources(self) -> set[str]:
        """Ids of sources published by a party to the war."""
        sources = self.tables.get("sources")
        return set() if sources is None else set(sources.loc[sources["party"] == "yes", "source_id"])

    def claimant_party(self) -> dict[str, str] | None:
        """claimant -> `yes`/`no` from claimants.csv, or None when the folder has no claimants table."""
        if "claimants" not in self.read:
            return None
        table = self.tables["claimants"]
        return dict(zip(table["claimant"].str.strip(), table["party"], strict=True))


def source_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    no_url = (typed["url"] == "") & (typed["kind"] != "seed")
    check.flag(no_url, "url", "a source needs an http(s) address (only the seed document may have none)")
    archive = typed["archive"]
    reason = "archived file not found under documents/ (or not readable)"
    check.flag((archive != "") & ~archive.isin(set(context.documents)), "archive", reason)
    grade, note = typed["reliability"], typed["reliability_note"].str.strip()
    needs = ", ".join(RELIABILITY_NEEDS_NOTE)
    check.warn(grade.isin(RELIABILITY_NEEDS_NOTE) & (note == ""), "reliability_note", f"grades {needs} need a reason")
    party_a = (typed["party"] == "yes") & (grade == "A")
    check.warn(party_a, "reliability", "a party to the war is graded for its own record and is never A")
    undated = typed["published"].isna() & (typed["kind"] != "reference")
    reason = "only a reference page (kind reference) may be undated: give the date, or set kind to reference"
    check.warn(undated, "published", reason)


def place_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    radius, precision = typed["radius_km"], typed["precision"]
    check.flag(radius < 0, "radius_km", "a radius is 0 km or more")
    vague = precision.isin(("approximate", "area")) & radius.isna()
    reason = "an approximate or area place needs radius_km: how far from the point it may lie (drawn to scale)"
    check.warn(vague, "radius_km", reason)
    unsourced = (precision == "exact") & (typed["coord_source_ids"].map(len) == 0)
    reason = "an exact place names the sources of its coordinates in coord_source_ids (or is approximate)"
    check.warn(unsourced, "coord_source_ids", reason)


def quote_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    targets = ["event_id", "estimate_id", "location_id"]
    none_set = pd.concat([typed[c] == "" for c in targets], axis=1).all(axis=1)
    check.flag(none_set, "event_id", "a quote must support an event, an estimate or a location")
    kind, speaker = typed["kind"], typed["speaker"].str.strip()
    check.flag((kind == "quoted") & (speaker == ""), "speaker", "a quoted quote must name its speaker")
    reason = "a narration quote is the document's own words: leave speaker empty, or set kind to quoted"
    unset = _text(check.frame, replace(check.schema.column("kind"), default="")) == ""
    check.flag((kind == "narration") & ~unset & (speaker != ""), "speaker", reason)
    reason = (
        "no kind: read as narration (the document's own words), so the speaker is not shown; "
        "set kind to quoted if the source reports this person's own words"
    )
    check.warn(unset & (speaker != ""), "kind", reason)


def row_sources(typed: dict[str, pd.Series]) -> pd.Series:
    """Every source a row of events or estimates names."""
    if "source_ids" in typed:
        return typed["source_ids"]
    return pd.Series(
        [(first, *rest) for first, rest in zip(typed["source_id"], typed["other_source_ids"], strict=True)],
        index=typed["source_id"].index,
        dtype=object,
    )


def row_claimants(typed: dict[str, pd.Series]) -> pd.Series:
    """The claimants a row of events or estimates names, as tuples."""
    if "claimants" in typed:
        return typed["claimants"]
    return typed["claimant"].str.strip().map(lambda c: (c,) if c else ())


def confidence_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    """The contract's definitions of the confidence labels, as warnings where a label is implausible."""
    confidence = typed["confidence"]
    party = context.party_sources()
    non_party = row_sources(typed).map(lambda ids: len([i for i in dict.fromkeys(ids) if i not in party]))
    reason = "confirmed needs two or more independent sources that are not parties to the war"
    check.warn((confidence == "confirmed") & (non_party < 2), "confidence", reason)
    parties = context.claimant_party()
    if parties is not None and "claimant" in typed:  # an estimate: the figure is its claimant's own
        own = typed["claimant"].str.strip().map(lambda name: parties.get(name) == "yes")
        reason = "a party's own figure (claimants.csv: party yes) is at most claimed"
        check.warn(own & confidence.isin(("confirmed", "reported")), "confidence", reason)
    says = typed["note"].str.contains(SAYS_DISPUTED, regex=True)
    reason = "the note says the row is disputed: label it disputed, or say in the note why it is not"
    check.warn(says & (confidence != "disputed"), "confidence", reason)


def claimant_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    """A claimant missing from claimants.csv is shown with `other governments` as a non-party: say so."""
    parties = context.claimant_party()
    if parties is None:
        return
    names = row_claimants(typed)
    unlisted = names.map(lambda found: any(n not in parties for n in found))
    column = "claimants" if "claimants" in typed else "claimant"
    reason = f"not listed in claimants.csv, so shown with '{UNLISTED_FAMILY}' as a non-party"
    missing = lambda v: ", ".join(n for n in split_list(v) if n not in parties)  # noqa: E731
    check.warn(unlisted, column, lambda v: f"claimant {missing(v)} {reason}")


def judgment_rules(check: Checker, typed: dict[str, pd.Series], context: Context) -> None:
    """At least one basis, a unique order, and `supersedes` naming an earlier judgment with no cycle."""
    basis = typed["basis_event_ids"].map(len) + typed["basis_estimate_ids"].map(len)
    check.flag(basis == 0, "basis_event_ids", "a judgment needs at least one basis event or estimate")
    order = typed["order"]
    first = check.frame[ROW_COLUMN].groupby(order).transform("min")
    repeated = order.notna() & order.duplicated(keep="first")
    check.flag(repeated, "order", lambda v: f"order {v} is already used (row {int(first[order == int(v)].iloc[0])})")
    ids, made, target = typed["judgment_id"], typed["made"], typed["supersedes"]
    made_of = dict(zip(ids, made, strict=True))
    check.flag((target != "") & (target == ids), "supersedes", "a judgment cannot supersede itself")
    unknown = (target != "") & ~target.isin(set(ids))
    check.flag(unknown, "supersedes", "refers to an id not found among the rows of judgments.csv")
    later = pd.Series(
        [bool(t) and t in made_of and pd.notna(m) and made_of[t] > m for t, m in zip(target, made, strict=True)],
        index=target.index,
    )
    check.flag(later, "supersedes", "supersedes a judgment made after this one: it can only replace an earlier one")
    step = dict(zip(ids, target, strict=True))
    check.flag(ids.map(lambda i: in_cycle(i, step)), "supersedes", "supersedes forms a cycle")


def in_cycle(start: str, step: dict[str, str]) -> bool:
    """Whether following `supersedes` from this judgment comes back to it."""
    seen, current = set(), step.get(start, "")
    while current and current not in seen:
        if current == start:
            return True
        seen.add(current)
        current = step.get(current, "")
    return False


def text_rules(check: Checker, typed: dict[str, pd.Series]) -> None:
    """A bare carriage return in a text cell (some spreadsheets write one for a line break) is kept but reported."""
    reason = "a bare carriage return is in the text (shown as a line break): save the file with line feeds"
    for column in check.schema.columns:
        if column.kind == "text":
            check.warn(typed[column.name].str.contains(BARE_CR, regex=True), column.name, reason)


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
    context: Context,
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
    table_rules(check, typed, context)
    text_rules(check, typed)
    if schema.name == "quotes":
        check_quotes(check, typed, context.tables.get("sources", empty_table("sources")), context.documents)
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
        read = frozenset(n for n, f in raw.items() if f is not None)
        tables[name], found = validate_table(schema, frame, valid_ids, Context(documents, tables, read))
        problems += found
        if schema.key and raw.get(name) is not None:
            valid_ids[name] = set(tables[name][schema.key].astype(str))
    for name in ORDER:  # an optional table the folder does not have is absent, not empty
        if SCHEMAS[name].optional and raw.get(name) is None and not any(p.file == SCHEMAS[name].file for p in problems):
            del tables[name]
    return tables, sorted(problems, key=lambda p: (ORDER.index(p.file.removesuffix(".csv")), p.row or 0))
