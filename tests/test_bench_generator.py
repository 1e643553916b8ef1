"""The benchmark's synthetic tables follow the data contract, so the benchmark measures a valid briefing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import BOX, MAX_LOCATIONS, counts, generate
from components.loading import load_dataset


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
