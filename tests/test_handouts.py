"""The handouts in ``_build/handouts`` (``make handouts``): student and teacher editions.

Checked against the chapters in ``book/`` with scanners written
independently of ``tools/make_handouts.py``:

* no MyST is left in any Markdown cell (roles, directive fences, option and
  target lines, glue placeholders), as markdown-it-py and a regular
  expression see it;
* the student edition has no solution: no solution prose, no solution code
  cell, no book answer in clear; the teacher edition has them all;
* every exercise is a numbered heading followed by an empty cell tagged
  ``answer``, and each checked exercise by its check cell;
* every student handout executes top to bottom from its own folder with its
  answer cells empty, and every check then says "not answered yet";
* every check accepts the book's answer (the value the chapter's solution
  glues) and rejects each wrong answer listed in ``book/exercise_checks.yml``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
HANDOUTS = ROOT / "_build" / "handouts"
STUDENT = HANDOUTS / "student"
TEACHER = HANDOUTS / "teacher"
STUDENT_FILES = sorted(STUDENT.glob("*.ipynb")) if STUDENT.is_dir() else []
CHECKS = yaml.safe_load((ROOT / "book" / "exercise_checks.yml").read_text(encoding="utf-8"))
MYST = re.compile(
    r"\{[\w:-]+\}`"  # a role
    r"|^\s*(`{3,}|:{3,})\s*\{"  # a directive fence
    r"|^\s*:[\w-]+:"  # a directive option
    r"|^\s*\([\w:.-]+\)=\s*$"  # a target
    r"|\{glue",
    re.M,
)


def _source(name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "book" / name, as_version=4)


def _read(folder: Path, name: str) -> nbformat.NotebookNode:
    return nbformat.read(folder / name, as_version=4)


def _markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _exercises(nb: nbformat.NotebookNode) -> list[str]:
    """Labels of the chapter's exercises, in order."""
    return re.findall(r"^\s*(?:`{3,}|:{3,})\{exercise\}[^\n]*\n\s*:label:\s*(\S+)",
                      _markdown(nb), re.M)


def _glued(nb: nbformat.NotebookNode, key: str) -> object:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook", {})
            if scrapbook.get("name") == key:
                return ast.literal_eval(output["data"][scrapbook["mime_prefix"] + "text/plain"])
    raise KeyError(key)


def _solution_text(nb: nbformat.NotebookNode) -> tuple[list[str], list[str]]:
    """Prose lines and code cells that belong to solutions, in the source chapter."""
    prose: list[str] = []
    code: list[str] = []
    inside = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            if inside:
                code.append(cell.source)
            continue
        lines = cell.source.split("\n")
        index = 0
        while index < len(lines):
            line = lines[index]
            if re.match(r"^\s*(`{3,}|:{3,})\{solution-start\}", line):
                inside = True
            elif re.match(r"^\s*(`{3,}|:{3,})\{solution-end\}", line):
                inside = False
            elif match := re.match(r"^\s*(`{3,}|:{3,})\{solution\}", line):
                fence = match[1]
                index += 1
                while index < len(lines) and lines[index].strip() != fence:
                    prose.append(lines[index])
                    index += 1
            elif inside:
                prose.append(line)
            index += 1
    meaningful = [
        line.strip()
        for line in prose
        if len(line.strip()) >= 25 and not re.match(r"^(`{3,}|:{3,}|:\w+:)", line.strip())
        and not re.search(r"\{[\w:-]+\}`", line)  # lines with roles are rewritten
    ]
    return meaningful, code


def _checker(nb: nbformat.NotebookNode) -> dict:
    """The namespace of a handout's checks cell, executed on its own."""
    cells = [c for c in nb.cells if "checks" in _tags(c)]
    assert len(cells) == 1, "a handout has exactly one checks cell"
    namespace: dict = {}
    exec(cells[0].source, namespace)  # noqa: S102 - our own generated cell
    return namespace


