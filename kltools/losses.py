r"""Losses of machine learning as negative log-likelihoods, and their gradients.

Each loss is ``-log`` of the likelihood of a simple distribution whose
parameter the model predicts: Bernoulli (binary cross-entropy), categorical
(categorical cross-entropy), Normal (Gaussian NLL, mean squared error) and
Laplace (Laplace NLL, mean absolute error).

Conventions shared by every function here:

* Targets first, then the prediction: ``loss(y, prediction)``, as in
  scikit-learn and as in ``H(P, Q)``.
* ``reduction="mean"`` (default) averages the per-term losses, ``"sum"`` adds
  them, ``"none"`` returns them. A term is an element for the elementwise
  losses and an example (a row, the class axis removed) for the categorical
  ones. The mean of an empty batch raises ``ValueError``; the sum is ``0.0``.
  Reduced results are NumPy floats.
* Every loss ``f`` has a gradient ``f_grad`` with the same arguments (except
  :func:`gaussian_nll`'s ``full``, a constant that has no gradient): the
  derivative of the *reduced* loss with respect to the prediction argument,
  with the shape of that argument. With ``"mean"`` it is divided by the
  number of terms averaged over; ``"sum"`` and ``"none"`` both give the
  derivative of the sum, which is the per-element derivative. Where the
  prediction was broadcast against a larger ``y`` (one shared parameter for
  many targets), the derivative is summed over the broadcast axes, as the
  chain rule says.
* float32 input stays float32; integers and lists are computed in float64.
  Python numbers given for ``var`` or ``scale`` do not change the dtype.
* Bad input (NaN, inf, probabilities outside ``[0, 1]``, labels that are out
  of range or not integers, ``var <= 0``, shapes that do not broadcast, an
  unknown ``reduction``) raises ``ValueError`` naming the argument. Nothing is
  clipped: a probability of 0 given to an observed outcome costs ``+inf``,
  without a warning.
"""

from __future__ import annotations

import math
from typing import Any, Literal, cast

import numpy as np

from ._core import scalar_or_array, shifted_and_rest, sum_xlogy
from ._validation import (
    as_float_array,
    broadcast_pair,
    check_axis,
    check_probabilities,
    check_unit_interval,
    result_dtype,
)

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "gaussian_nll",
    "gaussian_nll_grad",
    "gaussian_nll_grad_var",
    "mean_squared_error",
    "mean_squared_error_grad",
    "laplace_nll",
    "laplace_nll_grad",
    "mean_absolute_error",
    "mean_absolute_error_grad",
]

Reduction = Literal["mean", "sum", "none"]
_REDUCTIONS = ("mean", "sum", "none")
_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
_LOG_2 = math.log(2.0)


# --------------------------------------------------------------------------
# Private helpers shared by the losses and their gradients
# --------------------------------------------------------------------------


def _check_reduction(reduction: Any) -> Reduction:
    """Return ``reduction`` if it is one of ``"mean"``, ``"sum"``, ``"none"``."""
    if not isinstance(reduction, str) or reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")
    return cast(Reduction, reduction)


def _check_nonempty(n_terms: int) -> None:
    if n_terms == 0:
        raise ValueError(
            "reduction='mean' of an empty batch is undefined (no terms to average); "
            "use reduction='sum', which gives 0.0"
        )


def _reduce(losses: Any, reduction: str) -> np.ndarray | np.floating:
    """Apply a (checked) reduction to per-term losses."""
    losses = np.asarray(losses)
    if reduction == "none":
        return scalar_or_array(losses)
    with np.errstate(over="ignore"):  # a sum beyond the float range is inf
        if reduction == "sum":
            total: np.floating = np.sum(losses)
            return total
        _check_nonempty(losses.size)
        mean: np.floating = np.mean(losses)
        if np.isinf(mean) and np.isfinite(losses).all():
            mean = np.sum(losses / losses.size)  # the sum overflowed, the mean need not
    return mean


