"""The benchmark: every page of the dashboard, on the curated data and on synthetic tables, against the floor.

`.venv/bin/python -m bench.run [--quick] [--sizes curated 1000 ...] [--reps N]`

For each data set the runner starts the dashboard (`./run.sh`) on a free loopback port and measures, per page:
server time of a first run and of a rerun after a filter change (and a map click on the map page) over
Streamlit's WebSocket protocol, the bytes those runs send, the time headless Chromium takes from navigation
(and from a filter change / map click) until the charts are drawn, and the server's memory with 1 and with 10
sessions open. It records the charts each page sent, starts the floor app (`bench/floor_app.py`) replaying
them, measures it the same way, and writes `bench/results/<date>-<quick|full>.{md,json}` and a plot.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import statistics
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import browser, report
from bench.generate import WORK, generate
from components.state.registry import PAGE_PATHS
from tooling.protocol import (
    RunResult,
    Session,
    choice_state,
    deck_click_state,
    element_id,
    find_widget,
    object_position,
    pickable_objects,
)
from tooling.servers import ROOT, Server, start_app

PAGES = PAGE_PATHS
# 100,000 events make a 27 MB events.csv: over the default 20 MB table limit, so the benchmark raises it.
MAX_TABLE_MB = "128"
FLOOR_APP = ROOT / "bench" / "floor_app.py"
RESULTS = ROOT / "bench" / "results"
RUN_TIMEOUT_S = 300.0
FILTER_KEY = "cat"


@dataclass
class Plan:
    """What to measure: data sets, repetitions, and the label of the result files."""

    datasets: list[str]
    reps: int
    browser_reps: int
    label: str
    script: Path | None = None


@dataclass
class PageResult:
    """Samples for one page of one server (the dashboard or the floor)."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    deck: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, value: float | None) -> None:
        """Record one sample (None = the action timed out or could not be done)."""
        self.samples.setdefault(name, []).append(float("nan") if value is None else value)

    def summary(self) -> dict[str, float | None]:
        """The median of each measure over its successful samples."""
        medians = {}
        for name, values in self.samples.items():
            good = [v for v in values if v == v]
            medians[name] = statistics.median(good) if good else None
        return medians


def data_folder(name: str) -> Path:
    """The bundled curated data, or the synthetic folder for a number of events (generated if missing)."""
    if name == "curated":
        return ROOT / "data"
    folder = WORK / name
    return folder if (folder / "events.csv").exists() else generate(int(name))


def row_count(folder: Path, table: str = "events") -> int:
    """Rows in one of a folder's tables (records, not lines: quoted newlines are allowed)."""
    import csv

    with (folder / f"{table}.csv").open(newline="", encoding="utf-8-sig") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def dense_counts(folder: Path) -> dict[str, int]:
    """What the dense pages draw in their default view: events, the DPRK's size claims, places on the map."""
    os.environ.setdefault("BRIEFING_MAX_TABLE_MB", MAX_TABLE_MB)
    from components.data.loading import load_dataset
    from components.present.forces import charted_count
    from components.present.places import place_summaries

    ds = load_dataset(folder)
    summary = place_summaries(ds.locations, ds.events, ds.geo)
    on_map = int(summary["on_map"].sum()) if len(summary) else 0
    return {"timeline": len(ds.events), "forces": charted_count(ds.estimates, "dprk", "size"), "map": on_map}


def want_of(kinds: dict[str, int]) -> browser.Want:
    """What the browser must show, from the element kinds a server-side run sent."""
    return browser.Want(
        plotly=kinds.get("plotly_chart", 0),
        deck=kinds.get("deck_gl_json_chart", 0),
        frames=kinds.get("dataframe", 0) + kinds.get("table", 0),
    )


async def timed(session: Session, page: str, widgets: list | None = None) -> RunResult:
    """One run with a time limit."""
    return await asyncio.wait_for(session.run(page, widgets=widgets), RUN_TIMEOUT_S)


def deck_widget(run: RunResult) -> tuple[str, str] | None:
    """(widget id, spec) of the first pydeck chart with selections enabled."""
    for chart in run.charts:
        if chart.WhichOneof("type") == "deck_gl_json_chart" and element_id(chart):
            return element_id(chart), chart.deck_gl_json_chart.json
    return None


async def click_map(session: Session, page: str, run: RunResult, rep: int, result: PageResult) -> None:
    """Send the selection of a click on the rep-th pickable place and time the rerun: the map's fragment's
    alone, as the browser asks for it (`Session.interact`)."""
    found = deck_widget(run)
    objects = pickable_objects(found[1]) if found else []
    if not objects:
        return
    key = next(k for k, widget in session.widgets.items() if widget.element_id == found[0])
    session.widget_states = {found[0]: deck_click_state(found[0], *objects[rep % len(objects)])}
    clicked = await asyncio.wait_for(session.interact(key), RUN_TIMEOUT_S)
    result.add("server_click_s", clicked.seconds)
    result.add("bytes_click", clicked.bytes)
    result.exceptions += clicked.exceptions


