"""kl_terms: the non-negative per-outcome terms that kl_divergence sums."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from strategies import distribution_pairs

import kltools as kt


def test_hand_checked_terms():
    # p log(p/q) - p + q at p = (1/2, 1/2), q = (1/4, 3/4), in nats
    expected = [0.5 * np.log(2) - 0.25, 0.5 * np.log(2 / 3) + 0.25]
    np.testing.assert_allclose(kt.kl_terms([0.5, 0.5], [0.25, 0.75]), expected, rtol=1e-14)


def test_special_entries():
    t = kt.kl_terms([0.5, 0.5, 0.0], [0.0, 0.6, 0.4])
    assert t[0] == np.inf  # p > 0 = q
    assert t[2] == 0.4  # p = 0: the term is q
    assert np.all(kt.kl_terms([0.2, 0.8], [0.2, 0.8]) == 0.0)


@given(distribution_pairs(allow_zeros=True))
def test_terms_are_non_negative_and_sum_to_the_divergence(pq):
    p, q = pq
    t = kt.kl_terms(p, q, base=2)
    assert t.shape == p.shape
    assert np.all(t >= 0)
    np.testing.assert_allclose(t.sum(), kt.kl_divergence(p, q, base=2), rtol=1e-12, atol=0)


def test_axis_and_batches():
    rng = np.random.default_rng(3)
    p, q = rng.dirichlet(np.ones(5), size=(2, 4))
    np.testing.assert_allclose(
        kt.kl_terms(p.T, q.T, axis=0).sum(axis=0), kt.kl_divergence(p, q), rtol=1e-13
    )


def test_nearly_equal_keeps_relative_precision():
    p = np.array([0.5 + 1e-9, 0.5 - 1e-9])
    q = np.array([0.5, 0.5])
    # each term is q phi(d) ~ q d^2 / 2 with d = +-2e-9: 0.5 * 2e-18 = 1e-18
    np.testing.assert_allclose(kt.kl_terms(p, q), [1e-18, 1e-18], rtol=1e-6)


def test_bad_input():
    with pytest.raises(ValueError, match="q sums to"):
        kt.kl_terms([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="base"):
        kt.kl_terms([0.5, 0.5], [0.5, 0.5], base=1)
