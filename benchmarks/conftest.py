"""Shared set-up of the kltools benchmarks (``make bench``; not part of ``make test``).

Every benchmark times one implementation of one quantity on one input size and
records the median in :data:`MEDIANS`. When the session ends, the medians, their
ratios and the machine they were measured on are written to
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

#: Input sizes (number of float64 elements of each input array).
SIZES = (10**3, 10**5, 10**7)

#: (quantity, case, n) -> {implementation: median seconds}
MEDIANS: dict[tuple[str, str, int], dict[str, float]] = {}

RESULTS = Path(__file__).with_name("RESULTS.md")
IMPLEMENTATIONS = ("naive", "scipy", "torch", "kltools")
TARGET_NAIVE = 2.0  # at the largest size: kltools within 2x of the naive expression
TARGET_SCIPY = 1.0  # and no slower than SciPy
TARGET_SKLEARN = 1.0  # mutual information: no slower than scikit-learn


def rounds_for(n: int) -> int:
    """Return the timed rounds per benchmark: enough for a stable median, few for big arrays."""
    return {10**3: 200, 10**5: 30, 10**6: 15}.get(n, 5)


def run(benchmark, quantity: str, case: str, n: int, impl: str, func, *args) -> None:
    """Time ``func(*args)`` with pytest-benchmark and record its median."""
    benchmark.group = f"{quantity} ({case}), n={n:.0e}"
    benchmark.extra_info.update(quantity=quantity, case=case, n=n, implementation=impl)
    result = benchmark.pedantic(
        func, args=args, rounds=rounds_for(n), iterations=1, warmup_rounds=1
    )
    assert np.all(np.isfinite(result)), f"{impl} gave a non-finite {quantity}"
    MEDIANS.setdefault((quantity, case, n), {})[impl] = benchmark.stats.stats.median


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _fmt_ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    ms = seconds * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:.2f}"


def _markdown() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    lines = [
        "# kltools benchmarks",
        "",
        "Written by `make bench` (`python -m pytest benchmarks`); do not edit by hand.",
        "Each entry is the median wall-clock time of one call, in milliseconds, on the",
        "same float64 arrays for every implementation. *naive* is the one-line NumPy",
        "expression (fast, but not exact: it overflows, loses digits or returns NaN on",
        "the inputs the book's numerics chapter shows); *scipy* the nearest SciPy",
        "function; *torch* PyTorch on the CPU (`-` when it is not installed).",
        "kltools times include its input validation.",
        "",
        "## Machine",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- CPU: {_cpu()}, {os.cpu_count()} logical cores",
        f"- platform: {platform.platform()}",
        f"- Python {platform.python_version()}, NumPy {np.__version__}, "
        f"SciPy {_version('scipy')}, PyTorch {_version('torch')}, "
        f"kltools {_version('kltools')}, pytest-benchmark {_version('pytest-benchmark')}",
    ]
    if load is not None:
        lines.append(
            f"- load average at the end of the run: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min); "
            "a load above the number of cores means other processes shared the machine"
        )
    lines += [
        "",
        "## Medians (ms) and ratios",
        "",
        "| quantity | inputs | n | naive | scipy | torch | kltools "
        "| kltools / naive | kltools / scipy |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (quantity, case, n), t in sorted(MEDIANS.items()):
        cells = [_fmt_ms(t.get(impl)) for impl in IMPLEMENTATIONS]
        lines.append(
            f"| {quantity} | {case} | {n:.0e} | " + " | ".join(cells) + " | "
            f"{_ratio(t.get('kltools'), t.get('naive'))} | "
            f"{_ratio(t.get('kltools'), t.get('scipy'))} |"
        )
    big = max(SIZES)
    lines += [
        "",
        f"## Targets at n = {big:.0e}",
        "",
        f"kltools within {TARGET_NAIVE:g}x of the naive expression and no slower than SciPy "
        "(ratios of medians from this run).",
        "",
        "| quantity | inputs | kltools / naive | met | kltools / scipy | met |",
        "| --- | --- | ---: | :---: | ---: | :---: |",
    ]
    for (quantity, case, n), t in sorted(MEDIANS.items()):
        if n != big or "kltools" not in t:
            continue
        rn = t["kltools"] / t["naive"] if "naive" in t else None
        rs = t["kltools"] / t["scipy"] if "scipy" in t else None
        lines.append(
            f"| {quantity} | {case} | {_ratio(t['kltools'], t.get('naive'))} | "
            f"{'-' if rn is None else ('yes' if rn <= TARGET_NAIVE else 'no')} | "
            f"{_ratio(t['kltools'], t.get('scipy'))} | "
            f"{'-' if rs is None else ('yes' if rs <= TARGET_SCIPY else 'no')} |"
        )
    mi = [(key, t) for key, t in sorted(MEDIANS.items()) if "sklearn" in t]
    if mi:
        lines += [
            "",
            "## Mutual information",
            "",
            "*sklearn* is `sklearn.metrics.mutual_info_score` on the integer contingency",
            "table; *scipy* is `scipy.stats.entropy` of the table and the product of its",
            f"marginals. Targets: kltools within {TARGET_NAIVE:g}x of the naive expression",
            f"and no slower than scikit-learn (ratio <= {TARGET_SKLEARN:g}).",
            "",
            "| inputs | naive | scipy | sklearn | kltools | kltools / naive | met "
            "| kltools / sklearn | met |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | :---: |",
        ]
        for (_, case, _), t in mi:
            rn = t["kltools"] / t["naive"] if "kltools" in t and "naive" in t else None
            rk = t["kltools"] / t["sklearn"] if "kltools" in t else None
            cells = [_fmt_ms(t.get(impl)) for impl in ("naive", "scipy", "sklearn", "kltools")]
            lines.append(
                f"| {case} | " + " | ".join(cells) + " | "
                f"{_ratio(t.get('kltools'), t.get('naive'))} | "
                f"{'-' if rn is None else ('yes' if rn <= TARGET_NAIVE else 'no')} | "
                f"{_ratio(t.get('kltools'), t.get('sklearn'))} | "
                f"{'-' if rk is None else ('yes' if rk <= TARGET_SKLEARN else 'no')} |"
            )
    return "\n".join(lines) + "\n"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write RESULTS.md once every size of every quantity has been timed."""
    if not MEDIANS or getattr(session.config.option, "benchmark_disable", False):
        return
    if session.testsfailed:
        failed = session.testsfailed
        print(f"\nbenchmarks: {failed} failed; {RESULTS.name} not written", file=sys.stderr)
        return
    if getattr(session.config, "_kltools_partial", False):
        # A selection (-k ...): print the table, keep the full run's RESULTS.md.
        print("\nbenchmarks: a subset was run; RESULTS.md not written\n\n" + _markdown())
        return
    RESULTS.write_text(_markdown())
    print(f"\nbenchmarks: wrote {RESULTS}")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Note whether this run times every case at every size with every implementation."""
    from test_speed import CASES

    full = len(CASES) * len(SIZES) * len(IMPLEMENTATIONS)
    session.config._kltools_partial = len(session.items) < full  # type: ignore[attr-defined]
