"""Draw the book's logo and favicon: the binary entropy curve as a small mark.

    python tools/draw_logo.py

Writes ``book/_static/logo.svg`` (the site's navbar and the PDF's title page),
``book/_static/favicon.png`` (the icon the pages link to) and
``book/_static/favicon.ico`` (copied to the site's root, so a browser that asks
for ``/favicon.ico`` finds it). The curve is H_b(p) = -p log2 p - (1-p) log2(1-p)
over a baseline, with a dot at its maximum, 1 bit at p = 1/2. The output is
byte-for-byte the same on every run (fixed SVG hash salt, no dates).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "book" / "_static"
BLUE = "#1f5fa8"
ORANGE = "#e07b1a"


def binary_entropy(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    return np.nan_to_num(h, nan=0.0)


def draw(size_in: float, line: float, dot: float, frame: bool) -> plt.Figure:
    p = np.linspace(0.0, 1.0, 401)
    fig = plt.figure(figsize=(size_in, size_in))
    ax = fig.add_axes((0.08, 0.08, 0.84, 0.84))
    if frame:
        ax.add_patch(
            matplotlib.patches.FancyBboxPatch(
                (-0.04, -0.04), 1.08, 1.08, boxstyle="round,pad=0,rounding_size=0.16",
                facecolor="white", edgecolor=BLUE, linewidth=line * 0.45,
            )
        )
    ax.plot([0.06, 0.94], [0.16, 0.16], color=BLUE, linewidth=line * 0.35,
            solid_capstyle="round")
    ax.plot(0.06 + 0.88 * p, 0.16 + 0.68 * binary_entropy(p), color=BLUE, linewidth=line,
            solid_capstyle="round")
    ax.plot([0.5], [0.84], "o", color=ORANGE, markersize=dot)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_axis_off()
    return fig


def main() -> int:
    STATIC.mkdir(parents=True, exist_ok=True)
    plt.rcParams["svg.hashsalt"] = "kltools-logo"
    fig = draw(1.6, line=6.0, dot=9.0, frame=True)
    fig.savefig(STATIC / "logo.svg", transparent=True, metadata={"Date": None})
    plt.close(fig)

    fig = draw(0.64, line=4.0, dot=5.0, frame=True)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, transparent=True, metadata={"Software": None})
    plt.close(fig)
    icon = Image.open(buffer).convert("RGBA")  # 64 x 64
    icon.save(STATIC / "favicon.png", optimize=True)
    icon.save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    for name in ("logo.svg", "favicon.png", "favicon.ico"):
        print(STATIC / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
