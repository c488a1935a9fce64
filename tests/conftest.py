"""Shared test settings: the Hypothesis profiles.

``book`` (the default, used by ``make test`` and CI) is derandomised: the
same examples on every run and machine, so that a failure in CI can be
reproduced locally. ``thorough`` draws ten times as many examples from a
random seed, to search wider before a release or after touching the
numerics; select it with ``KLTOOLS_HYPOTHESIS_PROFILE=thorough``. A failure
there prints the seed (``@reproduce_failure`` / ``--hypothesis-seed``) to
replay it.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "book",
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    derandomize=False,
    max_examples=2000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("KLTOOLS_HYPOTHESIS_PROFILE", "book"))
