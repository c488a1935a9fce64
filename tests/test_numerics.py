"""Tests of the stable primitives against SciPy, exact limits, and bad input."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import kltools as kt

EXTREMES = np.array(
    [-1e308, -1e5, -745.2, -40.0, -1.0, -1e-300, 0.0, 1e-300, 1.0, 40.0, 745.2, 1e5, 1e308]
)
finite_logits = arrays(
    np.float64,
    st.integers(1, 8),
    elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


def test_sigmoid_matches_expit_everywhere():
    np.testing.assert_allclose(kt.sigmoid(EXTREMES), scipy.special.expit(EXTREMES), rtol=1e-15)
    assert kt.sigmoid(-1e308) == 0.0 and kt.sigmoid(1e308) == 1.0
    assert kt.sigmoid(0.0) == 0.5


def test_log_sigmoid_is_exact_in_both_tails():
    assert kt.log_sigmoid(-1000.0) == -1000.0
    assert kt.log_sigmoid(-1e308) == -1e308
    assert kt.log_sigmoid(1e308) == 0.0
    for z in (40.0, 100.0, 700.0):
        exact = float(-mpmath.log1p(mpmath.exp(-z)))
        assert kt.log_sigmoid(z) == pytest.approx(exact, rel=1e-15)
    np.testing.assert_allclose(
        kt.log_sigmoid(EXTREMES), scipy.special.log_expit(EXTREMES), rtol=1e-15
    )


@given(finite_logits)
def test_sigmoid_symmetry(z):
    np.testing.assert_allclose(kt.sigmoid(z) + kt.sigmoid(-z), 1.0, rtol=1e-15)


def test_logsumexp_against_scipy_and_limits():
    rng = np.random.default_rng(0)
    for scale in (1.0, 100.0, 1e300):
        z = rng.normal(size=(50, 7)) * scale
        np.testing.assert_allclose(kt.logsumexp(z), scipy.special.logsumexp(z, axis=-1), rtol=1e-14)
        np.testing.assert_allclose(
            kt.logsumexp(z, axis=0), scipy.special.logsumexp(z, axis=0), rtol=1e-14
        )
    assert kt.logsumexp([1e308, 1e308]) == 1e308  # + log 2 is far below the spacing of floats there
    assert kt.logsumexp([-1e308, -1e308]) == -1e308
    assert kt.logsumexp([0.0, -np.inf]) == 0.0


def test_logsumexp_keeps_relative_precision_when_one_term_dominates():
    # log(1 + e^-50): naive log(sum(exp)) returns exactly 0.
    exact = float(mpmath.log1p(mpmath.exp(-50)))
    assert kt.logsumexp([0.0, -50.0]) == pytest.approx(exact, rel=1e-15)
    assert kt.log_softmax([0.0, -50.0])[0] == pytest.approx(-exact, rel=1e-15)


def test_softmax_and_log_softmax_against_scipy():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(40, 10)) * 30
    np.testing.assert_allclose(
        kt.softmax(z), scipy.special.softmax(z, axis=-1), rtol=1e-13, atol=1e-300
    )
    np.testing.assert_allclose(
        kt.log_softmax(z), scipy.special.log_softmax(z, axis=-1), rtol=1e-13, atol=1e-14
    )
    # Where the two disagree beyond 1e-13 (log-probabilities of dominant logits,
    # near 0), kltools is the accurate one: compare with 50-digit arithmetic.
    with mpmath.workdps(50):
        exact = np.array(
            [
                [
                    float(zi - mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in row)))
                    for zi in map(mpmath.mpf, row)
                ]
                for row in z
            ]
        )
    np.testing.assert_allclose(kt.log_softmax(z), exact, rtol=1e-14)
    np.testing.assert_allclose(
        kt.softmax(z.T, axis=0), scipy.special.softmax(z.T, axis=0), rtol=1e-13
    )
    np.testing.assert_allclose(
        kt.log_softmax(z.T, axis=0), scipy.special.log_softmax(z.T, axis=0), rtol=1e-13, atol=1e-14
    )


def test_softmax_extremes_are_finite_and_exact():
    z = np.array([1e308, -1e308, 0.0])
    np.testing.assert_array_equal(kt.softmax(z), [1.0, 0.0, 0.0])
    # The exact -2e308 is beyond the largest float, so it rounds to -inf.
    np.testing.assert_array_equal(kt.log_softmax(z), [0.0, -np.inf, -1e308])
    np.testing.assert_array_equal(kt.softmax([-np.inf, 0.0]), [0.0, 1.0])


@given(finite_logits)
def test_softmax_is_a_distribution_and_shift_invariant(z):
    s = kt.softmax(z)
    assert np.all(s >= 0)
    np.testing.assert_allclose(s.sum(), 1.0, rtol=1e-14)
    np.testing.assert_allclose(kt.softmax(z - 7.5), s, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(np.exp(kt.log_softmax(z)), s, rtol=1e-12, atol=1e-300)


def test_two_class_softmax_is_sigmoid():
    z = np.linspace(-50, 50, 101)
    pairs = np.stack([z, np.zeros_like(z)], axis=-1)
    np.testing.assert_allclose(kt.softmax(pairs)[:, 0], kt.sigmoid(z), rtol=1e-14)
    np.testing.assert_allclose(kt.log_softmax(pairs)[:, 0], kt.log_sigmoid(z), rtol=1e-14)


def test_dtypes():
    z32 = np.array([0.5, -2.0, 3.0], dtype=np.float32)
    for f in (kt.sigmoid, kt.log_sigmoid, kt.softmax, kt.log_softmax):
        assert f(z32).dtype == np.float32
    assert kt.logsumexp(z32).dtype == np.float32
    assert kt.softmax([1, 2, 3]).dtype == np.float64
    assert isinstance(kt.logsumexp([1.0, 2.0]), np.floating)
    assert isinstance(kt.sigmoid(0.3), np.floating)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: kt.sigmoid([0.0, np.nan]), r"z contains NaN"),
        (lambda: kt.log_sigmoid(np.nan), r"z contains NaN"),
        (lambda: kt.softmax([np.inf, 0.0]), r"z contains \+inf"),
        (lambda: kt.logsumexp([-np.inf, -np.inf]), r"every entry is -inf"),
        (lambda: kt.softmax([-np.inf, -np.inf]), r"every entry is -inf"),
        (lambda: kt.log_softmax(3.0), r"z is a scalar"),
        (lambda: kt.logsumexp(np.zeros((2, 0))), r"z is empty along axis"),
        (lambda: kt.softmax([[1.0, 2.0]], axis=-3), r"out of range"),
        (lambda: kt.sigmoid("x"), r"z has dtype"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
