"""The one way to start, health-check and stop what the tests, the benchmark and the load test drive.

The app is started as the README starts it (`bash run.sh`, headless, on loopback, with its own secrets file so
a developer's `.streamlit/secrets.toml` never leaks in); nginx from `deploy/render.py`'s config; redis-server
on loopback without persistence. Every process runs in its own process group and is stopped by its id.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deploy.render import nginx_command, replica_env, write_config

ROOT = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT_S = 180.0
LOOPBACK = "127.0.0.1"
ALLOWED_HOSTS = ("127.0.0.1", "localhost")
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"


class ServerError(RuntimeError):
    """A server that died or never answered its health check; the message ends with its log."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    """True when `<url>/_stcore/health` answers `ok` (the app, or nginx in front of it)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def redis_pong(port: int, timeout: float = 2.0) -> bool:
    """True when a Redis server on loopback answers PING."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
    """Stop a process started in its own group, and its children, by its id (SIGKILL if it lingers)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


@dataclass
class Server:
    """A running server: where it answers, its process and its log."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the server and its children, in MB (NaN once it is gone)."""
        import psutil

        try:
            root = psutil.Process(self.process.pid)
            return sum(p.memory_info().rss for p in (root, *root.children(recursive=True))) / 1_048_576
        except psutil.NoSuchProcess:
            return float("nan")

    def ps(self):
        """The psutil view of the server process, or None once it is gone."""
        import psutil

        try:
            return psutil.Process(self.process.pid)
        except psutil.NoSuchProcess:
            return None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the server's whole process group."""
        stop_process(self.process, sig)

    def kill(self) -> None:
        """Kill the server outright (SIGKILL, as a crash or an OOM kill would)."""
        stop_process(self.process, signal.SIGKILL)


def log_tail(log: Path, size: int = 3000) -> str:
    """The end of a server log, for an error message."""
    try:
        return log.read_text(errors="replace")[-size:]
    except OSError:
        return "(no log)"


def start(
    command: Sequence[str],
    port: int,
    log: Path,
    env: dict[str, str] | None = None,
    ready: Callable[[], bool] | None = None,
    timeout_s: float = HEALTH_TIMEOUT_S,
) -> Server:
    """Start a process in its own group, logging to `log`, and wait until `ready()` (default: health ok)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(command),
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Server(f"http://{LOOPBACK}:{port}", port, process, log)
    check = ready or (lambda: healthy(server.url))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        if check():
            return server
        time.sleep(0.3)
    server.stop()
    raise ServerError(f"{' '.join(command[:3])} on port {port} never became ready; log:\n{log_tail(log)}")


def app_command(
    port: int, secrets_file: Path, allowed_hosts: Sequence[str] = (), extra: Sequence[str] = ()
) -> list[str]:
    """The README's run command (`bash run.sh`) for one server: headless, loopback, its own secrets file."""
    hosts = [f"--server.allowedHosts={host}" for host in allowed_hosts]
    return [
        "bash",
        str(ROOT / "run.sh"),
        f"--server.port={port}",
        f"--server.address={LOOPBACK}",
        "--server.headless=true",
        f"--secrets.files={secrets_file}",
        *hosts,
        *extra,
    ]


def start_app(
    work: Path,
    port: int | None = None,
    data_dir: Path | str | None = None,
    secrets_toml: str = "",
    env: dict[str, str] | None = None,
    extra: Sequence[str] = (),
    allowed_hosts: Sequence[str] = (),
    script: Path | None = None,
) -> Server:
    """The dashboard started as ./run.sh starts it, healthy, on a data folder (default: the bundled data).

    `script` runs another Streamlit script the same way instead (the benchmark's floor app, a stand-in).
    """
    port = port or free_port()
    work.mkdir(parents=True, exist_ok=True)
    secrets_file = work / f"secrets-{port}.toml"
    secrets_file.write_text(secrets_toml)
    command = app_command(port, secrets_file, allowed_hosts, extra)
    if script is not None:
        command = [str(STREAMLIT), "run", str(script), *command[2:]]
    extra_env = {"PYTHONPATH": str(ROOT), **(env or {})}
    if data_dir is not None:
        extra_env["BRIEFING_DATA_DIR"] = str(data_dir)
    return start(command, port, work / f"app-{port}.log", extra_env)


