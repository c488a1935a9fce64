"""Polish chapter notebooks for the page: 88 columns, alt text, folded plotting code.

    python tools/polish_notebooks.py book/*.ipynb           # rewrite in place
    python tools/polish_notebooks.py --check book/*.ipynb   # exit 1 if anything would change

Three steps, in this order, each idempotent (a second run changes nothing):

1. **88 columns.** ``ruff format --line-length 88`` on the notebooks' code.
   Formatting changes no behaviour, so the committed outputs stay valid
   (``make notebooks`` proves it). Lines ruff cannot shorten (long strings,
   comments) are listed at the end: they need a hand edit.
2. **Alt text.** Every figure cell (``mystnb.figure.caption`` in its
   metadata) gets ``mystnb.image.alt``: the caption's opening sentences (at
   least 60 characters, both panels of a "Left: ... Right: ..." figure) as
   plain text, math and roles spelled out, so the ``alt`` attribute of the
   image says what the figure shows instead of naming its file.
3. **Folded code, with labels.** A cell that draws a figure and has at least
   ``LONG_CELL`` lines gets the ``hide-input`` tag: the reader sees the
   figure and can unfold the code. Every folded cell gets a label
   (``mystnb.code_prompt_show``) if it has none: "Show the code of the
   figure", "Show the code of the question", "Show the code". A folded cell
   that checks (``assert``, ``assert_*`` calls) keeps the label its author
   wrote, ``"✓ N checks: what they check"``, and this step writes the true
   count N into it. A check cell without a label is listed: only its author
   can say what it checks (tests/chapter_layout.py has the rules).

Only cell sources and metadata change; outputs are left as they are.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.chapter_layout import CHECK_LABEL, count_checks  # noqa: E402

LINE_LENGTH = 88
LONG_CELL = 6
DRAWS = re.compile(r"\bplt\.(subplots|figure|plot|show)\b|\bax\w*\.(plot|bar|hist|scatter)\(")

# TeX in captions, spelled for a screen reader.
TEX_WORDS = {
    r"\lambda": "λ", r"\theta": "θ", r"\alpha": "α", r"\beta": "β", r"\sigma": "σ",
    r"\mu": "μ", r"\epsilon": "ε", r"\varepsilon": "ε", r"\phi": "φ", r"\pi": "π",
    r"\infty": "infinity", r"\to": "→", r"\le": "≤", r"\leq": "≤", r"\ge": "≥",
    r"\geq": "≥", r"\approx": "≈", r"\ne": "≠", r"\neq": "≠", r"\times": "×",
    r"\cdot": "·", r"\ln": "ln", r"\log": "log", r"\exp": "exp", r"\sum": "sum",
    r"\|": "||", r"\mid": "|", r"\lceil": "⌈", r"\rceil": "⌉", r"\lfloor": "⌊",
    r"\rfloor": "⌋", r"\ldots": "...", r"\dots": "...", r"\pm": "±", r"\sim": "~",
}


def tex_to_text(tex: str) -> str:
    """Render the inline TeX of a caption as readable plain text."""
    text = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"\1/\2", tex)
    text = re.sub(r"\\[dt]?frac\s*(\w)\s*(\w)", r"\1/\2", text)
    text = re.sub(r"\\(?:mathrm|mathbf|mathit|text|operatorname|mathcal|mathbb)\s*\{([^{}]*)\}",
                  r"\1", text)
    for command, word in sorted(TEX_WORDS.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", word, text)
    text = re.sub(r"\\[,;:! ]", " ", text)
    text = re.sub(r"\\(left|right|bigl|bigr|Bigl|Bigr|big|Big)\b", "", text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    text = re.sub(r"_\{([^{}]*)\}", r"_\1", text)
    text = re.sub(r"\^\{([^{}]*)\}", r"^\1", text)
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def caption_to_alt(caption: str) -> str:
    """Return the caption's first sentence, without markup."""
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", caption)  # {role}`text`
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\$\$?([^$]+)\$\$?", lambda m: tex_to_text(m[1]), text)
    text = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    # Sentences end with a full stop followed by a space and a capital letter.
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    alt = ""
    for sentence in sentences:
        alt = f"{alt} {sentence}".strip()
        # Enough to say what the figure shows; both panels of a two-panel figure.
        if len(alt) >= 60 and ("Left:" not in alt or "Right:" in alt):
            break
    return alt


def _ruff() -> str:
    candidate = Path(sys.executable).with_name("ruff")
    return str(candidate) if candidate.exists() else (shutil.which("ruff") or "ruff")


