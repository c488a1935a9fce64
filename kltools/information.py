r"""Information measures: self-information, entropy, cross-entropy, KL divergence.

Conventions shared by every function here:

* ``base=None`` gives natural logarithms (nats), ``base=2`` bits; any finite
  base > 0 and != 1 is accepted.
* Probability vectors lie along ``axis``; other axes are batches and broadcast.
  They must be finite, non-negative and sum to 1 within ``1e-9``; anything else
  raises ``ValueError`` naming the argument. :func:`~kltools.information.normalize` turns counts
  into probabilities.
* ``0 log 0 = 0`` (the limit of ``p log p`` as ``p -> 0``); ``p > 0`` with
  ``q = 0`` gives ``+inf``. Neither case warns.
* 1-D input gives a NumPy float, N-D input an array with ``axis`` removed.
  float32 input stays float32; integers and lists are computed in float64.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._core import log_base, scalar_or_array, sum_xlogy
from ._validation import (
    as_float_array,
    broadcast_pair,
    check_axis,
    check_base,
    check_probabilities,
    check_unit_interval,
    result_dtype,
)

__all__ = [
    "self_information",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "kl_terms",
    "binary_entropy",
    "normalize",
]

# Below this relative difference |p - q| / q, a KL term is evaluated by its
# Taylor series; above it, directly. See `_kl_terms`.
_KL_SERIES_CUTOFF = 0.05
# Coefficients of phi(d) = (1 + d) log(1 + d) - d = sum_{k>=2} (-1)^k d^k / (k (k - 1)),
# lowest power first: _KL_SERIES[j] belongs to d^(j + 2). Horner's rule uses as
# many as the largest |d| needs (`_kl_series_length`); |d| <= 0.05 needs all 12.
_KL_SERIES = np.array([(-1.0) ** k / (k * (k - 1)) for k in range(2, 14)])


def self_information(p: Any, *, base: float | None = None) -> np.ndarray | np.floating:
    r"""Self-information (surprisal) of events with probability ``p``.

    .. math:: I(p) = -\log_b p

    It belongs to one event: likely events carry little information
    (``I(1) = 0``), unlikely ones a lot, and ``I(0) = +inf``.

    Parameters
    ----------
    p : array_like
        Probabilities in ``[0, 1]``, any shape.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    ndarray or NumPy float
        ``-log(p)`` elementwise, same shape as ``p``; ``+inf`` where ``p == 0``.

    Raises
    ------
    ValueError
        If ``p`` has entries outside ``[0, 1]`` or NaN, or ``base`` is invalid.

    See Also
    --------
    entropy : The expected self-information.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, chapter 2.

    Examples
    --------
    >>> from kltools import self_information
    >>> float(self_information(0.5, base=2))
    1.0
    >>> self_information([1.0, 0.25, 0.0], base=2).tolist()
    [-0.0, 2.0, inf]
    """
    base = check_base(base)
    p = check_unit_interval(p, "p")
    with np.errstate(divide="ignore"):
        out = -np.log(p)
    return scalar_or_array(log_base(out, base))


def entropy(p: Any, *, base: float | None = None, axis: int = -1) -> np.ndarray | np.floating:
    r"""Shannon entropy of the distribution(s) ``p``.

    .. math:: H(P) = -\sum_x p(x) \log_b p(x) = \mathbb{E}_{x \sim P}[I(x)]

    with ``0 log 0 = 0``. It lies between ``0`` (a certain outcome) and
    ``log n`` (the uniform distribution on ``n`` outcomes).

    Parameters
    ----------
    p : array_like
        Probability vector(s) along ``axis``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.
    axis : int, default -1
        The axis of the outcomes.

    Returns
    -------
    NumPy float or ndarray
        ``H(P)``; an array with ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector along ``axis`` or ``base`` is invalid.

    See Also
    --------
    binary_entropy : The entropy of a Bernoulli variable, elementwise.
    cross_entropy, kl_divergence

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 2.1.

    Examples
    --------
    >>> from kltools import entropy
    >>> float(entropy([0.5, 0.5], base=2))
    1.0
    >>> float(entropy([0.5, 0.25, 0.125, 0.125], base=2))
    1.75
    >>> float(entropy([1.0, 0.0]))
    0.0
    """
    base = check_base(base)
    p = check_probabilities(p, "p", axis)
    h = 0.0 - sum_xlogy(p, p, axis)  # 0.0 - x gives +0.0, never -0.0
    return scalar_or_array(log_base(np.asarray(h, dtype=p.dtype), base))


def cross_entropy(
    p: Any, q: Any, *, base: float | None = None, axis: int = -1
) -> np.ndarray | np.floating:
    r"""Cross-entropy of the model ``q`` (second) relative to the true distribution ``p`` (first).

    .. math:: H(P, Q) = -\sum_x p(x) \log_b q(x) = H(P) + D_{\mathrm{KL}}(P \,\|\, Q)

    The expected code length (in units of ``base``) when outcomes drawn from
    ``P`` are encoded with a code that is optimal for ``Q``. Terms with
    ``p(x) = 0`` contribute 0 even where ``q(x) = 0``; ``p(x) > 0`` with
    ``q(x) = 0`` gives ``+inf``.

    Parameters
    ----------
    p : array_like
        True (target) distribution(s) along ``axis``.
    q : array_like
        Model distribution(s); broadcasts against ``p``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.
    axis : int, default -1
        The axis of the outcomes.

    Returns
    -------
    NumPy float or ndarray
        ``H(P, Q) >= H(P)``; an array with ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector along ``axis``, their
        shapes do not broadcast, or ``base`` is invalid.

    See Also
    --------
    kltools.losses.categorical_cross_entropy : The same quantity as a loss,
        with the arguments in the machine-learning order ``(y, p)``: targets
        first, then the prediction.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.4 (the cost of coding with the wrong distribution).

    Examples
    --------
    >>> from kltools import cross_entropy
    >>> round(float(cross_entropy([0.5, 0.5], [0.25, 0.75], base=2)), 12)
    1.207518749639
    >>> float(cross_entropy([1.0, 0.0], [0.5, 0.5], base=2))
    1.0
    """
    base = check_base(base)
    p, q = _check_pair(p, q, axis)
    h = 0.0 - sum_xlogy(p, q, axis)
    return scalar_or_array(log_base(np.asarray(h, dtype=p.dtype), base))


def kl_divergence(
    p: Any, q: Any, *, base: float | None = None, axis: int = -1
) -> np.ndarray | np.floating:
    r"""Kullback-Leibler divergence of the model ``q`` (second) from the true ``p`` (first).

    .. math:: D_{\mathrm{KL}}(P \,\|\, Q) = \sum_x p(x) \log_b \frac{p(x)}{q(x)}
              = \sum_x \Bigl(p(x) \log \frac{p(x)}{q(x)} - p(x) + q(x)\Bigr) / \ln b

    The relative entropy: the extra cost of coding ``P`` with a code built
    for ``Q``. It is not symmetric in ``p`` and ``q``; it is ``>= 0``, and
    ``0.0`` exactly when ``p`` and ``q`` are equal.

    Parameters
    ----------
    p : array_like
        True (target) distribution(s) along ``axis``.
    q : array_like
        Model distribution(s); broadcasts against ``p``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.
    axis : int, default -1
        The axis of the outcomes.

    Returns
    -------
    NumPy float or ndarray
        ``D(P || Q) >= 0``, ``+inf`` where some ``p(x) > 0 = q(x)``; an array
        with ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector along ``axis``, their
        shapes do not broadcast, or ``base`` is invalid.

    See Also
    --------
    kl_terms : The terms this sums.
    cross_entropy : ``H(P, Q) = H(P) + D(P || Q)``.

    Notes
    -----
    The two sums agree because both distributions sum to 1. The second is a
    sum of terms that are each ``>= 0`` (since ``t log t - t + 1 >= 0``), so
    the result is never negative, also in floating point, and it is exactly
    ``0.0`` when ``p`` and ``q`` are equal. Each term is evaluated as
    ``q phi(d)`` with ``d = (p - q) / q`` and
    ``phi(d) = (1 + d) log(1 + d) - d``, by its Taylor series when
    ``|d| < 0.05`` (where the direct formula would cancel almost all of its
    digits), so nearly equal distributions keep full relative precision.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 2.3.

    Examples
    --------
    >>> from kltools import kl_divergence
    >>> round(float(kl_divergence([0.5, 0.5], [0.25, 0.75], base=2)), 12)
    0.207518749639
    >>> round(float(kl_divergence([0.25, 0.75], [0.5, 0.5], base=2)), 12)
    0.188721875541
    >>> float(kl_divergence([0.3, 0.7], [0.3, 0.7]))
    0.0
    >>> float(kl_divergence([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    base = check_base(base)
    p, q = _check_pair(p, q, axis)
    terms = _kl_terms_fast(p, q)
    d = np.sum(terms, axis=axis)
    if not np.isfinite(d).all():  # a zero, or a ratio that overflowed: fix those terms
        _kl_fix(terms, p, q)
        d = np.sum(terms, axis=axis)
    return scalar_or_array(log_base(np.asarray(d, dtype=p.dtype), base))


def _check_pair(p: Any, q: Any, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Validate two probability arrays and broadcast them to a common float dtype."""
    p = check_probabilities(p, "p", axis)
    q = check_probabilities(q, "q", axis)
    p, q = broadcast_pair(p, q, "p", "q")
    dtype = result_dtype(p, q)
    return p.astype(dtype, copy=False), q.astype(dtype, copy=False)


def _kl_series_length(dmax: float) -> int:
    r"""Count the Taylor coefficients :func:`kl_divergence` uses when every ``|d| <= dmax``.

    A KL term with ``d = (p - q) / q`` small is ``q phi(d)``, evaluated by the
    series

    .. math:: \varphi(d) = (1 + d)\log(1 + d) - d
              = \sum_{k \ge 2} \frac{(-1)^k d^k}{k (k - 1)}

    truncated after ``n`` coefficients (powers ``d^2`` to ``d^(n+1)``). ``n`` is
    the smallest for which the first omitted term is at most ``2^-56`` times
    the leading term ``d^2 / 2``, so the truncation is below the rounding of a
    float64 result.

    Parameters
    ----------
    dmax : float
        The largest ``|d|`` of a block of terms, in ``[0, 0.05]`` (beyond
        ``0.05`` the terms are evaluated directly, without the series).

    Returns
    -------
    int
        The number of coefficients, from 1 (``dmax = 0``) to 12 (``dmax = 0.05``).

    Raises
    ------
    ValueError
        If ``dmax`` is not a number in ``[0, 0.05]``.

    See Also
    --------
    kl_divergence : Sums the terms.

    Examples
    --------
    >>> from kltools.information import _kl_series_length
    >>> _kl_series_length(1e-3), _kl_series_length(0.05)
    (6, 12)
    """
    if not isinstance(dmax, (int, float, np.floating)) or not 0 <= dmax <= _KL_SERIES_CUTOFF:
        raise ValueError(f"dmax must be a number in [0, {_KL_SERIES_CUTOFF}], got {dmax!r}")
    for n in range(1, len(_KL_SERIES)):
        k = n + 2  # the power of the first omitted term, whose coefficient is 1 / (k (k - 1))
        if 1.0 / (k * (k - 1)) * dmax**n <= 2.0**-57:
            return n
    return len(_KL_SERIES)


def _kl_series(
    d: np.ndarray, q: np.ndarray, dmax: float, out: np.ndarray | None = None
) -> np.ndarray:
    """``q * phi(d)`` by Horner's rule on the Taylor series, for ``|d| <= dmax < 0.05``.

    Only as many coefficients as ``dmax`` needs are used (6 for ``dmax = 1e-3``,
    12 for ``0.05``), and the work is done in place in ``out``.
    """
    coef = _KL_SERIES[: _kl_series_length(dmax)].astype(d.dtype)
    if out is None:
        out = np.empty_like(d)
    if coef.size == 1:
        out.fill(coef[0])
    else:
        np.multiply(d, coef[-1], out=out)
        out += coef[-2]
        for c in coef[-3::-1]:
            out *= d
            out += c
    out *= d
    out *= d
    out *= q
    return out


def _gather(x: np.ndarray, idx: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Gather the entries of ``x`` at flat indices ``idx`` (``mask``: the same set as booleans)."""
    return x.ravel().take(idx) if x.flags.c_contiguous else x[mask]


def _kl_block(p: np.ndarray, q: np.ndarray, t: np.ndarray, d: np.ndarray) -> None:
    """Write the terms of :func:`_kl_terms` for ``p``, ``q`` into ``t``, using ``d`` as scratch.

    ``t`` and ``d`` are C-contiguous arrays of the broadcast shape of ``p`` and
    ``q``. The entries with ``|d| < 0.05`` take the series, the others the
    direct formula ``p log1p(d) - d q``. Whichever set is the larger is computed
    with whole-array, in-place operations; the smaller one is gathered by index,
    computed, and scattered back. Special entries are left as NaN or inf.
    """
    np.subtract(p, q, out=d)
    d /= q
    np.abs(d, out=t)
    near = t < _KL_SERIES_CUTOFF  # False where d is NaN or inf
    n_near = np.count_nonzero(near)
    if 2 * n_near <= near.size:
        # Mostly far apart (e.g. unrelated distributions): log everywhere.
        idx = np.flatnonzero(near)
        if idx.size:
            dn = d.ravel().take(idx)
            vals = _kl_series(dn, _gather(q, idx, near), float(np.abs(dn).max()))
        np.log1p(d, out=t)
        t *= p
        d *= q
        t -= d  # p log1p(d) - (p - q)
    else:
        # Mostly nearly equal: the series everywhere, no logarithm.
        dmax = float(np.max(t, where=near, initial=0.0))
        idx = np.flatnonzero(~near) if n_near < near.size else np.empty(0, dtype=np.intp)
        if idx.size:
            df = d.ravel().take(idx)
            far = ~near
            vals = _gather(p, idx, far) * np.log1p(df) - df * _gather(q, idx, far)
        _kl_series(d, q, dmax, out=t)
    if idx.size:
        t.ravel().put(idx, vals)


#: Block length for :func:`_kl_terms_fast`: the dozen passes over a block of this
#: many float64 (256 KiB per array) stay in the processor's cache.
_BLOCK = 1 << 15


def _kl_terms_fast(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Compute the terms of :func:`_kl_terms`, leaving NaN or inf at the special entries.

    Contiguous inputs of one shape are processed in blocks of :data:`_BLOCK`
    entries, so that main memory is read and written about once rather than once
    per pass; other (broadcast) inputs in one go.
    """
    t = np.empty(np.broadcast_shapes(p.shape, q.shape), dtype=p.dtype)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        if p.shape == q.shape and p.flags.c_contiguous and q.flags.c_contiguous:
            pf, qf, tf = p.ravel(), q.ravel(), t.ravel()
            scratch = np.empty(min(_BLOCK, tf.size), dtype=t.dtype)
            for s in range(0, tf.size, _BLOCK):
                e = min(s + _BLOCK, tf.size)
                _kl_block(pf[s:e], qf[s:e], tf[s:e], scratch[: e - s])
        else:
            _kl_block(p, q, t, np.empty_like(t))
    return t


def _kl_fix(t: np.ndarray, p: np.ndarray, q: np.ndarray) -> None:
    """Replace, in place, the NaN and inf that :func:`_kl_terms_fast` leaves.

    They come from ``p == 0`` (the term is ``q``), ``p > 0 == q`` (``+inf``) and a
    ratio ``p / q`` that overflows (``p (log p - log q) - p + q``).
    """
    bad = ~np.isfinite(t)
    if bad.any():
        pb, qb = p[bad], q[bad]
        with np.errstate(divide="ignore", invalid="ignore"):
            tb = pb * (np.log(pb) - np.log(qb)) + (qb - pb)
        tb[pb == 0] = qb[pb == 0]
        tb[(pb > 0) & (qb == 0)] = np.inf
        t[bad] = tb


def _kl_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    r"""Elementwise ``p log(p/q) - p + q``, each term ``>= 0``.

    * ``|d| < 0.05`` with ``d = (p - q) / q``: ``q * phi(d)`` by the Taylor
      series of ``phi(d) = (1 + d) log(1 + d) - d``; the direct formula would
      cancel almost all of its digits there.
    * otherwise ``p log1p(d) - d q``, which has no harmful cancellation because
      the term is at least ``phi(0.05) q ~ 1.2e-3 q``.
    * ``p == 0``: the term is ``q``; ``p > 0 == q``: ``+inf``; where ``p / q``
      overflows, ``p (log p - log q) - p + q``.

    One temporary of the input's size (the terms) is allocated for contiguous
    inputs of one shape, two (plus a boolean mask) for broadcast inputs.
    :func:`kl_divergence` sums :func:`_kl_terms_fast` and calls :func:`_kl_fix`
    only if the sum is not finite.
    """
    t = _kl_terms_fast(p, q)
    _kl_fix(t, p, q)
    return t


def kl_terms(
    p: Any, q: Any, *, base: float | None = None, axis: int = -1
) -> np.ndarray:
    r"""Compute the per-outcome terms of ``D(P || Q)``, each ``>= 0``, that sum to the divergence.

    .. math:: t(x) = \Bigl(p(x) \log \frac{p(x)}{q(x)} - p(x) + q(x)\Bigr) / \ln b

    The added ``q(x) - p(x)`` sum to 0 along ``axis``, so the terms add up to the
    divergence, and each is ``>= 0`` because ``u log u - u + 1 >= 0`` for
    ``u = p/q``. They are what :func:`kl_divergence` sums, evaluated the same way
    (a Taylor series where ``p`` and ``q`` nearly agree), so they show which
    outcomes the divergence comes from.

    Parameters
    ----------
    p : array_like
        True (target) distribution(s) along ``axis``.
    q : array_like
        Model distribution(s); broadcasts against ``p``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.
    axis : int, default -1
        The axis of the outcomes.

    Returns
    -------
    ndarray
        The terms, of the broadcast shape of ``p`` and ``q``: ``q(x)`` where
        ``p(x) = 0``, ``+inf`` where ``p(x) > 0 = q(x)``.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector along ``axis``, their
        shapes do not broadcast, or ``base`` is invalid.

    See Also
    --------
    kl_divergence : the sum of these terms.

    Examples
    --------
    >>> import numpy as np
    >>> from kltools import kl_divergence, kl_terms
    >>> t = kl_terms([0.5, 0.5], [0.25, 0.75], base=2)
    >>> np.round(t, 6).tolist()
    [0.139326, 0.068193]
    >>> bool(np.isclose(t.sum(), kl_divergence([0.5, 0.5], [0.25, 0.75], base=2)))
    True
    """
    base = check_base(base)
    p, q = _check_pair(p, q, axis)
    return log_base(_kl_terms(p, q), base)


def binary_entropy(p: Any, *, base: float | None = None) -> np.ndarray | np.floating:
    r"""Entropy of a Bernoulli(``p``) variable, elementwise.

    .. math:: H_b(p) = -p \log_b p - (1 - p) \log_b (1 - p)

    with ``0 log 0 = 0``, so ``H_b(0) = H_b(1) = 0`` and ``H_b(1/2) = 1`` bit.

    Parameters
    ----------
    p : array_like
        Probabilities of success in ``[0, 1]``, any shape.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    ndarray or NumPy float
        ``H_b(p)``, same shape as ``p``.

    Raises
    ------
    ValueError
        If ``p`` has entries outside ``[0, 1]`` or NaN, or ``base`` is invalid.

    See Also
    --------
    entropy : The entropy of a distribution given as a vector.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 2.1.

    Examples
    --------
    >>> from kltools import binary_entropy
    >>> binary_entropy([0.0, 0.5, 1.0], base=2).tolist()
    [0.0, 1.0, 0.0]
    """
    base = check_base(base)
    p = check_unit_interval(p, "p")
    with np.errstate(divide="ignore", invalid="ignore"):
        # -p log p - (1 - p) log1p(-p), in place; 0 * log 0 gives NaN, which is 0.
        h = np.log(p, out=np.empty_like(p))
        h *= p
        t = np.negative(p, out=np.empty_like(p))
        np.log1p(t, out=t)
        t *= 1 - p
        h += t
        del t
        np.negative(h, out=h)
        h[np.isnan(h)] = 0.0
    h += 0.0  # -0.0 becomes +0.0
    return scalar_or_array(log_base(h, base))


def normalize(counts: Any, axis: int = -1) -> np.ndarray:
    r"""Turn non-negative counts (or weights) into probabilities along ``axis``.

    .. math:: p_i = \frac{c_i}{\sum_j c_j}

    Parameters
    ----------
    counts : array_like
        Finite, non-negative numbers with a positive sum along ``axis``.
    axis : int, default -1
        The axis to normalise.

    Returns
    -------
    ndarray
        Same shape as ``counts``; float64 for integer input.

    Raises
    ------
    ValueError
        If ``counts`` has negative, NaN or infinite entries, or a slice that
        sums to 0.

    Examples
    --------
    >>> from kltools import normalize
    >>> normalize([1, 1, 2]).tolist()
    [0.25, 0.25, 0.5]
    """
    c = as_float_array(counts, "counts")
    axis = check_axis(c, axis, "counts")
    if (c < 0).any():
        raise ValueError(f"counts has negative entries (min {c.min():.6g}); counts are >= 0")
    with np.errstate(over="ignore"):  # an infinite total is reported below
        total = np.sum(c, axis=axis, keepdims=True)
    if (total <= 0).any():
        raise ValueError(
            f"counts has a slice along axis {axis} that sums to 0; nothing to normalise"
        )
    if not np.isfinite(total).all():
        raise ValueError(f"counts overflows when summed along axis {axis}")
    p: np.ndarray = c / total
    return p
