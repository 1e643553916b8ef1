"""The pack's content: every briefing step in order, built by the app's builders, with graded citations."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.data.loading import load_dataset
from components.pack.content import build_pack
from components.pack.page import DECK_JS
from components.state.briefing import briefing_steps
from components.state.filters import Filters

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def audience(ds):
    return build_pack(ds)


def test_every_briefing_step_is_in_the_pack_in_order_with_its_title(ds, audience) -> None:
    pack = audience
    expected = [(s.number, s.title) for s in briefing_steps(ds)]
    assert [(s.number, s.title) for s in pack.steps] == expected
    assert len(expected) == 12


def test_talking_points_only_in_the_presenter_version(ds, audience) -> None:
    presenter = build_pack(ds, presenter=True)
    assert all(s.talking_points == "" for s in audience.steps)
    assert [s.talking_points for s in presenter.steps] == [s.talking_points for s in briefing_steps(ds)]
    assert "audience version" in audience.footer and "presenter version" in presenter.footer


def test_each_step_draws_what_its_page_draws(ds, audience) -> None:
    kinds = {s.number: (s.page, s.kind) for s in audience.steps}
    assert kinds[2] == ("timeline", "plotly")
    assert kinds[4] == ("forces", "plotly")
    assert kinds[5] == ("map", "deck")
    assert kinds[7] == ("overview", "figures")


def test_map_step_opens_on_its_place_with_a_ring(ds, audience) -> None:
    step = next(s for s in audience.steps if s.number == 5)
    spec = json.loads(step.spec)
    plekhovo = ds.locations.set_index("location_id").loc["plekhovo"]
    assert spec["initialViewState"]["latitude"] == pytest.approx(float(plekhovo["lat"]), abs=0.01)
    assert step.lead == "Plekhovo"
    ring = next(layer for layer in spec["layers"] if layer["id"] == "selected")
    assert len(ring["data"]) == 1


def test_map_steps_ask_only_for_classes_the_embedded_deck_gl_bundle_has(ds, audience) -> None:
    # The pack embeds pydeck's own deck.gl bundle; a layer or extension it lacks throws and the map stays blank.
    bundle = DECK_JS.read_text(encoding="utf-8")
    maps = [json.loads(s.spec) for s in audience.steps if s.kind == "deck"]
    assert maps
    for spec in maps:
        for layer in spec["layers"]:
            wanted = [layer["@@type"], *(e["@@type"] for e in layer.get("extensions", []))]
            assert all(name in bundle for name in wanted), (layer["id"], wanted)


def test_every_figure_of_a_forces_step_names_its_claimant_and_graded_source(ds, audience) -> None:
    step = next(s for s in audience.steps if s.number == 4)
    rows = ds.estimates[(ds.estimates["force"] == "dprk") & ds.estimates["metric"].isin(["deployed", "present"])]
    assert len(step.claims) == len(rows)
    assert all(c.claimant and c.source.publisher and c.source.grade[:1] in "ABCDEF" for c in step.claims)


def test_timeline_step_cites_the_events_sources_with_addresses(ds, audience) -> None:
    step = next(s for s in audience.steps if s.number == 2)
    event = ds.events.set_index("event_id").loc["treaty-signed"]
    assert {c.source_id for c in step.citations} == set(event["source_ids"])
    assert all(c.url.startswith(("http://", "https://")) or c.url == "" for c in step.citations)
    assert step.lead == event["title"]


def test_as_of_date_narrows_every_step_to_what_was_known(ds) -> None:
    pack = build_pack(ds, Filters(as_of=date(2024, 11, 1)))
    forces = next(s for s in pack.steps if s.number == 6)
    assert forces.claims == ()
    assert pack.as_of == "2024-11-01"


def test_no_judgments_table_means_no_judgments(ds, audience) -> None:
    without = replace(ds, tables={k: v for k, v in ds.tables.items() if k != "judgments"})
    assert build_pack(without).judgments == ()
    assert len(audience.judgments) == len(ds.judgments[ds.judgments["supersedes"] == ""])


def test_judgments_follow_their_order_leave_out_superseded_and_later_ones(ds) -> None:
    table = pd.DataFrame(
        {
            "judgment_id": ["old", "new", "later", "first"],
            "statement": ["Old view.", "New view.", "Made later.", "First one."],
            "likelihood": ["likely", "very likely", "", "almost certain"],
            "confidence": ["low", "moderate", "high", "high"],
            "made": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-06-01", "2025-01-10"]),
            "supersedes": ["", "old", "", ""],
            "order": [2, 2, 3, 1],
            "note": ["", "", "", "why"],
        }
    )
    judged = ds.with_tables(judgments=table)
    assert [j.statement for j in build_pack(judged).judgments] == ["First one.", "New view.", "Made later."]
    as_of = build_pack(judged, Filters(as_of=date(2025, 3, 1))).judgments
    assert [(j.statement, j.likelihood, j.confidence) for j in as_of] == [
        ("First one.", "almost certain", "high"),
        ("New view.", "very likely", "moderate"),
    ]


def test_a_key_judgments_step_carries_the_judgments_standing_on_its_date_not_a_figures_table():
    """As the audience screen shows it: the bundled briefing opens on the key judgments."""
    pack = build_pack(load_dataset(DATA), presenter=True)
    first = pack.steps[0]
    assert first.kind == "judgments" and not first.claims
    assert [j.judgment_id for j in first.judgments] == [j.judgment_id for j in pack.judgments]
    early = build_pack(load_dataset(DATA), Filters(as_of=date(2024, 7, 1)))
    assert early.steps[0].kind in ("figures", "none") and not early.steps[0].judgments
