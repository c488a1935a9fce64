"""The package's structure: one list of public names, no private cross-imports, typed.

Also the one branch of ``kltools.calibration`` that its own tests do not
reach (an iteration budget that runs out).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import numpy as np
import pytest

import kltools as kt

PACKAGE = Path(kt.__file__).parent
MODULES = ("information", "numerics", "coding", "losses", "calibration")


def _imports_from_siblings(path: Path) -> list[tuple[str, str]]:
    """Return ``(module, name)`` for every ``from .module import name`` in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found += [(node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_no_module_imports_a_private_name_of_another(path):
    private = [
        f"{module}.{name}"
        for module, name in _imports_from_siblings(path)
        if name.startswith("_") and not module.startswith("_")
    ]
    assert not private, f"{path.name} imports private names of other modules: {private}"


def test_the_shared_helpers_live_in_the_base_layer():
    imported = {
        (module, name)
        for path in PACKAGE.glob("*.py")
        for module, name in _imports_from_siblings(path)
    }
    for name in ("scalar_or_array", "sum_xlogy", "shifted_and_rest"):
        assert ("_core", name) in imported


def test_top_level_all_is_the_modules_lists_once_each():
    expected = ["text"]
    for name in MODULES:
        expected += importlib.import_module(f"kltools.{name}").__all__
    assert kt.__all__ == expected
    assert len(set(kt.__all__)) == len(kt.__all__)
    assert all(hasattr(kt, name) for name in kt.__all__)
    assert not [name for name in kt.__all__ if name.startswith("_")]


def test_the_package_is_marked_as_typed():
    assert (PACKAGE / "py.typed").is_file()


def test_fit_temperature_stops_at_its_iteration_budget():
    # One Newton or bisection step from the bracket's midpoint: a temperature
    # inside the bracket, but not the optimum that the full budget finds.
    rng = np.random.default_rng(3)
    z = 4.0 * rng.standard_normal((300, 5))
    y = np.array([rng.choice(5, p=row) for row in kt.softmax(z / 2.5)])
    one_step = kt.fit_temperature(z, y, max_iter=1)
    best = kt.fit_temperature(z, y)
    assert one_step != pytest.approx(best, rel=1e-6)
    assert kt.temperature_nll(z, y, one_step) > kt.temperature_nll(z, y, best)
