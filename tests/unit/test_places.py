"""The Kursk map: offline context, event places by category, rings for imprecise places."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pydeck as pdk
import pytest

from components.present.palette import category_color, hex_to_rgb
from components.present.places import (
    CREDITS,
    LABEL_VIEW_PX,
    OBLAST_CHAR_PX,
    elsewhere_events,
    inside,
    map_alt,
    map_note,
    map_view,
    place_summaries,
    places_deck,
    places_table,
    selected_location_id,
)

GEO = json.loads((Path(__file__).resolve().parents[2] / "data" / "geo" / "kursk_context.geojson").read_text())


def make_locations(*rows: dict) -> pd.DataFrame:
    """Locations in the loader's in-memory shape."""
    base = {"alt_names": (), "admin": "Kursk Oblast", "precision": "exact"}
    return pd.DataFrame([{**base, **r} for r in rows])


def make_events(*rows: dict) -> pd.DataFrame:
    """Events with the columns the map reads."""
    base = {"date_precision": "day", "category": "combat", "location_ids": ()}
    frame = pd.DataFrame(
        [{**base, "event_id": f"e{i}", "title": f"Event {i}", "date": "2025-01-10", **r} for i, r in enumerate(rows)]
    )
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    return frame


LOCATIONS = make_locations(
    {"location_id": "sudzha", "name": "Sudzha", "alt_names": ("Суджа",), "lat": 51.1914, "lon": 35.2706},
    {"location_id": "plekhovo", "name": "Plekhovo", "lat": 51.10, "lon": 35.33, "precision": "approximate"},
    {"location_id": "pyongyang", "name": "Pyongyang", "lat": 39.03, "lon": 125.75, "admin": "DPRK"},
)
EVENTS = make_events(
    {"event_id": "incursion", "title": "Incursion begins", "location_ids": ("sudzha",)},
    {"event_id": "retaken", "title": "Sudzha retaken", "location_ids": ("sudzha",), "category": "territory"},
    {"event_id": "fight", "title": "<script>alert(1)</script> {name}", "location_ids": ("plekhovo",)},
    {"event_id": "treaty", "title": "Treaty", "location_ids": ("pyongyang",), "category": "diplomacy"},
    {"event_id": "speech", "title": "A speech", "category": "statement"},
)


def layer(deck, layer_id: str):
    """One layer of a deck by id."""
    return next(item for item in deck.layers if item.id == layer_id)


def test_exact_place_is_a_filled_dot_in_its_dominant_category_colour():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    (sudzha,) = [row for row in layer(deck, "places").data if row["location_id"] == "sudzha"]
    assert sudzha["color"][:3] == list(hex_to_rgb(category_color("combat")))
    assert sudzha["position"] == [35.2706, 51.1914]
    assert layer(deck, "places").pickable is True


def test_approximate_place_is_a_larger_ring_with_a_faint_fill_never_a_crisp_dot():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    assert all(row["location_id"] != "plekhovo" for row in layer(deck, "places").data)
    (ring,) = layer(deck, "places-approx").data
    (dot,) = [row for row in layer(deck, "places").data if row["location_id"] == "sudzha"]
    assert ring["color"][3] < 60 and ring["ring"][3] == 255
    assert ring["radius"] > dot["radius"] - 3  # one event against two, still drawn larger
    assert layer(deck, "places-approx").stroked is True


def test_tooltip_names_the_place_and_its_events():
    summary = place_summaries(LOCATIONS, EVENTS).set_index("location_id")
    tooltip = summary.loc["sudzha", "tooltip"]
    assert tooltip.startswith("Sudzha\n2 events:")
    assert "Incursion begins" in tooltip and "Sudzha retaken" in tooltip
    assert "(approximate location)" in summary.loc["plekhovo", "tooltip"]


def test_tooltip_is_plain_text_with_one_placeholder_so_data_is_never_markup():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    spec = json.loads(deck.to_json())
    assert "html" not in deck._tooltip and deck._tooltip["text"] == "{tooltip}"
    ring = next(row for row in spec["layers"] if row["id"] == "places-approx")["data"][0]
    assert "<script>alert(1)</script> {name}" in ring["tooltip"]


def test_places_outside_the_map_and_region_wide_events_are_listed_elsewhere():
    summary = place_summaries(LOCATIONS, EVENTS).set_index("location_id")
    assert not summary.loc["pyongyang", "on_map"]
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    drawn = {row["location_id"] for lid in ("places", "places-approx") for row in layer(deck, lid).data}
    assert drawn == {"sudzha", "plekhovo"}
    elsewhere = elsewhere_events(LOCATIONS, EVENTS).set_index("event_id")
    assert elsewhere.loc["treaty", "where"] == "Pyongyang"
    assert elsewhere.loc["speech", "where"] == "no place named"
    assert "incursion" not in elsewhere.index


