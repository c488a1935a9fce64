"""Tests for kltools.derive: every derived loss equals its textbook formula.

Three kinds of check: SymPy identities (``simplify(derived - textbook) == 0``),
numeric cross-checks of the derived expressions against SciPy's log-pmfs and
log-pdfs and against kltools' own stable primitives, and the bad-input errors.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
import sympy as sp

import kltools
from kltools import derive

P, Y, Z, F, SIGMA, B = derive.symbols("p y z f sigma b")
T = sp.Symbol("t", positive=True)


def is_zero(expr: sp.Expr) -> bool:
    return sp.simplify(expr) == 0


# --------------------------------------------------------------------------
# Symbols and activations
# --------------------------------------------------------------------------


def test_symbols_carry_their_assumptions():
    assert all(s.is_positive for s in (P, SIGMA, B))
    assert all(s.is_real for s in (Y, Z, F))
    assert Y.is_positive is None  # a target may be 0
    assert derive.symbols("p2")[0].is_positive
    assert derive.symbols("z1,z2") == derive.vector("z", 2)


def test_default_symbols_are_the_documented_ones():
    assert derive.binary_cross_entropy_textbook().free_symbols == {P, Y}
    assert derive.gaussian_nll_textbook().free_symbols == {Y, F, SIGMA}
    assert derive.absolute_error_nll_textbook().free_symbols == {Y, F, B}


@pytest.mark.parametrize("names", ["", "  ,  "])
def test_symbols_rejects_empty(names):
    with pytest.raises(ValueError, match="names is empty"):
        derive.symbols(names)


def test_symbols_rejects_unknown_name():
    with pytest.raises(ValueError, match="names contains 'q'"):
        derive.symbols("p q")


@pytest.mark.parametrize("n", [0, -1, 2.0, True])
def test_vector_rejects_bad_length(n):
    with pytest.raises(ValueError, match="n must be a positive integer"):
        derive.vector("z", n)


def test_sigmoid_and_softmax_match_kltools():
    z = np.array([-30.0, -2.5, 0.0, 1.0, 30.0])
    sig = sp.lambdify(Z, derive.sigmoid_expr(), "numpy")
    np.testing.assert_allclose(sig(z), kltools.sigmoid(z), rtol=1e-14)
    zs = derive.vector("z", 3)
    soft = sp.lambdify(zs, derive.softmax_expr(zs), "numpy")
    logits = np.array([0.3, -1.2, 2.0])
    np.testing.assert_allclose(soft(*logits), kltools.softmax(logits), rtol=1e-14)


def test_softmax_sums_to_one():
    assert is_zero(sp.Add(*derive.softmax_expr(n=4)) - 1)


# --------------------------------------------------------------------------
# Bernoulli
# --------------------------------------------------------------------------


@pytest.mark.parametrize("k", [0, 1])
def test_bernoulli_product_form_equals_pmf_on_support(k):
    pmf = derive.bernoulli_pmf()
    lik = derive.bernoulli_likelihood()
    assert is_zero(pmf.subs(Y, k) - lik.subs(Y, k))


def test_bernoulli_pmf_is_zero_off_support():
    assert derive.bernoulli_pmf(y=2) == 0


def test_bernoulli_likelihood_is_the_product():
    assert is_zero(derive.bernoulli_likelihood() - P**Y * (1 - P) ** (1 - Y))


def test_bernoulli_nll_is_binary_cross_entropy():
    assert is_zero(derive.bernoulli_nll_expr() - derive.binary_cross_entropy_textbook())


def test_bernoulli_nll_at_numbers():
    # -log(1/4) = log 4 when the observed outcome had probability 1/4
    assert is_zero(derive.bernoulli_nll_expr(y=1, p=sp.Rational(1, 4)) - sp.log(4))
    assert is_zero(derive.bernoulli_nll_expr(y=0, p=sp.Rational(1, 4)) - sp.log(sp.Rational(4, 3)))


def test_bernoulli_nll_matches_scipy():
    nll = sp.lambdify((Y, P), derive.bernoulli_nll_expr(), "numpy")
    for k in (0, 1):
        for p in (0.01, 0.3, 0.5, 0.97):
            np.testing.assert_allclose(nll(k, p), -scipy.stats.bernoulli.logpmf(k, p), rtol=1e-13)


def test_logit_nll_is_bce_with_logits():
    derived = derive.bernoulli_logit_nll_expr()
    assert is_zero(derived - derive.binary_cross_entropy_with_logits_textbook())
    assert is_zero(derived - derive.binary_cross_entropy_textbook(p=derive.sigmoid_expr()))


@pytest.mark.parametrize("z", [T, -T, 0])
def test_stable_logit_form_equals_softplus_form(z):
    stable = derive.binary_cross_entropy_with_logits_stable_textbook()
    gap = stable - derive.binary_cross_entropy_with_logits_textbook()
    assert is_zero(gap.subs(Z, z))


def test_stable_logit_form_is_finite_where_softplus_overflows():
    stable = sp.lambdify((Y, Z), derive.binary_cross_entropy_with_logits_stable_textbook(), "numpy")
    z = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    for y in (0.0, 1.0):
        expected = -(y * kltools.log_sigmoid(z) + (1 - y) * kltools.log_sigmoid(-z))
        got = stable(y, z)
        assert np.isfinite(got).all()
        # lambdify writes log(1 + x), not log1p(x): tiny losses (4e-18 at z = 40)
        # round to 0 there, so the comparison is absolute at that scale
        np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-15)


def test_logit_gradient_is_sigmoid_minus_target():
    derived = derive.bernoulli_logit_nll_grad_expr()
    assert is_zero(derived - derive.binary_cross_entropy_with_logits_grad_textbook())
    assert is_zero(derived - (derive.sigmoid_expr() - Y))


# --------------------------------------------------------------------------
# Categorical
# --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 5])
def test_categorical_product_form_equals_pmf_on_one_hots(n):
    ys, ps = derive.vector("y", n), derive.vector("p", n)
    pmf = derive.categorical_pmf(ys, ps)
    lik = derive.categorical_likelihood(ys, ps)
    assert is_zero(lik - sp.Mul(*[p**y for p, y in zip(ps, ys, strict=True)]))
    for k in range(n):
        one_hot = {y: int(i == k) for i, y in enumerate(ys)}
        assert is_zero(pmf.subs(one_hot) - lik.subs(one_hot))
        assert is_zero(lik.subs(one_hot) - ps[k])
    # outside the support (two ones): the pmf is 0
    assert pmf.subs({y: 1 for y in ys}) == 0


@pytest.mark.parametrize("n", [2, 3, 4])
def test_categorical_nll_is_cross_entropy(n):
    derived = derive.categorical_nll_expr(n=n)
    assert is_zero(derived - derive.categorical_cross_entropy_textbook(n=n))


def test_categorical_nll_matches_scipy_multinomial():
    ys, ps = derive.vector("y", 3), derive.vector("p", 3)
    nll = sp.lambdify((ys, ps), derive.categorical_nll_expr(ys, ps), "numpy")
    prob = np.array([0.2, 0.5, 0.3])
    for k in range(3):
        one_hot = np.eye(3)[k]
        ref = -scipy.stats.multinomial.logpmf(one_hot, n=1, p=prob)
        np.testing.assert_allclose(nll(one_hot, prob), ref, rtol=1e-13)


def test_categorical_nll_for_general_n():
    derived = derive.categorical_nll_indexed_expr()
    assert isinstance(derived.args[-1], sp.Sum) or isinstance(-derived, sp.Sum)
    assert is_zero(derived - derive.categorical_cross_entropy_indexed_textbook())
    # the indexed form, written out for n = 4, is the explicit one
    y, p = sp.IndexedBase("y", real=True), sp.IndexedBase("p", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    explicit = derived.subs(n, 4).doit()
    ys, ps = [y[i] for i in range(1, 5)], [p[i] for i in range(1, 5)]
    assert is_zero(explicit - derive.categorical_cross_entropy_textbook(ys, ps))


def test_softmax_cross_entropy_needs_targets_summing_to_one():
    ys = derive.vector("y", 3)
    derived = derive.categorical_logit_nll_expr()
    textbook = derive.softmax_cross_entropy_textbook()
    on_simplex = {ys[-1]: 1 - ys[0] - ys[1]}
    assert is_zero((derived - textbook).subs(on_simplex))
    # without that constraint the two differ: (sum(y) - 1) * logsumexp(z)
    assert not is_zero(derived - textbook)


def test_softmax_gradient_is_softmax_minus_target():
    ys = derive.vector("y", 3)
    on_simplex = {ys[-1]: 1 - ys[0] - ys[1]}
    derived = derive.categorical_logit_nll_grad_expr()
    textbook = derive.softmax_cross_entropy_grad_textbook()
    for g, t in zip(derived, textbook, strict=True):
        assert is_zero((g - t).subs(on_simplex))
    # in general the gradient is sum(y) * softmax(z) - y
    total = sp.Add(*ys)
    for g, s, y in zip(derived, derive.softmax_expr(), ys, strict=True):
        assert is_zero(g - (total * s - y))


def test_softmax_gradient_matches_kltools_numerically():
    ys, zs = derive.vector("y", 3), derive.vector("z", 3)
    grad = sp.lambdify((ys, zs), derive.categorical_logit_nll_grad_expr(ys, zs), "numpy")
    logits = np.array([1.5, -0.5, 0.25])
    target = np.array([0.1, 0.7, 0.2])
    np.testing.assert_allclose(grad(target, logits), kltools.softmax(logits) - target, rtol=1e-13)


def test_two_classes_are_the_bernoulli_case():
    z1, z2 = derive.vector("z", 2)
    softmax_1 = derive.softmax_expr((z1, z2))[0]
    assert is_zero(softmax_1 - derive.sigmoid_expr(z1 - z2))
    categorical = derive.categorical_logit_nll_expr((Y, 1 - Y), (z1, z2))
    bernoulli = derive.bernoulli_logit_nll_expr(Y, z1 - z2)
    # log a + log b = log(ab) for the positive sums of exponentials inside
    assert is_zero(sp.logcombine(categorical - bernoulli, force=True))
    ce = derive.categorical_nll_expr((Y, 1 - Y), (P, 1 - P))
    assert is_zero(ce - derive.bernoulli_nll_expr())


def test_vector_arguments_default_to_the_given_ones_length():
    assert len(derive.categorical_likelihood(y=derive.vector("y", 4)).free_symbols) == 8
    assert len(derive.categorical_nll_expr(p=derive.vector("p", 2)).free_symbols) == 4


def test_categorical_rejects_length_mismatch():
    with pytest.raises(ValueError, match="y has 2 entries and p has 3"):
        derive.categorical_nll_expr(derive.vector("y", 2), derive.vector("p", 3))
    with pytest.raises(ValueError, match="y has 3 entries and z has 2"):
        derive.softmax_cross_entropy_textbook(derive.vector("y", 3), derive.vector("z", 2))


@pytest.mark.parametrize(
    "call",
    [
        lambda: derive.categorical_pmf(p=[P]),
        lambda: derive.categorical_nll_expr(y=[Y]),
        lambda: derive.softmax_cross_entropy_textbook(n=1),
        lambda: derive.categorical_likelihood([], []),
    ],
)
def test_categorical_rejects_fewer_than_two_classes(call):
    with pytest.raises(ValueError, match="a categorical needs at least 2 classes"):
        call()


# --------------------------------------------------------------------------
# Normal and Laplace
# --------------------------------------------------------------------------


def test_names_cannot_be_confused_with_the_numeric_functions():
    assert not set(derive.__all__) & set(kltools.__all__)
    suffixes = ("_pmf", "_pdf", "_likelihood", "_expr", "_textbook")
    assert all(n.endswith(suffixes) for n in derive.__all__ if n not in ("symbols", "vector"))


def test_the_normal_takes_a_variance():
    v = sp.Symbol("v", positive=True)
    normal = sp.lambdify((Y, F, v), derive.normal_nll_expr(Y, F, v), "numpy")
    textbook = sp.lambdify((Y, F, v), derive.gaussian_nll_textbook(Y, F, v), "numpy")
    y, f, var = np.array([-2.0, 0.1, 3.5]), np.full(3, 0.4), np.array([0.3, 1.7, 4.0])
    expected = -scipy.stats.norm.logpdf(y, loc=f, scale=np.sqrt(var))
    np.testing.assert_allclose(normal(y, f, var), expected, rtol=1e-13)
    np.testing.assert_allclose(textbook(y, f, var), expected, rtol=1e-13)
    np.testing.assert_allclose(
        kltools.gaussian_nll(y, f, var, reduction="none"), expected, rtol=1e-13
    )
    grad = sp.lambdify((Y, F, v), derive.normal_nll_grad_expr(Y, F, v), "numpy")
    np.testing.assert_allclose(
        grad(y, f, var), kltools.gaussian_nll_grad(y, f, var, reduction="none"), rtol=1e-13
    )
    # the default variance is sigma**2, so the default expressions are in sigma
    assert is_zero(derive.normal_nll_expr(var=SIGMA**2) - derive.normal_nll_expr())


def test_the_laplace_takes_a_scale():
    laplace = sp.lambdify((Y, F), derive.laplace_nll_expr(scale=sp.Rational(3, 2)), "numpy")
    y = np.array([-2.0, 0.1, 3.5])
    np.testing.assert_allclose(
        laplace(y, 0.4), kltools.laplace_nll(y, 0.4, 1.5, reduction="none"), rtol=1e-13
    )


def test_normal_nll_is_gaussian_nll():
    assert is_zero(derive.normal_nll_expr() - derive.gaussian_nll_textbook())


def test_unit_variance_normal_nll_is_half_squared_error_plus_constant():
    derived = derive.normal_nll_expr(var=1)
    assert is_zero(derived - derive.squared_error_nll_textbook())
    assert is_zero(derived - ((Y - F) ** 2 / 2 + sp.log(2 * sp.pi) / 2))
    # the factor 1/2 is really there: dropping it changes the expression
    assert not is_zero(derived - ((Y - F) ** 2 + sp.log(2 * sp.pi) / 2))


def test_normal_and_laplace_match_scipy():
    normal = sp.lambdify((Y, F, SIGMA), derive.normal_nll_expr(), "numpy")
    laplace = sp.lambdify((Y, F, B), derive.laplace_nll_expr(), "numpy")
    y = np.array([-2.0, 0.1, 3.5])
    np.testing.assert_allclose(
        normal(y, 0.4, 1.7), -scipy.stats.norm.logpdf(y, loc=0.4, scale=1.7), rtol=1e-13
    )
    np.testing.assert_allclose(
        laplace(y, 0.4, 1.7), -scipy.stats.laplace.logpdf(y, loc=0.4, scale=1.7), rtol=1e-13
    )


def test_normal_gradient():
    assert is_zero(derive.normal_nll_grad_expr() - derive.gaussian_nll_grad_textbook())
    assert is_zero(derive.normal_nll_grad_expr(var=1) - (F - Y))
    assert is_zero(derive.gaussian_nll_grad_textbook(var=1) - (F - Y))


def test_laplace_nll_is_absolute_error():
    assert is_zero(derive.laplace_nll_expr() - derive.absolute_error_nll_textbook())
    assert is_zero(derive.laplace_pdf() - sp.exp(-sp.Abs(Y - F) / B) / (2 * B))


@pytest.mark.parametrize("f", [Y + T, Y - T])
def test_laplace_gradient(f):
    derived = derive.laplace_nll_grad_expr()
    assert is_zero(derived - derive.absolute_error_nll_grad_textbook())
    # away from f = y the gradient is +1/b above the target and -1/b below it
    sign = 1 if f == Y + T else -1
    assert is_zero(derived.subs(F, f) - sign / B)
