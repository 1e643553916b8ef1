"""A browser tab from a chosen loopback source address (127.0.0.2, ...), for the guard's proxy tests.

Kept in one place so it can fold into `tooling/protocol.py`: it extends the shared protocol
Session with a source address for both HTTP and the WebSocket, an optional X-Forwarded-For the client
forges, the NewSession message it received, and the passcode gate's form.
"""

from __future__ import annotations

import asyncio
import http.client
import socket
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from tooling.protocol import HTTP_TIMEOUT_S, XSRF_COOKIE, RunResult, Session

GATE_WRONG = "That passcode is not right."
GATE_WAIT = "Too many attempts."
GATE_LOCKED = "Too many wrong passcodes from your network."
PASSCODE_KEY = "access_passcode"


def http_request(
    url: str, source: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, dict[str, list[str]], bytes]:
    """One HTTP request from `source`; (status, headers by lower-case name, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=HTTP_TIMEOUT_S, source_address=(source, 0))
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers or {})
        response = conn.getresponse()
        found: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return response.status, found, response.read()
    finally:
        conn.close()


def handshake(base_url: str, source: str, host: str | None = None) -> int:
    """The status of a bare WebSocket upgrade on /_stcore/stream from `source` (0: connection dropped)."""
    parts = urlsplit(base_url)
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host or parts.netloc}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
    ]
    with socket.create_connection((parts.hostname, parts.port), timeout=10, source_address=(source, 0)) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        first = sock.recv(4096)
    return int(first.split(b"\r\n", 1)[0].split()[1]) if first else 0


@dataclass
class Guess:
    """One guess's answer: when it arrived and what the gate said."""

    at: float
    text: str
    unlocked: bool


class SourcedSession(Session):
    """A tab from `source`, optionally forging an X-Forwarded-For header on every request."""

    def __init__(self, base_url: str, source: str, forged_for: str | None = None) -> None:
        super().__init__(base_url, keep_texts=True)
        self.source, self.forged_for = source, forged_for
        self.cookies: dict[str, str] = {}
        self.new_session: ForwardMsg | None = None
        self.buttons: list[str] = []
        self.page_title = ""

    def cookie(self, name: str) -> str | None:
        return self.cookies.get(name)

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def headers(self) -> dict[str, str]:
        """Cookies, and the forged forwarding header when asked."""
        found = {"Cookie": self.cookie_header()} if self.cookies else {}
        return found | ({"X-Forwarded-For": self.forged_for} if self.forged_for else {})

    def get(self, path: str) -> int:
        """GET a path of the app, keeping the cookies it sets."""
        status, headers, _ = http_request(self.base_url + path, self.source, headers=self.headers())
        for line in headers.get("set-cookie", []):
            self.cookies.update({k: m.value for k, m in SimpleCookie(line).items()})
        return status

    async def load_page(self, url_path: str = "", query_string: str = "") -> RunResult:
        """HTML, health, WebSocket, first run, as a fresh tab from `source`."""
        for path in (f"/{url_path}", "/_stcore/health"):
            status = await asyncio.to_thread(self.get, path)
            if status != 200:
                raise ConnectionError(f"GET {path} answered {status}")
        await self.connect()
        return await self.rerun(page_name=url_path, query_string=query_string)

    async def connect(self) -> None:
        parts = urlsplit(self.base_url)
        protocols = ["streamlit", self.cookie(XSRF_COOKIE) or ""]
        self.ws = await connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=[p for p in protocols if p],
            origin=self.origin,
            additional_headers=self.headers() or None,
            max_size=None,
            compression=None,
            open_timeout=HTTP_TIMEOUT_S,
            ping_interval=None,
            local_addr=(self.source, 0),
        )

    def absorb(self, msg: ForwardMsg, result: RunResult) -> None:
        """Also keep the NewSession message and the ids of unkeyed buttons (the form's submit button)."""
        if msg.WhichOneof("type") == "new_session":  # a run starts: forget what an earlier run drew
            self.new_session = msg
            self.widgets.clear()
            self.buttons.clear()
        super().absorb(msg, result)
        if msg.WhichOneof("type") == "page_config_changed" and msg.page_config_changed.title:
            self.page_title = msg.page_config_changed.title
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "button" and element.button.is_form_submitter:
                self.buttons.append(element.button.id)

    async def guess(self, code: str) -> Guess:
        """Type a code into the gate's form and press its button; what the gate answered."""
        field = self.widgets.get(PASSCODE_KEY)
        if field is None or not self.buttons:
            raise ConnectionError("the passcode form is not on screen")
        submit = self.buttons[-1]
        self.widget_states = {
            field.element_id: WidgetState(id=field.element_id, string_value=code),
            submit: WidgetState(id=submit, trigger_value=True),
        }
        self.buttons.clear()
        result = await self.rerun()
        self.widget_states = {}
        text = " ".join(result.texts)
        return Guess(time.monotonic(), text, PASSCODE_KEY not in self.widgets)

    async def send_clear_cache(self) -> None:
        """Send the BackMsg the toolbar's "Clear cache" sends."""
        assert self.ws is not None
        back = BackMsg()
        back.clear_cache = True
        await self.ws.send(back.SerializeToString())
