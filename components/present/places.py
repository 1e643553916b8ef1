"""The Kursk map: an offline context layer under the places where events happened.

No tile server is needed: oblast outlines, the border, rivers and towns come from `ds.geo`.
Tooltips use deck.gl's *text* mode (the browser sets `innerText`), so data is never parsed as HTML;
the one `{tooltip}` placeholder per layer means a value containing `{name}` cannot pull in another field.
"""

from __future__ import annotations

import json
import math
import re
import weakref
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components.present.labels import date_labels
from components.present.palette import CATEGORIES, category_color, hex_to_rgb
from components.present.theme import LIGHT, Theme, apply_theme, rgba

MAP_BBOX = (32.0, 49.5, 39.0, 53.5)  # lon_min, lat_min, lon_max, lat_max: the map's area
CREDITS = "Natural Earth (public domain); Place coordinates © GeoNames, CC BY 4.0"
MAX_PLACES = 500  # more places than this on the map are merged into grid cells: beyond, dots hide each other
MAX_CLUSTERS = 250  # the grid cell doubles from GRID_DEGREES until the merged marks are at most this many
GRID_DEGREES = 0.1
SAME_TOWN_KM = 5.0
TOOLTIP_EVENTS = 2
TOOLTIP_CHARS = 60
PLACE_LAYERS = ("places", "places-approx", "places-extent")
EXTENT_MIN_PX = 7  # an extent smaller than this at the zoom (1 km at the region view) stays clickable
METERS = "'meters'"
# Where the country names sit: inside each country, within the map's area.
COUNTRY_LABELS = ({"name": "RUSSIA", "position": [36.05, 51.05]}, {"name": "UKRAINE", "position": [34.75, 50.72]})
SCALE_STEPS_KM = (2, 5, 10, 20, 50, 100)

# pydeck turns bare string props into JavaScript accessors; a quoted string stays a literal.
PIXELS = "'pixels'"
SELECTED_ZOOM = 9.0
LABEL_VIEW_PX = 360  # oblast names stand whole within this much of the map's opening view (a phone's map)
OBLAST_CHAR_PX = 9  # a character of an oblast's name (15 px bold), generously
NAME_CHAR_PX = 7.2  # a character of a town's or country's name (15 px), for the room between names
NAME_LINE_PX = 18  # a line of names: two names this far apart in height do not touch
GRID_STEPS = 7  # an oblast's name is tried at (2 × 7 + 1)² points of the opening view


def tooltip(theme: Theme = LIGHT) -> dict:
    """deck.gl's text tooltip in the theme: short (the panel beside the map carries the detail)."""
    return {
        "text": "{tooltip}",
        "style": {
            "backgroundColor": theme.panel,
            "color": theme.text,
            "fontSize": "14px",
            "maxWidth": "260px",
            "border": f"1px solid {theme.muted}",
            "whiteSpace": "pre-wrap",
        },
    }


TOOLTIP = tooltip(LIGHT)
MIN_EXTENT_DEGREES = 2.5  # wide enough that Kursk city and the border stay in view
# With map_provider=None pydeck writes its default-style sentinel and Streamlit 1.67 draws no basemap;
# map_style=None instead would make Streamlit substitute an online CARTO basemap.
OFFLINE: dict = {"map_provider": None}
ONLINE_BASEMAP: dict = {"map_provider": "carto", "map_style": "light"}


