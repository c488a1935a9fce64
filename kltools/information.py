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
    check_given,
    check_joint_table,
    check_probabilities,
    check_unit_interval,
    check_variance,
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
    # two variables
    "joint_entropy",
    "conditional_entropy",
    "mutual_information",
    "pointwise_mutual_information",
    "js_divergence",
    # Normal distributions
    "normal_entropy",
    "normal_kl",
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
    >>> self_information([1.0, 0.25, 0.0], base=2).tolist()  # -0.0 == 0
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
    >>> round(float(entropy([0.5, 0.25, 0.125, 0.125], base=2)), 12)
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
    r"""Kullback-Leibler divergence of the true ``p`` (first) from the model ``q`` (second).

    .. math:: D_{\mathrm{KL}}(P \,\|\, Q) = \sum_x p(x) \log_b \frac{p(x)}{q(x)}
              = \sum_x \Bigl(p(x) \log \frac{p(x)}{q(x)} - p(x) + q(x)\Bigr) / \ln b

    The relative entropy: the extra cost of coding ``P`` with a code built
    for ``Q``. It is not symmetric in ``p`` and ``q``; it is ``>= 0``, and
    ``0.0`` when ``p`` and ``q`` are equal.

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
    The second sum (the generalised KL divergence) is the one computed. It
    differs from the first by ``sum(q) - sum(p)``, which is 0 for exact
    distributions but up to ``2e-9`` for inputs accepted within the ``1e-9``
    tolerance: ``p = [0.5, 0.5 + 1e-10]``, ``q = [0.5, 0.5]`` gives about
    ``1e-20`` nats, where ``sum(p log(p / q))`` is about ``1e-10``.
    Normalising both inputs with :func:`~kltools.information.normalize` first
    makes the two sums agree up to rounding. The second is a sum of terms
    that are each ``>= 0`` (since ``t log t - t + 1 >= 0``), so the result is
    never negative, also in floating point, and it is exactly ``0.0`` when
    ``p`` and ``q`` are equal. Each term is evaluated as
    ``q phi(d)`` with ``d = (p - q) / q`` and
    ``phi(d) = (1 + d) log(1 + d) - d``, by its Taylor series when
    ``|d| < 0.05`` (where the direct formula would cancel almost all of its
    digits), so nearly equal distributions keep full relative precision
    (relative to the second sum).

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
    >>> p = [0.5, 0.5 + 1e-10]  # accepted: sums to 1 within 1e-9
    >>> float(kl_divergence(p, [0.5, 0.5])) < 1e-19  # the second sum, not 1e-10
    True
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

    The added ``q(x) - p(x)`` sum to ``sum(q) - sum(p)`` along ``axis``, which is
    0 for exact distributions (at most ``2e-9`` for inputs accepted within the
    ``1e-9`` tolerance), so the terms add up to the divergence, and each is
    ``>= 0`` because ``u log u - u + 1 >= 0`` for ``u = p/q``. They are what
    :func:`kl_divergence` sums, evaluated the same way (a Taylor series where
    ``p`` and ``q`` nearly agree), so they show which outcomes the divergence
    comes from.

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
    >>> binary_entropy([0.0, 0.5, 1.0], base=2).round(12).tolist()
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
        If ``counts`` is a scalar, has negative, NaN or infinite entries, has a
        slice that sums to 0 or whose sum overflows, or ``axis`` is out of
        range.

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


# --- two variables: joint and conditional entropy, mutual information, JS ---

def joint_entropy(pxy: Any, *, base: float | None = None) -> np.ndarray | np.floating:
    r"""Joint entropy of the variables whose joint distribution is the table ``pxy``.

    .. math:: H(X, Y) = -\sum_{x, y} p(x, y) \log_b p(x, y)

    It is the entropy of the table read as one distribution over the pairs
    ``(x, y)``; any number of dimensions is accepted (all axes are summed, so a
    3-D table gives ``H(X, Y, Z)``), with ``0 log 0 = 0``.

    Parameters
    ----------
    pxy : array_like
        Joint probabilities ``pxy[x, y] = P(X = x, Y = y)``: finite,
        non-negative, summing to 1 over the whole table (within ``1e-9``).
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    NumPy float
        ``H(X, Y) >= 0``.

    Raises
    ------
    ValueError
        If ``pxy`` is a scalar, has negative or non-finite entries, or does not
        sum to 1, or ``base`` is invalid.

    Examples
    --------
    >>> from kltools import joint_entropy
    >>> float(joint_entropy([[0.25, 0.25], [0.5, 0.0]], base=2))
    1.5
    """
    base = check_base(base)
    p = check_joint_table(pxy, two_d=False).reshape(-1)
    h = 0.0 - sum_xlogy(p, p, 0)
    return scalar_or_array(log_base(np.asarray(h, dtype=p.dtype), base))


def conditional_entropy(
    pxy: Any, *, given: int = 0, base: float | None = None
) -> np.ndarray | np.floating:
    r"""Conditional entropy of one variable of a 2-D joint table given the other.

    .. math:: H(Y \mid X) = -\sum_{x, y} p(x, y) \log_b \frac{p(x, y)}{p(x)}
              = \sum_x p(x)\, H(Y \mid X = x) = H(X, Y) - H(X)

    with ``p(x) = sum_y p(x, y)`` (``given=0``: the rows are ``X``). With
    ``given=1`` the roles swap and the result is ``H(X | Y)``, with
    ``p(y) = sum_x p(x, y)``.

    Notes
    -----
    The first form is evaluated, not the difference ``H(X, Y) - H(X)``, which
    cancels when ``Y`` is nearly a function of ``X``. Every term has
    ``p(x, y) <= p(x)`` (a floating-point sum of non-negative numbers is at
    least each of them), so every term is ``>= 0``. The largest entry of each
    row, whose ratio ``p(x, y) / p(x)`` can be close to 1, is evaluated as
    ``-p(x, y) log1p(-r / p(x))`` with ``r`` the sum of the row's other entries,
    so that a nearly deterministic row keeps full relative precision instead of
    the absolute precision of the rounded ratio. Rows with ``p(x) = 0``
    contribute nothing.

    Parameters
    ----------
    pxy : array_like
        2-D joint table ``pxy[x, y]`` (rows ``X``, columns ``Y``): finite,
        non-negative, summing to 1 over the whole table (within ``1e-9``).
    given : {0, 1}, default 0
        The axis of the conditioning variable: ``0`` gives ``H(Y | X)``,
        ``1`` gives ``H(X | Y)``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    NumPy float
        The conditional entropy, ``>= 0``.

    Raises
    ------
    ValueError
        If ``pxy`` is not a 2-D table of probabilities summing to 1, ``given``
        is not 0 or 1, or ``base`` is invalid.

    Examples
    --------
    >>> from kltools import conditional_entropy
    >>> pxy = [[0.25, 0.25], [0.5, 0.0]]
    >>> round(float(conditional_entropy(pxy, given=0, base=2)), 12)  # H(Y | X)
    0.5
    >>> round(float(conditional_entropy(pxy, given=1, base=2)), 12)  # H(X | Y)
    0.688721875541
    """
    base = check_base(base)
    given = check_given(given)
    p = check_joint_table(pxy)
    rows = p if given == 0 else p.T  # the conditioning variable along the rows
    idx = np.arange(rows.shape[0])
    top = rows.argmax(axis=1)
    pmax = rows[idx, top]
    px = rows.sum(axis=1)
    # One temporary of the table's size, t: first the table without each row's
    # largest entry (to sum the others without cancellation), then the terms.
    t = np.array(rows, order="C")
    t[idx, top] = 0.0
    others = t.sum(axis=1)  # p(x) - max_y p(x, y)
    with np.errstate(divide="ignore", invalid="ignore"):
        t /= px[:, None]  # p(y | x); 0 / 0 = NaN in empty rows, where p = 0
        np.log(t, out=t)
        t *= rows  # p log p(y | x); 0 * log 0 = NaN where p = 0
        t[idx, top] = 0.0  # the largest entries are added below
        h = np.sum(t)
        if np.isnan(h):
            t[rows == 0] = 0.0
            h = np.sum(t)
        # The largest entry of each row: p log(1 - others / p(x)) by log1p.
        h_top = pmax * np.log1p(-others / (pmax + others))
    h = 0.0 - (h + np.sum(h_top, where=pmax > 0))
    return scalar_or_array(log_base(np.asarray(h, dtype=p.dtype), base))


def mutual_information(pxy: Any, *, base: float | None = None) -> np.ndarray | np.floating:
    r"""Mutual information of the two variables of a 2-D joint table.

    .. math:: I(X; Y) = \sum_{x, y} p(x, y) \log_b \frac{p(x, y)}{p(x)\, p(y)}
              = D_{\mathrm{KL}}(P_{XY} \,\|\, P_X \otimes P_Y)
              = H(X) + H(Y) - H(X, Y)

    The information one variable carries about the other: ``0`` exactly when
    they are independent, at most ``min(H(X), H(Y))``.

    Notes
    -----
    The entropy difference ``H(X) + H(Y) - H(X, Y)`` subtracts numbers of
    order ``log n`` to get a result that can be many orders of magnitude
    smaller: for a nearly independent table it loses every digit and can come
    out negative. This function computes the KL form instead, as a sum of
    terms that are each ``>= 0``,

    .. math:: I = \sum_{x, y} \bigl(p \log \tfrac{p}{q} - p + q\bigr), \qquad
              q(x, y) = p(x)\, p(y),

    (the added ``-p + q`` sum to 0), each term evaluated as ``q phi(d)`` with
    ``d = (p - q) / q`` and ``phi(d) = (1 + d) log(1 + d) - d`` by its Taylor
    series when ``|d| < 0.05`` (the same terms as
    :func:`~kltools.information.kl_divergence`). No subtraction of large
    numbers is left, and the result is never negative. A table that sums to
    ``s != 1`` (within the accepted ``1e-9``) gives the information of the
    normalised table: the products are formed from ``p(x) / s`` and ``p(y)``,
    so that every term is ``s`` times the term of the normalised table, and
    the sum is divided by ``s``.

    What limits the accuracy is the rounding of the products
    ``q = p(x) p(y)``, one rounding per cell: ``q`` is known to a relative
    error of about the unit roundoff ``eps``, which is an absolute error of
    that size in ``d``. The error of the result is therefore about
    ``eps * sum(q |d|) <= eps * sqrt(2 I)`` (not ``eps * log n``): relative to
    ``I ~ sum(q d^2) / 2`` it is of order ``eps / |d|``, about ``1e-10`` when
    the entries differ from the products of their marginals by a relative
    ``1e-6``. The rounding of the marginals themselves matters less: the sum
    is stationary in them (the ``-p + q`` make its first derivative with
    respect to ``p(x)`` and ``p(y)`` vanish), so it enters only at second
    order. An outer-product table therefore gives ``0`` up to rounding, never
    a negative number: exactly ``0.0`` when the products are exact, otherwise
    of order ``eps^2`` (below ``1e-30`` on random tables).

    Parameters
    ----------
    pxy : array_like
        2-D joint table ``pxy[x, y]`` (rows ``X``, columns ``Y``): finite,
        non-negative, summing to 1 over the whole table (within ``1e-9``).
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    NumPy float
        ``I(X; Y) >= 0``.

    Raises
    ------
    ValueError
        If ``pxy`` is not a 2-D table of probabilities summing to 1, or
        ``base`` is invalid.

    Examples
    --------
    >>> from kltools import mutual_information
    >>> round(float(mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2)), 12)  # Y = X
    1.0
    >>> float(mutual_information([[0.125, 0.375], [0.125, 0.375]]))  # independent
    0.0
    >>> round(float(mutual_information([[0.25, 0.25], [0.5, 0.0]], base=2)), 12)
    0.311278124459
    """
    base = check_base(base)
    p = check_joint_table(pxy)
    if not p.flags.c_contiguous:
        p = np.ascontiguousarray(p)
    px = p.sum(axis=1)
    py = p.sum(axis=0)
    mass = px.sum()
    if mass != 1:
        # q = (p(x) / mass) p(y) sums to mass like the table: each term is mass times
        # that of the normalised table (with q = p(x) p(y) the sum would be off
        # by (mass - 1)^2 / 2, not 0, for an outer-product table).
        px = px / mass
    # Blocks of whole rows, about _BLOCK entries each: the products q, the terms
    # and their sum are made block by block in the processor's cache, and
    # neither the full table of products nor of terms is ever stored.
    n_rows, n_cols = p.shape
    step = max(1, _BLOCK // max(n_cols, 1))
    size = min(step, n_rows) * n_cols
    q, t, d = (np.empty(size, dtype=p.dtype) for _ in range(3))
    total = p.dtype.type(0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        for r0 in range(0, n_rows, step):
            r1 = min(r0 + step, n_rows)
            n = (r1 - r0) * n_cols
            qb, tb = q[:n], t[:n]
            np.multiply(px[r0:r1, None], py, out=qb.reshape(r1 - r0, n_cols))
            pb = p[r0:r1].reshape(-1)
            _kl_block(pb, qb, tb, d[:n])
            s = np.sum(tb)
            if not np.isfinite(s):  # zeros in the table, or products that underflowed
                _mi_fix(tb, pb, qb, px, py, r0, n_cols)
                s = np.sum(tb)
            total += s
    mi = total / mass
    return scalar_or_array(log_base(np.asarray(mi, dtype=p.dtype), base))


def _mi_fix(
    t: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    px: np.ndarray,
    py: np.ndarray,
    r0: int,
    n_cols: int,
) -> None:
    """Replace, in place, the NaN and inf that :func:`_kl_block` leaves in MI terms.

    ``t``, ``p`` and ``q`` are the flattened rows ``r0, r0 + 1, ...`` of the
    terms, the table and the products. ``p == 0`` gives the term ``q``.
    Otherwise ``p > 0`` and both marginals are positive, so a non-finite term
    comes from ``q = p(x) p(y)`` underflowing or the ratio overflowing; it is
    ``p (log p - log p(x) - log p(y)) - p + q``.
    """
    (flat,) = np.nonzero(~np.isfinite(t))
    rows, cols = r0 + flat // n_cols, flat % n_cols
    pb, qb = p[flat], q[flat]
    with np.errstate(divide="ignore", invalid="ignore"):
        tb = pb * (np.log(pb) - np.log(px[rows]) - np.log(py[cols])) - pb + qb
    zero = pb == 0
    tb[zero] = qb[zero]
    t[flat] = tb


def pointwise_mutual_information(pxy: Any, *, base: float | None = None) -> np.ndarray:
    r"""Pointwise mutual information of every cell of a 2-D joint table.

    .. math:: \mathrm{pmi}(x, y) = \log_b \frac{p(x, y)}{p(x)\, p(y)}
              = \log_b \frac{p(y \mid x)}{p(y)}

    Positive where ``x`` and ``y`` occur together more often than they would
    if they were independent (they attract), negative where less often (they
    repel), 0 where exactly as often. Its average under ``p(x, y)`` is the
    mutual information: ``sum(pxy * pmi) = I(X; Y)`` over the cells with
    ``p(x, y) > 0``.

    Notes
    -----
    Evaluated as ``log1p((p - q) / q)`` with ``q = p(x) p(y)``, which avoids
    rounding the ratio ``p / q`` before the logarithm. It does not give full
    relative precision near independence: the marginals and their product
    are rounded too, an absolute error of about ``eps`` in ``d = (p - q) / q``,
    so a cell with ``pmi ~ d`` small has a relative error of about
    ``eps / |d|`` (some ``1e-7`` at ``|d| = 1e-9``). Unlike the mutual
    information, which is stationary in the marginals, PMI feels their
    rounding at first order. Where ``q`` underflows, it is evaluated as
    ``log p - log p(x) - log p(y)`` (and as ``-inf`` if ``p(x, y) = 0``
    there although both marginals are positive).

    Parameters
    ----------
    pxy : array_like
        2-D joint table ``pxy[x, y]`` (rows ``X``, columns ``Y``): finite,
        non-negative, summing to 1 over the whole table (within ``1e-9``).
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    ndarray
        The table's shape. ``-inf`` where ``p(x, y) = 0 < p(x) p(y)`` (a pair
        that never occurs although each of its parts does, also where the
        product underflows); NaN where ``p(x) = 0`` or ``p(y) = 0``, where the
        ratio is ``0 / 0`` and PMI is undefined (a row or column of zeros).

    Raises
    ------
    ValueError
        If ``pxy`` is not a 2-D table of probabilities summing to 1, or
        ``base`` is invalid.

    Examples
    --------
    >>> from kltools import pointwise_mutual_information
    >>> pointwise_mutual_information([[0.25, 0.25], [0.5, 0.0]], base=2).round(6).tolist()
    [[-0.584963, 1.0], [0.415037, -inf]]
    """
    base = check_base(base)
    p = check_joint_table(pxy)
    px = p.sum(axis=1)
    py = p.sum(axis=0)
    q = np.multiply.outer(px, py)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.subtract(p, q)
        out /= q
        np.log1p(out, out=out)
        bad = ~np.isfinite(out) & (p > 0)  # q underflowed to 0 or the ratio overflowed
        if bad.any():
            rows, cols = np.nonzero(bad)
            out[rows, cols] = np.log(p[rows, cols]) - np.log(px[rows]) - np.log(py[cols])
        if q.min() == 0:  # p = 0 < p(x) p(y) whose product underflowed: -inf, not NaN
            never = (q == 0) & (p == 0) & (px[:, None] > 0) & (py[None, :] > 0)
            out[never] = -np.inf
    return log_base(out, base)


def js_divergence(
    p: Any, q: Any, *, base: float | None = None, axis: int = -1
) -> np.ndarray | np.floating:
    r"""Jensen-Shannon divergence between ``p`` and ``q``.

    .. math:: \mathrm{JS}(P, Q) = \tfrac12 D_{\mathrm{KL}}(P \,\|\, M)
              + \tfrac12 D_{\mathrm{KL}}(Q \,\|\, M), \qquad M = \tfrac12 (P + Q)

    Symmetric in ``p`` and ``q``, finite even where the supports differ, and
    between ``0`` (``P = Q``) and ``log 2`` (disjoint supports), i.e. at most
    1 bit. It is the mutual information between a draw from ``M`` and the fair
    coin that chose whether it came from ``P`` or ``Q``, and its square root is
    a metric (Endres and Schindelin).

    Notes
    -----
    Both divergences are summed from the non-negative terms of
    :func:`~kltools.information.kl_divergence`, ``p log(p/m) - p + m``, so the
    result is never negative, is exactly ``0.0`` for equal inputs, and keeps
    full relative precision for nearly equal ones. Per outcome the linear
    parts ``-p + m - q + m`` cancel, and the sum is stationary in ``m``, so the
    rounding of ``m`` enters only at second order.

    Parameters
    ----------
    p, q : array_like
        Probability vectors along ``axis``; they broadcast against each other.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.
    axis : int, default -1
        The axis of the outcomes.

    Returns
    -------
    NumPy float or ndarray
        ``JS(P, Q)`` in ``[0, log 2]`` (up to rounding at the top); an array
        with ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector along ``axis``, their
        shapes do not broadcast, or ``base`` is invalid.

    References
    ----------
    J. Lin, "Divergence measures based on the Shannon entropy", IEEE
    Transactions on Information Theory 37(1), 145-151, 1991.

    D. M. Endres and J. E. Schindelin, "A new metric for probability
    distributions", IEEE Transactions on Information Theory 49(7), 1858-1860,
    2003.

    Examples
    --------
    >>> from kltools import js_divergence
    >>> round(float(js_divergence([1.0, 0.0], [0.0, 1.0], base=2)), 12)  # disjoint
    1.0
    >>> round(float(js_divergence([0.5, 0.5], [0.25, 0.75], base=2)), 12)
    0.048794940695
    >>> float(js_divergence([0.3, 0.7], [0.3, 0.7]))
    0.0
    """
    base = check_base(base)
    p, q = _check_pair(p, q, axis)
    p, q = np.ascontiguousarray(p), np.ascontiguousarray(q)  # copies only if broadcast
    m = p + q
    m *= 0.5
    # Per outcome, the two terms are added before the sum over outcomes (so that
    # disjoint supports give exactly log 2). Blocks of _BLOCK entries keep the
    # temporaries in the cache: one full-size array (the terms) besides m.
    t = np.empty_like(m)
    pf, qf, mf, tf = p.reshape(-1), q.reshape(-1), m.reshape(-1), t.reshape(-1)
    u, d = (np.empty(min(_BLOCK, tf.size), dtype=t.dtype) for _ in range(2))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        for s in range(0, tf.size, _BLOCK):
            e = min(s + _BLOCK, tf.size)
            n = e - s
            _kl_block(pf[s:e], mf[s:e], tf[s:e], d[:n])
            _kl_block(qf[s:e], mf[s:e], u[:n], d[:n])
            _js_fix(tf[s:e], pf[s:e], qf[s:e], mf[s:e])
            _js_fix(u[:n], qf[s:e], pf[s:e], mf[s:e])
            tf[s:e] += u[:n]
    js = np.sum(t, axis=axis)
    js *= 0.5
    return scalar_or_array(log_base(np.asarray(js, dtype=p.dtype), base))


def _js_fix(t: np.ndarray, a: np.ndarray, b: np.ndarray, m: np.ndarray) -> None:
    """Replace, in place, the NaN and inf that :func:`_kl_block` leaves in ``a log(a/m) - a + m``.

    ``a == 0`` gives the term ``m``. With ``a > 0`` only an underflow of
    ``m = (a + b) / 2`` to 0 is left; there ``a log(2a / (a + b)) - (a - b) / 2``.
    """
    bad = ~np.isfinite(t)
    if bad.any():
        ab, bb, mb = a[bad], b[bad], m[bad]
        tb = ab * np.log(2 * ab / (ab + bb)) - (ab - bb) / 2
        zero = ab == 0
        tb[zero] = mb[zero]
        t[bad] = tb


# --- Continuous: Normal distributions -----------------------------------------------

#: ``log(2 pi e)``: the differential entropy of N(0, var) is ``(log var + this) / 2``.
_LOG_2PIE = float(np.log(2 * np.pi) + 1.0)
#: Below this ``|u|``, with ``u = var_p / var_q - 1``, ``u - log(1 + u)`` is evaluated by
#: its Taylor series; above it, directly. See `_normal_variance_term`.
_NORMAL_SERIES_CUTOFF = 0.05
#: Coefficients of ``u - log(1 + u) = sum_{k>=2} (-1)^k u^k / k``, lowest power first:
#: ``_NORMAL_SERIES[j]`` belongs to ``u^(j + 2)``. Up to ``k = 17`` the first omitted
#: term is below ``2^-60`` times the leading one ``u^2 / 2`` when ``|u| < 0.05``.
_NORMAL_SERIES = np.array([(-1.0) ** k / k for k in range(2, 18)])


def _normal_variance_term(var_p: np.ndarray, var_q: np.ndarray) -> np.ndarray:
    r"""``r - 1 - log r`` with ``r = var_p / var_q``, elementwise, each ``>= 0``.

    With ``u = (var_p - var_q) / var_q`` it is ``u - log(1 + u)``. For ``|u| < 0.05``
    the Taylor series ``u^2/2 - u^3/3 + ...`` (Horner's rule) keeps full relative
    precision where the direct difference would cancel; ``var_p - var_q`` is exact
    there (Sterbenz), so nearly equal variances lose nothing. Otherwise the direct
    form ``u - log1p(u)``: the result is at least ``1.2e-3`` and the relative error
    about ``eps / |u|``, some ``20 eps`` at worst. (``u - log(r)`` would be worse:
    rounding ``r`` to a float costs ``log r`` an absolute ``eps``, a relative
    ``2 eps / u^2`` of the result.) For ``r <= 1/2`` it is ``u - log r``, with
    ``log r`` as ``log var_p - log var_q`` where the ratio over- or underflows.
    """
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        u: np.ndarray = (var_p - var_q) / var_q
        near = np.abs(u) < _NORMAL_SERIES_CUTOFF
        coef = _NORMAL_SERIES.astype(u.dtype)
        s: np.ndarray = np.full_like(u, coef[-1])
        for c in coef[-2::-1]:
            s *= u
            s += c
        s *= u
        s *= u
        if near.all():
            return s
        # log r: as log1p(u) where u is accurate (r > 1/2, no overflow); as log(r) for
        # smaller ratios; as log(var_p) - log(var_q) where r over- or underflows.
        mid = np.isfinite(u) & (u > -0.5)
        r = var_p / var_q
        ok = np.isfinite(r) & (r >= np.finfo(u.dtype).tiny)
        log_r = np.where(ok, np.log(np.where(ok, r, 1)), np.log(var_p) - np.log(var_q))
        log_r = np.where(mid, np.log1p(np.where(mid, u, 0)), log_r)
        direct = u - log_r
    out: np.ndarray = np.where(near, s, direct)
    return out


def normal_entropy(var: Any, *, base: float | None = None) -> np.ndarray | np.floating:
    r"""Differential entropy of a Normal distribution with variance ``var``, elementwise.

    .. math:: h\bigl(\mathcal{N}(\mu, \sigma^2)\bigr)
              = -\int f(x) \log_b f(x)\,dx = \tfrac12 \log_b\bigl(2 \pi e \sigma^2\bigr)

    It does not depend on the mean. Unlike the entropy of a discrete distribution
    it can be negative: it is below 0 when ``var < 1 / (2 pi e)``.

    Parameters
    ----------
    var : array_like
        Variances (not standard deviations), finite and > 0, any shape.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    ndarray or NumPy float
        ``h`` elementwise, same shape as ``var``.

    Raises
    ------
    ValueError
        If ``var`` has entries that are <= 0, NaN or infinite, or ``base`` is invalid.

    Examples
    --------
    >>> import numpy as np
    >>> from kltools import normal_entropy
    >>> round(float(normal_entropy(1.0)), 12)
    1.418938533205
    >>> abs(float(normal_entropy(1 / (2 * np.pi * np.e)))) < 1e-15  # 0 up to rounding
    True
    """
    base = check_base(base)
    var = check_variance(var, "var")
    with np.errstate(over="ignore", under="ignore"):
        scaled = var * var.dtype.type(np.exp(_LOG_2PIE))
        ok = np.isfinite(scaled) & (scaled >= np.finfo(var.dtype).tiny)
        # log(2 pi e var) in one logarithm where the product is a normal float
        h = np.where(ok, np.log(np.where(ok, scaled, 1)), np.log(var) + _LOG_2PIE)
    h = np.asarray(h * 0.5, dtype=var.dtype)
    return scalar_or_array(log_base(h, base))


def normal_kl(
    mean_p: Any, var_p: Any, mean_q: Any, var_q: Any, *, base: float | None = None
) -> np.ndarray | np.floating:
    r"""KL divergence of ``P = N(mean_p, var_p)`` from ``Q = N(mean_q, var_q)``, elementwise.

    .. math:: D_{\mathrm{KL}}(P \,\|\, Q)
              = \frac{1}{2 \ln b}\left[\Bigl(\frac{\sigma_p^2}{\sigma_q^2} - 1
                - \ln \frac{\sigma_p^2}{\sigma_q^2}\Bigr)
                + \frac{(\mu_p - \mu_q)^2}{\sigma_q^2}\right]

    for ``P = N(mu_p, sigma_p^2)`` and ``Q = N(mu_q, sigma_q^2)``. Both bracketed
    parts are ``>= 0`` (``r - 1 - ln r >= 0``) and each is evaluated without
    cancellation (a Taylor series for nearly equal variances), so the result is never
    negative, is exactly ``0.0`` for equal arguments and keeps full relative
    precision for nearly equal Normals. The arguments broadcast; summing the result
    over the last axis gives the divergence between Normals with diagonal
    covariance matrices. It is not symmetric: swapping ``P`` and ``Q`` changes it
    whenever the variances differ (with equal variances both directions are
    ``(mu_p - mu_q)^2 / (2 sigma^2)``).

    Parameters
    ----------
    mean_p, var_p : array_like
        Mean and variance (not standard deviation) of ``P``.
    mean_q, var_q : array_like
        Mean and variance of ``Q``. All four broadcast against each other.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    ndarray or NumPy float
        ``D(P || Q) >= 0`` elementwise, in the broadcast shape; ``inf`` where the
        divergence exceeds the largest float. float32 input stays float32.

    Raises
    ------
    ValueError
        If a mean is NaN or infinite, a variance is <= 0, NaN or infinite, the
        shapes do not broadcast, or ``base`` is invalid.

    Examples
    --------
    >>> from kltools import normal_kl
    >>> float(normal_kl(0.0, 1.0, 0.0, 1.0))
    0.0
    >>> float(normal_kl(1.0, 1.0, 0.0, 1.0))
    0.5
    >>> round(float(normal_kl(0.0, 4.0, 0.0, 1.0)), 12)  # wide P, narrow Q
    0.80685281944
    >>> round(float(normal_kl(0.0, 1.0, 0.0, 4.0)), 12)  # the other way round
    0.31814718056
    """
    base = check_base(base)
    names = ("mean_p", "var_p", "mean_q", "var_q")
    arrays = [as_float_array(mean_p, "mean_p"), check_variance(var_p, "var_p"),
              as_float_array(mean_q, "mean_q"), check_variance(var_q, "var_q")]
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(names, arrays, strict=True))
        raise ValueError(f"the shapes do not broadcast: {shapes}") from None
    dtype = result_dtype(*arrays)
    m_p, v_p, m_q, v_q = (np.broadcast_to(a, shape).astype(dtype, copy=False) for a in arrays)
    with np.errstate(over="ignore", under="ignore"):
        z = (m_p - m_q) / np.sqrt(v_q)
        d = _normal_variance_term(v_p, v_q)
        d += z * z
        d *= dtype.type(0.5)
    return scalar_or_array(log_base(np.asarray(d, dtype=dtype), base))
