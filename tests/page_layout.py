"""The chapter pages as laid out at 1280 px: teaching first, nothing cut off, legible figures.

``tests/test_browser.py`` measures every chapter page of the built site with
:func:`measure_loaded` when it opens it (headless Chromium at 1280 x 800) and
asserts:

* at most :data:`MAX_CODE_SHARE` of the article's height is visible code
  (folded check cells and closed solutions take no height; their labels do);
* no visible code cell has more than 15 non-blank lines;
* nothing is cut off or scrolls sideways: display equations, proof lines,
  cell outputs, tables;
* every figure in a cell output is vector (SVG, drawn by
  coursekit.figures), and no text in it is under :data:`MIN_TEXT_PX` CSS
  pixels at the width the page shows it. The text sizes are read from the
  SVG: matplotlib writes each text run as glyphs under ``scale(s -s)`` (a
  font of ``100 s`` points) and shrinks exponents and indices with a nested
  ``scale(f)``; a point of the figure is ``shown width / viewBox width``
  CSS pixels.

``python -m tests.page_layout [SITE]`` prints the measurements of every
chapter of a built site (the closing note's table).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.browser_site import SITE

MAX_CODE_SHARE = 0.25
MAX_VISIBLE_LINES = 15
MIN_TEXT_PX = 10.0

_MEASURE = """
() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('article');
  const box = article.getBoundingClientRect();
  const height = r => r.getBoundingClientRect().height;
  // Shown: rendered, and not inside a closed <details> (a folded cell, a closed
  // solution), whose content Chromium lays out on demand when it is measured.
  const shown = el => !el.closest('details:not([open]) > :not(summary)')
      && (!el.checkVisibility || el.checkVisibility({contentVisibilityAuto: true,
                                                      visibilityProperty: true}))
      && el.getClientRects().length > 0;
  const inputs = Array.from(article.querySelectorAll('div.cell_input'))
      .filter(el => shown(el) && height(el) > 0);
  const codeHeight = inputs.reduce((sum, el) => sum + height(el), 0);
  const lines = inputs.map(el => (el.querySelector('pre') || el).textContent
      .split('\\n').filter(line => line.trim()).length);
  const wide = el => el.scrollWidth > el.clientWidth + 1
      || el.getBoundingClientRect().right > box.right + 1;
  const selectors = ['mjx-container[display="true"]', 'div.cell_output pre',
                     '.proof', '.prf\\\\:proof', 'table', 'div.cell_output', '.admonition'];
  const cut = [];
  for (const sel of selectors) {
    for (const el of article.querySelectorAll(sel)) {
      if (shown(el) && wide(el)) {
        cut.push(`${sel}: ${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 70)}`);
      }
    }
  }
  const figures = Array.from(article.querySelectorAll('div.cell_output img, figure img'))
      .filter(img => shown(img))
      .map(img => ({src: img.currentSrc || img.src, width: img.getBoundingClientRect().width,
                    alt: img.alt.slice(0, 50)}));
  return {pageHeight: box.height, codeHeight: codeHeight, lines: lines, cut: cut,
          figures: figures};
}
"""

_TEXT_GROUP = re.compile(
    r'<g transform="[^"]*?scale\(([0-9.e+-]+) -[0-9.e+-]+\)">(.*?)</g>', re.S
)
_INNER_SCALE = re.compile(r'<use [^>]*transform="[^"]*scale\(([0-9.e+-]+)\)"')
_VIEWBOX = re.compile(r'<svg[^>]*viewBox="[0-9.e+-]+ [0-9.e+-]+ ([0-9.e+-]+) [0-9.e+-]+"')


def svg_text_sizes(svg: str) -> tuple[float, list[float]]:
    """The viewBox width and the size in points of every text run of a matplotlib SVG."""
    viewbox = _VIEWBOX.search(svg)
    if not viewbox:
        raise ValueError("svg: no viewBox")
    sizes = []
    for group in _TEXT_GROUP.finditer(svg):
        points = 100 * float(group[1])
        shrink = [float(f) for f in _INNER_SCALE.findall(group[2])]
        sizes.append(points * min([1.0, *shrink]))
    return float(viewbox[1]), sizes


@cache
def _svg_of(src: str) -> str:
    return (SITE / unquote(urlsplit(src).path).lstrip("/")).read_text(encoding="utf-8")


def measure_loaded(page) -> dict:
    """The layout of a page already open at 1280 px (see the module's docstring)."""
    report = page.evaluate(_MEASURE)
    small, raster = [], []
    smallest = float("inf")
    for figure in report["figures"]:
        if not urlsplit(figure["src"]).path.endswith(".svg"):
            raster.append(figure["src"])
            continue
        width, sizes = svg_text_sizes(_svg_of(figure["src"]))
        px = min(sizes, default=float("inf")) * figure["width"] / width
        smallest = min(smallest, px)
        if px < MIN_TEXT_PX - 0.05:
            small.append(f"{Path(figure['src']).name} ({figure['alt']}...): {px:.1f} px")
    report.update(
        share=report["codeHeight"] / report["pageHeight"],
        small_text=small,
        raster=raster,
        smallest_text_px=smallest,
    )
    return report


def layout_problems(report: dict) -> list[str]:
    """What a chapter page's measurements break of the rules above."""
    problems = []
    if report["share"] > MAX_CODE_SHARE:
        problems.append(f"{100 * report['share']:.0f}% of the page height is visible code")
    if max(report["lines"], default=0) > MAX_VISIBLE_LINES:
        problems.append(f"a visible cell of {max(report['lines'])} lines")
    problems += [f"cut off or scrolling: {item}" for item in report["cut"]]
    problems += [f"raster figure (draw it as SVG): {src}" for src in report["raster"]]
    problems += [f"figure text under {MIN_TEXT_PX:.0f} px: {item}" for item in report["small_text"]]
    if len(report["figures"]) < 3:
        problems.append(f"{len(report['figures'])} figures")
    return problems


def main(argv: list[str]) -> None:  # pragma: no cover - a report for people
    """Print the measurements of every chapter of a built site (default: _build/html)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_site import CHROMIUM_ARGS, find_chromium, open_page, serve

    global SITE
    SITE = Path(argv[0]).resolve() if argv else SITE
    chapters = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("book/[0-9][0-9]_*.html"))
    with serve(SITE) as base, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        print("| page | height px | visible code | longest cell | figures | smallest text px"
              " | raster figures | cut off |")
        print("|---|---|---|---|---|---|---|---|")
        for page_path in chapters:
            page, _ = open_page(chromium, base, page_path)
            r = measure_loaded(page)
            page.close()
            print(f"| {Path(page_path).stem} | {r['pageHeight']:.0f} | {100 * r['share']:.0f}% "
                  f"| {max(r['lines'], default=0)} | {len(r['figures'])} "
                  f"| {r['smallest_text_px']:.1f} | {len(r['raster'])} | {len(r['cut'])} |")
            for item in r["cut"][:4]:
                print(f"|   | cut: {item} |")
        chromium.close()


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
