"""The layout rules of a chapter notebook, measured from the .ipynb file.

    python -m tests.chapter_layout book/04_kl_divergence.ipynb ...   # a report

A chapter teaches first and proves underneath (CONTRIBUTING.md, "How a
chapter page is laid out"):

* a **visible** code cell (not folded, not removed) is what a learner would
  type: at most :data:`MAX_VISIBLE_LINES` non-blank lines, and no checks;
* a **check** (an ``assert``, an ``np.testing.assert_*`` call, a ``glue()``
  call) sits in a cell folded by default (``hide-input``) behind a label that
  says what it checks and how many checks it holds: ``"✓ 3 checks: ..."``;
* every folded cell has a label of its own (``mystnb.code_prompt_show``);
* at least :data:`MIN_FIGURES` figures, each named, with alt text, and
  referenced from the prose with ``{numref}``;
* an overview at the top: 3 to 5 things the reader will be able to do, and
  the chapters it builds on;
* sentences of about 20 words on average, few over 30.

``tests/test_chapter_layout.py`` asserts these rules for every chapter;
``tools/polish_notebooks.py`` writes the check counts into the labels.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAX_VISIBLE_LINES = 15
MIN_FIGURES = 3
FOLDED_TAGS = {"hide-input", "hide-cell"}
REMOVED_TAGS = {"remove-input", "remove-cell"}
CHECK_LABEL = re.compile(r"^✓ (\d+) checks?: \S")
IMAGE_TYPES = ("image/svg+xml", "image/png")


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def label(cell: dict) -> str:
    return str(cell.get("metadata", {}).get("mystnb", {}).get("code_prompt_show", ""))


def is_hidden(cell: dict) -> bool:
    """Folded or removed: the reader does not see the code unless they ask."""
    return bool(tags(cell) & (FOLDED_TAGS | REMOVED_TAGS))


def _python(code: str) -> str:
    # IPython magics and shell escapes are not Python: blank them for ast.
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in code.splitlines())


def count_checks(code: str) -> int:
    """The ``assert`` statements and ``assert_*`` calls in a cell's code."""
    tree = ast.parse(_python(code))
    n = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            n += 1
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith("assert_"):
                n += 1
    return n


def count_glue(code: str) -> int:
    """The ``glue(...)`` calls in a cell's code."""
    n = 0
    for node in ast.walk(ast.parse(_python(code))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            n += name == "glue"
    return n


def nonblank_lines(code: str) -> int:
    return sum(1 for line in code.splitlines() if line.strip())


_FENCE = re.compile(r"^(```+|~~~+)")
# Directives whose body is not running text.
# Lines that are not running text: headings, tables, labels, directive options.
_NOT_TEXT = ("#", "|", "(", ":")
_NOT_PROSE = ("{code", "{math", "{glue:figure", "{figure", "{image", "{raw", "{list-table")


def _running_text(markdown: str) -> str:
    """The Markdown with code, display math, directive options and headings blanked."""
    lines: list[str] = []
    fence: str | None = None
    fence_is_prose = False
    in_math = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and stripped.rstrip("`~") == "":
                fence = None
            elif not stripped.startswith(":"):
                # Directive bodies (proofs, admonitions, exercises) are prose,
                # code fences are not.
                lines.append(line if fence_is_prose else "")
            continue
        opening = _FENCE.match(stripped)
        if opening:
            fence = opening.group(1)
            head = stripped[len(fence) :].strip()
            fence_is_prose = head.startswith("{") and not head.startswith(_NOT_PROSE)
            lines.append("")
        elif stripped.startswith("$$"):
            in_math = not in_math if stripped.count("$$") == 1 else in_math
            lines.append("")
        elif in_math or (stripped.startswith(_NOT_TEXT) and not stripped.startswith("(e.")):
            lines.append("")
        else:
            lines.append(line)
    return "\n".join(lines)


def prose_sentences(markdown: str) -> list[str]:
    """The sentences of a Markdown cell's running text.

    Code fences, display math, directive options, headings, tables and
    exercise/solution markers are left out; inline math counts as one word,
    a role as its text.
    """
    text = _running_text(markdown)
    text = re.sub(r"\$[^$]+\$", "X", text)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", lambda m: m[1] or "ref", text)
    text = re.sub(r"`[^`]*`", "code", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.M)
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“{])", flat):
            if len(sentence.split()) >= 3:
                sentences.append(sentence)
    return sentences


@dataclass
class Layout:
    """What :func:`measure` finds in one chapter."""

    name: str
    visible_lines: int = 0
    longest_visible: int = 0
    visible_cells: int = 0
    checks: int = 0
    figures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    words_per_sentence: float = 0.0
    share_over_30: float = 0.0
    sentences: int = 0