def start_nginx(work: Path, replica_ports: Sequence[int], port: int | None = None) -> Server:
    """nginx on loopback in front of the given replicas, from `deploy/render.py`'s config."""
    port = port or free_port()
    prefix = work / f"nginx-{port}"
    config = write_config(f"{LOOPBACK}:{port}", list(replica_ports), prefix)
    return start(nginx_command(config), port, prefix / "stdout.log")


def start_redis(work: Path, port: int | None = None) -> Server:
    """redis-server on loopback, no persistence, no protected-mode surprises; ready when it answers PING."""
    port = port or free_port()
    folder = work / f"redis-{port}"
    folder.mkdir(parents=True, exist_ok=True)
    command = ["redis-server", "--bind", LOOPBACK, "--port", str(port), "--save", "", "--appendonly", "no"]
    command += ["--dir", str(folder)]
    server = start(command, port, folder / "redis.log", ready=lambda: redis_pong(port), timeout_s=30)
    server.url = f"redis://{LOOPBACK}:{port}/0"
    return server


@dataclass
class AppServers:
    """App servers started on demand and kept for reuse: one per distinct (data, secrets, env)."""

    work: Path
    servers: dict[tuple, Server] = field(default_factory=dict)

    def url(
        self,
        data_dir: Path | str | None = None,
        secrets_toml: str | None = None,
        env: dict[str, str] | None = None,
    ) -> str:
        """The base URL of a server with these settings, started the first time they are asked for."""
        key = (str(data_dir or ROOT / "data"), secrets_toml, tuple(sorted((env or {}).items())))
        if key not in self.servers:
            work = self.work / f"server-{len(self.servers)}"
            self.servers[key] = start_app(work, data_dir=key[0], secrets_toml=secrets_toml or "", env=env)
        return self.servers[key].url

    def stop_all(self) -> None:
        """Stop every server started here."""
        for server in self.servers.values():
            server.stop()


@dataclass
class Stack:
    """Replicas of the app (one cookie secret, allowed hosts set), and nginx in front of them when asked."""

    work: Path
    data_dir: Path | None = None
    extra: tuple[str, ...] = ()
    cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32))
    replicas: list[Server] = field(default_factory=list)
    proxy: Server | None = None

    def start_replica(self, port: int | None = None) -> Server:
        """Start one replica as the README starts the app; wait until it is healthy."""
        replica = start_app(
            self.work,
            port,
            self.data_dir,
            env=replica_env(self.cookie_secret),
            extra=self.extra,
            allowed_hosts=ALLOWED_HOSTS,
        )
        self.replicas.append(replica)
        return replica

    def start_proxy(self, port: int | None = None) -> str:
        """nginx in front of the running replicas; its base URL."""
        self.proxy = start_nginx(self.work, [r.port for r in self.replicas], port)
        return self.proxy.url

    @property
    def proxy_port(self) -> int:
        """The port nginx listens on."""
        assert self.proxy is not None
        return self.proxy.port

    @property
    def url(self) -> str:
        """Where viewers connect: the proxy when there is one, else the first replica."""
        return self.proxy.url if self.proxy is not None else self.replicas[0].url

    def upstreams(self) -> list[tuple[str, str]]:
        """(affinity key, replica address) of every request a replica answered, from nginx's access log."""
        assert self.proxy is not None
        pairs = []
        for line in (self.proxy.log.parent / "access.log").read_text().splitlines():
            fields = dict(part.split("=", 1) for part in line.split() if part.startswith(("upstream=", "route=")))
            if fields.get("upstream", "-") != "-" and "route" in fields:
                pairs.append((fields["route"], fields["upstream"]))
        return pairs

    def kill_replica(self, index: int) -> Server:
        """Kill one replica outright (SIGKILL, as a crash or an OOM kill would)."""
        replica = self.replicas[index]
        replica.kill()
        return replica

    def close(self) -> None:
        """Stop nginx (gracefully) and every replica."""
        if self.proxy is not None:
            self.proxy.stop(signal.SIGQUIT)
        for replica in self.replicas:
            replica.stop()
