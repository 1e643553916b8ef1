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

PAGE_NAMES = {"": "overview", "timeline": "timeline", "forces": "forces", "map": "map", "sources": "sources"}
PAGE_NAMES["presenter"] = "presenter"
TARGETS = {  # proposed targets; see docs/benchmark.md
    "browser_load_s": 2.0,
    "browser_filter_s": 1.0,
    "browser_click_s": 1.0,
    "server_ratio": 2.0,
    "bytes_first_kb": 1024.0,
}
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
            }
            for p, r in data["pages"].items()
        }
        return {"cold_s": data["cold_s"], "rss_1_mb": data["rss_1_mb"], "rss_10_mb": data["rss_10_mb"], "pages": pages}

    return {
        "run": label,
        "finished": stamp.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "machine": {"cpus": _cpus(), "python": platform.python_version(), "streamlit": streamlit.__version__},
        "datasets": [
            {
                "name": d["name"],
                "events": d["events"],
                "load_avg": d.get("load_avg"),
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
        f"Cold first run (data loaded and validated): {seconds(app['cold_s'])} s (floor {seconds(floor['cold_s'])} s). "
        f"Server memory: {app['rss_1_mb']:.0f} MB with 1 session, {app['rss_10_mb']:.0f} MB with 10 "
        f"(floor {floor['rss_1_mb']:.0f} / {floor['rss_10_mb']:.0f} MB). "
        f"Machine load average (1, 5, 15 min) when done: {data.get('load_avg')}.",
    ]
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


def worst(pages: dict[str, dict], name: str) -> tuple[float | None, str]:
    """The largest median of a measure over the pages, and the page it belongs to."""
    found = [(v[name], page) for page, v in pages.items() if v.get(name) is not None and not math.isnan(v[name])]
    return max(found) if found else (None, "")


def target_lines(datasets: list[dict]) -> list[str]:
    """Where each proposed target stands, per data set (worst page)."""
    lines = ["## Targets (worst page)", "", "| data set | target | worst | page | met |", "|---|---|---|---|---|"]
    for data in datasets:
        app = medians(data["app"])
        for name in ("browser_load_s", "browser_filter_s", "browser_click_s"):
            value, page = worst(app, name)
            lines.append(_target_row(data["name"], f"{name} ≤ {TARGETS[name]} s", value, page, TARGETS[name]))
        value, page = worst(app, "bytes_first")
        kb = None if value is None else value / 1024
        lines.append(_target_row(data["name"], f"first run ≤ {TARGETS['bytes_first_kb']:.0f} KB", kb, page, 1024.0))
    return lines + [""]


def _target_row(dataset: str, target: str, value: float | None, page: str, limit: float) -> str:
    met = "—" if value is None else ("yes" if value <= limit else "**no**")
    return f"| {dataset} | {target} | {seconds(value)} | {page} | {met} |"


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


def write(datasets: list[dict], label: str, stamp: datetime, seconds_taken: float, folder: Path) -> list[Path]:
    """Write `<date>-<label>.json`, `.md` and `time_vs_events.png` into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    results = as_json(datasets, label, stamp, seconds_taken)
    base = folder / f"{stamp:%Y-%m-%d}-{label}"
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
