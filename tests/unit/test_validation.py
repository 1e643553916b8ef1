"""Each fixture folder shows one kind of problem: every problem is reported with its row, the valid rest survives."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from components.data.quotes import fold, fold_all, quote_in_document
from components.state.briefing import load_briefing

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL_COUNTS = {"sources": 3, "locations": 1, "events": 3, "estimates": 3, "quotes": 2, "briefing": 2}
# The minimal folder is written to the old contract (no quote kind, no coordinate sources, one source for a
# confirmed event): it loads whole, with these warnings, which every case built on it carries too.
OLD_CONTRACT_WARNINGS = {
    ("locations.csv", 2, "coord_source_ids", "an exact place names the sources of its coordinates"),
    ("events.csv", 2, "confidence", "confirmed needs two or more independent sources that are not parties"),
    ("quotes.csv", 2, "kind", "no kind: read as narration"),
}

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
        "implausible_confidence",
        [
            ("claimants.csv", 6, "party", "not one of: yes, no"),
            ("events.csv", 5, "confidence", "the note says the row is disputed"),
            ("estimates.csv", 3, "claimant", "claimant Unattributed (seed) not listed in claimants.csv"),
            ("estimates.csv", 4, "confidence", "a party's own figure (claimants.csv: party yes) is at most claimed"),
        ],
        {"claimants": 4, "events": 4},
    ),
    (
        "place_precision",
        [
            ("locations.csv", 1, "coord_source_id", "column renamed: call it coord_source_ids"),
            ("locations.csv", 3, "radius_km", "an approximate or area place needs radius_km"),
            ("locations.csv", 4, "coord_source_ids", "an exact place names the sources of its coordinates"),
            ("locations.csv", 5, "radius_km", "a radius is 0 km or more"),
        ],
        {"locations": 3},
    ),
    (
        "source_grades",
        [
            ("sources.csv", 3, "reliability_note", "grades A, B, E need a reason"),
            ("sources.csv", 5, "reliability", "a party to the war is graded for its own record and is never A"),
            ("sources.csv", 6, "published", "only a reference page (kind reference) may be undated"),
            ("sources.csv", 7, "reliability", "not one of: A, B, C, D, E, F"),
        ],
        {"sources": 5},
    ),
    ("bare_carriage_return", [("events.csv", 3, "summary", "a bare carriage return is in the text")], {}),
    (
        "judgment_rules",
        [
            ("judgments.csv", 3, "basis_event_ids", "a judgment needs at least one basis event or estimate"),
            ("judgments.csv", 4, "supersedes", "supersedes a judgment made after this one"),
            ("judgments.csv", 5, "supersedes", "a judgment cannot supersede itself"),
            ("judgments.csv", 5, "supersedes", "supersedes forms a cycle"),
            ("judgments.csv", 6, "supersedes", "supersedes forms a cycle"),
            ("judgments.csv", 7, "supersedes", "supersedes forms a cycle"),
            ("judgments.csv", 8, "order", "order 1 is already used (row 2)"),
            ("judgments.csv", 9, "supersedes", "refers to an id not found among the rows of judgments.csv"),
            ("judgments.csv", 10, "likelihood", "not one of: almost no chance"),
            ("judgments.csv", 10, "confidence", "not one of: high, moderate, low"),
            ("judgments.csv", 10, "basis_event_ids", "not found among the valid rows of events.csv: nowhere"),
        ],
        {"judgments": 1},
    ),
    (
        "out_of_range_coordinate",
        [
            ("locations.csv", 2, "lon", "out of range (-180 to 180)"),
            ("locations.csv", 3, "lat", "out of range (-90 to 90)"),
            ("locations.csv", 3, "coord_source_ids", "an exact place names the sources of its coordinates"),
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
    found = [(p.file, p.row, p.column, p.reason) for p in dataset.problems if not old_contract_warning(p)]
    assert len(found) == len(expected), found
    for file, row, column, fragment in expected:
        assert any(f == file and r == row and c == column and fragment in reason for f, r, c, reason in found), (
            (file, row, column, fragment),
            found,
        )
    counts = {name: len(frame) for name, frame in dataset.tables.items()}
    assert counts == {**MINIMAL_COUNTS, **left}


def old_contract_warning(problem) -> bool:
    return problem.severity == "warning" and any(
        (problem.file, problem.row, problem.column) == (f, r, c) and fragment in problem.reason
        for f, r, c, fragment in OLD_CONTRACT_WARNINGS
    )


def test_a_folder_written_to_the_old_contract_loads_whole_with_a_warning_for_each_thing_to_add():
    dataset = load_briefing(FIXTURES / "minimal")
    assert dataset.errors == ()
    assert len(dataset.warnings) == len(OLD_CONTRACT_WARNINGS)
    assert all(old_contract_warning(p) for p in dataset.warnings)
    assert {name: len(frame) for name, frame in dataset.tables.items()} == MINIMAL_COUNTS


def test_a_warning_keeps_its_row_and_an_error_leaves_it_out():
    dataset = load_briefing(FIXTURES / "source_grades")
    kept = set(dataset.sources["source_id"])
    assert {"bbc-2025-01", "kcna-2024", "atlas-page"} <= kept  # warned about: still served
    assert "grade-b2" not in kept  # an error: left out, and listed
    assert any(p.is_error and p.row == 7 for p in dataset.problems)


def test_bundled_data_validates_clean(bundled_briefing):
    dataset = bundled_briefing
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
    assert [(p.row, p.column) for p in dataset.errors if p.file == "events.csv"] == [(4, "date")]
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