def test_a_place_that_is_also_a_geo_town_is_drawn_once_at_the_location_point():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    assert "Sudzha" not in [town["name"] for town in layer(deck, "towns").data]
    labels = {row["name"]: row["position"] for row in layer(deck, "town-labels").data}
    assert labels["Sudzha"] == [35.2706, 51.1914]
    assert "Kursk" in [town["name"] for town in layer(deck, "towns").data]


def test_a_namesake_far_from_the_geo_town_does_not_hide_it():
    far = make_locations({"location_id": "s2", "name": "Sudzha", "lat": 52.5, "lon": 37.5})
    deck = places_deck(far, make_events({"location_ids": ("s2",)}), GEO)
    assert "Sudzha" in [town["name"] for town in layer(deck, "towns").data]


def test_map_draws_offline_context_without_any_tile_server():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    assert "cartocdn" not in deck.to_json()
    ids = [row["id"] for row in spec["layers"]]
    assert ids[:4] == ["oblasts", "rivers", "border", "towns"]
    assert len(layer(deck, "oblasts").data["features"]) == 6


def test_online_basemap_is_only_an_option():
    spec = json.loads(places_deck(LOCATIONS, EVENTS, GEO, basemap=True).to_json())
    assert spec["mapProvider"] == "carto"


def test_selected_place_centres_the_map_and_gets_a_ring():
    deck = places_deck(LOCATIONS, EVENTS, GEO, selected="plekhovo")
    view = deck.initial_view_state
    assert (view.latitude, view.longitude, view.zoom) == (51.10, 35.33, 9.0)
    assert layer(deck, "selected").data[0]["position"] == [35.33, 51.10]


def test_default_view_fits_the_places_drawn():
    view = places_deck(LOCATIONS, EVENTS, GEO).initial_view_state
    assert 51.10 <= view.latitude <= 51.20 and 35.27 <= view.longitude <= 35.34
    assert 5.8 <= view.zoom <= 10


def test_clicked_place_is_read_back_from_the_pydeck_selection_state():
    state = {
        "selection": {"indices": {"places-approx": [0]}, "objects": {"places-approx": [{"location_id": "plekhovo"}]}}
    }
    assert selected_location_id(state) == "plekhovo"
    assert selected_location_id({"selection": {"indices": {}, "objects": {}}}) is None


