"""Memory bound: no kltools function allocates more than three temporaries of its input's size.

The peak of the memory that NumPy allocates during one call (``tracemalloc``
sees NumPy's array buffers) must stay below three times the size of the
largest input array, plus a little for masks of a few bytes per block and
Python objects. The result counts: ``softmax`` returning an array of the
input's size uses one of the three.
"""

from __future__ import annotations

import numpy as np
import pytest
from peak_memory import peak_bytes

import kltools as kt

N = 1 << 18  # 2 MiB of float64 per input array
SLACK = 64 * 1024  # bytes: Python objects, small index arrays, block scratch


def _inputs() -> dict[str, tuple]:
    rng = np.random.default_rng(20)

    def dist(n: int) -> np.ndarray:
        p = rng.random(n)
        return p / p.sum()

    p, q = dist(N), dist(N)
    near = p * (1.0 + 1e-3 * rng.uniform(-1.0, 1.0, N))
    sparse = p.copy()
    sparse[::3] = 0.0  # p = 0 terms take the fix-up path of kl_divergence
    z = 3.0 * rng.standard_normal((N // 10, 10))
    labels = rng.integers(0, 10, N // 10)
    zb = 4.0 * rng.standard_normal(N)
    yb = rng.integers(0, 2, N).astype(np.float64)
    return {
        "entropy": (kt.entropy, p),
        "cross_entropy": (kt.cross_entropy, p, q),
        "kl_divergence random": (kt.kl_divergence, p, q),
        "kl_divergence near": (kt.kl_divergence, p, near / near.sum()),
        "kl_divergence zeros": (kt.kl_divergence, sparse / sparse.sum(), q),
        "binary_entropy": (kt.binary_entropy, rng.random(N)),
        "self_information": (kt.self_information, p),
        "sigmoid": (kt.sigmoid, zb),
        "log_sigmoid": (kt.log_sigmoid, zb),
        "softmax": (kt.softmax, z),
        "log_softmax": (kt.log_softmax, z),
        "logsumexp": (kt.logsumexp, z),
        "binary_cross_entropy_with_logits": (kt.binary_cross_entropy_with_logits, yb, zb),
        "binary_cross_entropy": (kt.binary_cross_entropy, yb, kt.sigmoid(zb)),
        "softmax_cross_entropy labels": (kt.softmax_cross_entropy, labels, z),
        "categorical_cross_entropy labels": (kt.categorical_cross_entropy, labels, kt.softmax(z)),
        "expected_calibration_error": (kt.expected_calibration_error, labels, kt.softmax(z)),
        "temperature_nll": (kt.temperature_nll, z, labels, 1.5),
        "temperature_nll_grad": (kt.temperature_nll_grad, z, labels, 1.5),
    }


CASES = _inputs()


@pytest.mark.parametrize("name", list(CASES))
def test_at_most_three_temporaries(name: str) -> None:
    func, *args = CASES[name]
    size = max(np.asarray(a).nbytes for a in args)
    peak = peak_bytes(func, *args)
    assert peak <= 3 * size + SLACK, (
        f"{name} allocated a peak of {peak / size:.2f} times its input's size (bound: 3)"
    )


def test_tracemalloc_sees_numpy_buffers() -> None:
    # The guard above is only meaningful if NumPy's allocations are traced.
    x = np.ones(N)
    assert peak_bytes(lambda a: a + 1.0, x) >= x.nbytes