async def measure_page(url: str, page: str, rep: int, result: PageResult, click: bool = True) -> RunResult:
    """A first run of the page in a new session, then a filter change (and a map click) in that session."""
    session = await Session.open(url)
    try:
        first = await timed(session, page)
        result.add("server_first_s", first.seconds)
        result.add("bytes_first", first.bytes)
        result.exceptions += first.exceptions
        result.kinds = dict(first.kinds)
        result.notes = list(first.notes)
        widget = find_widget(first, FILTER_KEY)
        if widget:
            changed = await timed(session, page, [choice_state(*widget, rep + 1)])
            result.add("server_filter_s", changed.seconds)
            result.add("bytes_filter", changed.bytes)
            result.exceptions += changed.exceptions
        if click:  # the floor replays the map but has no fragment to rerun
            await click_map(session, page, first, rep, result)
        return first
    finally:
        await session.close()


async def cold_run(url: str) -> float:
    """Seconds of a fresh server's first run of the overview (its data loaded and validated on the way)."""
    session = await Session.open(url)
    try:
        return (await timed(session, "")).seconds
    finally:
        await session.close()


async def measure_server(
    url: str, reps: int, clicks: bool = True
) -> tuple[float, dict[str, PageResult], dict[str, RunResult]]:
    """Cold first run, then every page `reps` times; returns the first run of each page too."""
    cold = await cold_run(url)
    results, firsts = {}, {}
    for page in PAGES:
        results[page] = PageResult()
        for rep in range(reps):
            first = await measure_page(url, page, rep, results[page], clicks)
            firsts.setdefault(page, first)
    return cold, results, firsts


async def memory(server: Server) -> dict[str, float]:
    """Server memory with one session open, then with ten (each on a page)."""
    sessions = [await Session.open(server.url)]
    await timed(sessions[0], "")
    one = server.rss_mb()
    for index in range(1, 10):
        sessions.append(await Session.open(server.url))
        await timed(sessions[-1], PAGES[index % len(PAGES)])
    ten = server.rss_mb()
    for session in sessions:
        await session.close()
    return {"rss_1_mb": one, "rss_10_mb": ten, "mb_per_extra_session": (ten - one) / 9}


def record_floor(firsts: dict[str, RunResult], folder: Path) -> None:
    """Write what each page's first run sent (its deltas and page config), for the floor app to replay."""
    folder.mkdir(parents=True, exist_ok=True)
    for page, run in firsts.items():
        encoded = [base64.b64encode(raw).decode() for raw in run.stream]
        (folder / f"{page or 'overview'}.json").write_text(json.dumps({"messages": encoded}))


def click_targets(result: PageResult) -> tuple[list[tuple[float, float]], dict]:
    """Points to click on the map (lon, lat) and the deck's initial view, from the recorded deck."""
    spec = result.deck.get("spec")
    if not spec:
        return [], {}
    view = json.loads(spec).get("initialViewState", {})
    points = [object_position(item) for _, _, item in pickable_objects(spec)]
    return [p for p in points if p], view


def click_map_in_browser(tab: browser.Page, address: str, result: PageResult) -> float | None:
    """Reload the map, then time a click on a place until the page is redrawn."""
    targets, view = click_targets(result)
    if not view:
        return None
    browser.load_time(tab, address, want_of(result.kinds), 60.0)
    return browser.click_time(tab, targets, view, browser.Want(), 60.0)


def measure_browser(url: str, results: dict[str, PageResult], reps: int, timeout_s: float, floor: bool) -> None:
    """Time every page in Chromium: navigation, filter change and (on the dashboard's map) a click."""
    playwright, chromium = browser.launch()
    try:
        tab = browser.new_tab(chromium)
        for page in results:  # untimed: fill the HTTP cache with every page's lazily loaded scripts
            browser.attempt(browser.load_time, tab, f"{url}/{page}", want_of(results[page].kinds), timeout_s)
        for page, result in results.items():
            want = want_of(result.kinds)
            address = f"{url}/{page}"
            for rep in range(reps):
                result.add("browser_load_s", browser.attempt(browser.load_time, tab, address, want, timeout_s))
                changed = browser.attempt(browser.filter_time, tab, rep + 1, browser.Want(), timeout_s)
                result.add("browser_filter_s", changed)
                if page == "map" and not floor:
                    result.add("browser_click_s", browser.attempt(click_map_in_browser, tab, address, result))
    finally:
        chromium.close()
        playwright.stop()


