"""The book's figures: one style, drawn as SVG, the same bytes on every run.

A chapter's set-up cell calls :func:`use_book_style` once::

    from coursekit import figures
    figures.use_book_style()

It does three things:

* applies ``kltools/book.mplstyle`` (Okabe-Ito colours paired with line
  styles, text of at least 10 pt);
* makes the notebook's inline figures SVG instead of PNG: vector figures are
  sharp on high-density screens and in the printed PDF, and their text sizes
  can be read back from the file (the browser test checks that no text in a
  figure is under 10 CSS px at the width the page shows it);
* drops the creation date from the SVG metadata, so that executing a chapter
  twice gives the same output byte for byte (nbval compares them; the
  style's ``svg.hashsalt`` fixes the element ids).

Outside IPython (a plain script) only the style is applied.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

__all__ = ["use_book_style"]

# What IPython's inline backend passes to savefig for every figure it shows.
PRINT_FIGURE_KWARGS = {"bbox_inches": "tight", "metadata": {"Date": None}}


def use_book_style() -> None:
    """Apply the book's matplotlib style and show figures as deterministic SVG."""
    plt.style.use("kltools.book")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the book's environment
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
    shell.run_line_magic(
        "config", f"InlineBackend.print_figure_kwargs = {PRINT_FIGURE_KWARGS!r}"
    )
