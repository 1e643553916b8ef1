"""The one declaration of the app's pages and of its URL parameters.

The frame (`dashboard.py`), the link reader and writer (`views.py`), the session glue (`app_state.py`), the
benchmark, the load test and the tests all read these tables; adding a page or a parameter is one edit here.
Every value is written in a link as its id (`force=dprk`, `metric=losses`), never as a widget's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from components.data.schema import CATEGORIES, CONFIDENCES, FORCES, RELIABILITY

PAGES_DIR = "app_pages"  # not `pages/`: Streamlit would run a first deep link as a legacy page, without the frame
DEFAULT_PAGE = "overview"
DATE_MIN = date(1990, 1, 1)
DATE_MAX = date(2100, 12, 31)
MAX_TEXT = 200
MAX_VALUES = 50
MAX_STEP_DIGITS = 4


@dataclass(frozen=True)
class Page:
    """One page of the app: its `page=` id (also its URL path), its navigation title and icon."""

    name: str
    title: str
    icon: str

    @property
    def url_path(self) -> str:
        return self.name

    @property
    def script(self) -> str:
        """The page's script path relative to `dashboard.py`."""
        return f"{PAGES_DIR}/{self.name}.py"

    @property
    def default(self) -> bool:
        return self.name == DEFAULT_PAGE

    @property
    def path(self) -> str:
        """The path a browser opens for this page (the default page is the app's root)."""
        return "" if self.default else self.name


PAGES: tuple[Page, ...] = (
    Page("overview", "Overview", ":material/summarize:"),
    Page("timeline", "Timeline", ":material/timeline:"),
    Page("forces", "Forces and casualties", ":material/groups:"),
    Page("map", "Map", ":material/map:"),
    Page("sources", "Sources and data quality", ":material/fact_check:"),
    Page("presenter", "Presenter mode", ":material/co_present:"),
)
PAGE_NAMES: tuple[str, ...] = tuple(p.name for p in PAGES)
PAGE_PATHS: tuple[str, ...] = tuple(p.path for p in PAGES)  # as a browser opens them ("" is the overview)
AUDIENCE_PATHS: tuple[str, ...] = tuple(p.path for p in PAGES if p.name != "presenter")


def page(name: str) -> Page:
    """The page with that id (KeyError for an unknown one)."""
    for candidate in PAGES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def page_script(name: str) -> str:
    """A page's script path relative to `dashboard.py`."""
    return page(name).script


# ---- URL parameters -------------------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAFE = re.compile(r"[^A-Za-z0-9 .:-]")


def echo(value: str) -> str:
    """A value as a notice may quote it: shortened, with anything but letters, digits and .:- replaced."""
    short = value if len(value) <= 30 else value[:30] + "..."
    return _UNSAFE.sub("?", short)


Parsed = tuple[object | None, str | None]  # (value, None) or (None, why it was ignored)


def parse_date(name: str, value: str) -> Parsed:
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


@dataclass(frozen=True)
class Param:
    """One URL parameter: what it parses to, how it is written back, and which widget owns it.

    kind      date | text | choice (one of `choices`) | list (repeatable, of `choices` or data values) |
              ref (an id looked up in the data) | step | stamp | token (matches `pattern`)
    target    the field of `View` it lands in (`filters.x` for a filter); None: kept in `View.extra` until
              its owner gives it a field
    widget    the session-state key of the widget that shows it (None: no widget, the frame carries it)
    bind      True when Streamlit binds the widget to the URL itself (`bind="query-params"`); False when the
              frame writes the widget's id into the URL (a widget with labels would write its labels)
    """

    name: str
    kind: str
    target: str | None
    what: str = ""
    widget: str | None = None
    bind: bool = False
    choices: tuple[str, ...] = ()
    pattern: str = ""

    @property
    def repeatable(self) -> bool:
        return self.kind == "list"

    def parse(self, value: str) -> Parsed:
        """One raw value read without the data: dates, fixed choices and tokens (others: `views.parse_view`)."""
        if self.kind == "date":
            return parse_date(self.name, value)
        if self.kind in ("choice", "list") and self.choices:
            if value in self.choices:
                return value, None
            return None, f"Ignored {self.name}={echo(value)}: not a known {self.what}."
        if self.kind == "token":
            if re.fullmatch(self.pattern, value):
                return value, None
            return None, f"Ignored {self.name}={echo(value)}: not a {self.what}."
        return value, None

    def write(self, value: object) -> str | list[str] | None:
        """The value as the link carries it (an id, an ISO date, a number); None when it is the default."""
        if value is None or value == "" or value == ():
            return None
        if self.repeatable:
            return [str(v) for v in value]  # type: ignore[union-attr]
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


GRADES = tuple(RELIABILITY)  # the Admiralty scale of source reliability
PARAMS: tuple[Param, ...] = (
    Param("page", "choice", "page", "page", choices=PAGE_NAMES),
    Param("from", "date", "filters.date_from", widget="from", bind=True),
    Param("to", "date", "filters.date_to", widget="to", bind=True),
    Param("cat", "list", "filters.categories", "category", widget="cat", bind=True, choices=CATEGORIES),
    Param("claimant", "list", "filters.claimants", "claimant", widget="claimant", bind=True),
    Param("conf", "list", "filters.confidences", "confidence level", widget="conf", bind=True, choices=CONFIDENCES),
    Param("q", "text", "filters.text", widget="q", bind=True),
    Param("asof", "date", "filters.as_of", widget="asof", bind=True),
    Param("event", "ref", "event", "event"),
    Param("place", "ref", "place", "place"),
    Param("force", "choice", "force", "force", widget="force", choices=FORCES),
    Param("metric", "choice", "metric", "metric (size or losses)", widget="metric", choices=("size", "losses")),
    Param("data", "stamp", "data_stamp", "data stamp"),
    Param("step", "step", "step", "step number"),
    Param("rel", "list", "filters.grades", "source grade (A-F)", widget="rel", bind=True, choices=GRADES),
    Param("judgment", "token", "filters.judgment", "key judgment", pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}"),
    Param("since", "date", None),
    Param("screen", "choice", None, "screen (audience or presenter)", choices=("audience", "presenter")),
    Param("follow", "token", None, "room name", pattern=r"[a-z0-9][a-z0-9-]{0,39}"),
    Param("theme", "choice", None, "theme (light or projector)", choices=("light", "projector")),
)
PARAM_NAMES: tuple[str, ...] = tuple(p.name for p in PARAMS)
BY_NAME: dict[str, Param] = {p.name: p for p in PARAMS}
FILTER_PARAMS: tuple[Param, ...] = tuple(p for p in PARAMS if p.target and p.target.startswith("filters."))
BOUND_PARAMS: tuple[str, ...] = tuple(p.name for p in PARAMS if p.bind)  # Streamlit writes these itself
FRAME_WRITTEN: tuple[str, ...] = tuple(p.name for p in PARAMS if p.widget and not p.bind)  # the frame writes ids
UNBOUND: tuple[str, ...] = tuple(p.name for p in PARAMS if p.widget is None and p.name != "page")
METRIC_GROUPS: tuple[str, ...] = BY_NAME["metric"].choices


def param(name: str) -> Param:
    """The declaration of one URL parameter (KeyError for an unknown one)."""
    return BY_NAME[name]


def filter_field(p: Param) -> str:
    """The `Filters` field a filter parameter parses to."""
    return (p.target or "").removeprefix("filters.")
