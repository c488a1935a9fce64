"""The locks in requirements/ agree with requirements.txt, and pin with hashes.

``make venv`` installs from ``requirements/lock-py3XY.txt`` with
``--require-hashes``; ``requirements.txt`` is the list written by hand that
``make lock`` compiles them from. A pin edited in one and not the other
would make the two disagree silently, so each direct pin must appear in
every lock with the same version.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("311", "312", "313")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(text: str) -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins.setdefault(_canonical(match[1]), set()).add(match[2])
    return pins


def test_pin_parser_reads_names_versions_and_markers():
    text = "Foo_Bar==1.2 ; python_full_version < '3.12' \\\nfoo-bar==1.3 \\\n# x==9\n-e .\n"
    assert _pins(text) == {"foo-bar": {"1.2", "1.3"}}


@pytest.mark.parametrize("python", PYTHONS)
def test_lock_pins_every_direct_requirement_at_its_version(python):
    wanted = _pins((ROOT / "requirements.txt").read_text())
    locked = _pins((ROOT / "requirements" / f"lock-py{python}.txt").read_text())
    assert len(wanted) > 20
    wrong = {name: (versions, locked.get(name)) for name, versions in wanted.items()
             if locked.get(name) != versions}
    assert not wrong, f"requirements.txt and lock-py{python}.txt disagree (run make lock): {wrong}"


@pytest.mark.parametrize("python", PYTHONS)
def test_every_locked_package_has_a_hash(python):
    text = (ROOT / "requirements" / f"lock-py{python}.txt").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    packages = [entry for entry in entries if PIN.match(entry)]
    assert len(packages) > 100
    unhashed = [entry.split()[0] for entry in packages if "--hash=sha256:" not in entry]
    assert not unhashed
