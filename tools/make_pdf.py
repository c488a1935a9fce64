"""The book as one PDF, printed from the single-page HTML build by Chromium.

    jupyter-book build . --builder singlehtml   # _build/singlehtml
    python tools/make_pdf.py [--out _build/pdf/book.pdf]

The single-page build is the website's HTML on one page, so chapter,
section, equation, figure and exercise numbers are the website's. This
script serves it on 127.0.0.1 (nothing else is fetched), opens it in
Debian's headless Chromium through Playwright, waits for MathJax (shipped in
the build) to typeset every formula, and prepares the page for paper:

* a title page and a table of contents with page numbers (two passes: the
  first PDF tells on which page each heading landed, read back with
  ``pdfinfo -dests``, and the second prints the numbers into the table,
  whose layout does not change);
* every chapter on a new page, navigation and buttons removed;
* solutions (website dropdowns) opened, each after its exercise;
* folded code cells (``hide-input``: checks, plotting code) print as their
  one-line label, "✓ 4 checks: ...", their outputs stay;
* code wrapped only at spaces, never inside a name or a number (lines are at
  most 88 characters, which fit the text block at 8.5 pt); a line that still
  does not fit stops the print with an error;
* the API reference is left to the website: its chapter in the PDF says so,
  with the address of the page;
* page numbers in the footer;
* a tagged PDF (headings, paragraphs, lists, tables and figures with their
  alt text in the structure tree, for screen readers) with an outline (PDF
  bookmarks) built from the headings. Chromium writes both in the one
  ``page.pdf`` call that makes the final file: nothing is merged afterwards, so
  nothing strips them (tests/test_pdf.py checks both).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PRINT_CSS = r"""
