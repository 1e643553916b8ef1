"""Load test: N concurrent viewers over Streamlit's WebSocket protocol, one replica against two behind nginx.

    .venv/bin/python -m loadtest.run --viewers 30 --seconds 120

Phases: `one` (one replica, direct), `two` (two replicas behind nginx), `kill` (two behind nginx, one
killed half-way), `saturation` (rate ramp without think time, one replica and two), `rounds` (three
rounds of sessions opening and closing, memory after each). Writes bench/results/loadtest-<date>.{md,json}.

`followers` (not run by default; `--phases followers --followers 0 10 25 50`): devices on a follow link, added
up to each count on one replica on Redis, first alone with the presenter still (what one follower costs), then
while `--viewers` viewers browse and the presenter moves (how many one replica holds). Writes
bench/results/followers-<date>.{md,json}.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime
import json
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psutil

from loadtest import followers as following
from loadtest.browsers import browse
from loadtest.report import markdown, percentile, summarise
from loadtest.viewers import FAILURES, PAGES, Recorder, Viewer, change_filter, run_error
from tooling.protocol import Session
from tooling.servers import Stack, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ALL_PHASES = ("one", "two", "kill", "saturation", "rounds")
PHASE_CHOICES = (*ALL_PHASES, "followers")
RAMP = (0.5, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 25, 30, 40)
P95_LIMIT_S = 1.0
RAMP_GIVE_UP_P95_S = 4.0
SESSION_TTL_S = 5
LATE_VIEWERS = 5


@dataclasses.dataclass
class Options:
    """Command-line settings of one run."""

    viewers: int = 30
    seconds: float = 120.0
    think: tuple[float, float] = (3.0, 8.0)
    seed: int = 7
    base_port: int = 8661
    data_dir: Path | None = None
    phases: tuple[str, ...] = ALL_PHASES
    ramp_step_s: float = 8.0
    rounds: int = 3
    out: Path = RESULTS
    browsers: int = 2
    followers: tuple[int, ...] = (0, 10, 25, 50, 100)
    follower_step_s: float = 20.0
    move_every_s: float = 10.0

    def port(self, offset: int) -> int:
        """`base_port + offset`, or any free port when base_port is 0."""
        return self.base_port + offset if self.base_port else free_port()


class Monitor:
    """Samples RSS and CPU of every replica once a second, labelled with the current phase."""

    def __init__(self, stacks: Sequence[Stack]) -> None:
        self.stacks = stacks
        self.phase = "start"
        self.series: list[dict] = []
        self.machine: list[dict] = []
        self.started = time.monotonic()
        self.processes: dict[int, psutil.Process] = {}
        self.generator = psutil.Process()  # this process: the simulated viewers themselves
        self.generator.cpu_percent(None)

    def sample(self) -> None:
        """One reading per live replica (its process and children)."""
        for stack in self.stacks:
            for replica in stack.replicas:
                process = self.processes.get(replica.port) or replica.ps()
                if process is None or not process.is_running():
                    continue
                self.processes[replica.port] = process
                try:
                    family = [process, *process.children(recursive=True)]
                    rss = sum(p.memory_info().rss for p in family) / 2**20
                    cpu = sum(p.cpu_percent(None) for p in family)
                except psutil.Error:
                    continue
                t = time.monotonic() - self.started
                self.series.append({"t": t, "phase": self.phase, "port": replica.port, "rss_mb": rss, "cpu_pct": cpu})
        self.machine.append(
            {
                "t": time.monotonic() - self.started,
                "phase": self.phase,
                "cpu_pct": psutil.cpu_percent(None),
                "generator_pct": self.generator.cpu_percent(None),
                "load1": os.getloadavg()[0],
            }
        )

    async def run(self) -> None:
        """Sample forever (cancelled at the end of the run)."""
        while True:
            self.sample()
            await asyncio.sleep(1.0)

    def rss(self, port: int) -> float:
        """The replica's current RSS in MB."""
        process = self.processes.get(port)
        return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20


async def warm(url: str) -> None:
    """Open `/` once, as the host checking the link does, so the first timed load is not a cold start.

    (The page scripts live in `app_pages/`, so a deep link on a fresh server already gets the frame; see
    `tests/proxy/test_proxy.py`. The warm-up keeps the data load out of the timed phases.)
    """
    session = Session(url)
    try:
        await session.load_page("")
    finally:
        await session.close()


