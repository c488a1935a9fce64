"""Stable primitives: sigmoid, log-sigmoid, softmax, log-softmax, log-sum-exp.

Each function is exact in its limits and never overflows or warns for any
finite input, including ``|z|`` up to ``1e308``. The tricks are the usual
ones: only ever exponentiate a non-positive number, and subtract the maximum
before a sum of exponentials.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._core import max_along, scalar_or_array, shifted_and_rest
from ._validation import as_float_array, check_axis

__all__ = ["sigmoid", "log_sigmoid", "logsumexp", "softmax", "log_softmax"]


def sigmoid(z: Any) -> np.ndarray | np.floating:
    r"""Logistic sigmoid, computed without overflow.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    For ``z >= 0`` it evaluates ``1 / (1 + exp(-z))``; for ``z < 0`` the
    equivalent ``exp(z) / (1 + exp(z))``, so ``exp`` only ever sees a
    non-positive argument.

    Parameters
    ----------
    z : array_like
        Logits. Any real value, including ``±inf``; NaN raises ``ValueError``.

    Returns
    -------
    ndarray or NumPy float
        ``sigmoid(z)`` elementwise, in ``[0, 1]``, same shape and float dtype as
        ``z`` (integers are computed in float64).

    Raises
    ------
    ValueError
        If ``z`` holds NaN or is not a real numeric array.

    Examples
    --------
    >>> from kltools import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1e308, 1e308]).tolist()
    [0.0, 1.0]
    """
    z = as_float_array(z, "z", allow_inf=True)
    with np.errstate(under="ignore"):
        e = np.abs(z, out=np.empty_like(z))  # exp(-|z|), in place
        np.negative(e, out=e)
        np.exp(e, out=e)
    out = np.add(e, 1.0, out=np.empty_like(z))
    pos = z >= 0
    np.divide(1.0, out, out=out, where=pos)
    np.divide(e, out, out=out, where=~pos)
    return scalar_or_array(out)


def log_sigmoid(z: Any) -> np.ndarray | np.floating:
    r"""Logarithm of the sigmoid, accurate for large ``|z|``.

    .. math:: \log \sigma(z) = \min(z, 0) - \log\left(1 + e^{-|z|}\right)

    ``log(sigmoid(z))`` rounds to ``log(0) = -inf`` once ``z < -745`` and to
    ``0`` once ``z > 37``; this form stays accurate in both tails:
    ``log_sigmoid(-1000) == -1000`` and ``log_sigmoid(40)`` is about
    ``-4.25e-18``.

    Parameters
    ----------
    z : array_like
        Logits; ``±inf`` allowed, NaN raises ``ValueError``.

    Returns
    -------
    ndarray or NumPy float
        ``log(sigmoid(z))`` elementwise, ``<= 0``.

    Raises
    ------
    ValueError
        If ``z`` holds NaN or is not a real numeric array.

    Examples
    --------
    >>> from kltools import log_sigmoid
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    >>> print(f"{float(log_sigmoid(40.0)):.6e}")  # -exp(-40), not 0
    -4.248354e-18
    """
    z = as_float_array(z, "z", allow_inf=True)
    with np.errstate(under="ignore"):
        t = np.abs(z, out=np.empty_like(z))  # log1p(exp(-|z|)), in place in one temporary
        np.negative(t, out=t)
        np.exp(t, out=t)
        np.log1p(t, out=t)
        out = np.minimum(z, 0, out=np.empty_like(z))
        out -= t
    return scalar_or_array(out.astype(z.dtype, copy=False))


def _check_logits(z: Any, axis: int) -> tuple[np.ndarray, int]:
    """Validate logits for the softmax family: ``-inf`` allowed, ``+inf`` and NaN not."""
    z = as_float_array(z, "z", allow_inf=True)
    axis = check_axis(z, axis, "z")
    if np.isposinf(z).any():
        raise ValueError("z contains +inf; logits for softmax must be finite or -inf")
    if z.shape[axis] == 0:
        raise ValueError(f"z is empty along axis {axis}")
    return z, axis


def logsumexp(z: Any, axis: int = -1) -> np.ndarray | np.floating:
    r"""Log of the sum of exponentials along an axis, without overflow.

    .. math:: \operatorname{LSE}(z) = \log \sum_i e^{z_i}
              = m + \log\Bigl(1 + \sum_{i \ne i^*} e^{z_i - m}\Bigr),
              \quad m = z_{i^*} = \max_i z_i

    Parameters
    ----------
    z : array_like
        Logits, at least 1-D. Entries may be ``-inf`` (probability zero), not
        ``+inf`` or NaN.
    axis : int, default -1
        The axis to reduce.

    Returns
    -------
    ndarray or NumPy float
        ``z`` with ``axis`` removed; a NumPy float for 1-D input.

    Raises
    ------
    ValueError
        If ``z`` holds NaN or ``+inf``, is a scalar or empty along ``axis``,
        has a slice that is all ``-inf``, or ``axis`` is out of range.

    See Also
    --------
    log_softmax : ``z - logsumexp(z)``, from the same computation.
    softmax : Its exponential.

    Notes
    -----
    The second form never overflows: every exponent is ``<= 0``. Summing the
    terms other than the maximal one into ``r`` and adding ``r`` with
    ``log1p`` keeps full relative precision when one term dominates
    (``logsumexp([0, -50])`` is ``1.9e-22``, not the ``0`` that
    ``log(1 + r)`` would round to). Blanchard, Higham and Higham analyse the
    rounding errors of both the shifted sum and this ``log1p`` form.

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis
    41(4), 2311-2330, 2021. https://doi.org/10.1093/imanum/draa038


    Examples
    --------
    >>> import numpy as np
    >>> from kltools import logsumexp
    >>> bool(logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2))
    True
    >>> print(f"{float(logsumexp([0.0, -50.0])):.6e}")  # log1p(exp(-50)), not 0
    1.928750e-22
    """
    z, axis = _check_logits(z, axis)
    _, m, rest = shifted_and_rest(z, axis, keep_shifted=False)
    out = (m + np.log1p(rest)).squeeze(axis)
    return scalar_or_array(out.astype(z.dtype, copy=False))


def softmax(z: Any, axis: int = -1) -> np.ndarray:
    r"""Softmax along an axis: logits to probabilities, without overflow.

    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},
              \quad m = \max_j z_j

    Parameters
    ----------
    z : array_like
        Logits, at least 1-D; ``-inf`` allowed (gives probability 0), ``+inf``
        and NaN raise ``ValueError``, as does a slice that is all ``-inf``.
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``z``; non-negative, summing to 1 along
        ``axis``.

    Raises
    ------
    ValueError
        As :func:`logsumexp`.

    See Also
    --------
    log_softmax : Its logarithm, accurate where ``softmax`` rounds to 0 or 1.

    Notes
    -----
    Subtracting the maximum leaves the result unchanged and makes every
    exponent ``<= 0``, so nothing overflows and the largest term is exactly 1;
    Blanchard, Higham and Higham analyse the accuracy of this shifted form.

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis
    41(4), 2311-2330, 2021. https://doi.org/10.1093/imanum/draa038


    Examples
    --------
    >>> from kltools import softmax
    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    >>> softmax([1e308, -1e308]).tolist()
    [1.0, 0.0]
    """
    z, axis = _check_logits(z, axis)
    _, m = max_along(z, axis)
    with np.errstate(over="ignore", under="ignore"):  # z - m may round to -inf: exp gives 0
        e = np.exp(z - m)
    e /= np.sum(e, axis=axis, keepdims=True)
    out: np.ndarray = e.astype(z.dtype, copy=False)
    return out


def log_softmax(z: Any, axis: int = -1) -> np.ndarray:
    r"""Logarithm of the softmax along an axis, without overflow.

    .. math:: \log \operatorname{softmax}(z)_i = z_i - \operatorname{LSE}(z)

    Parameters
    ----------
    z : array_like
        Logits, at least 1-D (``-inf`` allowed, giving ``-inf``).
    axis : int, default -1
        The axis of the classes.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``z``; every entry ``<= 0``.

    Raises
    ------
    ValueError
        As :func:`logsumexp`.

    See Also
    --------
    logsumexp : The normaliser subtracted here.
    softmax : The probabilities themselves.

    Notes
    -----
    It shares :func:`logsumexp`'s computation: ``(z - m) - log1p(r)``, so the
    log-probability of a dominant logit keeps full relative precision (it is
    ``-log1p(r)`` with ``r`` tiny, not ``0``), and a gap ``z - m`` beyond the
    float range rounds to ``-inf`` without a warning.

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis
    41(4), 2311-2330, 2021. https://doi.org/10.1093/imanum/draa038


    Examples
    --------
    >>> import numpy as np
    >>> from kltools import log_softmax
    >>> np.round(log_softmax([0.0, 0.0]), 6).tolist()
    [-0.693147, -0.693147]
    >>> log_softmax([1e308, 0.0]).tolist()
    [0.0, -1e+308]
    """
    z, axis = _check_logits(z, axis)
    # z - (m + log1p(rest)), written so that the max entry gives -log1p(rest) exactly;
    # z - m below -1.8e308 rounds to -inf, as it should (no warning).
    out, _, rest = shifted_and_rest(z, axis, keep_shifted=True)
    out -= np.log1p(rest)
    return out.astype(z.dtype, copy=False)
