"""URL state: every view is a link, and a link (or a briefing step) is read back into a view.

`parse_view` never raises: every missing, malformed or hostile value is dropped with a short notice and the
view falls back to a sensible default. Notices echo a value only in a defanged, shortened form, so they can
be shown as text anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd

from components.data.dataset import Dataset
from components.data.schema import CATEGORIES, CONFIDENCES, FORCES
from components.state.filters import Filters

PAGES = ("overview", "timeline", "forces", "map", "sources", "presenter")
METRIC_GROUPS = ("size", "losses")
DATE_PARAMS = {"from": "date_from", "to": "date_to", "asof": "as_of"}
LIST_PARAMS = {"cat": "categories", "claimant": "claimants", "conf": "confidences"}
SINGLE_PARAMS = ("page", "from", "to", "q", "asof", "event", "place", "force", "metric", "data", "step", "theme")
# The chart and page theme a link opens in (components/present/theme.py); light is the default, left out.
THEME_CHOICES = ("projector",)
PARAMS = SINGLE_PARAMS + tuple(LIST_PARAMS)
MAX_TEXT = 200
MAX_VALUES = 50
DATE_MIN = date(1990, 1, 1)
DATE_MAX = date(2100, 12, 31)
MAX_STEP = 9999
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"[0-9a-f]{8}")
_UNSAFE = re.compile(r"[^A-Za-z0-9 .:-]")

Params = Mapping[str, "str | list[str]"]


class Notice(str):
    """A notice that is also about one parameter (`key`), so the frame can tell which value it dropped."""

    key: str | None = None

    def __new__(cls, text: str, key: str | None = None) -> Notice:
        notice = super().__new__(cls, text)
        notice.key = key
        return notice


@dataclass(frozen=True)
class View:
    """Everything a shared link carries: page, filters, selection, chart choice, data stamp, step."""

    page: str = "overview"
    filters: Filters = field(default_factory=Filters)
    event: str | None = None
    place: str | None = None
    force: str | None = None
    metric: str | None = None
    data_stamp: str | None = None
    step: int | None = None
    theme: str | None = None


def echo(value: str) -> str:
    """A value as a notice may quote it: shortened, with anything but letters, digits and .:- replaced."""
    short = value if len(value) <= 30 else value[:30] + "..."
    return _UNSAFE.sub("?", short)


def parse_date(name: str, value: str) -> tuple[date | None, str | None]:
    """A `YYYY-MM-DD` date within the app's range, or None and the reason it was ignored."""
    if not _DATE.fullmatch(value):
        return None, f"Ignored {name}={echo(value)}: not a date in YYYY-MM-DD form."
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None, f"Ignored {name}={echo(value)}: not a real calendar date."
    if not DATE_MIN <= parsed <= DATE_MAX:
        return None, f"Ignored {name}={echo(value)}: outside {DATE_MIN.year}-{DATE_MAX.year}."
    return parsed, None


def known_claimants(ds: Dataset) -> tuple[str, ...]:
    """Every claimant named by an event or an estimate, sorted."""
    named = set(ds.events["claimants"].explode().dropna()) | set(ds.estimates["claimant"])
    return tuple(sorted(name for name in named if name))


def single_values(params: Params) -> tuple[dict[str, str], list[str]]:
    """The last value of each known single-valued parameter; notices for unknown, repeated and empty ones."""
    values, notices = {}, []
    for key, raw in params.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        if key not in PARAMS:
            notices.append(f"Ignored an unknown link parameter {echo(key)}.")
        elif key in LIST_PARAMS:
            continue
        elif not items or items[-1].strip() == "":
            notices.append(f"Ignored {key}: it was empty.")
        else:
            if len(items) > 1:
                notices.append(f"{key} was given {len(items)} times; used the last.")
            values[key] = items[-1].strip()
    return values, notices


def list_values(params: Params, key: str, allowed: tuple[str, ...], what: str) -> tuple[tuple[str, ...], list[str]]:
    """The known values of a repeatable parameter, in order, without repeats; a notice per unknown one."""
    raw = params.get(key, [])
    items = [raw] if isinstance(raw, str) else list(raw)
    chosen, notices = [], []
    for item in items[:MAX_VALUES]:
        if item in allowed and item not in chosen:
            chosen.append(item)
        elif item.strip() == "":
            notices.append(f"Ignored {key}: it was empty.")
        elif item not in allowed:
            notices.append(f"Ignored {key}={echo(item)}: not a known {what}.")
    if len(items) > MAX_VALUES:
        notices.append(f"Ignored {key} values after the first {MAX_VALUES}.")
    return tuple(chosen), notices


def parse_filters(params: Params, single: dict[str, str], ds: Dataset) -> tuple[Filters, list[str]]:
    """The filters a link asks for, and a notice for every value that was dropped or corrected."""
    found: dict[str, object] = {}
    notices: list[str] = []
    for key, name in DATE_PARAMS.items():
        if key in single:
            found[name], notice = parse_date(key, single[key])
            notices += [notice] if notice else []
    if found.get("date_from") and found.get("date_to") and found["date_from"] > found["date_to"]:
        found["date_from"], found["date_to"] = found["date_to"], found["date_from"]
        notices.append("from was after to; the two dates were swapped.")
    vocabularies = {"cat": (CATEGORIES, "category"), "conf": (CONFIDENCES, "confidence level")}
    vocabularies["claimant"] = (known_claimants(ds) if params.get("claimant") else (), "claimant")
    for key, name in LIST_PARAMS.items():
        allowed, what = vocabularies[key]
        found[name], list_notices = list_values(params, key, allowed, what)
        notices += list_notices
    text = single.get("q", "")
    if len(text) > MAX_TEXT:
        notices.append(f"The search text was {len(text)} characters long; only the first {MAX_TEXT} were kept.")
    found["text"] = text[:MAX_TEXT]
    return Filters(**found), notices


