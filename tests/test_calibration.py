"""Tests of calibration bins, ECE and temperature scaling: hand-computed cases,
a grid search, finite differences, invariances, and every documented bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.optimize
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

import kltools as kt

# --------------------------------------------------------------------------
# calibration_bins and expected_calibration_error
# --------------------------------------------------------------------------

# Five examples, two classes, four bins (0, .25], (.25, .5], (.5, .75], (.75, 1]:
#   confidence  prediction  label  correct  bin
#   0.9         0           0      yes      3
#   0.8         0           1      no       3
#   0.6         1           1      yes      2
#   0.7         1           0      no       2
#   0.55        0           0      yes      2
HAND_Y = np.array([0, 1, 1, 0, 0])
HAND_P = np.array([[0.9, 0.1], [0.8, 0.2], [0.4, 0.6], [0.3, 0.7], [0.55, 0.45]])


def test_bins_hand_computed():
    bins = kt.calibration_bins(HAND_Y, HAND_P, n_bins=4)
    np.testing.assert_allclose(bins.edges, [0.0, 0.25, 0.5, 0.75, 1.0])
    assert bins.counts.tolist() == [0, 0, 3, 2]
    np.testing.assert_allclose(bins.confidence, [0.0, 0.0, (0.6 + 0.7 + 0.55) / 3, 0.85])
    np.testing.assert_allclose(bins.accuracy, [0.0, 0.0, 2 / 3, 0.5])


def test_ece_hand_computed():
    # bin 2: |2/3 - 0.61667| = 0.05, weight 3/5; bin 3: |0.5 - 0.85| = 0.35, weight 2/5
    expected = 3 / 5 * abs(2 / 3 - 1.85 / 3) + 2 / 5 * abs(0.5 - 0.85)
    assert kt.expected_calibration_error(HAND_Y, HAND_P, n_bins=4) == pytest.approx(
        expected, rel=1e-12
    )
    assert expected == pytest.approx(0.17, rel=1e-12)


def test_bins_are_right_closed():
    # A confidence exactly on an edge belongs to the bin on its left: (b/M, (b+1)/M].
    probs = np.array([[0.5, 0.5], [0.75, 0.25], [1.0, 0.0]])
    bins = kt.calibration_bins([0, 0, 0], probs, n_bins=4)
    assert bins.counts.tolist() == [0, 1, 1, 1]


@pytest.mark.parametrize("n_bins", [3, 5, 7, 10, 15, 30, 100])
def test_edges_are_exactly_b_over_m(n_bins):
    # Every edge is the float nearest b / M, and a confidence equal to it lies in the
    # bin on its left. (linspace's b * (1/M) is one ulp below b / M for some b when
    # M = 7 or 30, which put such a confidence in the bin on the right.)
    bins = kt.calibration_bins([0], [[1.0, 0.0]], n_bins=n_bins)
    assert bins.edges.tolist() == [b / n_bins for b in range(n_bins + 1)]
    conf = np.array([b / n_bins for b in range(1, n_bins + 1) if b / n_bins >= 0.5])
    probs = np.column_stack([conf, 1 - conf])
    counts = kt.calibration_bins(np.zeros(len(conf), dtype=int), probs, n_bins=n_bins).counts
    expected = np.zeros(n_bins, dtype=int)
    expected[[b - 1 for b in range(1, n_bins + 1) if b / n_bins >= 0.5]] = 1
    assert counts.tolist() == expected.tolist()


def test_ece_matches_scipy_binned_statistic():
    # scipy's bins are [a, b) (the last one closed); on -confidence they are (b/M, (b+1)/M].
    rng = np.random.default_rng(5)
    p = rng.dirichlet(np.full(4, 0.3), size=500)
    y = rng.integers(0, 4, 500)
    conf, correct = p.max(axis=1), (p.argmax(axis=1) == y).astype(float)
    edges = -np.arange(15, -1, -1) / 15
    acc = scipy.stats.binned_statistic(-conf, correct, "mean", bins=edges).statistic
    mean_conf = scipy.stats.binned_statistic(-conf, conf, "mean", bins=edges).statistic
    counts = scipy.stats.binned_statistic(-conf, conf, "count", bins=edges).statistic
    filled = counts > 0
    ece = np.sum(counts[filled] * np.abs(acc[filled] - mean_conf[filled])) / 500
    assert kt.expected_calibration_error(y, p) == pytest.approx(ece, rel=1e-12)
    bins = kt.calibration_bins(y, p)
    assert bins.counts.tolist() == counts[::-1].astype(int).tolist()


def test_ece_default_bins_is_fifteen():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(4), size=200)
    y = rng.integers(0, 4, 200)
    assert kt.expected_calibration_error(y, p) == kt.expected_calibration_error(y, p, n_bins=15)


def test_ece_zero_for_a_perfectly_calibrated_bin():
    # Confidence 0.75 everywhere and exactly three in four right.
    probs = np.tile([0.75, 0.25], (4, 1))
    assert kt.expected_calibration_error([0, 0, 0, 1], probs) == 0.0
    assert kt.expected_calibration_error([0, 0, 1, 1], probs) == pytest.approx(0.25)


def test_ece_of_sure_predictions_is_error_rate():
    probs = np.eye(3)[[0, 1, 2, 0]]
    assert kt.expected_calibration_error([0, 1, 2, 1], probs) == pytest.approx(0.25)


@given(st.integers(1, 60), st.integers(2, 6), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_ece_matches_a_plain_loop(n, k, n_bins, seed):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(k, 0.5), size=n)
    y = rng.integers(0, k, n)
    conf, pred = p.max(axis=1), p.argmax(axis=1)
    total = 0.0
    for b in range(n_bins):
        inside = (conf > b / n_bins) & (conf <= (b + 1) / n_bins)
        if inside.any():
            gap = np.mean(pred[inside] == y[inside]) - np.mean(conf[inside])
            total += inside.sum() / n * abs(gap)
    ece = kt.expected_calibration_error(y, p, n_bins=n_bins)
    assert ece == pytest.approx(total, rel=1e-12, abs=1e-15)
    assert 0.0 <= ece <= 1.0
    bins = kt.calibration_bins(y, p, n_bins=n_bins)
    assert bins.counts.sum() == n


def test_float32_probabilities_accepted():
    p32 = np.array([[0.75, 0.25], [0.625, 0.375]], dtype=np.float32)  # exact in float32
    # one right at 0.75, one wrong at 0.625, in different bins: (0.25 + 0.625) / 2
    assert kt.expected_calibration_error([0, 1], p32) == pytest.approx(0.4375, rel=1e-12)


# --------------------------------------------------------------------------
# temperature_nll, its gradient, fit_temperature
# --------------------------------------------------------------------------


def _problem(seed=3, n=300, k=5, scale=4.0):
    rng = np.random.default_rng(seed)
    z = scale * rng.standard_normal((n, k))
    # labels drawn from a flatter distribution than softmax(z): an overconfident model
    p_true = kt.softmax(z / 2.5)
    y = np.array([rng.choice(k, p=row) for row in p_true])
    return z, y


def test_temperature_nll_is_softmax_cross_entropy_of_scaled_logits():
    z, y = _problem()
    for t in (0.3, 1.0, 2.0, 7.5):
        assert kt.temperature_nll(z, y, t) == pytest.approx(
            float(kt.softmax_cross_entropy(y, z / t)), rel=1e-12
        )


def test_temperature_nll_matches_scipy_log_softmax():
    z, y = _problem()
    for t in (0.4, 1.0, 3.0):
        expected = -np.mean(scipy.special.log_softmax(z / t, axis=1)[np.arange(len(y)), y])
        assert kt.temperature_nll(z, y, t) == pytest.approx(expected, rel=1e-12)


def test_fit_temperature_matches_scipy_minimize_scalar():
    z, y = _problem()
    res = scipy.optimize.minimize_scalar(
        lambda t: kt.temperature_nll(z, y, t),
        bounds=(0.1, 20.0),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert kt.fit_temperature(z, y) == pytest.approx(res.x, rel=1e-6)


def test_temperature_nll_hand_value():
    # softmax([1, 0])_0 = sigmoid(1): the NLL is log(1 + e^-1)
    assert kt.temperature_nll([[2.0, 0.0]], [0], 2.0) == pytest.approx(math.log1p(math.exp(-1)))


@pytest.mark.parametrize("t", [0.2, 0.7, 1.0, 1.9, 6.0])
def test_gradient_matches_finite_differences(t):
    z, y = _problem()
    h = 1e-5 * t
    numeric = (kt.temperature_nll(z, y, t + h) - kt.temperature_nll(z, y, t - h)) / (2 * h)
    assert kt.temperature_nll_grad(z, y, t) == pytest.approx(numeric, rel=1e-6, abs=1e-10)


def test_gradient_hand_value():
    # z_y - E_q[z] is (2 - 2 s) and (0 - 2 s) with s = sigmoid(2); mean = 1 - 2 s.
    s = 1 / (1 + math.exp(-2))
    assert kt.temperature_nll_grad([[2.0, 0.0], [0.0, 2.0]], [0, 0], 1.0) == pytest.approx(
        1 - 2 * s
    )


def test_fit_temperature_matches_grid_search():
    z, y = _problem()
    t_hat = kt.fit_temperature(z, y)
    grid = np.linspace(0.5, 6.0, 5501)
    nll = np.array([kt.temperature_nll(z, y, t) for t in grid])
    best = grid[np.argmin(nll)]
    assert abs(t_hat - best) <= 1e-3
    assert kt.temperature_nll(z, y, t_hat) <= nll.min() + 1e-12
    assert abs(kt.temperature_nll_grad(z, y, t_hat)) < 1e-9
    assert t_hat > 1  # the labels are noisier than the logits claim


def test_fit_temperature_underconfident_model_gets_t_below_one():
    rng = np.random.default_rng(7)
    z = rng.standard_normal((400, 4))
    y = np.array([rng.choice(4, p=row) for row in kt.softmax(3 * z)])
    t_hat = kt.fit_temperature(z, y)
    assert 0 < t_hat < 1
    assert abs(kt.temperature_nll_grad(z, y, t_hat)) < 1e-9


def test_fit_temperature_closed_form():
    # Gap 3, three in four right: best probability 3/4, i.e. 3 / T = log 3.
    z = [[3.0, 0.0]] * 3 + [[0.0, 3.0]]
    assert kt.fit_temperature(z, [0, 0, 0, 0]) == pytest.approx(3 / math.log(3), rel=1e-10)


def test_fit_temperature_recovers_a_known_temperature():
    # Labels drawn from softmax(z / 2) for a large sample: T_hat is near 2.
    rng = np.random.default_rng(11)
    z = 3.0 * rng.standard_normal((20000, 3))
    cum = np.cumsum(kt.softmax(z / 2.0), axis=1)
    y = (rng.random((20000, 1)) > cum).sum(axis=1)
    assert kt.fit_temperature(z, y) == pytest.approx(2.0, rel=0.05)


def test_temperature_scaling_changes_no_prediction():
    z, y = _problem()
    t_hat = kt.fit_temperature(z, y)
    assert np.array_equal(kt.softmax(z / t_hat).argmax(axis=1), z.argmax(axis=1))


def test_fit_temperature_invariant_to_logit_shift_and_scales_with_logits():
    z, y = _problem()
    t_hat = kt.fit_temperature(z, y)
    assert kt.fit_temperature(z + 5.0, y) == pytest.approx(t_hat, rel=1e-8)
    assert kt.fit_temperature(3.0 * z, y) == pytest.approx(3.0 * t_hat, rel=1e-8)


def test_fit_temperature_float32_and_lists():
    z, y = _problem(n=50)
    t64 = kt.fit_temperature(z, y)
    assert kt.fit_temperature(z.astype(np.float32), y) == pytest.approx(t64, rel=1e-5)
    assert kt.fit_temperature(z.tolist(), y.tolist()) == pytest.approx(t64, rel=1e-12)


# --------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# --------------------------------------------------------------------------

GOOD_Z = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 0.5]])
GOOD_Y = np.array([0, 0, 1])


@pytest.mark.parametrize("func", [kt.calibration_bins, kt.expected_calibration_error])
class TestCalibrationBadInput:
    def test_probs_not_2d(self, func):
        with pytest.raises(ValueError, match="probs must be 2-D"):
            func([0], [0.5, 0.5])

    def test_probs_empty(self, func):
        with pytest.raises(ValueError, match="probs has no rows"):
            func(np.array([], dtype=int), np.empty((0, 3)))

    def test_probs_no_classes(self, func):
        with pytest.raises(ValueError, match="probs has no classes"):
            func([0], np.empty((1, 0)))

    def test_probs_not_summing_to_one(self, func):
        with pytest.raises(ValueError, match="probs sums to"):
            func([0], [[0.5, 0.4]])

    def test_probs_negative(self, func):
        with pytest.raises(ValueError, match="probs has negative entries"):
            func([0], [[1.5, -0.5]])

    def test_probs_nan(self, func):
        with pytest.raises(ValueError, match="probs contains NaN"):
            func([0], [[np.nan, 1.0]])

    def test_probs_not_numeric(self, func):
        with pytest.raises(ValueError, match="probs has dtype"):
            func([0], [["a", "b"]])

    def test_labels_float(self, func):
        with pytest.raises(ValueError, match="y must hold integer class labels"):
            func([0.0], [[0.5, 0.5]])

    def test_labels_shape(self, func):
        with pytest.raises(ValueError, match=r"y has shape \(2,\); expected \(1,\)"):
            func([0, 1], [[0.5, 0.5]])

    def test_labels_out_of_range(self, func):
        with pytest.raises(ValueError, match="y holds class labels from 0 to 2"):
            func([0, 2], [[0.5, 0.5], [0.5, 0.5]])

    def test_labels_negative(self, func):
        with pytest.raises(ValueError, match="y holds class labels from -1"):
            func([-1], [[0.5, 0.5]])

    def test_labels_ragged(self, func):
        with pytest.raises(ValueError, match="y could not be read"):
            func([[0], [0, 1]], [[0.5, 0.5]])

    @pytest.mark.parametrize("n_bins", [0, -3, 2.5, True, "15", None])
    def test_n_bins(self, func, n_bins):
        with pytest.raises(ValueError, match="n_bins must be a positive integer"):
            func([0], [[0.5, 0.5]], n_bins=n_bins)


@pytest.mark.parametrize("func", [kt.temperature_nll, kt.temperature_nll_grad])
class TestTemperatureBadInput:
    def test_logits_not_2d(self, func):
        with pytest.raises(ValueError, match="logits must be 2-D"):
            func([1.0, 2.0], [0], 1.0)

    def test_logits_empty(self, func):
        with pytest.raises(ValueError, match="logits has no rows"):
            func(np.empty((0, 2)), np.array([], dtype=int), 1.0)

    def test_logits_no_classes(self, func):
        with pytest.raises(ValueError, match="logits has no classes"):
            func(np.empty((1, 0)), [0], 1.0)

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
    def test_logits_not_finite(self, func, bad):
        with pytest.raises(ValueError, match="logits contains"):
            func([[bad, 0.0]], [0], 1.0)

    def test_labels(self, func):
        with pytest.raises(ValueError, match="y holds class labels from 0 to 5"):
            func(GOOD_Z, [0, 5, 1], 1.0)
        with pytest.raises(ValueError, match="one label per row of logits"):
            func(GOOD_Z, [0, 1], 1.0)

    @pytest.mark.parametrize("t", [0.0, -1.0, np.inf, np.nan, "hot", None])
    def test_temperature(self, func, t):
        with pytest.raises(ValueError, match="temperature must be a"):
            func(GOOD_Z, GOOD_Y, t)


def test_fit_temperature_bad_inputs():
    with pytest.raises(ValueError, match="logits must be 2-D"):
        kt.fit_temperature([1.0, 2.0], [0])
    with pytest.raises(ValueError, match="y must hold integer class labels"):
        kt.fit_temperature(GOOD_Z, [0.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="logits contains NaN"):
        kt.fit_temperature([[np.nan, 0.0]], [0])
    for tol in (0.0, -1e-3, np.inf, "x", True, np.float32(-1.0)):
        with pytest.raises(ValueError, match="tol must be a finite number > 0"):
            kt.fit_temperature(GOOD_Z, GOOD_Y, tol=tol)
    for max_iter in (0, -1, 2.0, True):
        with pytest.raises(ValueError, match="max_iter must be a positive integer"):
            kt.fit_temperature(GOOD_Z, GOOD_Y, max_iter=max_iter)


def test_fit_temperature_accepts_numpy_scalars():
    z, y = _problem(n=50)
    t_hat = kt.fit_temperature(z, y)
    assert kt.fit_temperature(z, y, tol=np.float32(1e-6), max_iter=np.int64(100)) == (
        pytest.approx(t_hat, rel=1e-5)
    )


def test_fit_temperature_no_finite_optimum_all_right():
    # Every true logit is the largest: the NLL falls all the way to T -> 0.
    with pytest.raises(ValueError, match="goes to 0; no finite T is best"):
        kt.fit_temperature([[2.0, 0.0], [0.0, 1.0]], [0, 1])
    # A tie at the top counts as right: still no finite optimum.
    with pytest.raises(ValueError, match="goes to 0"):
        kt.fit_temperature([[1.0, 1.0], [3.0, 0.0]], [1, 0])


def test_fit_temperature_no_finite_optimum_worse_than_uniform():
    # The true logits are below the mean logit on average: T -> infinity is best.
    with pytest.raises(ValueError, match="temperature grows; no finite T is best"):
        kt.fit_temperature([[2.0, 0.0], [0.0, 1.0]], [1, 0])
