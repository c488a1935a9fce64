"""The tracemalloc harness shared by the memory tests."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any


def peak_bytes(func: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """Return the peak of the memory traced while ``func(*args, **kwargs)`` runs, in bytes.

    ``tracemalloc`` sees NumPy's array buffers, so the peak counts every
    temporary array the call allocates (and its result).
    """
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        func(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
