"""Course tools for the book's pages, apart from the kltools library.

``coursekit.quiz`` builds the self-check questions of the chapters: plain HTML
forms that check an answer in the reader's browser, with no kernel and no
network.
"""

from coursekit import quiz

__all__ = ["quiz"]
