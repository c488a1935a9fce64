"""Print the environment that makes this machine compute like another CPU.

Usage: ``python tools/cpu_variant.py NAME`` prints ``VAR=value`` words for
``env`` (see the Makefile's ``portability`` target), one variant a call:

``avx2``
    NumPy without its AVX-512 code paths, OpenBLAS with its Haswell kernels:
    what a laptop or a hosted CI runner with AVX2 and no AVX-512 executes.
``baseline``
    NumPy at its x86-64-v2 baseline (SSE4.2, no AVX dispatch), OpenBLAS with
    its Nehalem kernels: the oldest x86-64 CPU NumPy 2 runs on.

NumPy refuses to disable a feature the CPU lacks, so only the features this
CPU has are listed: on a CPU without AVX-512, ``avx2`` is simply the default
code path. On a machine that is not x86-64 (an arm64 Mac, say) there is no
variant to emulate: the script says so on stderr and exits with status 3.
"""

from __future__ import annotations

import platform
import sys

VARIANTS = {
    "avx2": (["X86_V4", "AVX512_ICL", "AVX512_SPR"], "Haswell"),
    "baseline": (["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"], "Nehalem"),
}


def environment(name: str) -> list[str]:
    from numpy._core._multiarray_umath import __cpu_features__

    features, coretype = VARIANTS[name]
    present = [f for f in features if __cpu_features__.get(f, False)]
    words = [f"OPENBLAS_CORETYPE={coretype}"]
    if present:
        words.insert(0, "NPY_DISABLE_CPU_FEATURES=" + " ".join(present))
    return words


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in VARIANTS:
        print(f"usage: cpu_variant.py {{{','.join(VARIANTS)}}}", file=sys.stderr)
        return 2
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        print(f"no CPU variants on {platform.machine()}: run the default tests", file=sys.stderr)
        return 3
    print(" ".join(f"'{w}'" for w in environment(sys.argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
