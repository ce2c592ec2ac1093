"""Tests for helpers.exercises: placeholder, checks, feedback, hints."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import progress
from helpers.exercises import (
    Exercise,
    Feedback,
    Incorrect,
    NotAttempted,
    ____,
    all_exercises,
    call_learner,
    exercises_of,
    is_placeholder,
)


def _check_twelve(answer):
    if answer != 12:
        raise Incorrect(f"Three times four is not {answer!r}.")


def _check_square(function):
    for x in (0, 3, -2):
        result = call_learner(function, x)
        if result != x * x:
            raise Incorrect(f"`{function.__name__}({x})` returned {result!r}.")
    return "Squares of negative numbers work too."


@pytest.fixture
def twelve():
    return Exercise(
        "99.twelve",
        "Three times four",
        _check_twelve,
        hints=["Multiply.", "Use `*`.", "3 * 4"],
        solution_code="""
            answer = 3 * 4
        """,
    )


@pytest.fixture
def square():
    return Exercise("99.square", "Square", _check_square, [], "def f(x):\n    ...")


# The placeholder


@pytest.mark.parametrize(
    "answer",
    [____, [1, ____], (____, 2), {"weights": ____}],
    ids=["bare", "list", "tuple", "dict"],
)
def test_placeholder_answers_are_not_attempted(twelve, answer):
    assert is_placeholder(answer)
    feedback = twelve.check(answer)
    assert feedback.status == "not_attempted"
    assert str(feedback).startswith("Not attempted: replace ____")
    assert not feedback
    assert progress.load_progress() == {}


def test_the_default_answer_is_the_placeholder(twelve):
    assert twelve.check().status == "not_attempted"


@pytest.mark.parametrize(
    "body",
    [
        lambda x: x * ____,
        lambda x: ____ + x,
        lambda x: [x, 2 * ____],
        lambda x: np.exp(____),
        lambda x: np.array([1.0, 2.0]) @ ____,
        lambda x: np.zeros(____),
        lambda x: float(____),
        lambda x: ____[0],
        lambda x: x if ____ else 0,
    ],
    ids=["mul", "radd", "list", "np.exp", "matmul", "np.zeros", "float", "index", "if"],
)
def test_placeholder_used_inside_a_learner_function_is_not_attempted(square, body):
    def learner(x):
        return body(x)

    assert square.check(learner).status == "not_attempted"


def test_placeholder_is_one_object_that_shows_as_blanks():
    from helpers.exercises import _Placeholder

    assert _Placeholder() is ____
    assert repr(____) == "____"
    with pytest.raises(NotAttempted, match="has not been replaced"):
        len(____)


def test_ordinary_values_are_not_placeholders():
    for value in (0, None, "____", [1, [____]], np.zeros(2)):
        assert not is_placeholder(value)


# Right and wrong answers


def test_right_answer_is_correct_and_recorded(twelve):
    feedback = twelve.check(12)
    assert feedback.status == "correct" and feedback
    assert str(feedback) == "Correct!"
    assert list(progress.load_progress()) == ["99.twelve"]


def test_passed_follows_the_last_answer_checked(twelve):
    assert not twelve.passed
    twelve.check(12)
    assert twelve.passed
    twelve.check(13)
    assert not twelve.passed
    twelve.check(____)
    assert not twelve.passed


def test_checker_note_follows_correct(square):
    feedback = square.check(lambda x: x * x)
    assert str(feedback) == "Correct! Squares of negative numbers work too."


def test_record_false_keeps_progress_untouched():
    exercise = Exercise("99.quiet", "Quiet", _check_twelve, [], "", record=False)
    assert exercise.check(12)
    assert progress.load_progress() == {}


def test_correct_answer_survives_an_unwritable_progress_file(twelve, monkeypatch):
    def refuse(exercise_id):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(progress, "record_pass", refuse)
    feedback = twelve.check(12)
    assert feedback.status == "correct"
    assert "could not be saved: read-only folder" in str(feedback)


def test_wrong_answer_is_not_quite_with_the_checkers_message(twelve):
    feedback = twelve.check(7)
    assert feedback.status == "incorrect" and not feedback
    assert str(feedback) == "Not quite: Three times four is not 7."
    assert progress.load_progress() == {}


def test_learner_exception_becomes_feedback_naming_the_call(square):
    def my_square(x):
        return x / 0

    feedback = square.check(my_square)
    assert feedback.status == "incorrect"
    assert feedback.message == (
        "Calling `my_square(0)` raised ZeroDivisionError: division by zero "
        "(at `return x / 0`)"
    )


def test_call_learner_names_keyword_arguments():
    def scale(x, factor):
        raise ValueError("bad factor")

    with pytest.raises(Incorrect, match=r"`scale\(1, factor=2\)` raised ValueError"):
        call_learner(scale, 1, factor=2)


@pytest.mark.parametrize("answer", [3, "square", None])
def test_non_callable_answer_asks_for_a_function(square, answer):
    feedback = square.check(answer)
    assert feedback.status == "incorrect"
    assert feedback.message.startswith(
        f"Expected a function; received {type(answer).__name__}"
    )
    assert "Did you write `def`" in feedback.message


def test_checker_that_cannot_use_the_answer_gives_feedback_not_a_traceback():
    def check_close(answer):
        if not np.allclose(answer, [1.0, 2.0]):
            raise Incorrect("Not the right numbers.")

    exercise = Exercise("99.close", "Close", check_close, [], "", record=False)
    feedback = exercise.check("abc")
    assert feedback.status == "incorrect"
    assert feedback.message.startswith("The check could not use your answer 'abc'")


# Hints and solutions


def test_hints_come_one_at_a_time_and_stop_at_the_last(twelve):
    shown = [str(twelve.hint()) for _ in range(4)]
    assert shown == [
        "Hint 1 of 3: Multiply.",
        "Hint 2 of 3: Use *.",
        "Hint 3 of 3: 3 * 4",
        "Hint 3 of 3: 3 * 4",
    ]


def test_hint_by_level(twelve):
    assert twelve.hint(2).message == "Use `*`."
    assert twelve.hint(level=1).label == "Hint 1 of 3:"
    assert str(twelve.hint()).startswith("Hint 1 of 3")


@pytest.mark.parametrize("level", [0, 4, -1, "2", 1.0])
def test_bad_hint_level_is_an_error_naming_it(twelve, level):
    with pytest.raises(
        ValueError, match=rf"`level` must be .* 1 to 3; received {level!r}"
    ):
        twelve.hint(level)


def test_exercise_without_hints_says_so(square):
    assert "There is no hint" in str(square.hint())


def test_solution_shows_the_dedented_code(twelve):
    feedback = twelve.solution()
    assert twelve.solution_code == "answer = 3 * 4\n"
    assert feedback.status == "solution"
    assert "```python\nanswer = 3 * 4\n```" in feedback._repr_markdown_()
    assert str(feedback) == "Solution:\nanswer = 3 * 4"


# Renderings


@pytest.mark.parametrize(
    ("status", "label", "icon"),
    [
        ("correct", "Correct!", "\u2705"),
        ("incorrect", "Not quite:", "\u274c"),
        ("not_attempted", "Not attempted:", "\u270f\ufe0f"),
        ("hint", "Hint:", "\U0001f4a1"),
        ("solution", "Solution:", "\U0001f4d6"),
    ],
)
def test_feedback_markdown_and_plain(status, label, icon):
    feedback = Feedback(status, "Use `x`.")
    assert feedback._repr_markdown_() == f"{icon} **{label}** Use `x`."
    assert str(feedback) == repr(feedback) == f"{label} Use x."
    assert bool(feedback) == (status == "correct")


def test_feedback_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="`status` must be one of .*received 'fine'"):
        Feedback("fine")


@pytest.mark.parametrize("bad", ["predict", "", 1])
def test_exercise_id_must_name_its_notebook(bad):
    with pytest.raises(ValueError, match="`exercise_id` must look like '01.predict'"):
        Exercise(bad, "x", _check_twelve, [], "")


def test_exercise_knows_its_notebook_and_shows_its_id(twelve):
    assert twelve.notebook == "99"
    assert repr(twelve) == "Exercise('99.twelve': Three times four)"


# Finding exercises


def test_all_exercises_are_keyed_by_id_in_course_order():
    found = all_exercises()
    assert "00.double" in found
    assert all(key == exercise.id for key, exercise in found.items())
    notebooks = [exercise.notebook for exercise in found.values()]
    assert notebooks == sorted(notebooks)


def test_exercises_of_a_module_in_definition_order():
    from helpers.exercises import nb00

    assert [e.id for e in exercises_of(nb00)] == ["00.double"]
