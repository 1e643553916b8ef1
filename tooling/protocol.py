"""The one Streamlit WebSocket client: a browser tab speaking Streamlit 1.67's own protocol (`streamlit.proto`).

A fresh tab loads the page over HTTP (which sets the `_streamlit_xsrf` cookie and, behind the proxy, the
affinity cookie), opens `/_stcore/stream` with the subprotocols `["streamlit", <xsrf token>]`, sends
`BackMsg(rerun_script=ClientState(...))` and reads `ForwardMsg`s until `script_finished`. Like the browser, a
session keeps the message cache: every rerun sends `cached_message_hashes`, so the server answers with
references (`ref_hash`) to large elements the tab already holds, which the session resolves from its cache.
The benchmark times runs with it, the load test drives viewers with it, and the tests read what a page drew.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.cookiejar
import json
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

T = TypeVar("T")
XSRF_COOKIE = "_streamlit_xsrf"
WIDGET_ID_PREFIX = "$$ID-"
RUN_TIMEOUT_S = 120.0
HTTP_TIMEOUT_S = 15.0
CHART_KINDS = ("plotly_chart", "deck_gl_json_chart", "dataframe", "table")
REPLAYED = ("delta", "page_config_changed")  # what the benchmark's floor app replays
TEXT_FIELDS = {"markdown": "body", "alert": "body", "text": "body", "heading": "body", "code": "code_text"}


class ProtocolError(Exception):
    """The server answered something a browser session could not use."""


@dataclass
class Widget:
    """A keyed widget the last run drew: its element id, kind, (for choices) its options, (for charts) its spec,
    and the fragment that drew it ("" outside any), whose run alone a change of the widget reruns."""

    element_id: str
    kind: str
    options: tuple[str, ...] = ()
    spec: str = ""
    fragment_id: str = ""


@dataclass
class RunResult:
    """What one script run cost and sent back: time, status, bytes, what it drew and what went wrong."""

    seconds: float
    status: str = ""
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    messages: int = 0
    bytes: int = 0
    texts: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    charts: list[Element] = field(default_factory=list)
    elements: dict[str, Element] = field(default_factory=dict)  # widget id -> the element that drew it
    stream: list[bytes] = field(default_factory=list)  # the run's deltas and page config, for the floor app
    notes: list[str] = field(default_factory=list)  # the bodies of the alerts it showed (st.info, st.warning...)


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from sync code, even where a loop already runs (Playwright's sync API)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def http_get(url: str, jar: http.cookiejar.CookieJar, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """GET `url` with the session's cookie jar; (status, body), HTTP errors included."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=HTTP_TIMEOUT_S) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def widget_key(element_id: str) -> str | None:
    """The user key at the end of a generated element id (`$$ID-<hash>-<key>`), if any."""
    if not element_id.startswith(WIDGET_ID_PREFIX):
        return None
    key = element_id[len(WIDGET_ID_PREFIX) :].partition("-")[2]
    return key or None


def element_id(element: Element) -> str:
    """The widget id of an element that is a widget (a chart with selections is one), else ''."""
    kind = element.WhichOneof("type")
    inner = getattr(element, kind) if kind else None
    if inner is None or not inner.DESCRIPTOR.fields_by_name.get("id"):
        return ""
    return inner.id


