"""Accessibility fixes to the HTML that Sphinx and its extensions write.

Bibliography entries. Docutils' HTML5 writer (used by Sphinx for the citations
that sphinxcontrib-bibtex creates) writes each entry as
``<div role="doc-biblioentry">`` inside ``<div role="list">``. DPUB-ARIA 1.1
deprecated ``doc-biblioentry`` (w3c/dpub-aria#22; axe-core reports it as
``aria-deprecated-role``), and a ``list`` may only own ``listitem`` children
(``aria-required-children``; see dequelabs/axe-core#3253). Pandoc made the same
change (jgm/pandoc#8354). The entries here are list items of that list; the
markup is otherwise the writer's own. The role is written by docutils, whose
tracker is not on GitHub; sphinxcontrib-bibtex (mcmtroffaes/sphinxcontrib-bibtex)
only creates the citation nodes.

Folded code cells. myst-nb opens a folded (``hide-input``) cell with
``<summary aria-label="Toggle hidden content">`` around the visible text "Show
code cell source": a name that does not contain the visible label (WCAG 2.5.3,
Label in Name; executablebooks/MyST-NB writes it in ``visit_HideCellInput``).
Here the summary is named by the text it shows ("Show code cell source", or
"Hide code cell source" once open).

Colour-mode button. ``book/_static/a11y.js`` names the theme's colour-mode
button after the current mode; this extension adds that script to every page.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def visit_citation(self: Any, node: nodes.citation) -> None:
    """Open a bibliography entry as a ``listitem`` of the entries' ``list``."""
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: Any, node: nodes.citation) -> None:
    """Close the entry, and the list after its last entry."""
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def visit_hidden_input(self: Any, node: nodes.Element) -> None:
    """Open a folded code cell: a ``<details>`` whose summary is named by its text."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    for state, prompt in (("collapsed", "prompt_show"), ("expanded", "prompt_hide")):
        self.body.append(f'<p class="{state} admonition-title">{escape(node[prompt])}</p>\n')
    self.body.append("</summary>\n")


def depart_hidden_input(self: Any, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def _replace_hidden_input_visitor(app: Sphinx) -> None:
    # myst-nb registers its visitor in its own setup; replace it once every
    # extension is loaded, for the website and the single-page (PDF) build.
    handlers = app.registry.translation_handlers
    for builder in ("html", "singlehtml"):
        handlers.setdefault(builder, {})["HideCodeCellNode"] = (
            visit_hidden_input,
            depart_hidden_input,
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # Registered for the html builder; _ext/offline_site.py shares the html
    # visitors with the single-page builder that the PDF is printed from.
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.connect("builder-inited", _replace_hidden_input_visitor)
    app.add_js_file("a11y.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
