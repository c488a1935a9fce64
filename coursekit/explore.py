"""Explorables: figures a reader moves on the static website, with no kernel and no network.

Each function returns an :class:`Explorable` whose HTML holds labelled
controls (range sliders, a select), readouts (``<output>`` elements) and an
SVG plot, followed by a script: ``coursekit/explore.js``, inlined, which
defines ``window.ckExplore`` once per page and redraws the explorable
whenever a control moves. Nothing is fetched: the page works from
``file://`` and any static host, and in JupyterLab (``make lab``) once the
cell has run.

Every number shown is written into its ``<output>`` twice: as text, rounded
to the digits shown, and at full precision in ``data-value``, so that the
browser test (tests/test_explore_browser.py) can compare what the browser
computed with kltools. The HTML depends only on the arguments (ids come
from ``name``), so a notebook's outputs are the same on every run.

In print (the PDF) the controls are hidden; the plot prints in its initial
state with a line that points to the website.

Examples
--------
>>> x = kl("ex-kl", p=[5, 3, 2], q=[2, 3, 5])
>>> 'id="ckx-ex-kl"' in x.html and 'data-kind="kl"' in x.html
True
>>> surprise("ex-p", p=1.5)
Traceback (most recent call last):
...
ValueError: p must be in [0, 1], got 1.5
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

__all__ = [
    "Explorable",
    "cross_entropy",
    "kl",
    "logistic_loss",
    "mutual_information",
    "softmax_temperature",
    "surprise",
]

_NAME = re.compile(r"[a-z][a-z0-9-]{0,62}\Z")
_STYLE = """<style>
.ck-explore { border: 1px solid #767676; border-radius: 4px; padding: 0.6em 0.8em; margin: 1em 0;
  max-width: 100%; box-sizing: border-box; overflow: hidden; }
.ck-explore .ckx-title { margin: 0 0 0.4em 0; }
.ck-explore .ckx-controls { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; }
.ck-explore .ckx-control { display: flex; flex-direction: column; min-width: 9em; flex: 1 1 9em; }
.ck-explore input[type=range] { width: 100%; }
.ck-explore .ckx-readouts { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; margin: 0.5em 0;
  font-variant-numeric: tabular-nums; }