async def crowd(url: str, options: Options, seconds: float, offset: int = 0, recorder: Recorder | None = None):
    """Run `options.viewers` viewers against `url` for `seconds`; return (recorder, viewers)."""
    recorder = recorder or Recorder()
    deadline = time.monotonic() + seconds
    viewers = [
        Viewer(offset + i, url, recorder, random.Random(options.seed * 1000 + offset + i), options.think)
        for i in range(options.viewers)
    ]
    await asyncio.gather(*(stagger(v, i, deadline, options) for i, v in enumerate(viewers)))
    return recorder, viewers


async def stagger(viewer: Viewer, index: int, deadline: float, options: Options) -> None:
    """Start viewers over the first think time, as an audience arriving within a minute does."""
    await asyncio.sleep(viewer.rng.uniform(0, options.think[0]))
    await viewer.live(deadline)


async def with_browsers(url: str, options: Options, phase: str, date: str) -> list[dict]:
    """Real Chromium tabs during a phase (none when `--browsers 0`); their load times."""
    if not options.browsers:
        return []
    options.out.mkdir(parents=True, exist_ok=True)
    shots = options.out / f"loadtest-{date}-{phase}"
    return await asyncio.to_thread(browse, url, options.seconds, options.browsers, shots, options.seed)


def phase_result(recorder: Recorder, viewers: int, url: str) -> dict:
    """The JSON of one phase: who, where, figures and raw samples."""
    samples = [dataclasses.asdict(s) for s in recorder.samples]
    return {"viewers": viewers, "url": url, "summary": summarise(recorder.samples), "samples": samples}


async def kill_phase(stack: Stack, options: Options, monitor: Monitor) -> tuple[dict, dict]:
    """Viewers on two replicas; one replica is killed half-way, late viewers arrive after it."""
    recorder = Recorder()
    kill_at = options.seconds / 2
    main = asyncio.create_task(crowd(stack.url, options, options.seconds, 0, recorder))
    await asyncio.sleep(kill_at)
    killed = stack.kill_replica(0)
    killed_t = time.monotonic() - recorder.started
    await asyncio.sleep(2.0)
    late_options = dataclasses.replace(options, viewers=LATE_VIEWERS)
    late_seconds = max(5.0, options.seconds - kill_at - 4.0)
    _, late = await crowd(stack.url, late_options, late_seconds, 1000, recorder)
    _, viewers = await main
    return phase_result(recorder, options.viewers + LATE_VIEWERS, stack.url), kill_verdict(
        recorder, viewers, late, killed_t, killed.port
    )


def is_connection_error(error: str) -> bool:
    """Whether a failure is the connection going away (not the app failing a run)."""
    return bool(error) and not error.startswith(("script ", "page not found"))


def kill_verdict(recorder: Recorder, viewers: list[Viewer], late: list[Viewer], killed_t: float, port: int) -> dict:
    """Who lost their session to the kill, whether each got a working page back, and stray errors."""
    grace = killed_t + 15.0
    numbers = {v.number for v in viewers}
    dropped = {
        s.viewer
        for s in recorder.samples
        if not s.ok and killed_t <= s.at <= grace and s.viewer in numbers and is_connection_error(s.error)
    }
    strays = [s for s in recorder.samples if not s.ok and (s.viewer not in dropped or s.at > grace)]
    recovered = {s.viewer for s in recorder.samples if s.viewer in dropped and s.kind == "load" and s.ok}
    recovered &= {s.viewer for s in recorder.samples if s.ok and s.at > killed_t}
    late_errors = sum(len(v.failures) for v in late)
    survivors = [v.number for v in viewers if v.number not in dropped]
    after = [s for s in recorder.samples if s.ok and s.at > killed_t and s.viewer in survivors]
    lines = [
        f"replica on port {port} killed with SIGKILL at t = {killed_t:.0f} s",
        f"{len(dropped)} of {len(viewers)} viewers were on it and lost their session; "
        f"{len(recovered & dropped)} of them got a working page again on reload",
        f"{len(survivors)} viewers on the survivor kept working: {len(after)} clean runs after the kill, "
        f"{len([s for s in strays if s.viewer in survivors])} errors",
        f"{len(late)} new viewers arriving after the kill: {late_errors} errors (they all landed on the survivor)",
        f"errors other than the sessions lost at the kill: {len(strays)}",
    ]
    ok = recovered >= dropped and not strays and late_errors == 0
    return {"killed_port": port, "killed_t": killed_t, "dropped": sorted(dropped), "ok": ok, "lines": lines}


