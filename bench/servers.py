"""Starting the dashboard and the floor app on free loopback ports, and reading their memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8631, 8651)
HEALTH_TIMEOUT_S = 180.0
# 100,000 events make a 27 MB events.csv: over the default 20 MB table limit, so the benchmark raises it.
MAX_TABLE_MB = "128"


@dataclass
class Server:
    """A running Streamlit server: its URL, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the server and its children, in MB."""
        try:
            root = psutil.Process(self.process.pid)
            processes = [root, *root.children(recursive=True)]
            return sum(p.memory_info().rss for p in processes) / 1_048_576
        except psutil.NoSuchProcess:
            return float("nan")

    def stop(self) -> None:
        """Stop the server's whole process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


def free_port(taken: set[int] = frozenset()) -> int:
    """The first port of the benchmark's range that nothing listens on."""
    for port in PORTS:
        if port in taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def healthy(url: str) -> bool:
    """True when the server answers /_stcore/health with ok."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def streamlit_flags(port: int, work: Path) -> list[str]:
    """Flags for a headless server on loopback with no secrets (so no passcode gate)."""
    work.mkdir(parents=True, exist_ok=True)
    secrets = work / "no-secrets.toml"
    secrets.write_text("")
    return [
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        f"--secrets.files={secrets}",
    ]


def start(command: list[str], env: dict[str, str], port: int, log: Path) -> Server:
    """Start a server process in its own group and wait until it is healthy."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "BRIEFING_MAX_TABLE_MB": MAX_TABLE_MB, "PYTHONPATH": str(ROOT), **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        if healthy(server.url):
            return server
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server on port {port} never became healthy:\n{log.read_text(errors='replace')[-2000:]}")


def start_dashboard(data_dir: Path, work: Path, port: int, script: Path | None = None) -> Server:
    """The dashboard, started the way the README starts it (`./run.sh`), on a data folder.

    `script` runs another Streamlit script instead (to try the benchmark itself on a stand-in app).
    """
    command = ["bash", str(ROOT / "run.sh"), *streamlit_flags(port, work)]
    if script is not None:
        command = [str(ROOT / ".venv" / "bin" / "streamlit"), "run", str(script), *streamlit_flags(port, work)]
    return start(command, {"BRIEFING_DATA_DIR": str(data_dir)}, port, work / "dashboard.log")


def start_floor(floor_dir: Path, work: Path, port: int) -> Server:
    """The floor app, replaying the elements recorded in floor_dir."""
    command = [str(ROOT / ".venv" / "bin" / "streamlit"), "run", str(ROOT / "bench" / "floor_app.py")]
    command += streamlit_flags(port, work)
    return start(command, {"BENCH_FLOOR_DIR": str(floor_dir)}, port, work / "floor.log")
