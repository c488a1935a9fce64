"""Course tools for the book's pages, apart from the kltools library.

``coursekit.quiz`` builds the self-check questions of the chapters: plain HTML
forms that check an answer in the reader's browser, with no kernel and no
network.

``coursekit.explore`` builds the explorables: controls a reader moves and
plots that follow, computed in the browser, checked against kltools.

``coursekit.figures`` applies the book's matplotlib style and draws the
chapters' figures as deterministic SVG.
"""

from coursekit import explore, figures, quiz

__all__ = ["explore", "figures", "quiz"]
