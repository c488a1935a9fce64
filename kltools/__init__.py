"""kltools: information measures and the losses of machine learning, in NumPy.

Everything public is importable from the top level::

    from kltools import entropy, cross_entropy, kl_divergence, sigmoid

Argument order follows the mathematics: the true (target) distribution
first, the model second, as in H(P, Q) and D_KL(P || Q). ``base=None`` means
natural logarithms (nats), ``base=2`` bits.

Each module lists its public names in its own ``__all__``; the top-level
``__all__`` is their concatenation, so a name is listed in one place only.

The texts the book measures are loaded by :mod:`kltools.text` (``kltools.text.letters``,
``kltools.text.encode``, ...); its names stay in that namespace.

The symbolic derivations live in :mod:`kltools.derive` (they need SymPy and
are imported on demand: ``from kltools import derive``).
"""

from . import calibration, coding, information, losses, numerics, text
from .calibration import *
from .coding import *
from .information import *
from .losses import *
from .numerics import *

__version__ = "0.1.0"

__all__: list[str] = ["text"]  # a module: kltools.text.letters, ...
__all__ += information.__all__
__all__ += numerics.__all__
__all__ += coding.__all__
__all__ += losses.__all__
__all__ += calibration.__all__