async def open_pool(url: str, size: int, seed: int) -> list[Session]:
    """Open `size` tabs on rotating pages, a few at a time."""
    sessions = [Session(url) for _ in range(size)]
    for start in range(0, size, 5):
        batch = sessions[start : start + 5]
        await asyncio.gather(*(s.load_page(PAGES[(start + i) % len(PAGES)]) for i, s in enumerate(batch)))
    return sessions


async def timed_filter_rerun(session: Session, rng: random.Random, results: list[tuple[float, str]]) -> None:
    """One filter change on an idle tab; append (seconds, error)."""
    started = time.perf_counter()
    try:
        change_filter(session, rng)
        error = run_error(await session.rerun())
    except FAILURES as failure:
        error = f"{type(failure).__name__}: {failure}"
    results.append((time.perf_counter() - started, error))


async def ramp_step(sessions: list[Session], rate: float, step_s: float, rng: random.Random) -> dict:
    """Offer `rate` reruns/s for `step_s` on idle tabs; measure what the server achieves."""
    busy: dict[int, asyncio.Task] = {}
    results: list[tuple[float, str]] = []
    skipped = 0
    started = time.monotonic()
    for n in range(int(rate * step_s)):
        await asyncio.sleep(max(0.0, started + n / rate - time.monotonic()))
        idle = [i for i in range(len(sessions)) if i not in busy or busy[i].done()]
        if not idle:
            skipped += 1
            continue
        i = rng.choice(idle)
        busy[i] = asyncio.create_task(timed_filter_rerun(sessions[i], rng, results))
    await asyncio.gather(*busy.values())
    elapsed = time.monotonic() - started
    latencies = [s for s, e in results if not e]
    return {
        "rate": rate,
        "achieved": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "skipped": skipped,
        "errors": sum(1 for _, e in results if e),
    }


async def saturation(url: str, options: Options) -> dict:
    """Ramp the offered rerun rate until p95 passes 1 s; the last rate under it is the saturation point."""
    rng = random.Random(options.seed)
    sessions = await open_pool(url, options.viewers, options.seed)
    steps: list[dict] = []
    try:
        for rate in RAMP:
            step = await ramp_step(sessions, rate, options.ramp_step_s, rng)
            steps.append(step)
            if step["p95"] is None or step["p95"] > RAMP_GIVE_UP_P95_S or step["skipped"]:
                break
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    good = [s for s in steps if s["p95"] is not None and s["p95"] <= P95_LIMIT_S and not s["errors"]]
    best = max(good, key=lambda s: s["achieved"]) if good else None
    peak = max(s["achieved"] for s in steps) if steps else 0.0
    verdict = (
        f"sustains {best['achieved']:.1f} reruns/s with p95 {best['p95']:.2f} s (offered {best['rate']}/s)"
        if best
        else f"p95 above 1 s already at {steps[0]['rate']} rerun/s"
    ) + f"; peak throughput {peak:.1f} reruns/s"
    return {"steps": steps, "sustained": best["achieved"] if best else 0.0, "peak": peak, "verdict": verdict}


async def memory_rounds(stack: Stack, options: Options, monitor: Monitor) -> list[dict]:
    """Rounds of a full audience opening tabs, acting, closing; RSS once the closed sessions expire."""
    port = stack.replicas[0].port
    rounds = [{"round": 0, "sessions": 0, "rss_mb": monitor.rss(port)}]
    quick = dataclasses.replace(options, think=(0.2, 0.6))
    for number in range(1, options.rounds + 1):
        monitor.phase = f"round {number}"
        await crowd(stack.url, quick, 8.0, number * 100)
        await asyncio.sleep(SESSION_TTL_S + 5)
        rounds.append({"round": number, "sessions": options.viewers, "rss_mb": monitor.rss(port)})
    return rounds


def verdicts(report: dict, options: Options) -> list[tuple[str, bool]]:
    """The targets of the issue, each with whether this run met it."""
    out = []
    for name, phase in report["phases"].items():
        p95 = phase["summary"]["rerun"]["p95"]
        if "killed" not in name:  # the kill verdict below accounts for the sessions it cut
            out.append((f"{name}: {phase['viewers']} viewers, 0 errors", phase["summary"]["errors"] == 0))
        out.append((f"{name}: p95 rerun {p95 if p95 is None else round(p95, 3)} s <= 1 s", (p95 or 99) <= P95_LIMIT_S))
    if "kill" in report:
        out.append(
            ("replica killed: survivors unaffected, late viewers served, dropped viewers recover", report["kill"]["ok"])
        )
    if "followers" in report:
        out.append((report["followers"]["verdict"]["text"], report["followers"]["verdict"]["ok"]))
    if report.get("rounds"):
        first, last = report["rounds"][1]["rss_mb"], report["rounds"][-1]["rss_mb"]
        out.append(
            (
                f"memory after round 1 {first:.0f} MB, after the last {last:.0f} MB: no upward trend",
                last <= first * 1.10,
            )
        )
    return out


