"""The benchmark's synthetic tables follow the data contract, so the benchmark measures a valid briefing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import report
from bench.generate import BOX, MAX_LOCATIONS, counts, generate
from components.data.loading import load_dataset


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 1,000-event folder, generated once for this module."""
    return generate(1_000, tmp_path_factory.mktemp("bench"))


def test_generated_thousand_event_tables_pass_the_validator_with_zero_problems(folder: Path) -> None:
    dataset = load_dataset(folder)
    assert [str(p) for p in dataset.problems] == []
    assert len(dataset.events) == 1_000


def test_every_table_and_the_geo_layer_have_rows(folder: Path) -> None:
    dataset = load_dataset(folder)
    assert {name: len(frame) > 0 for name, frame in dataset.tables.items()} == dict.fromkeys(dataset.tables, True)
    assert dataset.geo["features"]


def test_most_events_carry_a_quote_found_in_an_archived_document(folder: Path) -> None:
    dataset = load_dataset(folder)
    quoted_events = set(dataset.quotes["event_id"]) - {""}
    assert len(quoted_events) > 0.6 * len(dataset.events)
    assert len(dataset.documents) == counts(1_000)["archived"]


def test_most_places_lie_inside_the_kursk_map_box(folder: Path) -> None:
    places = load_dataset(folder).locations
    inside = places["lon"].between(*BOX["lon"]) & places["lat"].between(*BOX["lat"])
    assert inside.mean() > 0.95
    assert not inside.all()


def test_the_same_seed_writes_the_same_bytes(folder: Path, tmp_path: Path) -> None:
    again = generate(1_000, tmp_path)
    for name in ("events.csv", "quotes.csv", "estimates.csv", "sources.csv", "locations.csv"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def test_places_stop_growing_at_two_thousand_while_other_tables_grow_with_events() -> None:
    small, large = counts(10_000), counts(100_000)
    assert large["locations"] == MAX_LOCATIONS
    assert large["sources"] == 10 * small["sources"]
    assert large["estimates"] == 10 * small["estimates"]


def _side(medians: dict[str, dict], notes: dict[str, list[str]] | None = None) -> dict:
    """A results side (dashboard or floor) in the JSON form the report reads."""
    pages = {page: {"median": values, "notes": (notes or {}).get(page, [])} for page, values in medians.items()}
    return {"pages": pages, "rss_1_mb": 200.0, "rss_10_mb": 290.0}


def test_the_report_marks_a_target_missed_by_its_worst_page_and_shows_every_page() -> None:
    data = {"name": "curated", "events": 57, "app": _side({"overview": {"browser_filter_s": 0.2}, "map": {}})}
    data["app"]["pages"]["map"]["median"] = {"browser_filter_s": 0.45}
    row = report.curated_rows({**data, "floor": _side({})})[0]
    assert "| 0.45 s | **missed** |" in row
    assert "overview 0.20 s · map 0.45 s" in row


def test_memory_per_extra_session_is_a_ninth_of_the_growth_from_one_to_ten_sessions() -> None:
    data = {"name": "100000", "events": 100_000, "app": _side({"map": {"bytes_first": 3 * 2**20}})}
    rows = report.large_rows(data)
    assert "| 10.00 MB | met |" in rows[-1]
    assert "| 3.00 MB | **missed** |" in rows[2]


def test_a_dense_page_meets_its_target_only_when_its_note_shows() -> None:
    notes = {"timeline": ["2,000 events binned by week"], "map": ["a note about something else"]}
    data = {"name": "10000", "app": _side({"timeline": {}, "map": {}}, notes)}
    rows = report.dense_rows({**data, "drawn": {"timeline": 2_000, "map": 900, "forces": 10}})
    assert [row.split(" | ")[3] for row in rows] == ["met", "met", "**missed**"]  # timeline, forces, map