def parse_choice(single: dict[str, str], key: str, allowed: object, what: str) -> tuple[str | None, list[str]]:
    """A single value that must be one of `allowed` (a tuple of names, or a column of ids)."""
    value = single.get(key)
    if value is None:
        return None, []
    known = bool((allowed == value).any()) if isinstance(allowed, pd.Series) else value in allowed
    if known:
        return value, []
    return None, [Notice(f"Ignored {key}={echo(value)}: not a known {what}.", key)]


def parse_step(single: dict[str, str], ds: Dataset) -> tuple[int | None, list[str]]:
    """A step number that exists in the briefing."""
    value = single.get("step")
    if value is None:
        return None, []
    if not value.isdigit() or len(value) > 4:
        return None, [f"Ignored step={echo(value)}: not a step number."]
    steps = set(ds.briefing["step"].dropna().astype(int))
    if int(value) not in steps:
        return None, [f"Ignored step={echo(value)}: the briefing has no such step."]
    return int(value), []


def parse_stamp(single: dict[str, str], ds: Dataset) -> tuple[str | None, list[str]]:
    """The data stamp of a link; a notice when it was made on other data than the current tables."""
    value = single.get("data")
    if value is None:
        return None, []
    if not _STAMP.fullmatch(value):
        return None, [f"Ignored data={echo(value)}: not a data stamp."]
    if value != ds.fingerprint:
        return value, [f"This link was made on different data ({value}); showing current data."]
    return value, []


def parse_view(params: Params, ds: Dataset) -> tuple[View, list[str]]:
    """The view a link (or a briefing step) describes, with a short notice for every value ignored."""
    single, notices = single_values(params)
    filters, filter_notices = parse_filters(params, single, ds)
    page, page_notices = parse_choice(single, "page", PAGES, "page")
    event, event_notices = parse_choice(single, "event", ds.events["event_id"], "event")
    place, place_notices = parse_choice(single, "place", ds.locations["location_id"], "place")
    force, force_notices = parse_choice(single, "force", FORCES, "force")
    metric, metric_notices = parse_choice(single, "metric", METRIC_GROUPS, "metric (size or losses)")
    stamp, stamp_notices = parse_stamp(single, ds)
    step, step_notices = parse_step(single, ds)
    theme, theme_notices = parse_choice(single, "theme", THEME_CHOICES, "theme (projector)")
    notices += filter_notices + page_notices + event_notices + place_notices + force_notices
    notices += metric_notices + stamp_notices + step_notices + theme_notices
    view = View(page or "overview", filters, event, place, force, metric, stamp, step, theme)
    return view, notices


def parse_query(query: str, ds: Dataset) -> tuple[View, list[str]]:
    """A query string (`page=...&cat=...`, as in briefing.csv) read exactly as a link is read."""
    params = parse_qs(query.strip().lstrip("?"), keep_blank_values=True)
    return parse_view(params, ds)


def query_pairs(view: View) -> list[tuple[str, str | list[str]]]:
    """The view as URL parameters, in a stable order; defaults are left out."""
    f = view.filters
    pairs: list[tuple[str, str | list[str]]] = []
    single = {
        "page": view.page if view.page != "overview" else None,
        "from": f.date_from.isoformat() if f.date_from else None,
        "to": f.date_to.isoformat() if f.date_to else None,
        "q": f.text or None,
        "asof": f.as_of.isoformat() if f.as_of else None,
        "event": view.event,
        "place": view.place,
        "force": view.force,
        "metric": view.metric,
        "data": view.data_stamp,
        "step": str(view.step) if view.step is not None else None,
        "theme": view.theme,
    }
    lists = {"cat": f.categories, "claimant": f.claimants, "conf": f.confidences}
    for key in SINGLE_PARAMS:
        if single[key]:
            pairs.append((key, single[key]))
        if key == "to":
            pairs += [(name, list(values)) for name, values in lists.items() if values]
    return pairs


def view_query(view: View) -> str:
    """The view as a query string (repeatable parameters repeated), without a leading `?`."""
    return urlencode(query_pairs(view), doseq=True)


def share_link(base: str, view: View) -> str:
    """An absolute link to the view: the page's own path, the rest as query parameters."""
    path = "" if view.page == "overview" else view.page
    query = view_query(replace(view, page="overview"))
    if view.theme == "projector":  # Streamlit's own switch: the page itself opens in the dark theme
        query += "&embed_options=dark_theme"
    return f"{base.rstrip('/')}/{path}" + (f"?{query}" if query else "")


def app_base(url: str | None, page_path: str) -> str:
    """The app's root address from the browser's current address (the page's own path removed)."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"
