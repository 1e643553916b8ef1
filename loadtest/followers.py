"""Devices following the presenter (`?follow=<room>`), over Streamlit's WebSocket protocol, and what they cost.

A follower does what a phone on the follow link does: it opens the page, then its fragment timer asks the server
to rerun the room watcher every `run_every` seconds (`BackMsg` with the fragment's id); the watcher reads the room
from the shared store and, when the presenter moved, reruns the whole screen. The presenter here moves the room
in Redis directly, as the presenter's replica does once the presenter passcode was given: what is measured is the
followers' side. One replica, on Redis, with a presenter passcode (follow mode is off without one).
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import psutil

from components.server import rooms
from components.server.store import RedisStore
from deploy.render import replica_env
from loadtest.report import percentile
from loadtest.viewers import FAILURES, Recorder, run_error
from tooling.protocol import Session
from tooling.servers import Server, Stack, start_app, start_redis

SECRETS = '[presenter]\npasscode = "loadtest-presenter"\n'
OPEN_BATCH = 5
SETTLE_S = 3.0
REDRAW_WAIT_S = 60.0


@dataclasses.dataclass
class Traffic:
    """What the followers sent and received since the last reset."""

    polls: int = 0  # BackMsgs: one per fragment rerun
    received: int = 0  # ForwardMsgs
    bytes: int = 0
    redraws: int = 0
    lags: list[float] = dataclasses.field(default_factory=list)  # presenter's move -> follower showing it
    poll_s: list[float] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)


class Presenter:
    """The room's position in Redis, moved as the presenter's replica moves it."""

    def __init__(self, store: RedisStore, steps: list[int], titles: dict[int, str]) -> None:
        self.store, self.steps, self.titles = store, steps, titles
        self.code = rooms.open_room(store)
        self.step = steps[0]
        self.moved_at = time.monotonic()
        rooms.move(store, self.code, self.step)

    def move(self) -> None:
        """Next step (back to the first after the last)."""
        self.step = self.steps[(self.steps.index(self.step) + 1) % len(self.steps)]
        self.moved_at = time.monotonic()
        rooms.move(self.store, self.code, self.step)

    async def keep_moving(self, every_s: float, deadline: float) -> None:
        """Move every `every_s` seconds until the deadline."""
        while time.monotonic() + every_s < deadline:
            await asyncio.sleep(every_s)
            self.move()


class Follower:
    """One following device: its tab, the fragment it polls and the step it shows."""

    def __init__(self, url: str, presenter: Presenter, traffic: Traffic) -> None:
        self.url, self.presenter, self.traffic = url, presenter, traffic
        self.session = Session(url, keep_texts=True)
        self.fragment = ""
        self.interval = 1.0
        self.shows: int | None = None
        self.task: asyncio.Task | None = None

    async def open(self) -> None:
        """Open the follow link and find the room watcher's fragment timer."""
        result = await self.session.load_page("", f"follow={self.presenter.code}")
        error = run_error(result)
        if error or not self.session.auto_reruns:
            raise RuntimeError(error or "the follow page started no fragment timer")
        self.fragment, self.interval = next(reversed(self.session.auto_reruns.items()))
        self.shows = self.step_shown(result.texts)

    def step_shown(self, texts: list[str]) -> int | None:
        """The step whose title the run drew (titles are drawn as escaped markdown)."""
        shown = {text.replace("\\", "") for text in texts}
        return next((n for n, title in self.presenter.titles.items() if title in shown), None)

    async def poll(self) -> None:
        """One tick of the fragment timer; a whole-screen run when the presenter had moved."""
        self.session.auto_reruns.clear()
        started = time.monotonic()
        result = await self.session.rerun(fragment_id=self.fragment)
        self.traffic.polls += 1
        self.traffic.received += result.messages
        self.traffic.bytes += result.bytes
        self.traffic.poll_s.append(time.monotonic() - started)
        if error := run_error(result):
            self.traffic.errors.append(error)
        if result.status == "FINISHED_SUCCESSFULLY":  # the watcher reran the whole screen
            self.traffic.redraws += 1
            self.shows = self.step_shown(result.texts)
            if self.shows == self.presenter.step:
                self.traffic.lags.append(time.monotonic() - self.presenter.moved_at)
            if self.session.auto_reruns:
                self.fragment, self.interval = next(reversed(self.session.auto_reruns.items()))

    async def live(self) -> None:
        """Poll on a fixed period, as the browser's interval timer does, until cancelled."""
        next_tick = time.monotonic() + self.interval
        while True:
            await asyncio.sleep(max(0.0, next_tick - time.monotonic()))
            next_tick += self.interval
            try:
                await self.poll()
            except FAILURES as failure:
                self.traffic.errors.append(f"{type(failure).__name__}: {failure}"[:200])
                return

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        try:
            await self.session.close()
        except FAILURES:
            pass


def cpu_s(server: Server) -> float:
    """CPU seconds (user + system) the replica and its children have used so far."""
    process = psutil.Process(server.process.pid)
    family = [process, *process.children(recursive=True)]
    return sum(sum(p.cpu_times()[:2]) for p in family)


