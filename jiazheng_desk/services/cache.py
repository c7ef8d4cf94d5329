"""A small time-limited cache for rarely changing lookups on hot paths.

Booking reads a branch's time zone, an item's requirements and a few settings on every
call; they change a few times a year. Values live ``ttl`` seconds (so another process's
change shows within that time) and a change made in this process drops them at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_store: dict[Hashable, tuple[float, Any]] = {}


def cached(key: Hashable, ttl: float, load: Callable[[], T]) -> T:
    """The value under ``key``, loaded with ``load()`` when missing or older than ``ttl``."""
    now = time.monotonic()
    with _lock:
        hit = _store.get(key)
    if hit is not None and now - hit[0] < ttl:
        value: T = hit[1]
        return value
    value = load()
    with _lock:
        _store[key] = (now, value)
    return value


def invalidate(area: str | None = None) -> None:
    """Drop the cached values of an area (the first element of their keys), or all."""
    with _lock:
        if area is None:
            _store.clear()
            return
        for key in [k for k in _store if isinstance(k, tuple) and k and k[0] == area]:
            del _store[key]
