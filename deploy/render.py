"""Render `deploy/nginx.conf` for given ports, and the command line of each Streamlit replica.

    python -m deploy.render --listen 127.0.0.1:8080 --replica 8501 --replica 8502 --prefix /srv/briefing/nginx \
        --host briefing.example.org --behind-tls

writes `<prefix>/nginx.conf`; start it with `nginx -p <prefix> -c <prefix>/nginx.conf`.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf")
NGINX_TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
FAIL_TIMEOUT_S = 5
DEFAULT_HOSTS = ("localhost", "127.0.0.1")


def upstream_servers(replica_ports: Sequence[int]) -> str:
    """The `server` lines of the upstream block: one per replica on loopback."""
    if not replica_ports:
        raise ValueError("at least one replica port is needed")
    return "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s;" for port in replica_ports
    )


def server_names(hosts: Sequence[str]) -> str:
    """The `server_name` list: the host names the briefing answers to (others are dropped)."""
    names = [host.strip().lower() for host in hosts if host.strip()]
    if not names or any(not name.replace(".", "").replace("-", "").isalnum() for name in names):
        raise ValueError(f"host names must be plain names or addresses: {list(hosts)}")
    return " ".join(names)


def render(
    listen: str,
    replica_ports: Sequence[int],
    prefix: Path,
    hosts: Sequence[str] = DEFAULT_HOSTS,
    behind_tls: bool = False,
) -> str:
    """The nginx configuration text for one listen address, the host names served and the given replicas.

    `behind_tls`: TLS is terminated in front of nginx, so every cookie (nginx's and Streamlit's) gets `Secure`.
    """
    text = TEMPLATE.read_text()
    for field, value in {
        "@@LISTEN@@": listen,
        "@@SERVERS@@": upstream_servers(replica_ports),
        "@@PREFIX@@": str(prefix),
        "@@HOSTS@@": server_names(hosts),
        "@@SECURE@@": "; Secure" if behind_tls else "",
        "@@COOKIE_FLAGS@@": "secure samesite=lax" if behind_tls else "samesite=lax",
    }.items():
        text = text.replace(field, value)
    return text


def write_config(listen: str, replica_ports: Sequence[int], prefix: Path, **options: Any) -> Path:
    """Write `<prefix>/nginx.conf` and the temp folders nginx wants; return the file's path.

    The text is `render`'s; `options` are its own (`hosts`, `behind_tls`).
    """
    prefix.mkdir(parents=True, exist_ok=True)
    for name in NGINX_TEMP_DIRS:
        (prefix / name).mkdir(exist_ok=True)
    path = prefix / "nginx.conf"
    path.write_text(render(listen, replica_ports, prefix.resolve(), **options))
    return path


def nginx_binary() -> str:
    """Debian's nginx: on PATH for root, in /usr/sbin for everyone else."""
    return shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_command(config: Path) -> list[str]:
    """How to start nginx in the foreground on a rendered config (no root needed)."""
    return [nginx_binary(), "-p", str(config.parent), "-c", str(config), "-e", str(config.parent / "error.log")]


def replica_command(port: int, allowed_hosts: Sequence[str]) -> list[str]:
    """The README's run command for one replica: loopback only, and the host names it answers to."""
    hosts = [f"--server.allowedHosts={host}" for host in allowed_hosts]
    return ["bash", str(ROOT / "run.sh"), f"--server.port={port}", "--server.address=127.0.0.1", *hosts]


def replica_env(cookie_secret: str) -> dict[str, str]:
    """Environment every replica shares: one `server.cookieSecret` (an env var keeps it out of `ps`)."""
    return {"STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}


def main(argv: Sequence[str] | None = None) -> None:
    """Write the config and print the replica commands that go with it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default="127.0.0.1:8080", help="address:port nginx listens on")
    parser.add_argument("--replica", type=int, action="append", required=True, help="a replica's port (repeat)")
    parser.add_argument("--prefix", type=Path, required=True, help="folder for nginx.conf, logs and temp files")
    parser.add_argument("--host", action="append", default=None, help="public host name (repeat); default localhost")
    parser.add_argument("--behind-tls", action="store_true", help="TLS ends in front of nginx: cookies get Secure")
    args = parser.parse_args(argv)
    hosts = args.host or list(DEFAULT_HOSTS)
    config = write_config(args.listen, args.replica, args.prefix, hosts=hosts, behind_tls=args.behind_tls)
    print(f"wrote {config}\nstart nginx:  {' '.join(nginx_command(config))}")
    print(f"every replica, with the same secret:  export STREAMLIT_SERVER_COOKIE_SECRET={secrets.token_hex(32)}")
    for port in args.replica:
        print(f"replica:      {' '.join(replica_command(port, hosts))}")


if __name__ == "__main__":
    main()
