"""The decision tables in data/curation/decisions/ are checked like data tables, and build.py refuses a bad one.

Every test edits a copy of the tables under tmp_path, never the committed ones.
"""

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CURATION = ROOT / "data" / "curation"
DOSSIER = ROOT.parent / "shared" / "dossier"


def _module(name: str, file: str):
    """A curation module loaded under a name of its own (build.py puts data/curation on sys.path)."""
    spec = importlib.util.spec_from_file_location(name, CURATION / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_path = list(sys.path)
build = _module("curation_build", "build.py")
from decisions import read_decisions  # noqa: E402  (importable once build.py has run)

sys.path[:] = _path  # the curation folder stays off the path of the other tests

needs_dossier = pytest.mark.skipif(not (DOSSIER / "events.csv").is_file(), reason=f"no fact dossier at {DOSSIER}")


@pytest.fixture
def curation(tmp_path: Path) -> Path:
    """A copy of the curation folder's decision tables."""
    shutil.copytree(CURATION / "decisions", tmp_path / "decisions")
    return tmp_path


def edit(curation: Path, table: str, change) -> None:
    """Rewrite one decision table: change(rows) edits the list of records, header first."""
    path = curation / "decisions" / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(curation: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first cell is key; returns that row's spreadsheet number."""
    found = []

    def change(rows):
        at = rows[0].index(column)
        number = next(n for n, row in enumerate(rows, start=1) if row[0] == key)
        rows[number - 1][at] = value
        found.append(number)

    edit(curation, table, change)
    return found[0]


def errors(curation: Path) -> list:
    return [p for p in read_decisions(curation)[1] if p.is_error]


def build_errors(curation: Path, out: Path, capsys: pytest.CaptureFixture) -> list[str]:
    """The problems main() prints, after checking that it returns 1 and writes nothing."""
    assert build.main(DOSSIER, out, curation) == 1
    assert not out.exists()
    return capsys.readouterr().err.splitlines()


def test_the_committed_decision_tables_have_no_problem():
    tables, problems = read_decisions(CURATION)
    assert problems == []
    assert {name: len(rows) > 0 for name, rows in tables.items()} == dict.fromkeys(tables, True)


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "reason"),
    [
        ("reliability", "Reuters", "reliability", "Z", "not one of: A, B, C, D, E, F"),
        ("quotes", "seed-headline-withdraw", "event_id", "no-such-event", "decisions/events.csv"),
        ("estimates", "nis-2025-01-13-killed-300", "claimant", "Nobody", "decisions/claimants.csv"),
    ],
    ids=["a bad reliability grade", "a reference to an unknown decision", "an unlisted claimant"],
)
def test_one_bad_cell_is_reported_alone_with_file_row_column_value_and_reason(
    curation, table, key, column, value, reason
):
    row = set_cell(curation, table, key, column, value)
    (problem,) = errors(curation)
    assert (problem.file, problem.row, problem.column, problem.value) == (f"decisions/{table}.csv", row, column, value)
    assert reason in problem.reason


def test_an_unknown_column_is_reported_on_the_header_row(curation):
    edit(curation, "claimants", lambda rows: [row.append("colour" if n == 0 else "red") for n, row in enumerate(rows)])
    (problem,) = errors(curation)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "decisions/claimants.csv",
        1,
        "colour",
        "colour",
    )
    assert problem.reason.startswith("unknown column")


def test_a_missing_required_cell_is_reported(curation):
    row = set_cell(curation, "events", "treaty-signed", "category", "")
    problems = errors(curation)
    assert {(p.file, p.row, p.column, p.value) for p in problems} == {("decisions/events.csv", row, "category", "")}
    assert problems[0].reason == "required value is missing"


def test_a_missing_required_column_makes_the_table_unreadable(curation):
    edit(curation, "quotes", lambda rows: [row.pop(rows[0].index("text")) for row in reversed(rows)])
    problems = errors(curation)
    assert ("decisions/quotes.csv", 1, "text") in {(p.file, p.row, p.column) for p in problems}


def test_the_build_exits_1_printing_every_problem_and_writes_nothing(curation, tmp_path):
    grade = set_cell(curation, "reliability", "Reuters", "reliability", "Z")
    date = set_cell(curation, "events", "treaty-signed", "date", "2024-19-06")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(CURATION / "build.py"), str(DOSSIER), str(out), str(curation)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 1
    assert f"decisions/reliability.csv, row {grade}, column reliability: not one of" in run.stderr
    assert f"decisions/events.csv, row {date}, column date: not a real calendar date" in run.stderr
    assert "2 errors in the decision tables: nothing written" in run.stderr
    assert not out.exists()


@needs_dossier
def test_a_decision_naming_a_dossier_row_that_does_not_exist_is_an_error(curation, tmp_path, capsys):
    row = set_cell(curation, "events", "treaty-signed", "dossier_id", "E999")
    lines = build_errors(curation, tmp_path / "out", capsys)
    assert (
        f"decisions/events.csv, row {row}, column dossier_id: no such row in the dossier's events.csv (value: 'E999')"
        in lines
    )
    assert "decisions/events.csv, column dossier_id: dossier event has no decision row (value: 'E001')" in lines


@needs_dossier
@pytest.mark.parametrize(
    ("table", "key", "column", "value", "reason"),
    [
        ("publishers", "Babel", "dossier_publisher", "Babel TV", "not in the dossier"),
        (
            "source_dates",
            "https://112.ua/en/britanska-rozvidka-nazvala-kilkist-ubitih-soldativ-kndr-na-kursini-52943",
            "url",
            "https://example.org/x",
            "not an address",
        ),
        ("locations", "plekhovo", "dossier_name", "Plekhovka", "not a name in the dossier"),
        ("locations", "sudzha", "radius_km", "5", "exactly the places not exact have a radius"),
        ("quotes", "seed-headline-withdraw", "text", "North Korean Troops Advance", "not found word for word"),
        ("estimates", "nis-2025-04-30-casualties-4700", "stated_in_article", "yes", "the article does not write 4700"),
        ("events", "treaty-signed", "extra_source_urls", "https://example.org/x", "not an address of the dossier"),
    ],
)
def test_a_decision_the_dossier_or_the_seed_contradicts_is_an_error(
    curation, tmp_path, capsys, table, key, column, value, reason
):
    row = set_cell(curation, table, key, column, value)
    lines = build_errors(curation, tmp_path / "out", capsys)
    mine = [line for line in lines if line.startswith(f"decisions/{table}.csv, row {row}, column {column}: ")]
    assert mine and reason in mine[0], lines


@needs_dossier
def test_a_graded_publisher_no_source_has_and_an_unused_claimant_are_errors(curation, tmp_path, capsys):
    edit(curation, "reliability", lambda rows: rows.append(["Nobody's Gazette", "C", "no", "A test."]))
    edit(curation, "claimants", lambda rows: rows.append(["Nobody", "media", "no", ""]))
    lines = build_errors(curation, tmp_path / "out", capsys)
    assert any(
        line.startswith("decisions/reliability.csv, row ") and "graded, but no source has it" in line for line in lines
    )
    assert any(
        line.startswith("decisions/claimants.csv, row ") and "no event or estimate names" in line for line in lines
    )
