"""The built website, as a reader's browser sees it.

Serves ``_build/html`` on 127.0.0.1 and opens every page in headless Chromium
(Debian's ``chromium`` package, driven by Playwright). Each page must:

* render all of its mathematics with the MathJax shipped in the build (no raw
  TeX left outside code, no MathJax error),
* load every image,
* log no console error and raise no JavaScript exception,
* show no traceback or stderr output from a notebook cell,
* make no request that leaves 127.0.0.1 (no CDN, no fonts, no analytics),
* give every image in the text an alt text that says what it shows (not a
  file name),
* link a favicon that loads; ``/favicon.ico`` exists as well;
* if it is a chapter, teach first and fit the window (tests/page_layout.py):
  at most a quarter of its height visible code, no visible cell over 15
  lines, nothing cut off or scrolling sideways (equations, proofs, outputs,
  tables), every figure SVG with no text under 10 CSS px, at least 3 figures;
* give every rendered formula an accessible representation (MathJax's
  assistive MathML, a ``<math>`` element that screen readers speak).

Accessibility (WCAG 2.1 AA; book/accessibility.md says what is checked):

* axe-core (bundled with axe-playwright-python, so nothing is fetched) runs
  every rule tagged wcag2a, wcag2aa, wcag21a or wcag21aa, the experimental
  ones among them included, on every page of the site (Sphinx's index and
  search pages too, the search with results shown), in the light and in the
  dark colour mode: no violation is allowed;
* a keyboard walk through a chapter with folded code cells and exercise
  solutions: the first Tab reaches the skip link, which moves focus to the
  content; every element that Tab reaches shows a focus indicator (an outline
  or a box shadow); the table of contents, the search, the folded cells and
  the solutions are reached with Tab and work with Enter and Space.

Run after ``make book`` (``make test`` builds first). Without Chromium the
test skips with a message, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser_site import ROOT, SET_MODE, SITE, VIEWPORT, browser, open_page, server
from tests.page_layout import layout_problems, measure_loaded

__all__ = ["browser", "server"]  # the fixtures, imported for pytest
# Pages Sphinx generates that have no content of ours.
SKIP_PAGES = {"genindex.html", "search.html", "py-modindex.html"}


def _pages() -> list[str]:
    if not SITE.is_dir():
        return []
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE).as_posix()
        if rel.startswith(("_static/", "_sources/", "_images/")) or rel in SKIP_PAGES:
            continue
        if rel.startswith("."):  # not the book's: a stray page from a hidden folder
            continue
        if rel == "index.html":  # a redirect to the preface, which is tested itself
            continue
        pages.append(rel)
    return pages


PAGES = _pages()
# The accessibility audit covers Sphinx's own pages as well; the search page is
# audited with results on it.
A11Y_PAGES = PAGES + [
    page if page != "search.html" else "search.html?q=entropy"
    for page in sorted(SKIP_PAGES)
    if (SITE / page).is_file()
]
# Runs in the page after MathJax has finished: what a reader would see wrong.
_INSPECT = """
() => {
  const article = document.querySelector('article') || document.body;
  const mathNodes = Array.from(article.querySelectorAll('.math'));
  const unrendered = mathNodes.filter(el => !el.querySelector('mjx-container'))
                              .map(el => el.textContent.slice(0, 80));
  const clone = article.cloneNode(true);
  clone.querySelectorAll('pre, code, .highlight, mjx-container, script, style')
       .forEach(el => el.remove());
  const text = clone.textContent;
  const rawTex = ['$$', '\\\\begin{', '\\\\(', '\\\\[', '\\\\frac', '\\\\sum']
                   .filter(token => text.includes(token));
  const brokenImages = Array.from(document.images)
      .filter(img => !(img.complete && img.naturalWidth > 0))
      .map(img => img.getAttribute('src'));
  const fileName = /\\.(png|jpe?g|gif|svg|webp)$|^[0-9a-f]{32,}$/i;
  const badAlt = Array.from(article.querySelectorAll('img'))
      .filter(img => {
        const alt = (img.getAttribute('alt') || '').trim();
        return alt.length < 15 || fileName.test(alt);
      })
      .map(img => `${img.getAttribute('src')} alt=${JSON.stringify(img.getAttribute('alt'))}`);
  // Code cells are at most 88 characters wide: none may run past its box.
  const cutCode = Array.from(article.querySelectorAll('div.cell_input pre'))
      .filter(pre => pre.scrollWidth > pre.clientWidth + 1)
      .map(pre => pre.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), ''));
  // What a screen reader gets of each formula: MathJax's assistive MathML.
  const silentMath = Array.from(article.querySelectorAll('mjx-container'))
      .filter(c => !c.querySelector('mjx-assistive-mml > math') && !c.getAttribute('aria-label'))
      .map(c => c.textContent.slice(0, 60));
  const icon = document.querySelector('link[rel~="icon"]');
  const fullText = document.body.textContent;
  return {
    mathCount: mathNodes.length,
    unrendered: unrendered,
    rawTex: rawTex,
    mathErrors: document.querySelectorAll('mjx-merror, .MathJax_Error').length,
    silentMath: silentMath,
    brokenImages: brokenImages,
    badAlt: badAlt,
    cutCode: cutCode,
    icon: icon ? icon.href : null,
    traceback: fullText.includes('Traceback (most recent call last)'),
    errorOutputs: document.querySelectorAll(
      '.output.traceback, .output.stderr, .cell_output .stderr').length,
  };
}
"""


@pytest.mark.parametrize("page_path", PAGES or ["(no pages built)"])
def test_page_renders_offline(server: str, browser, page_path: str) -> None:
    console_errors: list[str] = []
    outside: list[str] = []
    page = browser.new_page(viewport=VIEWPORT)
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console_errors.append(f"uncaught: {exc}"))

    def guard(route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        has_math = page.evaluate("() => document.querySelectorAll('.math').length > 0")
        if has_math:
            page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000
            )
            page.evaluate("() => MathJax.startup.promise")
        page.wait_for_load_state("networkidle")
        report = page.evaluate(_INSPECT)
        chapter = re.fullmatch(r"book/\d\d_\w+\.html", page_path)
        layout = layout_problems(measure_loaded(page)) if chapter else []
    finally:
        page.close()

    assert not outside, f"{page_path} requested addresses outside 127.0.0.1: {outside}"
    assert not console_errors, f"{page_path} logged console errors: {console_errors}"
    assert report["unrendered"] == [], (
        f"{page_path}: math left unrendered: {report['unrendered'][:5]}"
    )
    assert report["rawTex"] == [], f"{page_path}: raw TeX in the text: {report['rawTex']}"
    assert report["mathErrors"] == 0, f"{page_path}: {report['mathErrors']} MathJax errors"
    assert report["silentMath"] == [], (
        f"{page_path}: formulas without assistive MathML: {report['silentMath'][:5]}"
    )
    assert report["brokenImages"] == [], (
        f"{page_path}: images that did not load: {report['brokenImages']}"
    )
    assert report["badAlt"] == [], (
        f"{page_path}: images without a real alt text: {report['badAlt']}"
    )
    assert report["cutCode"] == [], (
        f"{page_path}: code running past its box at {VIEWPORT['width']} px: "
        f"{report['cutCode'][:3]}"
    )
    assert report["icon"], f"{page_path} links no favicon"
    assert not report["traceback"], f"{page_path} shows a Python traceback"
    assert report["errorOutputs"] == 0, f"{page_path} shows error or stderr cell outputs"
    assert layout == [], f"{page_path} at {VIEWPORT['width']} px: {layout}"


def test_every_chapter_was_built() -> None:
    """Each notebook and Markdown page in book/ is a page of the site."""
    sources = sorted(p.stem for p in (ROOT / "book").glob("*") if p.suffix in {".ipynb", ".md"})
    built = {Path(p).stem for p in PAGES}
    missing = [s for s in sources if s not in built]
    assert not missing, f"in book/ but not in the site (add them to _toc.yml): {missing}"


def test_math_was_found_somewhere(server: str, browser) -> None:
    """Guard against a vacuous pass: the preface and chapter 1 do contain math."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/book/01_information_theory.html", wait_until="load")
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
        rendered = page.evaluate("() => document.querySelectorAll('mjx-container').length")
    finally:
        page.close()
    assert rendered >= 5, f"expected rendered equations in chapter 1, found {rendered}"


