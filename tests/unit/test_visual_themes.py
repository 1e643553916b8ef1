"""Both themes, every chart: marks at least 3:1 on the background, claimants told apart, selections drawn."""

from __future__ import annotations

import itertools
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from components.present.forces import FORCE_NAMES, METRIC_GROUPS, forces_figure
from components.present.headlines import claimant_families
from components.present.places import place_summaries, places_deck, scale_length_km
from components.present.theme import LIGHT, PROJECTOR, THEMES, contrast, delta_e
from components.present.timeline import timeline_figure

ROOT = Path(__file__).resolve().parents[2]
BOTH = pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
MIN_DELTA_E = 10.0


@pytest.fixture
def ds(bundled_dataset):
    """The bundled data, as the app loads it."""
    return bundled_dataset


def mark_colours(fig) -> set[str]:
    """Every colour a data mark of a plotly figure is drawn in (markers, lines, bars, labels)."""
    colours = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if marker is not None and isinstance(marker.color, str):
            colours.add(marker.color)
        line = getattr(trace, "line", None)
        if line is not None and isinstance(line.color, str) and trace.x is not None and any(trace.x):
            colours.add(line.color)
    colours |= {a.font.color for a in fig.layout.annotations if a.font.color}
    return colours


def test_ciede2000_is_zero_for_a_colour_and_its_twin_symmetric_and_100_from_black_to_white():
    assert delta_e("#0072B2", "#0072B2") == 0
    assert delta_e("#0072B2", "#56B4E9") == pytest.approx(delta_e("#56B4E9", "#0072B2"))
    assert delta_e("#FFFFFF", "#000000") == pytest.approx(100.0, abs=0.01)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)


@BOTH
def test_text_is_at_least_4_5_to_1_and_every_palette_colour_3_to_1_on_the_background(theme):
    for text in (theme.text, theme.muted):
        assert contrast(text, theme.background) >= 4.5 and contrast(text, theme.panel) >= 4.5
    for colour in (*theme.categories, *theme.families.values(), theme.border, theme.highlight):
        assert contrast(colour, theme.background) >= 3.0, colour


@BOTH
def test_categories_and_families_are_at_least_delta_e_10_apart(theme):
    for palette in (theme.categories, tuple(theme.families.values())):
        closest = min(delta_e(a, b) for a, b in itertools.combinations(palette, 2))
        assert closest >= MIN_DELTA_E


def test_streamlit_page_themes_match_the_chart_themes():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert "base" not in config  # a base would pin one theme and hide the switch
    for section, theme in (("light", LIGHT), ("dark", PROJECTOR)):
        assert config[section]["backgroundColor"] == theme.background
        assert config[section]["textColor"] == theme.text
        assert config[section]["secondaryBackgroundColor"] == theme.panel


@BOTH
@pytest.mark.parametrize(("force", "group"), list(itertools.product(FORCE_NAMES, METRIC_GROUPS)))
def test_forces_claimants_in_near_colours_differ_in_shape_and_label_and_marks_stand_out(ds, theme, force, group):
    fig = forces_figure(ds.estimates, force, group, sources=ds.sources, theme=theme, families=claimant_families(ds))
    assert fig.layout.plot_bgcolor == theme.background
    style = {}
    for trace in fig.data:
        symbols = trace.marker.symbol if trace.mode == "markers" and trace.customdata is not None else None
        if symbols is not None and trace.name != "stated in the article":
            style[trace.name] = (trace.marker.color, str(symbols[0]).removesuffix("-open"))
    named = {a.name.removeprefix("label:") for a in fig.layout.annotations if (a.name or "").startswith("label:")}
    assert set(style) <= named  # every claimant is named on the chart
    for (a, (ca, sa)), (b, (cb, sb)) in itertools.combinations(style.items(), 2):
        if delta_e(ca, cb) < MIN_DELTA_E:
            assert sa != sb, f"{a} and {b} share colour and shape"
    for colour in mark_colours(fig):
        assert contrast(colour, theme.background) >= 3.0, colour


