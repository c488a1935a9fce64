"""kltools against the naive NumPy expression, SciPy and (if installed) PyTorch.

Every implementation gets the same float64 arrays. Each test times one
implementation at one size; ``conftest.py`` collects the medians and writes
``RESULTS.md``. Run with ``make bench``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import scipy.special
import scipy.stats
from conftest import SIZES, run

import kltools as kt

IMPLS = ("naive", "scipy", "torch", "kltools")
N_CLASSES = 10  # softmax cross-entropy: logits of shape (n / 10, 10)


def _probabilities(rng: np.random.Generator, n: int) -> np.ndarray:
    p = rng.random(n)
    return p / p.sum()


@cache
def data(kind: str, n: int) -> tuple[np.ndarray, ...]:
    """Return the inputs for one kind of benchmark, the same on every call and every run."""
    rng = np.random.default_rng([n, len(kind)])
    if kind == "one":  # entropy
        return (_probabilities(rng, n),)
    if kind == "random":  # two unrelated distributions: few terms with p close to q
        return _probabilities(rng, n), _probabilities(rng, n)
    if kind == "near":  # q within 0.1% of p everywhere: every KL term takes the series
        p = _probabilities(rng, n)
        q = p * (1.0 + 1e-3 * rng.uniform(-1.0, 1.0, n))
        return p, q / q.sum()
    if kind == "logits":  # softmax cross-entropy: integer labels, logits (n / 10, 10)
        m = n // N_CLASSES
        return rng.integers(0, N_CLASSES, m), 3.0 * rng.standard_normal((m, N_CLASSES))
    if kind == "rows":  # logsumexp, log_softmax: logits (n / 10, 10), reduced along axis 1
        return (3.0 * rng.standard_normal((n // N_CLASSES, N_CLASSES)),)
    if kind == "binary":  # BCE with logits: 0/1 targets, logits with a wide spread
        return rng.integers(0, 2, n).astype(np.float64), 4.0 * rng.standard_normal(n)
    raise ValueError(kind)


def _torch():
    return pytest.importorskip("torch")


def _entropy(impl: str):
    if impl == "naive":
        return lambda p: -np.sum(p * np.log(p))
    if impl == "scipy":
        return scipy.stats.entropy
    if impl == "torch":
        torch = _torch()
        return lambda p: torch.special.entr(torch.from_numpy(p)).sum().item()
    return kt.entropy


def _cross_entropy(impl: str):
    if impl == "naive":
        return lambda p, q: -np.sum(p * np.log(q))
    if impl == "scipy":
        return lambda p, q: -np.sum(scipy.special.xlogy(p, q))
    if impl == "torch":
        torch = _torch()
        return lambda p, q: -torch.sum(torch.from_numpy(p) * torch.log(torch.from_numpy(q))).item()
    return kt.cross_entropy


def _kl(impl: str):
    if impl == "naive":
        return lambda p, q: np.sum(p * np.log(p / q))
    if impl == "scipy":
        return scipy.stats.entropy  # entropy(p, q) is D(p || q)
    if impl == "torch":
        torch = _torch()
        f = torch.nn.functional.kl_div
        return lambda p, q: f(
            torch.log(torch.from_numpy(q)), torch.from_numpy(p), reduction="sum"
        ).item()
    return kt.kl_divergence


def _softmax_ce(impl: str):
    if impl == "naive":
        return lambda y, z: np.mean(np.log(np.sum(np.exp(z), axis=1)) - z[np.arange(len(y)), y])
    if impl == "scipy":
        return lambda y, z: -np.mean(scipy.special.log_softmax(z, axis=1)[np.arange(len(y)), y])
    if impl == "torch":
        torch = _torch()
        f = torch.nn.functional.cross_entropy
        return lambda y, z: f(torch.from_numpy(z), torch.from_numpy(y)).item()
    return kt.softmax_cross_entropy


def _logsumexp(impl: str):
    if impl == "naive":
        return lambda z: np.log(np.sum(np.exp(z), axis=1))
    if impl == "scipy":
        return lambda z: scipy.special.logsumexp(z, axis=1)
    if impl == "torch":
        torch = _torch()
        return lambda z: torch.logsumexp(torch.from_numpy(z), dim=1).numpy()
    return lambda z: kt.logsumexp(z, axis=1)


def _log_softmax(impl: str):
    if impl == "naive":
        return lambda z: z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    if impl == "scipy":
        return lambda z: scipy.special.log_softmax(z, axis=1)
    if impl == "torch":
        torch = _torch()
        return lambda z: torch.log_softmax(torch.from_numpy(z), dim=1).numpy()
    return lambda z: kt.log_softmax(z, axis=1)


def _bce_logits(impl: str):
    if impl == "naive":
        return lambda y, z: np.mean(np.log1p(np.exp(z)) - y * z)
    if impl == "scipy":
        le = scipy.special.log_expit
        return lambda y, z: -np.mean(y * le(z) + (1.0 - y) * le(-z))
    if impl == "torch":
        torch = _torch()
        f = torch.nn.functional.binary_cross_entropy_with_logits
        return lambda y, z: f(torch.from_numpy(z), torch.from_numpy(y)).item()
    return kt.binary_cross_entropy_with_logits


CASES = {
    # name in RESULTS.md: (inputs, implementation factory)
    ("entropy", "random p"): ("one", _entropy),
    ("cross-entropy", "random p, q"): ("random", _cross_entropy),
    ("KL divergence", "random p, q"): ("random", _kl),
    ("KL divergence", "q within 0.1% of p"): ("near", _kl),
    ("softmax cross-entropy", "labels, 10 classes"): ("logits", _softmax_ce),
    ("BCE with logits", "0/1 labels"): ("binary", _bce_logits),
    ("logsumexp", "rows of 10 logits"): ("rows", _logsumexp),
    ("log-softmax", "rows of 10 logits"): ("rows", _log_softmax),
}


@pytest.mark.parametrize("impl", IMPLS)
@pytest.mark.parametrize("n", SIZES, ids=lambda n: f"{n:.0e}")
@pytest.mark.parametrize("case", list(CASES), ids=lambda c: f"{c[0]}-{c[1]}".replace(" ", "_"))
def test_speed(benchmark, case: tuple[str, str], n: int, impl: str) -> None:
    kind, factory = CASES[case]
    func = factory(impl)
    args = data(kind, n)
    run(benchmark, case[0], case[1], n, impl, func, *args)


# --- mutual information of a 1000 x 1000 joint table --------------------------
# The same table three ways: kltools and the naive expression get probabilities,
# scikit-learn's mutual_info_score the integer contingency table they come from,
# SciPy the KL divergence of the table from the product of its marginals.

MI_SIDE = 1000
MI_IMPLS = ("naive", "scipy", "sklearn", "kltools")


@cache
def mi_data() -> tuple[np.ndarray, np.ndarray]:
    """Return counts (1 to 999 per cell, no zeros) and the joint table they give."""
    rng = np.random.default_rng([MI_SIDE, 6])
    counts = rng.integers(1, 1000, size=(MI_SIDE, MI_SIDE))
    return counts, counts / counts.sum()


def _mutual_information(impl: str):
    if impl == "naive":
        return lambda pxy: np.sum(pxy * np.log(pxy / np.outer(pxy.sum(1), pxy.sum(0))))
    if impl == "scipy":
        return lambda pxy: scipy.stats.entropy(
            pxy.ravel(), np.outer(pxy.sum(1), pxy.sum(0)).ravel()
        )
    if impl == "sklearn":
        from sklearn.metrics import mutual_info_score

        return lambda counts: mutual_info_score(None, None, contingency=counts)
    return kt.mutual_information


@pytest.mark.parametrize("impl", MI_IMPLS)
def test_speed_mutual_information(benchmark, impl: str) -> None:
    counts, pxy = mi_data()
    arg = counts if impl == "sklearn" else pxy
    run(
        benchmark,
        "mutual information",
        f"{MI_SIDE} x {MI_SIDE} table",
        MI_SIDE * MI_SIDE,
        impl,
        _mutual_information(impl),
        arg,
    )