def measure(server: Server, plan: Plan, timeout_s: float, floor: bool) -> dict:
    """Every measure on one running server."""
    cold, results, firsts = asyncio.run(measure_server(server.url, plan.reps, clicks=not floor))
    deck = deck_widget(firsts["map"]) if "map" in firsts else None
    if deck:
        results["map"].deck = {"spec": deck[1]}
    mem = asyncio.run(memory(server))
    measure_browser(server.url, results, plan.browser_reps, timeout_s, floor)
    return {"cold_s": cold, **mem, "pages": results, "firsts": firsts}


def run_dataset(name: str, plan: Plan) -> dict:
    """The dashboard and its floor on one data set."""
    folder = data_folder(name)
    work = WORK / "runs" / name
    timeout_s = 60.0 if name in ("curated", "1000", "10000") else 240.0
    started = time.perf_counter()
    # A cache folder of this run's own, empty: the first start validates the CSVs and writes the validated
    # copy (what a deploy's first start after a data change pays), the measured server starts from it.
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"BRIEFING_MAX_TABLE_MB": MAX_TABLE_MB, "BRIEFING_CACHE_DIR": str(cache)}
    first_start = start_app(work, data_dir=folder, env=env, script=plan.script)
    try:
        uncached = asyncio.run(cold_run(first_start.url))
    finally:
        first_start.stop()
    dashboard = start_app(work, data_dir=folder, env=env, script=plan.script)
    try:
        app = measure(dashboard, plan, timeout_s, floor=False) | {"cold_uncached_s": uncached}
    finally:
        dashboard.stop()
    record_floor(app.pop("firsts"), work / "floor")
    floor_server = start_app(work, env={"BENCH_FLOOR_DIR": str(work / "floor")}, script=FLOOR_APP)
    try:
        floor = measure(floor_server, plan, timeout_s, floor=True)
        floor.pop("firsts")
    finally:
        floor_server.stop()
    print(f"{name}: measured in {time.perf_counter() - started:.0f} s", flush=True)
    load = [round(x, 2) for x in os.getloadavg()]
    rows = {table: row_count(folder, table) for table in ("events", "estimates", "locations")}
    result = {"name": name, "events": rows["events"], "rows": rows, "app": app, "floor": floor, "load_avg": load}
    return {**result, "drawn": dense_counts(folder)}


def plan_from(args: argparse.Namespace) -> Plan:
    """The plan for --quick (curated + 10,000, few repetitions) or a full run."""
    if args.quick:
        return Plan(args.sizes or ["curated", "10000"], args.reps or 2, args.browser_reps or 2, "quick", args.app)
    sizes = args.sizes or ["curated", "1000", "10000", "100000"]
    return Plan(sizes, args.reps or 5, args.browser_reps or 3, "full", args.app)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the results."""
    parser = argparse.ArgumentParser(description="Benchmark every page against the floor app.")
    parser.add_argument("--quick", action="store_true", help="curated + 10,000 events, 2 repetitions (~10 min)")
    parser.add_argument("--sizes", nargs="+", help="data sets: curated and/or numbers of events")
    parser.add_argument("--reps", type=int, help="server-side repetitions per page")
    parser.add_argument("--browser-reps", type=int, help="browser repetitions per page")
    parser.add_argument("--app", type=Path, help="benchmark another Streamlit script instead of ./run.sh")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the results (default bench/results)")
    args = parser.parse_args(argv)
    plan = plan_from(args)
    started, name = time.perf_counter(), result_name(args.out, plan.label, datetime.now(UTC))
    datasets = []
    for data in plan.datasets:
        try:
            datasets.append(run_dataset(data, plan))
        except Exception as error:  # one broken data set must not cost the others
            print(f"{data}: not measured: {type(error).__name__}: {error}", flush=True)
            traceback.print_exc()
        done = len(datasets) == len(plan.datasets) or data == plan.datasets[-1]
        label = describe(plan) + ("" if done else f"; partial: {len(datasets)} of {len(plan.datasets)} data sets")
        paths = report.write(datasets, label, datetime.now(UTC), time.perf_counter() - started, args.out / name)
        print("\n".join(str(p) for p in paths), flush=True)  # written after every data set: a cut run keeps them
    return 0


def describe(plan: Plan) -> str:
    """The run's label for the report: mode, repetitions and the commit measured."""
    import subprocess

    command = ["git", "log", "-1", "--format=%h %cd", "--date=format-local:%H:%M"]
    head = subprocess.run(command, cwd=ROOT, capture_output=True, env={**os.environ, "TZ": "UTC"})
    commit = head.stdout.decode().strip() or "unknown"
    return f"{plan.label} ({plan.reps} server / {plan.browser_reps} browser repetitions, commit {commit} UTC)"


def result_name(folder: Path, label: str, stamp: datetime) -> str:
    """`<date>-<label>`, or `<date>-<label>-<HHMM>` when a run of that date is already there (kept, not overwritten)."""
    name = f"{stamp:%Y-%m-%d}-{label}"
    return name if not (folder / f"{name}.json").exists() else f"{name}-{stamp:%H%M}"


if __name__ == "__main__":
    raise SystemExit(main())
