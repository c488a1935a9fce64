"""Self-check questions that work on a static page: no kernel, no network.

Each question is an HTML form (a ``<fieldset>`` with a ``<legend>``, a
labelled text field or a radio group, a "Check" button and a feedback region
with ``aria-live="polite"``) and a small inline script that defines the
checking handler once per page. Everything the script needs is stored in
``data-`` attributes: the answer and the tolerance rounded to 6 significant
digits, the misconceptions with their feedback. The HTML depends only on the
arguments (ids are derived from ``qid``), so a notebook's outputs are the same
on every run.

The right answer is passed as a number the chapter computed, never typed, and
each wrong value or option carries feedback that names the misconception it
stands for. :func:`answers`, called at the end of a chapter, lists every
question with its answer: hidden on screen, printed in the PDF.

Examples
--------
>>> q = numeric("ex-bits", "How many bits is one byte?", answer=8.0, tol=0.5,
...             wrong={1.0: "That is the number of bytes."})
>>> 'data-answer="8"' in q.html
True
>>> c = choice("ex-pick", "Which is larger?",
...            options=[("2", True, "Yes."), ("1", False, "1 < 2.")])
>>> c.qid
'ex-pick'
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Answers", "Question", "answers", "choice", "clear", "numeric"]

_QID = re.compile(r"[a-z][a-z0-9-]{0,62}\Z")
_GENERIC_HINT = "Check each step (the base of the logarithm, the units) and try again."

# Defines window.coursekitQuiz once, however many questions a page holds; the
# listeners are delegated, so questions added later work too.
_SCRIPT = """<script>
(function () {
  if (window.coursekitQuiz) { return; }
  function parse(text) {
    var m = /^\\s*([-+]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+)(?:[eE][-+]?\\d+)?)/.exec(text);
    return m ? parseFloat(m[1].replace(",", ".")) : NaN;
  }
  function verdict(box) {
    var d = box.dataset;
    if (d.kind === "numeric") {
      var x = parse(box.querySelector("input").value);
      if (isNaN(x)) { return ["", "Enter a number, for example 1.5."]; }
      var tol = parseFloat(d.tol) * (1 + 1e-9);
      if (Math.abs(x - parseFloat(d.answer)) <= tol) { return ["Right.", d.right]; }
      var wrong = JSON.parse(d.wrong);
      for (var i = 0; i < wrong.length; i++) {
        if (Math.abs(x - wrong[i][0]) <= tol) { return ["Not quite.", wrong[i][1]]; }
      }
      return ["Not quite.", d.hint];
    }
    var picked = box.querySelector("input:checked");
    if (!picked) { return ["", "Choose an option first."]; }
    var ok = picked.dataset.correct === "1";
    return [ok ? "Right." : "Not quite.", picked.dataset.feedback];
  }
  function check(box) {
    var v = verdict(box), out = box.querySelector(".ck-feedback");
    out.textContent = "";
    if (v[0]) {
      var head = document.createElement("strong");
      head.textContent = v[0];
      out.appendChild(head);
      out.appendChild(document.createTextNode(" "));
    }
    out.appendChild(document.createTextNode(v[1]));
    box.setAttribute("data-state", v[0] === "Right." ? "right" : v[0] ? "wrong" : "");
  }
  window.coursekitQuiz = check;
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".ck-quiz .ck-check");
    if (b) { check(b.closest(".ck-quiz")); }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Enter" && t.matches && t.matches(".ck-quiz input.ck-input")) {
      e.preventDefault();
      check(t.closest(".ck-quiz"));
    }
  });
})();
</script>"""

# Text keeps the page's own colour (the theme's contrast, light and dark);
# right and wrong are told in words, the border only repeats them.
_STYLE = """<style>
.ck-quiz fieldset { border: 1px solid currentColor; border-radius: .4em;
  padding: .5em 1em .7em; margin: 1em 0; }
.ck-quiz legend { font-size: 1em; font-weight: 600; float: none; width: auto;
  margin: 0; padding: 0 .3em; }
.ck-quiz .ck-option { margin: .2em 0; }
.ck-quiz input.ck-input { color: inherit; background: transparent; font: inherit;
  border: 1px solid currentColor; border-radius: .2em; padding: .15em .4em; width: 9em; }
.ck-quiz button.ck-check { color: inherit; background: transparent; font: inherit;
  border: 2px solid currentColor; border-radius: .3em; padding: .1em .8em;
  margin: .4em .5em 0 0; cursor: pointer; }
.ck-quiz input:focus-visible, .ck-quiz button:focus-visible {
  outline: 3px solid currentColor; outline-offset: 2px; }
.ck-quiz .ck-feedback { margin: .5em 0 0; min-height: 1.5em; color: inherit; }
.ck-quiz[data-state="right"] .ck-feedback { border-left: 4px solid currentColor;
  padding-left: .5em; }
