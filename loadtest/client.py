"""One viewer speaking Streamlit's own WebSocket protocol, as the browser frontend does.

The frontend first loads the page over HTTP (which sets the `_streamlit_xsrf` cookie and, behind
the proxy, the affinity cookie), then opens `/_stcore/stream` with the subprotocols
`["streamlit", <xsrf token>]`, sends `BackMsg(rerun_script=ClientState(...))` and renders the
`ForwardMsg`s until `script_finished`. A session here does the same and times each run.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.cookiejar
import json
import time
import urllib.request
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

T = TypeVar("T")
XSRF_COOKIE = "_streamlit_xsrf"
WIDGET_ID_PREFIX = "$$ID-"
RUN_TIMEOUT_S = 60.0
HTTP_TIMEOUT_S = 15.0


class ProtocolError(Exception):
    """The server answered something a browser session could not use."""


@dataclass
class Widget:
    """A keyed widget the last run drew: its element id, kind and (for choices) its options."""

    element_id: str
    kind: str
    options: tuple[str, ...] = ()
    spec: str = ""


@dataclass
class RunResult:
    """What one script run sent back: how long it took and whether it went wrong."""

    seconds: float
    status: str
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    messages: int = 0
    texts: list[str] = field(default_factory=list)


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


def widgets_in(msg: ForwardMsg) -> list[Widget]:
    """The keyed widgets a delta draws (the element proto carries `id` and maybe `options`)."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return []
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    proto = getattr(element, kind) if kind else None
    element_id = getattr(proto, "id", "") if proto is not None else ""
    if not isinstance(element_id, str) or widget_key(element_id) is None:
        return []
    options = tuple(str(option) for option in getattr(proto, "options", ()) or ())
    spec = proto.json if kind == "deck_gl_json_chart" else ""
    return [Widget(element_id, kind, options, spec)]


TEXT_FIELDS = {"markdown": "body", "alert": "body", "text": "body", "heading": "body", "code": "code_text"}


def arrow_strings(data: bytes) -> list[str]:
    """The cells and column names of an Arrow IPC table, as strings."""
    import pyarrow.ipc

    table = pyarrow.ipc.open_stream(data).read_all()
    cells = [str(value) for column in table.columns for value in column.to_pylist() if value is not None]
    return [*table.column_names, *cells]


def element_texts(msg: ForwardMsg) -> list[str]:
    """The readable text a delta draws: markdown, alerts, headings, code, metrics, table cells."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return []
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind in TEXT_FIELDS:
        return [getattr(getattr(element, kind), TEXT_FIELDS[kind])]
    if kind == "metric":
        return [element.metric.label, element.metric.body]
    if kind in ("dataframe", "table"):
        data = getattr(element, kind).arrow_data.data
        return arrow_strings(data) if data else []
    return []


def exception_text(msg: ForwardMsg) -> str | None:
    """The message of an exception element the script drew, if this delta is one."""
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        if msg.delta.new_element.WhichOneof("type") == "exception":
            exception = msg.delta.new_element.exception
            return f"{exception.type}: {exception.message}"[:500]
    return None


class Session:
    """One browser tab: cookies, a WebSocket, the pages and widgets the app has shown it."""

    def __init__(self, base_url: str, origin: str | None = None, keep_texts: bool = False) -> None:
        self.base_url = base_url.rstrip("/")
        self.origin = origin or self.base_url
        self.jar = http.cookiejar.CookieJar()
        self.ws: ClientConnection | None = None
        self.pages: dict[str, str] = {}
        self.widgets: dict[str, Widget] = {}
        self.widget_states: dict[str, WidgetState] = {}
        self.page_hash = ""
        self.query_string = ""
        self.session_id = ""
        self.keep_texts = keep_texts

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
            open_timeout=HTTP_TIMEOUT_S,
            ping_interval=None,
        )

    async def rerun(self, page_name: str = "", query_string: str | None = None) -> RunResult:
        """Send one `rerun_script` with the current page and widget states; wait for `script_finished`."""
        if self.ws is None:
            raise ProtocolError("not connected")
        if query_string is not None:
            self.query_string = query_string
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = "" if page_name or not self.page_hash else self.page_hash
        state.page_name = page_name
        state.widget_states.widgets.extend(self.widget_states.values())
        self.widgets.clear()
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        result = await asyncio.wait_for(self.read_run(), RUN_TIMEOUT_S)
        result.seconds = time.perf_counter() - started
        return result

    async def read_run(self) -> RunResult:
        """Read ForwardMsgs until the script finishes; collect widgets, pages and exceptions."""
        assert self.ws is not None
        result = RunResult(seconds=0.0, status="")
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            result.messages += 1
            self.absorb(msg, result)
            if msg.WhichOneof("type") == "script_finished":
                result.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return result

    def absorb(self, msg: ForwardMsg, result: RunResult) -> None:
        """Remember what a message tells a browser: session id, pages, widgets, exceptions."""
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
        for widget in widgets_in(msg):
            self.widgets[widget_key(widget.element_id) or ""] = widget
        if (text := exception_text(msg)) is not None:
            result.exceptions.append(text)
        if self.keep_texts:
            result.texts += element_texts(msg)

    async def open_page(self, url_path: str) -> RunResult:
        """Switch page in the same tab, as a click in the sidebar navigation does."""
        if url_path not in self.pages:
            raise ProtocolError(f"the app has no page {url_path!r}; it has {sorted(self.pages)}")
        self.page_hash = self.pages[url_path]
        return await self.rerun()

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

    def select_map_object(self, key: str, layer_id: str, index: int, obj: dict) -> bool:
        """Click one object of a pydeck layer: the selection JSON the deck.gl frontend sends."""
        selection = {"selection": {"indices": {layer_id: [index]}, "objects": {layer_id: [obj]}}}
        return self.set_widget(key, string_value=json.dumps(selection))

    async def close(self) -> None:
        """Close the tab's WebSocket."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None