def format_code(paths: list[Path]) -> None:
    subprocess.run(
        [_ruff(), "format", "--quiet", "--line-length", str(LINE_LENGTH), *map(str, paths)],
        check=True,
    )


def long_lines(paths: list[Path]) -> list[str]:
    result = subprocess.run(
        [_ruff(), "check", "--quiet", "--select", "E501", "--line-length", str(LINE_LENGTH),
         "--config", "lint.per-file-ignores = {}", "--output-format", "concise",
         *map(str, paths)],
        capture_output=True, text=True,
    )
    return [line for line in result.stdout.splitlines() if "E501" in line]


def _draws_figure(cell: nbformat.NotebookNode) -> bool:
    has_image = any(
        key.endswith("image/png") or key.endswith("image/svg+xml")
        for output in cell.get("outputs", [])
        for key in output.get("data", {})
    )
    return has_image or bool(DRAWS.search(cell.source) and "plt.show()" in cell.source)


def _label(cell: nbformat.NotebookNode, draws: bool, n_checks: int) -> str | None:
    """Return the label of a folded cell; None for a check cell without its author's."""
    prompt = cell.metadata.get("mystnb", {}).get("code_prompt_show", "")
    if n_checks:
        if not prompt:
            return None
        match = CHECK_LABEL.match(prompt)
        rest = prompt[match.end() - 1 :] if match else prompt
        return f"✓ {n_checks} {'check' if n_checks == 1 else 'checks'}: {rest}"
    if prompt:
        return prompt
    if draws:
        return "Show the code of the figure"
    if "quiz." in cell.source:
        return "Show the code of the question"
    return "Show the code"


def _alt_text(cell: nbformat.NotebookNode) -> bool:
    """Write a figure cell's alt text from its caption; return whether it changed."""
    caption = cell.metadata.get("mystnb", {}).get("figure", {}).get("caption")
    if not caption:
        return False
    alt = caption_to_alt(caption)
    image = cell.metadata.setdefault("mystnb", {}).setdefault("image", {})
    if image.get("alt") == alt:
        return False
    image["alt"] = alt
    return True


def polish_metadata(path: Path) -> tuple[bool, list[str]]:
    """Alt text and hide-input tags; returns (changed, cells that plot and check)."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    mixed = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        changed |= _alt_text(cell)
        tags = cell.metadata.get("tags", [])
        draws = _draws_figure(cell)
        n_checks = count_checks(cell.source)
        lines = [line for line in cell.source.splitlines() if line.strip()]
        if draws and not n_checks and len(lines) >= LONG_CELL and "hide-input" not in tags:
            cell.metadata["tags"] = tags = [*tags, "hide-input"]
            changed = True
        if not {"hide-input", "hide-cell"} & set(tags):
            if draws and n_checks:
                mixed.append(f"{path.name} cell {index} ({len(lines)} lines): plots and checks")
            continue
        new_prompt = _label(cell, draws, n_checks)
        if new_prompt is None:
            mixed.append(f"{path.name} cell {index}: {n_checks} checks and no label")
            continue
        mystnb = cell.metadata.setdefault("mystnb", {})
        if mystnb.get("code_prompt_show") != new_prompt or mystnb.get("code_prompt_hide") != "Hide":
            mystnb["code_prompt_show"] = new_prompt
            mystnb["code_prompt_hide"] = "Hide"
            changed = True
    if changed:
        nbformat.write(nb, path)
    return changed, mixed


def polish(paths: list[Path]) -> tuple[list[str], list[str]]:
    format_code(paths)
    mixed: list[str] = []
    for path in paths:
        mixed.extend(polish_metadata(path)[1])
    return mixed, long_lines(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if needed")
    args = parser.parse_args(argv)
    paths = [p for p in args.notebooks if p.suffix == ".ipynb"]
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            copies = []
            for path in paths:
                copy = Path(tmp) / path.name
                shutil.copy2(path, copy)
                copies.append(copy)
            mixed, long = polish(copies)
            stale = [p for p, c in zip(paths, copies, strict=True) if not filecmp.cmp(p, c, False)]
        for path in stale:
            print(f"would change: {path}")
    else:
        mixed, long = polish(paths)
        stale = []
    for line in mixed:
        print(f"not folded (split plotting from checks): {line}")
    for line in long:
        print(f"still longer than {LINE_LENGTH} (shorten by hand): {line}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
