"""Start and stop what the load test and the proxy tests drive: app replicas and nginx, on loopback."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from deploy.render import nginx_command, replica_command, replica_env, write_config

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 90.0
ALLOWED_HOSTS = ("127.0.0.1", "localhost")


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers_ok(url: str, timeout: float = 2.0) -> bool:
    """Whether `<url>/_stcore/health` answers `ok`."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Block until the server at `url` is healthy; raise with its log if it dies or never is."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if answers_ok(url):
            return
        if process.poll() is not None:
            break
        time.sleep(0.3)
    raise RuntimeError(f"{url} never became healthy; log:\n{log.read_text(errors='replace')[-3000:]}")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own group, and its children, by its id."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class Replica:
    """One `run.sh` process serving the app on a loopback port."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        """The replica's own base URL (bypassing the proxy)."""
        return f"http://127.0.0.1:{self.port}"

    def ps(self) -> psutil.Process | None:
        """The psutil view of the server process, or None once it is gone."""
        try:
            return psutil.Process(self.process.pid)
        except psutil.NoSuchProcess:
            return None


@dataclass
class Stack:
    """Replicas, and nginx in front of them when there are several (or when asked)."""

    workdir: Path
    data_dir: Path | None = None
    extra_args: tuple[str, ...] = ()
    cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32))
    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    proxy_port: int | None = None
    proxy_dir: Path | None = None

    def start_replica(self, port: int) -> Replica:
        """Start one replica as the README starts the app; wait until it is healthy."""
        log = self.workdir / f"replica-{port}.log"
        env = {**os.environ, **replica_env(self.cookie_secret)}
        if self.data_dir is not None:
            env["BRIEFING_DATA_DIR"] = str(self.data_dir)
        command = [*replica_command(port, ALLOWED_HOSTS), "--server.headless=true", *self.extra_args]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        replica = Replica(port, process, log)
        self.replicas.append(replica)
        wait_healthy(replica.url, process, log)
        return replica

    def start_proxy(self, port: int) -> str:
        """Render the nginx config for the running replicas, start nginx, return its base URL."""
        prefix = self.workdir / f"nginx-{port}"
        config = write_config(f"127.0.0.1:{port}", [r.port for r in self.replicas], prefix)
        log = prefix / "stdout.log"
        with log.open("wb") as out:
            self.nginx = subprocess.Popen(
                nginx_command(config), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.proxy_port, self.proxy_dir = port, prefix
        wait_healthy(self.url, self.nginx, prefix / "error.log")
        return self.url

    @property
    def url(self) -> str:
        """Where viewers connect: the proxy when there is one, else the single replica."""
        if self.proxy_port is not None:
            return f"http://127.0.0.1:{self.proxy_port}"
        return self.replicas[0].url

    def upstreams(self) -> list[tuple[str, str]]:
        """(affinity key, replica address) of every request a replica answered, from nginx's access log."""
        assert self.proxy_dir is not None
        pairs = []
        for line in (self.proxy_dir / "access.log").read_text().splitlines():
            fields = dict(part.split("=", 1) for part in line.split() if part.startswith(("upstream=", "route=")))
            if fields.get("upstream", "-") != "-" and "route" in fields:
                pairs.append((fields["route"], fields["upstream"]))
        return pairs

    def kill_replica(self, index: int) -> Replica:
        """Kill one replica outright (SIGKILL, as a crash or an OOM kill would)."""
        replica = self.replicas[index]
        stop(replica.process, signal.SIGKILL)
        return replica

    def close(self) -> None:
        """Stop nginx and every replica."""
        if self.nginx is not None:
            stop(self.nginx, signal.SIGQUIT)
        for replica in self.replicas:
            stop(replica.process)
