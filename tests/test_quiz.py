"""coursekit.quiz: input checks, deterministic HTML, the list of answers."""

from __future__ import annotations

import html
import json
import math
import re

import pytest

from coursekit import quiz


@pytest.fixture(autouse=True)
def _fresh() -> None:
    quiz.clear()


def _numeric(**overrides: object) -> quiz.Question:
    args: dict[str, object] = {
        "qid": "t-num",
        "question": "Entropy of a fair die?",
        "answer": math.log2(6),
        "tol": 0.01,
        "unit": "bits",
        "wrong": {math.log(6): "That is in nats."},
    }
    args.update(overrides)
    return quiz.numeric(**args)  # type: ignore[arg-type]


OPTIONS = [("D(P‖Q)", True, "Yes."), ("D(Q‖P)", False, "That is the reverse divergence.")]


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"qid": "Bad id"}, "qid"),
        ({"qid": "1abc"}, "qid"),
        ({"qid": ""}, "qid"),
        ({"question": "  "}, "question"),
        ({"answer": float("nan")}, "answer must be finite"),
        ({"answer": "two"}, "answer must be a real number"),
        ({"answer": True}, "answer must be a real number"),
        ({"tol": 0.0}, "tol must be positive"),
        ({"tol": -1.0}, "tol must be positive"),
        ({"tol": float("inf")}, "tol must be finite"),
        ({"wrong": {math.log2(6) + 0.005: "close"}}, "wrong value"),
        ({"wrong": {float("inf"): "far"}}, "wrong must be finite"),
        ({"wrong": {1.0: ""}}, "wrong feedback"),
        ({"hint": ""}, "hint"),
        ({"digits": 0}, "digits"),
        ({"digits": 7}, "digits"),
        ({"digits": 2.0}, "digits"),
    ],
)
def test_numeric_rejects_bad_input(overrides: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        _numeric(**overrides)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ([], "at least two"),
        ([OPTIONS[0]], "at least two"),
        ([OPTIONS[0], ("x", True)], r"options\[1\]"),
        ([OPTIONS[0], ("", False, "f")], "options text"),
        ([OPTIONS[0], ("x", False, " ")], "options feedback"),
        ([OPTIONS[0], ("x", True, "f")], "exactly one right option, got 2"),
        ([OPTIONS[1], ("x", False, "f")], "exactly one right option, got 0"),
        ([OPTIONS[0], ("D(P‖Q)", False, "f")], "distinct"),
    ],
)
def test_choice_rejects_bad_input(options: list[tuple[str, bool, str]], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        quiz.choice("t-choice", "Which?", options)


def test_html_is_deterministic_and_ids_come_from_qid() -> None:
    first, second = _numeric().html, _numeric().html
    assert first == second
    assert set(re.findall(r'\bid="([^"]+)"', first)) == {
        "ck-t-num",
        "ck-t-num-input",
        "ck-t-num-feedback",
    }
    assert "0x" not in first
    c = quiz.choice("t-choice", "Which?", OPTIONS)
    assert re.findall(r'\bid="([^"]+)"', c.html) == [
        "ck-t-choice",
        "ck-t-choice-1",
        "ck-t-choice-2",
        "ck-t-choice-feedback",
    ]


def test_numeric_html_carries_rounded_data_and_accessible_controls() -> None:
    h = _numeric().html
    assert 'data-answer="2.58496"' in h  # log2(6) = 2.584962500721156, 6 digits
    assert 'data-tol="0.01"' in h
    wrong = json.loads(html.unescape(re.search(r'data-wrong="([^"]*)"', h).group(1)))  # type: ignore[union-attr]
    assert wrong == [[1.79176, "That is in nats."]]  # ln 6 = 1.791759469...
    assert '<label for="ck-t-num-input">Your answer (bits)</label>' in h
    assert "<fieldset><legend>Self-check: Entropy of a fair die?</legend>" in h
    assert 'aria-live="polite"' in h
    assert '<button type="button" class="ck-check">Check</button>' in h
    assert "if (window.coursekitQuiz) { return; }" in h
    assert "http" not in h  # nothing fetched


def test_text_is_escaped() -> None:
    q = quiz.choice(
        "t-esc",
        "Is 1 < 2 & 3 > 2?",
        [("<b>yes</b>", True, 'say "yes"'), ("no", False, "it's true")],
    )
    assert "Is 1 &lt; 2 &amp; 3 &gt; 2?" in q.html
    assert "&lt;b&gt;yes&lt;/b&gt;" in q.html
    assert 'data-feedback="say &quot;yes&quot;"' in q.html
    assert "<b>" not in q.html


def test_choice_marks_the_right_option() -> None:
    h = quiz.choice("t-choice", "Which?", OPTIONS).html
    assert re.findall(r'data-correct="(\d)"', h) == ["1", "0"]
    assert 'data-feedback="That is the reverse divergence."' in h
    assert h.count('name="ck-t-choice"') == 2


def test_plain_repr_has_no_address() -> None:
    assert repr(_numeric()) == "Self-check (t-num): Entropy of a fair die?"


def test_answers_list_every_question_once_in_order() -> None:
    _numeric()
    quiz.choice("t-choice", "Which divergence?", OPTIONS)
    _numeric()  # re-running a cell replaces, not repeats
    listed = quiz.answers()
    assert [q.qid for q in listed.questions] == ["t-num", "t-choice"]
    assert repr(listed).splitlines() == [
        "Answers to the self-check questions",
        "1. Entropy of a fair die? Answer: 2.585 bits (within ± 0.01)",
        "2. Which divergence? Answer: D(P‖Q)",
    ]
    h = listed._repr_html_()
    assert "@media screen { .ck-answers { display: none; } }" in h
    assert h.count("<li>") == 2
    assert "<strong>Answer:</strong> 2.585 bits (within ± 0.01)" in h


def test_answer_digits_and_negative_zero() -> None:
    q = _numeric(answer=-0.0, wrong={1.0: "no"}, digits=2, unit="")
    assert q.answer == "0 (within ± 0.01)"
    assert 'data-answer="0"' in q.html
    assert '<label for="ck-t-num-input">Your answer</label>' in q.html


def test_notebooks_render_the_form_itself() -> None:
    q = _numeric()
    assert q._repr_html_() == q.html and q.html.startswith("<")