.ck-quiz[data-state="wrong"] .ck-feedback { border-left: 4px dashed currentColor;
  padding-left: .5em; }
@media print { .ck-quiz button.ck-check, .ck-quiz .ck-feedback { display: none; } }
</style>"""

_ANSWERS_STYLE = """<style>
@media screen { .ck-answers { display: none; } }
</style>"""


@dataclass(frozen=True)
class Question:
    """A self-check question, displayed by IPython as its HTML form.

    Attributes
    ----------
    qid : str
        The question's id, unique in the book; the HTML ids derive from it.
    question : str
        The question as plain text.
    answer : str
        The right answer as printed in the chapter's list of answers.
    html : str
        The form, its style and its script.
    """

    qid: str
    question: str
    answer: str
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        """Return the question as plain text, for a terminal."""
        return f"Self-check ({self.qid}): {self.question}"


@dataclass(frozen=True)
class Answers:
    """The answers of a chapter's questions: hidden on screen, printed on paper.

    Attributes
    ----------
    questions : tuple of Question
        The questions, in the order they were asked.
    """

    questions: tuple[Question, ...]

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li><span class="ck-q">{html.escape(q.question)}</span> '
            f"<strong>Answer:</strong> {html.escape(q.answer)}</li>"
            for q in self.questions
        )
        return (
            f'<div class="ck-answers">{_ANSWERS_STYLE}'
            "<p><strong>Answers to the self-check questions</strong></p>"
            f"<ol>{items}</ol></div>"
        )

    def __repr__(self) -> str:
        """Return the answers as plain text, for a terminal."""
        lines = [f"{i}. {q.question} Answer: {q.answer}" for i, q in enumerate(self.questions, 1)]
        return "\n".join(["Answers to the self-check questions", *lines])


_ASKED: dict[str, Question] = {}


def _fmt(x: float, digits: int) -> str:
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value.strip()


def _check_qid(qid: object) -> str:
    if not isinstance(qid, str) or not _QID.match(qid):
        raise ValueError(
            f"qid must be lower-case letters, digits and hyphens, starting with a "
            f"letter (at most 63 characters), got {qid!r}"
        )
    return qid


def _check_number(name: str, value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number!r}")
    return number


def _register(question: Question) -> Question:
    _ASKED[question.qid] = question
    return question


def _form(qid: str, question: str, attrs: str, body: str) -> str:
    return (
        f'<div class="ck-quiz" id="ck-{qid}" {attrs}>{_STYLE}'
        f"<fieldset><legend>Self-check: {html.escape(question)}</legend>{body}"
        f'<button type="button" class="ck-check">Check</button>'
        f'<p class="ck-feedback" id="ck-{qid}-feedback" aria-live="polite"></p>'
        f"</fieldset>{_SCRIPT}</div>"
    )


def numeric(
    qid: str,
    question: str,
    answer: float,
    tol: float,
    unit: str = "",
    wrong: Mapping[float, str] | None = None,
    *,
    explain: str = "",
    hint: str = _GENERIC_HINT,
    digits: int = 4,
) -> Question:
    """Ask for a number, accepted within an absolute tolerance.

    Parameters
    ----------
    qid : str
        Id of the question, unique in the book (lower-case letters, digits
        and hyphens; prefix it with the chapter).
    question : str
        The question, plain text (no TeX: use Unicode, ``D(P‖Q)``, ``log₂``).
    answer : float
        The right answer, computed by the chapter's code.
    tol : float
        Absolute tolerance, positive: an answer within ``tol`` is right.
    unit : str, optional
        The unit, shown in the field's label and in the answers ("bits").
    wrong : mapping of float to str, optional
        Misconceptions: a wrong value (computed, like the answer) and the
        feedback that names the mistake it stands for. A reply within ``tol``
        of one of them gets its feedback; any other wrong reply gets ``hint``.
    explain : str, optional
        Shown after "Right.".
    hint : str, optional
        Feedback for a wrong reply that matches no listed misconception.
    digits : int, optional
        Significant digits of the answer in the list of answers (1 to 6).

    Returns
    -------
    Question
        Displayed by IPython as the HTML form.

    Raises
    ------
    ValueError
        If ``qid`` is malformed, ``question`` or a feedback is empty, ``answer``
        or a wrong value is not a finite number, ``tol`` is not positive,
        a wrong value lies within ``2 * tol`` of the answer, or ``digits`` is
        outside 1 to 6.

    Examples
    --------
    >>> q = numeric("ex-nats", "ln 2 in nats?", answer=0.693147, tol=0.01, unit="nats")
    >>> q.answer
    '0.6931 nats (within ± 0.01)'
    """
    qid, question = _check_qid(qid), _check_text("question", question)
    value = _check_number("answer", answer)
    tolerance = _check_number("tol", tol)
    if tolerance <= 0:
        raise ValueError(f"tol must be positive, got {tolerance!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 6:
        raise ValueError(f"digits must be an integer from 1 to 6, got {digits!r}")
    misconceptions = []
    for bad, feedback in (wrong or {}).items():
        bad_value = _check_number("wrong", bad)
        if abs(bad_value - value) <= 2 * tolerance:
            raise ValueError(
                f"wrong value {bad_value!r} is within 2 * tol of the answer {value!r}: "
                "a reader could not tell them apart"
            )
        misconceptions.append([float(_fmt(bad_value, 6)), _check_text("wrong feedback", feedback)])
    unit_text = f" {unit.strip()}" if unit.strip() else ""
    label = f"Your answer ({unit.strip()})" if unit_text else "Your answer"
    attrs = (
        f'data-kind="numeric" data-answer="{_fmt(value, 6)}" data-tol="{_fmt(tolerance, 6)}" '
        f'data-wrong="{_attr(json.dumps(misconceptions, ensure_ascii=False))}" '
        f'data-right="{_attr(explain)}" data-hint="{_attr(_check_text("hint", hint))}"'
    )
    body = (
        f'<label for="ck-{qid}-input">{html.escape(label)}</label> '
        '<input type="text" inputmode="decimal" autocomplete="off" '
        f'class="ck-input" id="ck-{qid}-input"> '
    )
    shown = f"{_fmt(value, digits)}{unit_text} (within ± {_fmt(tolerance, 3)})"
    return _register(Question(qid, question, shown, _form(qid, question, attrs, body)))


def choice(qid: str, question: str, options: Sequence[tuple[str, bool, str]]) -> Question:
    """Ask a multiple-choice question with one right option.

    Parameters
    ----------
    qid : str
        Id of the question, unique in the book (lower-case letters, digits
        and hyphens; prefix it with the chapter).
    question : str
        The question, plain text.
    options : sequence of (str, bool, str)
        Each option's text, whether it is the right one, and its feedback:
        for a wrong option, the misconception it stands for. At least two
        options, exactly one right, texts distinct.

    Returns
    -------
    Question
        Displayed by IPython as the HTML form (a radio group).

    Raises
    ------
    ValueError
        If ``qid`` is malformed, ``question``, an option's text or feedback is
        empty, or ``options`` has fewer than two entries, not exactly one
        right option, or a repeated text.

    Examples
    --------
    >>> q = choice("ex-unit", "The unit of log₂?", [("bit", True, "Yes."),
    ...                                           ("nat", False, "That is ln.")])
    >>> q.answer
    'bit'
    """
    qid, question = _check_qid(qid), _check_text("question", question)
    if len(options) < 2:
        raise ValueError(f"options must list at least two options, got {options!r}")
    rows, texts, right = [], [], []
    for i, option in enumerate(options, 1):
        if not isinstance(option, tuple) or len(option) != 3:
            raise ValueError(f"options[{i - 1}] must be (text, correct, feedback), got {option!r}")
        text = _check_text("options text", option[0])
        feedback = _check_text("options feedback", option[2])
        texts.append(text)
        if option[1]:
            right.append(text)
        rows.append(
            f'<div class="ck-option"><input type="radio" name="ck-{qid}" '
            f'id="ck-{qid}-{i}" value="{i}" data-correct="{int(bool(option[1]))}" '
            f'data-feedback="{_attr(feedback)}"> '
            f'<label for="ck-{qid}-{i}">{html.escape(text)}</label></div>'
        )
    if len(right) != 1:
        raise ValueError(f"options must have exactly one right option, got {len(right)}")
    if len(set(texts)) != len(texts):
        raise ValueError("options must have distinct texts")
    html_text = _form(qid, question, 'data-kind="choice"', "".join(rows))
    return _register(Question(qid, question, right[0], html_text))


def answers() -> Answers:
    """List the questions asked so far with their answers, for the chapter's end.

    Returns
    -------
    Answers
        Displayed by IPython as a list that the screen hides (``@media
        screen``) and the printed page shows.

    Examples
    --------
    >>> clear()
    >>> _ = choice("ex-a", "2 > 1?", [("yes", True, "Yes."), ("no", False, "It is.")])
    >>> print(repr(answers()))
    Answers to the self-check questions
    1. 2 > 1? Answer: yes
    """
    return Answers(tuple(_ASKED.values()))


def clear() -> None:
    """Forget the questions asked so far (a new chapter in the same kernel).

    Examples
    --------
    >>> clear()
    >>> answers().questions
    ()
    """
    _ASKED.clear()