def _reduce_grad(
    grad: np.ndarray, shape: tuple[int, ...], n_terms: int, reduction: str
) -> np.ndarray:
    """Turn per-element derivatives into the gradient of the reduced loss.

    ``grad`` has the broadcast shape of all inputs; the result has ``shape``
    (the prediction argument's): broadcast axes are summed over, and with
    ``"mean"`` everything is divided by ``n_terms``.
    """
    grad = np.asarray(grad)
    lead = grad.ndim - len(shape)
    if lead:
        grad = grad.sum(axis=tuple(range(lead)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    if reduction == "mean":
        _check_nonempty(n_terms)
        grad /= n_terms  # in place: every caller passes a fresh array
    return grad


def _elementwise_inputs(
    y: Any,
    pred: Any,
    pred_name: str,
    *,
    unit_y: bool = False,
    unit_pred: bool = False,
    positive: tuple[tuple[Any, str], ...] = (),
) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Validate the inputs of an elementwise loss.

    ``y`` and ``pred`` must be finite (and in ``[0, 1]`` if ``unit_y`` /
    ``unit_pred``); each ``(value, name)`` in ``positive`` must be finite and
    ``> 0``. Returns the arrays, cast to one float dtype but not broadcast
    (their shapes are needed for the gradients), and the broadcast shape.
    """
    arrays = [
        (check_unit_interval if unit_y else as_float_array)(y, "y"),
        (check_unit_interval if unit_pred else as_float_array)(pred, pred_name),
    ]
    names = ["y", pred_name]
    strong = list(arrays)
    for value, name in positive:
        arr = as_float_array(value, name)
        if type(value) not in (int, float):  # Python numbers do not set the dtype
            strong.append(arr)
        arrays.append(arr)
        names.append(name)
    dtype = result_dtype(*strong)
    arrays = [a.astype(dtype, copy=False) for a in arrays]
    for arr, name in zip(arrays[2:], names[2:], strict=True):
        if arr.size and not arr.min() > 0:
            raise ValueError(f"{name} must be > 0 everywhere; found {arr.min():.6g} (as {dtype})")
    y_b, _ = broadcast_pair(arrays[0], arrays[1], "y", pred_name)
    for arr, name in zip(arrays[2:], names[2:], strict=True):
        broadcast_pair(y_b, arr, f"y broadcast against {pred_name}", name)
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    return arrays, shape


def _subtract(a: np.ndarray, b: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Compute ``a - b`` in a new array of the full broadcast ``shape`` (for in-place work).

    ``shape`` may be larger than that of ``a - b`` (a ``var`` or ``scale`` adds
    axes), so that every later in-place operation can broadcast into it.
    """
    with np.errstate(over="ignore"):
        out: np.ndarray = np.subtract(a, b, out=np.empty(shape, dtype=np.result_type(a, b)))
    return out


def _class_targets(y: Any, pred: np.ndarray, axis: int, pred_name: str) -> tuple[np.ndarray, bool]:
    """Targets of a categorical loss: ``(index, True)`` for labels, ``(rows, False)``.

    An integer-dtype ``y`` with ``pred``'s shape minus ``axis`` holds class
    labels; they come back as an index array with ``axis`` kept (length 1),
    ready for ``np.take_along_axis``, so that no one-hot matrix is built.
    Anything else must be probability rows (any real dtype, so integer one-hot
    rows work) with exactly ``pred``'s shape. The two shapes differ in rank, so
    there is no ambiguity.
    """
    label_shape = pred.shape[:axis] + pred.shape[axis + 1 :]
    try:
        kind = np.asarray(y).dtype.kind
    except (TypeError, ValueError):  # ragged input: as_float_array names the problem
        kind = "f"
    if kind in "iu" and np.shape(y) == label_shape:
        labels = np.asarray(y)
        k = pred.shape[axis]
        if labels.size:
            lo, hi = labels.min(), labels.max()
            if lo < 0 or hi >= k:
                raise ValueError(
                    f"y holds class labels from {lo} to {hi}; "
                    f"with {k} classes they must lie in 0..{k - 1}"
                )
        return np.expand_dims(labels.astype(np.intp, copy=False), axis), True
    arr = as_float_array(y, "y")
    if arr.shape != pred.shape:
        hint = ""
        if arr.shape == label_shape:
            hint = f"; class labels must have an integer dtype (got {arr.dtype}): use y.astype(int)"
        raise ValueError(
            f"y has shape {arr.shape} and {pred_name} has shape {pred.shape}: probability "
            f"rows must have {pred_name}'s shape, integer class labels shape {label_shape} "
            f"({pred_name}'s shape without the class axis {axis}){hint}"
        )
    return check_probabilities(arr, "y", axis), False


def _categorical_inputs(
    y: Any, pred: Any, axis: int, pred_name: str, *, logits: bool
) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Validate the inputs of a categorical loss: ``(targets, pred, axis, is_labels)``.

    ``pred`` is probability rows (``logits=False``) or finite logits. For
    labels, ``targets`` is the index array of :func:`_class_targets` and
    ``pred`` keeps its dtype; probability rows and ``pred`` are cast to one
    float dtype.
    """
    if logits:
        pred = as_float_array(pred, pred_name)
        axis = check_axis(pred, axis, pred_name)
        if pred.shape[axis] == 0:
            raise ValueError(f"{pred_name} is empty along axis {axis}; there are no classes")
    else:
        pred = check_probabilities(pred, pred_name, axis)
        axis = check_axis(pred, axis, pred_name)
    targets, is_labels = _class_targets(y, pred, axis, pred_name)
    if is_labels:
        return targets, pred, axis, True
    dtype = result_dtype(targets, pred)
    return targets.astype(dtype, copy=False), pred.astype(dtype, copy=False), axis, False


def _times_complement(out: np.ndarray, y: np.ndarray) -> None:
    """Compute ``out *= 1 - y`` for arrays of one shape, in blocks.

    The blocks hold about 2**16 elements along the first axis, so that
    ``1 - y`` never takes a full-size temporary.
    """
    step = max(1, (1 << 16) // max(1, math.prod(out.shape[1:])))
    for start in range(0, out.shape[0], step):
        block = slice(start, start + step)
        out[block] *= np.subtract(1, y[block])


def _onehot_index(y: np.ndarray, axis: int) -> np.ndarray | None:
    """Return the label index of probability rows ``y`` if every row is one-hot, else ``None``.

    Checked rows sum to 1, so each has a non-zero entry: one non-zero per row,
    equal to 1, makes them all one-hot. Reading them as labels makes the
    categorical losses of one-hot rows and of labels agree bit for bit.
    """
    rows = y.size // y.shape[axis]
    if np.count_nonzero(y) != rows or np.count_nonzero(y == 1) != rows:
        return None
    index: np.ndarray = np.argmax(y, axis=axis, keepdims=True)
    return index


def _softmax_ce_labels(z: np.ndarray, index: np.ndarray, axis: int) -> np.ndarray:
    """Per-example softmax cross-entropy for labels (``index`` as from ``_class_targets``).

    ``LSE(z) - z_c = log1p(r)`` with ``r = sum(exp(z_i - z_c))`` over ``i != c``:
    one temporary of ``z``'s size, no maximum, no cancellation, and full
    relative precision for a tiny loss (a dominant true logit makes ``r``
    tiny). Where a logit exceeds the true one by more than about 709, ``r``
    overflows; those examples (if any) take ``(m - z_c) + log1p(rest)``
    instead, with ``m`` the maximum (see ``kltools._core.shifted_and_rest``).
    """
    z_true = np.take_along_axis(z, index, axis=axis)
    with np.errstate(over="ignore", under="ignore"):  # exp(+large) = inf is handled below
        e = np.subtract(z, z_true)
        np.exp(e, out=e)
    np.put_along_axis(e, index, 0.0, axis=axis)
    r = np.sum(e, axis=axis, keepdims=True)
    del e
    losses = np.log1p(r)
    overflow = np.isinf(r)
    if overflow.any():
        _, m, rest = shifted_and_rest(z, axis, keep_shifted=False, name="logits")
        with np.errstate(over="ignore"):  # a gap beyond the float range: the loss is inf
            wide = (m - z_true) + np.log1p(rest)
        losses = np.where(overflow, wide, losses)
    out: np.ndarray = losses.squeeze(axis)
    return out


# --------------------------------------------------------------------------
# Bernoulli: binary cross-entropy
# --------------------------------------------------------------------------


def binary_cross_entropy(
    y: Any, p: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Binary cross-entropy of predicted probabilities ``p`` for targets ``y``.

    .. math:: \ell(y, p) = -\bigl[y \log p + (1 - y) \log(1 - p)\bigr]

    The negative log-likelihood of a Bernoulli(``p``) variable observed as
    ``y`` (for soft labels ``y`` in ``(0, 1)``, the cross-entropy
    ``H(Bernoulli(y), Bernoulli(p))``). ``0 log 0 = 0``, so ``p = y`` in
    ``{0, 1}`` costs 0, while ``p = 0`` with ``y > 0`` (or ``p = 1`` with
    ``y < 1``) costs ``+inf``: nothing is clipped. ``log(1 - p)`` is computed
    as ``log1p(-p)``.

    Parameters
    ----------
    y : array_like
        Targets in ``[0, 1]``: labels ``0``/``1`` or soft labels.
    p : array_like
        Predicted probabilities of the outcome 1, in ``[0, 1]``; broadcasts
        against ``y``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, sum, or the per-element losses.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If ``y`` or ``p`` is outside ``[0, 1]`` or NaN, the shapes do not
        broadcast, ``reduction`` is unknown, or the mean of an empty batch is
        asked for.

    Examples
    --------
    >>> from kltools import binary_cross_entropy
    >>> round(float(binary_cross_entropy(1, 0.5)), 6)  # ln 2
    0.693147
    >>> binary_cross_entropy([1, 0, 1], [1.0, 0.0, 0.0], reduction="none").tolist()
    [0.0, 0.0, inf]
    """
    reduction = _check_reduction(reduction)
    (y, p), shape = _elementwise_inputs(y, p, "p", unit_y=True, unit_pred=True)
    # Two buffers of the broadcast shape. A product 0 * log(0) = 0 * (-inf) is
    # NaN; it only arises where y = p = 0 or y = p = 1, where the other term is
    # exactly 0 and so is the loss: fmax(NaN, 0) = 0 puts it right.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.negative(p, out=np.empty(shape, dtype=p.dtype))
        np.log1p(log_q, out=log_q)  # log(1 - p)
        losses = np.subtract(1, y, out=np.empty(shape, dtype=p.dtype))
        losses *= log_q  # (1 - y) log(1 - p)
        np.log(p, out=log_q)
        log_q *= y  # y log p
        losses += log_q
    del log_q
    np.subtract(0.0, losses, out=losses)  # 0.0 - x: no -0.0
    np.fmax(losses, 0.0, out=losses)
    return _reduce(losses, reduction)


def binary_cross_entropy_grad(
    y: Any, p: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``p``.

    .. math:: \frac{\partial \ell}{\partial p} = -\frac{y}{p} + \frac{1 - y}{1 - p}
              = \frac{p - y}{p (1 - p)}

    At the edges it returns the one-sided derivative of the loss, following
    ``0 log 0 = 0``: at ``p = 0`` it is ``1`` if ``y = 0`` (the loss is finite
    there) and ``-inf`` if ``y > 0`` (the loss is infinite); at ``p = 1`` it is
    ``-1`` if ``y = 1`` and ``+inf`` otherwise. No ``ValueError``, no warning.

    Parameters
    ----------
    y, p, reduction
        As in :func:`binary_cross_entropy`.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``p``'s shape (divided by the
        number of elements for ``"mean"``).

    Raises
    ------
    ValueError
        As :func:`binary_cross_entropy`.

    Examples
    --------
    >>> from kltools import binary_cross_entropy_grad
    >>> binary_cross_entropy_grad([1, 0], [0.5, 0.5], reduction="none").tolist()
    [-2.0, 2.0]
    >>> binary_cross_entropy_grad([0, 1, 1], [0.0, 0.0, 1.0], reduction="sum").tolist()
    [1.0, -inf, -1.0]
    """
    reduction = _check_reduction(reduction)
    (y, p), shape = _elementwise_inputs(y, p, "p", unit_y=True, unit_pred=True)
    grad = _subtract(p, y, shape)
    with np.errstate(divide="ignore", over="ignore", under="ignore", invalid="ignore"):
        den = np.subtract(1, p)
        den *= p
        grad /= den  # (p - y) / (p (1 - p)): +-inf at the edges where the loss is infinite
    del den
    # 0 / 0 only where p = y = 0 (derivative 1) or p = y = 1 (derivative -1): 1 - 2p
    nan = np.isnan(grad)
    if nan.any():
        grad[nan] = 1 - 2 * np.broadcast_to(p, shape)[nan]
    return scalar_or_array(_reduce_grad(grad, p.shape, math.prod(shape), reduction))


def binary_cross_entropy_with_logits(
    y: Any, z: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Binary cross-entropy of targets ``y`` given logits ``z``, ``p = sigmoid(z)``.

    .. math:: \ell(y, z) = -y \log \sigma(z) - (1 - y) \log \sigma(-z)
              = \log\bigl(1 + e^{-|z|}\bigr) + z \bigl(\mathbf{1}[z \ge 0] - y\bigr)

    The negative log-likelihood of a Bernoulli(``sigmoid(z)``) variable,
    finite for every finite ``z`` and accurate for a tiny loss (see Notes).

    Parameters
    ----------
    y : array_like
        Targets in ``[0, 1]`` (labels or soft labels).
    z : array_like
        Finite logits; broadcasts against ``y``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, sum, or the per-element losses.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If ``y`` is outside ``[0, 1]``, ``z`` is not finite, either holds NaN,
        the shapes do not broadcast, ``reduction`` is unknown, or the mean of an
        empty batch is asked for.

    See Also
    --------
    binary_cross_entropy : The same loss of a probability ``p = sigmoid(z)``.
    kltools.numerics.log_sigmoid : The same evaluation of ``log sigmoid(z)``.

    Notes
    -----
    The loss is evaluated in the second form, the way
    :func:`~kltools.numerics.log_sigmoid` is: ``log1p(exp(-|z|))`` plus
    ``z (1[z >= 0] - y)``, which is ``(1 - y) z`` for ``z >= 0`` and
    ``y |z|`` for ``z < 0``. Both terms are non-negative, so the sum never
    overflows (finite for every finite ``z``, ``|z|`` up to ``1e308``) and
    never cancels: a tiny loss keeps full relative precision (``y = 1,
    z = 40`` gives ``4.25e-18``, not ``0``). For soft labels the only extra
    rounding is that of ``1 - y``, so the result is still accurate to a few
    units in the last place. (The textbook form
    ``max(z, 0) - z y + log(1 + exp(-|z|))`` is the same function but cancels
    for soft labels: ``max(z, 0) - z y`` loses the digits of ``z (1 - y)``.)

    Examples
    --------
    >>> from kltools import binary_cross_entropy_with_logits
    >>> round(float(binary_cross_entropy_with_logits(1, 0.0)), 6)  # ln 2
    0.693147
    >>> binary_cross_entropy_with_logits([1, 0], [-1e308, -1e308], reduction="none").tolist()
    [1e+308, 0.0]
    >>> print(f"{float(binary_cross_entropy_with_logits(1, 40.0)):.6e}")  # not 0
    4.248354e-18
    """
    reduction = _check_reduction(reduction)
    (y, z), shape = _elementwise_inputs(y, z, "z", unit_y=True)
    # Two buffers: the loss (broadcast shape) and log1p(exp(-|z|)) (z's shape).
    with np.errstate(under="ignore"):
        losses = np.subtract(z >= 0, y, out=np.empty(shape, dtype=z.dtype))
        losses *= z  # z (1[z >= 0] - y) >= 0, no cancellation
        softplus = np.copysign(z, -1, out=np.empty_like(z))  # -|z|
        np.exp(softplus, out=softplus)
        np.log1p(softplus, out=softplus)
        losses += softplus
    return _reduce(losses, reduction)


def binary_cross_entropy_with_logits_grad(
    y: Any, z: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``z``.

    .. math:: \frac{\partial \ell}{\partial z} = \sigma(z) - y
              = \bigl(\mathbf{1}[z \ge 0] - y\bigr) - s\,\sigma(-|z|),
              \quad s = \begin{cases} 1 & z \ge 0 \\ -1 & z < 0 \end{cases}

    A confident correct logit gives a tiny, not a zero, gradient (see Notes).

    Parameters
    ----------
    y, z, reduction
        As in :func:`binary_cross_entropy_with_logits`.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``z``'s shape.

    Raises
    ------
    ValueError
        As :func:`binary_cross_entropy_with_logits`.

    Notes
    -----
    The second form is the one computed, with
    ``sigmoid(-|z|) = exp(-|z|) / (1 + exp(-|z|))``: for ``y`` in ``{0, 1}``
    it has no cancellation (either the first term is ``0`` or the result is at
    least ``1/2`` in size), so ``y = 1, z = 40`` gives ``-4.25e-18``, where
    ``sigmoid(z) - y`` would give ``0``.

    Examples
    --------
    >>> from kltools import binary_cross_entropy_with_logits_grad
    >>> binary_cross_entropy_with_logits_grad([1, 0], [0.0, 0.0], reduction="none").tolist()
    [-0.5, 0.5]
    >>> print(f"{float(binary_cross_entropy_with_logits_grad(1, 40.0)):.6e}")  # not 0
    -4.248354e-18
    """
    reduction = _check_reduction(reduction)
    (y, z), shape = _elementwise_inputs(y, z, "z", unit_y=True)
    grad = np.empty(shape, dtype=z.dtype)
    with np.errstate(under="ignore"):
        tail = np.copysign(z, -1, out=np.empty_like(z))  # -|z|
        np.exp(tail, out=tail)
        den = grad if grad.shape == z.shape else np.empty_like(z)  # scratch
        np.add(tail, 1, out=den)
        np.divide(tail, den, out=tail)  # sigmoid(-|z|)
        del den
        nonneg = z >= 0
        np.subtract(nonneg, y, out=grad)  # 1[z >= 0] - y
        np.negative(tail, out=tail, where=nonneg)
        grad += tail
    return scalar_or_array(_reduce_grad(grad, z.shape, math.prod(shape), reduction))


# --------------------------------------------------------------------------
# Categorical: categorical cross-entropy
# --------------------------------------------------------------------------


def categorical_cross_entropy(
    y: Any, p: Any, *, axis: int = -1, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Categorical cross-entropy of predicted class probabilities ``p`` for true classes ``y``.

    .. math:: \ell(y, p) = -\sum_{i=1}^{k} y_i \log p_i

    The negative log-likelihood of a categorical (multinoulli) variable with
    probabilities ``p`` observed as class ``c`` (one-hot ``y``, so
    ``ell = -log p_c``), or for soft targets the cross-entropy ``H(y, p)``.
    ``0 log 0 = 0``; ``p_i = 0`` where ``y_i > 0`` costs ``+inf``. The truth
    comes first, as in every loss here; this is
    :func:`kltools.information.cross_entropy` ``(y, p)`` per example, whose
    ``p`` is the truth instead.

    Parameters
    ----------
    y : array_like
        Either integer class labels (an integer dtype, shape ``p.shape``
        without ``axis``, values ``0 <= label < k``) or probability rows
        (one-hot or soft, any real dtype, exactly ``p``'s shape). A float
        array of whole numbers is *not* read as labels: convert it with
        ``y.astype(int)``.
    p : array_like
        Predicted probability vectors along ``axis``.
    axis : int, default -1
        The class axis of ``p``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average over examples, sum, or the per-example losses (``axis``
        removed).

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or the per-example losses.

    Raises
    ------
    ValueError
        If ``p`` (or soft ``y``) is not a probability vector along ``axis``,
        labels are out of range or not integers, the shapes do not match,
        ``reduction`` is unknown, or the mean of an empty batch is asked for.

    Examples
    --------
    >>> from kltools import categorical_cross_entropy
    >>> p = [[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]]
    >>> categorical_cross_entropy([0, 1], p, reduction="none").round(6).tolist()
    [0.693147, 0.223144]
    >>> categorical_cross_entropy([[1, 0, 0], [0, 1, 0]], p, reduction="none").round(6).tolist()
    [0.693147, 0.223144]
    """
    reduction = _check_reduction(reduction)
    y, p, axis, is_labels = _categorical_inputs(y, p, axis, "p", logits=False)
    if is_labels:  # -log p of the true class; p = 0 there costs inf
        with np.errstate(divide="ignore"):
            losses = 0.0 - np.log(np.take_along_axis(p, y, axis=axis)).squeeze(axis)
    else:
        losses = 0.0 - sum_xlogy(y, p, axis)
    return _reduce(losses, reduction)


def categorical_cross_entropy_grad(
    y: Any, p: Any, *, axis: int = -1, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``p``.

    .. math:: \frac{\partial \ell}{\partial p_i} = -\frac{y_i}{p_i}

    with ``0 / 0 = 0`` (a class with ``y_i = 0`` does not enter the loss) and
    ``-inf`` where ``y_i > 0 = p_i`` (where the loss is infinite). It treats
    the ``p_i`` as free variables; the constraint ``sum p_i = 1`` is the
    caller's business (use :func:`softmax_cross_entropy_grad` for logits).

    Parameters
    ----------
    y, p, axis, reduction
        As in :func:`categorical_cross_entropy`.

    Returns
    -------
    ndarray
        The gradient of the reduced loss, with ``p``'s shape (divided by the
        number of examples for ``"mean"``).

    Raises
    ------
    ValueError
        As :func:`categorical_cross_entropy`.

    Examples
    --------
    >>> from kltools import categorical_cross_entropy_grad
    >>> categorical_cross_entropy_grad([0, 1], [[0.5, 0.5], [0.25, 0.75]]).round(6).tolist()
    [[-1.0, 0.0], [0.0, -0.666667]]
    """
    reduction = _check_reduction(reduction)
    y, p, axis, is_labels = _categorical_inputs(y, p, axis, "p", logits=False)
    if is_labels:  # zero except -1 / p at the true class
        grad = np.zeros(p.shape, dtype=p.dtype)
        with np.errstate(divide="ignore"):
            np.put_along_axis(grad, y, 0.0 - 1 / np.take_along_axis(p, y, axis=axis), axis=axis)
    else:
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            grad = np.divide(y, p)  # 0 / 0 = NaN where y_i = p_i = 0: the term is absent
        np.fmax(grad, 0.0, out=grad)  # NaN -> 0, all other entries are >= 0
        np.subtract(0.0, grad, out=grad)
    return _reduce_grad(grad, p.shape, p.size // p.shape[axis], reduction)


def softmax_cross_entropy(
    y: Any, logits: Any, *, axis: int = -1, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Categorical cross-entropy of targets ``y`` given logits, ``p = softmax(logits)``.

    .. math:: \ell(y, z) = -\sum_i y_i \log \operatorname{softmax}(z)_i
              = \sum_i y_i \Bigl(\operatorname{LSE}(z) - z_i\Bigr)

    The negative log-likelihood of a categorical variable with probabilities
    ``softmax(logits)``: finite for all finite logits, and a confident correct
    prediction gives a tiny loss with full relative precision, not ``0`` (see
    Notes).

    Parameters
    ----------
    y : array_like
        Integer class labels (shape ``logits.shape`` without ``axis``) or
        probability rows with ``logits``' shape; see
        :func:`categorical_cross_entropy`.
    logits : array_like
        Finite logits; the classes lie along ``axis``.
    axis : int, default -1
        The class axis of ``logits``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average over examples, sum, or the per-example losses.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or the per-example losses.

    Raises
    ------
    ValueError
        If ``logits`` is not finite, labels are out of range or not
        integers, ``y`` rows are not probability vectors, the shapes do not
        match, ``reduction`` is unknown, or the mean of an empty batch is
        asked for.

    See Also
    --------
    categorical_cross_entropy : The same loss of probability rows.
    kltools.numerics.log_softmax : The log-probabilities used for soft targets.

    Notes
    -----
    Probability rows are computed like :func:`~kltools.numerics.log_softmax`.
    For a label ``c`` (and for one-hot rows, which are read as labels and give
    the same result bit for bit) the loss of an example is
    ``log1p(sum(exp(z_i - z_c)))`` over ``i != c``, without a one-hot matrix;
    where a logit exceeds ``z_c`` by more than about 709 that sum would
    overflow, and the example takes
    ``(max(z) - z_c) + log1p(sum(exp(z_i - max(z))))`` over all ``i`` but one
    maximal entry instead, the shifted log-sum-exp that Blanchard, Higham and
    Higham analyse. Either way the loss is finite for all finite logits
    (unless the exact loss itself exceeds the float range, when logit gaps
    approach ``1.8e308``).

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis
    41(4), 2311-2330, 2021. https://doi.org/10.1093/imanum/draa038

    Examples
    --------
    >>> from kltools import softmax_cross_entropy
    >>> round(float(softmax_cross_entropy([0], [[0.0, 0.0]])), 6)  # ln 2
    0.693147
    >>> print(f"{float(softmax_cross_entropy(0, [0.0, -50.0])):.6e}")  # not 0
    1.928750e-22
    """
    reduction = _check_reduction(reduction)
    y, z, axis, is_labels = _categorical_inputs(y, logits, axis, "logits", logits=True)
    if not is_labels:
        index = _onehot_index(y, axis)
        if index is not None:
            y, is_labels = index, True
    if is_labels:
        return _reduce(_softmax_ce_labels(z, y, axis), reduction)
    log_p, _, rest = shifted_and_rest(z, axis, keep_shifted=True, name="logits")
    log_p -= np.log1p(rest)
    with np.errstate(invalid="ignore"):
        log_p *= y  # 0 * (-inf) = NaN where a hopeless class has no weight: that term is 0
    np.fmin(log_p, 0.0, out=log_p)  # NaN -> 0, all other entries are <= 0
    with np.errstate(over="ignore"):
        losses = 0.0 - np.sum(log_p, axis=axis)
    return _reduce(losses, reduction)


def softmax_cross_entropy_grad(
    y: Any, logits: Any, *, axis: int = -1, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits.

    .. math:: \frac{\partial \ell}{\partial z_i} = \operatorname{softmax}(z)_i - y_i
              = (1 - y_i)\, p_i + y_i\,(p_i - 1)

    (for targets that sum to 1). It is computed in the second form with
    ``p_i - 1 = expm1(log p_i)``, so the entry of a confidently predicted true
    class is a tiny negative number, not ``0``.

    Parameters
    ----------
    y, logits, axis, reduction
        As in :func:`softmax_cross_entropy`.

    Returns
    -------
    ndarray
        The gradient of the reduced loss, with ``logits``' shape (divided by
        the number of examples for ``"mean"``).

    Raises
    ------
    ValueError
        As :func:`softmax_cross_entropy`.

    Examples
    --------
    >>> from kltools import softmax_cross_entropy_grad
    >>> softmax_cross_entropy_grad([1], [[0.0, 0.0]]).tolist()
    [[0.5, -0.5]]
    """
    reduction = _check_reduction(reduction)
    y, z, axis, is_labels = _categorical_inputs(y, logits, axis, "logits", logits=True)
    if not is_labels:
        index = _onehot_index(y, axis)
        if index is not None:
            y, is_labels = index, True
    log_p, _, rest = shifted_and_rest(z, axis, keep_shifted=True, name="logits")
    log_p -= np.log1p(rest)
    with np.errstate(under="ignore"):
        grad = np.exp(log_p)  # p_i, which is (1 - y_i) p_i + y_i (p_i - 1) where y_i = 0
        if is_labels:
            true = np.expm1(np.take_along_axis(log_p, y, axis=axis))
            np.put_along_axis(grad, y, true, axis=axis)
        else:
            np.expm1(log_p, out=log_p)
            log_p *= y
            _times_complement(grad, y)
            grad += log_p
    return _reduce_grad(grad, z.shape, z.size // z.shape[axis], reduction)


# --------------------------------------------------------------------------
# Normal: Gaussian NLL and mean squared error
# --------------------------------------------------------------------------


def gaussian_nll(
    y: Any, mean: Any, var: Any = 1.0, *, full: bool = True, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Negative log-likelihood of ``y`` under a Normal(``mean``, ``var``).

    .. math:: \ell(y, \mu, \sigma^2) = \frac{1}{2} \log \sigma^2
              + \frac{(y - \mu)^2}{2 \sigma^2}
              \;\Bigl[+ \frac{1}{2} \log 2\pi \text{ if } \texttt{full}\Bigr]

    This is ``-log N(y; mean, var)``, a density, so it can be negative (small
    ``var``). With ``var = 1`` and ``full=True`` it is
    ``mean_squared_error / 2 + log(2 pi) / 2`` per element: note the factor
    1/2 on the square. A residual so large that its square exceeds the float
    range gives ``+inf``, without a warning.

    Parameters
    ----------
    y : array_like
        Finite targets.
    mean : array_like
        Finite predicted means; broadcasts against ``y``.
    var : array_like, default 1.0
        Variances, finite and ``> 0``; broadcasts against ``y`` and ``mean``.
    full : bool, default True
        Keep the constant ``log(2 pi) / 2``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, sum, or the per-element losses.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If an input holds NaN or inf, ``var <= 0`` somewhere, the shapes do
        not broadcast, ``reduction`` is unknown, or the mean of an empty batch
        is asked for.

    Examples
    --------
    >>> from kltools import gaussian_nll
    >>> round(float(gaussian_nll(0.0, 0.0)), 6)  # log(2 pi) / 2
    0.918939
    >>> round(float(gaussian_nll(1.0, 0.0, 4.0, full=False)), 6)  # log(2) + 1/8
    0.818147
    """
    reduction = _check_reduction(reduction)
    (y, mean, var), shape = _elementwise_inputs(y, mean, "mean", positive=((var, "var"),))
    losses = _subtract(y, mean, shape)
    with np.errstate(over="ignore"):
        losses *= losses
        losses /= var
        losses *= 0.5
        losses += 0.5 * np.log(var)
    if full:
        losses += _HALF_LOG_2PI
    return _reduce(losses, reduction)


def gaussian_nll_grad(
    y: Any, mean: Any, var: Any = 1.0, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`gaussian_nll` with respect to ``mean``.

    .. math:: \frac{\partial \ell}{\partial \mu} = \frac{\mu - y}{\sigma^2}

    Parameters
    ----------
    y, mean, var, reduction
        As in :func:`gaussian_nll`. There is no ``full``: the constant
        ``log(2 pi) / 2`` does not change the gradient.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``mean``'s shape.

    Raises
    ------
    ValueError
        As :func:`gaussian_nll`.

    Examples
    --------
    >>> from kltools import gaussian_nll_grad
    >>> gaussian_nll_grad([1.0, 2.0], [0.0, 0.0], 2.0, reduction="none").tolist()
    [-0.5, -1.0]
    """
    reduction = _check_reduction(reduction)
    (y, mean, var), shape = _elementwise_inputs(y, mean, "mean", positive=((var, "var"),))
    grad = _subtract(mean, y, shape)
    with np.errstate(over="ignore"):
        grad /= var
    return scalar_or_array(_reduce_grad(grad, mean.shape, math.prod(shape), reduction))


def gaussian_nll_grad_var(
    y: Any, mean: Any, var: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`gaussian_nll` with respect to ``var``.

    .. math:: \frac{\partial \ell}{\partial \sigma^2}
              = \frac{1}{2\sigma^2} - \frac{(y - \mu)^2}{2 \sigma^4}
              = \frac{1}{2\sigma^2}\Bigl(1 - \frac{(y - \mu)^2}{\sigma^2}\Bigr)

    It vanishes where ``var`` equals the squared residual, the maximum
    likelihood variance (for one ``var`` shared by many targets, where it
    equals their mean squared residual). A scalar ``var`` shared by many targets gets the sum
    (or, with ``"mean"``, the average) of their derivatives, which is what a
    gradient step on one shared variance needs.

    Parameters
    ----------
    y, mean, var, reduction
        As in :func:`gaussian_nll` (``var`` is required here; there is no
        ``full``, since the constant does not depend on ``var``).

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``var``'s shape.

    Raises
    ------
    ValueError
        As :func:`gaussian_nll`.

    Examples
    --------
    >>> from kltools import gaussian_nll_grad_var
    >>> float(gaussian_nll_grad_var([1.0, -1.0], 0.0, 1.0))  # var = 1 is the MLE
    0.0
    >>> float(gaussian_nll_grad_var([2.0, -2.0], 0.0, 1.0))  # too small: loss falls as var grows
    -1.5
    """
    reduction = _check_reduction(reduction)
    (y, mean, var), shape = _elementwise_inputs(y, mean, "mean", positive=((var, "var"),))
    grad = _subtract(y, mean, shape)
    with np.errstate(over="ignore"):
        grad *= grad
        grad /= var
        np.subtract(1, grad, out=grad)
        grad *= 0.5
        grad /= var
    return scalar_or_array(_reduce_grad(grad, var.shape, math.prod(shape), reduction))


def mean_squared_error(
    y: Any, yhat: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Squared error of predictions ``yhat`` for targets ``y``, averaged by default.

    .. math:: \ell(y, \hat y) = (y - \hat y)^2
              = 2\,\Bigl[-\log \mathcal{N}(y; \hat y, 1) - \tfrac{1}{2}\log 2\pi\Bigr]

    The Normal negative log-likelihood with the variance fixed at 1, the
    constant dropped *and* the factor 1/2 dropped:
    ``gaussian_nll(y, yhat, 1, full=True) == mean_squared_error / 2 + log(2 pi) / 2``
    per element. Both have the same minimiser.

    Parameters
    ----------
    y : array_like
        Finite targets.
    yhat : array_like
        Finite predictions; broadcasts against ``y``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average (the MSE), sum, or the per-element squared errors.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If an input holds NaN or inf, the shapes do not broadcast,
        ``reduction`` is unknown, or the mean of an empty batch is asked for.

    Examples
    --------
    >>> from kltools import mean_squared_error
    >>> float(mean_squared_error([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]))  # (0 + 4 + 9) / 3
    4.333333333333333
    """
    reduction = _check_reduction(reduction)
    (y, yhat), shape = _elementwise_inputs(y, yhat, "yhat")
    losses = _subtract(y, yhat, shape)
    with np.errstate(over="ignore"):
        losses *= losses
    return _reduce(losses, reduction)


def mean_squared_error_grad(
    y: Any, yhat: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`mean_squared_error` with respect to ``yhat``.

    .. math:: \frac{\partial \ell}{\partial \hat y} = 2 (\hat y - y)

    Parameters
    ----------
    y, yhat, reduction
        As in :func:`mean_squared_error`.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``yhat``'s shape.

    Raises
    ------
    ValueError
        As :func:`mean_squared_error`.

    Examples
    --------
    >>> from kltools import mean_squared_error_grad
    >>> mean_squared_error_grad([1.0, 2.0], [0.0, 0.0]).tolist()  # 2 (yhat - y) / 2
    [-1.0, -2.0]
    """
    reduction = _check_reduction(reduction)
    (y, yhat), shape = _elementwise_inputs(y, yhat, "yhat")
    grad = _subtract(yhat, y, shape)
    with np.errstate(over="ignore"):
        grad *= 2
    return scalar_or_array(_reduce_grad(grad, yhat.shape, math.prod(shape), reduction))


# --------------------------------------------------------------------------
# Laplace: Laplace NLL and mean absolute error
# --------------------------------------------------------------------------


def laplace_nll(
    y: Any, loc: Any, scale: Any = 1.0, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Negative log-likelihood of ``y`` under a Laplace(``loc``, ``scale``).

    .. math:: \ell(y, \mu, b) = \frac{|y - \mu|}{b} + \log(2 b)

    The density is ``exp(-|y - mu| / b) / (2 b)``; like any density it can
    exceed 1, so the loss can be negative (``b < 1/2``). With ``b = 1`` it is
    ``mean_absolute_error + log 2`` per element.

    Parameters
    ----------
    y : array_like
        Finite targets.
    loc : array_like
        Finite predicted locations (medians); broadcasts against ``y``.
    scale : array_like, default 1.0
        Scales ``b``, finite and ``> 0``; broadcasts.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, sum, or the per-element losses.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If an input holds NaN or inf, ``scale <= 0`` somewhere, the shapes do
        not broadcast, ``reduction`` is unknown, or the mean of an empty batch
        is asked for.

    Examples
    --------
    >>> from kltools import laplace_nll
    >>> round(float(laplace_nll(1.0, 0.0)), 6)  # 1 + log 2
    1.693147
    >>> round(float(laplace_nll(0.0, 0.0, 0.25)), 6)  # log(1/2) < 0
    -0.693147
    """
    reduction = _check_reduction(reduction)
    (y, loc, scale), shape = _elementwise_inputs(y, loc, "loc", positive=((scale, "scale"),))
    losses = _subtract(y, loc, shape)
    with np.errstate(over="ignore"):
        np.abs(losses, out=losses)
        losses /= scale
        losses += np.log(scale) + _LOG_2
    return _reduce(losses, reduction)


def laplace_nll_grad(
    y: Any, loc: Any, scale: Any = 1.0, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`laplace_nll` with respect to ``loc``.

    .. math:: \frac{\partial \ell}{\partial \mu} = \frac{\operatorname{sign}(\mu - y)}{b}

    At ``loc == y`` the loss has a kink; the value returned there is ``0``, a
    valid subgradient.

    Parameters
    ----------
    y, loc, scale, reduction
        As in :func:`laplace_nll`.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``loc``'s shape.

    Raises
    ------
    ValueError
        As :func:`laplace_nll`.

    Examples
    --------
    >>> from kltools import laplace_nll_grad
    >>> laplace_nll_grad([1.0, 0.0, -1.0], [0.0, 0.0, 0.0], 0.5, reduction="none").tolist()
    [-2.0, 0.0, 2.0]
    >>> float(laplace_nll_grad([1.0, 2.0, -1.0], 0.0))  # one shared loc: the mean of the signs
    -0.3333333333333333
    """
    reduction = _check_reduction(reduction)
    (y, loc, scale), shape = _elementwise_inputs(y, loc, "loc", positive=((scale, "scale"),))
    grad = _subtract(loc, y, shape)
    np.sign(grad, out=grad)
    grad /= scale
    return scalar_or_array(_reduce_grad(grad, loc.shape, math.prod(shape), reduction))


def mean_absolute_error(
    y: Any, yhat: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Absolute error of predictions ``yhat`` for targets ``y``, averaged by default.

    .. math:: \ell(y, \hat y) = |y - \hat y| = -\log \operatorname{Laplace}(y; \hat y, 1) - \log 2

    The Laplace negative log-likelihood with scale 1 and the constant dropped.

    Parameters
    ----------
    y : array_like
        Finite targets.
    yhat : array_like
        Finite predictions; broadcasts against ``y``.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average (the MAE), sum, or the per-element absolute errors.

    Returns
    -------
    NumPy float or ndarray
        The reduced loss, or per-element losses of the broadcast shape.

    Raises
    ------
    ValueError
        If an input holds NaN or inf, the shapes do not broadcast,
        ``reduction`` is unknown, or the mean of an empty batch is asked for.

    Examples
    --------
    >>> from kltools import mean_absolute_error
    >>> float(mean_absolute_error([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]))  # (0 + 2 + 3) / 3
    1.6666666666666667
    """
    reduction = _check_reduction(reduction)
    (y, yhat), shape = _elementwise_inputs(y, yhat, "yhat")
    losses = _subtract(y, yhat, shape)
    np.abs(losses, out=losses)
    return _reduce(losses, reduction)


def mean_absolute_error_grad(
    y: Any, yhat: Any, *, reduction: Reduction = "mean"
) -> np.ndarray | np.floating:
    r"""Gradient of :func:`mean_absolute_error` with respect to ``yhat``.

    .. math:: \frac{\partial \ell}{\partial \hat y} = \operatorname{sign}(\hat y - y)

    ``0`` (a subgradient) where ``yhat == y``.

    Parameters
    ----------
    y, yhat, reduction
        As in :func:`mean_absolute_error`.

    Returns
    -------
    NumPy float or ndarray
        The gradient of the reduced loss, with ``yhat``'s shape.

    Raises
    ------
    ValueError
        As :func:`mean_absolute_error`.

    Examples
    --------
    >>> from kltools import mean_absolute_error_grad
    >>> mean_absolute_error_grad([1.0, 0.0], [0.0, 0.0], reduction="sum").tolist()
    [-1.0, 0.0]
    """
    reduction = _check_reduction(reduction)
    (y, yhat), shape = _elementwise_inputs(y, yhat, "yhat")
    grad = _subtract(yhat, y, shape)
    np.sign(grad, out=grad)
    return scalar_or_array(_reduce_grad(grad, yhat.shape, math.prod(shape), reduction))