.ck-explore svg.ckx-plot { width: 100%; height: auto; max-width: 520px; display: block;
  font: 15px sans-serif; background: #fff; color: #000; }
.ck-explore svg.ckx-plot text { fill: currentColor; }
.ck-explore .ckx-print { display: none; }
@media print { .ck-explore .ckx-controls { display: none; }
  .ck-explore .ckx-print { display: block; } }
</style>"""
WEBSITE_NOTE = (
    "Interactive on the website: move the controls there to see the values and the plot "
    "change. Printed here in its initial state."
)


@dataclass(frozen=True)
class Explorable:
    """An explorable's HTML; Jupyter and myst-nb display it through ``_repr_html_``."""

    name: str
    kind: str
    html: str

    def _repr_html_(self) -> str:
        return self.html


@dataclass(frozen=True)
class _Slider:
    param: str
    label: str
    lo: float
    hi: float
    step: float
    value: float
    weight: bool = False


@dataclass(frozen=True)
class _Select:
    param: str
    label: str
    options: tuple[tuple[str, str], ...]
    value: str


@dataclass(frozen=True)
class _Readout:
    key: str
    label: str
    digits: int
    unit: str = ""


def _script() -> str:
    return files("coursekit").joinpath("explore.js").read_text(encoding="utf-8")


def _num(x: float) -> str:
    return repr(float(x)).removesuffix(".0") if float(x).is_integer() else repr(float(x))


def _render(name: str, kind: str, title: str, description: str, config: dict[str, object],
            controls: Sequence[_Slider | _Select], readouts: Sequence[_Readout]) -> Explorable:
    if not _NAME.match(name):
        raise ValueError(f"name must be lower-case letters, digits and dashes, got {name!r}")
    root = f"ckx-{name}"
    parts = [
        f'<div class="ck-explore" id="{root}" data-kind="{kind}" '
        f'data-config="{html.escape(json.dumps(config), quote=True)}" role="group" '
        f'aria-labelledby="{root}-title">',
        f'<p class="ckx-title" id="{root}-title"><strong>Explore.</strong> '
        f"{html.escape(title)}</p>",
        '<div class="ckx-controls">',
    ]
    for c in controls:
        if isinstance(c, _Slider):
            cid = f"{root}-{c.param}"
            weight = " data-weight" if c.weight else ""
            parts.append(
                f'<div class="ckx-control"><label for="{cid}">{html.escape(c.label)}</label>'
                f'<input type="range" id="{cid}" data-param="{c.param}" '
                f'data-name="{html.escape(c.label)}" min="{_num(c.lo)}" max="{_num(c.hi)}" '
                f'step="{_num(c.step)}" value="{_num(c.value)}"{weight}></div>'
            )
        else:
            cid = f"{root}-{c.param}"
            opts = "".join(
                f'<option value="{v}"{" selected" if v == c.value else ""}>'
                f"{html.escape(t)}</option>"
                for v, t in c.options
            )
            parts.append(
                f'<div class="ckx-control"><label for="{cid}">{html.escape(c.label)}</label>'
                f'<select id="{cid}" data-param="{c.param}">{opts}</select></div>'
            )
    parts.append("</div>")
    parts.append('<p class="ckx-readouts ckx-values" aria-live="polite">')
    for r in readouts:
        unit = f" {html.escape(r.unit)}" if r.unit else ""
        parts.append(
            f'<span>{html.escape(r.label)} = <output data-key="{r.key}" '
            f'data-digits="{r.digits}"></output>{unit}</span>'
        )
    parts.append("</p>")
    parts.append(
        f'<svg class="ckx-plot" viewBox="0 0 480 240" role="img" '
        f'aria-label="{html.escape(description, quote=True)}"></svg>'
    )
    parts.append(f'<p class="ckx-print"><em>{WEBSITE_NOTE}</em></p>')
    parts.append("</div>")
    script = f'<script>\n{_script()}\nwindow.ckExplore.init("{root}");\n</script>'
    return Explorable(name, kind, _STYLE + "\n" + "\n".join(parts) + "\n" + script)


def _probability(name: str, p: object) -> float:
    if not (isinstance(p, int | float) and 0 <= p <= 1):
        raise ValueError(f"{name} must be in [0, 1], got {p}")
    return float(p)


def _weights(name: str, w: Sequence[float], n: int = 3) -> list[int]:
    values = list(w)
    ok = len(values) == n and all(float(x).is_integer() and 0 <= x <= 10 for x in values)
    if not ok or sum(values) == 0:
        raise ValueError(f"{name} must be {n} whole weights from 0 to 10, not all 0, got {values}")
    return [int(x) for x in values]


def _weight_sliders(
    param: str, dist: str, weights: list[int], labels: Sequence[str]
) -> list[_Slider]:
    return [
        _Slider(f"{param}{i}", f"{dist} weight of {x}", 0, 10, 1, weights[i], True)
        for i, x in enumerate(labels)
    ]


def surprise(name: str, p: float = 0.25) -> Explorable:
    """Show a coin with P(heads) = p: the surprise of each side and the entropy, in bits."""
    p = _probability("p", p)
    return _render(
        name, "surprise", "Move p, the probability of heads.",
        "Binary entropy H(p) and the surprise -log2 p of heads against p, with a marker at p.",
        {}, [_Slider("p", "p (probability of heads)", 0, 1, 0.001, p)],
        [_Readout("i_heads", "surprise of heads", 3, "bits"),
         _Readout("i_tails", "surprise of tails", 3, "bits"),
         _Readout("h", "H(p)", 3, "bits")],
    )


def kl(
    name: str,
    p: Sequence[float] = (5, 3, 2),
    q: Sequence[float] = (2, 3, 5),
    labels: Sequence[str] = ("a", "b", "c"),
) -> Explorable:
    """Show P and Q on three outcomes, from weights 0 to 10: both divergences, each term."""
    wp, wq = _weights("p", p), _weights("q", q)
    sliders = _weight_sliders("p", "P", wp, labels) + _weight_sliders("q", "Q", wq, labels)
    readouts = [_Readout("d_pq", "D(P‖Q)", 3, "bits"), _Readout("d_qp", "D(Q‖P)", 3, "bits")]
    return _render(
        name, "kl", "Shape P and Q with the weights (each is normalised to sum to 1).",
        "Left: the probabilities of P (solid) and Q (hatched) for each outcome. Right: each "
        "outcome's term p log2(p/q) of D(P||Q), in bits; a term can be negative, their sum "
        "cannot.",
        {"labels": list(labels)}, sliders, readouts,
    )


def cross_entropy(
    name: str,
    p: Sequence[float] = (0.5, 0.3, 0.2),
    q: Sequence[float] = (2, 3, 5),
    labels: Sequence[str] = ("a", "b", "c"),
) -> Explorable:
    """Show H(P, Q) = H(P) + D(P‖Q) as a stacked bar, while Q moves."""
    probs = [float(x) for x in p]
    sums_to_1 = math.isclose(sum(probs), 1.0, abs_tol=1e-9)
    if len(probs) != 3 or any(x < 0 for x in probs) or not sums_to_1:
        raise ValueError(f"p must be 3 probabilities summing to 1, got {probs}")
    sliders = _weight_sliders("q", "Q", _weights("q", q), labels)
    readouts = [_Readout("h_p", "H(P)", 3, "bits"), _Readout("d_pq", "D(P‖Q)", 3, "bits"),
                _Readout("h_pq", "H(P, Q)", 3, "bits")]
    return _render(
        name, "cross_entropy", "Move Q; P stays fixed.",
        "Left: P (solid) and Q (hatched). Right: a stacked bar, H(P) below and D(P||Q) above, "
        "whose height is the cross-entropy H(P,Q) in bits.",
        {"labels": list(labels), "p": probs}, sliders, readouts,
    )


def mutual_information(name: str, a: float = 0.5, e: float = 0.1) -> Explorable:
    """Show a 2×2 joint table: P(X = 1) = a, and Y is X flipped with probability e."""
    a, e = _probability("a", a), _probability("e", e)
    sliders = [_Slider("a", "a = P(X = 1)", 0, 1, 0.01, a),
               _Slider("e", "e = P(Y ≠ X)", 0, 1, 0.01, e)]
    readouts = [_Readout("hx", "H(X)", 3, "bits"), _Readout("hy", "H(Y)", 3, "bits"),
                _Readout("hxy", "H(X, Y)", 3, "bits"), _Readout("mi", "I(X; Y)", 3, "bits")]
    return _render(
        name, "mutual_information", "Move how often Y differs from X, and the balance of X.",
        "Left: the joint table as a grey-scale heatmap with each probability written in its "
        "cell. Right: H(X,Y) as a bar split into H(X|Y), I(X;Y) and H(Y|X).",
        {}, sliders, readouts,
    )


def logistic_loss(name: str, z: float = 2.0, y: int = 1) -> Explorable:
    """Show binary cross-entropy with a logit: the loss and its gradient as z moves."""
    if not (isinstance(z, int | float) and -20 <= z <= 20):
        raise ValueError(f"z must be a number in [-20, 20], got {z}")
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y}")
    controls: list[_Slider | _Select] = [_Slider("z", "z (logit)", -20, 20, 0.1, float(z)),
                _Select("y", "y (label)", (("0", "y = 0"), ("1", "y = 1")), str(y))]
    readouts = [_Readout("prob", "σ(z)", 4), _Readout("loss", "loss", 4, "nats"),
                _Readout("grad", "gradient σ(z) − y", 4)]
    return _render(
        name, "logistic_loss", "Move the logit z, and choose the label y.",
        "The loss -log p(y | z) against the logit z for the chosen label (solid), a marker "
        "at z, and the tangent there (dashed), whose slope is the gradient.",
        {}, controls, readouts,
    )


