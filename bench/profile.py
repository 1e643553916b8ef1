"""Where a page's server time goes: py-spy samples the running dashboard while the page is rerun.

`.venv/bin/python -m bench.profile --size 10000 --page timeline [--runs 10] [--filter]`

Starts the dashboard on the data set, runs the page once to warm the caches, then records the server with
py-spy while the page is run `--runs` times on new sessions (or rerun after filter changes with `--filter`,
or after map clicks with `--click`). Writes the collapsed stacks (`bench/work/profiles/<size>-<page>.txt`,
loadable in speedscope) and prints the project's functions by inclusive share of the samples.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.run import FILTER_KEY, MAX_TABLE_MB, data_folder, deck_widget
from components.state.registry import PAGE_NAMES
from tooling.protocol import Session, choice_state, deck_click_state, find_widget, pickable_objects
from tooling.servers import ROOT, start_app

PROFILES = ROOT / "bench" / "work" / "profiles"
# py-spy names files relative to sys.path: components/x.py, dashboard.py, and the pages by their bare names.
PROJECT = ("components/", "(dashboard.py", *(f"({page}.py" for page in PAGE_NAMES))


async def exercise(url: str, page: str, runs: int, mode: str) -> list[float]:
    """Run the page `runs` times: new sessions, or reruns after filter changes / map clicks."""
    seconds = []
    for rep in range(runs):
        session = await Session.open(url)
        first = await session.run(page)
        if mode == "first":
            seconds.append(first.seconds)
        elif mode == "filter" and (widget := find_widget(first, FILTER_KEY)):
            seconds.append((await session.run(page, widgets=[choice_state(*widget, rep + 1)])).seconds)
        elif mode == "click" and (deck := deck_widget(first)):
            objects = pickable_objects(deck[1])
            layer, index, item = objects[rep % len(objects)]
            seconds.append((await session.run(page, widgets=[deck_click_state(deck[0], layer, index, item)])).seconds)
        await session.close()
    return seconds


def without_load(collapsed: str) -> str:
    """The stacks outside `load_dataset`: a data reload the server starts in the sampled window is not the page's."""
    return "\n".join(line for line in collapsed.splitlines() if "load_dataset" not in line)


def inclusive_shares(collapsed: str) -> tuple[int, Counter]:
    """Total samples in script runs, and the samples of each project frame (counted once per stack)."""
    total, shares = 0, Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or "exec_func_with_error_handling" not in stack:
            continue
        total += int(count)
        frames = {frame for frame in stack.split(";") if any(part in frame for part in PROJECT)}
        for frame in frames:
            shares[frame] += int(count)
    return total, shares


def leaf_libraries(collapsed: str, top: int = 12) -> list[tuple[str, int]]:
    """The library functions where script runs spend their samples, below the project's own frames."""
    leaves = Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit() and "exec_func_with_error_handling" in stack:
            frames = stack.split(";")
            inner = [i for i, frame in enumerate(frames) if any(part in frame for part in PROJECT)]
            if inner and inner[-1] + 1 < len(frames):
                leaves[frames[inner[-1] + 1].split(" (")[0] + " ← " + frames[inner[-1]].split(" (")[0]] += int(count)
    return leaves.most_common(top)


def record(pid: int, out: Path) -> subprocess.Popen:
    """Start py-spy on the server process, writing collapsed stacks."""
    command = [str(ROOT / ".venv" / "bin" / "py-spy"), "record", "-p", str(pid), "-r", "250", "-f", "raw"]
    command += ["-o", str(out), "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def main(argv: list[str] | None = None) -> int:
    """Profile one page of the dashboard on one data set and print where its time goes."""
    parser = argparse.ArgumentParser(description="Profile one page of the dashboard with py-spy.")
    parser.add_argument("--size", default="10000", help="curated or a number of events")
    parser.add_argument("--page", default="", help="url path: '' (overview), timeline, forces, map, ...")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--mode", choices=("first", "filter", "click"), default="first")
    parser.add_argument("--with-load", action="store_true", help="count samples inside load_dataset too")
    args = parser.parse_args(argv)
    PROFILES.mkdir(parents=True, exist_ok=True)
    out = PROFILES / f"{args.size}-{args.page or 'overview'}-{args.mode}.txt"
    env = {"BRIEFING_MAX_TABLE_MB": MAX_TABLE_MB}
    server = start_app(PROFILES / "server", data_dir=data_folder(args.size), env=env)
    try:
        asyncio.run(exercise(server.url, args.page, 1, "first"))
        spy = record(server.process.pid, out)
        time.sleep(1.0)
        seconds = asyncio.run(exercise(server.url, args.page, args.runs, args.mode))
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)
    finally:
        server.stop()
    report(out, seconds, args.with_load)
    return 0


def report(out: Path, seconds: list[float], with_load: bool = False) -> None:
    """Print the run times and the project's functions by inclusive share."""
    collapsed = out.read_text() if with_load else without_load(out.read_text())
    total, shares = inclusive_shares(collapsed)
    print(f"{out}: runs {', '.join(f'{s:.2f}' for s in seconds)} s; {total} samples in script runs")
    for frame, count in shares.most_common(25):
        print(f"  {100 * count / max(total, 1):5.1f} %  {frame}")
    print("  library time under the project's innermost frames:")
    for frame, count in leaf_libraries(collapsed):
        print(f"  {100 * count / max(total, 1):5.1f} %  {frame}")


if __name__ == "__main__":
    sys.exit(main())
