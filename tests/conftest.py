"""Shared test settings."""

from hypothesis import HealthCheck, settings

# Deterministic property tests: the same examples on every run and machine,
# so that a failure in CI can be reproduced locally.
settings.register_profile(
    "book",
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("book")
