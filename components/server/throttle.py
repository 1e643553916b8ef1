"""The passcode throttle: per client address and in total, in the shared store (never in a session).

Per address: a guess is judged at most once a second however many sessions send it; after each
consecutive failure the address waits 1, 2, 4, 8, 16, then 30 s; 20 failures within 15 minutes
lock the address out for an hour; a right passcode clears the address. In total: at most 60
guesses a minute from addresses that have failed are judged (a distributed attack), and an
address that has not failed is never held back by that ceiling. Every failure is logged with
address and time, never the code. A host clears a lockout with

    python -m components.server.throttle --clear ADDRESS [--gate access|presenter]
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from components.server.store import REDIS_ENV, MemoryStore, Store, open_store, shared

LOG = logging.getLogger("briefing.security")
LOG_FILE_ENV = "BRIEFING_SECURITY_LOG"
STATE_DIR_ENV = "BRIEFING_STATE_DIR"
PROXIES_ENV = "BRIEFING_TRUSTED_PROXIES"
LOOPBACK_PROXY = frozenset({"127.0.0.1", "::1"})
CLAIM_S = 10.0  # how long a claimed judgement may take before the address is free again (a crashed replica)
GATES = ("access", "presenter")


@dataclass(frozen=True)
class Limits:
    """The throttle's figures (the README's operations section quotes them)."""

    min_interval_s: float = 1.0
    max_delay_s: float = 30.0
    lockout_after: int = 20
    window_s: float = 15 * 60
    lockout_s: float = 60 * 60
    ceiling_per_minute: int = 60


@dataclass(frozen=True)
class Verdict:
    """What became of one guess: judged or not, granted, locked out, and how long to wait."""

    granted: bool = False
    judged: bool = False
    locked: bool = False
    wait_s: float = 0.0


def retry_delay(failures: int, limits: Limits = Limits()) -> float:
    """Seconds an address waits after `failures` consecutive failures: 0, then 1, 2, 4 ... max_delay_s."""
    return 0.0 if failures <= 0 else float(min(2 ** (failures - 1), limits.max_delay_s))


def trusted_proxies(env: Mapping[str, str]) -> frozenset[str]:
    """Peers whose X-Forwarded-For is believed: nginx on this host (`BRIEFING_TRUSTED_PROXIES`, loopback only)."""
    names = (env.get(PROXIES_ENV) or "127.0.0.1,::1").split(",")
    found = set()
    for name in names:
        try:
            address = ipaddress.ip_address(name.strip())
        except ValueError:
            continue
        if address.is_loopback:
            found.add(str(address))
    return frozenset(found)


def client_address(peer: str | None, headers: Mapping[str, str], trusted: frozenset[str] = LOOPBACK_PROXY) -> str:
    """The client's address: nginx's `X-Forwarded-For` when the peer is the local proxy, else the peer itself.

    Streamlit reports a 127.0.0.1 or ::1 peer as None. nginx sets the header to `$remote_addr` (one
    address); should a chain arrive, its last entry is the one the nearest proxy wrote. From any other
    peer (a client on the network, or one on another loopback address) the header is the client's own.
    """
    own = peer or "127.0.0.1"
    if own not in trusted:
        return own
    forwarded = next((v for k, v in headers.items() if k.lower() == "x-forwarded-for"), "")
    last = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return own


def clear_file(state_dir: Path, gate: str, address: str) -> Path:
    """Where the host command leaves a clear request for an in-process store (no Redis to reach)."""
    safe = "".join(c if c.isalnum() or c == "." else "-" for c in address)
    return state_dir / f"clear-{gate}-{safe}"


def default_state_dir() -> Path:
    """`BRIEFING_STATE_DIR`, else a folder in the system's temp directory."""
    return Path(os.environ.get(STATE_DIR_ENV) or Path(tempfile.gettempdir()) / "kursk-briefing-state")


