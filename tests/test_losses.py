"""Tests of kltools.losses: values, cross-checks, gradients, properties, extremes, errors."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.special as sps
import scipy.stats as stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from peak_memory import peak_bytes
from sklearn import metrics
from strategies import scaled

import kltools as kt

REDUCTIONS = ("mean", "sum", "none")
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)

unit = st.floats(0.0, 1.0)
open_unit = st.floats(1e-6, 1 - 1e-6)
moderate = st.floats(-1e3, 1e3)
any_finite = st.floats(-1e308, 1e308)


def onehot(labels, k):
    return np.eye(k)[labels]


# --------------------------------------------------------------------------
# Hand-computed values
# --------------------------------------------------------------------------


def test_bce_hand_values():
    assert kt.binary_cross_entropy(1, 0.5) == pytest.approx(math.log(2), rel=1e-15)
    assert kt.binary_cross_entropy(0, 0.25) == pytest.approx(-math.log(0.75), rel=1e-15)
    # soft label 0.5 against 0.5: -(0.5 ln 0.5 + 0.5 ln 0.5) = ln 2
    assert kt.binary_cross_entropy(0.5, 0.5) == pytest.approx(math.log(2), rel=1e-15)
    # sum and mean of [ln 2, -ln 0.75]
    total = math.log(2) - math.log(0.75)
    assert kt.binary_cross_entropy([1, 0], [0.5, 0.25], reduction="sum") == pytest.approx(total)
    assert kt.binary_cross_entropy([1, 0], [0.5, 0.25]) == pytest.approx(total / 2)


def test_bce_edges_are_exact_and_silent():
    y = np.array([1.0, 0.0, 1.0, 0.0, 0.3, 0.3])
    p = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    out = kt.binary_cross_entropy(y, p, reduction="none")
    assert out.tolist() == [np.inf, 0.0, 0.0, np.inf, np.inf, np.inf]
    assert not np.signbit(out).any()  # no -0.0
    assert kt.binary_cross_entropy(y, p) == np.inf


def test_bce_grad_edges():
    y = np.array([0.0, 1.0, 0.3, 1.0, 0.0, 0.3])
    p = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    g = kt.binary_cross_entropy_grad(y, p, reduction="none")
    assert g.tolist() == [1.0, -np.inf, -np.inf, -1.0, np.inf, np.inf]
    # tiny p: huge but finite (or inf by overflow), never a warning
    assert kt.binary_cross_entropy_grad(1.0, 1e-300, reduction="sum") == pytest.approx(-1e300)
    assert kt.binary_cross_entropy_grad(1.0, 5e-324, reduction="sum") == -np.inf
    assert kt.binary_cross_entropy_grad(0.0, 1e-300, reduction="sum") == pytest.approx(1.0)


def test_categorical_hand_values():
    p = np.array([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]])
    expected = [math.log(2), -math.log(0.8)]
    np.testing.assert_allclose(
        kt.categorical_cross_entropy([0, 1], p, reduction="none"), expected, rtol=1e-15
    )
    assert kt.categorical_cross_entropy([0, 1], p) == pytest.approx(np.mean(expected))
    soft = [[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]]
    np.testing.assert_allclose(
        kt.categorical_cross_entropy(soft, p, reduction="none"),
        [-(0.5 * math.log(0.5) + 0.5 * math.log(0.25)), -math.log(0.1)],
        rtol=1e-15,
    )
    # p_i = 0 where y_i > 0 costs inf; p_i = 0 where y_i = 0 costs nothing
    q = [[1.0, 0.0], [0.0, 1.0]]
    assert kt.categorical_cross_entropy([1, 1], q, reduction="none").tolist() == [np.inf, 0.0]
    g = kt.categorical_cross_entropy_grad([1, 1], q, reduction="sum")
    assert g.tolist() == [[0.0, -np.inf], [0.0, -1.0]]


def test_class_axis_other_than_last():
    p = np.array([[0.5, 0.1], [0.25, 0.8], [0.25, 0.1]])  # classes along axis 0
    np.testing.assert_allclose(
        kt.categorical_cross_entropy([0, 1], p, axis=0, reduction="none"),
        [math.log(2), -math.log(0.8)],
    )
    z = np.log(p)
    np.testing.assert_allclose(
        kt.softmax_cross_entropy_grad([0, 1], z, axis=0, reduction="sum"),
        p - onehot([0, 1], 3).T,
        atol=1e-15,
    )


def test_regression_hand_values():
    y, yhat = [1.0, 2.0, 3.0], [1.0, 0.0, 0.0]
    assert kt.mean_squared_error(y, yhat) == pytest.approx(13 / 3, rel=1e-15)
    assert kt.mean_squared_error(y, yhat, reduction="sum") == 13.0
    assert kt.mean_absolute_error(y, yhat) == pytest.approx(5 / 3, rel=1e-15)
    assert kt.mean_absolute_error(y, yhat, reduction="none").tolist() == [0.0, 2.0, 3.0]
    assert kt.laplace_nll(1.0, 0.0) == pytest.approx(1 + math.log(2), rel=1e-15)
    assert kt.laplace_nll(3.0, 1.0, 2.0) == pytest.approx(1 + math.log(4), rel=1e-15)
    assert kt.gaussian_nll(0.0, 0.0) == pytest.approx(HALF_LOG_2PI, rel=1e-15)
    assert kt.gaussian_nll(2.0, 0.0, 4.0, full=False) == pytest.approx(
        0.5 * math.log(4) + 0.5, rel=1e-15
    )


def test_gaussian_and_laplace_nll_can_be_negative():
    # densities exceed 1 when the spread is small, so their NLL is negative
    assert kt.gaussian_nll(0.0, 0.0, 0.01) == pytest.approx(0.5 * math.log(2 * math.pi * 0.01))
    assert kt.gaussian_nll(0.0, 0.0, 0.01) < 0
    assert kt.laplace_nll(0.0, 0.0, 0.1) == pytest.approx(math.log(0.2))
    assert kt.laplace_nll(0.0, 0.0, 0.1) < 0


def test_gaussian_var_gradient_vanishes_at_mle():
    rng = np.random.default_rng(1)
    y = rng.normal(2.0, 3.0, size=200)
    mle = np.mean((y - 2.0) ** 2)
    assert abs(kt.gaussian_nll_grad_var(y, 2.0, mle)) < 1e-15
    assert kt.gaussian_nll_grad_var(y, 2.0, 0.5 * mle) < 0  # too small: increase var
    assert kt.gaussian_nll_grad_var(y, 2.0, 2.0 * mle) > 0  # too large: decrease var


# --------------------------------------------------------------------------
# Cross-checks against SciPy and scikit-learn
# --------------------------------------------------------------------------


@pytest.fixture
def rng():
    return np.random.default_rng(20240611)


def test_bce_against_sklearn_and_scipy(rng):
    y = rng.integers(0, 2, size=50)
    p = rng.uniform(0.01, 0.99, size=50)
    assert kt.binary_cross_entropy(y, p) == pytest.approx(metrics.log_loss(y, p), rel=1e-13)
    soft = rng.uniform(0, 1, size=50)
    ref = -(sps.xlogy(soft, p) + sps.xlog1py(1 - soft, -p))
    np.testing.assert_allclose(kt.binary_cross_entropy(soft, p, reduction="none"), ref, rtol=1e-14)


def test_bce_with_logits_against_scipy(rng):
    y = rng.uniform(0, 1, size=50)
    z = rng.normal(0, 10, size=50)
    ref = -(y * sps.log_expit(z) + (1 - y) * sps.log_expit(-z))
    out = kt.binary_cross_entropy_with_logits(y, z, reduction="none")
    np.testing.assert_allclose(out, ref, rtol=1e-13)
    np.testing.assert_allclose(
        kt.binary_cross_entropy_with_logits_grad(y, z, reduction="none"),
        sps.expit(z) - y,
        rtol=1e-12,
        atol=1e-15,
    )


def test_categorical_against_sklearn(rng):
    k = 5
    p = rng.dirichlet(np.ones(k), size=40)
    labels = rng.integers(0, k, size=40)
    ref = metrics.log_loss(labels, p, labels=np.arange(k))
    assert kt.categorical_cross_entropy(labels, p) == pytest.approx(ref, rel=1e-13)


def test_softmax_against_scipy(rng):
    z = rng.normal(0, 5, size=(30, 4))
    labels = rng.integers(0, 4, size=30)
    ref = -np.take_along_axis(sps.log_softmax(z, axis=1), labels[:, None], axis=1)[:, 0]
    np.testing.assert_allclose(
        kt.softmax_cross_entropy(labels, z, reduction="none"), ref, rtol=1e-13
    )
    np.testing.assert_allclose(
        kt.softmax_cross_entropy_grad(labels, z, reduction="sum"),
        sps.softmax(z, axis=1) - onehot(labels, 4),
        atol=1e-15,
    )


def test_regression_against_scipy_and_sklearn(rng):
    y = rng.normal(size=60)
    m = rng.normal(size=60)
    var = rng.uniform(0.1, 3, size=60)
    np.testing.assert_allclose(
        kt.gaussian_nll(y, m, var, reduction="none"),
        -stats.norm.logpdf(y, m, np.sqrt(var)),
        rtol=1e-13,
    )
    np.testing.assert_allclose(
        kt.laplace_nll(y, m, var, reduction="none"), -stats.laplace.logpdf(y, m, var), rtol=1e-13
    )
    assert kt.mean_squared_error(y, m) == pytest.approx(metrics.mean_squared_error(y, m))
    assert kt.mean_absolute_error(y, m) == pytest.approx(metrics.mean_absolute_error(y, m))


# --------------------------------------------------------------------------
# Gradients against central finite differences
# --------------------------------------------------------------------------
# Each case returns (loss, gradient, positional args, index of the argument
# the gradient is taken with respect to, keyword args). Inputs stay away from
# the edges (p in {0, 1}) and kinks (|y - yhat| = 0) where differences fail.


def _away_from(y, rng, shape):
    """Predictions at least 0.1 away from y, so |.| has no kink nearby."""
    return y + rng.choice([-1, 1], shape) * rng.uniform(0.1, 2, shape)


def _y_and_away(rng, *extra):
    y = rng.normal(size=(2, 5))
    return [y, _away_from(y, rng, (2, 5)), *extra]


# id: (loss, gradient, positional args drawn from a generator, index of the
# argument the gradient is taken with respect to, keyword args)
GRAD_CASES = {
    "bce": (
        kt.binary_cross_entropy,
        kt.binary_cross_entropy_grad,
        lambda r: [r.uniform(0, 1, (4, 3)), r.uniform(0.1, 0.9, (4, 3))],
        1,
        {},
    ),
    "bce_logits": (
        kt.binary_cross_entropy_with_logits,
        kt.binary_cross_entropy_with_logits_grad,
        lambda r: [r.uniform(0, 1, (4, 3)), r.normal(0, 3, (4, 3))],
        1,
        {},
    ),
    "bce_logits_shared": (  # one logit shared by a column of targets
        kt.binary_cross_entropy_with_logits,
        kt.binary_cross_entropy_with_logits_grad,
        lambda r: [r.uniform(0, 1, (5, 3)), r.normal(0, 3, (1, 3))],
        1,
        {},
    ),
    "softmax_labels": (
        kt.softmax_cross_entropy,
        kt.softmax_cross_entropy_grad,
        lambda r: [r.integers(0, 4, 6), r.normal(0, 3, (6, 4))],
        1,
        {},
    ),
    "softmax_soft_axis0": (
        kt.softmax_cross_entropy,
        kt.softmax_cross_entropy_grad,
        lambda r: [r.dirichlet(np.ones(3), 5).T, r.normal(0, 3, (3, 5))],
        1,
        {"axis": 0},
    ),
    "gaussian_mean": (
        kt.gaussian_nll,
        kt.gaussian_nll_grad,
        lambda r: [r.normal(size=(3, 4)), r.normal(size=(3, 4)), r.uniform(0.5, 2, (3, 4))],
        1,
        {},
    ),
    "gaussian_shared_mean": (  # a scalar mean for all targets, per-column var
        kt.gaussian_nll,
        kt.gaussian_nll_grad,
        lambda r: [r.normal(size=(3, 4)), np.array(0.3), r.uniform(0.5, 2, 4)],
        1,
        {},
    ),
    "gaussian_var": (
        kt.gaussian_nll,
        kt.gaussian_nll_grad_var,
        lambda r: [r.normal(size=(3, 4)), r.normal(size=(3, 4)), r.uniform(0.5, 2, (3, 4))],
        2,
        {},
    ),
    "gaussian_shared_var": (  # one variance shared by every target
        kt.gaussian_nll,
        kt.gaussian_nll_grad_var,
        lambda r: [r.normal(size=(3, 4)), r.normal(size=(3, 4)), np.array(1.3)],
        2,
        {},
    ),
    "mse": (
        kt.mean_squared_error,
        kt.mean_squared_error_grad,
        lambda r: [r.normal(size=(2, 5)), r.normal(size=(2, 5))],
        1,
        {},
    ),
    "laplace": (
        kt.laplace_nll,
        kt.laplace_nll_grad,
        lambda r: _y_and_away(r, r.uniform(0.5, 2, (2, 5))),
        1,
        {},
    ),
    "mae": (kt.mean_absolute_error, kt.mean_absolute_error_grad, _y_and_away, 1, {}),
}


def _central_difference(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("case", list(GRAD_CASES))
def test_gradient_matches_finite_differences(case, reduction):
    loss, grad, draw, which, kwargs = GRAD_CASES[case]
    args = draw(np.random.default_rng(7))

    def reduced(x):
        a = list(args)
        a[which] = x
        return np.sum(loss(*a, reduction=reduction, **kwargs))  # "none": the sum's gradient

    x = np.asarray(args[which], dtype=float)
    g = grad(*args, reduction=reduction, **kwargs)
    assert np.shape(g) == x.shape
    np.testing.assert_allclose(g, _central_difference(reduced, x), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_categorical_gradient_along_the_simplex(reduction):
    # p must stay a probability vector, so check directional derivatives along
    # directions that sum to 0 in each row: d/dt loss(p + t v) = <grad, v>.
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(4) * 3, size=5)
    for y in (rng.integers(0, 4, 5), rng.dirichlet(np.ones(4), size=5)):
        g = kt.categorical_cross_entropy_grad(y, p, reduction=reduction)
        assert g.shape == p.shape
        for _ in range(5):
            v = rng.normal(size=p.shape)
            v -= v.mean(axis=1, keepdims=True)
            h = 1e-6

            def f(t, y=y, v=v):
                return np.sum(kt.categorical_cross_entropy(y, p + t * v, reduction=reduction))

            fd = (f(h) - f(-h)) / (2 * h)
            assert np.sum(g * v) == pytest.approx(fd, rel=1e-6, abs=1e-9)


def test_mean_gradient_divides_by_examples_not_elements():
    z = np.zeros((4, 3))
    g_sum = kt.softmax_cross_entropy_grad([0, 1, 2, 0], z, reduction="sum")
    g_mean = kt.softmax_cross_entropy_grad([0, 1, 2, 0], z, reduction="mean")
    np.testing.assert_allclose(g_mean, g_sum / 4)
    e_sum = kt.mean_squared_error_grad(np.ones((4, 3)), z, reduction="sum")
    np.testing.assert_allclose(kt.mean_squared_error_grad(np.ones((4, 3)), z), e_sum / 12)


# --------------------------------------------------------------------------
# Hypothesis properties
# --------------------------------------------------------------------------


@given(y=unit, z=any_finite)
def test_two_class_softmax_is_bce_with_logits(y, z):
    loss_b = kt.binary_cross_entropy_with_logits(y, z)
    loss_s = kt.softmax_cross_entropy([[y, 1 - y]], [[z, 0.0]])
    assert loss_s == pytest.approx(loss_b, rel=1e-12, abs=1e-300)
    grad_b = kt.binary_cross_entropy_with_logits_grad(y, z)
    grad_s = kt.softmax_cross_entropy_grad([[y, 1 - y]], [[z, 0.0]])
    assert grad_s[0, 0] == pytest.approx(grad_b, rel=1e-12, abs=1e-15)
    assert grad_s[0, 1] == pytest.approx(-grad_b, rel=1e-12, abs=1e-15)


@given(label=st.integers(0, 1), z=any_finite)
def test_two_class_softmax_with_a_label_is_bce_with_logits(label, z):
    # label 0 is the class of logit z: y = 1 in the binary loss
    loss_b = kt.binary_cross_entropy_with_logits(1 - label, z)
    loss_s = kt.softmax_cross_entropy(np.array([label]), [[z, 0.0]])
    assert loss_s == pytest.approx(loss_b, rel=1e-12, abs=1e-300)


@settings(max_examples=scaled(100))
@given(
    y=arrays(np.float64, 8, elements=unit),
    p=arrays(np.float64, 8, elements=unit),
    z=arrays(np.float64, 8, elements=any_finite),
)
def test_binary_losses_are_non_negative(y, p, z):
    assert (kt.binary_cross_entropy(y, p, reduction="none") >= 0).all()
    assert (kt.binary_cross_entropy_with_logits(y, z, reduction="none") >= 0).all()


@settings(max_examples=scaled(100))
@given(
    w=arrays(np.float64, (3, 4), elements=st.floats(0, 1e3)),
    z=arrays(np.float64, (3, 4), elements=moderate),
    labels=arrays(np.int64, 3, elements=st.integers(0, 3)),
)
def test_categorical_losses_are_non_negative(w, z, labels):
    w = w + 1e-3
    p = kt.normalize(w)
    assert (kt.categorical_cross_entropy(labels, p, reduction="none") >= 0).all()
    assert (kt.categorical_cross_entropy(p, p, reduction="none") >= 0).all()
    assert (kt.softmax_cross_entropy(labels, z, reduction="none") >= 0).all()
    assert (kt.softmax_cross_entropy(p, z, reduction="none") >= 0).all()


@settings(max_examples=scaled(100))
@given(
    y=arrays(np.float64, 6, elements=st.floats(-1e6, 1e6)),
    m=arrays(np.float64, 6, elements=st.floats(-1e6, 1e6)),
)
def test_gaussian_nll_is_half_mse_plus_constant(y, m):
    mse = kt.mean_squared_error(y, m, reduction="none")
    assert (mse >= 0).all()
    assert (kt.mean_absolute_error(y, m, reduction="none") >= 0).all()
    np.testing.assert_allclose(
        kt.gaussian_nll(y, m, 1.0, full=True, reduction="none"),
        mse / 2 + HALF_LOG_2PI,
        rtol=1e-15,
    )
    np.testing.assert_allclose(
        kt.gaussian_nll(y, m, 1.0, full=False, reduction="none"), mse / 2, rtol=1e-15
    )
    np.testing.assert_allclose(
        kt.laplace_nll(y, m, 1.0, reduction="none"),
        kt.mean_absolute_error(y, m, reduction="none") + math.log(2),
        rtol=1e-15,
    )
    # and the gradients: d(Gaussian NLL)/dm is half d(MSE)/dm
    np.testing.assert_allclose(
        kt.gaussian_nll_grad(y, m, reduction="none"),
        kt.mean_squared_error_grad(y, m, reduction="none") / 2,
    )


@settings(max_examples=scaled(100))
@given(var=st.floats(1e-6, 1e6), scale=st.floats(1e-6, 1e6), y=st.floats(-10, 10))
def test_gaussian_and_laplace_minimum_is_negative_for_small_spread(var, scale, y):
    # at y = mean the NLL is its minimum 0.5 log(2 pi var) (resp. log(2 scale)):
    # negative exactly when the spread is small
    g = kt.gaussian_nll(y, y, var)
    assert g == pytest.approx(0.5 * math.log(2 * math.pi * var), rel=1e-12, abs=1e-15)
    assert (g < 0) == (2 * math.pi * var < 1) or abs(2 * math.pi * var - 1) < 1e-12
    lap = kt.laplace_nll(y, y, scale)
    assert lap == pytest.approx(math.log(2 * scale), rel=1e-12, abs=1e-15)


@settings(max_examples=scaled(100))
@given(
    z=arrays(np.float64, (4, 3), elements=st.floats(-30, 30)),
    labels=arrays(np.int64, 4, elements=st.integers(0, 2)),
)
def test_softmax_ce_is_categorical_ce_of_softmax(z, labels):
    p = kt.softmax(z)
    np.testing.assert_allclose(
        kt.softmax_cross_entropy(labels, z, reduction="none"),
        kt.categorical_cross_entropy(labels, p, reduction="none"),
        rtol=1e-9,
        atol=1e-12,
    )


@settings(max_examples=scaled(100))
@given(
    z=arrays(np.float64, (5, 4), elements=moderate),
    w=arrays(np.float64, (5, 4), elements=st.floats(1e-3, 1.0)),
    labels=arrays(np.int64, 5, elements=st.integers(0, 3)),
)
def test_integer_labels_equal_one_hot_rows(z, w, labels):
    rows = onehot(labels, 4)
    p = kt.normalize(w)
    for loss, grad, pred in (
        (kt.softmax_cross_entropy, kt.softmax_cross_entropy_grad, z),
        (kt.categorical_cross_entropy, kt.categorical_cross_entropy_grad, p),
    ):
        for reduction in REDUCTIONS:
            np.testing.assert_array_equal(
                loss(labels, pred, reduction=reduction), loss(rows, pred, reduction=reduction)
            )
            np.testing.assert_array_equal(
                grad(labels, pred, reduction=reduction), grad(rows, pred, reduction=reduction)
            )
    # integer one-hot rows (an int dtype with p's shape) are probability rows too
    np.testing.assert_array_equal(
        kt.softmax_cross_entropy(rows.astype(int), z), kt.softmax_cross_entropy(labels, z)
    )


# --------------------------------------------------------------------------
# Extremes and precision
# --------------------------------------------------------------------------


def _mp_bce_logits(y: float, z: float) -> float:
    mpmath.mp.dps = 60
    y, z = mpmath.mpf(y), mpmath.mpf(z)
    # -y log sigmoid(z) - (1 - y) log sigmoid(-z), with log sigmoid(z) = -log1p(e^-z)
    return float(y * mpmath.log1p(mpmath.exp(-z)) + (1 - y) * mpmath.log1p(mpmath.exp(z)))


@pytest.mark.parametrize(
    ("y", "z"),
    [
        (1.0, 40.0),
        (0.0, -40.0),
        (1.0, 700.0),
        (0.0, -700.0),
        (1.0, -3.5),
        (0.3, 40.0),
        (0.3, -3.5),
        (1 - 2.0**-53, 40.0),
        (2.0**-52, -40.0),
        (0.999, 1e5),
    ],
)
def test_bce_with_logits_relative_precision_vs_mpmath(y, z):
    exact = _mp_bce_logits(y, z)
    got = float(kt.binary_cross_entropy_with_logits(y, z))
    assert got == pytest.approx(exact, rel=1e-14, abs=0)


def test_z40_is_tiny_not_zero_and_naive_soft_form_would_cancel():
    assert kt.binary_cross_entropy_with_logits(1.0, 40.0) == pytest.approx(4.248354255291589e-18)
    grad = kt.binary_cross_entropy_with_logits_grad(1.0, 40.0)
    assert grad == pytest.approx(-float(mpmath.exp(-40) / (1 + mpmath.exp(-40))), rel=1e-14)
    # The textbook form max(z, 0) - z y + log1p(exp(-|z|)) loses most digits
    # for a soft label near 1; the form kltools uses does not (previous test).
    y, z = 1 - 2.0**-53, 40.0
    naive = max(z, 0) - z * y + math.log1p(math.exp(-abs(z)))
    assert abs(naive / _mp_bce_logits(y, z) - 1) > 0.1


def test_bce_with_logits_huge_logits():
    z = np.array([1e308, -1e308, 1e308, -1e308, 1e308, 1000.0, -1000.0, 1000.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.5, 1.0, 1.0, 0.0])
    out = kt.binary_cross_entropy_with_logits(y, z, reduction="none")
    assert out.tolist() == [0.0, 0.0, 1e308, 1e308, 5e307, 0.0, 1000.0, 1000.0]
    g = kt.binary_cross_entropy_with_logits_grad(y, z, reduction="none")
    assert g.tolist() == [0.0, 0.0, 1.0, -1.0, 0.5, 0.0, -1.0, 1.0]
    # the sum exceeds the float range (inf, silently); the mean does not
    assert kt.binary_cross_entropy_with_logits(y, z, reduction="sum") == np.inf
    mean = 1e308 / 4 + 5e307 / 8 + 2000 / 8  # (2e308 + 5e307 + 2000) / 8 without overflow
    assert kt.binary_cross_entropy_with_logits(y, z) == pytest.approx(mean)


def test_softmax_ce_huge_logits():
    z = np.array([[1e308, -1e308], [1000.0, -1000.0], [1e308, 1e308]])
    out = kt.softmax_cross_entropy([0, 1, 1], z, reduction="none")
    # 2e308 exceeds the float range: inf is the correctly rounded loss
    assert out.tolist() == [0.0, 2000.0, math.log(2)]
    assert kt.softmax_cross_entropy([1], [[1e308, -1e308]]) == np.inf
    g = kt.softmax_cross_entropy_grad([0, 1, 1], z, reduction="sum")
    assert g.tolist() == [[0.0, 0.0], [1.0, -1.0], [0.5, -0.5]]
    # soft rows with a zero weight on a hopeless class: 0 * (-inf) is not NaN
    assert kt.softmax_cross_entropy([[1.0, 0.0]], [[1e308, -1e308]]) == 0.0


def test_softmax_ce_tiny_loss_vs_mpmath():
    mpmath.mp.dps = 50
    exact = float(mpmath.log1p(mpmath.exp(-50)))
    assert kt.softmax_cross_entropy([0], [[0.0, -50.0]]) == pytest.approx(exact, rel=1e-14)
    g = kt.softmax_cross_entropy_grad([0], [[0.0, -50.0]])
    p1 = float(mpmath.exp(-50) / (1 + mpmath.exp(-50)))
    np.testing.assert_allclose(g, [[-p1, p1]], rtol=1e-14)


def test_huge_residuals_overflow_to_inf_silently():
    assert kt.mean_squared_error(1e200, -1e200) == np.inf
    assert kt.mean_absolute_error(1e308, -1e308) == np.inf
    assert kt.gaussian_nll(1e308, -1e308) == np.inf
    assert kt.laplace_nll(1e308, -1e308) == np.inf
    assert kt.mean_squared_error_grad(1e308, -1e308, reduction="sum") == -np.inf
    assert kt.mean_absolute_error_grad(1e308, -1e308, reduction="sum") == -1.0
    assert kt.gaussian_nll_grad(1e308, -1e308, reduction="sum") == -np.inf
    assert kt.gaussian_nll_grad_var(1e308, -1e308, 1.0, reduction="sum") == -np.inf
    assert kt.laplace_nll_grad(1e308, -1e308, reduction="sum") == -1.0


# --------------------------------------------------------------------------
# Reductions, shapes and dtypes
# --------------------------------------------------------------------------

ELEMENTWISE = [
    (kt.binary_cross_entropy, kt.binary_cross_entropy_grad),
    (kt.binary_cross_entropy_with_logits, kt.binary_cross_entropy_with_logits_grad),
    (kt.gaussian_nll, kt.gaussian_nll_grad),
    (kt.mean_squared_error, kt.mean_squared_error_grad),
    (kt.laplace_nll, kt.laplace_nll_grad),
    (kt.mean_absolute_error, kt.mean_absolute_error_grad),
]


@pytest.mark.parametrize(("loss", "grad"), ELEMENTWISE, ids=lambda f: f.__name__)
def test_elementwise_reductions(loss, grad):
    y = np.array([[1.0, 0.0, 1.0], [0.0, 0.5, 1.0]])
    pred = np.array([[0.2, 0.4, 0.6], [0.8, 0.5, 0.9]])
    none = loss(y, pred, reduction="none")
    assert none.shape == (2, 3)
    total = loss(y, pred, reduction="sum")
    mean = loss(y, pred)
    assert isinstance(total, np.floating) and isinstance(mean, np.floating)
    assert total == pytest.approx(none.sum()) and mean == pytest.approx(none.mean())
    assert grad(y, pred).shape == (2, 3)
    # a scalar pair gives a NumPy float also for "none"
    assert isinstance(loss(1.0, 0.5, reduction="none"), np.floating)
    # empty batch: the sum is 0.0, the mean is undefined
    empty = np.zeros((0, 3))
    assert loss(empty, empty, reduction="sum") == 0.0
    assert loss(empty, empty, reduction="none").shape == (0, 3)
    assert grad(empty, empty, reduction="sum").shape == (0, 3)
    with pytest.raises(ValueError, match="empty batch"):
        loss(empty, empty)
    with pytest.raises(ValueError, match="empty batch"):
        grad(empty, empty)


@pytest.mark.parametrize(("loss", "grad"), ELEMENTWISE, ids=lambda f: f.__name__)
def test_float32_stays_float32(loss, grad):
    y = np.array([1.0, 0.0, 0.5], dtype=np.float32)
    pred = np.array([0.3, 0.2, 0.5], dtype=np.float32)
    assert loss(y, pred, reduction="none").dtype == np.float32
    assert isinstance(loss(y, pred), np.float32)
    assert isinstance(loss(y, pred, reduction="sum"), np.float32)
    assert grad(y, pred).dtype == np.float32
    # lists and integers compute in float64
    assert loss([1, 0], [0, 1], reduction="none").dtype == np.float64


def test_dtype_rules_for_var_and_scale():
    y = np.array([1.0, 2.0], dtype=np.float32)
    assert kt.gaussian_nll(y, y, 2.0, reduction="none").dtype == np.float32
    assert kt.gaussian_nll(y, y, np.array(2.0), reduction="none").dtype == np.float64
    assert kt.laplace_nll(y, y, 3, reduction="none").dtype == np.float32
    assert isinstance(kt.gaussian_nll_grad_var(y, np.float32(0), np.float32(2.0)), np.float32)
    # y and the prediction always count: a Python float mean computes in float64
    assert isinstance(kt.gaussian_nll_grad_var(y, 0.0, 2.0), np.float64)


def test_categorical_reductions_and_dtypes():
    z = np.zeros((3, 4), dtype=np.float32)
    labels = np.array([0, 1, 3])
    none = kt.softmax_cross_entropy(labels, z, reduction="none")
    assert none.shape == (3,) and none.dtype == np.float32
    assert isinstance(kt.softmax_cross_entropy(labels, z), np.float32)
    assert kt.softmax_cross_entropy_grad(labels, z).dtype == np.float32
    p = np.full((3, 4), 0.25)
    np.testing.assert_allclose(kt.categorical_cross_entropy(labels, p, reduction="none"), np.log(4))
    # one example: 1-D p and a scalar label
    assert kt.categorical_cross_entropy(2, [0.25, 0.25, 0.5]) == pytest.approx(math.log(2))
    # empty batch
    no_labels = np.zeros(0, dtype=int)
    assert kt.softmax_cross_entropy(no_labels, np.zeros((0, 4)), reduction="sum") == 0.0
    assert kt.categorical_cross_entropy(no_labels, np.zeros((0, 4)), reduction="sum") == 0.0
    with pytest.raises(ValueError, match="empty batch"):
        kt.softmax_cross_entropy(no_labels, np.zeros((0, 4)))
    with pytest.raises(ValueError, match="empty batch"):
        kt.categorical_cross_entropy_grad(no_labels, np.zeros((0, 4)))


def test_gradient_of_a_shared_prediction_is_summed():
    y = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    per_element = kt.mean_squared_error_grad(y, np.zeros((3, 2)), reduction="sum")
    # row vector shared by all rows: sum over axis 0
    np.testing.assert_allclose(
        kt.mean_squared_error_grad(y, np.zeros(2), reduction="sum"), per_element.sum(axis=0)
    )
    # column (3, 1) shared along axis 1
    np.testing.assert_allclose(
        kt.mean_squared_error_grad(y, np.zeros((3, 1)), reduction="none"),
        per_element.sum(axis=1, keepdims=True),
    )
    # a scalar: mean of the per-element derivatives for "mean"
    assert kt.mean_squared_error_grad(y, 0.0) == pytest.approx(per_element.mean())


# --------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# --------------------------------------------------------------------------

P2 = [[0.5, 0.5], [0.2, 0.8]]
BAD_INPUTS = [
    (lambda: kt.binary_cross_entropy([1, np.nan], [0.5, 0.5]), "y contains NaN"),
    (lambda: kt.binary_cross_entropy([1, 0], [0.5, np.nan]), "p contains NaN"),
    (lambda: kt.binary_cross_entropy([1, 0], [0.5, 1.2]), r"p must lie in \[0, 1\]"),
    (lambda: kt.binary_cross_entropy([1, -0.1], [0.5, 0.5]), r"y must lie in \[0, 1\]"),
    (lambda: kt.binary_cross_entropy_grad([1, 2], [0.5, 0.5]), r"y must lie in \[0, 1\]"),
    (lambda: kt.binary_cross_entropy([1, 0, 1], [0.5, 0.5]), "y has shape .* p has shape"),
    (lambda: kt.binary_cross_entropy_with_logits([1, 0], [np.inf, 0]), "z contains inf"),
    (lambda: kt.binary_cross_entropy_with_logits([1, 0], [np.nan, 0]), "z contains NaN"),
    (lambda: kt.binary_cross_entropy_with_logits([1, 3], [0, 0]), r"y must lie in \[0, 1\]"),
    (lambda: kt.binary_cross_entropy_with_logits(1, [1j]), "z is complex"),
    (lambda: kt.binary_cross_entropy_with_logits(1, 0, reduction="avg"), "reduction .*'avg'"),
    (lambda: kt.mean_squared_error(1, 0, reduction=None), "reduction .*None"),
    (lambda: kt.mean_squared_error_grad(1, 0, reduction="Mean"), "reduction .*'Mean'"),
    (lambda: kt.categorical_cross_entropy([0, 2], P2), r"class labels from 0 to 2.*0\.\.1"),
    (lambda: kt.categorical_cross_entropy([-1, 0], P2), "class labels from -1 to 0"),
    (lambda: kt.softmax_cross_entropy([0, 5], np.zeros((2, 3))), "class labels from 0 to 5"),
    (lambda: kt.categorical_cross_entropy([0.0, 1.0], P2), "integer dtype.*astype"),
    (lambda: kt.softmax_cross_entropy_grad([0, 1, 1], np.zeros((2, 3))), r"labels shape \(2,\)"),
    (lambda: kt.categorical_cross_entropy([[1.0, 0.0]], P2), r"y has shape \(1, 2\)"),
    (lambda: kt.categorical_cross_entropy([[0.5, 0.6], [1, 0]], P2), "y sums to 1.1"),
    (lambda: kt.categorical_cross_entropy([0, 1], [[0.5, 0.4], [0, 1]]), "p sums to 0.9"),
    (lambda: kt.categorical_cross_entropy([0, 1], [[1.5, -0.5], [0, 1]]), "p has negative"),
    (lambda: kt.categorical_cross_entropy([0, 1], [[0.5, np.nan], [0, 1]]), "p contains NaN"),
    (lambda: kt.categorical_cross_entropy([[0, 1], [1]], P2), "y could not be read"),
    (lambda: kt.categorical_cross_entropy([0, 1], P2, axis=2), "axis 2 is out of range for p"),
    (lambda: kt.softmax_cross_entropy([0, 1], [[0, np.inf], [0, 0]]), "logits contains inf"),
    (lambda: kt.softmax_cross_entropy([0], [[0, np.nan]]), "logits contains NaN"),
    (lambda: kt.softmax_cross_entropy(0, 1.0), "logits is a scalar"),
    (lambda: kt.softmax_cross_entropy(np.zeros((2, 0)), np.zeros((2, 0))), "logits is empty"),
    (lambda: kt.categorical_cross_entropy_grad([0, 9], P2), "class labels from 0 to 9"),
    (lambda: kt.gaussian_nll([1.0, 2.0], 0.0, 0.0), "var must be > 0"),
    (lambda: kt.gaussian_nll([1.0, 2.0], 0.0, [1.0, -1.0]), "var must be > 0"),
    (lambda: kt.gaussian_nll(1.0, 0.0, np.nan), "var contains NaN"),
    (lambda: kt.gaussian_nll(1.0, 0.0, np.inf), "var contains inf"),
    (lambda: kt.gaussian_nll_grad(1.0, 0.0, -2.0), "var must be > 0"),
    (lambda: kt.gaussian_nll_grad_var(1.0, 0.0, 0.0), "var must be > 0"),
    (lambda: kt.gaussian_nll([1.0, 2.0], 0.0, [1.0, 1.0, 1.0]), "var has shape"),
    (lambda: kt.gaussian_nll(np.inf, 0.0), "y contains inf"),
    (lambda: kt.gaussian_nll(0.0, np.nan), "mean contains NaN"),
    (lambda: kt.mean_squared_error([np.inf], [0.0]), "y contains inf"),
    (lambda: kt.mean_squared_error([0.0], [-np.inf]), "yhat contains inf"),
    (lambda: kt.mean_squared_error([1.0, 2.0], [1.0, 2.0, 3.0]), "yhat has shape"),
    (lambda: kt.mean_absolute_error(["a"], [0.0]), "y has dtype"),
    (lambda: kt.mean_absolute_error_grad([np.nan], [0.0]), "y contains NaN"),
    (lambda: kt.laplace_nll(1.0, 0.0, 0.0), "scale must be > 0"),
    (lambda: kt.laplace_nll_grad(1.0, 0.0, -1.0), "scale must be > 0"),
    (lambda: kt.laplace_nll(1.0, np.inf), "loc contains inf"),
]


@pytest.mark.parametrize(("call", "message"), BAD_INPUTS)
def test_bad_input_raises_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_float32_underflowing_var_is_rejected():
    y = np.zeros(2, dtype=np.float32)
    with pytest.raises(ValueError, match="var must be > 0"):
        kt.gaussian_nll(y, y, 1e-50)  # 1e-50 is 0 in float32


def test_validation_fast_paths_give_the_same_errors():
    # NumPy float arrays take the one-reduction checks; bad ones must still get
    # the message of the full check.
    bad = [
        (
            lambda: kt.binary_cross_entropy_with_logits(np.ones(2), np.array([0.0, np.inf])),
            "z contains inf",
        ),
        (
            lambda: kt.binary_cross_entropy_with_logits(np.ones(2), np.array([np.inf, -np.inf])),
            "z contains inf",
        ),
        (
            lambda: kt.binary_cross_entropy_with_logits(np.array([0.5, np.nan]), np.zeros(2)),
            "y contains NaN",
        ),
        (
            lambda: kt.binary_cross_entropy(np.array([0.5, 1.5]), np.full(2, 0.5)),
            r"y must lie in \[0, 1\]",
        ),
        (lambda: kt.binary_cross_entropy(np.ones(2), np.array([0.5, np.nan])), "p contains NaN"),
        (lambda: kt.mean_squared_error(np.array([np.nan, 1.0]), np.zeros(2)), "y contains NaN"),
        (
            lambda: kt.gaussian_nll(np.zeros(2), np.zeros(2), np.array([1.0, 0.0])),
            "var must be > 0",
        ),
        (
            lambda: kt.laplace_nll(np.zeros(2), np.zeros(2), np.array([1.0, np.nan])),
            "scale contains NaN",
        ),
        (
            lambda: kt.softmax_cross_entropy(np.array([0]), np.array([[0.0, np.inf]])),
            "logits contains inf",
        ),
        (
            lambda: kt.categorical_cross_entropy(np.array([0]), np.array([[0.5, 0.4]])),
            "p sums to 0.9",
        ),
    ]
    for call, message in bad:
        with pytest.raises(ValueError, match=message):
            call()
    # finite values whose sum overflows are valid (the fast check falls back, silently)
    z = np.array([1e308, 1e308])
    assert kt.binary_cross_entropy_with_logits(np.ones(2), z) == 0.0
    assert kt.mean_squared_error(z, z) == 0.0
    assert kt.binary_cross_entropy_with_logits(1.0, np.float32([3e38, 3e38])) == 0.0


@settings(max_examples=scaled(300))
@given(y=unit, z=st.floats(-800.0, 800.0))
def test_bce_with_logits_soft_labels_vs_mpmath(y, z):
    # the loss is a sum of two non-negative terms: a few ulp for every (y, z)
    exact = _mp_bce_logits(y, z)
    got = float(kt.binary_cross_entropy_with_logits(y, z))
    assert got == pytest.approx(exact, rel=1e-14, abs=0)


def test_softmax_ce_labels_when_the_label_sum_overflows():
    # exp(z_i - z_c) overflows for a gap beyond ~709: those rows take the max-shifted form,
    # the others keep theirs; all agree with mpmath
    z = np.array([[0.0, -50.0, 3.0], [800.0, 0.0, -1.0], [1.0, 2.0, 720.0], [5.0, 4.0, 4.5]])
    labels = np.array([0, 1, 0, 0])
    mpmath.mp.dps = 60
    exact = [
        float(mpmath.log(sum(mpmath.exp(mpmath.mpf(v)) for v in row)) - mpmath.mpf(row[c]))
        for row, c in zip(z.tolist(), labels, strict=True)
    ]
    out = kt.softmax_cross_entropy(labels, z, reduction="none")
    np.testing.assert_allclose(out, exact, rtol=1e-15)
    np.testing.assert_array_equal(
        out, kt.softmax_cross_entropy(onehot(labels, 3), z, reduction="none")
    )


def test_one_hot_rows_among_soft_rows_agree_with_labels():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 5, (6, 4))
    labels = rng.integers(0, 4, 6)
    rows = onehot(labels, 4)
    rows[0] = [0.25, 0.25, 0.5, 0.0]  # one soft row: the whole array takes the soft path
    out = kt.softmax_cross_entropy(rows, z, reduction="none")
    ref = kt.softmax_cross_entropy(labels, z, reduction="none")
    np.testing.assert_allclose(out[1:], ref[1:], rtol=1e-14)
    g = kt.softmax_cross_entropy_grad(rows, z, reduction="none")
    np.testing.assert_allclose(g[1:], kt.softmax_cross_entropy_grad(labels, z)[1:] * 6, rtol=1e-14)
    np.testing.assert_allclose(g[0], sps.softmax(z[0]) - rows[0], atol=1e-15)


def test_categorical_grad_of_rows_with_zero_probabilities():
    y = [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]
    p = [[0.0, 1.0], [0.5, 0.5], [0.0, 1.0]]
    g = kt.categorical_cross_entropy_grad(y, p, reduction="sum")
    assert g.tolist() == [[0.0, -1.0], [-1.0, -1.0], [-np.inf, 0.0]]
    assert not np.signbit(g[0, 0]) and not np.signbit(g[2, 1])


BROADCAST_CASES = [
    (kt.binary_cross_entropy, kt.binary_cross_entropy_grad, (0.0, 1.0), (0.05, 0.95)),
    (
        kt.binary_cross_entropy_with_logits,
        kt.binary_cross_entropy_with_logits_grad,
        (0.0, 1.0),
        (-5, 5),
    ),
    (kt.gaussian_nll, kt.gaussian_nll_grad, (-2, 2), (-2, 2)),
    (kt.mean_squared_error, kt.mean_squared_error_grad, (-2, 2), (-2, 2)),
    (kt.laplace_nll, kt.laplace_nll_grad, (-2, 2), (-2, 2)),
    (kt.mean_absolute_error, kt.mean_absolute_error_grad, (-2, 2), (-2, 2)),
]


@pytest.mark.parametrize(
    ("loss", "grad", "y_range", "pred_range"),
    BROADCAST_CASES,
    ids=lambda f: getattr(f, "__name__", ""),
)
def test_broadcast_inputs_match_explicitly_broadcast_ones(loss, grad, y_range, pred_range):
    # the in-place arithmetic writes into buffers of the broadcast shape
    rng = np.random.default_rng(11)
    for y_shape, pred_shape in (((3, 1), (4,)), ((3, 4), (1, 4)), ((), (2, 3)), ((2, 3), ())):
        y = rng.uniform(*y_range, y_shape)
        pred = rng.uniform(*pred_range, pred_shape)
        yb, pb = np.broadcast_arrays(y, pred)
        np.testing.assert_array_equal(
            loss(y, pred, reduction="none"), loss(yb.copy(), pb.copy(), reduction="none")
        )
        # Chain rule: each entry of pred gets the sum of the per-element
        # derivatives of the entries that are copies of it. Scatter-add them
        # through the broadcast map of pred's flat indices.
        full = grad(yb.copy(), pb.copy(), reduction="sum")
        owner = np.broadcast_to(np.arange(np.size(pred)).reshape(np.shape(pred)), full.shape)
        expected = np.bincount(owner.ravel(), weights=full.ravel(), minlength=np.size(pred))
        got = grad(y, pred, reduction="sum")
        assert np.shape(got) == np.shape(pred)
        np.testing.assert_allclose(np.ravel(got), expected, rtol=1e-13)


def test_var_and_scale_may_add_axes():
    var = np.array([0.5, 1.0, 4.0])
    np.testing.assert_allclose(
        kt.gaussian_nll(1.0, 0.0, var, reduction="none"), 0.5 * np.log(2 * np.pi * var) + 0.5 / var
    )
    np.testing.assert_allclose(
        kt.gaussian_nll_grad_var(1.0, 0.0, var, reduction="none"), 0.5 * (1 - 1 / var) / var
    )
    np.testing.assert_allclose(
        kt.laplace_nll(1.0, 0.0, var, reduction="none"), 1 / var + np.log(2 * var)
    )
    assert kt.gaussian_nll_grad(1.0, 0.0, var, reduction="sum") == pytest.approx(-np.sum(1 / var))
    assert kt.laplace_nll_grad(1.0, 0.0, var, reduction="sum") == pytest.approx(-np.sum(1 / var))


# --------------------------------------------------------------------------
# Memory: every loss and gradient, also for the cases tests/test_memory.py
# does not cover (soft labels, probability rows, gradients)
# --------------------------------------------------------------------------

MEM_N = 1 << 17  # 1 MiB of float64 per input array
MEM_SLACK = 64 * 1024


def _memory_cases():
    rng = np.random.default_rng(21)
    n, k = MEM_N, 8
    z = 3.0 * rng.standard_normal((n // k, k))
    labels = rng.integers(0, k, n // k)
    soft = kt.softmax(rng.standard_normal((n // k, k)))
    zb = 4.0 * rng.standard_normal(n)
    yb = rng.integers(0, 2, n).astype(np.float64)
    ys = rng.random(n)
    pb = kt.sigmoid(zb)
    var = rng.uniform(0.5, 2.0, n)
    cases = []
    for y in (yb, ys):
        cases += [(kt.binary_cross_entropy, y, pb), (kt.binary_cross_entropy_grad, y, pb)]
        cases += [
            (kt.binary_cross_entropy_with_logits, y, zb),
            (kt.binary_cross_entropy_with_logits_grad, y, zb),
        ]
    for y in (labels, onehot(labels, k), soft):
        cases += [(kt.softmax_cross_entropy, y, z), (kt.softmax_cross_entropy_grad, y, z)]
        cases += [
            (kt.categorical_cross_entropy, y, kt.softmax(z)),
            (kt.categorical_cross_entropy_grad, y, kt.softmax(z)),
        ]
    for f in (kt.gaussian_nll, kt.gaussian_nll_grad, kt.gaussian_nll_grad_var, kt.laplace_nll):
        cases.append((f, zb, ys, var))
    cases.append((kt.laplace_nll_grad, zb, ys, var))
    for f in (kt.mean_squared_error, kt.mean_squared_error_grad):
        cases.append((f, zb, ys))
    for f in (kt.mean_absolute_error, kt.mean_absolute_error_grad):
        cases.append((f, zb, ys))
    return cases


@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_losses_and_gradients_allocate_at_most_three_temporaries(reduction):
    for func, *args in _memory_cases():
        size = max(np.asarray(a).nbytes for a in args)
        peak = peak_bytes(func, *args, reduction=reduction)
        assert peak <= 3 * size + MEM_SLACK, (
            f"{func.__name__} ({np.asarray(args[0]).dtype}, {np.shape(args[0])}) allocated "
            f"{peak / size:.2f} times its input's size"
        )
