"""The self-check questions (coursekit.quiz) on the built website, answered in Chromium.

Serves ``_build/html`` on 127.0.0.1 and opens every page that holds a question
in headless Chromium (Debian's ``chromium``, driven by Playwright), offline.
On every question of every page:

* the right answer gets "Right.";
* every listed wrong value or option gets "Not quite." and the feedback
  written for its misconception; any other wrong number gets the generic
  hint, and text that is no number a request for one;
* the feedback region is announced (``aria-live="polite"``), and axe-core
  finds no WCAG A/AA violation in the answered questions, feedback included,
  in the light and in the dark colour mode;
* the list of answers at the chapter's end is hidden on screen and printed,
  one item per question.

One numeric and one multiple-choice question are answered with the keyboard
alone (Tab to reach them, typing, Enter, Space, the arrow keys), and the
focused field and button show a focus indicator.

Run after ``make book``. Without Chromium the test skips with a message,
except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser_site import SET_MODE, SITE, browser, open_page, server

__all__ = ["browser", "server"]  # the fixtures, imported for pytest
MARKER = 'class="ck-quiz"'


def _quiz_pages() -> list[str]:
    if not SITE.is_dir():
        return []
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.html")
        if not path.relative_to(SITE).as_posix().startswith(("_", "."))
        and MARKER in path.read_text(encoding="utf-8")
    )


PAGES = _quiz_pages()


def _open(browser, server: str, page_path: str):
    return open_page(browser, server, page_path)


def _feedback(page, qid: str) -> str:
    return " ".join(page.locator(f"#ck-{qid}-feedback").inner_text().split())


def _answer_numeric(page, qid: str, text: str) -> str:
    page.fill(f"#ck-{qid}-input", text)
    page.click(f"#ck-{qid} button.ck-check")
    return _feedback(page, qid)


def _far_from(values: list[float], tol: float) -> float:
    candidate = max(abs(v) for v in values) + 1000 * tol + 1
    assert all(abs(candidate - v) > tol for v in values)
    return candidate


def _check_numeric(page, quiz) -> None:
    qid, data = quiz.get_attribute("id")[3:], quiz.evaluate("el => ({...el.dataset})")
    answer, tol = float(data["answer"]), float(data["tol"])
    wrong = json.loads(data["wrong"])
    assert wrong, f"{qid}: no misconception listed"
    assert _answer_numeric(page, qid, data["answer"]).startswith("Right."), qid
    # Within the tolerance, on either side, is right too.
    assert _answer_numeric(page, qid, repr(answer + 0.9 * tol)).startswith("Right."), qid
    assert _answer_numeric(page, qid, repr(answer - 0.9 * tol)).startswith("Right."), qid
    for value, feedback in wrong:
        got = _answer_numeric(page, qid, repr(value))
        assert got == f"Not quite. {' '.join(feedback.split())}", (qid, value, got)
    stray = _far_from([answer, *(v for v, _ in wrong)], tol)
    assert _answer_numeric(page, qid, repr(stray)) == f"Not quite. {data['hint']}", qid
    assert _answer_numeric(page, qid, "one half") == "Enter a number, for example 1.5.", qid


def _check_choice(page, quiz) -> None:
    qid = quiz.get_attribute("id")[3:]
    radios = quiz.locator("input[type=radio]")
    assert radios.count() >= 2, qid
    page.click(f"#ck-{qid} button.ck-check")
    assert _feedback(page, qid) == "Choose an option first.", qid
    rights = 0
    for i in range(radios.count()):
        radio = radios.nth(i)
        page.click(f"label[for={radio.get_attribute('id')}]")
        assert radio.is_checked()
        page.click(f"#ck-{qid} button.ck-check")
        feedback = " ".join(radio.get_attribute("data-feedback").split())
        right = radio.get_attribute("data-correct") == "1"
        rights += right
        verdict = "Right." if right else "Not quite."
        assert _feedback(page, qid) == f"{verdict} {feedback}", (qid, i)
    assert rights == 1, qid


_AXE_QUIZ = """
() => axe.run({include: [['.ck-quiz']]},
              {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
               resultTypes: ['violations']})
