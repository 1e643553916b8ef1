"""Reading the decision tables (decision_schema.py) with the app's loader and validator.

Every table is read like a data table (size limit, UTF-8, header, row numbers) and checked cell by cell against
its declaration (kinds, vocabularies, required values, duplicate keys, references to tables read before it). A
column the declaration does not name is an error too: a misspelt header would otherwise be ignored silently. A
reference may name any row of the table it points at: a row in error is reported on its own, not at every row
that names it.
"""

from pathlib import Path

from decision_schema import DECISIONS

from components.data.dataset import Problem
from components.data.loading import read_table
from components.data.schema import ROW_COLUMN, TableSchema
from components.data.validation import Context, validate_table

Row = dict[str, str]  # a decision row: column -> cell (stripped unless the column is text), and `_row`


def read_decisions(root: Path) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Every decision table under root/decisions/ as rows of strings, and every problem found in them."""
    tables: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    valid_ids: dict[str, set[str]] = {}
    for name, schema in DECISIONS.items():
        frame, found, _ = read_table(root, schema)
        problems += found
        if frame is None:
            tables[name] = []
            continue
        problems += unknown_columns(schema, list(frame.columns))
        _, found = validate_table(schema, frame, valid_ids, Context({}, {}, frozenset()))
        problems += found
        tables[name] = [cells(schema, record) for record in frame.to_dict("records")]
        valid_ids[schema.name] = {row[schema.key].strip() for row in tables[name]}  # a row in error is reported once
    return tables, problems


def unknown_columns(schema: TableSchema, header: list[str]) -> list[Problem]:
    """A header name the table does not declare."""
    known = {c.name for c in schema.columns} | {ROW_COLUMN}
    reason = "unknown column: the table's columns are " + ", ".join(c.name for c in schema.columns)
    return [Problem(schema.file, 1, name, name, reason) for name in header if name not in known]


def cells(schema: TableSchema, record: dict) -> Row:
    """One row's cells by column, as the table's declaration reads them (a missing optional column is empty)."""
    row = {c.name: str(record.get(c.name, "")) for c in schema.columns}
    row = {c.name: row[c.name] if c.kind == "text" else row[c.name].strip() for c in schema.columns}
    return {**row, ROW_COLUMN: record[ROW_COLUMN]}


def problem(table: str, row: Row | None, column: str | None, value: str, reason: str) -> Problem:
    """An error found while building: the decision table, its row (None for the table as a whole), column and value."""
    number = int(row[ROW_COLUMN]) if row else None
    return Problem(DECISIONS[table].file, number, column, value, reason)


def split(cell: str) -> list[str]:
    """A `;`-separated cell as its items."""
    return [item.strip() for item in cell.split(";") if item.strip()]
