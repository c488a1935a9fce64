"""The student handouts in ``_build/handouts`` (``make handouts``).

Checked against the chapters in ``book/`` with a scanner written
independently of ``tools/make_handouts.py``:

* no solution text survives: no solution directive, no line of a solution's
  prose and no solution code cell;
* every exercise survives, word for word;
* every handout executes top to bottom without error, from its own folder
  (so a removed solution can leave no broken name behind).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
HANDOUTS = ROOT / "_build" / "handouts"
HANDOUT_FILES = sorted(HANDOUTS.glob("*.ipynb")) if HANDOUTS.is_dir() else []


def _source(name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "book" / name, as_version=4)


def _handout(name: str) -> nbformat.NotebookNode:
    return nbformat.read(HANDOUTS / name, as_version=4)


def _directive_blocks(text: str, name: str) -> list[str]:
    """Every fenced ``{name}`` directive in ``text``, fence lines included."""
    blocks = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = re.match(r"^\s*(`{3,}|:{3,})\{" + re.escape(name) + r"\}", line)
        if not match:
            continue
        fence = match[1]
        for j in range(i + 1, len(lines)):
            stripped = lines[j].strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                blocks.append("\n".join(lines[i : j + 1]))
                break
    return blocks


def _solution_text(nb: nbformat.NotebookNode) -> tuple[list[str], list[str]]:
    """Prose lines and code cells that belong to solutions, in the source chapter."""
    prose: list[str] = []
    code: list[str] = []
    depth = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            if depth:
                code.append(cell.source)
            continue
        for block in _directive_blocks(cell.source, "solution"):
            prose.extend(block.split("\n")[1:-1])
        # Text between a solution-start fence and the next solution-end fence.
        inside = depth > 0
        for line in cell.source.split("\n"):
            if re.match(r"^\s*(`{3,}|:{3,})\{solution-start\}", line):
                inside, depth = True, 1
                continue
            if re.match(r"^\s*(`{3,}|:{3,})\{solution-end\}", line):
                inside, depth = False, 0
                continue
            if inside:
                prose.append(line)
    # Lines that are only markup (fences, options, blank) say nothing.
    meaningful = [
        line.strip()
        for line in prose
        if len(line.strip()) >= 12 and not re.match(r"^(`{3,}|:{3,}|:\w+:)", line.strip())
    ]
    return meaningful, code


def test_one_handout_per_numbered_chapter() -> None:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [
        Path(entry["file"]).name + ".ipynb"
        for part in toc["parts"]
        if part.get("numbered")
        for entry in part["chapters"]
        if (ROOT / f"{entry['file']}.ipynb").is_file()
    ]
    assert chapters, "no numbered notebook chapter in _toc.yml"
    assert [p.name for p in HANDOUT_FILES] == sorted(chapters), "run `make handouts` first"
    readme = (HANDOUTS / "README.md").read_text(encoding="utf-8")
    for name in chapters:
        title = re.search(r"^#\s+(.+)$", _source(name).cells[0].source, re.M)[1].strip()
        assert name in readme and title in readme, f"README.md does not name {name} ({title})"


@pytest.mark.parametrize("path", HANDOUT_FILES, ids=lambda p: p.stem)
def test_no_solution_survives(path: Path) -> None:
    handout = _handout(path.name)
    markdown = "\n".join(c.source for c in handout.cells if c.cell_type == "markdown")
    directives = re.findall(r"\{solution(?:-start|-end)?\}", markdown)
    assert not directives, f"{path.name} still has solution directives: {directives}"
    prose, code = _solution_text(_source(path.name))
    assert prose or code, f"{path.name}: the chapter has no solution to remove"
    survivors = [line for line in prose if line in markdown]
    assert not survivors, f"{path.name}: solution prose survives: {survivors[:3]}"
    handout_code = {c.source for c in handout.cells if c.cell_type == "code"}
    leaked = [cell[:80] for cell in code if cell in handout_code]
    assert not leaked, f"{path.name}: solution code survives: {leaked[:3]}"
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in handout.cells
        if c.cell_type == "code"
    ), f"{path.name}: outputs not cleared"


@pytest.mark.parametrize("path", HANDOUT_FILES, ids=lambda p: p.stem)
def test_every_exercise_survives(path: Path) -> None:
    source = "\n".join(c.source for c in _source(path.name).cells if c.cell_type == "markdown")
    exercises = _directive_blocks(source, "exercise")
    assert exercises, f"{path.name}: the chapter has no exercise"
    handout = "\n".join(c.source for c in _handout(path.name).cells)
    missing = [block.split("\n")[1] for block in exercises if block not in handout]
    assert not missing, f"{path.name}: exercises lost: {missing}"
    assert len(_directive_blocks(handout, "exercise")) == len(exercises)


@pytest.mark.parametrize("path", HANDOUT_FILES, ids=lambda p: p.stem)
def test_handout_runs_top_to_bottom(path: Path) -> None:
    from nbclient import NotebookClient

    handout = _handout(path.name)
    client = NotebookClient(
        handout, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HANDOUTS)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    code = [c for c in handout.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), f"{path.name}: a cell did not run"
