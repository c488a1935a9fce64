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
* link a favicon that loads; ``/favicon.ico`` exists as well.

Run after ``make book`` (``make test`` builds first). Without Chromium the
test skips with a message, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
# Pages Sphinx generates that have no content of ours.
SKIP_PAGES = {"genindex.html", "search.html", "py-modindex.html"}


def _find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _pages() -> list[str]:
    if not SITE.is_dir():
        return []
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE).as_posix()
        if rel.startswith(("_static/", "_sources/", "_images/")) or rel in SKIP_PAGES:
            continue
        if rel == "index.html":  # a redirect to the preface, which is tested itself
            continue
        pages.append(rel)
    return pages


PAGES = _pages()
# A common laptop window: book.css keeps an 88-character code line whole from
# 1280 px on.
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not PAGES:
        pytest.fail(f"no built site in {SITE}: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def browser():
    chromium = _find_chromium()
    if chromium is None:
        message = (
            "Chromium not found (looked for /usr/bin/chromium): install Debian's "
            "`chromium` package (apt-get install chromium) to run the browser test"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
  const icon = document.querySelector('link[rel~="icon"]');
  const fullText = document.body.textContent;
  return {
    mathCount: mathNodes.length,
    unrendered: unrendered,
    rawTex: rawTex,
    mathErrors: document.querySelectorAll('mjx-merror, .MathJax_Error').length,
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
    finally:
        page.close()

    assert not outside, f"{page_path} requested addresses outside 127.0.0.1: {outside}"
    assert not console_errors, f"{page_path} logged console errors: {console_errors}"
    assert report["unrendered"] == [], (
        f"{page_path}: math left unrendered: {report['unrendered'][:5]}"
    )
    assert report["rawTex"] == [], f"{page_path}: raw TeX in the text: {report['rawTex']}"
    assert report["mathErrors"] == 0, f"{page_path}: {report['mathErrors']} MathJax errors"
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
