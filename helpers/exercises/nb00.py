"""The exercise of notebook 00: a first try of how checks work.

The exercise is deliberately tiny: a function that doubles a number. Its
point is the routine (fill in ``____``, run the cell, run the check, read
the feedback, ask for a hint), not the Python.
"""

from __future__ import annotations

import math
from numbers import Number

from helpers.exercises import Exercise, Incorrect, NotAttempted, call_learner
from helpers.exercises import is_placeholder as _is_placeholder

_CASES = ((3, 6), (0, 0), (-2.5, -5.0), (10, 20))


def _check_double(double: object) -> None:
    for x, expected in _CASES:
        result = call_learner(double, x)
        if _is_placeholder(result):
            raise NotAttempted("double still returns ____.")
        if result is None:
            raise Incorrect(
                f"`double({x})` gave back nothing (`None`). Did you write "
                "`return` before your answer?"
            )
        if isinstance(result, bool) or not isinstance(result, Number):
            raise Incorrect(
                f"`double({x})` returned {result!r}, which is not a number. "
                "Work with `x` itself, without quotes."
            )
        if math.isclose(result, expected):
            continue
        if x != 0 and math.isclose(result, x):
            raise Incorrect(
                f"`double({x})` returned {result!r}, the same as the input: "
                "the function must change `x`."
            )
        if math.isclose(result, x + 2):
            raise Incorrect(
                f"`double({x})` returned {result!r}: that adds 2. Doubling "
                "means two times the number."
            )
        if math.isclose(result, x * x):
            raise Incorrect(
                f"`double({x})` returned {result!r}: that is `x` times itself. "
                "Doubling means two times the number."
            )
        raise Incorrect(f"`double({x})` returned {result!r}; it should be {expected}.")


double = Exercise(
    "00.double",
    "A function that doubles",
    _check_double,
    hints=[
        "Doubling a number means multiplying it by 2.",
        "In Python, `*` multiplies: `2 * 5` is `10`.",
        "The line becomes `return x * 2`.",
    ],
    solution_code='''
    def double(x):
        """Return twice x."""
        return x * 2
    ''',
)
