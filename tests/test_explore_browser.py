"""The explorables (coursekit.explore) in Chromium: the browser computes what kltools computes.

On every page of the built site that holds an explorable, and on a standalone
page with one explorable of each kind opened from ``file://``:

* every control is moved to at least three positions, its two ends among
  them (a zero probability, a weight of 0, an extreme logit or temperature);
  after each move every value the explorable computed (``data-values``, full
  precision) is compared with kltools to 1e-9 (relative; 1e-12 absolute),
  and every readout's text with the value rounded to the digits it shows;
* no console error, no request outside the page's origin;
* at 390 px (a phone) every explorable fits the width, nothing scrolls
  sideways; every control is reached with Tab and moved with the arrow keys;
* the time to interactive of the heaviest page with explorables (navigation
  start to the last explorable drawn) is measured and printed, and bounded.

At least six explorables, in at least six chapters.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import kltools as kt
from coursekit import explore
from tests.browser_site import SITE, browser, open_page, server

__all__ = ["browser", "server"]  # the fixtures, imported for pytest

MARKER = 'class="ck-explore"'
PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.glob("book/*.html")
    if MARKER in p.read_text(encoding="utf-8")
) if SITE.is_dir() else []
RTOL, ATOL = 1e-9, 1e-12
MAX_TIME_TO_INTERACTIVE_MS = 10_000


def expected(kind: str, v: dict[str, float], cfg: dict) -> dict[str, float]:
    """What kltools computes for an explorable of ``kind`` with control values ``v``."""
    if kind == "surprise":
        p = v["p"]
        return {"i_heads": kt.self_information(p, base=2),
                "i_tails": kt.self_information(1 - p, base=2),
                "h": kt.binary_entropy(p, base=2)}
    if kind in ("kl", "cross_entropy"):
        q = kt.normalize([v["q0"], v["q1"], v["q2"]])
        if kind == "cross_entropy":
            p = np.array(cfg["p"])
            return {"h_p": kt.entropy(p, base=2), "d_pq": kt.kl_divergence(p, q, base=2),
                    "h_pq": kt.cross_entropy(p, q, base=2),
                    **{f"q{i}": x for i, x in enumerate(q)}}
        p = kt.normalize([v["p0"], v["p1"], v["p2"]])
        # Each outcome's term p log2(p/q) (0 where p = 0, inf where q = 0 < p); their
        # sum is checked against kltools' divergence.
        terms = [0.0 if pi == 0 else math.inf if qi == 0 else pi * math.log2(pi / qi)
                 for pi, qi in zip(p, q, strict=True)]
        np.testing.assert_allclose(
            min(sum(terms), math.inf), kt.kl_divergence(p, q, base=2), rtol=1e-12, atol=1e-15
        )
        return {"d_pq": kt.kl_divergence(p, q, base=2), "d_qp": kt.kl_divergence(q, p, base=2),
                **{f"t{i}": x for i, x in enumerate(terms)},
                **{f"p{i}": x for i, x in enumerate(p)}, **{f"q{i}": x for i, x in enumerate(q)}}
    if kind == "mutual_information":
        a, e = v["a"], v["e"]
        joint = np.array([[(1 - a) * (1 - e), (1 - a) * e], [a * e, a * (1 - e)]])
        return {"hx": kt.entropy(joint.sum(axis=1), base=2),
                "hy": kt.entropy(joint.sum(axis=0), base=2),
                "hxy": kt.joint_entropy(joint, base=2),
                "mi": kt.mutual_information(joint, base=2),
                "hx_given_y": kt.conditional_entropy(joint, given=1, base=2),
                "hy_given_x": kt.conditional_entropy(joint, given=0, base=2),
                **{f"j{i}": x for i, x in enumerate(joint.ravel())}}
    if kind == "logistic_loss":
        y, z = [v["y"]], [v["z"]]
        return {"prob": kt.sigmoid(v["z"]), "loss": kt.binary_cross_entropy_with_logits(y, z),
                "grad": kt.binary_cross_entropy_with_logits_grad(y, z)}
    if kind == "softmax_temperature":
        t = 10.0 ** v["log10_t"]
        scaled = np.array(cfg["logits"]) / t
        q = kt.softmax(scaled)
        return {"t": t, "entropy": kt.entropy(q),
                "loss": kt.softmax_cross_entropy([cfg["label"]], [scaled]),
                **{f"q{i}": x for i, x in enumerate(q)}}
    raise AssertionError(f"no kltools reference for the kind {kind!r}")


_STATE = """
(id) => {
  const root = document.getElementById(id);
  const controls = Array.from(root.querySelectorAll('[data-param]')).map(c => ({
    param: c.dataset.param, tag: c.tagName, value: c.value, min: c.min, max: c.max, step: c.step,
    options: c.tagName === 'SELECT' ? Array.from(c.options).map(o => o.value) : []}));
  const outputs = Array.from(root.querySelectorAll('output[data-key]')).map(o => ({
    key: o.dataset.key, value: o.dataset.value, text: o.textContent,
    digits: parseInt(o.dataset.digits, 10)}));
  return {kind: root.dataset.kind, config: JSON.parse(root.dataset.config), controls: controls,
          outputs: outputs, values: JSON.parse(root.querySelector('.ckx-values').dataset.values)};
}
"""
_SET = """
([id, param, value]) => {
  const c = document.getElementById(id).querySelector(`[data-param="${param}"]`);
  c.value = value;
  c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
}
"""


def _number(text: str | float) -> float:
    return math.inf if text in ("inf", "Infinity", "∞") else float(text)


def _positions(control: dict) -> list[str]:
    if control["tag"] == "SELECT":
        return control["options"]
    lo, hi, step = float(control["min"]), float(control["max"]), float(control["step"])
    middle = lo + step * round((hi - lo) / 3 / step)
    return [repr(x) for x in (lo, hi, middle)]


def _compare(where: str, state: dict) -> None:
    v = {c["param"]: float(c["value"]) for c in state["controls"]}
    want = expected(state["kind"], v, state["config"])
    got = {k: _number(x) for k, x in state["values"].items() if k in want}
    assert set(got) == set(want), f"{where}: values {sorted(got)}, kltools {sorted(want)}"
    for key, value in want.items():
        value = np.asarray(value).item()
        if math.isinf(value):
            assert math.isinf(got[key]), f"{where}: {key} = {got[key]}, kltools inf"
        else:
            assert got[key] == pytest.approx(value, rel=RTOL, abs=ATOL), f"{where}: {key}"
    for out in state["outputs"]:
        value = np.asarray(want[out["key"]]).item()
        assert _number(out["value"]) == pytest.approx(value, rel=RTOL, abs=ATOL) or (
            math.isinf(value) and out["value"] == "Infinity"
        ), f"{where}: {out['key']} data-value"
        if math.isinf(value):
            assert out["text"] == "∞", f"{where}: {out['key']} shows {out['text']!r}"
        else:
            shown = float(out["text"])
            assert abs(shown - value) <= 0.5 * 10.0 ** -out["digits"] + 1e-12, (
                f"{where}: {out['key']} shows {out['text']}, kltools {value}"
            )


def _exercise(page, where: str) -> int:
    """Move every control of every explorable on the page; return how many were checked."""
    roots = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ck-explore')).map(r => r.id)"
    )
    for root in roots:
        state = page.evaluate(_STATE, root)
        _compare(f"{where} {root} initial", state)
        for control in state["controls"]:
            start = control["value"]
            for value in _positions(control):
                page.evaluate(_SET, [root, control["param"], value])
                _compare(f"{where} {root} {control['param']}={value}", page.evaluate(_STATE, root))
            page.evaluate(_SET, [root, control["param"], start])
    return len(roots)


def test_six_explorables_in_six_chapters() -> None:
    counts = {
        page: (SITE / page).read_text(encoding="utf-8").count(MARKER) for page in PAGES
    }
    chapters = [p for p in counts if re.fullmatch(r"book/\d\d_\w+\.html", p)]
    assert len(chapters) >= 6, f"explorables on {chapters}"
    assert sum(counts.values()) >= 6


@pytest.mark.parametrize("page_path", PAGES or ["(no pages built)"])
def test_explorables_agree_with_kltools(server: str, browser, page_path: str) -> None:
    page, errors = open_page(browser, server, page_path)
    try:
        checked = _exercise(page, page_path)
    finally:
        page.close()
    assert checked >= 1
    assert errors == []


def test_every_kind_from_a_standalone_file(browser, tmp_path: Path) -> None:
    """One explorable of each kind, on a page opened from file://: works offline, agrees."""
    parts = [
        explore.surprise("s"), explore.kl("k", p=[4, 0, 6], q=[1, 9, 0]),
        explore.cross_entropy("c"), explore.mutual_information("m", a=0.3, e=0.0),
        explore.logistic_loss("b", z=-20.0, y=0), explore.softmax_temperature("t", log10_t=-1.3),
    ]
    assert {x.kind for x in parts} == set(json.loads(_kinds_of_js()))
    html = "".join(x.html for x in parts)
    path = tmp_path / "explore.html"
    path.write_text(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>x"
                    f"</title></head><body><main>{html}</main></body></html>", encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        assert _exercise(page, "standalone") == len(parts)
    finally:
        page.close()
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []


def _kinds_of_js() -> str:
    source = (Path(explore.__file__).with_name("explore.js")).read_text(encoding="utf-8")
    block = source[source.index("var KINDS = {") : source.index("function read(root)")]
    return json.dumps(sorted(re.findall(r"^    (\w+): function", block, re.M)))


def test_a_weight_of_zero_everywhere_is_refused(browser, tmp_path: Path) -> None:
    """Setting every weight of P to 0 puts the moved one back to 1: P stays a distribution."""
    path = tmp_path / "kl.html"
    path.write_text(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>x"
                    f"</title></head><body>{explore.kl('z', p=[1, 0, 0]).html}</body></html>")
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        page.evaluate(_SET, ["ckx-z", "p0", "0"])
        state = page.evaluate(_STATE, "ckx-z")
    finally:
        page.close()
    assert state["controls"][0]["value"] == "1"
    _compare("all weights 0", state)


@pytest.mark.parametrize("page_path", PAGES or ["(no pages built)"])
def test_fits_a_phone(server: str, browser, page_path: str) -> None:
    page, _ = open_page(browser, server, page_path, viewport={"width": 390, "height": 844})
    try:
        wide = page.evaluate(
            """() => Array.from(document.querySelectorAll('.ck-explore')).filter(r =>
                 r.scrollWidth > r.clientWidth + 1 || r.getBoundingClientRect().right > 391)
               .map(r => r.id)"""
        )
    finally:
        page.close()
    assert wide == []


def test_keyboard_moves_every_control(server: str, browser) -> None:
    """Tab reaches each control of the first page's explorables; the arrow keys move it."""
    page, _ = open_page(browser, server, PAGES[0])
    try:
        ids = page.evaluate(
            "() => Array.from(document.querySelectorAll('.ck-explore [data-param]')).map(c => c.id)"
        )
        for _ in range(800):
            page.keyboard.press("Tab")
            active = page.evaluate("() => document.activeElement.id")
            if active == ids[0]:
                break
        else:
            pytest.fail("Tab never reached the first control")
        for control_id in ids:
            assert page.evaluate("() => document.activeElement.id") == control_id
            before = page.evaluate(f"() => document.getElementById('{control_id}').value")
            outputs = page.evaluate(
                f"() => document.getElementById('{control_id}').closest('.ck-explore')"
                ".querySelector('.ckx-values').dataset.values"
            )
            page.keyboard.press("ArrowUp" if before != page.evaluate(
                f"() => document.getElementById('{control_id}').max") else "ArrowDown")
            after = page.evaluate(f"() => document.getElementById('{control_id}').value")
            assert after != before, f"{control_id}: the arrow keys did not move it"
            assert page.evaluate(
                f"() => document.getElementById('{control_id}').closest('.ck-explore')"
                ".querySelector('.ckx-values').dataset.values"
            ) != outputs
            page.keyboard.press("Tab")
    finally:
        page.close()


def test_time_to_interactive_of_the_heaviest_page(server: str, browser) -> None:
    heaviest = max(PAGES, key=lambda p: (SITE / p).stat().st_size)
    page, _ = open_page(browser, server, heaviest)
    try:
        ready = page.evaluate("() => Math.max(...window.ckExplore.ready.map(r => r[1]))")
    finally:
        page.close()
    print(f"\ntime to interactive of {heaviest}: {ready:.0f} ms")
    assert 0 < ready < MAX_TIME_TO_INTERACTIVE_MS
