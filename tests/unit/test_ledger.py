"""The sources ledger says what each source supports; problems become rows a curator can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data.dataset import Problem
from components.data.loading import load_dataset
from components.present.forces import forces_table, source_labels
from components.present.ledger import MAX_IDS, SourceRef, http_link, ledger, problems_table, source_refs
from components.state.filters import Filters, apply_filters

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(MINIMAL)


def test_each_source_lists_the_events_estimates_and_quotes_it_supports(ds):
    rows = ledger(ds).set_index("source")
    seed = rows.loc["seed-article"]
    assert (seed["events"], seed["estimates"], seed["quotes"]) == (2, 1, 2)
    assert seed["events (ids)"] == "deployment, withdrawal"
    assert rows.loc["nis-2025-01", "estimates (ids)"] == "nis-killed"


def test_the_ledger_shows_dates_as_precisely_as_they_are_known(ds):
    rows = ledger(ds).set_index("source")
    assert rows.loc["nis-2025-01", "published"] == "Jan 2025 (month)"
    assert rows.loc["seed-article", "published"] == "≈ 2025-02-01 (approximate)"


def test_the_ledger_counts_follow_the_filters(ds):
    narrowed = ledger(apply_filters(ds, Filters(categories=("statement",)))).set_index("source")
    assert narrowed.loc["seed-article", "events"] == 1
    assert narrowed.loc["bbc-2025-01", "events"] == 0


def test_a_source_cited_by_many_rows_lists_the_first_few_ids_and_says_there_are_more(ds):
    quotes = ds.quotes
    many = quotes.loc[quotes.index.repeat(MAX_IDS + 2)].reset_index(drop=True)
    many = many.assign(quote_id=[f"q{n}" for n in range(len(many))], source_id="bbc-2025-01")
    row = ledger(ds.with_tables(quotes=many)).set_index("source").loc["bbc-2025-01"]
    assert row["quotes"] == len(many)
    assert row["quotes (ids)"] == "q0, q1, q2, q3, q4, ..."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.com/news/x", "https://www.bbc.com/news/x"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("", None),
    ],
)
def test_only_http_and_https_addresses_become_links(url, expected):
    assert http_link(url) == expected


def test_every_problem_becomes_a_row_with_file_row_column_value_and_reason():
    problems = [
        Problem("events.csv", 4, "date", "2025-02-30", "not a real calendar date"),
        Problem("locations.csv", None, None, "", "file is missing"),
    ]
    table = problems_table(problems)
    assert table.to_dict("records")[0] == {
        "severity": "error: row left out",
        "file": "events.csv",
        "row": 4,
        "column": "date",
        "value": "2025-02-30",
        "reason": "not a real calendar date",
    }
    assert table["row"].isna().tolist() == [False, True] and table.loc[1, "column"] == ""


def test_every_citation_carries_its_sources_grade_and_an_unknown_source_none(bundled_dataset):
    """Panels, quote credits, the forces table and hover labels all cite through source_refs or read the grade."""
    sources = bundled_dataset.sources
    refs = source_refs(sources, ["kbs-2024-10-18-nis-north-korea", "seed-article", "not-a-source"])
    assert list(refs) == ["kbs-2024-10-18-nis-north-korea", "seed-article", "not-a-source"]
    assert refs["kbs-2024-10-18-nis-north-korea"].grade == "B (usually reliable)"
    assert refs["seed-article"].grade == "F (cannot be judged)"
    assert refs["not-a-source"] == SourceRef("not-a-source", "not-a-source", "", "", "", "")


def test_the_forces_table_and_its_hover_labels_name_each_figures_source_grade(bundled_dataset):
    bundled = bundled_dataset
    table = forces_table(bundled.estimates, bundled.sources).set_index("id")
    assert table.loc["nis-2024-10-18-first-contingent", "source"] == "KBS World"
    assert table.loc["nis-2024-10-18-first-contingent", "grade"] == "B (usually reliable)"
    labels = source_labels(bundled.sources)
    assert labels["kbs-2024-10-18-nis-north-korea"].endswith(", grade B (usually reliable)")
