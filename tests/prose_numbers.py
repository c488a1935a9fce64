"""Find the numbers typed in the book's prose that no cell produced.

The book's rule: a number in the prose comes from a cell. A decimal number
with three or more significant digits in a Markdown cell (``0.2075``,
``4.1178``, ``52.7``, ``1.25e-3``, ``1.2 \\times 10^{-3}``) must be one of:

* glued from a cell (a ``{glue}`` role: it is not typed, so it is not seen);
* printed, to the digits shown, in an output of the same notebook (glued
  values are in the outputs too);
* a mathematical constant on :data:`CONSTANTS`, or an exact short binary
  fraction such as 0.125 = 1/8, which is arithmetic rather than a measurement.

Markdown pages (``.md``) have no outputs, so only constants may be typed there.
Not numbers in this sense: section and version numbers (``2.2.1``, ``1.9.1``),
file names and labels in roles and links, and code blocks.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

#: Constants that may be typed: name -> value. Each is mathematics, not a
#: measurement, so no cell needs to print it. A typed number matches a constant
#: when it is the constant rounded to the digits shown.
CONSTANTS: dict[str, float] = {
    "ln 2 (nats in a bit)": math.log(2),
    "log2 e = 1 / ln 2 (bits in a nat)": 1 / math.log(2),
    "ln 10": math.log(10),
    "log10 2": math.log10(2),
    "pi": math.pi,
    "2 pi": 2 * math.pi,
    "e": math.e,
    "sqrt 2": math.sqrt(2),
    "1 / sqrt 2": 1 / math.sqrt(2),
    "sqrt(2 pi)": math.sqrt(2 * math.pi),
    "1 / sqrt(2 pi)": 1 / math.sqrt(2 * math.pi),
    "ln(2 pi)": math.log(2 * math.pi),
    "1/2 ln(2 pi)": 0.5 * math.log(2 * math.pi),
    "1/2 ln(2 pi e)": 0.5 * math.log(2 * math.pi * math.e),
    "1/2 log2(2 pi e)": 0.5 * math.log2(2 * math.pi * math.e),
    "1/e": 1 / math.e,
    "largest float64, about 1.8e308": float.fromhex("0x1.fffffffffffffp+1023"),
    "float64 machine epsilon 2^-52": 2.0**-52,
    "float64 unit roundoff 2^-53": 2.0**-53,
    "smallest normal float64": 2.0**-1022,
    "log2(1/e) magnitude = log2 e": math.log2(math.e),
    **{f"log2 {n}": math.log2(n) for n in range(3, 33)},
    **{f"ln {n}": math.log(n) for n in range(3, 33)},
    **{f"1/{n}": 1 / n for n in (3, 6, 7, 9, 11, 12)},
}

# A number: optional sign, digits with a decimal point, optional exponent in
# e-notation or as "x 10^{k}" / "\times 10^{-k}" / "×10⁻³".
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUMBER = re.compile(
    r"(?<![\w.])(?P<mantissa>\d+\.\d+)"
    r"(?P<exponent>"
    r"[eE][-+]?\d+"
    r"|\s*(?:\\times|\\cdot|×|x)\s*10\s*(?:\^\s*\{?\s*[-+−]?\s*\d+\s*\}?|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r")?"
    r"(?![\w]|\.\d)"
)
_OUTPUT_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")

# What is stripped from Markdown before numbers are read.
_STRIP = [
    re.compile(r"```(?:python|py|bash|text|console|ipython3?)\b.*?```", re.S),  # code blocks
    re.compile(r"\{[\w:.-]+\}`[^`]*`"),  # MyST roles: {glue:text}`k:.4f`, {doc}`08_x`, {eq}`...`
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+"),  # bare addresses
    re.compile(r"^\s*:[\w-]+:.*$", re.M),  # directive options (:label:, :class:)
    re.compile(r"^\([\w-]+\)=\s*$", re.M),  # target labels
    re.compile(r"<!--.*?-->", re.S),  # comments
]


@dataclass(frozen=True)
class Typed:
    """A number typed in the prose: where it is, its text, and its value."""

    where: str
    text: str
    value: Decimal
    digits: int  # significant digits shown

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r}"


def _significant_digits(mantissa: str) -> int:
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits)


def _parse(match: re.Match[str]) -> tuple[Decimal, int]:
    mantissa = match["mantissa"]
    value = Decimal(mantissa)
    exponent = match["exponent"]
    if exponent:
        exp = exponent.strip().translate(_SUPERSCRIPTS).replace("−", "-")
        if exp[0] in "eE":
            power = int(exp[1:])
        else:
            power = int(re.search(r"10\s*\^?\s*\{?\s*([-+]?)\s*(\d+)", exp).expand(r"\1\2"))
        value = value.scaleb(power)
    return value, _significant_digits(mantissa)


def typed_numbers(markdown: str, where: str = "") -> list[Typed]:
    """The decimal numbers with 3+ significant digits typed in ``markdown``.

    Scientific forms count when their mantissa has a decimal point, e.g.
    ``1.25e-3`` or ``1.2 \\times 10^{-3}``, whatever its number of digits.
    """
    text = markdown
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    found = []
    for match in _NUMBER.finditer(text):
        value, digits = _parse(match)
        if digits >= 3 or match["exponent"]:
            found.append(Typed(where, match.group(0), value, digits))
    return found


def _matches(typed: Typed, candidate: float) -> bool:
    """Whether ``candidate`` rounds to the number as typed (sign ignored)."""
    if not math.isfinite(candidate):
        return False
    x, y = abs(typed.value), abs(Decimal(candidate))
    if x == 0:
        return y == 0
    # half a unit in the last significant digit shown, plus a little for binary floats
    half_ulp = Decimal(5).scaleb(x.adjusted() - typed.digits)
    return abs(x - y) <= half_ulp * Decimal("1.000000001")


def _is_short_binary_fraction(typed: Typed) -> bool:
    """1/8 = 0.125, 3/8 = 0.375, 1.0625...: exact fractions k / 2^j, j <= 6."""
    value = Decimal(typed.text) if "e" not in typed.text.lower() else None
    if value is None or "×" in typed.text or "times" in typed.text:
        return False
    return (value * 64) == (value * 64).to_integral_value()


def is_constant(typed: Typed) -> bool:
    """Whether ``typed`` is a constant of :data:`CONSTANTS` or a short binary fraction."""
    try:
        if _is_short_binary_fraction(typed):
            return True
    except ArithmeticError:  # pragma: no cover - Decimal of an odd form
        pass
    return any(_matches(typed, c) for c in CONSTANTS.values())


def output_numbers(cells: Iterable[dict]) -> list[float]:
    """Every number printed in the outputs of ``cells`` (streams, text, glue)."""
    values: list[float] = []
    for cell in cells:
        for out in cell.get("outputs", []):
            texts: list[str] = []
            if "text" in out:
                texts.append("".join(out["text"]))
            for mime, data in out.get("data", {}).items():
                if mime.startswith("text/") or mime == "application/json":
                    texts.append(data if isinstance(data, str) else "".join(data))
            for t in texts:
                t = t.translate(_SUPERSCRIPTS)
                for m in _OUTPUT_NUMBER.finditer(t):
                    try:
                        values.append(float(m.group(0)))
                    except ValueError:  # pragma: no cover - the regex gives floats
                        continue
    return values


def _markdown_cells(nb: dict) -> Iterator[tuple[int, str]]:
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            yield i, "".join(cell["source"])


def unbacked_in_notebook(nb: dict, name: str = "notebook") -> list[Typed]:
    """The typed numbers of a notebook's Markdown that neither an output nor a constant backs."""
    printed = output_numbers(nb["cells"])
    bad = []
    for i, source in _markdown_cells(nb):
        for typed in typed_numbers(source, f"{name} cell {i}"):
            if is_constant(typed):
                continue
            candidates = printed + [100 * v for v in printed]  # 0.527 printed, 52.7% typed
            if not any(_matches(typed, v) for v in candidates):
                bad.append(typed)
    return bad


def unbacked_in_page(markdown: str, name: str = "page") -> list[Typed]:
    """The typed numbers of a Markdown page (no outputs) that are not constants."""
    return [t for t in typed_numbers(markdown, name) if not is_constant(t)]


def unbacked_in_file(path: Path) -> list[Typed]:
    """Dispatch on the file type: a notebook or a Markdown page."""
    if path.suffix == ".ipynb":
        return unbacked_in_notebook(json.loads(path.read_text()), path.name)
    return unbacked_in_page(path.read_text(), path.name)
