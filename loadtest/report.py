"""Latency statistics of a phase, and the markdown report of a whole load-test run."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from loadtest.viewers import Sample


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by nearest rank; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def latency(samples: Sequence[Sample], kind: str) -> dict:
    """Count and p50/p95/p99/max seconds of the successful runs of one kind."""
    seconds = [s.seconds for s in samples if s.kind == kind and s.ok]
    return {
        "count": len(seconds),
        "p50": percentile(seconds, 50),
        "p95": percentile(seconds, 95),
        "p99": percentile(seconds, 99),
        "max": max(seconds) if seconds else None,
    }


def summarise(samples: Sequence[Sample]) -> dict:
    """The figures of one phase: latencies of loads and reruns, errors counted by message."""
    errors = [s for s in samples if not s.ok]
    return {
        "page_load": latency(samples, "load"),
        "rerun": latency(samples, "rerun"),
        "errors": len(errors),
        "error_kinds": dict(Counter(s.error.split(":")[0] for s in errors).most_common(10)),
        "actions": dict(Counter(s.action.split(" /")[0] for s in samples)),
    }


def seconds(value: float | None) -> str:
    """A latency as `0.123 s`, or `–` when there is none."""
    return "–" if value is None else f"{value:.3f} s"


def cpu_seconds_per_run(phase: dict, series: Sequence[dict], label: str) -> float | None:
    """Server CPU time spent per script run in a phase (all replicas): a cost that contention does not inflate."""
    points = [p for p in series if p["phase"] == label]
    runs = phase["summary"]["page_load"]["count"] + phase["summary"]["rerun"]["count"]
    if not points or not runs:
        return None
    # Each point is one second of one replica: cpu_pct / 100 CPU-seconds.
    return sum(p["cpu_pct"] for p in points) / 100 / runs


PHASE_LABELS = {"one replica": "one", "two replicas": "two", "two replicas, one killed": "kill"}


def latency_rows(phases: dict, series: Sequence[dict] = ()) -> list[str]:
    """Markdown table rows: one per phase with viewers, runs, percentiles, errors and CPU cost per run."""
    rows = [
        "| phase | viewers | loads | load p50 / p95 / p99 | reruns | rerun p50 / p95 / p99 | errors | CPU-s per run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, phase in phases.items():
        load, rerun = phase["summary"]["page_load"], phase["summary"]["rerun"]
        cost = cpu_seconds_per_run(phase, series, PHASE_LABELS.get(name, name))
        rows.append(
            f"| {name} | {phase['viewers']} | {load['count']} | "
            f"{seconds(load['p50'])} / {seconds(load['p95'])} / {seconds(load['p99'])} | {rerun['count']} | "
            f"{seconds(rerun['p50'])} / {seconds(rerun['p95'])} / {seconds(rerun['p99'])} | "
            f"{phase['summary']['errors']} | {seconds(cost)} |"
        )
    return rows


def resource_rows(series: Sequence[dict], every_s: float = 10.0) -> list[str]:
    """Markdown rows of server memory and CPU, one per replica every `every_s` seconds."""
    rows = ["| phase | t (s) | replica | RSS (MB) | CPU (%) |", "|---|---|---|---|---|"]
    last: dict[tuple[str, int], float] = {}
    for point in series:
        key = (point["phase"], point["port"])
        if point["t"] - last.get(key, -every_s) >= every_s:
            last[key] = point["t"]
            rows.append(
                f"| {point['phase']} | {point['t']:.0f} | {point['port']} | {point['rss_mb']:.0f} | "
                f"{point['cpu_pct']:.0f} |"
            )
    return rows


def saturation_rows(curves: dict) -> list[str]:
    """Markdown rows of the rate ramp: offered rate, achieved reruns/s, p95, per setup."""
    rows = ["| setup | offered (reruns/s) | achieved (reruns/s) | p50 | p95 | skipped (all busy) | errors |"]
    rows.append("|---|---|---|---|---|---|---|")
    for setup, curve in curves.items():
        for step in curve["steps"]:
            rows.append(
                f"| {setup} | {step['rate']} | {step['achieved']:.1f} | {seconds(step['p50'])} | "
                f"{seconds(step['p95'])} | {step['skipped']} | {step['errors']} |"
            )
    return rows


WHOLE_MACHINE = (
    "Whole machine during each phase (the test shares it with other work; the load generator's own CPU is "
    "part of it, 100 % = one core):"
)


def percent(value: float | None) -> str:
    """'37' or '—' when not measured (a report from before the figure was recorded)."""
    return "—" if value is None else f"{value:.0f}"


def mix_text(actions: dict[str, int]) -> str:
    """'open 151 (45 %), filter 107 (32 %), ...': each kind of action with its share."""
    total = sum(actions.values()) or 1
    return ", ".join(f"{kind} {count} ({100 * count / total:.0f} %)" for kind, count in actions.items())


def markdown(report: dict) -> str:
    """The whole report as markdown: verdicts first, then the tables behind them."""
    lines = [f"# Load test, {report['date']}", "", report["setup"], "", "## Verdicts", ""]
    lines += [f"- {'PASS' if ok else 'FAIL'}: {text}" for text, ok in report["verdicts"]]
    lines += ["", "## Latency per phase", "", *latency_rows(report["phases"], report.get("resources", ())), ""]
    if report.get("machine"):
        lines += [WHOLE_MACHINE, ""]
        lines += ["| phase | machine CPU (%) | load generator CPU (%) | load average (1 min) |", "|---|---|---|---|"]
        lines += [
            f"| {k} | {v['cpu_pct']:.0f} | {percent(v.get('generator_pct'))} | {v['load1']:.1f} |"
            for k, v in report["machine"].items()
        ]
        lines.append("")
    mixes = {name: phase["summary"].get("actions") for name, phase in report["phases"].items()}
    if any(mixes.values()):
        lines += ["The mix each phase ran (a viewer's first page load counts as an open):", ""]
        lines += [f"- {name}: {mix_text(mix)}" for name, mix in mixes.items() if mix]
        lines.append("")
    tabs = {name: phase.get("browsers") for name, phase in report["phases"].items() if phase.get("browsers")}
    if tabs:
        lines += ["Real Chromium tabs alongside (page load until the app is connected and its script finished):", ""]
        lines += ["| phase | loads | p50 | p95 | errors | screenshots |", "|---|---|---|---|---|---|"]
        for name, samples in tabs.items():
            times = [s["seconds"] for s in samples if not s["error"]]
            errors = sum(1 for s in samples if s["error"])
            lines.append(
                f"| {name} | {len(samples)} | {seconds(percentile(times, 50))} | {seconds(percentile(times, 95))} "
                f"| {errors} | `loadtest-{report['date']}-{name.split()[0]}-tab*.png` |"
            )
        lines.append("")
    if "kill" in report:
        kill = report["kill"]
        lines += ["## Replica killed mid-run", "", *[f"- {line}" for line in kill["lines"]], ""]
    if report.get("saturation"):
        lines += ["## Saturation (rate ramp, no think time)", "", *saturation_rows(report["saturation"]), ""]
        lines += [f"- {setup}: {curve['verdict']}" for setup, curve in report["saturation"].items()]
        lines.append("")
    if report.get("rounds"):
        lines += ["## Memory over rounds of sessions opening and closing", ""]
        lines += ["| round | sessions | RSS after (MB) |", "|---|---|---|"]
        lines += [f"| {r['round']} | {r['sessions']} | {r['rss_mb']:.0f} |" for r in report["rounds"]]
        lines.append("")
    lines += ["## Server memory and CPU over time", "", *resource_rows(report["resources"]), ""]
    return "\n".join(lines)
