"""Every number typed in the book's prose comes from a cell (or is a constant).

The checker is in ``prose_numbers.py``; the first test runs it on every
chapter and page, the others show that it catches what it must catch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from prose_numbers import typed_numbers, unbacked_in_file, unbacked_in_notebook, unbacked_in_page

BOOK = Path(__file__).resolve().parent.parent / "book"
PAGES = sorted(BOOK.glob("*.ipynb")) + sorted(BOOK.glob("*.md"))


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_every_typed_number_is_backed(path):
    bad = unbacked_in_file(path)
    assert not bad, "typed in the prose, printed by no cell:\n" + "\n".join(map(str, bad))


def test_the_book_has_pages_to_check():
    assert len(PAGES) >= 12


def _notebook(markdown: str, printed: str | None = None, glued: float | None = None) -> dict:
    cells = [{"cell_type": "markdown", "source": [markdown], "metadata": {}}]
    outputs = []
    if printed is not None:
        outputs.append({"output_type": "stream", "name": "stdout", "text": [printed]})
    if glued is not None:
        outputs.append(
            {
                "output_type": "display_data",
                "data": {"text/plain": [repr(glued)]},
                "metadata": {"scrapbook": {"name": "key", "mime_prefix": ""}},
            }
        )
    cells.append({"cell_type": "code", "source": ["x = 1"], "outputs": outputs, "metadata": {}})
    return {"cells": cells}


def test_catches_a_typed_number_no_cell_prints():
    nb = _notebook("The entropy is 4.1178 bits per letter.", printed="H = 4.2101 bits\n")
    bad = unbacked_in_notebook(nb, "ch")
    assert [b.text for b in bad] == ["4.1178"]
    assert str(bad[0]) == "ch cell 0: '4.1178'"


def test_catches_a_wrongly_rounded_number():
    # the cell prints 0.20752, so 0.2075 is right and 0.2076 is not
    assert not unbacked_in_notebook(_notebook("D = 0.2075 bits", printed="0.20752\n"))
    assert [b.text for b in unbacked_in_notebook(_notebook("D = 0.2076", printed="0.20752\n"))] == [
        "0.2076"
    ]


def test_catches_scientific_forms():
    for typed in ("1.25e-3", "1.2 \\times 10^{-3}", "1.2×10⁻³", "$4.3 \\times 10^{-18}$"):
        assert unbacked_in_notebook(_notebook(f"a loss of {typed}", printed="4.248e-18 0.0011\n"))
    for typed in ("4.248e-18", "4.2 \\times 10^{-18}", "4.25×10⁻¹⁸"):
        assert not unbacked_in_notebook(_notebook(f"a loss of {typed}", printed="4.248e-18\n"))


def test_accepts_printed_glued_and_percent_values():
    assert not unbacked_in_notebook(_notebook("sigma = 52.73", printed="sigma 52.7265\n"))
    assert not unbacked_in_notebook(_notebook("H = 0.1278 bits", glued=0.12783))
    assert not unbacked_in_notebook(_notebook("accuracy 96.7%", printed="0.96667\n"))


def test_accepts_constants_and_ignores_what_is_not_a_measurement():
    page = (
        "1 bit = ln 2 = 0.6931 nats; log2 6 = 2.585; pi = 3.1416; 1/8 = 0.125. "
        "scikit-learn 1.9.1; Example 2.2.1; {glue:text}`ch-h:.4f`; {doc}`08_bernoulli_bce`; "
        "[paper](https://arxiv.org/abs/1503.02531); 0.05 and 1.5 have fewer than 3 digits."
    )
    assert not unbacked_in_page(page)
    assert typed_numbers("```python\nx = 0.2075\n```") == []


def test_pages_allow_only_constants():
    bad = unbacked_in_page("The summary quotes 4.1178 bits.", "summary.md")
    assert [b.text for b in bad] == ["4.1178"]
