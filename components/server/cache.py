"""A process-level cache of loaded datasets, keyed on the data folder and its files' signature.

It lives outside `st.cache_*` on purpose: Streamlit 1.67 clears every `st.cache_data` and
`st.cache_resource` entry when any client sends a `clear_cache` BackMsg (gate or not), which at
100,000 events costs the next viewer a multi-second reload. Nothing a client sends reaches this.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class ProcessCache(Generic[T]):
    """The last `max_entries` values by key; one load per key even when many sessions ask at once."""

    def __init__(self, max_entries: int = 4) -> None:
        self.max_entries = max_entries
        self.loads = 0
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._loading: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        """The value for `key`, calling `load()` only when no session has loaded it yet."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = load()
            with self._lock:
                self.loads += 1
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
                self._loading.pop(key, None)
            return value

    def has(self, key: Hashable) -> bool:
        """True when the value for `key` is loaded."""
        with self._lock:
            return key in self._values

    def clear(self) -> None:
        """Forget every value (the host's reload, never a client's request)."""
        with self._lock:
            self._values.clear()


DATASETS: ProcessCache = ProcessCache(max_entries=4)
