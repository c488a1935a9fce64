"""Computational kernels shared by the public modules (private; the base layer).

The public modules (:mod:`~kltools.information`, :mod:`~kltools.numerics`,
:mod:`~kltools.losses`, :mod:`~kltools.coding`) import these helpers from here
and never each other's private names. Inputs are assumed checked by
:mod:`kltools._validation`; nothing here validates, except the one condition
that only the log-sum-exp kernel can see (a slice that is all ``-inf``).
"""

from __future__ import annotations

from typing import Literal, overload

import numpy as np


def scalar_or_array(arr: np.ndarray) -> np.ndarray | np.floating:
    """Return a NumPy scalar for a 0-d result, the array otherwise.

    Parameters
    ----------
    arr : ndarray
        A computed result.

    Returns
    -------
    ndarray or NumPy float
        ``arr[()]`` if ``arr`` is 0-d, else ``arr`` itself.
    """
    return arr[()] if arr.ndim == 0 else arr


def log_base(values: np.ndarray, base: float | None) -> np.ndarray:
    """Convert natural-log quantities to ``base`` (divide by ``log(base)``), keeping the dtype.

    Parameters
    ----------
    values : ndarray
        Quantities in nats.
    base : float or None
        A checked base; ``None`` leaves ``values`` unchanged.

    Returns
    -------
    ndarray
        ``values / log(base)`` in ``values``' dtype.
    """
    if base is None:
        return values
    out: np.ndarray = values / values.dtype.type(np.log(base))
    return out


def sum_xlogy(x: np.ndarray, y: np.ndarray, axis: int) -> np.ndarray:
    """Sum ``x * log(y)`` along ``axis``, with ``0 log(anything) = 0``.

    One ``log``, one in-place product and one sum; the ``0 * log 0 = nan``
    that a zero ``x`` can produce is looked for only when the sum says it
    happened (``x`` and ``y`` are checked probabilities, so NaN has no other
    source).

    Parameters
    ----------
    x, y : ndarray
        Checked non-negative arrays of one broadcast shape.
    axis : int
        The axis to sum.

    Returns
    -------
    ndarray
        The sums, ``axis`` removed.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.log(y)
        t *= x
        s: np.ndarray = np.sum(t, axis=axis)
        if np.isnan(s).any():
            t[x == 0] = 0.0
            s = np.sum(t, axis=axis)
    return s


def max_along(z: np.ndarray, axis: int, name: str = "z") -> tuple[np.ndarray, np.ndarray]:
    """Locate and read the maximum of ``z`` along ``axis``, refusing all-``-inf`` slices.

    The maximum is taken at the ``argmax``, which is cheaper than ``max``
    along a short axis and gives the index that :func:`shifted_and_rest`
    needs.

    Parameters
    ----------
    z : ndarray
        Logits without NaN or ``+inf``.
    axis : int
        A non-negative axis of ``z``.
    name : str, default "z"
        The argument's name, for the error message.

    Returns
    -------
    top : ndarray of intp
        The index of one maximal entry of each slice, ``axis`` kept.
    m : ndarray
        The maximum of each slice, ``axis`` kept.

    Raises
    ------
    ValueError
        If some slice is all ``-inf`` (there is no distribution to normalise).
    """
    top = np.argmax(z, axis=axis, keepdims=True)
    m = np.take_along_axis(z, top, axis=axis)
    if np.isneginf(m).any():
        raise ValueError(
            f"{name} has a slice along axis {axis} where every entry is -inf; "
            "there is no distribution to normalise there"
        )
    return top, m


@overload
def shifted_and_rest(
    z: np.ndarray, axis: int, *, keep_shifted: Literal[True], name: str = ...
) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...


@overload
def shifted_and_rest(
    z: np.ndarray, axis: int, *, keep_shifted: Literal[False], name: str = ...
) -> tuple[None, np.ndarray, np.ndarray]: ...


def shifted_and_rest(
    z: np.ndarray, axis: int, *, keep_shifted: bool, name: str = "z"
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    r"""Compute the parts of the log-sum-exp: ``(z - m, m, rest)`` along ``axis`` (kept).

    With ``m`` the maximum of each slice and ``i*`` one maximal entry,

    .. math:: \operatorname{LSE}(z) = m + \log\bigl(1 + r\bigr),
              \quad r = \sum_{i \ne i^*} e^{z_i - m}

    Summing the other terms into ``r`` and adding it with ``log1p`` keeps full
    relative precision when one logit dominates (``1 + r`` would round ``r``
    away). ``kltools.logsumexp``, ``kltools.log_softmax`` and the
    softmax cross-entropy losses all use this kernel.

    Parameters
    ----------
    z : ndarray
        Logits without NaN or ``+inf``; ``-inf`` entries give ``exp = 0``.
    axis : int
        A non-negative axis of ``z``.
    keep_shifted : bool
        Return ``z - m`` (two temporaries of ``z``'s size at the peak, one of
        them kept). Without it the exponentials are taken in place (one
        temporary) and ``None`` is returned in its place.
    name : str, default "z"
        The argument's name, for the error message of :func:`max_along`.

    Returns
    -------
    shifted : ndarray or None
        ``z - m`` (with ``keep_shifted``). A gap beyond the float range rounds
        to ``-inf``, the correctly rounded log-probability gap, without a
        warning.
    m : ndarray
        The maximum of each slice.
    rest : ndarray
        ``r`` for each slice.

    Raises
    ------
    ValueError
        If some slice is all ``-inf``.

    Notes
    -----
    The shift by the maximum is the standard overflow-free evaluation of the
    log-sum-exp; Blanchard, Higham and Higham analyse its rounding errors and
    recommend this ``log1p`` form, with the maximal term set aside, for
    accuracy when one term dominates.

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis
    41(4), 2311-2330, 2021. https://doi.org/10.1093/imanum/draa038
    """
    top, m = max_along(z, axis, name)
    with np.errstate(over="ignore", under="ignore"):
        shifted = np.subtract(z, m)
        e = np.exp(shifted) if keep_shifted else np.exp(shifted, out=shifted)
    np.put_along_axis(e, top, 0.0, axis=axis)
    rest = np.sum(e, axis=axis, keepdims=True)
    return (shifted if keep_shifted else None), m, rest
