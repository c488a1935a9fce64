"""Handouts: every numbered chapter as a notebook that reads in plain Jupyter.

    python tools/make_handouts.py [--out _build/handouts] [--site _build/html]

Two editions of each chapter listed in a numbered part of ``_toc.yml``:

``<out>/student/<name>.ipynb``
    The chapter without its solutions and with its outputs cleared. After each
    exercise comes an empty code cell tagged ``answer``; an exercise listed in
    ``book/exercise_checks.yml`` is followed by a check cell that says whether
    the answer is right without revealing it.
``<out>/teacher/<name>.ipynb``
    The same notebook with every solution kept (as "Solution to Exercise
    4.2"), the book's answer printed under each checked exercise, and the
    rubric of each exercise that has one.

The Markdown is plain CommonMark with ``$...$`` math, so that JupyterLab,
Jupyter Notebook and Colab show it without the MyST extension: glued numbers
become their values, ``{eq}`` references the equation numbers of the website
(read from the built site, ``--site``), ``{doc}`` links the chapter titles,
citations author and year, exercises numbered headings, theorems, proofs and
admonitions quoted bold text; labels and directive fences are removed.

Checks (``book/exercise_checks.yml``): the book's answer is the value the
chapter's solution glues under ``ans-<label>`` (so the committed, nbval-tested
notebook is its only source). A numeric answer ``t`` with tolerance ``tol`` is
stored as PBKDF2-SHA256 digests, salted with the exercise's label, of the
integers ``round(t / tol) - 1``, ``round(t / tol)`` and ``round(t / tol) + 1``
in sorted order: an answer ``x`` is accepted when ``round(x / tol)`` hashes to
one of them, that is always when ``|x - t| <= tol / 2`` and never when
``|x - t| > 2.5 tol``. The digests do not contain the answer; finding it takes
a search over candidate values at 0.1 s or so a candidate.

Running it twice gives the same files.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
SUPPORT_FILES = ("references.bib",)
CHECKS_FILE = ROOT / "book" / "exercise_checks.yml"
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
TARGET = re.compile(r"^\s*\((?P<label>[\w:.-]+)\)=\s*$")
LABELLED_MATH = re.compile(r"\$\$(?P<body>.+?)\$\$\s*\((?P<label>[\w:.-]+)\)", re.S)
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?P<value>.*)$")
ITERATIONS = 100_000
ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "hint": "Hint",
    "seealso": "See also",
    "admonition": "",
    "dropdown": "",
}
PROOF_KINDS = {"prf:theorem": "Theorem", "prf:lemma": "Lemma", "prf:definition": "Definition",
               "prf:corollary": "Corollary", "prf:proposition": "Proposition"}


# --------------------------------------------------------------------------- chapters


@dataclass
class Chapter:
    number: int
    path: Path
    title: str = ""
    exercises: list[str] = field(default_factory=list)
    removed_solutions: int = 0
    checks: int = 0


def numbered_chapters(root: Path = ROOT) -> list[Chapter]:
    """Return the notebooks of the numbered parts of ``_toc.yml``, numbered as on the site."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    chapters: list[Chapter] = []
    for part in toc.get("parts", []):
        if not part.get("numbered"):
            continue
        for entry in part.get("chapters", []):
            path = root / f"{entry['file']}.ipynb"
            # A Markdown chapter is numbered too, but there is no notebook to hand out.
            target = path if path.is_file() else root / entry["file"]
            chapters.append(Chapter(len(chapters) + 1, target))
            chapters[-1].title = _title(chapters[-1].path)
    return chapters


