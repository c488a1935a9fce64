"""kltools: information measures and the losses of machine learning, in NumPy.

Everything public is importable from the top level::

    from kltools import entropy, cross_entropy, kl_divergence, sigmoid

Argument order follows the mathematics: the true (target) distribution
first, the model second, as in H(P, Q) and D_KL(P || Q). ``base=None`` means
natural logarithms (nats), ``base=2`` bits.

The symbolic derivations live in :mod:`kltools.derive` (they need SymPy and
are imported on demand: ``from kltools import derive``).
"""

from .information import (
    binary_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    normalize,
    self_information,
)
from .numerics import log_sigmoid, log_softmax, logsumexp, sigmoid, softmax

__version__ = "0.1.0"

__all__ = [
    # information measures
    "self_information",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "binary_entropy",
    "normalize",
    # stable primitives
    "sigmoid",
    "log_sigmoid",
    "softmax",
    "log_softmax",
    "logsumexp",
]