def test_favicon_and_logo(server: str) -> None:
    """``/favicon.ico`` is there (no 404), and so are the icon and logo the pages link."""
    from urllib.request import urlopen

    with urlopen(f"{server}/favicon.ico") as response:
        assert response.status == 200
        assert response.read(4) == b"\x00\x00\x01\x00", "/favicon.ico is not an icon file"
    for path in ("_static/favicon.png", "_static/logo.svg"):
        with urlopen(f"{server}/{path}") as response:
            assert response.status == 200 and response.read(), f"{path} is empty"


# --- Accessibility -------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MODES = ("light", "dark")

# The ids of every axe rule with one of AXE_TAGS. Asking for them by id also runs
# the experimental ones (label-content-name-mismatch among them), which a run by
# tag leaves out.
_AXE_RULES = "(tags) => axe.getRules(tags).map(rule => rule.ruleId)"
_AXE_RUN = """
(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules},
                              resultTypes: ['violations']})
"""

def _open(browser, server: str, page_path: str):
    """Open a page as a reader does (tests.browser_site.open_page); wait for search results."""
    page, _ = open_page(browser, server, page_path)
    if page_path.startswith("search.html?"):
        page.wait_for_selector("#search-results .search-summary", state="attached")
    return page


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}")
        for node in v["nodes"][:3]:
            summary = " ".join(node.get("failureSummary", "").split())[:200]
            lines.append(f"      {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("page_path", A11Y_PAGES or ["(no pages built)"])
def test_axe_finds_no_violation(server: str, browser, page_path: str) -> None:
    """axe-core: no WCAG 2.0/2.1 A or AA violation, in either colour mode."""
    page = _open(browser, server, page_path)
    found = {}
    try:
        page.evaluate(AXE_SCRIPT)
        rules = page.evaluate(_AXE_RULES, AXE_TAGS)
        assert len(rules) >= 50, f"only {len(rules)} axe rules for {AXE_TAGS}"
        assert "label-content-name-mismatch" in rules and "color-contrast" in rules
        backgrounds = set()
        for mode in MODES:
            page.evaluate(SET_MODE, mode)
            page.wait_for_timeout(300)  # let any colour transition finish
            assert page.evaluate("() => document.documentElement.dataset.theme") == mode
            backgrounds.add(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))
            found[mode] = page.evaluate(_AXE_RUN, rules)["violations"]
    finally:
        page.close()
    assert len(backgrounds) == 2, f"{page_path}: the colour modes look the same: {backgrounds}"
    report = "\n".join(
        f"{mode} mode:\n{_describe(violations)}" for mode, violations in found.items() if violations
    )
    assert not report, f"{page_path}: axe-core violations\n{report}"


