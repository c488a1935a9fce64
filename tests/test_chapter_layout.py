"""Every chapter teaches first and proves underneath (tests/chapter_layout.py).

The rules are CONTRIBUTING.md's "How a chapter page is laid out"; the browser
test measures the same pages as rendered (share of the page height in visible
code, nothing cut off, figure text of at least 10 px).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chapter_layout import measure, prose_sentences
from tests.page_layout import svg_text_sizes

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "book").glob("[0-9][0-9]_*.ipynb"))

#: The checks (``assert`` statements and ``assert_*`` calls, counted by
#: tests.chapter_layout.count_checks) of each chapter before the teach-first
#: rewrite (898 in all, commit 79c57ce). Folding moves checks, it does not
#: drop them: a chapter may only fall below its count by checks that could not
#: fail, each listed here with the reason.
CHECKS_BEFORE = {
    "01": 26, "02": 41, "03": 65, "04": 64, "05": 38, "06": 93, "07": 96,
    "08": 41, "09": 45, "10": 85, "11": 64, "12": 85, "13": 104, "14": 51,
}
#: Checks removed because they could not fail: chapter -> [(what, why)].
REMOVED_UNABLE_TO_FAIL: dict[str, list[tuple[str, str]]] = {}

MIN_FIGURES_IN_ALL = 56
MAX_WORDS_PER_SENTENCE = 21.0
MAX_SHARE_OVER_30 = 0.10


def test_every_chapter_is_measured():
    assert [p.name[:2] for p in CHAPTERS] == sorted(CHECKS_BEFORE)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_layout(path):
    layout = measure(path)
    assert layout.problems == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_check_lost(path):
    key = path.name[:2]
    floor = CHECKS_BEFORE[key] - len(REMOVED_UNABLE_TO_FAIL.get(key, []))
    assert measure(path).checks >= floor


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_sentences_read(path):
    layout = measure(path)
    assert layout.words_per_sentence <= MAX_WORDS_PER_SENTENCE
    assert layout.share_over_30 <= MAX_SHARE_OVER_30


def test_figures_in_all():
    assert sum(len(measure(p).figures) for p in CHAPTERS) >= MIN_FIGURES_IN_ALL


def test_sentence_splitter():
    text = (
        "# A heading\n\nThe first sentence has six words. The second one, with $x^2$"
        " and {eq}`eq-x`, is here.\n\n```python\nprint('not prose. No.')\n```\n\n"
        "$$\na = b. C\n$$\n\n```{prf:proof}\n:label: x\nA proof is prose too.\n```\n"
    )
    assert prose_sentences(text) == [
        "The first sentence has six words.",
        "The second one, with X and eq-x, is here.",
        "A proof is prose too.",
    ]


def test_svg_text_sizes_reads_matplotlib_text():
    svg = (
        '<svg width="100pt" height="50pt" viewBox="0 0 100 50">'
        '<g transform="translate(1 2) scale(0.11 -0.11)"><use xlink:href="#a"/></g>'
        '<g transform="translate(1 2) rotate(-90) scale(0.12 -0.12)">'
        '<use xlink:href="#b" transform="translate(0 0.7)"/>'
        '<use xlink:href="#c" transform="translate(63 42) scale(0.7)"/></g></svg>'
    )
    width, sizes = svg_text_sizes(svg)
    assert width == 100
    assert sizes == pytest.approx([11, 12 * 0.7])
    with pytest.raises(ValueError, match="viewBox"):
        svg_text_sizes("<svg></svg>")