async def run(options: Options) -> dict:
    """Start the stacks, run the chosen phases, return the report."""
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    single = Stack(workdir, options.data_dir, (f"--server.disconnectedSessionTTL={SESSION_TTL_S}",))
    pair = Stack(workdir, options.data_dir)
    stacks = [single, pair]
    report: dict = {"phases": {}, "date": datetime.date.today().isoformat()}
    monitor = Monitor(stacks)
    sampler: asyncio.Task | None = None
    try:
        if {"one", "saturation", "rounds"} & set(options.phases):
            single.start_replica(options.port(0))
        if {"two", "kill", "saturation"} & set(options.phases):
            pair.start_replica(options.port(1))
            pair.start_replica(options.port(2))
            pair.start_proxy(options.port(9))
        for stack in stacks:
            for replica in stack.replicas:
                await warm(replica.url)
        sampler = asyncio.create_task(monitor.run())
        await run_phases(options, single, pair, monitor, report)
        if "followers" in options.phases:
            monitor.phase = "followers"
            report["followers"] = await followers_phase(options, workdir)
    finally:
        if sampler is not None:
            sampler.cancel()
        for stack in stacks:
            stack.close()
    report["resources"] = monitor.series
    report["machine"] = machine_summary(monitor.machine)
    report["setup"] = setup_text(options)
    report["verdicts"] = verdicts(report, options)
    return report


async def run_phases(options: Options, single: Stack, pair: Stack, monitor: Monitor, report: dict) -> None:
    """The phases in an order that keeps the killed replica for last."""
    for name, stack in (("one", single), ("two", pair)):
        if name in options.phases:
            monitor.phase = name
            (recorder, _), tabs = await asyncio.gather(
                crowd(stack.url, options, options.seconds), with_browsers(stack.url, options, name, report["date"])
            )
            label = f"{name} replica{'s' if name == 'two' else ''}"
            report["phases"][label] = phase_result(recorder, options.viewers, stack.url)
            report["phases"][label]["browsers"] = tabs
    if "saturation" in options.phases:
        report["saturation"] = {}
        for label, stack in (("1 replica", single), ("2 replicas + nginx", pair)):
            monitor.phase = f"saturation {label}"
            report["saturation"][label] = await saturation(stack.url, options)
    if "rounds" in options.phases:
        report["rounds"] = await memory_rounds(single, options, monitor)
    if "kill" in options.phases:
        monitor.phase = "kill"
        report["phases"]["two replicas, one killed"], report["kill"] = await kill_phase(pair, options, monitor)


async def followers_phase(options: Options, workdir: Path) -> dict:
    """Followers alone (presenter still), then followers while viewers browse (presenter moving)."""
    from components.data.loading import load_dataset
    from components.server.store import RedisStore
    from components.state.briefing import briefing_steps

    steps = briefing_steps(load_dataset(options.data_dir or ROOT / "data"))
    titles = {s.number: s.title for s in steps}
    redis, replica, stack = following.start_replica(workdir, options.port(3), options.data_dir)
    result: dict = {"counts": list(options.followers), "step_s": options.follower_step_s}
    try:
        await warm(replica.url)
        presenter = following.Presenter(RedisStore(redis.url), [s.number for s in steps], titles)
        result["alone"], result["redraws"] = await following.ramp(
            replica, presenter, options.followers, options.follower_step_s, None
        )
        recorder = Recorder()
        viewers = [
            Viewer(2000 + i, replica.url, recorder, random.Random(options.seed * 1000 + 2000 + i), options.think)
            for i in range(options.viewers)
        ]
        browsing = [asyncio.create_task(stagger(v, i, float("inf"), options)) for i, v in enumerate(viewers)]
        await asyncio.sleep(options.think[1])  # every viewer has arrived
        try:
            result["with_viewers"], _ = await following.ramp(
                replica, presenter, options.followers, options.follower_step_s, options.move_every_s, recorder
            )
        finally:
            for task in browsing:
                task.cancel()
            await asyncio.gather(*browsing, return_exceptions=True)
            await asyncio.gather(*(v.close() for v in viewers), return_exceptions=True)
        result["viewers"] = options.viewers
        result["move_every_s"] = options.move_every_s
        result["verdict"] = following.capacity(result["with_viewers"])
    finally:
        stack.close()
        redis.stop()
    return result