COORD_DECIMALS = 5  # about a metre: finer digits only cost bytes on the wire


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON carries no indentation or spaces (pydeck indents by 2: twice the bytes).

    The JSON is written once and kept: a deck is built, then only drawn (and may be shared between
    sessions from a cache), so serialising it again on every rerun would only repeat the same work.
    """

    def to_json(self) -> str:
        """The deck spec as compact JSON; `st.pydeck_chart` sends exactly this string."""
        if self not in _WRITTEN:  # kept beside the deck: an attribute would be serialised with it
            _WRITTEN[self] = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        return _WRITTEN[self]


_WRITTEN: weakref.WeakKeyDictionary[CompactDeck, str] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class MapView:
    """Where the map opens: centre and zoom."""

    latitude: float
    longitude: float
    zoom: float

    @property
    def centre(self) -> tuple[float, float]:
        """(lon, lat), as positions on the map are written."""
        return self.longitude, self.latitude


def in_map_area(lat: float, lon: float) -> bool:
    """True when a point lies inside the map's area."""
    lon_min, lat_min, lon_max, lat_max = MAP_BBOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def in_map_area_mask(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """`in_map_area` for whole columns (missing coordinates are outside)."""
    lon_min, lat_min, lon_max, lat_max = MAP_BBOX
    return lat.astype("float64").between(lat_min, lat_max) & lon.astype("float64").between(lon_min, lon_max)


def short(text: object, limit: int = TOOLTIP_CHARS) -> str:
    """Plain text cut to a tooltip-friendly length."""
    value = "" if text is None else str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def event_places(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, location) pair: event_id, location_id, category, title, date."""
    cols = ["event_id", "location_ids", "category", "title", "date", "date_precision"]
    pairs = events.reindex(columns=cols).explode("location_ids")
    pairs = pairs.rename(columns={"location_ids": "location_id"})
    return pairs[pairs["location_id"].notna() & (pairs["location_id"] != "")]


def dominant_categories(pairs: pd.DataFrame) -> pd.Series:
    """Per location, its most frequent category; ties go to the earlier category in palette order."""
    counts = pairs.groupby(["location_id", "category"]).size().rename("n").reset_index()
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    counts["rank"] = counts["category"].map(rank).fillna(len(rank))
    counts = counts.sort_values(["location_id", "n", "rank", "category"], ascending=[True, False, True, True])
    return counts.drop_duplicates("location_id").set_index("location_id")["category"]


def event_lines(pairs: pd.DataFrame) -> pd.Series:
    """Per location, the newest events as plain-text tooltip lines (capped, with 'and N more')."""
    newest = pairs.sort_values("date", ascending=False, kind="stable")
    top = newest.groupby("location_id", sort=False).head(TOOLTIP_EVENTS)
    labels = date_labels(top["date"], top["date_precision"])
    lines = [f"• {d}: {short(t)}" for d, t in zip(labels, top["title"], strict=True)]
    text = pd.Series(lines, index=top.index).groupby(top["location_id"], sort=False).agg("\n".join)
    counts = pairs.groupby("location_id").size()
    more = (counts - TOOLTIP_EVENTS).clip(lower=0)
    suffix = more.map(lambda n: f"\n… and {n} more (click the place)" if n else "")
    return text + suffix.reindex(text.index)


def region_ids(locations: pd.DataFrame, geo: dict | None) -> set[str]:
    """Locations that stand for a whole oblast of the geo layer ("somewhere in Kursk Oblast")."""
    oblasts = set()
    for feature in features_of(geo or {}, "admin1"):
        name = str(feature["properties"].get("name", ""))
        oblasts |= name_keys(name, name.replace("Oblast", "Region"), name.replace("Oblast", "region"))
    areas = locations[locations.get("precision", pd.Series("", index=locations.index)) == "area"]
    return {r.location_id for r in areas.itertuples() if name_keys(r.name) & oblasts}


def place_summaries(locations: pd.DataFrame, events: pd.DataFrame, geo: dict | None = None) -> pd.DataFrame:
    """Each location with at least one event: count, dominant category, tooltip, on_map.

    A location outside the map's area, or one standing for a whole oblast, is not on the map.
    """
    pairs = event_places(events)
    pairs = pairs[pairs["location_id"].isin(locations["location_id"])]
    columns = ["location_id", "name", "lat", "lon", "precision", "radius_km", "count", "category", "tooltip", "on_map"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    counts = pairs.groupby("location_id").size()
    places = locations.drop_duplicates("location_id").set_index("location_id").loc[counts.index]
    summary = pd.DataFrame(
        {
            "location_id": counts.index,
            "name": places["name"].to_numpy(),
            "lat": places["lat"].astype("float64").to_numpy(),
            "lon": places["lon"].astype("float64").to_numpy(),
            "precision": places.get("precision", pd.Series("exact", index=places.index))
            .replace("", "exact")
            .to_numpy(),
            "radius_km": pd.to_numeric(places.get("radius_km", pd.Series(float("nan"), index=places.index)))
            .astype("float64")
            .to_numpy(),
            "count": counts.to_numpy(),
            "category": dominant_categories(pairs).reindex(counts.index).to_numpy(),
        }
    )
    heading = [
        f"{short(n)}{'' if p == 'exact' else f' ({p} location)'}\n{c} event{'s' if c != 1 else ''}:"
        for n, p, c in zip(summary["name"], summary["precision"], summary["count"], strict=True)
    ]
    summary["tooltip"] = [h + "\n" + t for h, t in zip(heading, event_lines(pairs).reindex(counts.index), strict=True)]
    regions = region_ids(locations, geo)
    summary["on_map"] = [
        in_map_area(la, lo) and lid not in regions
        for la, lo, lid in zip(summary["lat"], summary["lon"], summary["location_id"], strict=True)
    ]
    return summary[columns]


def features_of(geo: dict, kind: str) -> list[dict]:
    """The geo features of one kind (admin1, border, river, place)."""
    return [f for f in geo.get("features", []) if f.get("properties", {}).get("kind") == kind]


def name_keys(*names: object) -> set[str]:
    """Comparable spellings: case-folded, parenthesised qualifiers and apostrophes removed."""
    keys = set()
    flat = [n for name in names for n in (name if isinstance(name, tuple | list) else [name])]
    for name in flat:
        for part in str(name or "").split(";"):
            key = re.sub(r"\(.*?\)", "", part).replace("'", "").replace("’", "").strip().casefold()
            if key:
                keys.add(key)
    return keys


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Approximate ground distance (equirectangular; fine at a few km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _town_key(feature: dict) -> set[str]:
    """All the names a geo town is known by."""
    props = feature.get("properties", {})
    return name_keys(*(props.get(k) for k in ("name", "ne_name", "name_ru", "gn_name")))


def duplicate_towns(geo: dict, places: pd.DataFrame) -> set[int]:
    """Indexes (in the town list) of geo towns that are also drawn as event places."""
    towns = features_of(geo, "place")
    keyed = [(set(name_keys(r.name, r.alt_names)), r.lat, r.lon) for r in places.itertuples()]
    dropped = set()
    for i, town in enumerate(towns):
        lon, lat = town["geometry"]["coordinates"][:2]
        names = _town_key(town)
        if any(names & keys and distance_km(lat, lon, la, lo) <= SAME_TOWN_KM for keys, la, lo in keyed):
            dropped.add(i)
    return dropped


def town_points(geo: dict, drop: set[int]) -> list[dict]:
    """Context towns still drawn as dots: name and position."""
    towns = features_of(geo, "place")
    return [
        {"name": short(t["properties"]["name"], 40), "position": t["geometry"]["coordinates"][:2]}
        for i, t in enumerate(towns)
        if i not in drop
    ]


def _collection(features: list[dict], theme: Theme = LIGHT) -> dict:
    """A FeatureCollection carrying only geometry and name, the fields drawn."""
    slim = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {
                "name": f["properties"].get("name", ""),
                "fill": rgba(theme.land.get(f["properties"].get("country"), theme.land["other"])),
            },
        }
        for f in features
    ]
    return {"type": "FeatureCollection", "features": slim}


def _line_layer(geo: dict, kind: str, layer_id: str, color: list[int], width: float) -> pdk.Layer:
    """The context's features of one kind drawn as lines only (rivers, the border)."""
    return pdk.Layer(
        "GeoJsonLayer",
        _collection(features_of(geo, kind)),
        id=layer_id,
        get_line_color=color,
        line_width_min_pixels=width,
        pickable=False,
    )


def context_layers(geo: dict, drop: set[int], basemap: bool = False, theme: Theme = LIGHT) -> list[pdk.Layer]:
    """Oblast outlines, rivers, the border and town dots: the offline context (filled lightly over a basemap)."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            _collection(features_of(geo, "admin1"), theme),
            id="oblasts",
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            opacity=0.25 if basemap else 1.0,
            get_line_color=rgba(theme.muted, 200),
            line_width_min_pixels=1,
            pickable=False,
        ),
        _line_layer(geo, "river", "rivers", rgba(theme.river), 1.5),
        _line_layer(geo, "border", "border", rgba(theme.border), 2.5),
        pdk.Layer(
            "ScatterplotLayer",
            town_points(geo, drop),
            id="towns",
            get_position="position",
            get_fill_color=rgba(theme.muted),
            radius_units=PIXELS,
            get_radius=3,
            pickable=False,
        ),
    ]


def inside(point: tuple[float, float], ring: list) -> bool:
    """Whether (lon, lat) lies inside a polygon's ring (even-odd ray casting)."""
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def px_span(view: MapView) -> float:
    """Degrees of longitude one pixel spans at the view's zoom (deck.gl's web mercator: 512 px at zoom 0)."""
    return 360.0 / (512 * 2**view.zoom)


def ring_reaches(ring: list, lon_range: tuple[float, float]) -> bool:
    """Whether a ring's longitudes overlap `lon_range` (a cheap test before casting rays)."""
    lons = [p[0] for p in ring]
    return min(lons) <= lon_range[1] and max(lons) >= lon_range[0]


def outer_rings(geometry: dict) -> list[list]:
    """The outer ring of each polygon of a Polygon or MultiPolygon geometry."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def clearance(point: tuple[float, float], half_name: float, others: list[dict], px: tuple[float, float]) -> float:
    """Pixels between a name `half_name` pixels either side of `point` and the nearest of the `others` names
    (across plus up or down, 0 where they touch); `px` is a pixel's (longitude, latitude) in degrees."""
    return min(
        (
            max(abs(o["position"][0] - point[0]) / px[0] - half_name - NAME_CHAR_PX * len(o["name"]) / 2, 0)
            + max(abs(o["position"][1] - point[1]) / px[1] - NAME_LINE_PX, 0)
            for o in others
        ),
        default=float(LABEL_VIEW_PX),
    )


def view_label_point(feature: dict, view: MapView, others: list[dict]) -> list[float] | None:
    """Where an oblast's name stands in the view the map opens on: inside the oblast, whole within a map
    `LABEL_VIEW_PX` wide, as far as can be from the other names (`others`: towns, countries); None if no
    such point exists (the oblast barely shows in the view, or its name is wider than the view)."""
    px_lon = px_span(view)
    px = (px_lon, px_lon * math.cos(math.radians(view.latitude)))  # a pixel in degrees of longitude, latitude
    half_name, half_view = OBLAST_CHAR_PX * len(feature["properties"]["name"]) / 2, LABEL_VIEW_PX / 2
    view_lons = (view.longitude - LABEL_VIEW_PX * px_lon, view.longitude + LABEL_VIEW_PX * px_lon)
    outlines = [[p[:2] for p in ring] for ring in outer_rings(feature["geometry"]) if ring_reaches(ring, view_lons)]
    across, down = half_view - half_name - 8, half_view - 24  # how far from the centre a name's middle may go
    if not outlines or across <= 0:
        return None
    best, best_room = None, 0.0
    for gx in range(-GRID_STEPS, GRID_STEPS + 1):
        for gy in range(-GRID_STEPS, GRID_STEPS + 1):
            point = (view.longitude + gx / GRID_STEPS * across * px[0], view.latitude - gy / GRID_STEPS * down * px[1])
            ends = [(point[0] + side * half_name * px[0], point[1]) for side in (-1, 0, 1)]
            if not any(all(inside(end, ring) for end in ends) for ring in outlines):  # the whole name inside
                continue
            room = clearance(point, half_name, others, px)
            if best is None or room > best_room:
                best, best_room = [point[0], point[1]], room
    return best


def _label_point(feature: dict) -> list[float]:
    """A point inside the map's area to hang an oblast's name on (mean of its outline)."""
    ring = max(outer_rings(feature["geometry"]), key=len)
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    lon_min, lat_min, lon_max, lat_max = MAP_BBOX
    return [min(max(lon, lon_min + 0.6), lon_max - 0.6), min(max(lat, lat_min + 0.2), lat_max - 0.2)]


def _label(
    theme: Theme, points: list[dict], layer_id: str, text: str, size: int, color: list[int], **style
) -> pdk.Layer:
    """Words on the map: each point's `text` at its `position`, not clickable.

    Outlined in the background colour (SDF fonts), so a label reads over lines and fills in either theme.
    """
    return pdk.Layer(
        "TextLayer",
        points,
        id=layer_id,
        get_position="position",
        get_text=text,
        get_size=size,
        get_color=color,
        font_settings={"sdf": True},
        outline_width=4,
        outline_color=rgba(theme.background, 235),
        pickable=False,
        **style,
    )


def label_layers(
    geo: dict, drop: set[int], places: pd.DataFrame, theme: Theme = LIGHT, view: MapView | None = None
) -> list[pdk.Layer]:
    """Town, oblast and country names; town names are collision-filtered, so they stay legible at every zoom.

    A town also drawn as an event place is labelled at the place, and wins a collision over a bare town.
    """
    towns = town_points(geo, drop)
    dropped = [features_of(geo, "place")[i]["properties"]["name"] for i in sorted(drop)]
    for name in dropped:
        keys = name_keys(name)
        match = next((r for r in places.itertuples() if keys & name_keys(r.name, r.alt_names)), None)
        if match is not None:
            towns.append({"name": short(name, 40), "position": [match.lon, match.lat], "priority": 10})
    oblasts = [{"name": f["properties"]["name"], "position": _label_point(f)} for f in features_of(geo, "admin1")]
    if view is not None:  # in the view the map opens on, each name stands whole, clear of the others
        others = [*towns, *COUNTRY_LABELS]
        features = features_of(geo, "admin1")
        nearest = sorted(range(len(features)), key=lambda i: math.dist(oblasts[i]["position"], view.centre))
        for i in nearest:  # the oblast the map is about first
            at = view_label_point(features[i], view, others)
            if at is not None:
                oblasts[i] = oblasts[i] | {"position": at}
                others.append(oblasts[i])
    font = {"character_set": "'auto'", "font_family": "'Source Sans Pro, Helvetica, Arial, sans-serif'"}
    return [
        _label(theme, oblasts, "oblast-labels", "name", 15, rgba(theme.muted), font_weight="'bold'", **font),
        _label(
            theme, list(COUNTRY_LABELS), "country-labels", "name", 20, rgba(theme.muted), font_weight="'bold'", **font
        ),
        _label(
            theme,
            [{**t, "priority": t.get("priority", 0)} for t in towns],
            "town-labels",
            "name",
            15,
            rgba(theme.text),
            # deck.gl hides the lower-priority label of two that would overlap, recomputed at every zoom. A pixel
            # offset moves a label off its own hit test and hides them all (deck.gl issue #8104): no offset.
            extensions=[{"@@type": "CollisionFilterExtension"}],
            collision_enabled=True,
            get_collision_priority="priority",
            collision_test_props={"sizeScale": 1.2},
            **font,
        ),
    ]


def _radius(count: int) -> float:
    """Marker radius in pixels: grows with the square root of the event count, capped."""
    return min(6.0 + 3.0 * math.sqrt(count), 28.0)


def place_points(summary: pd.DataFrame, theme: Theme = LIGHT) -> tuple[list[dict], list[dict], list[dict]]:
    """Layer rows for exact places (dots), approximate places without a radius (rings) and extents to scale.

    An approximate or area place with `radius_km` is drawn as a disc of that radius in metres. Imprecise
    places without one that share a point become concentric rings, smallest on top, so each can be clicked.
    """
    ordered = summary.sort_values(["count", "location_id"], ascending=[False, True], kind="stable")
    exact, vague, extents, stacked = [], [], [], {}
    busiest = max(int(ordered["count"].max()), 1) if len(ordered) else 1
    radii = ordered["radius_km"] if "radius_km" in ordered else pd.Series(float("nan"), index=ordered.index)
    for row, radius_km in zip(ordered.itertuples(), radii, strict=True):
        rgb = list(hex_to_rgb(category_color(row.category, theme=theme.name)))
        position = [round(row.lon, COORD_DECIMALS), round(row.lat, COORD_DECIMALS)]
        point = {"location_id": row.location_id, "tooltip": row.tooltip, "position": position, "name": row.name}
        if row.precision == "exact":
            exact.append({**point, "color": rgb + [240], "radius": _radius(row.count)})
            continue
        if row.precision == "cluster":  # sized against the busiest cell, small enough to leave neighbours visible
            radius = 8.0 + 10.0 * math.sqrt(row.count / busiest)
            vague.append({**point, "color": rgb + [110], "ring": rgb + [255], "radius": round(radius, 1)})
            continue
        if pd.notna(radius_km) and radius_km > 0:
            extents.append({**point, "color": rgb + [40], "ring": rgb + [255], "radius_m": float(radius_km) * 1000})
            continue
        spot = (round(row.lon, 4), round(row.lat, 4))
        stacked[spot] = stacked.get(spot, -1) + 1
        radius = _radius(row.count) + 8 + 9 * stacked[spot]
        vague.append({**point, "color": rgb + [45], "ring": rgb + [255], "radius": radius})
    vague.sort(key=lambda p: -p["radius"])
    return exact, vague, stack_extents(extents)


def stack_extents(extents: list[dict]) -> list[dict]:
    """Extents in drawing order: the smallest on top, so each stays clickable; of identical discs the busiest.

    `extents` come busiest first. Places that share one point and one radius (villages known only to lie
    near a town) are one disc on screen: each one's tooltip names the others, which the places table lists.
    """
    discs: dict[tuple, list[str]] = {}
    for mark in extents:
        discs.setdefault((tuple(mark["position"]), mark["radius_m"]), []).append(short(mark["name"]))
    marked = []
    for mark in extents:
        names = discs[(tuple(mark["position"]), mark["radius_m"])]
        others = [n for n in names if n != short(mark["name"])]
        tip = mark["tooltip"] + (f"\nSame disc as: {', '.join(others)} (see the places table)" if others else "")
        marked.append({**mark, "tooltip": tip})
    order = {id(m): i for i, m in enumerate(marked)}
    return sorted(marked, key=lambda m: (-m["radius_m"], -order[id(m)]))


def _marks(points: list[dict], layer_id: str, line_color: str | list[int], line_width: float, **radius) -> pdk.Layer:
    """Event places as clickable discs in their category colour, outlined; `radius` says how big each one is."""
    return pdk.Layer(
        "ScatterplotLayer",
        points,
        id=layer_id,
        get_position="position",
        get_fill_color="color",
        get_line_color=line_color,
        line_width_min_pixels=line_width,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
        **radius,
    )


def place_layers(summary: pd.DataFrame, selected: str | None, theme: Theme = LIGHT) -> list[pdk.Layer]:
    """Event places: extents to scale, rings for imprecise places without a radius, dots; the selected place ringed."""
    exact, vague, extents = place_points(summary, theme)
    pixels = {"get_radius": "radius", "radius_units": PIXELS}
    layers = [
        _marks(
            extents,
            "places-extent",
            "ring",
            2.5,
            get_radius="radius_m",
            radius_units=METERS,
            radius_min_pixels=EXTENT_MIN_PX,
        ),
        _marks(vague, "places-approx", "ring", 3, **pixels),
        _marks(exact, "places", rgba(theme.outline), 1.5, **pixels),
    ]
    chosen = [p for p in exact + vague + extents if selected and p["location_id"] == selected]
    return layers + (selected_layers(chosen, theme) if chosen else [])


def selected_layers(marks: list[dict], theme: Theme = LIGHT) -> list[pdk.Layer]:
    """A thick ring in the highlight colour round the selected place, and its name beside it."""
    ring = [{"position": m["position"], "radius": m.get("radius", 10) + 8, "name": m["name"]} for m in marks]
    return [
        pdk.Layer(
            "ScatterplotLayer",
            ring,
            id="selected",
            get_position="position",
            get_radius="radius",
            radius_units=PIXELS,
            stroked=True,
            filled=False,
            get_line_color=rgba(theme.highlight),
            line_width_min_pixels=4,
            pickable=False,
        ),
        _label(
            theme,
            ring,
            "selected-label",
            "name",
            18,
            rgba(theme.highlight),
            font_weight="'bold'",
            get_pixel_offset=[0, 30],
            character_set="'auto'",
        ),
    ]


def scale_length_km(zoom: float, latitude: float) -> int:
    """A round scale-bar length about a fifth of the map's width at this zoom."""
    km_per_px = 40075.0 * math.cos(math.radians(latitude)) / (512 * 2**zoom)
    target = km_per_px * 100  # about 100 px long
    return max([k for k in SCALE_STEPS_KM if k <= target] or [SCALE_STEPS_KM[0]])


def scale_bar_layers(view: MapView, theme: Theme = LIGHT) -> list[pdk.Layer]:
    """A scale bar drawn on the ground (a path of that many km) near the lower left of the opening view."""
    km = scale_length_km(view.zoom, view.latitude)
    degrees_per_px = 360.0 / (512 * 2**view.zoom)
    # About 150 px left of and 210 px below the centre: inside the map even on a phone.
    lon0 = view.longitude - degrees_per_px * 150
    lat0 = view.latitude - degrees_per_px * 210 * math.cos(math.radians(view.latitude))
    lon1 = lon0 + km / (111.32 * math.cos(math.radians(lat0)))
    bar = [{"path": [[round(lon0, 5), round(lat0, 5)], [round(lon1, 5), round(lat0, 5)]], "km": km}]
    label = [{"position": [round((lon0 + lon1) / 2, 5), round(lat0, 5)], "text": f"{km} km"}]
    return [
        pdk.Layer(
            "PathLayer",
            bar,
            id="scale-bar",
            get_path="path",
            get_color=rgba(theme.text),
            get_width=5,
            width_units=PIXELS,
            cap_rounded=False,
            pickable=False,
        ),
        _label(theme, label, "scale-label", "text", 15, rgba(theme.text), get_pixel_offset=[0, -14]),
    ]


def _grid_keys(summary: pd.DataFrame, cell: float) -> pd.DataFrame:
    """The grid cell (column, row) of each place for a cell size in degrees."""
    return pd.DataFrame({"gx": (summary["lon"] / cell).round(), "gy": (summary["lat"] / cell).round()})


def cluster_cell(summary: pd.DataFrame, max_clusters: int = MAX_CLUSTERS) -> float:
    """The finest grid cell (GRID_DEGREES, doubling) that merges the places into at most `max_clusters` marks."""
    cell = GRID_DEGREES
    while cell < 3.2 and len(_grid_keys(summary, cell).drop_duplicates()) > max_clusters:
        cell *= 2
    return cell


def cluster_places(summary: pd.DataFrame, cell: float = GRID_DEGREES) -> pd.DataFrame:
    """Places merged per grid cell when too many to draw: counts summed, not selectable.

    A cell holding a single place keeps that place as it is (its own tooltip, clickable).
    """
    keyed = pd.concat([summary, _grid_keys(summary, cell)], axis=1)
    keyed = keyed.sort_values("count", ascending=False, kind="stable")
    size = keyed.groupby(["gx", "gy"], sort=False)["location_id"].transform("size")
    grouped = keyed[size > 1].groupby(["gx", "gy"], sort=False)
    clusters = grouped.agg(
        lat=("lat", "mean"),
        lon=("lon", "mean"),
        count=("count", "sum"),
        places=("location_id", "size"),
        category=("category", "first"),
        name=("name", "first"),
    ).reset_index(drop=True)
    clusters["location_id"] = ""
    clusters["precision"] = "cluster"
    clusters["tooltip"] = [
        f"{p} places around {short(n, 40)}\n{c} events — narrow the filters or use the places table"
        for p, n, c in zip(clusters["places"], clusters["name"], clusters["count"], strict=True)
    ]
    singles = keyed[size == 1].drop(columns=["gx", "gy"])
    return pd.concat([singles, clusters], ignore_index=True) if len(singles) else clusters


def map_note(summary: pd.DataFrame, max_places: int = MAX_PLACES) -> str | None:
    """The note shown when places are merged into grid cells, else None."""
    on_map = int(summary["on_map"].sum()) if len(summary) else 0
    if on_map <= max_places:
        return None
    cell = cluster_cell(summary[summary["on_map"]])
    return (
        f"{on_map:,} places merged into {cell:g}° grid cells (tinted circles, larger with more events; hover for the "
        "count) so the map stays readable — narrow the filters, or use the places table, to see each place"
    )


def map_view(summary: pd.DataFrame, selected: str | None = None) -> MapView:
    """Open on the selected place, else fit the places drawn (keeping some context), else on Kursk Oblast."""
    mapped = summary[summary["on_map"]] if len(summary) else summary
    chosen = mapped[mapped["location_id"] == selected] if selected else mapped.iloc[0:0]
    if len(chosen):
        return MapView(float(chosen["lat"].iloc[0]), float(chosen["lon"].iloc[0]), SELECTED_ZOOM)
    if mapped.empty:
        return MapView(51.45, 35.9, 6.6)
    lat_span = float(mapped["lat"].max() - mapped["lat"].min()) / math.cos(math.radians(51.5))
    lon_span = float(mapped["lon"].max() - mapped["lon"].min())
    extent = max(lat_span * 1.6, lon_span, MIN_EXTENT_DEGREES) * 1.2
    # deck.gl: 512 px span 360 degrees at zoom 0; assume a map about 700 px wide.
    zoom = min(max(math.log2(700 * 360 / (512 * extent)), 5.8), 8.0)
    centre_lat = float(mapped["lat"].max() + mapped["lat"].min()) / 2
    centre_lon = float(mapped["lon"].max() + mapped["lon"].min()) / 2
    return MapView(centre_lat, centre_lon, round(zoom, 2))


def map_alt(summary: pd.DataFrame, away: int) -> str:
    """A sentence describing the map for screen readers (`away`: events listed beside it)."""
    mapped = summary[summary["on_map"]] if len(summary) else summary
    if mapped.empty:
        return f"Map of the Kursk border region with no event places for these filters; {away} events listed elsewhere."
    busiest = mapped.sort_values("count", ascending=False).iloc[0]
    vague = int((mapped["precision"] != "exact").sum())
    return (
        f"Map of the Kursk border region: {len(mapped)} places with {int(mapped['count'].sum())} event mentions, "
        f"most at {busiest['name']} ({busiest['count']}); {vague} of them only approximately located (rings); "
        f"{away} events outside the map or region-wide are listed beside it."
    )


def places_deck(
    locations: pd.DataFrame,
    events: pd.DataFrame,
    geo: dict,
    selected: str | None = None,
    basemap: bool = False,
    max_places: int = MAX_PLACES,
    summary: pd.DataFrame | None = None,
    theme: Theme = LIGHT,
) -> pdk.Deck:
    """The map: offline context layer, then event places; no tile server unless `basemap`.

    A `selected` place (from a link) gets a ring and the view opens on it. The map page passes no selection
    for a place clicked on the map: the browser already highlights the clicked mark, and an unchanged spec
    lets Streamlit send a reference to the deck it holds instead of the whole deck again.
    Pass `summary` (from `place_summaries`) to reuse one already computed.
    """
    summary = place_summaries(locations, events, geo) if summary is None else summary
    mapped = summary[summary["on_map"]] if len(summary) else summary
    shown = locations[locations["location_id"].isin(mapped["location_id"])]
    drop = duplicate_towns(geo, shown)
    points = cluster_places(mapped, cluster_cell(mapped)) if map_note(summary, max_places) else mapped
    view = map_view(summary, selected)
    # Labels go on top: they are not pickable, so clicks still reach the places beneath.
    layers = context_layers(geo, drop, basemap, theme) + place_layers(points, selected, theme)
    layers += label_layers(geo, drop, shown, theme, view) + scale_bar_layers(view, theme)
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom),
        tooltip=tooltip(theme),
        **(ONLINE_BASEMAP if basemap else OFFLINE),
    )


