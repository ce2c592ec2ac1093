"""Tests for the exercise of notebook 00: a function that doubles."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import ____
from helpers.exercises.nb00 import double


def _run(source: str):
    names: dict = {"____": ____}
    exec(source, names)
    return names["double"]


def test_starter_is_not_attempted_and_solution_is_correct():
    assert double.check(_run("def double(x):\n    return ____\n")).status == (
        "not_attempted"
    )
    assert str(double.check(_run(double.solution_code))) == "Correct!"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("pass", "gave back nothing (`None`). Did you write `return`"),
        ("return x", "the same as the input"),
        ("return x + 2", "that adds 2"),
        ("return x * x", "that is `x` times itself"),
        ("return 'x * 2'", "which is not a number"),
        ("return x * 4", "returned 12; it should be 6"),
        ("return x / 0", "raised ZeroDivisionError"),
        ("return 2 * ____", None),
    ],
)
def test_each_mistake_gets_its_own_message(body, message):
    feedback = double.check(_run(f"def double(x):\n    {body}\n"))
    if message is None:
        assert feedback.status == "not_attempted"
    else:
        assert feedback.status == "incorrect"
        assert message in feedback.message


@pytest.mark.parametrize(
    "answer", [lambda x: x + x, lambda x: 2.0 * x, lambda x: np.int64(2) * x]
)
def test_any_way_of_doubling_is_correct(answer):
    assert double.check(answer)


def test_hints_lead_towards_the_answer():
    assert len(double.hints) == 3
    assert "x * 2" in double.hints[-1]
