"""Hypothesis strategies for probability vectors."""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st


@st.composite
def distributions(draw, min_size: int = 1, max_size: int = 12, allow_zeros: bool = True, size=None):
    """Draw a probability vector: non-negative weights normalised to sum to 1."""
    n = size if size is not None else draw(st.integers(min_size, max_size))
    low = 0.0 if allow_zeros else 1e-3
    weights = draw(
        st.lists(st.floats(low, 1.0, allow_nan=False), min_size=n, max_size=n).filter(
            lambda w: sum(w) > 1e-6
        )
    )
    w = np.asarray(weights, dtype=np.float64)
    return w / w.sum()


@st.composite
def distribution_pairs(draw, allow_zeros: bool = False, max_size: int = 12):
    """Two probability vectors on the same outcomes."""
    n = draw(st.integers(1, max_size))
    return (
        draw(distributions(size=n, allow_zeros=allow_zeros)),
        draw(distributions(size=n, allow_zeros=allow_zeros)),
    )


def scaled(n: int) -> int:
    """Scale a test's own number of examples with the active profile.

    ``n`` is meant for the default ``book`` profile (200 examples); the
    ``thorough`` profile (2000) multiplies it by ten.
    """
    return max(1, n * settings.default.max_examples // 200)