def _verdict(namespace: dict, number: str, answer: object) -> bool | None:
    namespace["answer_" + number.replace(".", "_")] = answer
    with contextlib.redirect_stdout(io.StringIO()):
        return namespace["check_answer"](number)


def test_one_handout_per_numbered_chapter_in_each_edition() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [
        Path(entry["file"]).name + ".ipynb"
        for part in toc["parts"]
        if part.get("numbered")
        for entry in part["chapters"]
        if (ROOT / f"{entry['file']}.ipynb").is_file()
    ]
    assert chapters, "no numbered notebook chapter in _toc.yml"
    for folder in (STUDENT, TEACHER):
        assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(chapters), (
            "run `make handouts` first"
        )
    readme = (HANDOUTS / "README.md").read_text(encoding="utf-8")
    for name in chapters:
        title = re.search(r"^#\s+(.+)$", _source(name).cells[0].source, re.M)[1].strip()
        assert name in readme and title in readme, f"README.md does not name {name} ({title})"
    assert "Colab" in readme and "JupyterLab" in readme


def test_the_residue_scanner_finds_myst() -> None:
    for residue in ("see {eq}`eq-x`", "```{exercise}\n:label: ex-x\nbody\n```", "(sec-a)=\n# A",
                    "a {glue:text}`k:.2f` b", ":::{note}\nx\n:::"):
        assert MYST.search(residue), residue
    assert not MYST.search("plain $x$ and `code` and\n```python\nx = 1\n```\n")


@pytest.mark.parametrize("folder", [STUDENT, TEACHER], ids=["student", "teacher"])
def test_no_myst_residue(folder: Path) -> None:
    parser = MarkdownIt("commonmark")
    residues = []
    for path in sorted(folder.glob("*.ipynb")):
        for cell in _read(folder, path.name).cells:
            if cell.cell_type != "markdown":
                continue
            residues += [f"{path.name}: {m[0]!r}" for m in MYST.finditer(cell.source)]
            for token in parser.parse(cell.source):
                if token.type == "fence" and token.info.strip().startswith("{"):
                    residues.append(f"{path.name}: fence {token.info!r}")
    assert not residues, residues[:10]


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: p.stem)
def test_student_edition_has_no_solution(path: Path) -> None:
    handout = _read(STUDENT, path.name)
    markdown = _markdown(handout)
    assert "Solution to Exercise" not in markdown
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


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: p.stem)
def test_teacher_edition_keeps_every_solution(path: Path) -> None:
    teacher = _read(TEACHER, path.name)
    markdown = _markdown(teacher)
    prose, code = _solution_text(_source(path.name))
    missing = [line for line in prose if line not in markdown]
    assert not missing, f"{path.name}: solution prose missing: {missing[:3]}"
    # A cell folded on the website is collapsed in the handout, its label as
    # the first line (a comment): the rest is the book's cell.
    teacher_code = set()
    for c in teacher.cells:
        if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden"):
            label, rest = c.source.split("\n", 1)
            assert label.startswith("# "), f"{path.name}: a collapsed cell without its label"
            teacher_code.add(rest)
        elif c.cell_type == "code":
            teacher_code.add(c.source)
    assert all(cell in teacher_code for cell in code)
    exercises = _exercises(_source(path.name))
    assert markdown.count("**Solution to Exercise") == len(exercises)


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: p.stem)
def test_every_exercise_is_a_heading_with_an_answer_cell(path: Path) -> None:
    labels = _exercises(_source(path.name))
    assert labels, f"{path.name}: the chapter has no exercise"
    cells = _read(STUDENT, path.name).cells
    heading = re.compile(r"^### Exercise \d+\.\d+", re.M)
    headings = [i for i, c in enumerate(cells)
                if c.cell_type == "markdown" and heading.search(c.source)]
    assert len(headings) == len(labels)
    for index, label in zip(headings, labels, strict=True):
        answer = cells[index + 1]
        assert answer.cell_type == "code" and _tags(answer) == ["answer"], label
        assert answer.source == ""
        if label in CHECKS and "tol" in CHECKS[label]:
            number = re.search(r"^### Exercise (\d+\.\d+)", cells[index].source, re.M)[1]
            assert cells[index + 2].source == f'check_answer("{number}");', label


