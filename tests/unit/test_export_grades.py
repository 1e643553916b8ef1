"""Exported events, estimates and quotes carry the grades of the sources they cite, as the app words them."""

from __future__ import annotations

import csv
import io

import pandas as pd

from components.present.export import csv_bytes, export_frame, with_source_grades


def sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["bbc", "tass", "blank", "=evil"],
            "publisher": ["BBC", "TASS", "Blog", '=HYPERLINK("http://x")'],
            "reliability": ["B", "D", "", "=1+1"],
        }
    )


def read_back(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_an_estimate_citing_a_source_graded_b_exports_the_grade_as_the_forces_table_shows_it():
    estimates = pd.DataFrame({"estimate_id": ["x1"], "source_id": ["bbc"], "note": ["n"]})
    rows = read_back(csv_bytes(estimates, sources=sources()))
    assert rows[0]["source_grades"] == "B (usually reliable)"
    assert list(rows[0]) == ["estimate_id", "source_id", "source_grades", "note"]


def test_a_source_without_a_grade_or_missing_from_the_table_exports_not_graded():
    quotes = pd.DataFrame({"quote_id": ["q1", "q2"], "source_id": ["blank", "gone"]})
    rows = read_back(csv_bytes(quotes, sources=sources()))
    assert [r["source_grades"] for r in rows] == ["not graded", "not graded"]


def test_an_event_citing_several_sources_lists_each_grade_in_the_order_of_its_sources():
    events = pd.DataFrame({"event_id": ["e1", "e2"], "source_ids": [("tass", "gone", "bbc"), ("bbc",)]})
    out = export_frame(with_source_grades(events, sources()))
    assert out["source_grades"].tolist() == [
        "D (not usually reliable);not graded;B (usually reliable)",
        "B (usually reliable)",
    ]


def test_an_estimate_lists_its_own_source_grade_before_its_other_sources():
    estimates = pd.DataFrame(
        {"estimate_id": ["x1"], "source_id": ["tass"], "confidence": ["claimed"], "other_source_ids": [("bbc",)]}
    )
    out = with_source_grades(estimates, sources())
    assert out["source_grades"].tolist() == ["D (not usually reliable);B (usually reliable)"]
    assert list(out.columns)[-1] == "source_grades"


def test_a_grade_like_formula_never_starts_a_grade_cell_in_the_csv():
    events = pd.DataFrame(
        {"event_id": ["e1"], "source_ids": [("=evil",)], "source_grades": ['=HYPERLINK("http://evil")']}
    )
    rows = read_back(csv_bytes(events, sources=sources()))
    cell = rows[0]["source_grades"]
    assert cell == "F (cannot be judged)"  # an unknown grade reads as the contract's default, not as its text
    assert not any(part.lstrip().startswith(("=", "+", "-", "@")) for part in cell.split(";"))


def test_the_grades_column_goes_through_the_same_neutralising_as_every_text_cell(monkeypatch):
    monkeypatch.setattr("components.present.export.NOT_GRADED", "=1+1")
    quotes = pd.DataFrame({"quote_id": ["q1"], "source_id": ["gone"]})
    rows = read_back(csv_bytes(quotes, sources=sources()))
    assert rows[0]["source_grades"] == "'=1+1"


def test_a_table_without_sources_or_without_a_sources_table_exports_unchanged():
    locations = pd.DataFrame({"location_id": ["sudzha"], "name": ["Sudzha"]})
    assert "source_grades" not in read_back(csv_bytes(locations, sources=sources()))[0]
    assert "source_grades" not in read_back(csv_bytes(pd.DataFrame({"source_id": ["bbc"]})))[0]