def _title(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        text = next((c.source for c in cells if c.cell_type == "markdown"), "")
    elif path.with_suffix(".md").is_file():
        text = path.with_suffix(".md").read_text(encoding="utf-8")
    else:
        return path.name
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    return heading[1].strip() if heading else path.name


def doc_titles(root: Path = ROOT) -> dict[str, str]:
    """``{doc}`` target (file name without suffix) -> how a handout names it."""
    names: dict[str, str] = {}
    for chapter in numbered_chapters(root):
        names[chapter.path.stem] = f"Chapter {chapter.number}, *{chapter.title}*"
    for page in (root / "book").glob("*.md"):
        names.setdefault(page.stem, f"*{_title(page.with_suffix(''))}*")
    return names


# --------------------------------------------------------------------------- the site


@dataclass
class SiteNumbers:
    """What the website numbers: equations, figures, exercises, theorems, sections."""

    equations: dict[str, str] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, site: Path) -> SiteNumbers:
        from bs4 import BeautifulSoup

        numbers = cls()
        pages = sorted((site / "book").glob("*.html"))
        if not pages:
            raise SystemExit(f"no built site in {site}: run `make book` first")
        for page in pages:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for element in soup.find_all(id=True):
                numbers.record(element)
        return numbers

    def record(self, element: Any) -> None:
        """Note what the element with an id numbers or titles."""
        ident = element["id"]
        if ident.startswith("equation-"):
            eqno = element.find(class_="eqno")
            if eqno is not None:
                self.equations[ident.removeprefix("equation-")] = _text(eqno)
            return
        caption = element.find(class_="caption-number")
        if caption is not None and element.name in {"figure", "div", "table"}:
            self.captions.setdefault(ident, _text(caption))
        section = None
        if element.name == "section":
            section = element
        elif element.name == "span" and not element.get_text(strip=True):
            # A MyST target `(label)=` before a heading: the section that follows.
            section = element.find_parent("section")
        heading = section.find(re.compile(r"^h[1-6]$")) if section else None
        if heading is not None:
            self.sections.setdefault(ident, _text(heading))


def _text(element: Any) -> str:
    text = element.get_text(" ", strip=True)
    return re.sub(r"\s+", " ", text.replace("#", "")).strip()


# --------------------------------------------------------------------------- citations


def bibliography(path: Path) -> dict[str, tuple[str, str]]:
    """Citation key -> (authors as cited, year)."""
    from pybtex.database import parse_file

    entries: dict[str, tuple[str, str]] = {}
    for key, entry in parse_file(str(path)).entries.items():
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        surnames = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in persons]
        if not surnames:
            names = entry.fields.get("organization") or entry.fields.get("title") or key
            authors = names.replace("{", "").replace("}", "")
        elif len(surnames) == 1:
            authors = surnames[0]
        elif len(surnames) == 2:
            authors = f"{surnames[0]} and {surnames[1]}"
        else:
            authors = f"{surnames[0]} et al."
        entries[key] = (authors, entry.fields.get("year", "n.d."))
    return entries


# --------------------------------------------------------------------------- glue


