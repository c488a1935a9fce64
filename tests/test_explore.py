"""coursekit.explore without a browser: the HTML it writes, and the arguments it refuses."""

from __future__ import annotations

import re

import pytest

from coursekit import explore


def test_html_depends_only_on_the_arguments() -> None:
    first = explore.kl("same", p=[1, 2, 3], q=[3, 2, 1]).html
    assert first == explore.kl("same", p=[1, 2, 3], q=[3, 2, 1]).html
    assert first != explore.kl("same", p=[1, 2, 4], q=[3, 2, 1]).html


def test_every_control_has_a_label_and_every_id_is_unique() -> None:
    x = explore.logistic_loss("lab", z=1.5, y=0)
    ids = re.findall(r' id="([^"]+)"', x.html)
    assert len(ids) == len(set(ids))
    for control in re.findall(r'<(?:input|select) [^>]*id="([^"]+)"', x.html):
        assert f'<label for="{control}">' in x.html
    assert '<option value="0" selected>' in x.html
    assert x._repr_html_() == x.html
    assert "window.ckExplore.init(\"ckx-lab\")" in x.html


def test_controls_start_where_asked() -> None:
    x = explore.softmax_temperature("t", log10_t=0.5)
    assert 'value="0.5"' in x.html
    assert 'value="0.25"' in explore.surprise("s", p=0.25).html
    assert 'value="0.3"' in explore.mutual_information("m", a=0.3).html
    assert "0.2]" in explore.cross_entropy("c").html  # P's probabilities, in the config


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: explore.surprise("Bad Name"), "name must be"),
        (lambda: explore.surprise("s", p=-0.1), "p must be in"),
        (lambda: explore.kl("k", p=[0, 0, 0]), "p must be 3 whole weights"),
        (lambda: explore.kl("k", q=[1.5, 2, 3]), "q must be 3 whole weights"),
        (lambda: explore.kl("k", p=[1, 2]), "p must be 3 whole weights"),
        (lambda: explore.cross_entropy("c", p=[0.5, 0.6, 0.1]), "p must be 3 probabilities"),
        (lambda: explore.mutual_information("m", e=2), "e must be in"),
        (lambda: explore.logistic_loss("b", z=25), "z must be a number"),
        (lambda: explore.logistic_loss("b", y=2), "y must be 0 or 1"),
        (lambda: explore.softmax_temperature("t", logits=[1.0, float("nan"), 0.0]), "logits must"),
        (lambda: explore.softmax_temperature("t", label=3), "label must index"),
        (lambda: explore.softmax_temperature("t", log10_t=2.0), "log10_t must be in"),
    ],
)
def test_bad_arguments_are_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()