def _figure_names(nb: dict) -> list[tuple[int, str, bool]]:
    """(cell index, figure name, has alt text) for every figure of a notebook."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            meta = cell["metadata"].get("mystnb", {})
            outputs = cell.get("outputs", [])
            images = [o for o in outputs if set(o.get("data", {})) & set(IMAGE_TYPES)]
            glued = any("scrapbook" in o.get("metadata", {}) for o in images)
            if images and "figure" in meta and not glued:
                alt = bool(meta.get("image", {}).get("alt"))
                found.append((i, meta["figure"].get("name", ""), alt))
        else:
            for m in re.finditer(r"```\{glue:figure\}[^\n]*\n((?::[^\n]*\n)*)", source(cell)):
                opts = dict(re.findall(r":(\w+):\s*(.*)", m[1]))
                found.append((i, opts.get("name", ""), bool(opts.get("alt"))))
    return found


def _folded_problems(i: int, cell: dict, n_checks: int) -> list[str]:
    text = label(cell)
    if not text:
        return [f"cell {i}: folded without a label (mystnb.code_prompt_show)"]
    if not n_checks:
        return []
    m = CHECK_LABEL.match(text)
    if not m:
        return [f"cell {i}: holds {n_checks} checks, label {text!r} does not start '✓ N checks: '"]
    if int(m[1]) != n_checks:
        return [f"cell {i}: label says {m[1]} checks, the code has {n_checks}"]
    return []


def _code_cells(nb: dict, out: Layout) -> None:
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        code = source(cell)
        n_checks = count_checks(code)
        out.checks += n_checks
        if tags(cell) & REMOVED_TAGS:
            continue
        if is_hidden(cell):
            out.problems += _folded_problems(i, cell, n_checks)
            continue
        lines = nonblank_lines(code)
        out.visible_cells += 1
        out.visible_lines += lines
        out.longest_visible = max(out.longest_visible, lines)
        if lines > MAX_VISIBLE_LINES:
            out.problems.append(f"cell {i}: {lines} non-blank lines visible (at most 15)")
        n_glue = count_glue(code)
        if n_checks or n_glue:
            out.problems.append(
                f"cell {i}: visible, with {n_checks} checks and {n_glue} glue calls "
                "(fold them into a labelled check cell)"
            )


def _figures(nb: dict, out: Layout, markdown: str) -> None:
    for i, name, has_alt in _figure_names(nb):
        out.figures.append(name)
        if not name:
            out.problems.append(f"cell {i}: a figure without a name")
        elif not re.search(r"\{numref\}`(?:[^`<]*<)?" + re.escape(name) + r">?`", markdown):
            out.problems.append(f"figure {name}: not referenced with {{numref}} in the prose")
        if not has_alt:
            out.problems.append(f"figure {name or i}: no alt text")
    if len(out.figures) < MIN_FIGURES:
        out.problems.append(f"{len(out.figures)} figures (at least {MIN_FIGURES})")


def _overview(first: str) -> list[str]:
    overview = re.search(r"```\{admonition\}[^\n]*\n:class: overview\n(.*?)```", first, re.S)
    if not overview:
        return ["no overview (an admonition with ':class: overview') in the first cell"]
    problems = []
    bullets = re.findall(r"^- ", overview[1], re.M)
    if not 3 <= len(bullets) <= 5:
        problems.append(f"overview lists {len(bullets)} points (3 to 5)")
    if "Builds on" not in overview[1]:
        problems.append("overview does not say what the chapter builds on ('Builds on')")
    return problems


def measure(path: Path) -> Layout:
    nb = json.loads(Path(path).read_text())
    out = Layout(Path(path).name)
    markdown_cells = [source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]
    _code_cells(nb, out)
    _figures(nb, out, "\n\n".join(markdown_cells))
    out.problems += _overview(markdown_cells[0] if markdown_cells else "")
    words = [len(s.split()) for cell in markdown_cells for s in prose_sentences(cell)]
    out.sentences = len(words)
    if words:
        out.words_per_sentence = sum(words) / len(words)
        out.share_over_30 = sum(w > 30 for w in words) / len(words)
    return out


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        lay = measure(Path(path))
        print(f"{lay.name}: {lay.visible_cells} visible cells, {lay.visible_lines} visible lines, "
              f"longest {lay.longest_visible}; {lay.checks} checks; {len(lay.figures)} figures; "
              f"{lay.sentences} sentences, {lay.words_per_sentence:.1f} words on average, "
              f"{100 * lay.share_over_30:.0f}% over 30")
        for problem in lay.problems:
            print("   ", problem)
        bad += bool(lay.problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