async def add_followers(followers: list[Follower], count: int, url: str, presenter: Presenter, traffic: Traffic):
    """Open followers (a few at a time) until there are `count`, each polling once it is open."""
    while len(followers) < count:
        batch = [Follower(url, presenter, traffic) for _ in range(min(OPEN_BATCH, count - len(followers)))]
        await asyncio.gather(*(f.open() for f in batch))
        for follower in batch:
            follower.task = asyncio.create_task(follower.live())
        followers.extend(batch)


def window(traffic: Traffic, count: int, seconds: float, cpu: float, recorder: Recorder | None, since: float) -> dict:
    """The figures of one measured window with `count` followers."""
    viewer_runs = [s for s in (recorder.samples if recorder else []) if s.kind == "rerun" and s.at >= since]
    viewer_times = [s.seconds for s in viewer_runs if s.ok]
    return {
        "followers": count,
        "seconds": seconds,
        "cpu_s_per_s": cpu / seconds,
        "polls_per_s": traffic.polls / seconds,
        "received_per_s": traffic.received / seconds,
        "bytes_per_s": traffic.bytes / seconds,
        "poll_p95_s": percentile(traffic.poll_s, 95),
        "redraws": traffic.redraws,
        "lag_p50_s": percentile(traffic.lags, 50),
        "lag_p95_s": percentile(traffic.lags, 95),
        "lag_max_s": max(traffic.lags) if traffic.lags else None,
        "follower_errors": len(traffic.errors),
        "viewer_reruns": len(viewer_runs),
        "viewer_p95_s": percentile(viewer_times, 95),
        "viewer_errors": sum(1 for s in viewer_runs if not s.ok),
        "load1": psutil.getloadavg()[0],
    }


async def behind(presenter: Presenter, followers: list[Follower], wait_s: float) -> int:
    """How many followers still do not show the presenter's step after waiting up to `wait_s`."""
    deadline = time.monotonic() + wait_s
    while any(f.shows != presenter.step for f in followers) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return sum(f.shows != presenter.step for f in followers)


async def redraw_cost(replica: Server, presenter: Presenter, followers: list[Follower], poll_rate: float) -> dict:
    """One move with nobody else on the replica: CPU above the polling rate until every follower shows it."""
    before, started = cpu_s(replica), time.monotonic()
    presenter.move()
    while any(f.shows != presenter.step for f in followers) and time.monotonic() - started < REDRAW_WAIT_S:
        await asyncio.sleep(0.1)
    elapsed = time.monotonic() - started
    extra = cpu_s(replica) - before - poll_rate * elapsed
    return {"followers": len(followers), "all_moved_s": elapsed, "cpu_s_per_redraw": extra / max(1, len(followers))}


async def ramp(
    replica: Server,
    presenter: Presenter,
    counts: tuple[int, ...],
    step_s: float,
    move_every_s: float | None,
    recorder: Recorder | None = None,
) -> tuple[list[dict], list[dict]]:
    """Followers added up to each count; each count measured for `step_s` (the presenter moving or still)."""
    followers: list[Follower] = []
    windows, redraws = [], []
    try:
        for count in sorted(counts):
            await add_followers(followers, count, replica.url, presenter, Traffic())
            await asyncio.sleep(SETTLE_S)
            traffic = Traffic()  # the window counts only what happens from here
            for follower in followers:
                follower.traffic = traffic
            since = (time.monotonic() - recorder.started) if recorder else 0.0
            before, started = cpu_s(replica), time.monotonic()
            mover = None
            if move_every_s:
                mover = asyncio.create_task(presenter.keep_moving(move_every_s, started + step_s))
            await asyncio.sleep(step_s)
            if mover is not None:
                await mover
            elapsed = time.monotonic() - started
            windows.append(window(traffic, count, elapsed, cpu_s(replica) - before, recorder, since))
            windows[-1]["behind_after_15_s"] = await behind(presenter, followers, 15.0)
            if not move_every_s and count:
                redraws.append(await redraw_cost(replica, presenter, followers, windows[-1]["cpu_s_per_s"]))
    finally:
        await asyncio.gather(*(f.close() for f in followers), return_exceptions=True)
    return windows, redraws


def start_replica(work: Path, port: int, data_dir: Path | None) -> tuple[Server, Server, Stack]:
    """Redis and one replica on it with a presenter passcode (so follow mode is on)."""
    redis = start_redis(work)
    stack = Stack(work, data_dir)
    env = {**replica_env(stack.cookie_secret), "BRIEFING_REDIS_URL": redis.url}
    stack.replicas.append(start_app(work, port, data_dir, secrets_toml=SECRETS, env=env))
    return redis, stack.replicas[0], stack


LAG_LIMIT_S = 3.0  # a follower shows the presenter's move within one poll and one redraw
VIEWER_P95_LIMIT_S = 1.0


