"""kltools: information measures and the losses of machine learning, in NumPy.

Everything public is importable from the top level::

    from kltools import entropy, cross_entropy, kl_divergence, sigmoid

Argument order follows the mathematics: the true (target) distribution
first, the model second, as in H(P, Q) and D_KL(P || Q). ``base=None`` means
natural logarithms (nats), ``base=2`` bits.

The symbolic derivations live in :mod:`kltools.derive` (they need SymPy and
are imported on demand: ``from kltools import derive``).
"""

from .coding import (
    canonical_codewords,
    empirical_distribution,
    expected_code_length,
    huffman_code_lengths,
    ideal_code_lengths,
    kraft_sum,
    shannon_code_lengths,
)
from .information import (
    binary_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    normal_entropy,
    normal_kl,
    normalize,
    self_information,
)
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    gaussian_nll,
    gaussian_nll_grad,
    gaussian_nll_grad_var,
    laplace_nll,
    laplace_nll_grad,
    mean_absolute_error,
    mean_absolute_error_grad,
    mean_squared_error,
    mean_squared_error_grad,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
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
    "normal_entropy",
    "normal_kl",
    # stable primitives
    "sigmoid",
    "log_sigmoid",
    "softmax",
    "log_softmax",
    "logsumexp",
    # coding
    "huffman_code_lengths",
    "canonical_codewords",
    "ideal_code_lengths",
    "shannon_code_lengths",
    "expected_code_length",
    "kraft_sum",
    "empirical_distribution",
    # losses
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "gaussian_nll",
    "gaussian_nll_grad",
    "gaussian_nll_grad_var",
    "mean_squared_error",
    "mean_squared_error_grad",
    "laplace_nll",
    "laplace_nll_grad",
    "mean_absolute_error",
    "mean_absolute_error_grad",
]