def softmax_temperature(
    name: str,
    logits: Sequence[float] = (2.0, 1.0, -1.0),
    label: int = 0,
    names: Sequence[str] = ("cat", "dog", "fox"),
    log10_t: float = 0.0,
) -> Explorable:
    """Show the softmax of logits over a temperature T: probabilities, entropy, loss."""
    z = [float(x) for x in logits]
    if len(z) != len(names) or not z or not all(math.isfinite(x) for x in z):
        raise ValueError(f"logits must be finite, one per name, got {list(logits)}")
    if label not in range(len(z)):
        raise ValueError(f"label must index the logits, got {label}")
    if not -1.3 <= log10_t <= 1.3:
        raise ValueError(f"log10_t must be in [-1.3, 1.3], got {log10_t}")
    readouts = [_Readout("t", "T", 3), _Readout("entropy", "entropy", 3, "nats"),
                _Readout("loss", "loss of the true class", 3, "nats")]
    return _render(
        name, "softmax_temperature", "Move the temperature T (on a log scale).",
        "Bars of the softmax probabilities of each class at temperature T; the true class "
        "is hatched.",
        {"logits": z, "label": label, "names": list(names)},
        [_Slider("log10_t", "log10 T", -1.3, 1.3, 0.01, log10_t)], readouts,
    )
