r"""Calibration of a classifier's probabilities, and temperature scaling.

A classifier is *calibrated* here in the top-label (confidence) sense: among
the examples to which it gives a top probability (a *confidence*) of about
``c``, a fraction of about ``c`` is classified correctly. Only the top
probability is checked; full calibration (every probability vector is the
distribution of the label given that vector) and classwise calibration (each
class's probability calibrated on its own) are stronger, and these functions
do not measure them. :func:`calibration_bins` groups the examples by
confidence, the data of a reliability diagram; :func:`expected_calibration_error`
summarises the gap between confidence and accuracy in one number.

Temperature scaling divides every logit by one positive number ``T`` before
the softmax, ``softmax(z / T)``: it changes how sure the model is but never
which class it predicts. :func:`fit_temperature` picks the ``T`` that
minimises the mean negative log-likelihood (the softmax cross-entropy) of
held-out data; :func:`temperature_nll` and :func:`temperature_nll_grad` are
that objective and its derivative.

Conventions as elsewhere in kltools: class labels are integers
``0 .. k-1``, one per example; probability and logit rows have the classes
along the last axis; bad input raises ``ValueError`` naming the argument.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ._validation import as_float_array, check_probabilities

__all__ = [
    "CalibrationBins",
    "calibration_bins",
    "expected_calibration_error",
    "temperature_nll",
    "temperature_nll_grad",
    "fit_temperature",
]


class CalibrationBins(NamedTuple):
    """Per-bin summary of a classifier's confidence, as from :func:`calibration_bins`.

    Four arrays, in this order: ``edges`` (shape ``(n_bins + 1,)``, the bin
    edges ``0, 1/n_bins, ..., 1``; bin ``b`` is ``(edges[b], edges[b + 1]]``),
    ``counts`` (integers, shape ``(n_bins,)``, the number of examples whose
    confidence falls in each bin), ``confidence`` (the mean top probability in
    each bin) and ``accuracy`` (the fraction of the bin's examples whose top
    class is the label). Empty bins have confidence and accuracy 0.
    """

    edges: np.ndarray
    counts: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray


def _check_labels(y: Any, n: int, k: int, other: str) -> np.ndarray:
    """Integer labels ``y`` of shape ``(n,)`` in ``0 .. k-1``, as an intp array."""
    try:
        labels = np.asarray(y)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"y could not be read as an array of class labels: {exc}") from None
    if labels.dtype.kind not in "iu":
        raise ValueError(
            f"y must hold integer class labels, got dtype {labels.dtype}; "
            "use y.astype(int) for whole numbers stored as floats"
        )
    if labels.shape != (n,):
        raise ValueError(
            f"y has shape {labels.shape}; expected ({n},), one label per row of {other}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(
            f"y holds class labels from {labels.min()} to {labels.max()}; "
            f"with {k} classes they must lie in 0..{k - 1}"
        )
    return labels.astype(np.intp, copy=False)


def _check_rows(x: np.ndarray, name: str) -> None:
    """``x`` must be a non-empty 2-D array with at least one class."""
    if x.ndim != 2:
        raise ValueError(f"{name} must be 2-D (examples, classes), got shape {x.shape}")
    if x.shape[0] == 0:
        raise ValueError(f"{name} has no rows; there is nothing to measure")
    if x.shape[1] == 0:
        raise ValueError(f"{name} has no classes (shape {x.shape})")


def _check_n_bins(n_bins: Any) -> int:
    if not isinstance(n_bins, (int, np.integer)) or isinstance(n_bins, bool) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    return int(n_bins)


def calibration_bins(y: Any, probs: Any, *, n_bins: int = 15) -> CalibrationBins:
    r"""Bin the confidence of the model's ``probs`` and the accuracy on the true labels ``y``.

    The confidence of an example is its top probability
    :math:`\hat c_i = \max_j q_{ij}`, its prediction the class that has it
    (the first such class in a tie). The interval :math:`[0, 1]` is cut into
    ``n_bins`` bins of equal width,
    :math:`B_b = \bigl(\tfrac{b}{M}, \tfrac{b + 1}{M}\bigr]`, :math:`M =` ``n_bins``;
    for each bin the function returns the number of examples, their mean
    confidence and their accuracy:

    .. math:: \operatorname{conf}(B_b) = \frac{1}{|B_b|} \sum_{i \in B_b} \hat c_i,
              \qquad
              \operatorname{acc}(B_b) = \frac{1}{|B_b|} \sum_{i \in B_b}
              \mathbf 1[\hat y_i = y_i] .

    A calibrated model has :math:`\operatorname{acc}(B_b) \approx
    \operatorname{conf}(B_b)` in every bin.

    Parameters
    ----------
    y : array_like of int, shape (n,)
        Class labels ``0 .. k-1``.
    probs : array_like, shape (n, k)
        Predicted probability rows: finite, non-negative, each summing to 1
        (within 1e-9).
    n_bins : int, default 15
        Number of equal-width bins on :math:`[0, 1]`.

    Returns
    -------
    CalibrationBins
        ``(edges, counts, confidence, accuracy)``; empty bins have count 0
        and confidence and accuracy 0.

    Raises
    ------
    ValueError
        If ``probs`` is not 2-D, empty, or not probability rows; if ``y`` is
        not integer labels of shape ``(n,)`` in range; if ``n_bins`` is not a
        positive integer.

    Examples
    --------
    >>> from kltools import calibration_bins
    >>> bins = calibration_bins([0, 1, 1], [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]],
    ...                         n_bins=2)
    >>> bins.counts.tolist(), bins.confidence.round(2).tolist(), bins.accuracy.tolist()
    ([0, 3], [0.0, 0.8], [0.0, 0.6666666666666666])
    """
    n_bins = _check_n_bins(n_bins)
    q = as_float_array(probs, "probs")
    _check_rows(q, "probs")
    q = check_probabilities(q, "probs", axis=-1)
    labels = _check_labels(y, q.shape[0], q.shape[1], "probs")
    pred = np.argmax(q, axis=1)
    conf = q[np.arange(q.shape[0]), pred].astype(np.float64)
    correct = (pred == labels).astype(np.float64)
    # b / M exactly as the docstring's bins say (linspace's b * (1/M) can be 1 ulp off).
    edges = np.arange(n_bins + 1) / n_bins
    # side="left": edges[b] < conf <= edges[b + 1] gives bin b; conf > 0 always.
    index = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    counts = np.bincount(index, minlength=n_bins)
    conf_sum = np.bincount(index, weights=conf, minlength=n_bins)
    correct_sum = np.bincount(index, weights=correct, minlength=n_bins)
    filled = counts > 0
    confidence = np.zeros(n_bins)
    accuracy = np.zeros(n_bins)
    confidence[filled] = conf_sum[filled] / counts[filled]
    accuracy[filled] = correct_sum[filled] / counts[filled]
    return CalibrationBins(edges, counts, confidence, accuracy)


def expected_calibration_error(y: Any, probs: Any, *, n_bins: int = 15) -> float:
    r"""Compute the top-label ECE of the model's ``probs`` for the true labels ``y``.

    .. math:: \operatorname{ECE} = \sum_{b=0}^{M-1} \frac{|B_b|}{n}
              \bigl|\operatorname{acc}(B_b) - \operatorname{conf}(B_b)\bigr|

    with the bins :math:`B_b = (b/M, (b+1)/M]` of the top probability
    described in :func:`calibration_bins` and :math:`M =` ``n_bins``
    (Guo et al. 2017 use :math:`M = 15`). It is a weighted mean gap between
    confidence and accuracy, in ``[0, 1]``; its value depends on ``n_bins``,
    so report the binning with it.

    It is a plug-in estimate, biased both ways. Each bin's accuracy is a
    sample mean, so even a perfectly calibrated model has an expected ECE
    above 0 on a finite sample (the more so, the fewer examples per bin):
    compare it with the ECE of labels drawn from the model's own
    probabilities. And within a bin over- and underconfident examples cancel,
    so merging bins can only lower it (by the triangle inequality).

    Parameters
    ----------
    y : array_like of int, shape (n,)
        Class labels ``0 .. k-1``.
    probs : array_like, shape (n, k)
        Predicted probability rows, each summing to 1.
    n_bins : int, default 15
        Number of equal-width confidence bins.

    Returns
    -------
    float
        The ECE, between 0 and 1.

    Raises
    ------
    ValueError
        As :func:`calibration_bins`.

    References
    ----------
    C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of modern
    neural networks", Proceedings of the 34th International Conference on
    Machine Learning (ICML), PMLR 70, 1321-1330, 2017.

    Examples
    --------
    Two examples in the bin (0.5, 1], mean confidence 0.85, one correct:

    >>> from kltools import expected_calibration_error
    >>> round(expected_calibration_error([0, 1], [[0.9, 0.1], [0.8, 0.2]], n_bins=2), 6)
    0.35
    """
    bins = calibration_bins(y, probs, n_bins=n_bins)
    n = bins.counts.sum()
    return float(np.sum(bins.counts * np.abs(bins.accuracy - bins.confidence)) / n)


def _temperature_inputs(logits: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    z = as_float_array(logits, "logits")
    _check_rows(z, "logits")
    labels = _check_labels(y, z.shape[0], z.shape[1], "logits")
    return z.astype(np.float64, copy=False), labels


def _check_temperature(temperature: Any) -> float:
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise ValueError(f"temperature must be a number > 0, got {temperature!r}") from None
    if not math.isfinite(t) or t <= 0:
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    return t


def _scaled_stats(z: np.ndarray, labels: np.ndarray, beta: float) -> tuple[float, float]:
    """Mean NLL of ``softmax(beta * z)`` and its derivative with respect to ``beta``.

    ``NLL(beta) = mean(LSE(beta z) - beta z_y)``, and
    ``dNLL/dbeta = mean(E_p[z] - z_y)`` with ``p = softmax(beta z)``.
    """
    rows = np.arange(z.shape[0])
    e = beta * z  # one (n, k) buffer, reused in place: beta z, then exp(beta z - m), then e z
    m = e.max(axis=1, keepdims=True)
    s_true = e[rows, labels]
    e -= m
    with np.errstate(under="ignore"):
        np.exp(e, out=e)
    total = e.sum(axis=1)
    nll = float(np.mean(m[:, 0] + np.log(total) - s_true))
    e *= z
    slope = float(np.mean(e.sum(axis=1) / total - z[rows, labels]))
    return nll, slope


def temperature_nll(logits: Any, y: Any, temperature: float) -> float:
    r"""Mean negative log-likelihood of labels under ``softmax(logits / temperature)``.

    .. math:: \operatorname{NLL}(T) = \frac1n \sum_{i=1}^n
              \Bigl[\operatorname{LSE}(z_i / T) - z_{i, y_i} / T\Bigr]

    the softmax cross-entropy of the temperature-scaled logits, in nats.

    Parameters
    ----------
    logits : array_like, shape (n, k)
        Finite logits, one row per example.
    y : array_like of int, shape (n,)
        Class labels ``0 .. k-1``.
    temperature : float
        :math:`T > 0`; ``T > 1`` softens the probabilities, ``T < 1`` sharpens them.

    Returns
    -------
    float
        The mean NLL in nats.

    Raises
    ------
    ValueError
        If ``logits`` is not a finite, non-empty 2-D array, ``y`` is not
        integer labels of shape ``(n,)`` in range, or ``temperature`` is not a
        finite number > 0.

    Examples
    --------
    >>> from kltools import temperature_nll
    >>> round(temperature_nll([[2.0, 0.0]], [0], 2.0), 6)  # -log softmax([1, 0])_0
    0.313262
    """
    z, labels = _temperature_inputs(logits, y)
    t = _check_temperature(temperature)
    return _scaled_stats(z, labels, 1.0 / t)[0]


def temperature_nll_grad(logits: Any, y: Any, temperature: float) -> float:
    r"""Differentiate :func:`temperature_nll` with respect to the temperature.

    With :math:`q_i = \operatorname{softmax}(z_i / T)`,

    .. math:: \frac{\mathrm d \operatorname{NLL}}{\mathrm d T}
              = \frac{1}{n T^2} \sum_{i=1}^n
              \Bigl(z_{i, y_i} - \sum_j q_{ij} z_{ij}\Bigr) :

    the temperature should go up (the derivative is negative) when the
    logit of the true class is, on average, below the logit the model
    expects.

    Parameters
    ----------
    logits, y, temperature
        As in :func:`temperature_nll`.

    Returns
    -------
    float
        :math:`\mathrm d \operatorname{NLL} / \mathrm d T`, in nats per unit of ``T``.

    Raises
    ------
    ValueError
        As :func:`temperature_nll`.

    Examples
    --------
    >>> from kltools import temperature_nll_grad
    >>> round(temperature_nll_grad([[2.0, 0.0], [0.0, 2.0]], [0, 0], 1.0), 6)
    -0.761594
    """
    z, labels = _temperature_inputs(logits, y)
    t = _check_temperature(temperature)
    slope = _scaled_stats(z, labels, 1.0 / t)[1]  # dNLL / d(1/T)
    return -slope / (t * t)


def fit_temperature(logits: Any, y: Any, *, tol: float = 1e-10, max_iter: int = 200) -> float:
    r"""Find the temperature that minimises the mean NLL of held-out labels (temperature scaling).

    .. math:: \hat T = \operatorname*{arg\,min}_{T > 0} \frac1n \sum_{i=1}^n
              -\log \operatorname{softmax}(z_i / T)_{y_i}

    In :math:`\beta = 1/T` the objective
    :math:`\frac1n \sum_i [\operatorname{LSE}(\beta z_i) - \beta z_{i, y_i}]`
    is convex, with derivative :math:`\frac1n \sum_i (\mathbb E_{q_i}[z_i] -
    z_{i,y_i})` that increases with :math:`\beta`; the function brackets the
    zero of that derivative and finds it by Newton steps safeguarded by
    bisection. Dividing the logits by :math:`\hat T` changes no prediction.
    The arguments follow scikit-learn's ``fit(X, y)``: the data, then the labels.

    Parameters
    ----------
    logits : array_like, shape (n, k)
        Finite logits of held-out examples (a validation set, not the
        training set).
    y : array_like of int, shape (n,)
        Their class labels ``0 .. k-1``.
    tol : float, default 1e-10
        Stop when the bracket on :math:`\beta` is this narrow, relative to
        :math:`\beta`.
    max_iter : int, default 200
        Maximum number of Newton or bisection steps. If the bracket has not
        reached ``tol`` by then, the last iterate is returned, without a
        warning.

    Returns
    -------
    float
        :math:`\hat T > 0`.

    Raises
    ------
    ValueError
        If the inputs are invalid (as in :func:`temperature_nll`); if no
        finite positive temperature minimises the NLL: every example's true
        logit is its largest (the NLL keeps falling as :math:`T \to 0`), or
        the true logits are on average no larger than the mean logit (the
        NLL keeps falling as :math:`T \to \infty`); if ``tol`` or
        ``max_iter`` is not positive.

    Examples
    --------
    Logit gap 3 and three examples in four right: the best probability for
    the predicted class is 3/4, reached when :math:`3 / T = \log 3`.

    >>> import math
    >>> from kltools import fit_temperature, temperature_nll_grad
    >>> z, y = [[3.0, 0.0], [3.0, 0.0], [3.0, 0.0], [0.0, 3.0]], [0, 0, 0, 0]
    >>> t = fit_temperature(z, y)
    >>> round(t, 6), round(3 / math.log(3), 6)
    (2.730718, 2.730718)
    >>> abs(temperature_nll_grad(z, y, t)) < 1e-12
    True
    """
    z, labels = _temperature_inputs(logits, y)
    if not (
        isinstance(tol, (int, float, np.integer, np.floating))
        and not isinstance(tol, bool)
        and math.isfinite(tol)
        and tol > 0
    ):
        raise ValueError(f"tol must be a finite number > 0, got {tol!r}")
    if not isinstance(max_iter, (int, np.integer)) or isinstance(max_iter, bool) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    rows = np.arange(z.shape[0])
    z_true = z[rows, labels]
    if np.all(z_true >= z.max(axis=1)):
        raise ValueError(
            "logits: every example's true-class logit is its largest, so the NLL "
            "keeps decreasing as the temperature goes to 0; no finite T is best"
        )
    if _scaled_stats(z, labels, 0.0)[1] >= 0:
        raise ValueError(
            "logits: the true-class logits are on average no larger than the mean "
            "logit, so the NLL keeps falling as the temperature grows; no finite T is best"
        )
    # The slope in beta is < 0 at beta = 0 and tends to mean(max z - z_y) > 0: bracket it.
    lo, hi = 0.0, 1.0
    while _scaled_stats(z, labels, hi)[1] < 0:
        lo, hi = hi, 2.0 * hi
        if hi > 1e300:  # pragma: no cover - excluded by the checks above
            raise ValueError("logits: could not bracket the optimal temperature")
    beta = 0.5 * (lo + hi)
    for _ in range(max_iter):
        slope = _scaled_stats(z, labels, beta)[1]
        if slope < 0:
            lo = beta
        else:
            hi = beta
        # Newton step: the second derivative is the mean variance of z under q.
        # Two (n, k) buffers: q, then (z - E_q z)^2 q.
        q = beta * z
        q -= q.max(axis=1, keepdims=True)
        with np.errstate(under="ignore"):
            np.exp(q, out=q)
        q /= q.sum(axis=1, keepdims=True)
        dev = z - np.einsum("ij,ij->i", q, z)[:, None]
        dev *= dev
        dev *= q
        curvature = float(np.mean(dev.sum(axis=1)))
        newton = beta - slope / curvature if curvature > 0 else math.nan
        new_beta = newton if lo < newton < hi else 0.5 * (lo + hi)
        converged = abs(new_beta - beta) <= tol * new_beta
        beta = new_beta
        if converged or slope == 0:
            break
    return 1.0 / beta
