"""Tests of kltools.information: values by hand, properties, SciPy cross-checks, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import distribution_pairs, distributions

import kltools as kt
from kltools.information import _kl_series_length

LN2 = math.log(2)


# --- values checked by hand -------------------------------------------------


def test_fair_coin_is_one_bit():
    assert kt.entropy([0.5, 0.5], base=2) == 1.0
    assert kt.entropy([0.5, 0.5]) == pytest.approx(LN2, rel=1e-15)


def test_fair_die():
    assert kt.entropy(np.full(6, 1 / 6), base=2) == pytest.approx(math.log2(6), rel=1e-15)


def test_dyadic_distribution():
    # 1/2 * 1 + 1/4 * 2 + 2 * (1/8 * 3) = 1.75 bits, exactly representable.
    assert kt.entropy([0.5, 0.25, 0.125, 0.125], base=2) == 1.75


def test_deterministic_distribution_has_zero_entropy():
    h = kt.entropy([0.0, 1.0, 0.0])
    assert h == 0.0 and not np.signbit(h)


def test_known_kl_pair_both_directions():
    p, q = [0.5, 0.5], [0.25, 0.75]
    # D(P||Q) = 1/2 log2(2) + 1/2 log2(2/3) = 1 - log2(3)/2
    assert kt.kl_divergence(p, q, base=2) == pytest.approx(1 - math.log2(3) / 2, rel=1e-14)
    # D(Q||P) = 1/4 log2(1/2) + 3/4 log2(3/2) = 3/4 log2(3) - 1
    assert kt.kl_divergence(q, p, base=2) == pytest.approx(0.75 * math.log2(3) - 1, rel=1e-14)
    assert kt.kl_divergence(p, q) != kt.kl_divergence(q, p)


def test_cross_entropy_known_value():
    # -(1/2 log2 1/4 + 1/2 log2 3/4) = 1 + 1 - log2(3)/2
    assert kt.cross_entropy([0.5, 0.5], [0.25, 0.75], base=2) == pytest.approx(
        2 - math.log2(3) / 2, rel=1e-14
    )


def test_self_information_values():
    np.testing.assert_array_equal(
        kt.self_information([1.0, 0.5, 0.125, 0.0], base=2), [0, 1, 3, np.inf]
    )
    assert kt.self_information(0.5) == pytest.approx(LN2)


def test_binary_entropy_values():
    np.testing.assert_array_equal(kt.binary_entropy([0.0, 0.5, 1.0], base=2), [0.0, 1.0, 0.0])
    assert kt.binary_entropy(0.25, base=2) == pytest.approx(
        -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75)), rel=1e-15
    )


def test_normalize():
    np.testing.assert_array_equal(kt.normalize([1, 1, 2]), [0.25, 0.25, 0.5])
    np.testing.assert_allclose(kt.normalize([[1, 3], [2, 2]], axis=1), [[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_allclose(kt.normalize([[1, 3], [3, 1]], axis=0), [[0.25, 0.75], [0.75, 0.25]])


# --- edges ------------------------------------------------------------------


def test_zero_log_zero_is_zero():
    assert kt.entropy([1.0, 0.0]) == 0.0
    # p_i = 0 contributes nothing to H(P, Q) or D(P || Q), even where q_i = 0.
    assert kt.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kt.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kt.cross_entropy([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == pytest.approx(LN2)


def test_support_mismatch_is_infinite_without_warning():
    # pytest turns warnings into errors, so a divide-by-zero warning would fail here.
    assert kt.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kt.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    # The other direction is finite: Q's support is inside P's.
    assert np.isfinite(kt.kl_divergence([1.0, 0.0], [0.5, 0.5]))


def test_kl_is_exactly_zero_for_equal_arrays():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(1000), size=20)
    d = kt.kl_divergence(p, p.copy())
    assert np.all(d == 0.0)


def test_kl_of_nearly_equal_distributions_is_accurate():
    # p = q (1 + eps d) with sum(q d) = 0, so D = sum q phi(eps d) ~ eps^2/2 sum q d^2.
    q = np.array([0.2, 0.3, 0.5])
    d = np.array([1.0, 1.0, -1.0])  # sum q d = 0.2 + 0.3 - 0.5 = 0
    for eps in (1e-3, 1e-6, 1e-9):
        p = q * (1 + eps * d)
        exact = float(np.sum(q * ((1 + eps * d) * np.log1p(eps * d) - eps * d)))
        got = kt.kl_divergence(p, q)
        assert got > 0
        # Reference computed from the same rounded p, by the series of phi.
        r = (p - q) / q
        series = np.sum(q * (r**2 / 2 - r**3 / 6 + r**4 / 12))
        assert got == pytest.approx(series, rel=1e-10)
        assert got == pytest.approx(exact, rel=1e-4)


def test_kl_handles_ratios_that_overflow():
    tiny = 1e-320  # subnormal: 0.5 / tiny overflows to inf
    p = np.array([0.5, 0.5])
    q = np.array([tiny, 1 - tiny])
    # 0.5 log(0.5 / tiny) + 0.5 log(0.5 / (1 - tiny)), with 1 - tiny == 1 in floating point
    expected = 0.5 * (math.log(0.5) - math.log(tiny)) + 0.5 * math.log(0.5)
    assert kt.kl_divergence(p, q) == pytest.approx(expected, rel=1e-12)


def test_kl_terms_are_non_negative_and_sum_to_the_divergence():
    # The numerics chapter shows the terms themselves; check them here too.
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.full(200, 0.3))
    near = p * (1 + 1e-7 * rng.standard_normal(200))
    near /= near.sum()
    for q in (rng.dirichlet(np.full(200, 0.3)), near, np.where(p > 0.01, p, 0) / p[p > 0.01].sum()):
        terms = kt.kl_terms(p, q)
        assert np.all(terms >= 0)
        np.testing.assert_allclose(terms.sum(), kt.kl_divergence(p, q), rtol=1e-12)


def test_kl_series_length_grows_with_the_largest_difference():
    lengths = [_kl_series_length(d) for d in (0.0, 1e-12, 1e-6, 1e-3, 0.04, 0.05)]
    assert lengths == [1, 2, 3, 6, 11, 12]


@pytest.mark.parametrize("dmax", [1e-12, 1e-6, 1e-4, 1e-3, 1e-2, 0.03, 0.05])
def test_kl_series_length_makes_the_first_omitted_term_negligible(dmax):
    """The bound the docstring states, checked in exact rational arithmetic."""
    from fractions import Fraction

    n = _kl_series_length(dmax)
    d = Fraction(dmax)

    def omitted_over_first(m):  # |first omitted term| / (d^2 / 2) with m coefficients kept
        k = m + 2
        return d**k / (k * (k - 1)) / (d**2 / 2)

    assert omitted_over_first(n) <= Fraction(1, 2**56)
    if n > 1:  # and one coefficient fewer would not do
        assert omitted_over_first(n - 1) > Fraction(1, 2**56)


@pytest.mark.parametrize("dmax", [-1e-3, 0.051, 1.0, float("nan"), "0.01", None])
def test_kl_series_length_rejects_values_outside_the_series_range(dmax):
    with pytest.raises(ValueError, match="dmax must be a number in"):
        _kl_series_length(dmax)


# --- dtype, axis, batches ---------------------------------------------------


def test_float32_stays_float32():
    p = np.array([0.25, 0.75], dtype=np.float32)
    q = np.array([0.5, 0.5], dtype=np.float32)
    for value in (kt.entropy(p), kt.cross_entropy(p, q), kt.kl_divergence(p, q, base=2)):
        assert value.dtype == np.float32
    assert kt.self_information(p).dtype == np.float32
    assert kt.binary_entropy(p).dtype == np.float32


def test_integers_and_lists_compute_in_float64():
    assert kt.entropy([1, 0]).dtype == np.float64
    assert kt.normalize(np.array([1, 3])).dtype == np.float64


def test_one_dimensional_input_returns_numpy_scalar():
    h = kt.entropy([0.5, 0.5])
    assert isinstance(h, np.floating) and np.ndim(h) == 0


def test_batches_and_axis():
    rng = np.random.default_rng(1)
    p = rng.dirichlet(np.ones(5), size=(3, 4))  # shape (3, 4, 5)
    q = rng.dirichlet(np.ones(5), size=4)  # shape (4, 5): broadcasts
    h = kt.entropy(p)
    assert h.shape == (3, 4)
    np.testing.assert_allclose(h[1, 2], kt.entropy(p[1, 2]))
    ce = kt.cross_entropy(p, q)
    assert ce.shape == (3, 4)
    np.testing.assert_allclose(ce[2, 3], kt.cross_entropy(p[2, 3], q[3]))
    # The same data with outcomes along axis 0.
    pt = np.moveaxis(p, -1, 0)
    np.testing.assert_allclose(kt.entropy(pt, axis=0), h)
    np.testing.assert_allclose(
        kt.kl_divergence(pt, np.moveaxis(np.broadcast_to(q, p.shape), -1, 0), axis=0),
        kt.kl_divergence(p, q),
    )


# --- properties -------------------------------------------------------------


@given(distribution_pairs(allow_zeros=True))
def test_gibbs_inequality(pair):
    p, q = pair
    d = kt.kl_divergence(p, q)
    assert d >= 0
    assert kt.kl_divergence(p, p) == 0.0
    assert d > 0.0 or np.allclose(p, q, atol=1e-6)  # zero only for (nearly) equal p, q


@given(distribution_pairs(allow_zeros=True))
def test_equality_only_for_equal_distributions(pair):
    p, q = pair
    assume(np.max(np.abs(p - q)) > 1e-3)
    assert kt.kl_divergence(p, q) > 0


@given(distribution_pairs(allow_zeros=False))
def test_cross_entropy_decomposes(pair):
    p, q = pair
    np.testing.assert_allclose(
        kt.cross_entropy(p, q), kt.entropy(p) + kt.kl_divergence(p, q), rtol=1e-12, atol=1e-14
    )


@given(distributions())
def test_entropy_bounds(p):
    h = kt.entropy(p)
    assert 0 <= h <= math.log(p.size) + 1e-12


@given(distributions(), st.randoms(use_true_random=False))
def test_entropy_is_permutation_invariant(p, random):
    perm = list(range(p.size))
    random.shuffle(perm)
    np.testing.assert_allclose(kt.entropy(p[perm]), kt.entropy(p), rtol=1e-12, atol=1e-15)


@given(distributions(max_size=6), distributions(max_size=6))
def test_entropy_is_additive_for_independent_variables(p, q):
    joint = np.outer(p, q).ravel()
    np.testing.assert_allclose(
        kt.entropy(joint), kt.entropy(p) + kt.entropy(q), rtol=1e-10, atol=1e-14
    )


@given(distribution_pairs(max_size=5), distribution_pairs(max_size=5))
def test_kl_is_additive_for_product_distributions(pair1, pair2):
    (p1, q1), (p2, q2) = pair1, pair2
    np.testing.assert_allclose(
        kt.kl_divergence(np.outer(p1, p2).ravel(), np.outer(q1, q2).ravel()),
        kt.kl_divergence(p1, q1) + kt.kl_divergence(p2, q2),
        rtol=1e-9,
        atol=1e-13,
    )


@given(distribution_pairs(), st.sampled_from([2, 10, math.e, 0.5, 3.7]))
def test_base_conversion(pair, base):
    p, q = pair
    for f in (kt.cross_entropy, kt.kl_divergence):
        np.testing.assert_allclose(
            f(p, q, base=base), f(p, q) / math.log(base), rtol=1e-12, atol=1e-15
        )
    np.testing.assert_allclose(
        kt.entropy(p, base=base), kt.entropy(p) / math.log(base), rtol=1e-12, atol=1e-15
    )


# Probabilities whose product stays a normal float (no underflow to subnormals).
@given(st.floats(1e-150, 1), st.floats(1e-150, 1))
def test_self_information_is_additive(a, b):
    np.testing.assert_allclose(
        kt.self_information(a * b), kt.self_information(a) + kt.self_information(b), rtol=1e-12
    )


@given(st.floats(0, 1))
def test_binary_entropy_equals_entropy_of_two_outcomes(p):
    np.testing.assert_allclose(kt.binary_entropy(p), kt.entropy([p, 1 - p]), rtol=1e-12, atol=1e-15)


# --- SciPy as a reference ---------------------------------------------------


def test_against_scipy_on_random_batches():
    rng = np.random.default_rng(2)
    for alpha in (0.05, 1.0, 20.0):  # sparse-ish, uniform-ish, concentrated near uniform
        p = rng.dirichlet(np.full(50, alpha), size=200)
        q = rng.dirichlet(np.full(50, alpha), size=200)
        q = np.maximum(q, 1e-300)
        q /= q.sum(axis=1, keepdims=True)
        np.testing.assert_allclose(kt.entropy(p), scipy.stats.entropy(p, axis=1), rtol=1e-12)
        np.testing.assert_allclose(
            kt.entropy(p, base=2), scipy.stats.entropy(p, base=2, axis=1), rtol=1e-12
        )
        np.testing.assert_allclose(
            kt.kl_divergence(p, q), scipy.stats.entropy(p, q, axis=1), rtol=1e-10
        )
        np.testing.assert_allclose(
            kt.cross_entropy(p, q),
            scipy.stats.entropy(p, axis=1) + scipy.stats.entropy(p, q, axis=1),
            rtol=1e-10,
        )


def test_against_scipy_extreme_values():
    p = np.array([1 - 1e-15, 1e-15, 0.0])
    q = np.array([1e-200, 1 - 1e-200, 0.0])
    np.testing.assert_allclose(kt.entropy(p), scipy.stats.entropy(p), rtol=1e-12)
    np.testing.assert_allclose(kt.kl_divergence(p, q), scipy.stats.entropy(p, q), rtol=1e-12)


# --- bad input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: kt.entropy([0.5, 0.4]), r"p sums to 0\.9 along axis -1, expected 1"),
        (lambda: kt.entropy([1.5, -0.5]), r"p has negative entries"),
        (lambda: kt.entropy([0.5, np.nan]), r"p contains NaN"),
        (lambda: kt.entropy([np.inf, 0.0]), r"p contains inf"),
        (lambda: kt.entropy(0.5), r"p is a scalar"),
        (lambda: kt.entropy([]), r"p is empty"),
        (lambda: kt.entropy([[0.5, 0.5]], axis=2), r"axis 2 is out of range"),
        (lambda: kt.entropy([0.5, 0.5], axis=1.0), r"axis must be an integer"),
        (lambda: kt.entropy(["a", "b"]), r"p has dtype"),
        (lambda: kt.entropy([0.5 + 0j, 0.5]), r"p is complex"),
        (lambda: kt.entropy([0.5, 0.5], base=1), r"base must be"),
        (lambda: kt.entropy([0.5, 0.5], base=0), r"base must be"),
        (lambda: kt.entropy([0.5, 0.5], base=-2), r"base must be"),
        (lambda: kt.entropy([0.5, 0.5], base=np.inf), r"base must be"),
        (lambda: kt.entropy([0.5, 0.5], base="two"), r"base must be"),
        (
            lambda: kt.cross_entropy([0.5, 0.5], [0.5, 0.47]),
            r"q sums to 0\.97 along axis -1, expected 1",
        ),
        (
            lambda: kt.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]),
            r"p has shape \(2,\) and q has shape \(3,\)",
        ),
        (lambda: kt.kl_divergence([0.5, 0.5], [1.2, -0.2]), r"q has negative entries"),
        (lambda: kt.self_information([1.2]), r"p must lie in \[0, 1\]"),
        (lambda: kt.self_information([-0.1]), r"p must lie in \[0, 1\]"),
        (lambda: kt.binary_entropy(np.nan), r"p contains NaN"),
        (lambda: kt.normalize([1, -1, 2]), r"counts has negative entries"),
        (lambda: kt.normalize([0, 0]), r"sums to 0"),
        (lambda: kt.normalize([1e308, 1e308]), r"overflows"),
        (lambda: kt.normalize([[1, 2]], axis=3), r"axis 3 is out of range"),
        (lambda: kt.entropy([[0.5], [0.5, 0.5]]), r"could not be read"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_sum_tolerance_is_absolute_1e_9():
    kt.entropy([0.5, 0.5 + 5e-10])  # within tolerance: accepted
    with pytest.raises(ValueError, match="sums to"):
        kt.entropy([0.5, 0.5 + 5e-9])