def glued_values(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Every value a chapter glues: key -> its text/plain representation."""
    values: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if not scrapbook:
                continue
            prefix = scrapbook.get("mime_prefix", "")
            text = output.get("data", {}).get(prefix + "text/plain")
            if text is not None:
                values[scrapbook["name"]] = "".join(text)
    return values


def format_glue(text: str, spec: str) -> str:
    if not spec:
        return text.strip("'\"")
    value = ast.literal_eval(text)
    return format(value, spec)


# --------------------------------------------------------------------------- Markdown


@dataclass
class Context:
    chapter: Chapter
    numbers: SiteNumbers
    citations: dict[str, tuple[str, str]]
    docs: dict[str, str]
    glue: dict[str, str]


def _cite(keys: str, context: Context, textual: bool) -> str:
    parts = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in context.citations:
            raise ValueError(f"{context.chapter.path.name}: unknown citation {key!r}")
        authors, year = context.citations[key]
        parts.append(f"{authors} ({year})" if textual else f"{authors}, {year}")
    return "; ".join(parts) if textual else "(" + "; ".join(parts) + ")"


def _explicit(body: str) -> tuple[str | None, str]:
    """``text <target>`` -> (text, target); ``target`` -> (None, target)."""
    match = re.fullmatch(r"(?s)(.*?)\s*<([^<>]+)>", body.strip())
    return (match[1], match[2]) if match else (None, body.strip())


def _number(caption: str) -> str:
    return caption.split()[-1] if caption else ""


def _missing(context: Context, what: str) -> ValueError:
    return ValueError(f"{context.chapter.path.name}: {what}")


def _glue_role(body: str, context: Context) -> str:
    key, _, spec = body.partition(":")
    if key not in context.glue:
        raise _missing(context, f"nothing glued under {key!r}")
    return format_glue(context.glue[key], spec)


def _eq_role(body: str, context: Context) -> str:
    text, label = _explicit(body)
    if label not in context.numbers.equations:
        raise _missing(context, f"no equation number for {label!r} on the site")
    return text or context.numbers.equations[label]


def _numref_role(body: str, context: Context) -> str:
    text, label = _explicit(body)
    if label not in context.numbers.captions:
        raise _missing(context, f"no number for {label!r} on the site")
    caption = context.numbers.captions[label]
    if text:
        return text.replace("%s", _number(caption)).replace("{number}", _number(caption))
    return caption.replace("Fig.", "Figure")


def _ref_role(body: str, context: Context) -> str:
    text, label = _explicit(body)
    if text:
        return text
    if label in context.numbers.captions:
        return context.numbers.captions[label].replace("Fig.", "Figure")
    if label not in context.numbers.sections:
        raise _missing(context, f"no section for {label!r} on the site")
    return f"the section *{context.numbers.sections[label]}*"


def _doc_role(body: str, context: Context) -> str:
    text, target = _explicit(body)
    stem = Path(target).name
    if stem not in context.docs:
        raise _missing(context, f"no page {target!r}")
    return f"{text} ({context.docs[stem]})" if text else context.docs[stem]


def _code_role(body: str, suffix: str) -> str:
    text, target = _explicit(body)
    return f"`{text or target.lstrip('~')}{suffix}`"


ROLES: dict[str, Any] = {
    "glue:text": _glue_role,
    "glue": _glue_role,
    "glue:": _glue_role,
    "eq": _eq_role,
    "numref": _numref_role,
    "prf:ref": _numref_role,
    "ref": _ref_role,
    "doc": _doc_role,
    "cite:p": lambda body, context: _cite(body, context, textual=False),
    "cite": lambda body, context: _cite(body, context, textual=False),
    "cite:t": lambda body, context: _cite(body, context, textual=True),
    "py:func": lambda body, context: _code_role(body, "()"),
    "py:meth": lambda body, context: _code_role(body, "()"),
    "py:class": lambda body, context: _code_role(body, ""),
    "py:mod": lambda body, context: _code_role(body, ""),
    "py:data": lambda body, context: _code_role(body, ""),
}


def replace_role(match: re.Match[str], context: Context) -> str:
    role = match["role"]
    if role not in ROLES:
        raise _missing(context, f"no plain-Markdown form for the role {{{role}}}")
    return str(ROLES[role](match["body"], context))


def inline(text: str, context: Context) -> str:
    """Every role replaced, labelled display equations tagged, targets dropped."""

    def tag(match: re.Match[str]) -> str:
        label = match["label"]
        number = context.numbers.equations.get(label)
        if number is None:
            raise ValueError(f"{context.chapter.path.name}: no number for equation {label!r}")
        return f"$${match['body'].rstrip()}\n\\tag{{{number.strip('()')}}}$$"

    text = LABELLED_MATH.sub(tag, text)
    text = ROLE.sub(lambda m: replace_role(m, context), text)
    return "\n".join(line for line in text.split("\n") if not TARGET.match(line))


def _close(lines: list[str], start: int, fence: str) -> int:
    """Index of the line that closes the directive opened at ``start``."""
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return index
    raise ValueError(f"unclosed directive: {lines[start]!r}")


def _options(body: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    index = 0
    while index < len(body) and OPTION.match(body[index]):
        match = OPTION.match(body[index])
        assert match is not None
        options[match["key"]] = match["value"].strip()
        index += 1
    return options, body[index:]


def _quote(text: str) -> str:
    return "\n".join(("> " + line).rstrip() for line in text.strip("\n").split("\n"))


@dataclass
class Segment:
    """A piece of a converted Markdown cell: text, or the end of an exercise."""

    text: str = ""
    exercise: str | None = None


class Converter:
    """Turns a chapter's cells into plain-Markdown segments, keeping state across cells."""

    def __init__(self, context: Context, keep_solutions: bool) -> None:
        self.context = context
        self.keep = keep_solutions
        self.in_solution: str | None = None
        self.exercises: list[str] = []
        self.removed = 0

    def _exercise_name(self, label: str) -> str:
        caption = self.context.numbers.captions.get(label)
        if caption is None:
            raise _missing(self.context, f"exercise {label!r} not on the site")
        return caption

    def markdown(self, source: str) -> list[Segment]:
        """Convert a cell to plain-Markdown segments, split after each exercise."""
        self.lines = source.split("\n")
        self.segments: list[Segment] = []
        self.text: list[str] = []
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            match = FENCE.match(line)
            if match:
                index = self._directive(index, match)
                continue
            if self.in_solution is None or self.keep:
                self.text.append(line)
            index += 1
        self._flush()
        return self.segments

    def _flush(self) -> None:
        if "\n".join(self.text).strip():
            self.segments.append(Segment(text=inline("\n".join(self.text), self.context)))
        self.text.clear()

    def _directive(self, index: int, match: re.Match[str]) -> int:
        """Convert the directive opened at ``index``; return the index after it."""
        name, fence, arg = match["name"], match["fence"], match["arg"].strip()
        end = _close(self.lines, index, fence)
        if name == "solution-end":
            self.in_solution = None
            return end + 1
        options, body = _options(self.lines[index + 1 : end])
        content = "\n".join(body).strip("\n")
        if name == "solution-start":
            self.removed += 1
            self.in_solution = arg
            if self.keep:
                self.text.append(f"**Solution to {self._exercise_name(arg)}.**")
        elif self.in_solution is not None and not self.keep:
            pass
        elif name == "solution":
            self.removed += 1
            if self.keep:
                head = f"**Solution to {self._exercise_name(arg)}.**"
                self.text.append(_quote(f"{head}\n\n{content}"))
        elif name == "exercise":
            self._exercise(options.get("label", f"exercise {len(self.exercises) + 1}"), arg,
                           content)
        else:
            self.text.append(self._block(name, arg, options, content))
        return end + 1

    def _exercise(self, label: str, title: str, content: str) -> None:
        self.exercises.append(label)
        self._flush()
        heading = self._exercise_name(label) + (f" ({title})" if title else "")
        self.text.append(f"### {heading}\n\n{content}")
        self._flush()
        self.segments.append(Segment(exercise=label))

    def _block(self, name: str, arg: str, options: dict[str, str], content: str) -> str:
        """Write a theorem, proof, admonition or math block as plain Markdown."""
        if name == "prf:proof":
            return _quote(f"*Proof.* {content}")
        if name in PROOF_KINDS:
            caption = self.context.numbers.captions.get(options.get("label", ""),
                                                        PROOF_KINDS[name])
            return _quote(f"**{caption}" + (f" ({arg})" if arg else "") + f".** {content}")
        if name in ADMONITIONS:
            title = arg or ADMONITIONS[name]
            return _quote((f"**{title}.** " if title else "") + content)
        if name == "math":
            label = options.get("label")
            tag = ""
            if label:
                tag = "\n\\tag{" + self.context.numbers.equations[label].strip("()") + "}"
            return f"$$\n{content}{tag}\n$$"
        raise _missing(self.context, f"no plain-Markdown form for {{{name}}}")


# --------------------------------------------------------------------------- checks


def _digest(label: str, k: int) -> str:
    salt = hashlib.sha256(f"kltools-handout:{label}".encode()).digest()
    return hashlib.pbkdf2_hmac("sha256", str(k).encode(), salt, ITERATIONS).hex()[:32]


def encode_answer(label: str, values: list[float], tol: float) -> list[list[str]]:
    """For each component of the answer, the sorted digests of its three neighbouring bins."""
    encoded = []
    for i, value in enumerate(values):
        k = round(value / tol)
        encoded.append(sorted(_digest(f"{label}[{i}]", k + d) for d in (-1, 0, 1)))
    return encoded


CHECKER = '''\
# Checks for your answers. An answer is compared with the book's through
# salted PBKDF2 digests of the bin it falls in (bins of width `tol`): the digests
# do not contain the answer. Run this cell once; then run each "check" cell.
import hashlib as _hashlib
import math as _math

_CHECKS = {checks}


def check_answer(exercise):
    """Say whether `answer_<exercise>` (e.g. answer_4_2) is right, without revealing it."""
    spec = _CHECKS[exercise]
    name = "answer_" + exercise.replace(".", "_")
    answer = globals().get(name, None)
    if answer is None or answer is Ellipsis:
        print(f"Exercise {{exercise}}: not answered yet (set {{name}} in the answer cell).")
        return None
    values = list(answer) if isinstance(answer, (list, tuple)) else [answer]
    if len(values) != len(spec["digests"]):
        print(f"Exercise {{exercise}}: give {{len(spec['digests'])}} number(s) in {{name}}.")
        return False
    salt_label = spec["label"]
    right = True
    for i, (value, digests) in enumerate(zip(values, spec["digests"])):
        value = float(value)
        if not _math.isfinite(value):
            right = False
            break
        salt = _hashlib.sha256(f"kltools-handout:{{salt_label}}[{{i}}]".encode()).digest()
        k = round(value / spec["tol"])
        digest = _hashlib.pbkdf2_hmac("sha256", str(k).encode(), salt, {iterations}).hex()[:32]
        right = right and digest in digests
    verdict = "right" if right else "not right yet"
    print(f"Exercise {{exercise}}: {{verdict}} (tolerance {{spec['tol']:g}}{{spec['unit']}}).")
    return right
'''


def load_checks(path: Path = CHECKS_FILE) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(label): dict(spec) for label, spec in data.items()}


