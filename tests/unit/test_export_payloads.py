"""Hostile cells come out of the CSV export neutralised, read back with `,`, `;` or tab as the separator."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from components.present.export import csv_bytes

FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")
CONTEXTS = {
    "at the start": "{c}1+1",
    "after white space": "  {c}1+1",
    "after a CR": "x\r{c}1+1",
    "after a LF": "x\n{c}1+1",
    "after a CRLF": "x\r\n{c}1+1",
    "after ';'": "x;{c}1+1",
    "after a tab": "x\t{c}1+1",
}
PAYLOADS = [context.format(c=c) for context in CONTEXTS.values() for c in FORMULA_CHARS]
RUNS = re.compile(r"\s*[=+\-@]|[\t\r]")


def hostile_frame() -> pd.DataFrame:
    """Every payload in a text column, next to a plain column and a number."""
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(PAYLOADS))],
            "title": PAYLOADS,
            "summary": [p[::-1] for p in PAYLOADS],
            "low": pd.array(range(len(PAYLOADS)), dtype="Int64"),
        }
    )


def read_back(raw: bytes, separator: str) -> list[list[str]]:
    """The export as a spreadsheet opens it: UTF-8 with BOM, quoted fields, the given separator."""
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=separator))


def lines(cell: str) -> list[str]:
    """A cell's lines as a spreadsheet might split them (CRLF, CR or LF)."""
    return re.split(r"\r\n|\r|\n", cell)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_cell_and_no_line_of_a_cell_starts_with_a_formula_character(separator: str) -> None:
    rows = read_back(csv_bytes(hostile_frame()), separator)
    cells = [cell for row in rows[1:] for cell in row]
    if separator == ",":  # read with its own separator, a CR inside a cell never ends a record
        assert len(rows) == len(PAYLOADS) + 1
    running = [cell for cell in cells if RUNS.match(cell)]
    running += [line for cell in cells for line in lines(cell)[1:] if RUNS.match(line)]
    assert running == []


def test_with_the_comma_separator_each_payload_comes_back_whole_with_quote_marks_added() -> None:
    rows = read_back(csv_bytes(hostile_frame()), ",")
    assert rows[0] == ["event_id", "title", "summary", "low"]
    for payload, row in zip(PAYLOADS, rows[1:], strict=True):
        assert row[1].replace("'", "") == payload
        assert row[1] != payload


def test_every_cell_is_quoted_and_every_record_ends_in_crlf() -> None:
    text = csv_bytes(hostile_frame()).decode("utf-8-sig")
    assert text.endswith('"\r\n')
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == 4 for row in records)
    fields = re.findall(r'(?:^|(?<=,)|(?<=\r\n))("(?:[^"]|"")*"|[^,"\r\n]+)', text)
    assert fields and all(field.startswith('"') and field.endswith('"') for field in fields)
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
    assert set(outside_quotes) <= {",", "\r", "\n"}
    assert outside_quotes.count("\r\n") == len(PAYLOADS) + 1 and "\r" not in outside_quotes.replace("\r\n", "")


def test_plain_text_and_numbers_are_left_as_they_are() -> None:
    """A `,` is no cell start: quoting keeps it inside its cell under every separator."""
    titles = ["3,000 killed = a lot", "Sudzha; Kursk", "x, =1+1"]
    frame = pd.DataFrame({"title": titles, "low": pd.array([-3, 5, 7], dtype="Int64")})
    rows = read_back(csv_bytes(frame), ",")
    assert rows[1:] == [["3,000 killed = a lot", "-3"], ["Sudzha; Kursk", "5"], ["x, =1+1", "7"]]