def now_text(seconds: float) -> str:
    """A wall-clock time as ISO 8601 UTC, for the log."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


class Throttle:
    """Judge passcode guesses against the shared store; `clock` is wall time, injectable for tests."""

    def __init__(
        self,
        store: Store,
        limits: Limits = Limits(),
        clock: Callable[[], float] = time.time,
        state_dir: Path | None = None,
    ) -> None:
        self.store, self.limits, self.clock = store, limits, clock
        self.state_dir = state_dir or default_state_dir()

    def keys(self, gate: str, address: str) -> tuple[str, str, str]:
        """(next-judgement slot, failure counter, lockout) keys of one address at one gate."""
        return f"gate:{gate}:slot:{address}", f"gate:{gate}:fails:{address}", f"gate:{gate}:lock:{address}"

    def locked(self, gate: str, address: str) -> bool:
        """True while the address is locked out (a host's clear request, if any, is honoured here)."""
        if self.store.get(self.keys(gate, address)[2]) is None:
            return False
        request = clear_file(self.state_dir, gate, address)
        if request.exists():
            request.unlink(missing_ok=True)
            self.clear(gate, address)
            return False
        return True

    def clear(self, gate: str, address: str) -> None:
        """Forget an address's failures and lockout."""
        self.store.delete(*self.keys(gate, address))
        LOG.warning("lockout cleared: gate=%s address=%s time=%s", gate, address, now_text(self.clock()))

    def judge(self, gate: str, address: str, check: Callable[[], bool]) -> Verdict:
        """Judge one guess (`check()` compares the code) if the address may be judged now."""
        slot, fails, lock = self.keys(gate, address)
        # Claim the address's one judgement first (held until the verdict sets the next wait, so a slow
        # judgement under load cannot let a second one in), then look for a lockout: whoever set the lock
        # did so while holding the claim, so a session or replica that claims after it always sees the lock.
        claimed = self.store.add(slot, "1", CLAIM_S)
        if self.locked(gate, address):
            if claimed:
                self.store.set(slot, "1", self.limits.min_interval_s)
            return Verdict(locked=True, wait_s=self.store.ttl(lock) or 0.0)
        if not claimed and not self.store.add(slot, "1", CLAIM_S):  # (tried again: a host's clear frees it)
            return Verdict(wait_s=max(self.store.ttl(slot) or 0.0, 0.1))
        failures = int(self.store.get(fails) or 0)
        minute = int(self.clock() // 60)
        judged = self.store.incr(f"gate:{gate}:minute:{minute}", 120)
        if failures and judged > self.limits.ceiling_per_minute:
            self.store.set(slot, "1", self.limits.min_interval_s)
            return Verdict(wait_s=60 - self.clock() % 60)
        if check():
            self.store.delete(fails)
            self.store.set(slot, "1", self.limits.min_interval_s)
            return Verdict(granted=True, judged=True)
        return self.failed(gate, address)

    def failed(self, gate: str, address: str) -> Verdict:
        """Count and log a failure; hold the address for its delay (from now), or lock it out."""
        slot, fails, lock = self.keys(gate, address)
        count = self.store.incr(fails, self.limits.window_s)
        when = now_text(self.clock())
        LOG.warning("passcode failure: gate=%s address=%s time=%s failures=%d", gate, address, when, count)
        if count >= self.limits.lockout_after:
            self.store.set(lock, "1", self.limits.lockout_s)
            self.store.set(slot, "1", self.limits.min_interval_s)
            LOG.warning("lockout: gate=%s address=%s for=%ds", gate, address, self.limits.lockout_s)
            return Verdict(judged=True, locked=True, wait_s=self.limits.lockout_s)
        delay = max(retry_delay(count, self.limits), self.limits.min_interval_s)
        self.store.set(slot, "1", delay)
        return Verdict(judged=True, wait_s=delay)


def limits_from_env(env: Mapping[str, str]) -> Limits:
    """The default figures, with `BRIEFING_THROTTLE_<FIELD>` overrides (the proxy tests use small ones)."""
    defaults = Limits()
    values = {}
    for name in Limits.__dataclass_fields__:
        raw = env.get(f"BRIEFING_THROTTLE_{name.upper()}")
        values[name] = type(getattr(defaults, name))(raw) if raw else getattr(defaults, name)
    return Limits(**values)


_throttle: Throttle | None = None
_throttle_lock = threading.Lock()


def configure_log() -> None:
    """Failures go to stderr (the server's log) and to `BRIEFING_SECURITY_LOG` when set."""
    if LOG.handlers:
        return
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if os.environ.get(LOG_FILE_ENV):
        handlers.append(logging.FileHandler(os.environ[LOG_FILE_ENV]))
    for handler in handlers:
        handler.setFormatter(fmt)
        LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False


def shared_throttle() -> Throttle:
    """The process's one throttle, on the shared store."""
    global _throttle
    with _throttle_lock:
        if _throttle is None:
            configure_log()
            _throttle = Throttle(shared(), limits_from_env(os.environ))
        return _throttle


def use_throttle(throttle: Throttle | None) -> None:
    """Replace the process's throttle (tests: a fresh one on an injected clock); None forgets it."""
    global _throttle
    with _throttle_lock:
        _throttle = throttle


def main(argv: Sequence[str] | None = None) -> int:
    """Host command: clear an address's lockout (Redis directly; else via a request file the app reads)."""
    parser = argparse.ArgumentParser(description="Clear a passcode lockout.")
    parser.add_argument("--clear", required=True, metavar="ADDRESS", help="the locked-out client address")
    parser.add_argument("--gate", choices=GATES, action="append", help="which passcode (default: both)")
    args = parser.parse_args(argv)
    address = str(ipaddress.ip_address(args.clear))
    configure_log()
    redis_url = os.environ.get(REDIS_ENV, "").strip()
    for gate in args.gate or GATES:
        if redis_url:
            Throttle(open_store(redis_url)).clear(gate, address)
        else:
            request = clear_file(default_state_dir(), gate, address)
            request.parent.mkdir(parents=True, exist_ok=True)
            request.write_text(now_text(time.time()))
            print(f"cleared at the next attempt from {address} ({gate}): {request}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["Limits", "MemoryStore", "Throttle", "Verdict", "client_address", "retry_delay", "shared_throttle"]
