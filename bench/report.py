"""Writing the benchmark's results: JSON with every sample, a markdown table of medians, and a plot."""

from __future__ import annotations

import json
import math
import platform
from datetime import datetime
from pathlib import Path

import plotly.graph_objects as go
import streamlit
from plotly.subplots import make_subplots

from bench import browser
from components.state.registry import PAGES

PAGE_NAMES = {p.path: p.name for p in PAGES}  # a result's page path -> the page it measures
TARGETS = {  # issue 6's targets; see docs/benchmark.md
    "curated_interaction_s": 0.3,  # curated: filter change / map click → updated panel drawn
    "curated_first_paint_ratio": 1.3,  # curated: navigation → charts drawn, as a multiple of the floor's
    "large_interaction_s": 1.0,  # 100,000 events: filter change / map click → updated panel drawn
    "large_page_mb": 2.0,  # 100,000 events: bytes sent for a page
    "large_extra_session_mb": 10.0,  # 100,000 events: server memory per session beyond the first
    "growth_exponent": 1.0,  # log-log slope of cost against events between sizes: 1 = linear
}
LARGE = 100_000
DENSE = {  # page: (table counted, rows above which the page aggregates, a word of its note)
    "timeline": ("events", 1500, "binned"),
    "forces": ("estimates", 1500, "summarised"),
    "map": ("locations", 500, "merged into"),
}
INTERACTIONS = ("browser_filter_s", "browser_click_s")
GROWTH_MEASURES = ("server_first_s", "server_filter_s", "bytes_first")
PLOT_SIZE = {"width": 1200, "height": 800}
PAGE_COLORS = ("#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73", "#999999")


def medians(side: dict) -> dict[str, dict[str, float | None]]:
    """page -> measure -> median, for the dashboard or the floor (JSON form)."""
    return {page: values["median"] for page, values in side["pages"].items()}


def as_json(datasets: list[dict], label: str, stamp: datetime, seconds: float) -> dict:
    """Everything measured, with the raw samples, as plain JSON."""

    def side(data: dict) -> dict:
        pages = {
            PAGE_NAMES[p]: {
                "samples": {k: [None if math.isnan(v) else round(v, 4) for v in vs] for k, vs in r.samples.items()},
                "median": r.summary(),
                "kinds": r.kinds,
                "exceptions": r.exceptions,
                "notes": r.notes,
            }
            for p, r in data["pages"].items()
        }
        memory = {k: data[k] for k in ("rss_1_mb", "rss_10_mb", "mb_per_extra_session")}
        uncached = {"cold_uncached_s": data["cold_uncached_s"]} if "cold_uncached_s" in data else {}
        return {"cold_s": data["cold_s"], **uncached, **memory, "pages": pages}

    return {
        "run": label,
        "finished": stamp.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "machine": {"cpus": _cpus(), "python": platform.python_version(), "streamlit": streamlit.__version__},
        "datasets": [
            {
                "name": d["name"],
                "events": d["events"],
                "rows": d.get("rows", {"events": d["events"]}),
                "load_avg": d.get("load_avg"),
                "drawn": d.get("drawn", {}),
                "app": side(d["app"]),
                "floor": side(d["floor"]),
            }
            for d in datasets
        ],
    }


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def seconds(value: float | None) -> str:
    """A time for the table: '0.42' or '—' when not measured."""
    return "—" if value is None or math.isnan(value) else f"{value:.2f}"


def ratio(app: float | None, floor: float | None) -> str:
    """app / floor as '×1.8', or '—'."""
    if app is None or floor is None or floor <= 0 or math.isnan(app) or math.isnan(floor):
        return "—"
    return f"×{app / floor:.1f}"


def kilobytes(value: float | None) -> str:
    """Bytes as KB for the table."""
    return "—" if value is None or math.isnan(value) else f"{value / 1024:,.0f}"


def page_rows(app: dict, floor: dict) -> list[str]:
    """One markdown row per page: app, floor and ratio for each measure."""
    rows = []
    for page, a in app.items():
        f = floor.get(page, {})
        cells = [page]
        for name in ("server_first_s", "server_filter_s", "browser_load_s", "browser_filter_s"):
            cells.append(f"{seconds(a.get(name))} ({seconds(f.get(name))}, {ratio(a.get(name), f.get(name))})")
        cells += [seconds(a.get("server_click_s")), seconds(a.get("browser_click_s"))]
        cells += [f"{kilobytes(a.get('bytes_first'))} ({kilobytes(f.get('bytes_first'))})"]
        cells += [kilobytes(a.get("bytes_filter"))]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