"""


@pytest.mark.parametrize("page_path", PAGES or ["(no pages built)"])
def test_every_question_answers_right_and_wrong(server: str, browser, page_path: str) -> None:
    page, errors = _open(browser, server, page_path)
    try:
        quizzes = page.locator(".ck-quiz")
        n = quizzes.count()
        assert 2 <= n <= 4, f"{page_path}: {n} questions"
        ids = [quizzes.nth(i).get_attribute("id") for i in range(n)]
        assert len(set(ids)) == n, ids
        for i in range(n):
            quiz = quizzes.nth(i)
            assert quiz.locator("fieldset > legend").inner_text().startswith("Self-check:")
            assert quiz.locator(".ck-feedback").get_attribute("aria-live") == "polite"
            if quiz.get_attribute("data-kind") == "numeric":
                _check_numeric(page, quiz)
            else:
                _check_choice(page, quiz)
        assert not errors, errors  # before axe, whose CSSOM requests may 404
        # The feedback is on the page now: its contrast is checked in both modes.
        page.evaluate(AXE_SCRIPT)
        for mode in ("light", "dark"):
            page.evaluate(SET_MODE, mode)
            page.wait_for_timeout(300)
            violations = page.evaluate(_AXE_QUIZ)["violations"]
            assert not violations, (mode, [(v["id"], v["nodes"][0]["target"]) for v in violations])
        # The answers: hidden on screen, printed, one per question.
        answers = page.locator(".ck-answers")
        assert answers.count() == 1, page_path
        assert not answers.is_visible()
        page.emulate_media(media="print")
        assert answers.is_visible()
        assert answers.locator("li").count() == n
        assert not page.locator(".ck-quiz button.ck-check").first.is_visible()
    finally:
        page.close()


_FOCUS_SHOWN = """
() => {
  const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
}
"""


def _tab_to(page, selector: str, limit: int = 600) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def _first(page, kind: str) -> str | None:
    quiz = page.locator(f".ck-quiz[data-kind={kind}]")
    return quiz.first.get_attribute("id")[3:] if quiz.count() else None


def test_keyboard_alone_answers_a_question_of_each_kind(server: str, browser) -> None:
    numeric_done = choice_done = False
    for page_path in PAGES:
        page, _ = _open(browser, server, page_path)
        try:
            qid = _first(page, "numeric")
            if qid and not numeric_done:
                data = page.locator(f"#ck-{qid}").evaluate("el => ({...el.dataset})")
                _tab_to(page, f"#ck-{qid}-input")
                assert page.evaluate(_FOCUS_SHOWN), "no focus indicator on the field"
                page.keyboard.type(data["answer"])
                page.keyboard.press("Enter")
                assert _feedback(page, qid).startswith("Right."), qid
                value, feedback = json.loads(data["wrong"])[0]
                page.keyboard.press("Control+A")
                page.keyboard.type(repr(value))
                page.keyboard.press("Tab")  # to the Check button
                assert page.evaluate("() => document.activeElement.matches('.ck-check')")
                assert page.evaluate(_FOCUS_SHOWN), "no focus indicator on the button"
                page.keyboard.press("Space")
                assert _feedback(page, qid) == f"Not quite. {' '.join(feedback.split())}"
                numeric_done = True
            qid = _first(page, "choice")
            if qid and not choice_done:
                _tab_to(page, f"#ck-{qid} input[type=radio]")
                page.keyboard.press("Space")  # choose the focused (first) option
                first = page.locator(f"#ck-{qid} input[type=radio]").first
                assert first.is_checked()
                page.keyboard.press("Tab")
                page.keyboard.press("Enter")
                verdict = "Right." if first.get_attribute("data-correct") == "1" else "Not quite."
                assert _feedback(page, qid).startswith(verdict)
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("ArrowDown")  # the next option, chosen
                second = page.locator(f"#ck-{qid} input[type=radio]").nth(1)
                assert second.is_checked()
                page.keyboard.press("Tab")
                page.keyboard.press("Space")
                expected = " ".join(second.get_attribute("data-feedback").split())
                assert _feedback(page, qid).endswith(expected)
                choice_done = True
        finally:
            page.close()
        if numeric_done and choice_done:
            break
    assert numeric_done and choice_done, "no numeric or no multiple-choice question found"