def elsewhere_events(locations: pd.DataFrame, events: pd.DataFrame, geo: dict | None = None) -> pd.DataFrame:
    """Events with a place not on the map (outside its area, or a whole oblast), or no place at all."""
    pairs = event_places(events).merge(
        locations.reindex(columns=["location_id", "name", "lat", "lon"]), on="location_id", how="left"
    )
    regions = region_ids(locations, geo)
    pairs.loc[pairs["location_id"].isin(regions), "name"] = pairs["name"] + " (region-wide)"
    outside = pairs[~in_map_area_mask(pairs["lat"], pairs["lon"]) | pairs["location_id"].isin(regions)]
    names: dict[str, set[str]] = {}
    for event_id, name in zip(outside["event_id"], outside["name"].fillna(""), strict=True):
        names.setdefault(event_id, set()).add(name)
    where = pd.Series({event_id: "; ".join(sorted(found)) for event_id, found in names.items()}, dtype=object)
    no_place = events["location_ids"].map(lambda ids: len(ids) == 0 if not isinstance(ids, str) else ids == "")
    listed = events[events["event_id"].isin(where.index) | no_place].copy()
    listed["where"] = listed["event_id"].map(where).fillna("no place named")
    listed = listed.sort_values("date", kind="stable")
    return pd.DataFrame(
        {
            "event_id": listed["event_id"],
            "date": date_labels(listed["date"], listed["date_precision"]).to_numpy(),
            "title": listed["title"],
            "where": listed["where"],
        }
    ).reset_index(drop=True)


