"""Keep the built site self-contained and its pages free of script errors.

Jupyter Book 1 always loads sphinx-thebe, which puts a configuration script
naming thebe's CDN address into every page (twice, in incremental builds,
which then fails with "Identifier 'THEBE_JS_URL' has already been declared").
The book has no live kernels (launch buttons and thebe are off), so this
extension drops thebe's scripts from each page and removes any duplicated
script tag.

It also lets the single-page HTML builder (``--builder singlehtml``, the
source of ``make pdf``) render the nodes of extensions that register HTML
visitors for the ``html`` builder only (sphinx-proof's theorems): the
single-page builder writes the same HTML.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _is_thebe(script: Any) -> bool:
    filename = str(getattr(script, "filename", "") or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def _clean_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in scripts:
        if _is_thebe(script):
            continue
        key = (str(script), str(getattr(script, "attributes", {}).get("body", "")))
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def _share_html_visitors(app: Sphinx) -> None:
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    for node, visitors in handlers.get("html", {}).items():
        handlers.setdefault("singlehtml", {}).setdefault(node, visitors)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _share_html_visitors)
    # After sphinx-book-theme and sphinx-thebe have added their scripts.
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
