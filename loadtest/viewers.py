"""What a briefing viewer does: open a page, change filters, click the map, pause, repeat."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field

from websockets.exceptions import WebSocketException

from components.state.registry import PAGE_PATHS
from tooling.protocol import ProtocolError, RunResult, Session

PAGES = PAGE_PATHS
SEARCH_WORDS = ("Kursk", "troops", "casualties", "Kim", "Sudzha", "")
ACTIONS = ("page", "filter", "filter", "map", "reload")
FAILURES = (ProtocolError, WebSocketException, OSError, asyncio.TimeoutError, EOFError)


@dataclass
class Sample:
    """One timed run: a page load (new tab) or a rerun (an action in an open tab)."""

    at: float
    kind: str
    action: str
    seconds: float
    ok: bool
    viewer: int
    error: str = ""


@dataclass
class Recorder:
    """Every sample of a phase, with its start time for relative timestamps."""

    started: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)

    def add(self, kind: str, action: str, viewer: int, seconds: float, error: str = "") -> None:
        """Record one run; an empty error means it succeeded."""
        at = time.monotonic() - self.started
        self.samples.append(Sample(at, kind, action, seconds, not error, viewer, error))


CLEAN_ENDS = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")  # a whole run, or a fragment's


def run_error(result: RunResult) -> str:
    """Why a run that came back counts as failed, or "" when it is a clean run."""
    if result.exceptions:
        return "script exception: " + result.exceptions[0]
    if result.page_not_found:
        return "page not found"
    if result.status not in CLEAN_ENDS:
        return f"script finished with {result.status}"
    return ""


def deck_click(spec: str, rng: random.Random) -> tuple[str, int, dict] | None:
    """A random pickable object of a deck's inline data: (layer id, index, object)."""
    layers = [
        layer
        for layer in json.loads(spec).get("layers", [])
        if layer.get("pickable") and isinstance(layer.get("data"), list) and layer["data"]
    ]
    if not layers:
        return None
    layer = rng.choice(layers)
    index = rng.randrange(len(layer["data"]))
    return str(layer.get("id", "")), index, layer["data"][index]


def change_filter(session: Session, rng: random.Random) -> bool:
    """Pick a sidebar filter and set it as a viewer would; False when no filter is on screen."""
    choices = [w for w in session.widgets.values() if w.kind == "multiselect" and w.options]
    if "q" in session.widgets and session.widgets["q"].kind == "text_input":
        choices.append(session.widgets["q"])
    if not choices:
        return False
    widget = rng.choice(choices)
    key = next(k for k, w in session.widgets.items() if w is widget)
    if widget.kind == "text_input":
        return session.set_widget(key, string_value=rng.choice(SEARCH_WORDS))
    picked = rng.sample(widget.options, rng.randint(0, min(3, len(widget.options))))
    return session.set_widget(key, string_array_value=picked)


def click_map(session: Session, rng: random.Random) -> bool:
    """Click one object on the map page's deck; False when there is nothing to click."""
    for key, widget in session.widgets.items():
        if widget.kind == "deck_gl_json_chart" and widget.spec:
            target = deck_click(widget.spec, rng)
            if target is not None:
                return session.select_map_object(key, *target)
    return False


@dataclass
class Viewer:
    """One simulated audience member with its own seeded randomness."""

    number: int
    base_url: str
    recorder: Recorder
    rng: random.Random
    think: tuple[float, float] = (3.0, 8.0)
    session: Session | None = None
    failures: list[str] = field(default_factory=list)

    async def load(self) -> bool:
        """Open a fresh tab on a random page; record the page load."""
        if self.session is not None:
            await self.close()
        self.session = Session(self.base_url)
        page = self.rng.choice(PAGES)
        started = time.perf_counter()
        try:
            result = await self.session.load_page(page)
            error = run_error(result)
        except FAILURES as failure:
            error = f"{type(failure).__name__}: {failure}"[:300]
        self.recorder.add("load", f"open /{page}", self.number, time.perf_counter() - started, error)
        return self.note(error)

    async def act(self) -> bool:
        """One viewer action on the open tab; record the rerun. False when it failed."""
        assert self.session is not None
        action = self.rng.choice(ACTIONS)
        if action == "reload":
            return await self.load()
        started = time.perf_counter()
        try:
            action, result = await self.perform(action)
            error = run_error(result)
        except FAILURES as failure:
            error = f"{type(failure).__name__}: {failure}"[:300]
        self.recorder.add("rerun", action, self.number, time.perf_counter() - started, error)
        return self.note(error)

    async def perform(self, action: str) -> tuple[str, RunResult]:
        """Do one action's protocol step (a page switch, a filter change, a map click); name what it did."""
        assert self.session is not None
        if action == "map":
            if click_map(self.session, self.rng):
                return "map click", await self.session.rerun()
            return "open map", await self.session.open_page("map")
        if action == "page":
            page = self.rng.choice([p for p in PAGES if p in self.session.pages])
            return f"open /{page}", await self.session.open_page(page)
        change_filter(self.session, self.rng)
        return "filter", await self.session.rerun()

    def note(self, error: str) -> bool:
        """Keep the failure text; True when there was none."""
        if error:
            self.failures.append(error)
        return not error

    async def live(self, deadline: float) -> None:
        """Act and pause (think time) until the deadline; reload the tab after a failure."""
        healthy = await self.load()
        while time.monotonic() < deadline:
            await asyncio.sleep(min(self.rng.uniform(*self.think), max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= deadline:
                break
            if not healthy:
                healthy = await self.load()
            else:
                healthy = await self.act()
        await self.close()

    async def close(self) -> None:
        """Close the tab, ignoring a connection that is already gone."""
        if self.session is not None:
            try:
                await self.session.close()
            except FAILURES:
                pass
            self.session = None
