"""coursekit.figures: the book's style, and SVG figures that are the same on every run."""

from __future__ import annotations

import io

import IPython
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from coursekit import figures  # noqa: E402


class _Shell:
    def __init__(self) -> None:
        self.magics: list[tuple[str, str]] = []

    def run_line_magic(self, name: str, line: str) -> None:
        self.magics.append((name, line))


def test_outside_ipython_only_the_style(monkeypatch) -> None:
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    with plt.rc_context():
        figures.use_book_style()
        assert plt.rcParams["xtick.labelsize"] == 11
        assert plt.rcParams["svg.hashsalt"] == "kltools-book"


def test_in_ipython_svg_without_a_date(monkeypatch) -> None:
    shell = _Shell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    with plt.rc_context():
        figures.use_book_style()
    assert shell.magics[0] == ("config", "InlineBackend.figure_formats = ['svg']")
    assert "'Date': None" in shell.magics[1][1]


def test_the_same_figure_gives_the_same_svg() -> None:
    def draw() -> bytes:
        with plt.rc_context():
            plt.style.use("kltools.book")
            fig, ax = plt.subplots(figsize=(4, 3))
            ax.plot([0, 1], [1, 0], label="a line")
            ax.legend()
            out = io.BytesIO()
            fig.savefig(out, format="svg", **figures.PRINT_FIGURE_KWARGS)
            plt.close(fig)
            return out.getvalue()

    first, second = draw(), draw()
    assert first == second
    assert b"<dc:date>" not in first
