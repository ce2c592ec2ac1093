"""The exercises of notebook 01: a perceptron built by hand.

Six exercises, in the order the notebook meets them:

* ``01.weighted_sum``: :math:`z = x \\cdot w + b`, for one point or many;
* ``01.predict``: the step, 1 when the sum is 0 or more, else 0;
* ``01.and_gate``: weights and a bias that make a perceptron compute AND;
* ``01.update``: one step of the perceptron learning rule;
* ``01.nand_gate``: weights and a bias for NAND, found by thinking;
* ``01.train_epoch``: one pass over the data, updating after each point.

The checkers call the learner's functions on small arrays and compare the
results with the right answer and with the answers that typical mistakes
give (a forgotten bias, ``>`` where the course uses ``>=``, True/False for
0/1, an update with the wrong sign, one number for a whole batch), so the
feedback can name the mistake without giving the answer away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers import perceptron as _reference
from helpers.data import logic_gate
from helpers.exercises import (
    Exercise,
    Incorrect,
    NotAttempted,
    call_learner,
    holds_placeholder,
    learner_array,
)

_FIX_EARLIER = (
    " (Your `{name}` is used here: if it did not pass its own check, fix it first.)"
)


def _fmt(values: Any) -> str:
    """Format numbers or arrays briefly, as the learner would type them."""
    array = np.asarray(values)
    if array.ndim > 0:
        return "[" + ", ".join(_fmt(item) for item in array) + "]"
    if array.dtype == bool:
        return str(bool(array))
    number = float(array)
    if number == int(number):
        return str(int(number))
    return f"{number:.3g}"


def _point(x: Any) -> str:
    return "(" + ", ".join(_fmt(v) for v in np.asarray(x).tolist()) + ")"


def _same(a: np.ndarray, b: Any) -> bool:
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-9))


def _reworded(error: Incorrect, where: str) -> str:
    """Return the message of ``call_learner`` with its long call shortened."""
    text = re.sub(r"^Calling `[^`]*` raised ", f"{where} raised ", str(error))
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


# 01.weighted_sum


def _sum_mistake(got: np.ndarray, x: np.ndarray, w: np.ndarray, b: float) -> str:
    """Name the mistake that gives ``got`` for the sum of ``x``, ``w``, ``b``."""
    products = x @ w
    if _same(got, products):
        return "It looks like the bias was left out: add `bias` to the sum."
    if _same(got, products - b):
        return "It looks like the bias was subtracted; it is added."
    if _same(got, products * b):
        return "It looks like the sum was multiplied by the bias; add it instead."
    if _same(got, products + b * x.shape[-1]):
        return (
            "It looks like the bias was added once for each input; it is "
            "added once for each point."
        )
    if _same(got, x.sum(axis=-1) * w.sum() + b):
        return "Multiply each input by its own weight, then add up the products."
    return "Compare your formula with w1*x1 + w2*x2 + b, term by term."


def _check_weighted_sum(function: Any) -> None:
    x = np.array([2.0, -1.0])
    w = np.array([0.5, 1.5])
    b = 0.25
    call = f"weighted_sum({_point(x)}, {_point(w)}, {_fmt(b)})"
    got = learner_array(call_learner(function, x.copy(), w.copy(), b), call)
    want = x @ w + b
    if got.shape == x.shape:
        raise Incorrect(
            f"`{call}` returned {_fmt(got)}: two numbers, one for each input. "
            "The weighted sum of one point is a single number: add the "
            "products up."
        )
    if got.size != 1:
        raise Incorrect(
            f"`{call}` returned shape {got.shape}; for one point it should "
            "return one number."
        )
    if not _same(got.reshape(()), want):
        raise Incorrect(
            f"`{call}` returned {_fmt(got.reshape(()))}; the weighted sum is "
            f"2*0.5 + (-1)*1.5 + 0.25 = {_fmt(want)}. "
            + _sum_mistake(got.reshape(()), x, w, b)
        )
    X, _ = logic_gate("AND")
    b = -1.0
    where = "for 4 points at once (`x` of shape (4, 2)), `weighted_sum`"
    try:
        result = call_learner(function, X.copy(), w.copy(), b)
    except Incorrect as error:
        raise Incorrect(
            _reworded(error, f"It works for one point, but {where}")
            + " Each row of `x` is one point: `x @ weights` gives one sum a row."
        ) from None
    got = learner_array(result, "weighted_sum(X, weights, bias)")
    want = X @ w + b
    if got.shape != want.shape:
        if got.size == 1:
            detail = (
                "one number for all of them. `np.sum` without `axis=` adds "
                "up everything; `x @ weights` adds along each row."
            )
        elif got.shape == X.shape:
            detail = (
                "shape (4, 2): the products, one a weight. Add them up along "
                "each row (`x @ weights` does both steps)."
            )
        elif got.shape == (2,):
            detail = (
                "shape (2,). With 4 points, `x[0]` is the first point, not the "
                "first input; `x @ weights` works for one point and for many."
            )
        else:
            detail = f"shape {got.shape}."
        raise Incorrect(
            f"F{where[1:]} should return one sum a point, shape (4,); it "
            "returned " + detail
        )
    if not _same(got, want):
        raise Incorrect(
            f"F{where[1:]} returned {_fmt(got)}; the sums are {_fmt(want)}. "
            + _sum_mistake(got, X, w, b)
        )
    x3 = np.array([1.0, 2.0, 3.0])
    w3 = np.array([0.5, -1.0, 2.0])
    try:
        result = call_learner(function, x3.copy(), w3.copy(), 0.5)
    except Incorrect as error:
        raise Incorrect(
            _reworded(error, "With three inputs, `weighted_sum`")
            + " A perceptron can have any number of inputs: `x @ weights` "
            "works for all of them."
        ) from None
    got = learner_array(result, "weighted_sum(x, weights, bias)")
    if got.size != 1 or not _same(got.reshape(()), x3 @ w3 + 0.5):
        raise Incorrect(
            f"With three inputs, `weighted_sum({_point(x3)}, {_point(w3)}, 0.5)` "
            f"returned {_fmt(got)}; it should be {_fmt(x3 @ w3 + 0.5)}. Does your "
            "function use only the first two inputs? `x @ weights` uses them all."
        )


weighted_sum = Exercise(
    "01.weighted_sum",
    "The weighted sum",
    _check_weighted_sum,
    hints=[
        "Multiply each input by its weight, add the products up, then add "
        "the bias once.",
        "For numpy arrays, `x @ weights` multiplies matching entries and adds "
        "them up. For a batch of shape (n, 2) it does that for every row and "
        "gives n sums.",
        "The whole body is one line: `return x @ weights + ____`.",
    ],
    solution_code='''
    def weighted_sum(x, weights, bias):
        """Return w1*x1 + w2*x2 + ... + b, one sum for each point."""
        return x @ weights + bias
    ''',
)


# 01.predict

_TIE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.2, 0.3]])
_TIE_W = np.array([1.0, 1.0])
_TIE_B = -1.0


def _predict_mistake(got: np.ndarray, z: np.ndarray) -> str | None:
    """Name a typical mistake that gives outputs ``got`` for sums ``z``."""
    if _same(got, z):
        return (
            "It returned the weighted sum itself. Pass the sum through the "
            "step: 1 where it is 0 or more, else 0."
        )
    if _same(got, np.sign(z)) or set(np.unique(got).tolist()) <= {-1.0, 1.0}:
        return "It returned -1 and 1 (`np.sign`?). This perceptron outputs 0 and 1."
    if _same(got, (z > 0).astype(float)):
        return (
            "For points exactly on the line (weighted sum 0) it gave 0. "
            "The course's convention is that a sum of exactly 0 gives 1: "
            "compare with `>=`, not `>`."
        )
    if _same(got, (z <= 0).astype(float)) or _same(got, (z < 0).astype(float)):
        return (
            "The outputs are the wrong way round: 1 where the sum is "
            "negative. The output is 1 where the sum is 0 or more."
        )
    return None


def _check_predict(function: Any) -> str | None:
    z = _TIE_X @ _TIE_W + _TIE_B
    want = (z >= 0).astype(np.int64)
    where = "For 5 points at once, `predict(x, weights, bias)`"
    try:
        result = call_learner(function, _TIE_X.copy(), _TIE_W.copy(), _TIE_B)
    except Incorrect as error:
        text = _reworded(error, "For 5 points at once, `predict`")
        if "truth value" in text or "ambiguous" in text:
            text += (
                " An `if` can decide for one number, not for a whole array; "
                "`np.where(z >= 0, 1, 0)` decides for every point at once."
            )
        raise Incorrect(text) from None
    got = learner_array(result, "predict(x, weights, bias)")
    if got.shape != want.shape:
        raise Incorrect(
            f"{where} should return one output a point, shape (5,); it "
            f"returned shape {got.shape}."
        )
    if got.dtype == bool:
        raise Incorrect(
            f"{where} returned True/False ({_fmt(got)}). The perceptron outputs "
            "the numbers 0 and 1: turn the comparison into numbers, for "
            "example with `np.where(z >= 0, 1, 0)`."
        )
    gotf = got.astype(np.float64)
    if not _same(gotf, want):
        mistake = _predict_mistake(gotf, z)
        if mistake is None and not set(np.unique(gotf).tolist()) <= {0.0, 1.0}:
            mistake = "Some outputs are neither 0 nor 1: the step gives only those two."
        raise Incorrect(
            f"With weights (1, 1) and bias -1, the sums of the points "
            f"{', '.join(_point(p) for p in _TIE_X)} are {_fmt(z)}, so the "
            f"outputs should be {_fmt(want)}; your `predict` gave {_fmt(got)}. "
            + (mistake or _FIX_EARLIER.format(name="weighted_sum").strip())
        )
    for x, expected in (([1.0, 0.0], 1), ([0.0, 0.0], 0)):
        call = f"predict({_point(x)}, (1, 1), -1)"
        one = learner_array(
            call_learner(function, np.array(x), _TIE_W.copy(), _TIE_B), call
        )
        if one.size != 1:
            raise Incorrect(
                f"`{call}` returned shape {one.shape}; for one point it should "
                "return one output."
            )
        if one.dtype == bool:
            raise Incorrect(
                f"`{call}` returned {bool(one.reshape(()))}. The perceptron "
                "outputs the numbers 0 and 1, not True/False."
            )
        if float(one.reshape(())) != expected:
            raise Incorrect(
                f"`{call}` returned {_fmt(one.reshape(()))}; it should be {expected}."
            )
    if got.dtype.kind == "f":
        return (
            "Your outputs are floats (1.0 and 0.0); the course uses the whole "
            "numbers 0 and 1 (`np.where(z >= 0, 1, 0)` gives those), but the "
            "values are right."
        )
    return None


predict = Exercise(
    "01.predict",
    "The step prediction",
    _check_predict,
    hints=[
        "Compute the weighted sum `z` with your `weighted_sum`, then output 1 "
        "where `z` is 0 or more and 0 where it is negative.",
        "`z >= 0` gives True/False for every point at once. "
        "`np.where(condition, 1, 0)` turns that into the numbers 1 and 0.",
        "Mind the convention at exactly 0: the course uses `>=`, so a point "
        "on the line gets output 1.",
    ],
    solution_code='''
    def predict(x, weights, bias):
        """Return 1 where the weighted sum is 0 or more, else 0."""
        z = weighted_sum(x, weights, bias)
        return np.where(z >= 0, 1, 0)
    ''',
    uses=("weighted_sum",),
)


# 01.and_gate and 01.nand_gate


def _weights_and_bias(answer: Any, prefix: str) -> tuple[np.ndarray, float]:
    names = f"`({prefix}_weights, {prefix}_bias)`"
    if holds_placeholder(answer):
        raise NotAttempted("The weights or the bias still hold ____.")
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Incorrect(f"Pass the weights and the bias as a pair: {names}.")
    weights, bias = answer
    if isinstance(bias, str) or (
        isinstance(weights, (list, tuple)) and any(isinstance(v, str) for v in weights)
    ):
        raise Incorrect(
            "Write the weights and the bias as numbers, without quotes: "
            '`1.5`, not `"1.5"` (in quotes it is text).'
        )
    try:
        w = np.asarray(weights, dtype=np.float64)
        b = float(bias)
    except (TypeError, ValueError):
        raise Incorrect(
            f"The weights must be two numbers and the bias one number; "
            f"received weights {weights!r:.40} and bias {bias!r:.40}."
        ) from None
    if w.shape != (2,):
        raise Incorrect(
            f"A gate has two inputs, so `{prefix}_weights` needs two numbers, "
            f"one for each input; it has shape {w.shape}."
        )
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        raise Incorrect("The weights and the bias must be ordinary numbers.")
    return w, b


def _gate_checker(gate: str) -> Callable[[Any], None]:
    X, y = logic_gate(gate)
    prefix = gate.lower()

    def check(answer: Any) -> None:
        w, b = _weights_and_bias(answer, prefix)
        z = X @ w + b
        out = (z >= 0).astype(np.int64)
        wrong = np.flatnonzero(out != y)
        if wrong.size == 0:
            return None
        lines = [
            f"{_point(X[i])} gives {out[i]} but {gate} wants {y[i]}" for i in wrong
        ]
        if wrong.size == 4:
            count = "All 4 points are wrong"
        else:
            verb = "is" if wrong.size == 1 else "are"
            count = f"{wrong.size} of 4 points {verb} still wrong"
        message = f"{count}: {'; '.join(lines)}."
        if wrong.size == 4:
            message += (
                " Every point is wrong, so your line is in a good place but "
                "its sides are swapped: changing the sign of both weights and "
                "of the bias swaps them."
            )
        ties = [i for i in wrong if z[i] == 0]
        if w[0] == 0 and w[1] == 0:
            message += (
                " With both weights 0 there is no line at all: every point "
                "gets the same output."
            )
        elif ties:
            message += (
                f" The point {_point(X[ties[0]])} lies exactly on the line "
                "(weighted sum 0), and by the course's convention a sum of 0 "
                "gives 1."
            )
        raise Incorrect(message)

    return check


and_gate = Exercise(
    "01.and_gate",
    "Weights for AND",
    _gate_checker("AND"),
    hints=[
        "Use the explorer above: pick AND gate, and move the sliders until "
        "the title says all 4 points are right. Copy the three numbers here.",
        "AND gives 1 only for (1, 1). The line must separate (1, 1) from the "
        "three other corners, with the weight arrow pointing towards (1, 1).",
        "Try equal weights, say 1 and 1. Then (1, 1) has sum 2 + b and "
        "(0, 1) has sum 1 + b: pick a bias that makes the first 0 or more "
        "and the second negative.",
    ],
    solution_code="""
    and_weights = [1.0, 1.0]
    and_bias = -1.5
    """,
)

# 01.update

# (x, target, weights, bias, learning_rate); no point lies on its line.
_UPDATE_CASES = (
    ((1.0, 2.0), 1, (-0.5, 0.25), -0.5, 0.1),
    ((2.0, -1.0), 0, (0.5, 0.5), 0.0, 0.5),
    ((1.0, 1.0), 1, (1.0, 1.0), 0.0, 0.5),
)


def _update_mistake(
    w: np.ndarray,
    b: float,
    case: tuple,
) -> str | None:
    """Name the typical mistake that gives new weights ``w`` and bias ``b``."""
    x, target, w0, b0, rate = (np.asarray(v, dtype=np.float64) for v in case)
    error = float(target) - float(_reference.predict(x, w0, float(b0)))
    if error == 0 and not (_same(w, w0) and np.isclose(b, b0)):
        return (
            "The point was already right, yet the weights changed. The change "
            "is scaled by the error, `target - prediction`, which is 0 for a "
            "right answer; scaling by `target` alone does not stop there."
        )
    right_w = w0 + rate * error * x
    right_b = float(b0 + rate * error)
    if _same(w, right_w):
        if np.isclose(b, b0):
            return "The weights are right but the bias did not change; it learns too."
        if np.isclose(b, b0 - rate * error):
            return (
                "The weights are right but the bias moved the wrong way: it "
                "changes by `+ learning_rate * error`, like the weights."
            )
        if np.isclose(b, b0 + error):
            return "The bias changed by the whole error: scale it by the learning rate."
        return (
            f"The weights are right but the bias is {_fmt(b)}; it should be "
            f"{_fmt(right_b)}: it moves by `learning_rate * error`."
        )
    if _same(w, w0 - rate * error * x):
        return (
            "It moved the wrong way: the update has the wrong sign. Add "
            "`learning_rate * error * x`, with error = target - prediction."
        )
    if _same(w, w0 + error * x):
        return "The weights changed by `error * x`: the learning rate is missing."
    if _same(w, w0 + rate * error):
        return "The weights changed by the same amount: each moves by its input, x."
    if error != float(target) and _same(w, w0 + rate * float(target) * x):
        return "Multiply by the error (target - prediction), not by the target."
    if _same(w, w0 + rate * x):
        return (
            "The weights grew by `learning_rate * x` whatever the error: "
            "multiply by the error too."
        )
    return None


def _check_update(function: Any) -> None:
    for case in _UPDATE_CASES:
        x, target, w0, b0, rate = case
        call = f"update({_point(x)}, {target}, {_point(w0)}, {_fmt(b0)}, {rate})"
        given = np.array(w0)
        result = call_learner(function, np.array(x), target, given, b0, rate)
        if holds_placeholder(result):
            raise NotAttempted("update still returns ____.")
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Incorrect(
                f"`{call}` returned {result!r:.60}; it should return two things, "
                "`new_weights, new_bias`."
            )
        w = learner_array(result[0], call + "[0]").astype(np.float64)
        b_array = learner_array(result[1], call + "[1]")
        if not np.array_equal(given, np.array(w0)):
            raise Incorrect(
                f"`{call}` changed the weights array it was given (from "
                f"{_point(w0)} to {_fmt(given)}): `weights += ...` changes it in "
                "place. Write `new_weights = weights + ...`, so the old weights "
                "stay as they were."
            )
        if w.shape != (2,):
            raise Incorrect(
                f"`{call}` returned new weights of shape {w.shape}; there should "
                "be one weight an input, shape (2,)."
            )
        if b_array.size != 1:
            raise Incorrect(
                f"`{call}` returned a bias of shape {b_array.shape}; the bias is "
                "one number. It moves by `learning_rate * error`, without `x`."
            )
        b = float(b_array.reshape(()))
        want_w, want_b = _reference.update(x, target, w0, b0, rate)
        if _same(w, want_w) and np.isclose(b, want_b):
            continue
        mistake = _update_mistake(w, b, case)
        pred = int(_reference.predict(x, w0, b0))
        raise Incorrect(
            f"`{call}`: the prediction is {pred} and the target {target}, so the "
            f"error is {target - pred}, and the new weights should be "
            f"{_fmt(want_w)} and the bias {_fmt(want_b)}; yours gave "
            f"{_fmt(w)} and {_fmt(b)}. "
            + (mistake or _FIX_EARLIER.format(name="predict").strip())
        )


update = Exercise(
    "01.update",
    "One learning-rule update",
    _check_update,
    hints=[
        "The error is `target - prediction`: 1 if the perceptron said 0 but "
        "should say 1, -1 the other way round, 0 if it was right.",
        "Each weight moves by `learning_rate * error * (its input)`; the bias "
        "moves by `learning_rate * error` (think of it as a weight whose "
        "input is always 1).",
        "Fill the blanks so that the lines read "
        "`new_weights = weights + learning_rate * x * error` and "
        "`new_bias = bias + learning_rate * error`.",
    ],
    solution_code='''
    def update(x, target, weights, bias, learning_rate):
        """Return new weights and bias after seeing one point."""
        error = target - predict(x, weights, bias)
        new_weights = weights + learning_rate * x * error
        new_bias = bias + learning_rate * error
        return new_weights, new_bias
    ''',
    uses=("predict",),
)


# 01.nand_gate (its checker is the one of 01.and_gate)

nand_gate = Exercise(
    "01.nand_gate",
    "Weights for NAND",
    _gate_checker("NAND"),
    hints=[
        "NAND is 'not AND': its outputs are those of AND, swapped.",
        "Swapping the two sides of a line means changing the sign of both "
        "weights and of the bias. Start from weights that solve AND.",
        "Mind the points on the line: with weights -1 and -1, (1, 1) has "
        "sum b - 2 and must be negative, while (0, 1) has sum b - 1 and must "
        "be 0 or more.",
    ],
    solution_code="""
    nand_weights = [-1.0, -1.0]
    nand_bias = 1.5
    """,
)


# 01.train_epoch


def _check_train_epoch(function: Any) -> None:
    X, y = logic_gate("AND")
    w0, b0, rate = np.array([0.3, -0.6]), 0.1, 0.5
    call = "train_epoch(X, y, (0.3, -0.6), 0.1, 0.5) on the AND gate"
    result = call_learner(function, X.copy(), y.copy(), w0.copy(), b0, rate)
    if holds_placeholder(result):
        raise NotAttempted("train_epoch still returns ____.")
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise Incorrect(
            f"`{call}` returned {result!r:.60}; it should return three things: "
            "`weights, bias, mistakes`."
        )
    w = learner_array(result[0], call).astype(np.float64)
    b = float(learner_array(result[1], call).reshape(-1)[0])
    mistakes = learner_array(result[2], call)
    want_w, want_b, want_m = _reference.train_epoch(X, y, w0, b0, rate)
    weights_right = _same(w, want_w) and np.isclose(b, want_b)
    if not weights_right:
        first = _reference.update(X[0], y[0], w0, b0, rate)
        last = _reference.update(X[-1], y[-1], w0, b0, rate)
        if _same(w, first[0]) and np.isclose(b, first[1]):
            hint = (
                "They are the weights after the first point only: is `return` "
                "indented inside the loop?"
            )
        elif _same(w, last[0]) and np.isclose(b, last[1]):
            hint = (
                "Each update started again from the starting weights: assign "
                "what `update` returns back to `weights, bias`, so that the "
                "next point starts from there."
            )
        elif _same(w, w0) and np.isclose(b, b0):
            hint = (
                "Nothing changed: call `update` for every point and keep what "
                "it returns."
            )
        else:
            hint = _FIX_EARLIER.format(name="update").strip()
        raise Incorrect(
            f"`{call}` gave weights {_fmt(w)} and bias {_fmt(b)}; after one "
            f"epoch they should be {_fmt(want_w)} and {_fmt(want_b)}. {hint}"
        )
    if mistakes.size != 1 or float(mistakes.reshape(())) != want_m:
        shown = _fmt(mistakes) if mistakes.size == 1 else f"shape {mistakes.shape}"
        raise Incorrect(
            f"`{call}` has the right weights and bias, but counted {shown} "
            f"mistakes; {want_m} points were wrong when their turn came. Add 1 "
            "for each point whose prediction differs from its target, checked "
            "before its update."
        )


train_epoch = Exercise(
    "01.train_epoch",
    "One epoch of training",
    _check_train_epoch,
    hints=[
        "Loop over the points with `for x, target in zip(X, y):`. For each, "
        "count a mistake if the prediction is wrong, then update.",
        "`update` returns new weights and a new bias: assign them back with "
        "`weights, bias = update(x, target, weights, bias, learning_rate)` so "
        "the next point starts from there.",
        "Count before you update: `if predict(x, weights, bias) != target: "
        "mistakes = mistakes + 1`.",
    ],
    solution_code='''
    def train_epoch(X, y, weights, bias, learning_rate):
        """Show each point once, updating after each one.

        Returns the new weights, the new bias and the number of mistakes.
        """
        mistakes = 0
        for x, target in zip(X, y):
            if predict(x, weights, bias) != target:
                mistakes = mistakes + 1
            weights, bias = update(x, target, weights, bias, learning_rate)
        return weights, bias, mistakes
    ''',
    uses=("predict", "update"),
)