def holds(w: dict) -> bool:
    """Whether a window with followers and viewers met every target."""
    lag_ok = w["followers"] == 0 or (w["lag_p95_s"] is not None and w["lag_p95_s"] <= LAG_LIMIT_S)
    viewers_ok = w["viewer_p95_s"] is not None and w["viewer_p95_s"] <= VIEWER_P95_LIMIT_S
    errors = w["follower_errors"] + w["viewer_errors"] + w["behind_after_15_s"]
    return lag_ok and viewers_ok and errors == 0


def capacity(windows: list[dict]) -> dict:
    """The most followers that met every target while the viewers browsed (a larger count that failed ends it)."""
    held = 0
    for w in sorted(windows, key=lambda w: w["followers"]):
        if not holds(w):
            break
        held = w["followers"]
    tried = max((w["followers"] for w in windows), default=0)
    words = f"at least {held}" if held == tried else str(held)
    text = (
        f"followers: one replica holds {words} followers while the viewers browse "
        f"(viewer p95 <= {VIEWER_P95_LIMIT_S:g} s, follower lag p95 <= {LAG_LIMIT_S:g} s, no errors)"
    )
    return {"held": held, "tried": tried, "ok": held > 0, "text": text}


def per_follower(alone: list[dict]) -> dict:
    """What one following device costs: the slope of each rate over the follower count (presenter still)."""
    base = next((w for w in alone if w["followers"] == 0), None)
    rows = [w for w in alone if w["followers"] and base is not None]
    if not rows:
        return {}
    top = max(rows, key=lambda w: w["followers"])
    n = top["followers"]
    return {
        "cpu_s_per_s": (top["cpu_s_per_s"] - base["cpu_s_per_s"]) / n,
        "polls_per_s": top["polls_per_s"] / n,
        "received_per_s": top["received_per_s"] / n,
        "bytes_per_s": top["bytes_per_s"] / n,
        "from_followers": n,
    }


def figure(value: float | None, digits: int = 3, unit: str = "") -> str:
    return "–" if value is None else f"{value:.{digits}f}{unit}"


def markdown(result: dict, setup: str) -> str:
    """The follower report: per-device cost, the redraw burst, and how many one replica holds with viewers."""
    cost = per_follower(result["alone"])
    lines = [
        f"# What a follower costs the server ({result.get('date', '')})".replace(" ()", ""),
        "",
        setup,
        "",
        "Made by `python -m loadtest.run --phases followers` (loadtest/followers.py). One replica on Redis with a "
        "presenter passcode; each follower opens `?follow=<room>` over Streamlit's WebSocket protocol and its "
        "fragment timer reruns the room watcher every second, as a phone's browser does. The presenter moves the "
        "room in Redis as the presenter's replica does. The load generator runs on the same machine.",
        "",
        "## One follower (presenter still, nobody else on the replica)",
        "",
    ]
    if cost:
        lines += [
            f"- CPU: {cost['cpu_s_per_s'] * 1000:.1f} ms of server CPU per second per following device "
            f"(slope from 0 to {cost['from_followers']} followers)",
            f"- requests: {cost['polls_per_s']:.2f} WebSocket messages per second from each device (one fragment "
            f"rerun) and {cost['received_per_s']:.2f} back, {cost['bytes_per_s']:.0f} bytes/s",
        ]
    for r in result.get("redraws", []):
        lines.append(
            f"- a move with {r['followers']} followers: every one showed it after {r['all_moved_s']:.2f} s; "
            f"{r['cpu_s_per_redraw'] * 1000:.0f} ms of server CPU per follower's redraw"
        )
    lines += [
        "",
        "| followers | server CPU s/s | polls/s | messages back/s | bytes/s | poll p95 | load (1 min) |",
        "|---|---|---|---|---|---|---|",
    ]
    for w in result["alone"]:
        lines.append(
            f"| {w['followers']} | {w['cpu_s_per_s']:.3f} | {w['polls_per_s']:.1f} | {w['received_per_s']:.1f} | "
            f"{w['bytes_per_s']:.0f} | {figure(w['poll_p95_s'])} s | {w['load1']:.2f} |"
        )
    verdict = result.get("verdict", {})
    lines += [
        "",
        f"## With {result.get('viewers', 0)} viewers browsing, the presenter moving every "
        f"{result.get('move_every_s', 0):g} s",
        "",
        f"**{verdict.get('text', '')}**",
        "",
        "| followers | server CPU s/s | viewer p95 rerun | viewer runs | follower lag p50 / p95 / max | redraws "
        "| behind 15 s after | errors (followers, viewers) | load (1 min) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w in result.get("with_viewers", []):
        lag = " / ".join(figure(w[k], 2) for k in ("lag_p50_s", "lag_p95_s", "lag_max_s"))
        lines.append(
            f"| {w['followers']} | {w['cpu_s_per_s']:.3f} | {figure(w['viewer_p95_s'])} s | {w['viewer_reruns']} | "
            f"{lag} s | {w['redraws']} | {w['behind_after_15_s']} | {w['follower_errors']}, {w['viewer_errors']} | "
            f"{w['load1']:.2f} |"
        )
    return "\n".join(lines) + "\n"
