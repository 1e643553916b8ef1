"""What a briefing viewer does: open a page, change filters, click the map or the timeline, pause, repeat."""

from __future__ import annotations

import asyncio
import functools
import json
import random
import time
from dataclasses import dataclass, field

from websockets.exceptions import WebSocketException

from components.state.registry import PAGE_PATHS
from tooling.protocol import ProtocolError, RunResult, Session, deck_click_state, plotly_click_state

PAGES = PAGE_PATHS
SEARCH_WORDS = ("Kursk", "troops", "casualties", "Kim", "Sudzha", "")
# The mix a viewer draws from: 20 % page loads (a new tab or another page), 30 % filter changes, 50 % clicks on
# the map or the timeline (a page without either is left for one, which counts as a page switch).
ACTIONS = ("reload", "page", "filter", "filter", "filter", "click", "click", "click", "click", "click")
CLICK_PAGES = ("map", "timeline")
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


@functools.lru_cache(maxsize=8)
def chart_points(spec: str) -> tuple[tuple[int, int, dict], ...]:
    """Every point of a plotly spec that carries its id (customdata): (curve, index, what a click reports).

    Numbers may come as plotly's typed arrays ({"dtype", "bdata"}); a click reports the point's ids, which
    is what the app reads, so only points with list customdata are offered.
    """
    points = []
    for curve, trace in enumerate(json.loads(spec).get("data", [])):
        custom = trace.get("customdata")
        if isinstance(custom, list):
            points += [(curve, i, {"customdata": c}) for i, c in enumerate(custom)]
    return tuple(points)


def click_chart(session: Session, rng: random.Random) -> str | None:
    """Click one object on the page's map or one point of its timeline, as a reader does: the widget's key,
    or None when the page has nothing to click."""
    targets = []
    for key, widget in session.widgets.items():
        if widget.kind == "deck_gl_json_chart" and widget.spec:
            if (target := deck_click(widget.spec, rng)) is not None:
                targets.append(
                    (key, functools.partial(deck_click_state, layer=target[0], index=target[1], item=target[2]))
                )
        elif widget.kind == "plotly_chart" and widget.spec and (points := chart_points(widget.spec)):
            point = rng.choice(points)
            targets.append((key, functools.partial(plotly_click_state, curve=point[0], index=point[1], point=point[2])))
    if not targets:
        return None
    key, click = rng.choice(targets)
    return key if session.select(key, click) else None


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
        """Do one action's protocol step (a page switch, a filter change, a click on a chart); name what it did."""
        assert self.session is not None
        if action == "click":
            key = click_chart(self.session, self.rng)
            if key is not None:  # only the chart's fragment reruns, as in the browser
                kind = "map" if self.session.widgets[key].kind == "deck_gl_json_chart" else "timeline"
                return f"{kind} click", await self.session.interact(key)
            page = self.rng.choice([p for p in CLICK_PAGES if p in self.session.pages])
            return f"open /{page}", await self.session.open_page(page)
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
