"""What the browser tests share: the built site served on 127.0.0.1, and Chromium.

``tests/test_browser.py``, ``tests/test_quiz_browser.py`` and
``tests/test_layout_browser.py`` open the pages of ``_build/html`` in Debian's
headless Chromium (driven by Playwright). Their fixtures ``server`` and
``browser`` are defined here once and imported by each module.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

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
# A common laptop window: book.css keeps an 88-character code line whole from
# 1280 px on.
VIEWPORT = {"width": 1280, "height": 800}

# The theme's colour modes are data-theme (the colours in use) and data-mode
# (the reader's choice) on <html>; the theme's switch sets both and remembers
# the choice in localStorage, as this does.
SET_MODE = """
(mode) => {
  localStorage.setItem('mode', mode);
  document.documentElement.dataset.mode = mode;
  document.documentElement.dataset.theme = mode;
  return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}
"""


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path = SITE) -> Iterator[str]:
    """Serve a folder on 127.0.0.1, on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The built site on 127.0.0.1, on a free port."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run `make book` first")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium; skips without it, except under CI (``CI`` set), where it fails."""
    chromium = find_chromium()
    if chromium is None:
        message = (
            "Chromium not found (looked for /usr/bin/chromium): install Debian's "
            "`chromium` package (apt-get install chromium) to run the browser tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, server: str, page_path: str, viewport: dict | None = None):
    """Open a page as a reader does: offline, math typeset, nothing pending.

    Returns the page and the list that collects its console errors and
    uncaught exceptions.
    """
    page = browser.new_page(viewport=viewport or VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith((server, "data:", "blob:", "about:"))
        else route.abort(),
    )
    page.goto(f"{server}/{page_path}", wait_until="load")
    if page.evaluate("() => document.querySelectorAll('.math').length > 0"):
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000
        )
        page.evaluate("() => MathJax.startup.promise")
    page.wait_for_load_state("networkidle")
    return page, errors