def book_answer(label: str, glue: dict[str, str]) -> list[float]:
    key = f"ans-{label}"
    if key not in glue:
        raise ValueError(f"{label}: the chapter glues no {key!r} (its solution must)")
    value = ast.literal_eval(glue[key])
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    return [float(v) for v in values]


# --------------------------------------------------------------------------- notebooks


def _code_cell(source: str, tags: list[str]) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = tags
    return cell


def _clear(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cell.outputs = []
    cell.execution_count = None
    cell.metadata.pop("execution", None)
    return cell


def _exercise_cells(
    label: str, context: Context, checks: dict[str, dict[str, Any]], teacher: bool,
    checker: dict[str, dict[str, Any]], exercise_cell: nbformat.NotebookNode,
) -> list[nbformat.NotebookNode]:
    """Make the cells after an exercise: its answer cell, its check, the teacher's notes."""
    number = context.numbers.captions[label].split()[-1]
    spec = checks.get(label, {})
    cells = [_code_cell("", ["answer"])]
    notes = []
    if "tol" in spec:
        answer = book_answer(label, context.glue)
        tol = float(spec["tol"])
        checker[number] = {
            "label": label,
            "tol": tol,
            "unit": f" {spec['unit']}" if spec.get("unit") else "",
            "digests": encode_answer(label, answer, tol),
        }
        how = spec.get("how", "a number" if len(answer) == 1 else f"{len(answer)} numbers")
        exercise_cell.source += (
            f"\n\n*Answer in the cell below as `answer_{number.replace('.', '_')} = ...`"
            f" ({how}), then run the check.*"
        )
        cells.append(_code_cell(f'check_answer("{number}");', ["check"]))
        shown = ", ".join(f"{v:.6g}" for v in answer)
        notes.append(f"**Book's answer:** {shown} (checked to ±{spec['tol']}).")
    if spec.get("rubric"):
        notes.append("**Rubric.** " + str(spec["rubric"]).strip())
    if teacher and notes:
        cells.append(nbformat.v4.new_markdown_cell(_quote("\n\n".join(notes))))
    return cells


def make_handout(
    chapter: Chapter,
    numbers: SiteNumbers,
    citations: dict[str, tuple[str, str]],
    docs: dict[str, str],
    checks: dict[str, dict[str, Any]],
    teacher: bool,
) -> nbformat.NotebookNode:
    nb = nbformat.read(chapter.path, as_version=4)
    context = Context(chapter, numbers, citations, docs, glued_values(nb))
    converter = Converter(context, keep_solutions=teacher)
    cells: list[nbformat.NotebookNode] = []
    checker: dict[str, dict[str, Any]] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            if converter.in_solution is None or teacher:
                new = _clear(copy.deepcopy(cell))
                label = new.metadata.pop("mystnb", {}).get("code_prompt_show")
                if {"hide-input", "hide-cell"} & set(new.metadata.get("tags", [])):
                    # Folded on the website: collapsed in JupyterLab too, its
                    # label the first line.
                    new.metadata.setdefault("jupyter", {})["source_hidden"] = True
                    new.source = f"# {label or 'Show the code'}\n{new.source}"
                cells.append(new)
            continue
        for segment in converter.markdown(cell.source):
            if segment.exercise is None:
                cells.append(nbformat.v4.new_markdown_cell(segment.text))
            else:
                cells += _exercise_cells(segment.exercise, context, checks, teacher, checker,
                                         cells[-1])
    if converter.in_solution is not None:
        raise ValueError(f"{chapter.path.name}: a solution-start has no solution-end")
    # The checks cell comes right after the chapter's set-up cell.
    first_code = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    source = CHECKER.format(checks=json.dumps(checker, indent=1, sort_keys=True),
                            iterations=ITERATIONS)
    cells.insert(first_code + 1, _code_cell(source, ["checks"]))
    nb.cells = cells
    chapter.exercises = converter.exercises
    chapter.removed_solutions = converter.removed
    chapter.checks = len(checker)
    return nb


def readme(chapters: list[Chapter]) -> str:
    lines = [
        "# Information Theory for Machine Learning: handouts",
        "",
        "One notebook per chapter of the book, in plain Markdown that JupyterLab, Jupyter",
        "Notebook and Colab show as it is. `student/` has the exercises without their",
        "solutions; `teacher/` the same notebooks with the solutions and the rubrics.",
        "",
        "- JupyterLab or Jupyter Notebook: in the book's repository, `make lab`, then open",
        "  a file of `_build/handouts/student/`; or `pip install kltools` into any",
        "  environment with Jupyter and open the file there.",
        "- Colab: File > Upload notebook, then run `!pip install numpy sympy matplotlib",
        "  scikit-learn scipy` and install kltools from the book's repository.",
        "",
        "Run each notebook top to bottom (Run All). Under each exercise there is an empty",
        "answer cell; where the exercise has a check, set `answer_N_M = ...` there and run",
        "the check cell below it: it says whether the answer is right, to the stated",
        "tolerance, without revealing it.",
        "",
        "| chapter | notebook | exercises | checks |",
        "| --- | --- | --- | --- |",
    ]
    for chapter in chapters:
        lines.append(
            f"| {chapter.number}. {chapter.title} | `{chapter.path.name}` "
            f"| {len(chapter.exercises)} | {chapter.checks} |"
        )
    lines.append("")
    return "\n".join(lines)


def build(out: Path, site: Path, root: Path = ROOT) -> list[Chapter]:
    if out.exists():
        shutil.rmtree(out)
    numbers = SiteNumbers.read(site)
    citations = bibliography(root / "book" / "references.bib")
    docs = doc_titles(root)
    checks = load_checks(root / "book" / "exercise_checks.yml")
    chapters = [c for c in numbered_chapters(root) if c.path.suffix == ".ipynb"]
    for edition in ("student", "teacher"):
        folder = out / edition
        folder.mkdir(parents=True)
        for chapter in chapters:
            nb = make_handout(chapter, numbers, citations, docs, checks, edition == "teacher")
            nbformat.write(nb, folder / chapter.path.name)
        for name in SUPPORT_FILES:
            source = root / "book" / name
            if source.is_file():
                shutil.copy2(source, folder / name)
    (out / "README.md").write_text(readme(chapters), encoding="utf-8")
    return chapters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "handouts")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    chapters = build(args.out, args.site)
    exercises = sum(len(c.exercises) for c in chapters)
    solutions = sum(c.removed_solutions for c in chapters)
    checks = sum(c.checks for c in chapters)
    print(
        f"{len(chapters)} handouts in two editions, {exercises} exercises, {solutions} "
        f"solutions, {checks} checks: {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