@BOTH
def test_a_one_point_force_has_a_readable_axis_never_finer_than_a_month(ds, theme):
    russia = ds.estimates[(ds.estimates["force"] == "russia") & ds.estimates["low"].notna()]
    assert len(russia) == 1  # the bundled data's lone Russian figure
    fig = forces_figure(ds.estimates, "russia", "size", theme=theme)
    axis = fig.layout.xaxis
    assert axis.dtick in ("M1", "M2", "M3") and "%H" not in axis.tickformat and "%S" not in axis.tickformat
    start, end = (pd.Timestamp(v) for v in axis.range)
    assert end - start >= pd.Timedelta(days=60)
    title = fig.layout.title.text
    assert title.replace("<br>", " ") == "One claim of Russian troops present: 60,000, by Ukraine President"
    assert all(len(line) <= 34 for line in title.split("<br>"))


@BOTH
def test_the_selected_event_is_ringed_in_the_highlight_colour_and_titled(ds, theme):
    event = ds.events.iloc[5]
    plain = timeline_figure(ds.events, theme=theme)
    chosen = timeline_figure(ds.events, theme=theme, selected=event["event_id"])
    assert not [t for t in plain.data if t.name == "selected event"]
    (ring,) = [t for t in chosen.data if t.name == "selected event"]
    assert ring.marker.line.color == theme.highlight and ring.marker.size > 20
    assert pd.Timestamp(ring.x[0]) == event["date"]
    assert event["title"][:20] in chosen.layout.title.text.replace("<br>", " ")  # wrapped to a phone's width
    for colour in mark_colours(chosen):
        assert contrast(colour, theme.background) >= 3.0, colour


@BOTH
def test_timeline_labels_key_events_and_ticks_monthly(ds, theme):
    fig = timeline_figure(ds.events, theme=theme)
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("label:")]
    assert len(labels) >= 8 and all(len(a.text) <= 30 for a in labels)
    # A tick and a gridline every month (minor ticks); plotly labels as many of them as the width holds.
    assert fig.layout.xaxis.minor.dtick == "M1" and fig.layout.xaxis.minor.showgrid


def layer(deck, layer_id: str):
    """The deck's layer of that id."""
    return next(item for item in deck.layers if item.id == layer_id)


@BOTH
def test_deck_carries_a_scale_bar_collision_filtered_town_labels_and_the_selected_place(ds, theme):
    deck = places_deck(ds.locations, ds.events, ds.geo, selected="plekhovo", theme=theme)
    spec = json.loads(deck.to_json())
    bar = next(item for item in spec["layers"] if item["id"] == "scale-bar")
    (west, lat), (east, _) = bar["data"][0]["path"]
    km = bar["data"][0]["km"]
    assert (east - west) * 111.32 * 0.62 == pytest.approx(km, rel=0.05)  # cos(51.2°) ≈ 0.62
    towns = next(item for item in spec["layers"] if item["id"] == "town-labels")
    assert towns["extensions"] == [{"@@type": "CollisionFilterExtension"}] and "getPixelOffset" not in towns
    assert {"RUSSIA", "UKRAINE"} <= {row["name"] for row in layer(deck, "country-labels").data}
    ring = layer(deck, "selected")
    assert ring.data[0]["name"] == "Plekhovo" and ring.get_line_color[:3] == list(_rgb(theme.highlight))
    assert layer(deck, "selected-label").data[0]["name"] == "Plekhovo"
    for row in layer(deck, "places").data + layer(deck, "places-approx").data:
        assert contrast("#{:02X}{:02X}{:02X}".format(*row["color"][:3]), theme.background) >= 3.0


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_an_approximate_place_is_drawn_as_its_extent_in_metres(ds):
    locations = ds.locations.copy()
    locations["radius_km"] = float("nan")
    locations.loc[locations["location_id"] == "plekhovo", "radius_km"] = 3.5
    deck = places_deck(locations, ds.events, ds.geo)
    extents = layer(deck, "places-extent")
    (plekhovo,) = [row for row in extents.data if row["location_id"] == "plekhovo"]
    assert plekhovo["radius_m"] == 3500.0
    spec = next(item for item in json.loads(deck.to_json())["layers"] if item["id"] == "places-extent")
    assert spec["radiusUnits"] == "meters"
    assert all(row["location_id"] != "plekhovo" for row in layer(deck, "places-approx").data)
    assert place_summaries(locations, ds.events, ds.geo).set_index("location_id").at["plekhovo", "radius_km"] == 3.5


def test_the_scale_bar_is_the_longest_round_length_under_about_100_pixels():
    assert scale_length_km(8.0, 51.2) == 10  # 0.19 km a pixel
    assert scale_length_km(10.0, 51.2) == 2
    assert scale_length_km(6.6, 51.2) == 50