def machine_summary(points: list[dict]) -> dict:
    """Per phase: the whole machine's mean CPU use and 1-minute load average (other work on it skews results)."""
    phases: dict[str, list[dict]] = {}
    for point in points:
        phases.setdefault(point["phase"], []).append(point)
    return {
        phase: {
            "cpu_pct": sum(p["cpu_pct"] for p in group) / len(group),
            "generator_pct": sum(p["generator_pct"] for p in group) / len(group),
            "load1": sum(p["load1"] for p in group) / len(group),
        }
        for phase, group in phases.items()
    }


def code_version() -> str:
    """The commit the servers ran: `git rev-parse` here, else LOADTEST_COMMIT (a frozen copy has no .git)."""
    try:
        found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    except OSError:
        found = None
    if found is not None and found.returncode == 0:
        return found.stdout.strip()
    return os.environ.get("LOADTEST_COMMIT", "unknown")


def setup_text(options: Options) -> str:
    """One paragraph saying what was run, on what."""
    return (
        f"Code: commit {code_version()}. {options.viewers} viewers for {options.seconds:.0f} s per phase, think time "
        f"{options.think[0]:g}-{options.think[1]:g} s (seed {options.seed}), Streamlit's WebSocket protocol over "
        f"loopback; data: {options.data_dir or 'bundled data/'}; machine: {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GB. The one-replica phase talks to the replica directly, "
        "the others go through nginx (deploy/nginx.conf) with cookie affinity."
    )


def write(report: dict, out: Path) -> tuple[Path, ...]:
    """Write `loadtest-<date>.json` (with raw samples) and `.md`, and `followers-<date>.*`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    if report["phases"] or "saturation" in report or report.get("rounds"):
        stem = out / f"loadtest-{report['date']}"
        stem.with_suffix(".json").write_text(json.dumps(report, indent=1, default=str))
        stem.with_suffix(".md").write_text(markdown(report))
        paths += [stem.with_suffix(".json"), stem.with_suffix(".md")]
    if "followers" in report:
        stem = out / f"followers-{report['date']}"
        stem.with_suffix(".json").write_text(json.dumps(report["followers"], indent=1, default=str))
        stem.with_suffix(".md").write_text(following.markdown(report["followers"], report["setup"]))
        paths += [stem.with_suffix(".json"), stem.with_suffix(".md")]
    return tuple(paths)


def parse(argv: Sequence[str] | None = None) -> Options:
    """Options from the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--viewers", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120.0, help="length of each viewer phase")
    parser.add_argument("--think", type=float, nargs=2, default=(3.0, 8.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--base-port", type=int, default=8661, help="replicas on +0..+2, nginx on +9; 0: any free")
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the bundled data/)")
    parser.add_argument("--phases", nargs="+", choices=PHASE_CHOICES, default=list(ALL_PHASES))
    parser.add_argument("--ramp-step", type=float, default=8.0, help="seconds per rate in the saturation ramp")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--browsers", type=int, default=2, help="real Chromium tabs alongside (0: none)")
    parser.add_argument("--followers", type=int, nargs="+", default=[0, 10, 25, 50, 100], help="follower counts")
    parser.add_argument("--follower-step", type=float, default=20.0, help="seconds measured at each follower count")
    parser.add_argument("--move-every", type=float, default=10.0, help="presenter's move interval while viewers browse")
    args = parser.parse_args(argv)
    return Options(
        viewers=args.viewers,
        seconds=args.seconds,
        think=tuple(args.think),
        seed=args.seed,
        base_port=args.base_port,
        data_dir=args.data_dir,
        phases=tuple(args.phases),
        ramp_step_s=args.ramp_step,
        out=args.out,
        browsers=args.browsers,
        followers=tuple(args.followers),
        follower_step_s=args.follower_step,
        move_every_s=args.move_every,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run, write the report, print the verdicts; exit 1 when a target was missed."""
    options = parse(argv)
    report = asyncio.run(run(options))
    paths = write(report, options.out)
    for text, ok in report["verdicts"]:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    print("report:", *paths)
    return 0 if all(ok for _, ok in report["verdicts"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
