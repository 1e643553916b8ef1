"""The toolbox starts redis-server on loopback for the tests, answers PING, and stops it by its process group."""

from __future__ import annotations

import shutil

import pytest

from tooling.servers import redis_pong, start_redis


@pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server is not installed (./test.sh installs it)"
)
def test_redis_starts_on_loopback_answers_ping_and_stops(tmp_path):
    server = start_redis(tmp_path)
    try:
        assert server.url == f"redis://127.0.0.1:{server.port}/0"
        assert redis_pong(server.port)
    finally:
        server.stop()
    assert server.process.poll() is not None
    assert not redis_pong(server.port, timeout=0.5)
