"""The throttle on Redis (BRIEFING_REDIS_URL): the same figures, shared by every replica, cleared by the host."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.server.store import RedisStore
from components.server.throttle import Limits, Throttle
from deploy.render import replica_env
from tooling.servers import ALLOWED_HOSTS, ROOT, Stack, start_app, start_redis

pytestmark = pytest.mark.proxy

RIGHT, WRONG, ATTACKER, VIEWER = "right", "wrong", "203.0.113.7", "198.51.100.9"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway redis-server on a loopback port, no persistence (tooling/servers.py)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def store(redis_url: str) -> RedisStore:
    store = RedisStore(redis_url)
    store.client.flushdb()
    return store


def test_the_redis_store_keeps_the_same_promises_as_the_in_process_one(store: RedisStore) -> None:
    store.set("a", "1", ttl_s=0.3)
    assert store.get("a") == "1" and 0 < store.ttl("a") <= 0.3
    assert store.add("c", "x", 0.3) and not store.add("c", "y", 0.3)
    assert [store.incr("n", 0.3) for _ in range(3)] == [1, 2, 3]
    time.sleep(0.4)
    assert store.get("a") is None and store.add("c", "z", 1) and store.incr("n", 1) == 1
    store.delete("c", "n")
    assert store.get("c") is None and store.ttl("n") is None


def test_two_replicas_share_one_throttle(redis_url: str, store: RedisStore, tmp_path) -> None:
    replicas = [Throttle(RedisStore(redis_url), Limits(lockout_after=3), state_dir=tmp_path) for _ in range(2)]
    first = replicas[0].judge("access", ATTACKER, lambda: False)
    assert first.judged and first.wait_s == 1
    early = replicas[1].judge("access", ATTACKER, lambda: True)  # the other replica knows the delay
    assert not early.judged and not early.granted
    verdicts = []
    for replica in (replicas[1], replicas[0]):  # the next failures land on alternating replicas
        # past the wait the other replica set: Redis's millisecond expiry races a sleep of exactly its TTL
        time.sleep((replica.store.ttl(replica.keys("access", ATTACKER)[0]) or 0) + 0.05)
        verdicts.append(replica.judge("access", ATTACKER, lambda: False))
    assert [v.judged for v in verdicts] == [True, True] and verdicts[-1].locked
    assert int(store.get("gate:access:fails:" + ATTACKER)) == 3
    assert replicas[0].judge("access", ATTACKER, lambda: True).locked
    assert replicas[1].judge("access", ATTACKER, lambda: True).locked
    assert replicas[1].judge("access", VIEWER, lambda: True).granted
    env = {**os.environ, "BRIEFING_REDIS_URL": redis_url}
    command = [sys.executable, "-m", "components.server.throttle", "--clear", ATTACKER, "--gate", "access"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=30)
    assert replicas[0].judge("access", ATTACKER, lambda: True).granted


ATTACKER_ADDRESS, VIEWER_ADDRESS = "127.0.0.20", "127.0.0.21"
PASSCODE = "redis-guard-passphrase-4711"
LOCKOUT_AFTER = 5


@pytest.fixture(scope="module")
def replicas_on_redis(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Two replicas (run.sh) sharing one Redis and one cookie secret, behind nginx; a lowered lockout."""
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed")
    work = tmp_path_factory.mktemp("redis-stack")
    secrets = f'[access]\npasscode = "{PASSCODE}"\n'
    stack = Stack(work)
    env = {
        **replica_env(stack.cookie_secret),
        "BRIEFING_REDIS_URL": redis_url,
        "BRIEFING_THROTTLE_LOCKOUT_AFTER": str(LOCKOUT_AFTER),
        "BRIEFING_THROTTLE_MAX_DELAY_S": "2",
    }
    RedisStore(redis_url).client.flushdb()
    try:
        for _ in range(2):
            stack.replicas.append(start_app(work, secrets_toml=secrets, env=env, allowed_hosts=ALLOWED_HOSTS))
        stack.start_proxy()
        yield stack
    finally:
        stack.close()


def test_fresh_sessions_spread_over_two_replicas_share_one_throttle(replicas_on_redis) -> None:
    from guard_client import GATE_LOCKED, GATE_WRONG
    from test_guard_surface import attack, logged_time, right_passcode

    from tooling.protocol import run_sync

    stack = replicas_on_redis
    guesses = run_sync(attack(stack.url, ATTACKER_ADDRESS, 20, 14.0))
    assert len({upstream for _, upstream in stack.upstreams()}) == 2  # the sessions landed on both replicas
    failures = [
        line
        for replica in stack.replicas
        for line in replica.log.read_text().splitlines()
        if "passcode failure" in line and f"address={ATTACKER_ADDRESS} " in line
    ]
    assert len(failures) == LOCKOUT_AFTER, "\n".join(failures)  # one count for both replicas
    times = sorted(logged_time(line) for line in failures)
    assert min(later - earlier for earlier, later in zip(times, times[1:], strict=False)) >= 0.95
    assert sum(GATE_WRONG in g.text for g in guesses) == LOCKOUT_AFTER - 1
    assert any(GATE_LOCKED in g.text for g in guesses)
    assert not any(run_sync(right_passcode(stack.url, ATTACKER_ADDRESS, PASSCODE)).unlocked for _ in range(4))
    assert run_sync(right_passcode(stack.url, VIEWER_ADDRESS, PASSCODE)).unlocked