def places_table(summary: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """The map as a table: every place with events, its precision, position and event count."""
    admin = locations.drop_duplicates("location_id").set_index("location_id")["admin"] if "admin" in locations else {}
    return (
        pd.DataFrame(
            {
                "place": summary["name"],
                "admin": summary["location_id"].map(admin).fillna("") if len(admin) else "",
                "precision": summary["precision"],
                "lat": summary["lat"].astype("float64").round(4),
                "lon": summary["lon"].astype("float64").round(4),
                "events": summary["count"],
                "main category": summary["category"],
                "on map": summary["on_map"].map({True: "yes", False: "no — listed as elsewhere"}),
                "id": summary["location_id"],
            }
        )
        .sort_values(["events", "place"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def selected_location_id(state: object) -> str | None:
    """The location id of the clicked place in a pydeck selection state, if any."""
    selection = state.get("selection", {}) if isinstance(state, dict) else {}
    objects = selection.get("objects", {}) if isinstance(selection, dict) else {}
    for layer in PLACE_LAYERS:
        for obj in objects.get(layer, []):
            if isinstance(obj, dict) and obj.get("location_id"):
                return str(obj["location_id"])
    return None


def legend_entries(summary: pd.DataFrame, theme: Theme = LIGHT) -> list[tuple[str, str, str]]:
    """(label, plotly symbol, colour) of every kind of mark the map draws: categories, precision, border, scale."""
    mapped = summary[summary["on_map"]] if len(summary) else summary
    present = [c for c in CATEGORIES if c in set(mapped.get("category", []))]
    entries = [(f"{c} (main category of a place)", "circle", category_color(c, theme=theme.name)) for c in present]
    return entries + [
        ("exact place: dot, larger with more events", "circle", theme.muted),
        ("approximate place: its extent, to scale", "circle-open", theme.muted),
        ("selected place: thick ring and name", "circle-open", theme.highlight),
        ("Russia–Ukraine border", "line-ew", theme.border),
        ("scale bar: km on the ground", "line-ew", theme.text),
    ]


def legend_figure(summary: pd.DataFrame, theme: Theme = LIGHT) -> go.Figure:
    """The map's legend as a small plotly figure beside the map (deck.gl widgets are not available)."""
    entries = legend_entries(summary, theme)
    fig = go.Figure(
        go.Scatter(
            x=[0] * len(entries),
            y=list(range(len(entries))),
            mode="markers+text",
            text=[f"  {label}" for label, _, _ in entries],
            textposition="middle right",
            marker={
                "symbol": [symbol for _, symbol, _ in entries],
                "color": [color for _, _, color in entries],
                "size": 16,
                "line": {"width": 3, "color": [color for _, _, color in entries]},
            },
            hoverinfo="skip",
        )
    )
    apply_theme(fig, theme)
    fig.update_xaxes(visible=False, range=[-0.3, 4])
    fig.update_yaxes(visible=False, range=[len(entries) - 0.5, -0.5])
    fig.update_layout(height=30 * len(entries) + 20, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False)
    return fig
