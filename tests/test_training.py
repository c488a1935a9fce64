"""Training with kltools losses and gradients, as chapter 11 does, checked against scikit-learn.

Small and fast (a few seconds in all): full-batch gradient descent on a linear model,
the gradient with respect to the outputs from kltools, the chain rule to the weights.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

import kltools as kt


def _standardise(train, test):
    mean, scale = train.mean(axis=0), train.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    return (train - mean) / scale, (test - mean) / scale


def test_penalised_logistic_regression_matches_sklearn():
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    X_train, X_test = _standardise(X_train, X_test)
    n, lam = len(y_train), 0.01
    w, b = np.zeros(X_train.shape[1]), 0.0
    previous = np.inf
    for _ in range(1000):
        z = X_train @ w + b
        current = float(kt.binary_cross_entropy_with_logits(y_train, z)) + 0.5 * lam * w @ w
        assert current <= previous + 1e-12  # the step size is small enough
        previous = current
        g = kt.binary_cross_entropy_with_logits_grad(y_train, z)
        w, b = w - (X_train.T @ g + lam * w), b - g.sum()

    # scikit-learn minimises C * sum(loss) + ||w||^2 / 2: the same minimiser when C = 1 / (n lam).
    clf = LogisticRegression(C=1 / (n * lam), tol=1e-10, max_iter=10_000).fit(X_train, y_train)
    ours = float(kt.binary_cross_entropy_with_logits(y_test, X_test @ w + b, reduction="mean"))
    theirs = log_loss(y_test, clf.predict_proba(X_test)[:, 1])
    assert abs(ours - theirs) / np.log(2) < 1e-4  # bits
    np.testing.assert_allclose(w, clf.coef_[0], atol=1e-4)


def test_learned_variance_converges_to_residual_rms():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + rng.normal(scale=0.7, size=200)
    w, b, s = np.zeros(3), 0.0, 0.0
    for _ in range(2000):
        z, var = X @ w + b, np.exp(s)
        g = kt.gaussian_nll_grad(y, z, var)
        grad_s = float(kt.gaussian_nll_grad_var(y, z, var)) * var  # chain rule through var = e^s
        w, b, s = w - 0.1 * (X.T @ g), b - 0.1 * g.sum(), s - 0.1 * grad_s

    ols = LinearRegression().fit(X, y)
    np.testing.assert_allclose(w, ols.coef_, rtol=1e-8)
    residuals = y - (X @ w + b)
    np.testing.assert_allclose(np.exp(s / 2), np.sqrt(np.mean(residuals**2)), rtol=1e-8)
    # At the optimum the mean negative log-likelihood is log(2 pi e sigma^2) / 2.
    np.testing.assert_allclose(
        float(kt.gaussian_nll(y, X @ w + b, np.exp(s))), 0.5 * np.log(2 * np.pi * np.e * np.exp(s))
    )
