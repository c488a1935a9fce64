"""The claims of chapters 4 (KL divergence) and 5 (cross-entropy), re-checked outside the notebooks.

They are checked against SciPy where SciPy has the same quantity or a
general optimiser.

The notebooks find their minimisers with small hand-written methods (a zooming grid
search, finite-difference gradient descent); here SciPy's own optimisers must land
on the same points.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, special, stats

import kltools as kt

ALPHABET = kt.text.ALPHABET


def _letter_counts(text: str) -> np.ndarray:
    letters = kt.text.letters(text)
    return np.array([letters.count(a) for a in ALPHABET])


@pytest.fixture(scope="module")
def english() -> np.ndarray:
    """Letter distribution of the scikit-learn data set descriptions (chapters 3-5)."""
    return kt.normalize(_letter_counts(kt.text.sklearn_descriptions()))


@pytest.fixture(scope="module")
def zen_counts() -> np.ndarray:
    return _letter_counts(kt.text.zen_of_python())


def test_zen_misses_j_and_q_so_forward_kl_is_infinite(english, zen_counts):
    assert [a for a, c in zip(ALPHABET, zen_counts, strict=True) if c == 0] == ["j", "q"]
    raw = kt.normalize(zen_counts)
    assert kt.kl_divergence(english, raw) == np.inf
    assert np.isfinite(kt.kl_divergence(raw, english))
    np.testing.assert_allclose(
        kt.kl_divergence(raw, english), stats.entropy(raw, english), rtol=1e-12
    )


def test_kl_and_cross_entropy_match_scipy_on_the_letters(english, zen_counts):
    q = kt.normalize(zen_counts + 1)
    np.testing.assert_allclose(
        kt.kl_divergence(english, q, base=2), stats.entropy(english, q, base=2), rtol=1e-12
    )
    np.testing.assert_allclose(
        kt.cross_entropy(english, q), stats.entropy(english) + stats.entropy(english, q), rtol=1e-12
    )


def test_gibbs_inequality_on_random_pairs_against_rel_entr():
    rng = np.random.default_rng(4)
    for k in (2, 3, 10, 50):
        p, q = rng.dirichlet(np.full(k, 0.5), size=(2, 2000))
        ours = kt.kl_divergence(p, q)
        np.testing.assert_allclose(ours, special.rel_entr(p, q).sum(axis=-1), rtol=1e-9)
        assert np.all(ours > 0)
        assert np.all(kt.kl_divergence(p, p) == 0.0)


def test_asymmetry_and_triangle_counterexample():
    p, q, r = [0.5, 0.5], [0.25, 0.75], [0.125, 0.875]
    np.testing.assert_allclose(kt.kl_divergence(p, q, base=2), 1 - np.log2(3) / 2, rtol=1e-13)
    np.testing.assert_allclose(kt.kl_divergence(q, p, base=2), 0.75 * np.log2(3) - 1, rtol=1e-13)
    assert kt.kl_divergence(p, r) > kt.kl_divergence(p, q) + kt.kl_divergence(q, r)


class TestGaussianFits:
    """Chapter 4's figure: one Gaussian fitted to a two-mode mixture on a grid."""

    x = np.linspace(-8.0, 8.0, 1601)
    weights, means, sd = np.array([0.65, 0.35]), np.array([-2.0, 2.0]), 0.7

    def mixture(self) -> np.ndarray:
        return kt.normalize(
            np.sum(self.weights * stats.norm.pdf(self.x[:, None], self.means, self.sd), axis=1)
        )

    def gaussian(self, params: np.ndarray) -> np.ndarray:
        mu, log_sigma = params
        return kt.softmax(-0.5 * ((self.x - mu) / np.exp(log_sigma)) ** 2)

    def test_forward_kl_matches_moments(self):
        p = self.mixture()
        res = optimize.minimize(
            lambda th: kt.kl_divergence(p, self.gaussian(th)), x0=[0.0, 0.0], method="Nelder-Mead",
            options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 4000},
        )
        q = self.gaussian(res.x)
        mean_p, mean_q = p @ self.x, q @ self.x
        np.testing.assert_allclose(mean_q, mean_p, atol=1e-5)
        var_p, var_q = p @ (self.x - mean_p) ** 2, q @ (self.x - mean_q) ** 2
        np.testing.assert_allclose(var_q, var_p, atol=1e-4)

    @pytest.mark.parametrize("mode", [0, 1])
    def test_reverse_kl_seeks_a_mode(self, mode):
        p = self.mixture()
        res = optimize.minimize(
            lambda th: kt.kl_divergence(self.gaussian(th), p),
            x0=[self.means[mode] + 0.3, np.log(1.0)], method="Nelder-Mead",
            options={"xatol": 1e-8, "fatol": 1e-12},
        )
        mu, sigma = res.x[0], np.exp(res.x[1])
        assert abs(mu - self.means[mode]) < 0.1 and abs(sigma - self.sd) < 0.1
        np.testing.assert_allclose(res.fun, -np.log(self.weights[mode]), atol=0.02)


def test_cross_entropy_and_kl_share_their_minimiser(english, zen_counts):
    """Chapter 5: the tilted Zen model fitted by BFGS under both objectives."""
    q_zen = kt.normalize(zen_counts + 1)
    vowels = np.array([a in "aeiou" for a in ALPHABET], dtype=float)
    features = np.stack([np.log(q_zen), vowels])

    def fit(objective):
        res = optimize.minimize(
            lambda ab: objective(english, kt.softmax(ab @ features)), x0=[0.0, 0.0],
            method="BFGS", options={"gtol": 1e-10},
        )
        return res.x

    by_ce, by_kl = fit(kt.cross_entropy), fit(kt.kl_divergence)
    np.testing.assert_allclose(by_ce, by_kl, atol=1e-6)
    q = kt.softmax(by_ce @ features)
    np.testing.assert_allclose(features @ q, features @ english, atol=1e-7)


def test_mean_nll_is_cross_entropy_and_the_mle_is_the_frequency():
    rng = np.random.default_rng(5)
    data = rng.integers(0, 6, size=300)
    p_hat = np.bincount(data, minlength=6) / data.size
    q = rng.dirichlet(np.ones(6))
    np.testing.assert_allclose(-np.mean(np.log(q[data])), kt.cross_entropy(p_hat, q), rtol=1e-12)
    res = optimize.minimize(
        lambda z: kt.cross_entropy(p_hat, kt.softmax(z)), x0=np.zeros(6), method="BFGS",
        options={"gtol": 1e-10},
    )
    np.testing.assert_allclose(kt.softmax(res.x), p_hat, atol=1e-6)
