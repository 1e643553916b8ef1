"""A small key/value and counter store shared by every session of the app: Redis or in-process.

`shared()` is the one store of the process: Redis when `BRIEFING_REDIS_URL` is set (so several
replicas share it), else a thread-safe dictionary. It lives at module level, outside Streamlit's
caches, so a client's `clear_cache` cannot empty it. Values are strings; keys are namespaced by
the caller (`gate:...`, `room:...`). API:

- `get(key)` -> value or None
- `set(key, value, ttl_s=None)`: store, optionally expiring after ttl_s seconds
- `add(key, value, ttl_s)` -> True when the key was absent and is now set (an atomic claim)
- `incr(key, ttl_s)` -> the count after adding 1; a new key expires ttl_s after it was created
- `ttl(key)` -> seconds until the key expires, None when absent or not expiring
- `delete(*keys)`
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Protocol

REDIS_ENV = "BRIEFING_REDIS_URL"
PREFIX = "briefing:"


class Store(Protocol):
    """What the throttle and the presenter rooms need from shared state."""

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_s: float | None = None) -> None: ...
    def add(self, key: str, value: str, ttl_s: float) -> bool: ...
    def incr(self, key: str, ttl_s: float) -> int: ...
    def ttl(self, key: str) -> float | None: ...
    def delete(self, *keys: str) -> None: ...


class MemoryStore:
    """The store in this process's memory; `clock` (monotonic seconds) is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._items: dict[str, tuple[str, float | None]] = {}

    def _live(self, key: str) -> tuple[str, float | None] | None:
        """The key's (value, expiry) unless it expired (then it is dropped); call with the lock held."""
        item = self._items.get(key)
        if item is not None and item[1] is not None and item[1] <= self.clock():
            del self._items[key]
            return None
        return item

    def _expiry(self, ttl_s: float | None) -> float | None:
        return None if ttl_s is None else self.clock() + ttl_s

    def get(self, key: str) -> str | None:
        """The key's value, None when absent or expired."""
        with self._lock:
            item = self._live(key)
            return None if item is None else item[0]

    def set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        """Store a value, expiring after ttl_s seconds when given."""
        with self._lock:
            self._items[key] = (value, self._expiry(ttl_s))

    def add(self, key: str, value: str, ttl_s: float) -> bool:
        """Set the key only when it is absent; True when this call set it."""
        with self._lock:
            if self._live(key) is not None:
                return False
            self._items[key] = (value, self._expiry(ttl_s))
            return True

    def incr(self, key: str, ttl_s: float) -> int:
        """Add 1 to a counter; a new counter expires ttl_s seconds after it was created."""
        with self._lock:
            item = self._live(key)
            count = int(item[0]) + 1 if item else 1
            self._items[key] = (str(count), item[1] if item else self._expiry(ttl_s))
            return count

    def ttl(self, key: str) -> float | None:
        """Seconds until the key expires; None when it is absent or never expires."""
        with self._lock:
            item = self._live(key)
            return None if item is None or item[1] is None else max(0.0, item[1] - self.clock())

    def delete(self, *keys: str) -> None:
        """Forget the keys."""
        with self._lock:
            for key in keys:
                self._items.pop(key, None)


class RedisStore:
    """The store in Redis (redis-py), shared by every replica; keys carry the `briefing:` prefix."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=2, socket_connect_timeout=2)

    def get(self, key: str) -> str | None:
        """The key's value, None when absent or expired."""
        return self.client.get(PREFIX + key)

    def set(self, key: str, value: str, ttl_s: float | None = None) -> None:
        """Store a value, expiring after ttl_s seconds when given."""
        self.client.set(PREFIX + key, value, px=None if ttl_s is None else max(1, int(ttl_s * 1000)))

    def add(self, key: str, value: str, ttl_s: float) -> bool:
        """Set the key only when it is absent (SET NX); True when this call set it."""
        return bool(self.client.set(PREFIX + key, value, px=max(1, int(ttl_s * 1000)), nx=True))

    def incr(self, key: str, ttl_s: float) -> int:
        """Add 1 to a counter; a new counter expires ttl_s seconds after it was created."""
        pipe = self.client.pipeline(transaction=True)
        pipe.set(PREFIX + key, 0, px=max(1, int(ttl_s * 1000)), nx=True)
        pipe.incr(PREFIX + key)
        return int(pipe.execute()[1])

    def ttl(self, key: str) -> float | None:
        """Seconds until the key expires; None when it is absent or never expires."""
        millis = self.client.pttl(PREFIX + key)
        return None if millis < 0 else millis / 1000

    def delete(self, *keys: str) -> None:
        """Forget the keys."""
        if keys:
            self.client.delete(*(PREFIX + key for key in keys))


_shared: Store | None = None
_shared_lock = threading.Lock()


def open_store(redis_url: str | None) -> Store:
    """Redis at `redis_url`, or a new in-process store when it is empty."""
    return RedisStore(redis_url) if redis_url else MemoryStore()


def shared() -> Store:
    """The process's one store (created on first use from `BRIEFING_REDIS_URL`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = open_store(os.environ.get(REDIS_ENV, "").strip() or None)
        return _shared
