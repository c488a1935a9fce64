"""kltools: information measures and the losses of machine learning, in NumPy.

Everything public is importable from the top level::

    from kltools import entropy, cross_entropy, kl_divergence, sigmoid

Argument order follows the mathematics: the true (target) distribution
first, the model second, as in H(P, Q) and D_KL(P || Q). ``base=None`` means
natural logarithms (nats), ``base=2`` bits.

The texts the book measures are loaded by :mod:`kltools.text` (``kltools.text.letters``,
``kltools.text.encode``, ...).

The symbolic derivations live in :mod:`kltools.derive` (they need SymPy and
are imported on demand: ``from kltools import derive``).
"""

from . import text
from .calibration import (
    CalibrationBins,
    calibration_bins,
    expected_calibration_error,
    fit_temperature,
    temperature_nll,
    temperature_nll_grad,
)
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
    conditional_entropy,
    cross_entropy,
    entropy,
    joint_entropy,
    js_divergence,
    kl_divergence,
    kl_terms,
    mutual_information,
    normal_entropy,
    normal_kl,
    normalize,
    pointwise_mutual_information,
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
    # the texts the chapters measure (a module: kltools.text.letters, ...)
    "text",
    # information measures
    "self_information",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "kl_terms",
    "binary_entropy",
    "normalize",
    # two variables
    "joint_entropy",
    "conditional_entropy",
    "mutual_information",
    "pointwise_mutual_information",
    "js_divergence",
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
    # calibration and temperature scaling
    "CalibrationBins",
    "calibration_bins",
    "expected_calibration_error",
    "temperature_nll",
    "temperature_nll_grad",
    "fit_temperature",
]
