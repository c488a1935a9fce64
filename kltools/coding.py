r"""Prefix codes: Huffman code lengths, ideal lengths, expected length, Kraft sums.

Enough to measure the source-coding bound ``H(P) <= L < H(P) + 1`` and the
extra bits paid for a code built for the wrong distribution.

Conventions shared by every function here:

* Codes are binary and lengths are in bits, unless a ``base`` says otherwise.
* The functions that take distributions or lengths in batches find the
  symbols along ``axis`` (default ``-1``), like the information measures;
  :func:`huffman_code_lengths` and :func:`canonical_codewords` build one code
  from one 1-D vector.
* A length array holds one entry per symbol, as floats. Whole numbers are
  real codeword lengths; ``+inf`` means "this symbol has no codeword". It is
  what a code built for ``q`` gives a symbol with ``q = 0``: the ideal length
  ``-log2 0``, and Huffman's choice for such a symbol. With that convention
  ``2 ** -inf = 0`` drops the symbol from the Kraft sum, and a source that
  does emit the symbol has an infinite expected code length, just as its
  cross-entropy is infinite.
* A symbol with probability 0 contributes 0 to an expected length, whatever
  its length, ``+inf`` included (``0 * inf = 0`` here, as ``0 log 0 = 0``
  in an entropy).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._core import scalar_or_array
from ._validation import (
    as_float_array,
    broadcast_pair,
    check_axis,
    check_base,
    check_probabilities,
)
from .information import self_information

__all__ = [
    "huffman_code_lengths",
    "canonical_codewords",
    "ideal_code_lengths",
    "shannon_code_lengths",
    "expected_code_length",
    "kraft_sum",
    "empirical_distribution",
]


def _check_lengths(lengths: Any, axis: int = -1) -> np.ndarray:
    """Check codeword lengths (non-negative, ``+inf`` allowed, no NaN) and return floats."""
    arr = as_float_array(lengths, "lengths", allow_inf=True)
    if arr.ndim == 0:
        raise ValueError("lengths is a scalar; expected one length per symbol (at least 1-D)")
    check_axis(arr, axis, "lengths")
    if (arr < 0).any():
        raise ValueError(f"lengths has negative entries (min {arr.min():.6g}); lengths are >= 0")
    return arr


def huffman_code_lengths(p: Any) -> np.ndarray:
    r"""Codeword lengths of an optimal binary prefix code (Huffman's algorithm).

    Huffman's algorithm repeatedly merges the two least probable nodes; a
    symbol's codeword length is its depth in the resulting tree. No prefix code
    has a smaller expected length :math:`L = \sum_i p_i l_i`, and

    .. math:: H(P) \le L < H(P) + 1 \quad \text{(bits)}.

    * Symbols with ``p == 0`` get no codeword: length ``+inf`` (they are never
      sent, and giving them a codeword could only lengthen the others).
    * If only one symbol has ``p > 0`` there is nothing to transmit: it gets the
      empty codeword, length ``0``, so ``L = H = 0``.
    * With two or more symbols of positive probability every length is at
      least 1 and the Kraft sum :math:`\sum_i 2^{-l_i}` is exactly 1.
    * Ties are broken deterministically: among nodes of equal probability the
      one created first (leaves in index order, then merged nodes in order of
      creation) is merged first, so the same ``p`` always gives the same lengths.

    Parameters
    ----------
    p : array_like
        One probability vector (1-D): finite, non-negative, summing to 1.

    Returns
    -------
    ndarray
        float64 array of the same length as ``p``: whole-number lengths in
        bits, ``+inf`` where ``p == 0``.

    Raises
    ------
    ValueError
        If ``p`` is not a 1-D probability vector.

    See Also
    --------
    canonical_codewords : Codewords with these lengths.
    shannon_code_lengths : A simpler code, at most one bit longer on average.

    References
    ----------
    D. A. Huffman, "A method for the construction of minimum-redundancy
    codes", Proceedings of the IRE 40(9), 1098-1101, 1952.
    https://doi.org/10.1109/JRPROC.1952.273898

    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.6 (Huffman codes) and 5.8 (their optimality).

    Examples
    --------
    >>> from kltools import huffman_code_lengths
    >>> huffman_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1.0, 2.0, 3.0, 3.0]
    >>> huffman_code_lengths([0.4, 0.2, 0.2, 0.1, 0.1]).tolist()
    [2.0, 2.0, 2.0, 3.0, 3.0]
    >>> huffman_code_lengths([0.75, 0.0, 0.25]).tolist()
    [1.0, inf, 1.0]
    >>> huffman_code_lengths([1.0]).tolist()
    [0.0]
    """
    p = check_probabilities(p, "p")
    if p.ndim != 1:
        raise ValueError(f"p has shape {p.shape}; expected one probability vector (1-D)")
    lengths = np.full(p.shape, np.inf)
    symbols = np.flatnonzero(p > 0)
    # Nodes 0..m-1 are the leaves (symbols with p > 0, in index order); each
    # merge appends a node. The heap holds (probability, node id): equal
    # probabilities pop in order of node id, which fixes the tie-breaking.
    heap = [(float(p[s]), node) for node, s in enumerate(symbols)]
    heapq.heapify(heap)
    parent: list[int] = [-1] * len(symbols)
    while len(heap) > 1:
        w1, a = heapq.heappop(heap)
        w2, b = heapq.heappop(heap)
        new = len(parent)
        parent[a] = parent[b] = new
        parent.append(-1)
        heapq.heappush(heap, (w1 + w2, new))
    # Parents are created after their children, so walking the nodes from the
    # root (the last one) backwards sees every parent's depth before its children.
    depth = [0] * len(parent)
    for node in range(len(parent) - 2, -1, -1):
        depth[node] = depth[parent[node]] + 1
    lengths[symbols] = depth[: len(symbols)]
    return lengths


def canonical_codewords(lengths: Any) -> list[str | None]:
    r"""Binary codewords of a prefix code with the given lengths (the canonical code).

    Symbols are taken in order of (length, index); each gets the next binary
    number of its length, which is possible exactly when the Kraft inequality

    .. math:: \sum_i 2^{-l_i} \le 1

    holds. The result is prefix-free: no codeword is the start of another.

    Parameters
    ----------
    lengths : array_like
        1-D whole-number lengths in bits; ``+inf`` means "no codeword".

    Returns
    -------
    list of str or None
        The codeword of each symbol as a string of ``'0'`` and ``'1'``
        (``''`` for a length of 0), ``None`` where the length is ``+inf``.

    Raises
    ------
    ValueError
        If ``lengths`` is not 1-D, has negative, NaN or fractional entries, or
        violates the Kraft inequality (no prefix code has those lengths).

    See Also
    --------
    kraft_sum : The left side of the Kraft inequality.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.2 (the Kraft inequality and its proof by a code tree).

    Examples
    --------
    >>> from kltools import canonical_codewords
    >>> canonical_codewords([2, 1, 3, 3])
    ['10', '0', '110', '111']
    >>> canonical_codewords([1, float("inf"), 1])
    ['0', None, '1']
    """
    arr = _check_lengths(lengths)
    if arr.ndim != 1:
        raise ValueError(f"lengths has shape {arr.shape}; expected one length per symbol (1-D)")
    finite = np.isfinite(arr)
    if (arr[finite] != np.round(arr[finite])).any():
        raise ValueError("lengths has fractional entries; codeword lengths are whole numbers")
    ints = [int(x) for x in arr[finite]]
    # Exact Kraft check in integers: sum 2^(m - l) <= 2^m.
    m = max(ints, default=0)
    if sum(1 << (m - n) for n in ints) > 1 << m:
        raise ValueError(
            "lengths violates the Kraft inequality (sum of 2**-l exceeds 1); "
            "no prefix code has these lengths"
        )
    words: list[str | None] = [None] * arr.size
    order = sorted(np.flatnonzero(finite).tolist(), key=lambda i: (arr[i], i))
    code, previous = 0, 0
    for k, i in enumerate(order):
        n = int(arr[i])
        if k:
            code = (code + 1) << (n - previous)
        words[i] = format(code, f"0{n}b") if n else ""
        previous = n
    return words


def ideal_code_lengths(q: Any, *, base: float | None = 2, axis: int = -1) -> np.ndarray:
    r"""Ideal (Shannon) code lengths of a distribution: the self-information of each symbol.

    .. math:: l_i = -\log_b q_i

    These are the lengths for which the expected length under ``q`` equals its
    entropy; used for data drawn from ``p`` they give the cross-entropy,
    ``sum(p * l) = H(P, Q)``. They are usually not whole numbers.

    Parameters
    ----------
    q : array_like
        Probability vector(s) along ``axis``.
    base : float, optional
        Logarithm base: 2 (default) gives bits, ``None`` nats.
    axis : int, default -1
        The axis of the symbols.

    Returns
    -------
    ndarray
        Same shape as ``q``; ``+inf`` where ``q == 0`` (no codeword).

    Raises
    ------
    ValueError
        If ``q`` is not a probability vector or ``base`` is invalid.

    See Also
    --------
    kltools.information.self_information : The same numbers, elementwise.
    shannon_code_lengths : These lengths rounded up to whole bits.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.3 (optimal codes).

    Examples
    --------
    >>> from kltools import ideal_code_lengths
    >>> ideal_code_lengths([0.5, 0.25, 0.25, 0.0]).tolist()
    [1.0, 2.0, 2.0, inf]
    >>> round(float(ideal_code_lengths([0.1, 0.9])[0]), 6)
    3.321928
    """
    q = check_probabilities(q, "q", axis)
    lengths = np.asarray(self_information(q, base=base))
    lengths += 0.0  # -0.0 (for q = 1) becomes +0.0
    return lengths


def shannon_code_lengths(q: Any, *, axis: int = -1) -> np.ndarray:
    r"""Codeword lengths of the Shannon code: ideal lengths rounded up to whole bits.

    .. math:: l_i = \lceil -\log_2 q_i \rceil

    They satisfy the Kraft inequality (:math:`2^{-l_i} \le q_i`, so the sum is
    at most 1) and give :math:`H(Q) \le \sum_i q_i l_i < H(Q) + 1` bits, which
    proves the upper half of the source-coding bound. Huffman's code is never
    longer on average.

    Parameters
    ----------
    q : array_like
        Probability vector(s) along ``axis``.
    axis : int, default -1
        The axis of the symbols.

    Returns
    -------
    ndarray
        float64, same shape as ``q``: whole numbers, ``+inf`` where ``q == 0``.

    Raises
    ------
    ValueError
        If ``q`` is not a probability vector.

    See Also
    --------
    ideal_code_lengths : The lengths before rounding.
    huffman_code_lengths : The optimal lengths.

    Notes
    -----
    The lengths are computed in exact rational arithmetic from ``q`` divided
    by its exact sum, so the Kraft inequality holds exactly even though ``q``
    may sum to 1 only within rounding: ``[1.0, 1e-30]`` gives ``[1, 100]``,
    not the ``[0, 100]`` that rounding ``-log2`` would give (those lengths
    would have a Kraft sum above 1).

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.4.

    Examples
    --------
    >>> from kltools import shannon_code_lengths
    >>> shannon_code_lengths([0.4, 0.2, 0.2, 0.1, 0.1]).tolist()
    [2.0, 3.0, 3.0, 4.0, 4.0]
    >>> shannon_code_lengths([0.5, 0.25, 0.25, 0.0]).tolist()
    [1.0, 2.0, 2.0, inf]
    """
    q = np.moveaxis(check_probabilities(q, "q", axis), axis, -1)
    out = np.full(q.shape, np.inf)
    for idx in np.ndindex(q.shape[:-1]):
        row = [Fraction(float(x)) for x in q[idx]]
        total = sum(row, Fraction(0))
        for i, qi in enumerate(row):
            if qi > 0:
                # The smallest l >= 0 with 2**l >= total / qi, i.e. 2**-l <= qi / total.
                ratio = total / qi
                l_floor = max((ratio.numerator // ratio.denominator).bit_length() - 1, 0)
                out[idx + (i,)] = l_floor if (1 << l_floor) >= ratio else l_floor + 1
    return np.moveaxis(out, -1, axis)


def expected_code_length(p: Any, lengths: Any, *, axis: int = -1) -> np.ndarray | np.floating:
    r"""Average codeword length when symbols drawn from ``p`` are coded with ``lengths``.

    .. math:: L = \sum_i p_i \, l_i

    Terms with ``p_i = 0`` are 0 whatever the length; a symbol with
    ``p_i > 0`` and no codeword (``l_i = +inf``) makes ``L`` infinite. With
    ``lengths = ideal_code_lengths(q)`` this is the cross-entropy
    :math:`H(P, Q)` in bits.

    Parameters
    ----------
    p : array_like
        Probability vector(s) along ``axis``: how often each symbol occurs.
    lengths : array_like
        Non-negative codeword lengths (``+inf`` allowed); broadcasts against ``p``.
    axis : int, default -1
        The axis of the symbols.

    Returns
    -------
    NumPy float or ndarray
        ``L`` in the unit of ``lengths`` (bits for binary codes); an array with
        ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector, ``lengths`` has negative or NaN
        entries, or the shapes do not broadcast.

    Examples
    --------
    >>> from kltools import expected_code_length, huffman_code_lengths
    >>> p = [0.4, 0.2, 0.2, 0.1, 0.1]
    >>> round(float(expected_code_length(p, huffman_code_lengths(p))), 12)
    2.2
    >>> float(expected_code_length([0.5, 0.5], [1.0, float("inf")]))
    inf
    """
    p = check_probabilities(p, "p", axis)
    lengths = _check_lengths(lengths)
    p, lengths = broadcast_pair(p, lengths, "p", "lengths")
    with np.errstate(invalid="ignore"):  # 0 * inf, replaced by 0 below
        terms = np.where(p > 0, p * lengths, 0.0)
    return scalar_or_array(np.sum(terms, axis=axis))


def kraft_sum(lengths: Any, *, base: float = 2, axis: int = -1) -> np.ndarray | np.floating:
    r"""Compute the Kraft sum of a set of codeword lengths.

    .. math:: K = \sum_i b^{-l_i}

    A prefix code over an alphabet of ``b`` letters with these (whole-number)
    lengths exists if and only if ``K <= 1`` (the Kraft inequality); an
    optimal *binary* code with at least two codewords has ``K = 1``. An
    optimal code over more letters need not: a ternary code for two symbols
    has lengths ``[1, 1]`` and ``K = 2/3``. Symbols with no codeword
    (``l_i = +inf``) contribute 0.

    Parameters
    ----------
    lengths : array_like
        Non-negative codeword lengths along ``axis`` (``+inf`` allowed).
    base : float, default 2
        Size of the code alphabet; a number > 1.
    axis : int, default -1
        The axis of the symbols.

    Returns
    -------
    NumPy float or ndarray
        ``K``; an array with ``axis`` removed for N-D input.

    Raises
    ------
    ValueError
        If ``lengths`` has negative or NaN entries or ``base`` is not > 1.

    References
    ----------
    L. G. Kraft, *A Device for Quantizing, Grouping, and Coding
    Amplitude-Modulated Pulses*, MS thesis, Massachusetts Institute of
    Technology, 1949.

    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed.,
    Wiley, 2006, section 5.2.

    Examples
    --------
    >>> from kltools import kraft_sum
    >>> float(kraft_sum([1, 2, 3, 3]))
    1.0
    >>> float(kraft_sum([1, 1, 2]))
    1.25
    """
    b = check_base(base)
    if b is None or b < 1:
        raise ValueError(f"base must be the size of the code alphabet, a number > 1; got {base!r}")
    lengths = _check_lengths(lengths, axis)
    with np.errstate(under="ignore"):
        terms = np.power(b, -lengths)
    return scalar_or_array(np.sum(terms, axis=axis))


def empirical_distribution(
    symbols: Sequence[Any] | str | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Find the alphabet of a sequence and the relative frequency of each symbol.

    .. math:: \hat p(a) = \frac{\#\{t : x_t = a\}}{n}

    Parameters
    ----------
    symbols : str or 1-D sequence
        The observed symbols ``x_1 .. x_n``: the characters of a string, or the
        entries of a list, tuple or 1-D array of mutually comparable values
        (numbers, strings). A list or tuple that mixes numbers and strings is
        converted by NumPy to strings, without an error: ``1`` and ``"1"``
        become one symbol, and a NaN among strings the symbol ``"nan"``. Only
        an object array of such a mix is rejected.

    Returns
    -------
    alphabet : ndarray
        The distinct symbols, sorted.
    probabilities : ndarray
        float64, same length: the fraction of the sequence each symbol makes up
        (all ``> 0``, summing to 1).

    Raises
    ------
    ValueError
        If ``symbols`` is empty, not one-dimensional, contains a float NaN
        (in a numeric array), or is an object array of values that cannot be
        sorted together.

    Examples
    --------
    >>> from kltools import empirical_distribution
    >>> alphabet, probs = empirical_distribution("abracadabra")
    >>> alphabet.tolist()
    ['a', 'b', 'c', 'd', 'r']
    >>> [round(float(x), 4) for x in probs]
    [0.4545, 0.1818, 0.0909, 0.0909, 0.1818]
    """
    if isinstance(symbols, str):
        symbols = list(symbols)
    try:
        arr = np.asarray(symbols)
    except Exception as exc:  # ragged nested sequences and the like
        raise ValueError(f"symbols could not be read as a sequence: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"symbols has shape {arr.shape}; expected a 1-D sequence")
    if arr.size == 0:
        raise ValueError("symbols is empty; an empirical distribution needs at least one symbol")
    if arr.dtype.kind in "fc" and np.isnan(arr).any():
        raise ValueError("symbols contains NaN, which is not a usable symbol")
    try:
        alphabet, counts = np.unique(arr, return_counts=True)
    except TypeError as exc:  # e.g. numbers and strings mixed in an object array
        raise ValueError(f"symbols cannot be sorted into an alphabet: {exc}") from None
    return alphabet, counts / counts.sum()