def grid_places(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n places on a 0.1° grid inside the map's area, one event each."""
    locations = make_locations(
        *(
            {"location_id": f"l{i}", "name": f"P{i}", "lat": 50 + i % 35 / 10, "lon": 33 + i // 35 / 10}
            for i in range(n)
        )
    )
    return locations, make_events(*({"location_ids": (f"l{i}",)} for i in range(n)))


def test_five_hundred_places_are_all_drawn_individually():
    locations, events = grid_places(500)
    deck = places_deck(locations, events, GEO)
    assert len(layer(deck, "places").data) == 500
    assert map_note(place_summaries(locations, events)) is None


def test_two_thousand_places_are_merged_into_a_readable_number_of_marks_counting_every_event():
    locations, events = grid_places(2000)
    deck = places_deck(locations, events, GEO)
    marks = layer(deck, "places").data + layer(deck, "places-approx").data
    assert len(marks) <= 250
    counted = sum(int(m["tooltip"].split("\n")[1].split()[0]) for m in marks if m["location_id"] == "")
    assert counted + sum(1 for m in marks if m["location_id"]) == 2000
    assert "2,000 places merged into 0.4° grid cells" in map_note(place_summaries(locations, events))


def test_a_place_alone_in_its_grid_cell_stays_itself_and_clickable():
    locations, events = grid_places(40)
    far = make_locations({"location_id": "far", "name": "Far", "lat": 53.4, "lon": 38.9})
    deck = places_deck(
        pd.concat([locations, far]), pd.concat([events, make_events({"location_ids": ("far",)})]), GEO, max_places=10
    )
    alone = [m for m in layer(deck, "places").data if m["location_id"] == "far"]
    assert len(alone) == 1 and alone[0]["tooltip"].startswith("Far\n1 event")


def test_too_many_places_are_merged_into_grid_cells_with_a_note():
    locations = make_locations(
        *({"location_id": f"l{i}", "name": f"P{i}", "lat": 51 + i / 1000, "lon": 35.0} for i in range(50))
    )
    events = make_events(*({"location_ids": (f"l{i}",)} for i in range(50)))
    deck = places_deck(locations, events, GEO, max_places=10)
    merged = layer(deck, "places").data + layer(deck, "places-approx").data
    assert 1 <= len(merged) < 50
    assert all(row["location_id"] == "" and "narrow the filters" in row["tooltip"] for row in merged)
    assert sum(int(row["tooltip"].split("\n")[1].split()[0]) for row in merged) == 50
    assert "merged into" in map_note(place_summaries(locations, events), max_places=10)


def test_places_table_lists_each_place_with_its_event_count():
    table = places_table(place_summaries(LOCATIONS, EVENTS, GEO), LOCATIONS).set_index("id")
    assert table.loc["sudzha", "events"] == 2
    assert table.loc["plekhovo", "precision"] == "approximate"
    assert table.loc["pyongyang", "on map"].startswith("no")


def test_credits_name_every_licence_of_the_bundled_geo_layer():
    licences = {feature["properties"]["license"] for feature in GEO["features"]}
    assert licences == {"Public domain (Natural Earth)", "CC BY 4.0 (GeoNames, geonames.org)"}
    assert "Natural Earth (public domain)" in CREDITS and "GeoNames, CC BY 4.0" in CREDITS


def test_a_location_standing_for_the_whole_oblast_is_listed_as_region_wide_not_drawn():
    locations = pd.concat(
        [
            LOCATIONS,
            make_locations(
                {"location_id": "kursk-oblast", "name": "Kursk Oblast", "lat": 51.67, "lon": 36.07, "precision": "area"}
            ),
        ]
    )
    events = pd.concat([EVENTS, make_events({"event_id": "somewhere", "location_ids": ("kursk-oblast",)})])
    deck = places_deck(locations, events, GEO)
    drawn = {row["location_id"] for lid in ("places", "places-approx") for row in layer(deck, lid).data}
    assert "kursk-oblast" not in drawn
    elsewhere = elsewhere_events(locations, events, GEO).set_index("event_id")
    assert elsewhere.loc["somewhere", "where"] == "Kursk Oblast (region-wide)"


def test_imprecise_places_sharing_a_point_become_concentric_rings_smallest_on_top():
    locations = make_locations(
        *(
            {"location_id": f"v{i}", "name": f"Village {i}", "lat": 51.1976, "lon": 35.2726, "precision": "area"}
            for i in range(3)
        )
    )
    events = make_events(*({"location_ids": (f"v{i}",)} for i in range(3)))
    rings = layer(places_deck(locations, events, GEO), "places-approx").data
    radii = [row["radius"] for row in rings]
    assert len(set(radii)) == 3 and radii == sorted(radii, reverse=True)


def test_no_events_at_all_give_an_empty_map_and_empty_lists():
    none = EVENTS.iloc[0:0]
    assert elsewhere_events(LOCATIONS, none, GEO).empty
    assert places_table(place_summaries(LOCATIONS, none, GEO), LOCATIONS).empty
    assert "no event places" in map_alt(place_summaries(LOCATIONS, none, GEO), 0)
    deck = places_deck(LOCATIONS, none, GEO)
    assert layer(deck, "places").data == [] and len(layer(deck, "oblasts").data["features"]) == 6


def test_alt_text_names_the_places_the_busiest_one_and_what_is_listed_elsewhere():
    summary = place_summaries(LOCATIONS, EVENTS, GEO)
    alt = map_alt(summary, len(elsewhere_events(LOCATIONS, EVENTS, GEO)))
    assert "2 places with 3 event mentions" in alt and "most at Sudzha (2)" in alt
    assert "1 of them only approximately located" in alt and "2 events outside the map" in alt


def test_a_summary_already_computed_gives_the_same_deck():
    summary = place_summaries(LOCATIONS, EVENTS, GEO)
    assert (
        places_deck(LOCATIONS, EVENTS, GEO, summary=summary).to_json() == places_deck(LOCATIONS, EVENTS, GEO).to_json()
    )


def test_over_an_online_basemap_the_oblast_fill_lets_the_tiles_show_through():
    assert layer(places_deck(LOCATIONS, EVENTS, GEO), "oblasts").opacity == 1.0
    assert layer(places_deck(LOCATIONS, EVENTS, GEO, basemap=True), "oblasts").opacity < 0.5


def test_deck_json_is_compact_and_says_the_same_as_pydecks_indented_json():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    compact = deck.to_json()
    indented = pdk.Deck.to_json(deck)
    assert compact == json.dumps(json.loads(compact), sort_keys=True, separators=(",", ":"))
    assert json.loads(compact) == json.loads(indented) and len(compact) < len(indented) * 0.7


def test_place_positions_are_rounded_to_about_a_metre():
    locations = make_locations({"location_id": "x", "name": "X", "lat": 51.123456789, "lon": 35.987654321})
    deck = places_deck(locations, make_events({"location_ids": ("x",)}), GEO)
    assert layer(deck, "places").data[0]["position"] == [35.98765, 51.12346]


def test_deck_json_is_written_once_and_reused_by_later_reruns():
    deck = places_deck(LOCATIONS, EVENTS, GEO)
    assert deck.to_json() is deck.to_json()
    assert "compact" not in deck.to_json().lower()


def test_a_place_with_a_radius_is_an_extent_in_metres_that_stays_clickable_when_small():
    locations = make_locations(
        {"location_id": "wide", "name": "Wide", "lat": 51.2, "lon": 35.3, "precision": "area", "radius_km": 25.0},
        {"location_id": "small", "name": "Small", "lat": 51.1, "lon": 35.3, "precision": "approximate", "radius_km": 1},
    )
    events = make_events({"location_ids": ("wide",)}, {"location_ids": ("small",)})
    extent = layer(places_deck(locations, events, GEO), "places-extent")
    assert [row["location_id"] for row in extent.data] == ["wide", "small"]  # the smaller drawn last, on top
    assert [row["radius_m"] for row in extent.data] == [25_000.0, 1_000.0]
    assert extent.radius_units == "meters" and extent.pickable is True
    assert extent.radius_min_pixels >= 6  # 1 km is 3 px at the region's zoom: too small to hit otherwise
    assert layer(places_deck(locations, events, GEO), "places-approx").data == []


def test_identical_extents_put_the_busiest_on_top_and_each_tooltip_names_the_others():
    villages = [("quiet", 1), ("busy", 3), ("middle", 2)]
    locations = make_locations(
        *(
            {"location_id": v, "name": v.title(), "lat": 51.1976, "lon": 35.2726, "precision": "area", "radius_km": 25}
            for v, _ in villages
        )
    )
    events = make_events(*({"location_ids": (v,)} for v, n in villages for _ in range(n)))
    drawn = layer(places_deck(locations, events, GEO), "places-extent").data
    assert [row["location_id"] for row in drawn] == ["quiet", "middle", "busy"]  # the last drawn is on top
    busy = drawn[-1]["tooltip"]
    assert busy.startswith("Busy") and busy.endswith("Same disc as: Middle, Quiet (see the places table)")
    assert "Same disc as" not in layer(places_deck(LOCATIONS, EVENTS, GEO), "places-approx").data[0]["tooltip"]


def test_a_point_is_inside_a_ring_by_ray_casting():
    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
    assert inside((1.0, 1.0), square)
    assert not inside((3.0, 1.0), square)
    assert not inside((1.0, -0.5), square)


@pytest.mark.parametrize("selected", [None, "plekhovo"])
def test_oblast_names_in_the_opening_view_stand_whole_inside_it_and_inside_their_oblast(bundled_dataset, selected):
    ds = bundled_dataset
    summary = place_summaries(ds.locations, ds.events, ds.geo)
    deck = places_deck(ds.locations, ds.events, ds.geo, selected=selected, summary=summary)
    view = map_view(summary, selected)
    px_lon = 360.0 / (512 * 2**view.zoom)
    px_lat = px_lon * math.cos(math.radians(view.latitude))
    outlines = {
        f["properties"]["name"]: f["geometry"] for f in ds.geo["features"] if f["properties"].get("kind") == "admin1"
    }
    shown = []
    for label in layer(deck, "oblast-labels").data:
        lon, lat = label["position"]
        dx, dy = (lon - view.longitude) / px_lon, (lat - view.latitude) / px_lat
        half = OBLAST_CHAR_PX * len(label["name"]) / 2
        if abs(dx) - half > LABEL_VIEW_PX / 2 or abs(dy) > LABEL_VIEW_PX / 2:
            continue  # not in the view at all: nothing of it is cut there
        shown.append(label["name"])
        assert abs(dx) + half <= LABEL_VIEW_PX / 2, f"{label['name']} runs off the view"
        geometry = outlines[label["name"]]
        rings = (
            [geometry["coordinates"][0]] if geometry["type"] == "Polygon" else [p[0] for p in geometry["coordinates"]]
        )
        ends = [(lon + side * half * px_lon, lat) for side in (-1, 0, 1)]
        assert any(all(inside(end, ring) for end in ends) for ring in rings), f"{label['name']} leaves its oblast"
    assert "Kursk Oblast" in shown  # the oblast the map is about is named in its opening view
