"""Input checks shared by every kltools module.

Each function either returns a clean floating-point array or raises a
``ValueError`` whose message names the offending argument and says what is
wrong with it. Nothing here clips, fills or warns.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: How far a probability vector's sum may stray from 1 (absolute).
SUM_TOLERANCE = 1e-9


def as_float_array(x: Any, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Return ``x`` as a floating-point ndarray, rejecting NaN (and inf unless allowed).

    Floating-point input keeps its precision (float32 stays float32); booleans,
    integers and Python lists are computed in float64. A float array is checked
    with one reduction: a NaN makes the sum NaN and an inf makes it non-finite,
    so the masks that name the problem are built only when the sum says so.
    """
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.sum(x)
        if np.isfinite(total) or (allow_inf and not np.isnan(total)):
            return x
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} could not be read as a numeric array: {exc}") from None
    if arr.dtype.kind == "c":
        raise ValueError(f"{name} is complex; kltools works with real numbers")
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} has dtype {arr.dtype}; expected real numbers")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if not allow_inf and np.isinf(arr).any():
        raise ValueError(f"{name} contains inf; expected finite values")
    return arr


def check_base(base: float | None) -> float | None:
    """Validate a logarithm base: ``None`` (natural log) or a finite number > 0, != 1."""
    if base is None:
        return None
    try:
        b = float(base)
    except (TypeError, ValueError):
        raise ValueError(f"base must be a number > 0 and != 1, got {base!r}") from None
    if not math.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"base must be a finite number > 0 and != 1, got {base!r}")
    return b


def check_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Return ``axis`` as a valid non-negative axis of ``arr``."""
    if arr.ndim == 0:
        raise ValueError(f"{name} is a scalar; expected a probability vector (at least 1-D)")
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimension(s)")
    return int(axis) % arr.ndim


def check_probabilities(x: Any, name: str, axis: int = -1) -> np.ndarray:
    """Check that ``x`` holds probability vectors along ``axis`` and return it as floats.

    The entries must be finite and non-negative, and each vector must sum to 1
    within :data:`SUM_TOLERANCE` (absolute).
    """
    if isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.size:
        # Fast path: min >= 0 is false for NaN, a sum near 1 is false for inf.
        ax = check_axis(x, axis, name)
        sums = x.sum(axis=ax, dtype=np.float64)
        if x.min() >= 0 and np.all(np.abs(sums - 1.0) <= SUM_TOLERANCE):
            return x
    arr = as_float_array(x, name)
    check_axis(arr, axis, name)
    if arr.shape[axis] == 0:
        raise ValueError(f"{name} is empty along axis {axis}; a distribution needs an outcome")
    if (arr < 0).any():
        raise ValueError(
            f"{name} has negative entries (min {arr.min():.6g}); probabilities are >= 0"
        )
    sums = arr.sum(axis=axis, dtype=np.float64)
    off = np.abs(sums - 1.0)
    if (off > SUM_TOLERANCE).any():
        worst = np.asarray(sums).flat[int(np.argmax(off))]
        raise ValueError(
            f"{name} sums to {worst:.10g} along axis {axis}, expected 1 "
            f"(within {SUM_TOLERANCE:g}); use kltools.normalize for counts"
        )
    return arr


def check_unit_interval(x: Any, name: str) -> np.ndarray:
    """Check that every entry of ``x`` is a probability in [0, 1]; return it as floats."""
    if isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.size:
        if x.min() >= 0 and x.max() <= 1:  # both false for NaN
            return x
    arr = as_float_array(x, name)
    if arr.size and ((arr < 0).any() or (arr > 1).any()):
        raise ValueError(
            f"{name} must lie in [0, 1]; found values from {arr.min():.6g} to {arr.max():.6g}"
        )
    return arr


def broadcast_pair(
    a: np.ndarray, b: np.ndarray, name_a: str, name_b: str
) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast two arrays against each other, naming both if their shapes clash."""
    try:
        a_b, b_b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(
            f"{name_a} has shape {a.shape} and {name_b} has shape {b.shape}; they do not broadcast"
        ) from None
    return a_b, b_b


def result_dtype(*arrays: np.ndarray) -> np.dtype:
    """Return the floating-point dtype in which a computation on ``arrays`` is done."""
    return np.result_type(*arrays, np.float32)


def check_joint_table(pxy: Any, *, two_d: bool = True) -> np.ndarray:
    """Validate a joint distribution: finite, non-negative entries summing to 1 overall.

    With ``two_d`` the table must have exactly two axes (rows X, columns Y).
    Returns the table as a floating-point array of its own shape.
    """
    arr = as_float_array(pxy, "pxy")
    if two_d and arr.ndim != 2:
        raise ValueError(
            f"pxy must be a 2-D table pxy[x, y] (rows X, columns Y); "
            f"got {arr.ndim} dimension(s) with shape {arr.shape}"
        )
    if arr.ndim == 0:
        raise ValueError("pxy is a scalar; expected a table of probabilities (at least 1-D)")
    try:
        check_probabilities(arr.reshape(-1), "pxy")  # the whole table sums to 1
    except ValueError as err:  # the table was flattened: say so, not "axis -1"
        raise ValueError(str(err).replace("along axis -1", "over the whole table")) from None
    return arr


def check_given(given: Any) -> int:
    """``given`` names the conditioning axis: 0 (rows, X) or 1 (columns, Y)."""
    if isinstance(given, bool) or not isinstance(given, (int, np.integer)) or given not in (0, 1):
        raise ValueError(
            f"given must be 0 (condition on the rows, X) or 1 (on the columns, Y), got {given!r}"
        )
    return int(given)


def check_variance(x: Any, name: str) -> np.ndarray:
    """Check that ``x`` holds variances: finite and > 0. Return it as floats."""
    arr = as_float_array(x, name)
    if arr.size and not (arr > 0).all():
        raise ValueError(
            f"{name} must be > 0 (a variance); found min {arr.min():.6g}"
        )
    return arr