def test_at_least_twenty_checks_and_each_judges_right_and_wrong() -> None:
    checked = 0
    for path in STUDENT_FILES:
        chapter = _source(path.name)
        handout = _read(STUDENT, path.name)
        namespace = _checker(handout)
        source_labels = _exercises(chapter)
        numbers = re.findall(r"^### Exercise (\d+\.\d+)", _markdown(handout), re.M)
        for label, number in zip(source_labels, numbers, strict=True):
            spec = CHECKS.get(label, {})
            if "tol" not in spec:
                continue
            checked += 1
            book = _glued(chapter, f"ans-{label}")
            assert _verdict(namespace, number, book) is True, f"{label} rejects the book's answer"
            assert spec.get("wrong"), f"{label}: list at least one plausible wrong answer"
            for wrong in spec["wrong"]:
                assert _verdict(namespace, number, wrong) is False, f"{label} accepts {wrong}"
            assert _verdict(namespace, number, None) is None
            # What the check cell stores reveals nothing: the tolerance, the salt's
            # label, and for each number three 128-bit digests.
            stored = namespace["_CHECKS"][number]
            assert set(stored) == {"label", "tol", "unit", "digests"}, stored.keys()
            values = book if isinstance(book, (list, tuple)) else [book]
            assert len(stored["digests"]) == len(values)
            assert all(len(d) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", x) for x in d)
                       for d in stored["digests"])
    assert checked >= 20, f"only {checked} checked exercises"


@pytest.mark.parametrize("path", STUDENT_FILES, ids=lambda p: p.stem)
def test_student_handout_runs_top_to_bottom_unanswered(path: Path) -> None:
    from nbclient import NotebookClient

    handout = _read(STUDENT, path.name)
    client = NotebookClient(
        handout, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(STUDENT)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    # nbclient skips empty cells: the answer cells, left empty as a student finds them.
    code = [c for c in handout.cells if c.cell_type == "code" and c.source.strip()]
    assert code and all(c.execution_count for c in code), f"{path.name}: a cell did not run"
    for cell in code:
        if "check" in _tags(cell):
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert "not answered yet" in printed, (path.name, cell.source, printed)


def test_every_exercise_has_a_check_or_a_rubric_for_teachers_only() -> None:
    for path in STUDENT_FILES:
        student = _markdown(_read(STUDENT, path.name))
        teacher = _markdown(_read(TEACHER, path.name))
        for label in _exercises(_source(path.name)):
            spec = CHECKS.get(label, {})
            assert "tol" in spec or spec.get("rubric"), f"{label}: neither a check nor a rubric"
            if spec.get("rubric"):
                rubric = str(spec["rubric"]).strip()
                assert rubric in teacher, f"{label}: rubric missing from the teacher's edition"
                assert rubric not in student, f"{label}: rubric in the student edition"


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_the_website_offers_each_edition_for_download(edition: str) -> None:
    """``make handouts`` zips each edition into the site; the preface links the zip."""
    import zipfile

    site = ROOT / "_build" / "html"
    archive = site / "downloads" / f"handouts-{edition}.zip"
    assert archive.is_file(), f"{archive} missing: run `make handouts`"
    folder = ROOT / "_build" / "handouts" / edition
    files = [p for p in folder.rglob("*") if p.is_file()]
    expected = sorted(p.relative_to(folder.parent).as_posix() for p in files)
    with zipfile.ZipFile(archive) as zipped:
        listed = sorted(name for name in zipped.namelist() if not name.endswith("/"))
        for name in listed:
            assert zipped.read(name) == (folder.parent / name).read_bytes(), name
    assert listed == expected
    preface = (site / "book" / "intro.html").read_text(encoding="utf-8")
    assert f'href="../downloads/handouts-{edition}.zip"' in preface