HEADER = (
    "| page | server first run, s (floor, ratio) | server filter rerun, s (floor, ratio) "
    "| browser load, s (floor, ratio) | browser filter, s (floor, ratio) | server map click, s "
    "| browser map click, s | KB first run (floor) | KB filter rerun |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def dataset_section(data: dict) -> list[str]:
    """The markdown section of one data set: its page table and its memory."""
    app, floor = data["app"], data["floor"]
    lines = [f"### {data['name']} ({data['events']:,} events)", "", HEADER]
    lines += page_rows(medians(app), medians(floor))
    lines += [
        "",
        f"Cold first run (data loaded, from the validated cache): {seconds(app['cold_s'])} s "
        f"(floor {seconds(floor['cold_s'])} s); the first start with an empty cache (the CSVs validated and "
        f"the cache written): {seconds(app.get('cold_uncached_s', math.nan))} s. "
        f"Server memory: {app['rss_1_mb']:.0f} MB with 1 session, {app['rss_10_mb']:.0f} MB with 10, "
        f"{round(per_session(app), 1) + 0.0:.1f} MB per extra session "
        f"(floor {floor['rss_1_mb']:.0f} / {floor['rss_10_mb']:.0f} MB, {round(per_session(floor), 1) + 0.0:.1f} MB). "
        f"Machine load average (1, 5, 15 min) when done: {data.get('load_avg')}.",
    ]
    notes = [f"{page}: “{note}”" for page, values in app["pages"].items() for note in values.get("notes", [])]
    if notes:
        lines += ["", "Notes shown on first runs: " + "; ".join(notes)]
    errors = sorted({e for values in app["pages"].values() for e in values["exceptions"]})
    if errors:
        lines += ["", "Exceptions shown by the dashboard: " + "; ".join(f"`{e[:120]}`" for e in errors)]
    return lines + [""]


def as_markdown(datasets: list[dict], label: str, stamp: datetime, seconds_taken: float) -> str:
    """The results as markdown: one table per data set (medians), then the target check."""
    lines = [
        f"# Benchmark, {label} run, {stamp:%Y-%m-%d %H:%M} UTC",
        "",
        f"{_cpus()} CPUs, Python {platform.python_version()}, Streamlit {streamlit.__version__}; "
        f"took {seconds_taken / 60:.1f} min. Medians; floor = `bench/floor_app.py` sending the same recorded messages. "
        "See `docs/benchmark.md` for what each column means.",
        "",
    ]
    for data in datasets:
        lines += dataset_section(data)
    lines += target_lines(datasets)
    return "\n".join(lines) + "\n"


def per_session(side: dict) -> float:
    """Server memory per session beyond the first, MB (from the RSS with 1 and with 10 sessions)."""
    value = side.get("mb_per_extra_session")
    return (side["rss_10_mb"] - side["rss_1_mb"]) / 9 if value is None else value


def figure_of(value: float | None, unit: str) -> str:
    """A target's figure as text: '0.42 s', '×1.30', '1.6 MB', or '—' when not measured."""
    if value is None or math.isnan(value):
        return "—"
    return f"×{value:.2f}" if unit == "×" else f"{value:.2f} {unit}".rstrip()


def worst_of(values: dict[str, float | None], unit: str) -> tuple[float | None, str]:
    """The largest figure over the pages, and every page's figure as one table cell."""
    found = {page: v for page, v in values.items() if v is not None and not math.isnan(v)}
    if not found:
        return None, "not measured"
    return max(found.values()), " · ".join(f"{page} {figure_of(v, unit)}" for page, v in found.items())


def target_row(target: str, dataset: str, values: dict[str, float | None], limit: float, unit: str) -> str:
    """One markdown row: target, data set, worst page's figure, met / missed, every page's figure."""
    value, cell = worst_of(values, unit)
    met = "—" if value is None else ("met" if value <= limit else "**missed**")
    return f"| {target} | {dataset} | {figure_of(value, unit)} | {met} | {cell} |"


def measure_of(data: dict, name: str, scale: float = 1.0) -> dict[str, float | None]:
    """page -> the dashboard's median of one measure (scaled), skipping pages that lack it."""
    pages = medians(data["app"])
    return {page: v[name] * scale for page, v in pages.items() if v.get(name) is not None}


def load_ratios(data: dict) -> dict[str, float | None]:
    """page -> the dashboard's browser load ÷ the floor's."""
    app, floor = medians(data["app"]), medians(data["floor"])
    found = {}
    for page, values in app.items():
        mine, base = values.get("browser_load_s"), floor.get(page, {}).get("browser_load_s")
        found[page] = mine / base if mine is not None and base else None
    return found


def curated_rows(data: dict) -> list[str]:
    """The curated data's targets: interaction to paint, and first paint against the floor."""
    limit = TARGETS["curated_interaction_s"]
    rows = [target_row(f"filter change → drawn ≤ {limit} s", "curated", measure_of(data, INTERACTIONS[0]), limit, "s")]
    rows.append(target_row(f"map click → drawn ≤ {limit} s", "curated", measure_of(data, INTERACTIONS[1]), limit, "s"))
    ratio_limit = TARGETS["curated_first_paint_ratio"]
    rows.append(target_row(f"first paint ≤ {ratio_limit} × floor", "curated", load_ratios(data), ratio_limit, "×"))
    return rows


def large_rows(data: dict) -> list[str]:
    """The large data's targets: interaction to paint, bytes per page, memory per extra session."""
    name = f"{data['events']:,} events" + ("" if data["events"] == LARGE else f" (stand-in for {LARGE:,})")
    limit, mb = TARGETS["large_interaction_s"], TARGETS["large_page_mb"]
    rows = [target_row(f"filter change → drawn ≤ {limit} s", name, measure_of(data, INTERACTIONS[0]), limit, "s")]
    rows.append(target_row(f"map click → drawn ≤ {limit} s", name, measure_of(data, INTERACTIONS[1]), limit, "s"))
    rows.append(target_row(f"≤ {mb:g} MB sent per page", name, measure_of(data, "bytes_first", 1 / 2**20), mb, "MB"))
    session = {"server": per_session(data["app"])}
    limit = TARGETS["large_extra_session_mb"]
    return rows + [target_row(f"≤ {limit:g} MB per extra session", name, session, limit, "MB")]


def slope(small: dict, large: dict, page: str, name: str) -> float | None:
    """Log-log slope of one page's measure between two data sets: 1 = linear in events, 2 = quadratic."""
    a, b = medians(small["app"]).get(page, {}).get(name), medians(large["app"]).get(page, {}).get(name)
    if not a or not b or large["events"] <= small["events"]:
        return None
    return math.log(b / a) / math.log(large["events"] / small["events"])


def growth_rows(synthetic: list[dict]) -> list[str]:
    """Growth of server time and bytes with events: the steepest slope between consecutive sizes, per page."""
    limit, sizes = TARGETS["growth_exponent"], " → ".join(f"{d['events']:,}" for d in synthetic)
    rows = []
    for name in GROWTH_MEASURES:
        values = {}
        for page in PAGE_NAMES.values():
            found = [slope(a, b, page, name) for a, b in zip(synthetic, synthetic[1:], strict=False)]
            found = [v for v in found if v is not None]
            values[page] = max(found) if found else None
        rows.append(target_row(f"{name} grows ≤ linearly (slope ≤ {limit:g})", sizes, values, limit, ""))
    return rows


def dense_rows(data: dict) -> list[str]:
    """Whether the dense pages show their aggregation note exactly when they draw more than their limit."""
    rows = []
    for page, (table, limit, word) in DENSE.items():
        drawn = data.get("drawn", {}).get(page)
        notes = data["app"]["pages"].get(page, {}).get("notes", [])
        shown = next((n for n in notes if word in n), None)
        if drawn is None:
            continue
        met = "met" if (shown is not None) == (drawn > limit) else "**missed**"
        what = f"note: “{shown[:90]}…”".replace("|", "\\|") if shown else "no note"
        target = f"{page} aggregates above {limit:,} {table}"
        rows.append(f"| {target} | {data['name']} | {drawn:,} drawn | {met} | {what} |")
    return rows


def target_lines(datasets: list[dict]) -> list[str]:
    """Where each of issue 6's targets stands: the worst page's figure, met or missed, and every page's figure."""
    lines = ["## Targets (issue 6)", "", "| target | data set | figure (worst page) | met? | per page |"]
    lines.append("|---|---|---|---|---|")
    curated = [d for d in datasets if d["name"] == "curated"]
    synthetic = sorted((d for d in datasets if d["name"] != "curated"), key=lambda d: d["events"])
    lines += curated_rows(curated[0]) if curated else ["| curated targets | curated | — | not in this run | |"]
    lines += large_rows(synthetic[-1]) if synthetic else ["| 100,000-event targets | — | — | not in this run | |"]
    lines += growth_rows(synthetic) if len(synthetic) > 1 else ["| growth | — | — | needs two synthetic sizes | |"]
    for data in curated + synthetic:
        lines += dense_rows(data)
    return lines + [""]


def plot(datasets: list[dict], path: Path) -> Path | None:
    """time_vs_events.png: browser load and server first run per page against the number of events."""
    ordered = sorted(datasets, key=lambda d: d["events"])
    measures = ("browser_load_s", "server_first_s", "browser_filter_s", "server_filter_s")
    titles = ("browser: navigation → drawn", "server: first run", "browser: filter → redrawn", "server: filter rerun")
    figure = make_subplots(rows=2, cols=2, subplot_titles=titles, horizontal_spacing=0.08, vertical_spacing=0.14)
    for number, measure in enumerate(measures):
        row, col = number // 2 + 1, number % 2 + 1
        for page, color in zip(PAGE_NAMES.values(), PAGE_COLORS, strict=True):
            ys = [medians(d["app"]).get(page, {}).get(measure) for d in ordered]
            line = {"color": color}
            figure.add_scatter(
                x=[d["events"] for d in ordered],
                y=ys,
                name=page,
                legendgroup=page,
                showlegend=number == 0,
                mode="lines+markers",
                line=line,
                row=row,
                col=col,
            )
    figure.update_xaxes(type="log", title="events")
    figure.update_yaxes(type="log", title="seconds")
    figure.update_layout(template="plotly_white", title="Dashboard time per page vs number of events (medians)")
    figure.update_layout(**PLOT_SIZE)
    return screenshot(figure, path)


def screenshot(figure: go.Figure, path: Path) -> Path | None:
    """Render a plotly figure to PNG with headless Chromium (kaleido is not installed)."""
    html = path.with_suffix(".html")
    figure.write_html(html, include_plotlyjs=True, full_html=True, config={"staticPlot": True})
    playwright, chromium = browser.launch()
    try:
        tab = chromium.new_page(viewport=PLOT_SIZE)
        tab.goto(html.as_uri())
        tab.wait_for_selector(".main-svg")
        tab.screenshot(path=str(path))
    finally:
        chromium.close()
        playwright.stop()
        html.unlink(missing_ok=True)
    return path


def write(datasets: list[dict], label: str, stamp: datetime, seconds_taken: float, base: Path) -> list[Path]:
    """Write `<base>.json`, `<base>.md` and `time_vs_events.png` beside them."""
    base.parent.mkdir(parents=True, exist_ok=True)
    results = as_json(datasets, label, stamp, seconds_taken)
    base.with_suffix(".json").write_text(json.dumps(results, indent=1))
    return [base.with_suffix(".json"), *render(results, base)]


def render(results: dict, base: Path) -> list[Path]:
    """The markdown next to a results JSON, and the plot beside it."""
    stamp = datetime.fromisoformat(results["finished"])
    markdown = as_markdown(results["datasets"], results["run"], stamp, results["seconds"])
    base.with_suffix(".md").write_text(markdown)
    return [base.with_suffix(".md"), plot(results["datasets"], base.parent / "time_vs_events.png")]


def main(argv: list[str] | None = None) -> int:
    """Re-render the markdown and the plot of a results JSON: `python -m bench.report <file.json>`."""
    import sys

    path = Path((argv or sys.argv[1:])[0]).resolve()
    print("\n".join(str(p) for p in render(json.loads(path.read_text()), path.with_suffix(""))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
