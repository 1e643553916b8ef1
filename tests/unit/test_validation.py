"""Each fixture folder shows one kind of problem: every problem is reported with its row, the valid rest survives."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from components.data.quotes import fold, fold_all, quote_in_document
from components.state.briefing import load_briefing

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DATA = Path(__file__).resolve().parents[2] / "data"
MINIMAL_COUNTS = {"sources": 3, "locations": 1, "events": 3, "estimates": 3, "quotes": 2, "briefing": 2}

# (folder, expected problems as (file, row, column, reason fragment), valid rows left per table)
CASES = [
    (
        "bad_date",
        [
            ("events.csv", 2, "date", "not a date in YYYY-MM-DD form"),
            ("events.csv", 4, "date", "not a real calendar date"),
            ("quotes.csv", 2, "event_id", "not found among the valid rows of events.csv"),
            ("briefing.csv", 2, "view", "event=treaty: not a known event"),
        ],
        {"events": 1, "quotes": 1},
    ),
    ("low_greater_than_high", [("estimates.csv", 2, "low", "low is greater than high")], {"estimates": 2}),
    (
        "unknown_reference",
        [
            ("events.csv", 2, "source_ids", "tass-missing"),
            ("events.csv", 3, "location_ids", "nowhere"),
            ("briefing.csv", 2, "view", "event=treaty: not a known event"),
        ],
        {"events": 1},
    ),
    ("duplicate_id", [("events.csv", 5, "event_id", "duplicate id (first used on row 2)")], {}),
    (
        "missing_column",
        [("estimates.csv", 1, "metric", "required column is missing")],
        {"estimates": 0},
    ),
    ("non_utf8", [("locations.csv", 2, None, "not UTF-8 text: byte 0x96 on line 2")], {"locations": 0}),
    ("empty_file", [("quotes.csv", None, None, "file is empty")], {"quotes": 0}),
    (
        "bad_briefing_step",
        [
            ("briefing.csv", 4, "view", "page=nowhere: not a known page"),
            ("briefing.csv", 4, "view", "event=ghost: not a known event"),
        ],
        {"briefing": 3},
    ),
    (
        "quote_speaker_mismatch",
        [
            ("quotes.csv", 4, "speaker", "a quoted quote must name its speaker"),
            ("quotes.csv", 5, "speaker", "a narration quote is the document's own words"),
        ],
        {},
    ),
    ("quote_not_in_archive", [("quotes.csv", 2, "text", "quote not found in archived source")], {"quotes": 1}),
    (
        "out_of_range_coordinate",
        [
            ("locations.csv", 2, "lon", "out of range (-180 to 180)"),
            ("locations.csv", 3, "lat", "out of range (-90 to 90)"),
            ("events.csv", 3, "location_ids", "sudzha"),
            ("events.csv", 4, "location_ids", "sudzha"),
            ("quotes.csv", 2, "event_id", "not found among the valid rows of events.csv"),
        ],
        {"locations": 0, "events": 1, "quotes": 1},
    ),
]


@pytest.mark.parametrize(("folder", "expected", "left"), CASES, ids=[c[0] for c in CASES])
def test_every_problem_is_reported_with_its_row_and_the_valid_rows_survive(folder, expected, left):
    dataset = load_briefing(FIXTURES / folder)
    found = [(p.file, p.row, p.column, p.reason) for p in dataset.problems]
    assert len(found) == len(expected), found
    for file, row, column, fragment in expected:
        assert any(f == file and r == row and c == column and fragment in reason for f, r, c, reason in found), (
            (file, row, column, fragment),
            found,
        )
    counts = {name: len(frame) for name, frame in dataset.tables.items()}
    assert counts == {**MINIMAL_COUNTS, **left}


def test_minimal_fixture_validates_clean_so_each_case_shows_only_its_own_problem():
    assert load_briefing(FIXTURES / "minimal").problems == ()


def test_bundled_data_validates_clean():
    dataset = load_briefing(DATA)
    assert [str(p) for p in dataset.problems] == []
    assert len(dataset.events) >= 50 and len(dataset.estimates) >= 50
    assert dataset.estimates["claimant"].nunique() >= 8


def test_problem_names_the_value_it_rejected():
    dataset = load_briefing(FIXTURES / "bad_date")
    assert {p.value for p in dataset.problems if p.column == "date"} == {"19/06/2024", "2025-02-30"}


def test_unreadable_table_leaves_references_to_it_unchecked_so_other_tables_keep_serving():
    dataset = load_briefing(FIXTURES / "non_utf8")
    assert set(dataset.events["event_id"]) == {"treaty", "deployment", "withdrawal"}


def test_missing_folder_reports_every_table_missing_without_raising(tmp_path):
    dataset = load_briefing(tmp_path / "nowhere")
    assert {p.file for p in dataset.problems} == {
        "sources.csv",
        "events.csv",
        "estimates.csv",
        "locations.csv",
        "quotes.csv",
        "briefing.csv",
    }
    assert all(p.reason == "file is missing" for p in dataset.problems)


def test_table_over_the_size_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    folder = shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    with open(folder / "events.csv", "ab") as handle:
        handle.truncate(3 * 1024 * 1024)
    monkeypatch.setenv("BRIEFING_MAX_TABLE_MB", "2")
    dataset = load_briefing(folder)
    problem = next(p for p in dataset.problems if p.file == "events.csv")
    assert "3.0 MB, over the 2 MB limit" in problem.reason
    assert len(dataset.sources) == 3


def test_quoted_newlines_crlf_and_bom_keep_spreadsheet_row_numbers(tmp_path):
    folder = shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    text = (folder / "events.csv").read_text().replace("Treaty signed", '"Treaty\nsigned"')
    text = text.replace("2025-01-31", "2025-13-01")
    (folder / "events.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    dataset = load_briefing(folder)
    assert [(p.row, p.column) for p in dataset.problems if p.file == "events.csv"] == [(4, "date")]
    assert dataset.events.loc[0, "title"] == "Treaty\r\nsigned"


@pytest.mark.parametrize(
    ("quote", "document", "found"),
    [
        ("Kim Jong Un’s troops", "Kim Jong Un's troops", True),
        ("“about 4,000”", 'said "about 4,000" killed', True),
        ("three\n   weeks", "three weeks", True),
        ("three weeks ago", "three weeks", False),
        ("", "anything", False),
    ],
)
def test_quotes_match_across_typographic_marks_and_white_space(quote, document, found):
    assert quote_in_document(quote, document) is found


def test_fold_turns_runs_of_white_space_into_one_space():
    assert fold("  a \t b\n\nc ") == "a b c"


@pytest.mark.parametrize("archive", ["../sources.csv", "x" * 5000, "/etc/passwd", "a/b.txt"])
def test_an_archive_name_that_is_not_a_plain_file_name_is_reported_not_followed(tmp_path, archive):
    folder = shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    sources = (folder / "sources.csv").read_text()
    (folder / "sources.csv").write_text(sources.replace(",seed.txt,", f",{archive},"))
    dataset = load_briefing(folder)
    assert [(p.file, p.row, p.column) for p in dataset.problems if p.file == "sources.csv"] == [
        ("sources.csv", 2, "archive")
    ]
    assert dataset.documents == {}


def test_folding_a_column_gives_what_folding_each_text_gives():
    texts = pd.Series(["Kim’s  “troops”\n", " a\tb ", "", "é"])
    assert fold_all(texts).tolist() == [fold(t) for t in texts]