@page { size: A4; }
html, body { background: #fff !important; }
/* Shadows would be printed as bitmaps: flat boxes keep every figure the only image. */
/* (:not(#x) outranks the themes' own !important shadows.) */
*:not(#pdf-none) { box-shadow: none !important; text-shadow: none !important; }
body { font-size: 10.5pt; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer,
.bd-header-article, .header-article, .prev-next-area, .bd-footer-article,
.bd-footer-content, footer, #pst-back-to-top, .headerlink, .toggle-button,
#jb-print-docs-body, .skip-link, .search-button__wrapper, .pst-scrollable-table-container::after
{ display: none !important; }
/* A folded cell prints as its label, one line. */
details.hide.above-input { display: block !important; margin: 0.2em 0 !important; }
details.hide.above-input > :not(summary) { display: none !important; }
details.hide.above-input > summary { list-style: none; font-size: 8.5pt; color: #333;
  font-style: italic; padding: 0 !important; border: none !important; }
details.hide.above-input > summary::-webkit-details-marker { display: none; }
details.hide.above-input > summary .expanded { display: none !important; }
.bd-container, .bd-container__inner, .bd-page-width, .bd-main, .bd-content,
.bd-article-container, .bd-article { display: block !important; max-width: none !important;
  width: 100% !important; min-width: 0 !important; padding: 0 !important;
  margin: 0 !important; overflow: visible !important; }
.toggle-hidden, .solution.dropdown > *, .dropdown > * { display: block !important;
  visibility: visible !important; opacity: 1 !important; height: auto !important; }
pre, .highlight pre, div.cell_output pre, .output pre {
  white-space: pre-wrap !important; overflow-wrap: normal !important;
  word-break: normal !important; overflow: visible !important; max-height: none !important;
  font-size: 8.5pt !important; }
div.cell_output, .output { max-height: none !important; overflow: visible !important; }
mjx-container[display="true"] { overflow: visible !important; }
figure, img, table, .math, mjx-container, div.cell_input, .proof.admonition,
.exercise.admonition { break-inside: avoid; }
h1, h2, h3, h4 { break-after: avoid; }
img { max-width: 100% !important; }
table { font-size: 9pt; width: 100% !important; table-layout: auto; }
.pst-scrollable-table-container, .table-wrapper { overflow: visible !important; }
td, th { overflow-wrap: anywhere; hyphens: auto; }
td code, th code, td .pre, th .pre { white-space: normal !important; word-break: normal; }
section.pdf-chapter { break-before: page; }
.bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
#pdf-title { height: 240mm; display: flex; flex-direction: column;
  justify-content: center; align-items: center; text-align: center; break-after: page; }
#pdf-title .title { font-size: 28pt; font-weight: bold; margin: 1em 0 0.4em 0; }
#pdf-title .subtitle { font-size: 14pt; color: #444; }
#pdf-title .author { font-size: 13pt; margin-top: 2em; }
#pdf-title img { width: 42mm; }
#pdf-toc { break-after: page; font-size: 10.5pt; }
#pdf-toc .title { font-size: 20pt; font-weight: bold; margin-bottom: 0.6em; }
#pdf-toc .part { font-weight: bold; margin: 0.9em 0 0.2em 0; font-size: 11pt; }
#pdf-toc a { color: #000 !important; text-decoration: none !important;
  display: flex; align-items: baseline; }
#pdf-toc .entry { margin: 0.12em 0; break-inside: avoid; }
#pdf-toc .chapter { font-weight: 600; margin-top: 0.35em; }
#pdf-toc .section { padding-left: 2.2em; font-size: 9.5pt; }
#pdf-toc .leader { flex: 1; border-bottom: 1px dotted #888; margin: 0 0.4em; }
.pdf-mark { position: absolute; left: 0; top: 0; font-size: 2px; color: #fff; }
#pdf-toc .page { min-width: 2.2em; text-align: right; font-variant-numeric: tabular-nums; }
"""

PREPARE_JS = r"""
([parts, title, subtitle, author, logo, webOnly]) => {
  const article = document.querySelector('article.bd-article') || document.body;
  // Pages left to the website (the API reference): their title and a note.
  for (const [file, note] of Object.entries(webOnly)) {
    const anchor = document.getElementById('document-' + file);
    let section = anchor ? anchor.nextElementSibling : null;
    while (section && section.tagName !== 'SECTION') section = section.nextElementSibling;
    if (!section) throw new Error('no section for ' + file);
    const heading = section.querySelector('h1, h2');
    section.replaceChildren(heading);
    const p = document.createElement('p');
    p.textContent = note;
    section.appendChild(p);
  }
  // Links within the book point into this page: make them links within the PDF.
  const self = location.pathname.split('/').pop();
  document.querySelectorAll('a[href]').forEach(a => {
    const href = a.getAttribute('href');
    const hash = href.indexOf('#');
    if (hash > 0 && !/^[a-z]+:/.test(href)) a.setAttribute('href', href.slice(hash));
  });
  // Solutions: open the website's dropdowns.
  document.querySelectorAll('.toggle-hidden').forEach(el => el.classList.remove('toggle-hidden'));
  document.querySelectorAll('details.dropdown, .solution details').forEach(el => el.open = true);
  // Display equations wider than the text block are scaled down to fit it.
  document.querySelectorAll('mjx-container[display="true"]').forEach(el => {
    const box = el.parentElement;
    const eqno = box.querySelector('.eqno');
    const room = box.clientWidth - (eqno ? eqno.getBoundingClientRect().width + 8 : 0);
    const inner = el.firstElementChild ? el.firstElementChild.getBoundingClientRect().width : 0;
    if (inner > room && room > 0) {
      el.style.fontSize = `${Math.floor(100 * room / inner)}%`;
    }
  });
  let next = 0;
  const entry = (heading, cls) => {
    const id = 'pdf-' + (next++);
    heading.id = id;
    const clone = heading.cloneNode(true);
    clone.querySelectorAll('.headerlink').forEach(el => el.remove());
    // A marker the first passes find with pdftotext, out of the flow of text.
    const mark = document.createElement('span');
    mark.className = 'pdf-mark';
    mark.textContent = `[[${id}]]`;
    heading.style.position = 'relative';
    heading.appendChild(mark);
    return {id: id, html: clone.innerHTML.trim(), cls: cls};
  };
  const toc = [];
  for (const part of parts) {
    const items = [];
    for (const file of part.files) {
      const anchor = document.getElementById('document-' + file);
      let section = anchor ? anchor.nextElementSibling : null;
      while (section && section.tagName !== 'SECTION') section = section.nextElementSibling;
      if (!section && file === parts[0].files[0]) section = article.querySelector('section');
      if (!section) throw new Error('no section for ' + file);
      const heading = section.querySelector('h1, h2');
      // The title page carries the book's title; its first page is the preface.
      if (file === parts[0].files[0]) {
        heading.querySelectorAll('.headerlink').forEach(el => el.remove());
        heading.textContent = 'Preface';
      }
      if (file !== parts[0].files[0]) section.classList.add('pdf-chapter');
      items.push(entry(heading, 'chapter'));
      if (part.numbered) {
        for (const sub of section.querySelectorAll(':scope > section > h3')) {
          items.push(entry(sub, 'section'));
        }
      }
    }
    toc.push({caption: part.caption, items: items});
  }
  const titlePage = document.createElement('div');
  titlePage.id = 'pdf-title';
  titlePage.innerHTML = (logo ? `<img src="${logo}" alt="">` : '') +
    `<div class="title">${title}</div><div class="subtitle">${subtitle}</div>` +
    `<div class="author">${author}</div>`;
  const tocDiv = document.createElement('div');
  tocDiv.id = 'pdf-toc';
  let html = '<div class="title">Contents</div>';
  for (const part of toc) {
    if (part.caption) html += `<div class="part">${part.caption}</div>`;
    for (const item of part.items) {
      html += `<div class="entry ${item.cls}"><a href="#${item.id}">` +
              `<span>${item.html}</span><span class="leader"></span>` +
              `<span class="page" data-target="${item.id}">000</span></a></div>`;
    }
  }
  tocDiv.innerHTML = html;
  article.prepend(tocDiv);
  article.prepend(titlePage);
  return next;
}
"""


# Pages printed as their title and a note: they are reference material the
# website serves better (search, links to the source of each function).
WEB_ONLY = {
    "book/api": (
        "The reference of kltools, generated from the docstrings of its functions, is "
        "on the website (book/api.html) and in the docstrings themselves "
        "(help(kt.kl_divergence) in Python); it is left out of the PDF."
    ),
}

# Code lines that would run past the text block (every wrapping opportunity used).
OVERFLOW_JS = r"""
() => Array.from(document.querySelectorAll('pre'))
  .filter(pre => pre.getClientRects().length && pre.scrollWidth > pre.clientWidth + 1)
  .map(pre => pre.textContent.split('\n').reduce((a, b) => (b.length > a.length ? b : a), ''))
"""


def _find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("Chromium not found: install Debian's `chromium` package (apt-get install chromium)")


def toc_parts(root: Path = ROOT) -> list[dict]:
    """Return the parts of ``_toc.yml``: caption, numbered flag and files; the root first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts = [{"caption": "", "numbered": False, "files": [toc["root"]]}]
    for part in toc.get("parts", []):
        files = [entry["file"] for entry in part.get("chapters", [])]
        parts.append(
            {"caption": part.get("caption", ""), "numbered": bool(part.get("numbered")),
             "files": files}
        )
    return parts


def marker_pages(pdf: Path) -> dict[str, int]:
    r"""Return the page of each ``[[pdf-N]]`` heading marker (``pdftotext``; pages end in \f)."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages: dict[str, int] = {}
    for number, page_text in enumerate(text.split("\f"), start=1):
        for mark in re.findall(r"\[\[(pdf-\d+)\]\]", page_text):
            pages.setdefault(mark, number)
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def print_pdf(site: Path, out: Path) -> int:
    from playwright.sync_api import sync_playwright

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    title = config.get("title", "")
    author = config.get("author", "")
    subtitle = "A course book with executable chapters"
    logo = "_static/logo.svg" if (site / "_static" / "logo.svg").is_file() else ""
    parts = toc_parts()
    page_file = f"{parts[0]['files'][0]}.html"
    if not (site / page_file).is_file():
        sys.exit(f"{site / page_file} missing: run `jupyter-book build . --builder singlehtml`")

    # Sphinx writes the single page as <root>.html (book/intro.html) with links
    # relative to the build's top folder; a copy there resolves them.
    shutil.copyfile(site / page_file, site / "print.html")
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    footer = (
        '<div style="width:100%;font-size:8pt;text-align:center;color:#555;'
        'font-family:sans-serif"><span class="pageNumber"></span></div>'
    )
    pdf_options = dict(
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer,
        margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
        # Accessibility: a structure tree (pdfinfo "Tagged: yes") and bookmarks.
        tagged=True,
        outline=True,
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=_find_chromium(), headless=True, args=CHROMIUM_ARGS
            )
            # The width of the printed text block (A4 less the margins) at 96 px per
            # inch, so that the theme lays the page out as it will be printed.
            page = browser.new_page(viewport={"width": 658, "height": 930})
            outside: list[str] = []

            def guard(route) -> None:
                url = route.request.url
                if url.startswith((base, "data:", "blob:", "about:")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            page.route("**/*", guard)
            # The whole book on one page: allow a slow (busy) machine to load it.
            page.goto(f"{base}/print.html", wait_until="load", timeout=300_000)
            page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                timeout=60_000,
            )
            page.evaluate("() => MathJax.startup.promise")
            page.evaluate("() => document.fonts.ready")
            page.emulate_media(media="print")
            page.add_style_tag(content=PRINT_CSS)
            entries = page.evaluate(PREPARE_JS, [parts, title, subtitle, author, logo, WEB_ONLY])
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow:
                raise RuntimeError(f"code lines wider than the page: {overflow[:5]}")
            page.evaluate("() => document.fonts.ready")
            page.pdf(path=str(out), **pdf_options)
            for _ in range(3):
                pages = marker_pages(out)
                missing = [f"pdf-{i}" for i in range(entries) if f"pdf-{i}" not in pages]
                if missing:
                    raise RuntimeError(f"headings without a destination in the PDF: {missing}")
                changed = page.evaluate(
                    """(pages) => {
                      let changed = 0;
                      document.querySelectorAll('#pdf-toc .page').forEach(el => {
                        const value = String(pages[el.dataset.target]);
                        if (el.textContent !== value) { el.textContent = value; changed++; }
                      });
                      return changed;
                    }""",
                    pages,
                )
                if not changed:
                    break
                page.pdf(path=str(out), **pdf_options)
            else:
                raise RuntimeError("the table of contents did not settle in 3 passes")
            # The markers are out of the flow: removing them moves nothing.
            page.evaluate("() => document.querySelectorAll('.pdf-mark').forEach(m => m.remove())")
            page.pdf(path=str(out), **pdf_options)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    if outside:
        raise RuntimeError(f"the page requested addresses outside 127.0.0.1: {outside}")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "singlehtml")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "book.pdf")
    args = parser.parse_args(argv)
    entries = print_pdf(args.site, args.out)
    info = subprocess.run(["pdfinfo", str(args.out)], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    print(f"{args.out}: {pages[1] if pages else '?'} pages, {entries} entries in the contents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