def new_element(msg: ForwardMsg) -> Element | None:
    """The element a delta draws, or None for any other message."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    return msg.delta.new_element


def as_widget(element: Element, fragment_id: str = "") -> Widget | None:
    """The keyed widget an element is (the element proto carries `id` and maybe `options`), else None."""
    ident = element_id(element)
    if widget_key(ident) is None:
        return None
    kind = element.WhichOneof("type")
    proto = getattr(element, kind)
    options = tuple(str(option) for option in getattr(proto, "options", ()) or ())
    # A chart's spec, to click in: a deck's, and a plotly chart's that takes selections (`on_select`).
    selectable = kind == "plotly_chart" and bool(proto.selection_mode)
    spec = proto.json if kind == "deck_gl_json_chart" else proto.spec if selectable else ""
    return Widget(ident, kind, options, spec, fragment_id)


def arrow_strings(data: bytes) -> list[str]:
    """The cells and column names of an Arrow IPC table, as strings."""
    import pyarrow.ipc

    table = pyarrow.ipc.open_stream(data).read_all()
    cells = [str(value) for column in table.columns for value in column.to_pylist() if value is not None]
    return [*table.column_names, *cells]


def element_texts(element: Element) -> list[str]:
    """The readable text an element draws: markdown, alerts, headings, code, metrics, table cells."""
    kind = element.WhichOneof("type")
    if kind in TEXT_FIELDS:
        return [getattr(getattr(element, kind), TEXT_FIELDS[kind])]
    if kind == "metric":
        return [element.metric.label, element.metric.body]
    if kind in ("dataframe", "table"):
        data = getattr(element, kind).arrow_data.data
        return arrow_strings(data) if data else []
    return []


class Session:
    """One browser tab: cookies, a WebSocket, the message cache, the pages and widgets the app has shown it."""

    def __init__(self, base_url: str, origin: str | None = None, keep_texts: bool = False) -> None:
        self.base_url = base_url.rstrip("/")
        self.origin = origin or self.base_url
        self.jar = http.cookiejar.CookieJar()
        self.ws: ClientConnection | None = None
        self.cache: dict[str, ForwardMsg] = {}
        self.pages: dict[str, str] = {}
        self.widgets: dict[str, Widget] = {}
        self.widget_states: dict[str, WidgetState] = {}
        self.page_hash = ""
        self.query_string = ""
        self.session_id = ""
        self.keep_texts = keep_texts
        self.auto_reruns: dict[str, float] = {}  # fragment id -> seconds, as `st.fragment(run_every=...)` asks

    @classmethod
    async def open(cls, base_url: str, **options: Any) -> Session:
        """A session with its WebSocket open and no page run yet (the benchmark times runs from here)."""
        session = cls(base_url, **options)
        await session.connect()
        return session

    def cookie(self, name: str) -> str | None:
        """The value of a cookie the server set, or None."""
        return next((c.value for c in self.jar if c.name == name), None)

    def cookie_header(self) -> str:
        """All cookies of this tab as a `Cookie` header value."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    async def load_page(self, url_path: str = "", query_string: str = "") -> RunResult:
        """Open `/<url_path>?<query>` as a fresh tab does: HTML, health, WebSocket, first run."""
        started = time.perf_counter()
        status, _ = await asyncio.to_thread(http_get, f"{self.base_url}/{url_path}", self.jar)
        if status != 200:
            raise ProtocolError(f"GET /{url_path} answered {status}")
        await asyncio.to_thread(http_get, f"{self.base_url}/_stcore/health", self.jar)
        await self.connect()
        result = await self.rerun(page_name=url_path, query_string=query_string)
        result.seconds = time.perf_counter() - started
        return result

    async def connect(self) -> None:
        """Open `/_stcore/stream` with the XSRF token as the frontend sends it."""
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        protocols = ["streamlit", self.cookie(XSRF_COOKIE) or ""]
        if self.session_id:
            protocols.append(self.session_id)
        self.ws = await connect(
            f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream",
            subprotocols=[p for p in protocols if p],
            origin=self.origin,
            additional_headers={"Cookie": self.cookie_header()} if self.cookie_header() else None,
            max_size=None,
            compression=None,
            open_timeout=HTTP_TIMEOUT_S,
            ping_interval=None,
        )

    async def rerun(
        self,
        page_name: str | None = None,
        query_string: str | None = None,
        widgets: list[WidgetState] | None = None,
        fragment_id: str = "",
        auto: bool = True,
    ) -> RunResult:
        """Send one `rerun_script`; wait for `script_finished`.

        `page_name` None reruns the current page; a url path ('' = the default page) switches to it.
        `widgets` None sends the states the session holds (`set_widget`); a list sends exactly those.
        `fragment_id` runs only that fragment, as the browser's timer of `st.fragment(run_every=...)` does (or,
        with `auto` False, a reader's change of a widget inside it: see `interact`); a fragment that calls
        `st.rerun(scope="app")` ends with the whole page's run.
        """
        if self.ws is None:
            raise ProtocolError("not connected")
        if query_string is not None:
            self.query_string = query_string
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query_string
        state.page_name = page_name or ""
        state.page_script_hash = self.page_hash if page_name is None else self.pages.get(page_name, "")
        state.widget_states.widgets.extend(self.widget_states.values() if widgets is None else widgets)
        state.cached_message_hashes.extend(sorted(self.cache))
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        else:
            self.widgets.clear()
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        result = await asyncio.wait_for(self.read_run(), RUN_TIMEOUT_S)
        result.seconds = time.perf_counter() - started
        return result

    async def run(self, page: str = "", query: str = "", widgets: list[WidgetState] | None = None) -> RunResult:
        """Run a page (its url path, '' for the default page) with exactly these widget states."""
        return await self.rerun(page_name=page, query_string=query, widgets=widgets or [])

    async def read_run(self) -> RunResult:
        """Read ForwardMsgs until the script finishes (a run stopped early for a rerun does not count)."""
        assert self.ws is not None
        result = RunResult(seconds=0.0)
        while True:
            raw = await self.ws.recv(decode=False)
            result.bytes += len(raw)
            result.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            msg, raw = self.resolve(msg, raw)
            if msg.WhichOneof("type") in REPLAYED:
                result.stream.append(raw)
            self.absorb(msg, result)
            if msg.WhichOneof("type") == "script_finished":
                result.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return result

    def resolve(self, msg: ForwardMsg, raw: bytes) -> tuple[ForwardMsg, bytes]:
        """A cacheable message is kept; a reference to one is replaced by it (with the reference's metadata)."""
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        if msg.WhichOneof("type") != "ref_hash" or msg.ref_hash not in self.cache:
            return msg, raw
        full = ForwardMsg()
        full.CopyFrom(self.cache[msg.ref_hash])
        full.metadata.CopyFrom(msg.metadata)
        return full, full.SerializeToString()

    def absorb(self, msg: ForwardMsg, result: RunResult) -> None:
        """Remember what a message tells a browser: session id, pages, widgets, charts, notes, exceptions."""
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            result.page_not_found = True
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        element = new_element(msg)
        if element is not None:
            self.absorb_element(element, result, msg.delta.fragment_id)

    def absorb_element(self, element: Element, result: RunResult, fragment_id: str = "") -> None:
        """Count an element by kind; keep charts, widgets, alert bodies, exceptions and (if asked) texts."""
        kind = element.WhichOneof("type")
        result.kinds[kind] += 1
        if kind in CHART_KINDS:
            result.charts.append(element)
        if kind == "alert":
            result.notes.append(element.alert.body)
        if kind == "exception":
            result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:500])
        if ident := element_id(element):
            result.elements[ident] = element
        if (widget := as_widget(element, fragment_id)) is not None:
            self.widgets[widget_key(widget.element_id) or ""] = widget
        if self.keep_texts:
            result.texts += element_texts(element)

    async def open_page(self, url_path: str) -> RunResult:
        """Switch page in the same tab, as a click in the sidebar navigation does."""
        if url_path not in self.pages:
            raise ProtocolError(f"the app has no page {url_path!r}; it has {sorted(self.pages)}")
        self.page_hash = self.pages[url_path]
        return await self.rerun()

    async def interact(self, key: str) -> RunResult:
        """The run a browser asks for after a reader changed widget `key` (`set_widget`, `select_map_object`):
        only the fragment that drew it when it stands in one, else the page."""
        widget = self.widgets.get(key)
        fragment = widget.fragment_id if widget is not None else ""
        return await self.rerun(fragment_id=fragment, auto=False) if fragment else await self.rerun()

    def set_widget(self, key: str, **value: object) -> bool:
        """Set a keyed widget's value (e.g. `string_array_value=[...]`); False if not on screen."""
        widget = self.widgets.get(key)
        if widget is None:
            return False
        state = WidgetState(id=widget.element_id)
        ((name, raw),) = value.items()
        target = getattr(state, name)
        if hasattr(target, "data"):
            target.data.extend(raw)  # type: ignore[arg-type]
        else:
            setattr(state, name, raw)
        self.widget_states[widget.element_id] = state
        return True

    def select(self, key: str, click: Callable[[str], WidgetState]) -> bool:
        """Click in chart `key` as its frontend reports it: `click(widget id)` is the state it sends
        (`deck_click_state` for a deck's object, `plotly_click_state` for a plotly point); False if not on screen."""
        widget = self.widgets.get(key)
        if widget is None:
            return False
        self.widget_states[widget.element_id] = click(widget.element_id)
        return True

    async def close(self) -> None:
        """Close the tab's WebSocket."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def find_widget(run: RunResult, key: str) -> tuple[str, Element] | None:
    """The id and element of the widget with this user key, if the run drew one."""
    for ident, element in run.elements.items():
        if widget_key(ident) == key:
            return ident, element
    return None


def option_labels(element: Element) -> list[str]:
    """The option labels of a multiselect, pills / segmented control, selectbox or radio."""
    inner = getattr(element, element.WhichOneof("type"))
    return [option if isinstance(option, str) else option.content for option in getattr(inner, "options", [])]


def choice_state(widget: str, element: Element, index: int) -> WidgetState:
    """A widget state choosing the index-th option (cycled) of a choice widget."""
    labels = option_labels(element)
    label = labels[index % len(labels)] if labels else ""
    state = WidgetState(id=widget)
    if element.WhichOneof("type") in ("multiselect", "button_group"):
        state.string_array_value.data.append(label)
    else:
        state.string_value = label
    return state


def plotly_click_state(widget: str, curve: int, index: int, point: dict) -> WidgetState:
    """The widget state a click on one point of a plotly chart with `on_select` sends."""
    chosen = {"curve_number": curve, "point_number": index, "point_index": index, **point}
    selection = {"selection": {"points": [chosen], "point_indices": [index], "box": [], "lasso": []}}
    return WidgetState(id=widget, string_value=json.dumps(selection))


def deck_click_state(widget: str, layer: str, index: int, item: dict) -> WidgetState:
    """The widget state a click on one object of a pydeck chart with `on_select` sends."""
    selection = {"selection": {"indices": {layer: [index]}, "objects": {layer: [item]}}}
    return WidgetState(id=widget, string_value=json.dumps(selection))


def object_position(item: dict) -> tuple[float, float] | None:
    """(lon, lat) of a deck data object, whatever the builder named its coordinates."""
    for lon, lat in (("lon", "lat"), ("longitude", "latitude")):
        if isinstance(item.get(lon), int | float) and isinstance(item.get(lat), int | float):
            return float(item[lon]), float(item[lat])
    for name in ("position", "coordinates"):
        value = item.get(name)
        if isinstance(value, list) and len(value) >= 2:
            return float(value[0]), float(value[1])
    return None


def pickable_objects(spec: str) -> list[tuple[str, int, dict]]:
    """(layer id, index, object) of every object in the deck's pickable layers that has a position."""
    found = []
    for layer in json.loads(spec).get("layers", []):
        data = layer.get("data")
        if layer.get("pickable") and isinstance(data, list):
            found += [(layer.get("id", ""), i, item) for i, item in enumerate(data) if object_position(item)]
    return found