# Runs on the focused element: what it is and how its focus shows.
_FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const kind =
    el.closest('#pst-skip-link') ? 'skip link' :
    el.closest('.bd-docs-nav') ? 'table of contents' :
    el.matches('.search-button__button') ? 'search' :
    el.matches('details.hide > summary') ? 'folded cell' :
    el.matches('.dropdown .toggle-button') ? 'solution' :
    el.closest('.bd-toc, .page-toc') ? 'page contents' :
    el.tagName === 'A' ? 'link' :
    el.tagName === 'BUTTON' ? 'button' : el.tagName.toLowerCase();
  const transparent = c => c === 'transparent' || /rgba\\([^)]*,\\s*0\\)$/.test(c);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 &&
                  !transparent(style.outlineColor);
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  return {
    kind: kind,
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.textContent || el.outerHTML).trim().slice(0, 50),
    href: el.getAttribute('href'),
    visible: rect.width > 0 && rect.height > 0,
    indicator: outline || shadow,
    focusVisible: el.matches(':focus-visible'),
  };
}
"""

KEYBOARD_KINDS = ("skip link", "table of contents", "search", "folded cell", "solution")


def _walk_page() -> str:
    """A chapter with folded code cells and exercise solutions, where every kind of stop is."""
    for path in PAGES:
        source = (SITE / path).read_text(encoding="utf-8")
        if "tag_hide-input" in source and "solution dropdown" in source:
            return path
    pytest.fail("no chapter with both a folded code cell and a solution dropdown")


def _tab_to(page, kind: str, limit: int = 600) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused and focused["kind"] == kind:
            return focused
    pytest.fail(f"Tab never reached a {kind} in {limit} steps")


def test_skip_link_moves_focus_to_the_content(server: str, browser) -> None:
    page = _open(browser, server, _walk_page())
    try:
        page.keyboard.press("Tab")
        first = page.evaluate(_FOCUSED)
        assert first and first["kind"] == "skip link", f"the first Tab stop is {first}"
        assert first["visible"] and first["indicator"], "the skip link does not show when focused"
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#main-content"
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('#main-content')")
        assert inside, f"after the skip link, Tab goes to {page.evaluate(_FOCUSED)}"
    finally:
        page.close()


def test_keyboard_walk_shows_focus_everywhere(server: str, browser) -> None:
    """Tab through a whole chapter: every stop shows its focus; every kind is reached."""
    page = _open(browser, server, _walk_page())
    stops: list[dict] = []
    try:
        for _ in range(2000):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused is None or (stops and focused == stops[0]):
                break  # back at the start of the page
            stops.append(focused)
        else:
            pytest.fail("Tab did not come back to the start within 2000 stops")
    finally:
        page.close()
    assert len(stops) >= 30, f"only {len(stops)} Tab stops"
    kinds = {stop["kind"] for stop in stops}
    missing = [kind for kind in KEYBOARD_KINDS if kind not in kinds]
    assert not missing, f"Tab never reaches: {missing} (reached {sorted(kinds)})"
    hidden = [stop for stop in stops if not stop["visible"]]
    assert not hidden, f"Tab stops that cannot be seen: {hidden[:5]}"
    unmarked = [stop for stop in stops if not (stop["indicator"] and stop["focusVisible"])]
    assert not unmarked, f"Tab stops without a visible focus indicator: {unmarked[:5]}"


def test_folded_cell_opens_with_enter_and_space(server: str, browser) -> None:
    page = _open(browser, server, _walk_page())
    try:
        _tab_to(page, "folded cell")
        is_open = "() => document.activeElement.closest('details').open"
        assert not page.evaluate(is_open)
        page.keyboard.press("Enter")
        assert page.evaluate(is_open), "Enter does not open a folded cell"
        code = "() => document.activeElement.closest('details').querySelector('.cell_input')"
        assert page.evaluate(f"() => ({code})().getBoundingClientRect().height > 0")
        page.keyboard.press("Space")
        assert not page.evaluate(is_open), "Space does not close a folded cell"
        page.keyboard.press("Space")
        assert page.evaluate(is_open), "Space does not open a folded cell"
    finally:
        page.close()


def test_solution_opens_with_enter_and_space(server: str, browser) -> None:
    page = _open(browser, server, _walk_page())
    shown = """() => {
      const box = document.activeElement.closest('.dropdown');
      const body = box.querySelector('section, .admonition-title ~ *');
      return [document.activeElement.getAttribute('aria-expanded'),
              body.getBoundingClientRect().height > 0];
    }"""
    try:
        _tab_to(page, "solution")
        assert page.evaluate(shown) == ["false", False], "a solution is open before it is asked for"
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # the dropdown's opening transition
        assert page.evaluate(shown) == ["true", True], "Enter does not open a solution"
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert page.evaluate(shown) == ["false", False], "Space does not close a solution"
    finally:
        page.close()


def test_table_of_contents_works_with_the_keyboard(server: str, browser) -> None:
    start = _walk_page()
    page = _open(browser, server, start)
    try:
        for _ in range(60):
            link = _tab_to(page, "table of contents")
            href = link["href"] or "#"
            if not href.startswith("#") and Path(start).name not in href:
                break
        else:
            pytest.fail("no link to another page in the table of contents")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.split("#")[0].endswith(Path(link["href"]).name), (
            f"Enter on {link} went to {page.url}"
        )
    finally:
        page.close()


def test_search_works_with_the_keyboard(server: str, browser) -> None:
    page = _open(browser, server, _walk_page())
    try:
        _tab_to(page, "search")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.matches('input[name=q]')")
        page.keyboard.type("entropy")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "search.html?q=entropy" in page.url
        page.wait_for_selector("#search-results .search-summary", state="attached")
        hits = page.evaluate("() => document.querySelectorAll('#search-results li a').length")
        assert hits >= 3, f"{hits} search results for 'entropy'"
    finally:
        page.close()


def test_formulas_are_spoken_as_mathml(server: str, browser) -> None:
    """A screen reader reads the MathML copy; the drawn formula is hidden from it."""
    page = _open(browser, server, "book/01_information_theory.html")
    try:
        report = page.evaluate(
            """() => {
              const all = Array.from(document.querySelectorAll('article mjx-container'));
              const math = c => c.querySelector('mjx-assistive-mml > math');
              return {
                count: all.length,
                spoken: all.filter(c => math(c) && math(c).querySelector('mi, mn, mo')).length,
                drawnHidden: all.filter(
                  c => c.querySelector(':scope > mjx-math[aria-hidden="true"]')).length,
                example: all.length ? (math(all[0]) || {}).outerHTML : null,
              };
            }"""
        )
    finally:
        page.close()
    assert report["count"] >= 5, report
    assert report["spoken"] == report["count"], f"formulas without MathML: {report}"
    assert report["drawnHidden"] == report["count"], f"drawn formulas read twice: {report}"
