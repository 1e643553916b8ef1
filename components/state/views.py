"""URL state: every view is a link, and a link (or a briefing step) is read back into a view.

`parse_view` never raises: every missing, malformed or hostile value is dropped with a short notice and the
view falls back to a sensible default. Notices echo a value only in a defanged, shortened form, so they can
be shown as text anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd

from components.data.dataset import Dataset
from components.state.filters import Filters
from components.state.registry import (
    DEFAULT_PAGE,
    FILTER_PARAMS,
    MAX_STEP_DIGITS,
    MAX_TEXT,
    MAX_VALUES,
    PARAMS,
    Param,
    echo,
    filter_field,
    param,
)

_STAMP = re.compile(r"[0-9a-f]{8}")

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
    """Everything a shared link carries: page, filters, selection, chart choice, data stamp, step.

    `extra` holds the registry's parameters that have no field yet, as (name, value) pairs in registry order.
    """

    page: str = DEFAULT_PAGE
    filters: Filters = field(default_factory=Filters)
    event: str | None = None
    place: str | None = None
    force: str | None = None
    metric: str | None = None
    data_stamp: str | None = None
    step: int | None = None
    extra: tuple[tuple[str, object], ...] = ()

    def get(self, name: str) -> object:
        """A parameter's parsed value by its URL name (None when the link does not set it)."""
        target = param(name).target
        if target is None:
            return dict(self.extra).get(name)
        if target.startswith("filters."):
            return getattr(self.filters, target.removeprefix("filters."))
        return getattr(self, target)


def known_claimants(ds: Dataset) -> tuple[str, ...]:
    """Every claimant named by an event or an estimate, sorted (worked out once per dataset)."""
    return ds.derived(_claimants)


def _claimants(ds: Dataset) -> tuple[str, ...]:
    named = set(ds.events["claimants"].explode().dropna()) | set(ds.estimates["claimant"])
    return tuple(sorted(name for name in named if name))


def as_list(raw: str | list[str]) -> list[str]:
    """A parameter's values as a list (a mapping may hold a single string)."""
    return [raw] if isinstance(raw, str) else list(raw)


def single_values(params: Params) -> tuple[dict[str, str], list[str]]:
    """The last value of each known single-valued parameter; notices for unknown, repeated and empty ones."""
    values, notices = {}, []
    known = {p.name: p for p in PARAMS}
    for key, raw in params.items():
        items = as_list(raw)
        if key not in known:
            notices.append(f"Ignored an unknown link parameter {echo(key)}.")
        elif known[key].repeatable:
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
    items = as_list(params.get(key, []))
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


def vocabulary(p: Param, params: Params, ds: Dataset) -> tuple[str, ...]:
    """The values a repeatable parameter may take: its declared choices, or (claimant) the data's."""
    if p.choices:
        return p.choices
    return known_claimants(ds) if params.get(p.name) else ()


def judgment_ids(ds: Dataset) -> tuple[str, ...]:
    """The ids of the recorded key judgments (none when the data has no judgments table)."""
    return ds.derived(_judgment_ids)


def _judgment_ids(ds: Dataset) -> tuple[str, ...]:
    table = ds.tables.get("judgments")
    return () if table is None else tuple(table["judgment_id"].astype(str))


def parse_filters(params: Params, single: dict[str, str], ds: Dataset) -> tuple[Filters, list[str]]:
    """The filters a link asks for, and a notice for every value that was dropped or corrected."""
    found: dict[str, object] = {}
    notices: list[str] = []
    for p in FILTER_PARAMS:
        if p.kind == "date" and p.name in single:
            found[filter_field(p)], notice = p.parse(single[p.name])
            notices += [notice] if notice else []
        elif p.kind == "list":
            found[filter_field(p)], list_notices = list_values(params, p.name, vocabulary(p, params, ds), p.what)
            notices += list_notices
    if found.get("date_from") and found.get("date_to") and found["date_from"] > found["date_to"]:
        found["date_from"], found["date_to"] = found["date_to"], found["date_from"]
        notices.append("from was after to; the two dates were swapped.")
    text = single.get("q", "")
    if len(text) > MAX_TEXT:
        notices.append(f"The search text was {len(text)} characters long; only the first {MAX_TEXT} were kept.")
    found["text"] = text[:MAX_TEXT]
    judgment, judgment_notices = parse_choice(single, "judgment", judgment_ids(ds), param("judgment").what)
    found["judgment"] = judgment or ""
    return Filters(**found), notices + judgment_notices


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
    if not value.isdigit() or len(value) > MAX_STEP_DIGITS:
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


def parse_extra(params: Params, single: dict[str, str]) -> tuple[tuple[tuple[str, object], ...], list[str]]:
    """The declared parameters that have no field of their own yet, parsed by their declaration."""
    extra: list[tuple[str, object]] = []
    notices: list[str] = []
    for p in PARAMS:
        if p.target is not None:
            continue
        if p.repeatable and params.get(p.name):
            values, list_notices = list_values(params, p.name, p.choices, p.what)
            extra += [(p.name, values)] if values else []
            notices += list_notices
        elif not p.repeatable and p.name in single:
            value, notice = p.parse(single[p.name])
            extra += [(p.name, value)] if value is not None else []
            notices += [Notice(notice, p.name)] if notice else []
    return tuple(extra), notices


def parse_view(params: Params, ds: Dataset) -> tuple[View, list[str]]:
    """The view a link (or a briefing step) describes, with a short notice for every value ignored."""
    single, notices = single_values(params)
    filters, filter_notices = parse_filters(params, single, ds)
    page, page_notices = parse_choice(single, "page", param("page").choices, "page")
    event, event_notices = parse_choice(single, "event", ds.events["event_id"], "event")
    place, place_notices = parse_choice(single, "place", ds.locations["location_id"], "place")
    force, force_notices = parse_choice(single, "force", param("force").choices, param("force").what)
    metric, metric_notices = parse_choice(single, "metric", param("metric").choices, param("metric").what)
    stamp, stamp_notices = parse_stamp(single, ds)
    step, step_notices = parse_step(single, ds)
    extra, extra_notices = parse_extra(params, single)
    notices += filter_notices + page_notices + event_notices + place_notices + force_notices
    notices += metric_notices + stamp_notices + step_notices + extra_notices
    view = View(page or DEFAULT_PAGE, filters, event, place, force, metric, stamp, step, extra)
    return view, notices


def parse_query(query: str, ds: Dataset) -> tuple[View, list[str]]:
    """A query string (`page=...&cat=...`, as in briefing.csv) read exactly as a link is read."""
    params = parse_qs(query.strip().lstrip("?"), keep_blank_values=True)
    return parse_view(params, ds)


def query_pairs(view: View) -> list[tuple[str, str | list[str]]]:
    """The view as URL parameters, in the registry's order; defaults are left out."""
    pairs: list[tuple[str, str | list[str]]] = []
    for p in PARAMS:
        value = view.get(p.name)
        written = None if p.name == "page" and value == DEFAULT_PAGE else p.write(value)
        if written:
            pairs.append((p.name, written))
    return pairs


def view_query(view: View) -> str:
    """The view as a query string (repeatable parameters repeated), without a leading `?`."""
    return urlencode(query_pairs(view), doseq=True)


def share_link(base: str, view: View) -> str:
    """An absolute link to the view: the page's own path, the rest as query parameters."""
    path = "" if view.page == DEFAULT_PAGE else view.page
    query = view_query(replace(view, page=DEFAULT_PAGE))
    if view.get("theme") == "projector":  # Streamlit's own switch: the page itself opens in its dark theme
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
