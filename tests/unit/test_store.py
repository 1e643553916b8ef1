"""The in-process store: expiry on an injected clock, atomic claims and counters."""

from __future__ import annotations

import threading

from fixtures.clock import Clock

from components.server.cache import ProcessCache
from components.server.store import MemoryStore


def test_values_expire_after_their_ttl() -> None:
    clock = Clock(100.0)
    store = MemoryStore(clock)
    store.set("a", "1", ttl_s=2)
    store.set("b", "2")
    assert (store.get("a"), store.ttl("a"), store.ttl("b")) == ("1", 2.0, None)
    clock.now += 2
    assert store.get("a") is None and store.get("b") == "2"


def test_add_claims_a_key_once_until_it_expires() -> None:
    clock = Clock(100.0)
    store = MemoryStore(clock)
    assert store.add("slot", "x", 1) and not store.add("slot", "y", 1)
    clock.now += 1
    assert store.add("slot", "z", 1) and store.get("slot") == "z"


def test_a_counter_keeps_the_expiry_of_its_first_increment() -> None:
    clock = Clock(100.0)
    store = MemoryStore(clock)
    assert [store.incr("n", 10) for _ in range(3)] == [1, 2, 3]
    clock.now += 9
    assert store.incr("n", 10) == 4 and store.ttl("n") == 1.0
    clock.now += 1
    assert store.incr("n", 10) == 1


def test_counters_and_claims_hold_under_threads() -> None:
    store, claims = MemoryStore(), []
    threads = [
        threading.Thread(target=lambda: (store.incr("n", 60), claims.append(store.add("c", "1", 60))))
        for _ in range(40)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert store.get("n") == "40" and claims.count(True) == 1


def test_delete_forgets_keys() -> None:
    store = MemoryStore()
    store.set("a", "1")
    store.delete("a", "never-set")
    assert store.get("a") is None


def test_the_dataset_cache_loads_each_key_once_even_for_parallel_sessions() -> None:
    cache: ProcessCache[str] = ProcessCache(max_entries=2)
    start = threading.Barrier(20)
    results = []

    def load() -> str:
        return "dataset"

    def session() -> None:
        start.wait()
        results.append(cache.get(("data", "v1"), load))

    threads = [threading.Thread(target=session) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert results == ["dataset"] * 20 and cache.loads == 1


def test_the_dataset_cache_keeps_only_its_newest_entries() -> None:
    cache: ProcessCache[int] = ProcessCache(max_entries=2)
    for version in (1, 2, 3):
        cache.get(version, lambda v=version: v)
    assert not cache.has(1) and cache.has(2) and cache.has(3)
