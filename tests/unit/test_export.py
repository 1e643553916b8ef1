"""Exported CSV keeps the contract's format and cannot run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from components.present.export import csv_bytes, export_frame, export_name, neutralise


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("  =1+1", "'  =1+1"),
        ("Sudzha", "Sudzha"),
        ("3,000 killed = a lot", "3,000 killed = a lot"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_prefixed_with_a_quote(cell, expected):
    assert neutralise(pd.Series([cell])).iloc[0] == expected


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["e1", "e2"],
            "date": pd.to_datetime(["2025-01-13", None]),
            "title": ["=cmd|' /C calc'!A0", "<script>x</script>"],
            "claimants": [("Ukraine SSO", "Zelensky"), ()],
            "low": pd.array([300, None], dtype="Int64"),
            "lon": [-3.5, 35.27],
            "_row": [2, 3],
        }
    )


def test_an_export_writes_lists_dates_and_numbers_as_the_contract_does():
    out = export_frame(frame())
    assert list(out.columns) == ["event_id", "date", "title", "claimants", "low", "lon"]
    assert out["claimants"].tolist() == ["Ukraine SSO;Zelensky", ""]
    assert out["date"].tolist() == ["2025-01-13", ""]
    assert out["low"].tolist() == ["300", ""]


def test_numbers_are_not_neutralised_but_text_is():
    out = export_frame(frame())
    assert out["lon"].tolist() == ["-3.5", "35.27"]
    assert out["title"].tolist() == ["'=cmd|' /C calc'!A0", "<script>x</script>"]


def test_csv_bytes_read_back_as_the_same_cells_with_a_byte_order_mark():
    raw = csv_bytes(frame())
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["event_id", "date", "title", "claimants", "low", "lon"]
    assert rows[1][2] == "'=cmd|' /C calc'!A0"


def test_the_download_name_says_it_is_filtered_and_which_data_it_came_from():
    assert export_name("events", "ab12cd34") == "events-filtered-ab12cd34.csv"
