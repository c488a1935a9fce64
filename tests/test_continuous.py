"""Tests of kltools.normal_entropy and kltools.normal_kl: values, SciPy, quadrature,
Monte Carlo, mpmath precision, properties and bad input."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

import kltools as kt

LN2 = math.log(2)


def _mp_normal_kl(mp: float, vp: float, mq: float, vq: float) -> float:
    """D(N(mp, vp) || N(mq, vq)) in nats, to 60 digits, from the binary inputs."""
    with mpmath.workdps(60):
        mp, vp, mq, vq = (mpmath.mpf(x) for x in (mp, vp, mq, vq))
        r = vp / vq
        return float((r - 1 - mpmath.log(r) + (mp - mq) ** 2 / vq) / 2)


def _mp_normal_entropy(var: float) -> float:
    with mpmath.workdps(60):
        return float(mpmath.log(2 * mpmath.pi * mpmath.e * mpmath.mpf(var)) / 2)


# --- values checked by hand -----------------------------------------------------


def test_standard_normal_entropy():
    assert kt.normal_entropy(1.0) == pytest.approx(0.5 * math.log(2 * math.pi * math.e), rel=1e-15)
    assert kt.normal_entropy(1.0, base=2) == pytest.approx(
        0.5 * math.log2(2 * math.pi * math.e), rel=1e-15
    )


def test_entropy_grows_by_half_log_per_factor_of_variance():
    # h(4 var) - h(var) = log 2 nats = 1 bit: doubling the standard deviation adds a bit
    var = np.array([1e-6, 0.3, 1.0, 7.0, 1e6])
    np.testing.assert_allclose(
        kt.normal_entropy(4 * var, base=2) - kt.normal_entropy(var, base=2), 1.0, rtol=1e-13
    )


def test_entropy_is_negative_for_small_variance():
    assert kt.normal_entropy(0.01) < 0
    assert kt.normal_entropy(1 / (2 * math.pi * math.e)) == pytest.approx(0.0, abs=1e-16)


def test_kl_hand_values():
    assert kt.normal_kl(0.0, 1.0, 0.0, 1.0) == 0.0
    assert kt.normal_kl(1.0, 1.0, 0.0, 1.0) == 0.5  # only the mean term: 1^2 / 2
    assert kt.normal_kl(3.0, 1.0, 1.0, 4.0) == pytest.approx(
        0.5 * (0.25 - 1 - math.log(0.25) + 1.0), rel=1e-15
    )
    assert kt.normal_kl(0.0, 4.0, 0.0, 1.0) == pytest.approx(0.5 * (3 - math.log(4)), rel=1e-15)
    assert kt.normal_kl(1.0, 1.0, 0.0, 1.0, base=2) == pytest.approx(0.5 / LN2, rel=1e-15)


def test_vae_term():
    # D(N(mu, s2) || N(0, 1)) = (mu^2 + s2 - log s2 - 1) / 2
    mu = np.array([-2.0, 0.0, 0.5, 3.0])
    s2 = np.array([0.1, 1.0, 2.5, 0.9])
    np.testing.assert_allclose(
        kt.normal_kl(mu, s2, 0.0, 1.0), 0.5 * (mu**2 + s2 - np.log(s2) - 1), rtol=1e-14
    )


# --- broadcasting, dtypes, return types ------------------------------------------


def test_broadcasting_and_diagonal_sum():
    rng = np.random.default_rng(0)
    mp, mq = rng.normal(size=(5, 3)), rng.normal(size=3)
    vp, vq = rng.uniform(0.2, 3, size=(5, 3)), rng.uniform(0.2, 3, size=(1, 3))
    d = kt.normal_kl(mp, vp, mq, vq)
    assert d.shape == (5, 3)
    for i in range(5):
        for j in range(3):
            assert d[i, j] == kt.normal_kl(mp[i, j], vp[i, j], mq[j], vq[0, j])
    # A diagonal-covariance divergence: the sum over the last axis. Check one row
    # against the matrix formula for multivariate Normals.
    cov_p, cov_q = np.diag(vp[0]), np.diag(vq[0])
    diff = mq - mp[0]
    full = 0.5 * (
        np.trace(np.linalg.solve(cov_q, cov_p))
        + diff @ np.linalg.solve(cov_q, diff)
        - 3
        + np.log(np.linalg.det(cov_q) / np.linalg.det(cov_p))
    )
    np.testing.assert_allclose(d[0].sum(), full, rtol=1e-13)


def test_scalar_and_array_returns():
    assert isinstance(kt.normal_kl(0, 1, 1, 2), np.floating)
    assert isinstance(kt.normal_entropy(2), np.floating)
    assert kt.normal_entropy([1.0, 2.0]).shape == (2,)
    assert kt.normal_kl([0.0], 1, 0, 1).shape == (1,)


def test_float32_stays_float32():
    m = np.array([0.0, 1.0], dtype=np.float32)
    v = np.array([1.0, 2.0], dtype=np.float32)
    d = kt.normal_kl(m, v, np.float32(0.5), np.float32(1.5))
    assert d.dtype == np.float32
    d64 = kt.normal_kl(m.astype(float), v.astype(float), 0.5, 1.5)
    np.testing.assert_allclose(d, d64, rtol=1e-6)
    assert kt.normal_kl(m, v, m, v).dtype == np.float32
    assert kt.normal_entropy(v).dtype == np.float32
    assert kt.normal_entropy(v, base=2).dtype == np.float32
    # integers and lists compute in float64
    assert kt.normal_kl([0, 1], [1, 2], 0, 1).dtype == np.float64
    assert kt.normal_entropy([1, 2]).dtype == np.float64


# --- cross-checks: SciPy, quadrature, Monte Carlo --------------------------------


def test_entropy_matches_scipy():
    var = np.geomspace(1e-8, 1e8, 33)
    np.testing.assert_allclose(
        kt.normal_entropy(var), scipy.stats.norm(scale=np.sqrt(var)).entropy(), rtol=1e-12
    )


@pytest.mark.parametrize("var", [0.01, 0.5, 1.0, 9.0])
def test_entropy_matches_quadrature(var):
    dist = scipy.stats.norm(loc=0.7, scale=math.sqrt(var))
    sd = math.sqrt(var)
    h, _ = scipy.integrate.quad(
        lambda x: -dist.pdf(x) * dist.logpdf(x), 0.7 - 40 * sd, 0.7 + 40 * sd, points=[0.7],
        epsabs=1e-13, epsrel=1e-12, limit=200,
    )
    assert kt.normal_entropy(var) == pytest.approx(h, rel=1e-10, abs=1e-12)


KL_CASES = [
    (0.0, 1.0, 0.0, 2.0),
    (1.0, 0.5, -1.0, 3.0),
    (2.0, 4.0, 0.0, 1.0),
    (-0.3, 0.01, 0.2, 0.04),
    (5.0, 1.0, 5.1, 1.1),
]


@pytest.mark.parametrize(("mp", "vp", "mq", "vq"), KL_CASES)
def test_kl_matches_quadrature(mp, vp, mq, vq):
    p, q = scipy.stats.norm(mp, math.sqrt(vp)), scipy.stats.norm(mq, math.sqrt(vq))
    sd = math.sqrt(vp)
    d, _ = scipy.integrate.quad(
        lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), mp - 40 * sd, mp + 40 * sd,
        points=[mp], epsabs=1e-14, epsrel=1e-12, limit=200,
    )
    assert kt.normal_kl(mp, vp, mq, vq) == pytest.approx(d, rel=1e-9, abs=1e-13)


@pytest.mark.parametrize(("mp", "vp", "mq", "vq"), KL_CASES)
def test_kl_matches_monte_carlo(mp, vp, mq, vq):
    # The mean of log p(x) - log q(x) over n draws from P is within 5 standard errors.
    rng = np.random.default_rng(12)
    n = 200_000
    x = rng.normal(mp, math.sqrt(vp), n)
    p, q = scipy.stats.norm(mp, math.sqrt(vp)), scipy.stats.norm(mq, math.sqrt(vq))
    ratio = p.logpdf(x) - q.logpdf(x)
    tolerance = 5 * ratio.std() / math.sqrt(n)
    assert abs(ratio.mean() - kt.normal_kl(mp, vp, mq, vq)) < tolerance


# --- precision against mpmath ----------------------------------------------------

NEAR = [
    (0.0, 1.0, 0.0, 1.0 + 1e-8),
    (0.0, 1.0 + 2.0**-52, 0.0, 1.0),
    (1e-9, 1.0, 0.0, 1.0),
    (3.0, 2.0, 3.0 + 1e-7, 2.0 * (1 - 1e-7)),
    (1.0, 1e-6, 1.0, 1.0000001e-6),
    (0.0, 1.0, 0.0, 1.049),  # just inside the series range
    (0.0, 1.0, 0.0, 1.051),  # just outside it
    (0.0, 1.0, 0.0, 0.9524),  # u near +0.05
    (0.0, 1.0, 0.0, 0.9523),
    (0.0, 1e300, 0.0, 1e-300),  # the ratio overflows
    (0.0, 1e-300, 0.0, 1e300),  # the ratio underflows
    (0.0, 1e-310, 0.0, 1.0),  # a subnormal variance
    (1e200, 1e300, -1e200, 1e300),  # a large mean difference, no overflow
    (0.0, 3.0, 0.0, 7.0),
]


@pytest.mark.parametrize(("mp", "vp", "mq", "vq"), NEAR)
def test_kl_relative_precision_vs_mpmath(mp, vp, mq, vq):
    exact = _mp_normal_kl(mp, vp, mq, vq)
    assert float(kt.normal_kl(mp, vp, mq, vq)) == pytest.approx(exact, rel=1e-14, abs=0)


def test_kl_nearly_equal_many_vs_mpmath():
    # Pairs whose variances differ by relative steps from 1e-15 to 1e-1 and whose
    # means differ by up to a millionth of a standard deviation.
    rng = np.random.default_rng(7)
    n = 300
    vq = 10.0 ** rng.uniform(-6, 6, n)
    vp = vq * (1 + rng.choice([-1, 1], n) * 10.0 ** rng.uniform(-15, -1, n))
    mq = rng.normal(size=n)
    mp = mq + rng.choice([0.0, 1.0], n) * 1e-6 * np.sqrt(vq) * rng.normal(size=n)
    got = kt.normal_kl(mp, vp, mq, vq)
    exact = np.array([_mp_normal_kl(*args) for args in zip(mp, vp, mq, vq, strict=True)])
    np.testing.assert_allclose(got, exact, rtol=1e-14, atol=0)


def test_kl_moderately_different_variances_vs_mpmath():
    # Ratios from 1/2 to 3, just outside the series: log(r) instead of log1p(r - 1)
    # would lose up to 2 eps / (r - 1)^2 relative here, about 1e-13 near r = 1.05.
    rng = np.random.default_rng(8)
    vq = 10.0 ** rng.uniform(-6, 6, 300)
    vp = vq * rng.uniform(0.5, 3.0, 300)
    got = kt.normal_kl(0.0, vp, 0.0, vq)
    exact = np.array([_mp_normal_kl(0.0, a, 0.0, b) for a, b in zip(vp, vq, strict=True)])
    np.testing.assert_allclose(got, exact, rtol=1e-14, atol=0)


def test_naive_formula_would_fail_the_precision_test():
    # The textbook 0.5 * (log(vq/vp) + (vp + d^2)/vq - 1) loses every digit here.
    mp, vp, mq, vq = 0.0, 1.0, 0.0, 1.0 + 1e-8
    naive = 0.5 * (math.log(vq / vp) + vp / vq - 1)
    exact = _mp_normal_kl(mp, vp, mq, vq)
    assert abs(naive - exact) > 1e-3 * exact
    assert float(kt.normal_kl(mp, vp, mq, vq)) == pytest.approx(exact, rel=1e-13)


@pytest.mark.parametrize("var", [1e-300, 1e-10, 0.01, 0.3, 1.0, 42.0, 1e10, 1e300, 1.7e308])
def test_entropy_precision_vs_mpmath(var):
    exact = _mp_normal_entropy(var)
    assert float(kt.normal_entropy(var)) == pytest.approx(exact, rel=1e-14, abs=1e-15)


# --- properties (hypothesis) -----------------------------------------------------

means = st.floats(-1e3, 1e3, allow_nan=False)
variances = st.floats(1e-6, 1e6, allow_nan=False)


@given(means, variances, means, variances)
def test_kl_is_non_negative_and_zero_only_for_equal(mp, vp, mq, vq):
    d = kt.normal_kl(mp, vp, mq, vq)
    assert d >= 0
    assert kt.normal_kl(mp, vp, mp, vp) == 0.0
    if (mp, vp) != (mq, vq) and _mp_normal_kl(mp, vp, mq, vq) >= 1e-300:
        assert d > 0  # unless the exact value underflows, as it does for a mean gap of 1e-200


@given(means, variances, means, variances)
def test_kl_matches_mpmath_everywhere(mp, vp, mq, vq):
    exact = _mp_normal_kl(mp, vp, mq, vq)
    # abs: results in the subnormal range have fewer significant bits
    assert float(kt.normal_kl(mp, vp, mq, vq)) == pytest.approx(exact, rel=1e-14, abs=1e-300)


@given(means, variances, variances)
def test_kl_is_not_symmetric_when_variances_differ(m, vp, vq):
    # Same mean, different variances: r - 1 - log r != 1/r - 1 + log r unless r = 1.
    if abs(vp / vq - 1) > 1e-3:
        forward, reverse = kt.normal_kl(m, vp, m, vq), kt.normal_kl(m, vq, m, vp)
        assert forward != pytest.approx(reverse, rel=1e-6)
        # the wider P pays more: r - 1 - log r > 1/r - 1 + log r for r > 1
        assert (forward > reverse) == (vp > vq)


@given(means, means, variances)
def test_kl_is_symmetric_when_variances_are_equal(mp, mq, var):
    # The one symmetric case: both directions are (mp - mq)^2 / (2 var).
    assert kt.normal_kl(mp, var, mq, var) == kt.normal_kl(mq, var, mp, var)


def test_kl_overflows_to_inf_not_nan():
    # The exact values exceed the largest float: inf, with no NaN and no warning.
    with np.errstate(all="raise"):
        assert kt.normal_kl(1e300, 1.0, -1e300, 1.0) == np.inf
        assert kt.normal_kl(0.0, 1e300, 0.0, 1e-300) == np.inf  # the ratio 1e600
        assert kt.normal_kl(1.0, 1.0, 0.0, 1e-310) == np.inf  # 1 / 1e-310


@given(means, variances, means, variances, st.sampled_from([2.0, 10.0, 0.5]))
def test_base_divides_by_log_base(mp, vp, mq, vq, base):
    nats = kt.normal_kl(mp, vp, mq, vq)
    in_base = kt.normal_kl(mp, vp, mq, vq, base=base)
    assert in_base == pytest.approx(nats / math.log(base), rel=1e-14)
    assert kt.normal_entropy(vp, base=base) == pytest.approx(
        kt.normal_entropy(vp) / math.log(base), rel=1e-14, abs=1e-300
    )


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf, [1.0, 0.0]])
def test_entropy_rejects_bad_variance(bad):
    with pytest.raises(ValueError, match="var"):
        kt.normal_entropy(bad)


@pytest.mark.parametrize("name", ["var_p", "var_q"])
@pytest.mark.parametrize(
    ("bad", "message"), [(0.0, "> 0"), (-2.0, "> 0"), (np.nan, "NaN"), (np.inf, "inf")]
)
def test_kl_rejects_bad_variance(name, bad, message):
    args = {"mean_p": 0.0, "var_p": 1.0, "mean_q": 0.0, "var_q": 1.0, name: bad}
    with pytest.raises(ValueError, match=f"{name}.*{message}"):
        kt.normal_kl(**args)


@pytest.mark.parametrize("name", ["mean_p", "mean_q"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_kl_rejects_non_finite_mean(name, bad):
    args = {"mean_p": 0.0, "var_p": 1.0, "mean_q": 0.0, "var_q": 1.0, name: bad}
    with pytest.raises(ValueError, match=name):
        kt.normal_kl(**args)


def test_kl_rejects_shapes_that_do_not_broadcast():
    with pytest.raises(ValueError, match=r"do not broadcast.*mean_p \(2,\).*var_q \(3,\)"):
        kt.normal_kl([0.0, 1.0], 1.0, 0.0, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("base", [0, 1, -2, np.inf, "two"])
def test_bad_base(base):
    with pytest.raises(ValueError, match="base"):
        kt.normal_kl(0, 1, 0, 1, base=base)
    with pytest.raises(ValueError, match="base"):
        kt.normal_entropy(1, base=base)


def test_non_numeric_input():
    with pytest.raises(ValueError, match="var_q"):
        kt.normal_kl(0, 1, 0, "x")
    with pytest.raises(ValueError, match="mean_p"):
        kt.normal_kl(1j, 1, 0, 1)
