"""A Streamlit client that speaks the browser's WebSocket protocol, to time script runs from the server side.

A run is: send a `BackMsg` with `rerun_script` (the page, the query string, the widget values), then read
`ForwardMsg`s until `script_finished`. The client keeps the browser's message cache, so a rerun receives
references instead of large elements it already holds, as a browser would.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

CHART_KINDS = ("plotly_chart", "deck_gl_json_chart", "dataframe", "table")
REPLAYED = ("delta", "page_config_changed")
EARLY = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].enum_type.values_by_name["FINISHED_EARLY_FOR_RERUN"]
RUN_TIMEOUT_S = 120.0


@dataclass
class Run:
    """What one script run cost and sent: seconds until `script_finished`, bytes, and what it drew."""

    seconds: float
    bytes: int
    messages: int
    kinds: Counter = field(default_factory=Counter)
    charts: list[Element] = field(default_factory=list)
    widgets: dict[str, Element] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    stream: list[bytes] = field(default_factory=list)  # the run's deltas and page config, for the floor app
    notes: list[str] = field(default_factory=list)  # the bodies of the alerts it showed (st.info, st.warning, ...)


def widget_key(widget_id: str) -> str:
    """The user key at the end of a keyed widget's id (`$$ID-<hash>-<key>`), or '' for an unkeyed one."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and widget_id.startswith("$$ID") else ""


def element_id(element: Element) -> str:
    """The widget id of an element that is a widget (a chart with selections is one), else ''."""
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    return getattr(inner, "id", "") if inner.DESCRIPTOR.fields_by_name.get("id") else ""


class Session:
    """One browser tab's WebSocket session with a Streamlit server."""

    def __init__(self, connection: websockets.ClientConnection):
        self.connection = connection
        self.cached: set[str] = set()
        self.pages: dict[str, str] = {}

    @classmethod
    async def open(cls, base_url: str) -> Session:
        """Connect to `<base_url>/_stcore/stream` with the `streamlit` subprotocol."""
        url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        connection = await websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, compression=None, open_timeout=30
        )
        return cls(connection)

    async def close(self) -> None:
        """Close the connection; the server ends the session."""
        await self.connection.close()

    async def run(self, page: str = "", query: str = "", widgets: list[WidgetState] | None = None) -> Run:
        """Run a page (its url path, '' for the default page) and wait until the script finished."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = query
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        state.widget_states.widgets.extend(widgets or [])
        state.cached_message_hashes.extend(sorted(self.cached))
        started = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        return await self.read_until_finished(started)

    async def read_until_finished(self, started: float) -> Run:
        """Read ForwardMsgs until a script run finishes (a run stopped early for a rerun does not count)."""
        run = Run(0.0, 0, 0)
        while True:
            raw = await self.connection.recv(decode=False)
            run.bytes += len(raw)
            run.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind in REPLAYED:
                run.stream.append(raw)
            self.note(msg, kind, run)
            if kind == "script_finished" and msg.script_finished != EARLY:
                run.seconds = time.perf_counter() - started
                return run

    def note(self, msg: ForwardMsg, kind: str | None, run: Run) -> None:
        """Remember pages, cacheable messages, charts, widgets and exceptions of one ForwardMsg."""
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        if kind == "navigation":
            self.pages.update({p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages})
        if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        element_kind = element.WhichOneof("type")
        run.kinds[element_kind] += 1
        if element_kind in CHART_KINDS:
            run.charts.append(element)
        if element_kind == "alert":
            run.notes.append(element.alert.body)
        if element_kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        widget = element_id(element)
        if widget:
            run.widgets[widget] = element


def find_widget(run: Run, key: str) -> tuple[str, Element] | None:
    """The id and element of the widget with this user key, if the run drew one."""
    for widget, element in run.widgets.items():
        if widget_key(widget) == key:
            return widget, element
    return None


def option_labels(element: Element) -> list[str]:
    """The option labels of a multiselect, pills / segmented control, selectbox or radio."""
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    options = list(getattr(inner, "options", []))
    return [option if isinstance(option, str) else option.content for option in options]


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


def deck_click_state(widget: str, layer: str, index: int, item: dict) -> WidgetState:
    """The widget state a click on one object of a pydeck chart with `on_select` sends."""
    selection = {"selection": {"indices": {layer: [index]}, "objects": {layer: [item]}}}
    return WidgetState(id=widget, string_value=json.dumps(selection))
