"""Student handouts: every numbered chapter as a notebook without solutions.

    python tools/make_handouts.py [--out _build/handouts]

For each chapter listed in a numbered part of ``_toc.yml`` this writes
``<out>/<name>.ipynb``: the chapter's cells with every solution removed and
every output cleared. A solution is

* a ``{solution}`` directive in a Markdown cell (removed with its body), or
* everything from a ``{solution-start}`` directive to the matching
  ``{solution-end}``: Markdown lines and whole code cells alike, across as
  many cells as it spans (a cell that holds the end of one solution and the
  next exercise keeps the exercise).

Everything else stays: the prose, the set-up cell, the exercises and the
code cells they rely on. Files the chapters read from their own folder
(``SUPPORT_FILES``) are copied next to them, and a README names the chapters
with their numbers as on the website. Running it twice gives the same files.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
SUPPORT_FILES = ("references.bib",)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}(?P<arg>.*)$")


@dataclass
class Chapter:
    number: int
    path: Path
    title: str = ""
    exercises: list[str] = field(default_factory=list)
    removed_solutions: int = 0


def numbered_chapters(root: Path = ROOT) -> list[Chapter]:
    """Return the notebooks of the numbered parts of ``_toc.yml``, numbered as on the site."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    chapters: list[Chapter] = []
    for part in toc.get("parts", []):
        if not part.get("numbered"):
            continue
        for entry in part.get("chapters", []):
            path = root / f"{entry['file']}.ipynb"
            if path.is_file():
                chapters.append(Chapter(len(chapters) + 1, path))
            else:
                # A Markdown chapter is numbered too, but there is no notebook to hand out.
                chapters.append(Chapter(len(chapters) + 1, root / entry["file"]))
    return [c for c in chapters if c.path.suffix == ".ipynb"]


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def _skip_block(lines: list[str], start: int, fence: str) -> int:
    """Index after the line that closes the directive opened at ``start``."""
    for index in range(start + 1, len(lines)):
        if _closes(lines[index], fence):
            return index + 1
    return len(lines)


class SolutionStripper:
    """Removes solutions from a chapter's cells, keeping state across cells."""

    def __init__(self) -> None:
        self.in_solution = False
        self.removed = 0
        self.exercises: list[str] = []

    def markdown(self, source: str) -> str:
        lines = source.split("\n")
        kept: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            match = FENCE.match(line)
            name = match["name"] if match else ""
            if match and name in {"solution", "solution-start", "solution-end"}:
                index = _skip_block(lines, index, match["fence"])
                if name == "solution":
                    self.removed += 1
                elif name == "solution-start":
                    self.in_solution = True
                    self.removed += 1
                else:
                    self.in_solution = False
                continue
            if not self.in_solution:
                if match and name == "exercise":
                    end = _skip_block(lines, index, match["fence"])
                    label = re.search(r"^\s*:label:\s*(\S+)", "\n".join(lines[index:end]), re.M)
                    self.exercises.append(label[1] if label else f"exercise {len(self.exercises)}")
                kept.append(line)
            index += 1
        text = "\n".join(kept)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def make_handout(chapter: Chapter) -> nbformat.NotebookNode:
    nb = nbformat.read(chapter.path, as_version=4)
    stripper = SolutionStripper()
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = stripper.markdown(cell.source)
            if not text.strip():
                continue
            cell.source = text
        elif stripper.in_solution:
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
        if not chapter.title and cell.cell_type == "markdown":
            heading = re.search(r"^#\s+(.+)$", cell.source, re.M)
            chapter.title = heading[1].strip() if heading else ""
    if stripper.in_solution:
        raise ValueError(f"{chapter.path.name}: a solution-start has no solution-end")
    nb.cells = cells
    chapter.exercises = stripper.exercises
    chapter.removed_solutions = stripper.removed
    return nb


def readme(chapters: list[Chapter]) -> str:
    lines = [
        "# Information Theory for Machine Learning: student handouts",
        "",
        "One notebook per chapter of the book, with the exercises and without their",
        "solutions. Outputs are cleared: run each notebook top to bottom (Run All) in",
        "an environment with kltools installed (`make lab` in the book's repository).",
        "",
        "| chapter | notebook | exercises |",
        "| --- | --- | --- |",
    ]
    for chapter in chapters:
        lines.append(
            f"| {chapter.number}. {chapter.title} | `{chapter.path.name}` "
            f"| {len(chapter.exercises)} |"
        )
    lines.append("")
    return "\n".join(lines)


def build(out: Path, root: Path = ROOT) -> list[Chapter]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    chapters = numbered_chapters(root)
    for chapter in chapters:
        nbformat.write(make_handout(chapter), out / chapter.path.name)
    for name in SUPPORT_FILES:
        source = root / "book" / name
        if source.is_file():
            shutil.copy2(source, out / name)
    (out / "README.md").write_text(readme(chapters), encoding="utf-8")
    return chapters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "handouts")
    args = parser.parse_args(argv)
    chapters = build(args.out)
    exercises = sum(len(c.exercises) for c in chapters)
    solutions = sum(c.removed_solutions for c in chapters)
    print(
        f"{len(chapters)} handouts, {exercises} exercises, {solutions} solutions removed: "
        f"{args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
