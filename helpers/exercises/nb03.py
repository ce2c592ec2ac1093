"""The exercises of notebook 03: losses, gradient descent and backpropagation.

Five exercises, in the order the notebook meets them:

* ``03.softmax``: scores to probabilities, safe for scores like 1000;
* ``03.cross_entropy``: the loss of one example, ``-log(p[true class])``;
* ``03.step``: one gradient-descent step;
* ``03.learning_rate``: a learning rate that reaches the minimum of a
  parabola within 10 steps (a number);
* ``03.dense_backward``: the backward pass of a dense layer, checked by
  gradient checking.

The checkers call the learner's functions on small arrays, compare the
results with the right answer and with what typical mistakes give, and
name the mistake without giving the answer away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from numbers import Number
from typing import Any

import numpy as np

from helpers.activations import get_activation
from helpers.activations import softmax as _softmax
from helpers.exercises import (
    Exercise,
    Incorrect,
    NotAttempted,
    call_learner,
    holds_placeholder,
    learner_array,
)
from helpers.gradcheck import numerical_gradient, relative_error

__all__ = ["cross_entropy", "dense_backward", "learning_rate", "softmax", "step"]


def _fmt(values: Any) -> str:
    return np.array2string(np.asarray(values), precision=3, suppress_small=True)


def _same(a: np.ndarray, b: np.ndarray, tol: float = 1e-6) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=tol, atol=tol))


def _reworded(error: Incorrect, where: str) -> Incorrect:
    """Shorten ``call_learner``'s message, which repeats whole arrays."""
    text = re.sub(r"^Calling `[^`]*` raised ", f"{where} raised ", str(error))
    if not text.rstrip().endswith((".", "?", "!", ")")):
        text += "."
    return Incorrect(text)


def _call(function: Callable, where: str, *args: Any) -> Any:
    """Call learner code; warnings of numpy (overflow) are recorded, not shown."""
    try:
        return call_learner(function, *args)
    except Incorrect as error:
        raise _reworded(error, where) from None


# 03.softmax


def _call_softmax(function: Callable, z: np.ndarray) -> tuple[np.ndarray, bool]:
    """Return the learner's softmax of ``z`` and whether numpy overflowed.

    Underflow does not count: e^-2000 rounding to 0 is what a stable
    softmax of far-apart scores does.
    """
    trouble: list[str] = []

    def note(kind: str, flag: int) -> None:
        if kind != "underflow":
            trouble.append(kind)

    with np.errstate(all="call"):
        previous = np.seterrcall(note)
        try:
            result = _call(function, f"`softmax({_fmt(z)})`", z.copy())
        finally:
            np.seterrcall(previous)
    out = learner_array(result, f"softmax({_fmt(z)})").astype(np.float64)
    if out.shape != z.shape:
        raise Incorrect(
            f"`softmax` was given {z.size} scores and returned shape {out.shape}: "
            "it should return one probability for each score, the same shape."
        )
    return out, bool(trouble)


def _check_softmax(function: Any) -> str | None:
    z = np.array([2.0, 1.0, 0.1, -1.0])
    got, _ = _call_softmax(function, z)
    want = _softmax(z)
    if not _same(got, want):
        if np.all(np.isfinite(got)) and not np.isclose(got.sum(), 1.0):
            if _same(got, np.exp(z)) or _same(got, np.exp(z - z.max())):
                raise Incorrect(
                    f"`softmax({_fmt(z)})` gave {_fmt(got)}, which adds up to "
                    f"{got.sum():.3g}, not 1. Probabilities must add up to 1: "
                    "divide by the sum."
                )
            raise Incorrect(
                f"`softmax({_fmt(z)})` gave {_fmt(got)}, which adds up to "
                f"{got.sum():.3g}. Probabilities must add up to 1."
            )
        if _same(got, z / z.sum()):
            raise Incorrect(
                "Your function divides the scores by their sum. Scores can be "
                "negative, so first make them positive with the exponential."
            )
        if _same(got, _softmax(-z)):
            raise Incorrect(
                "The largest score gets the smallest probability: check the sign "
                "inside the exponential."
            )
        raise Incorrect(
            f"`softmax({_fmt(z)})` gave {_fmt(got)}; expected {_fmt(want)}."
        )
    big = np.array([1000.0, 999.0, 998.0])
    got_big, overflow = _call_softmax(function, big)
    tiny = np.array([-1000.0, -1000.0, -1001.0])
    got_tiny, underflow = _call_softmax(function, tiny)
    # Far apart: subtracting the smallest or the mean score still overflows.
    spread = np.array([1000.0, 0.0, -1000.0])
    got_spread, overspread = _call_softmax(function, spread)
    unstable = (
        not np.all(np.isfinite(got_big))
        or not np.all(np.isfinite(got_tiny))
        or not np.all(np.isfinite(got_spread))
        or not _same(got_big, _softmax(big))
        or not _same(got_tiny, _softmax(tiny))
        or not _same(got_spread, _softmax(spread))
    )
    if unstable:
        raise Incorrect(
            "not numerically stable: subtract the largest logit first. "
            f"`softmax({_fmt(big)})` gave {_fmt(got_big)}, "
            f"`softmax({_fmt(tiny)})` gave {_fmt(got_tiny)} and "
            f"`softmax({_fmt(spread)})` gave {_fmt(got_spread)}, because e^1000 "
            "is too large for a computer number (and e^-1000 rounds to 0). "
            "Subtracting the same number from every score changes nothing in "
            "the result: it cancels out in the division."
        )
    if overflow or underflow or overspread:
        raise Incorrect(
            "not numerically stable: subtract the largest logit first. The "
            "results are right, but numpy overflowed on the way for scores "
            "like 1000."
        )
    return (
        f"`softmax({_fmt(big)})` gives {_fmt(got_big)}, the same as for "
        "[2, 1, 0]: only the differences between scores matter."
    )


softmax = Exercise(
    "03.softmax",
    "A numerically stable softmax",
    _check_softmax,
    hints=[
        "The softmax takes e to the power of each score, then divides each "
        "by their sum, so that they add up to 1. In numpy, `np.exp(z)` and "
        "`.sum()` work on a whole array.",
        "e^1000 overflows. Since e^(z - c) / sum(e^(z - c)) equals e^z / "
        "sum(e^z) for any number c, take c = the largest score: then the "
        "largest exponent is 0 and nothing overflows.",
        "`e = np.exp(z - np.max(z))` then `return e / e.sum()`.",
    ],
    solution_code='''
    def softmax(z):
        """Turn one example's scores z into probabilities that sum to 1."""
        e = np.exp(z - np.max(z))
        return e / e.sum()
    ''',
)


# 03.cross_entropy

_CE_CASES = [
    (np.array([0.7, 0.2, 0.1]), 0),
    (np.array([0.7, 0.2, 0.1]), 2),
    (np.array([0.25, 0.25, 0.25, 0.25]), 3),
    (np.array([0.05, 0.9, 0.05]), 1),
]


def _check_cross_entropy(function: Any) -> str | None:
    for p, label in _CE_CASES:
        where = f"`cross_entropy({_fmt(p)}, {label})`"
        result = _call(function, where, p.copy(), label)
        got = learner_array(result, f"cross_entropy({_fmt(p)}, {label})").astype(
            np.float64
        )
        if got.size != 1:
            raise Incorrect(
                f"{where} returned {got.size} numbers ({_fmt(got)}); the loss of "
                "one example is one number: only the true class's probability "
                "counts."
            )
        got = float(got.ravel()[0])
        want = -np.log(p[label])
        if np.isclose(got, want, rtol=1e-6):
            continue
        if np.isclose(got, -want):
            raise Incorrect(
                f"{where} gave {got:.4g}, a negative loss. The log of a "
                "probability is negative or 0; the loss puts a minus sign in "
                "front so that it is 0 or more."
            )
        if np.isclose(got, -np.log10(p[label])):
            raise Incorrect(
                f"{where} gave {got:.4g}: that is the logarithm base 10. Use "
                "the natural logarithm, `np.log`."
            )
        if np.isclose(got, -np.log(p).sum()):
            raise Incorrect(
                f"{where} gave {got:.4g}: the log of every class's probability, "
                "added up. Only the probability of the true class counts."
            )
        if np.isclose(got, -np.log(1 - p[label])):
            raise Incorrect(
                f"{where} gave {got:.4g}: the loss should be small when the "
                "true class gets a high probability, and yours grows instead. "
                "Take the log of the true class's probability itself."
            )
        others = [k for k in range(len(p)) if k != label]
        if any(np.isclose(got, -np.log(p[k])) for k in others):
            raise Incorrect(
                f"{where} gave {got:.4g}, the loss of another class. Pick the "
                "probability at position `true_class`."
            )
        raise Incorrect(f"{where} gave {got:.4g}; expected {want:.4g}.")
    return (
        "A sure right answer (p = 1) costs 0; p = 0.5 costs 0.69; p = 0.01 "
        "costs 4.6. The loss of a data set is the mean over its examples."
    )


cross_entropy = Exercise(
    "03.cross_entropy",
    "The cross-entropy of one example",
    _check_cross_entropy,
    hints=[
        "Only one number matters: the probability the network gave the true "
        "class, `probabilities[true_class]`.",
        "The loss is minus the natural logarithm of that probability; in "
        "numpy, the natural log is `np.log`.",
        "`return -np.log(probabilities[true_class])`",
    ],
    solution_code='''
    def cross_entropy(probabilities, true_class):
        """The loss of one example: -log of the true class's probability."""
        return -np.log(probabilities[true_class])
    ''',
)


# 03.step


def _check_step(function: Any) -> str | None:
    weights = np.array([1.0, -2.0, 0.5])
    gradient = np.array([0.4, -1.0, 0.0])
    rate = 0.1
    kept = weights.copy()
    where = "`gradient_step(weights, gradient, 0.1)`"
    result = _call(function, where, weights, gradient.copy(), rate)
    if result is None and not np.array_equal(weights, kept):
        raise Incorrect(
            f"{where} changed `weights` in place but returned nothing: "
            "`return` the new weights."
        )
    got = learner_array(result, "gradient_step(weights, gradient, 0.1)").astype(
        np.float64
    )
    want = kept - rate * gradient
    if _same(got, want):
        note = ""
        if not np.array_equal(weights, kept):
            note = (
                " (It also changed the `weights` you passed in; that works, but "
                "returning a new array keeps the old weights for comparison.)"
            )
        return (
            "Each weight moved against its slope, by 0.1 times it: the weight "
            "with slope 0 did not move." + note
        )
    if got.shape != want.shape:
        raise Incorrect(
            f"{where} returned shape {got.shape}; it should return one new value "
            f"for each weight, shape {want.shape}."
        )
    if _same(got, kept + rate * gradient):
        raise Incorrect(
            f"{where} gave {_fmt(got)}: the weights moved uphill, along the "
            "gradient. The gradient points to where the loss grows; step the "
            "other way."
        )
    if _same(got, kept - gradient):
        raise Incorrect(
            f"{where} gave {_fmt(got)}: a whole gradient was subtracted. The "
            "learning rate sets how big a part of it to take."
        )
    if _same(got, -rate * gradient) or _same(got, rate * gradient):
        raise Incorrect(
            f"{where} gave {_fmt(got)}: only the change, not the new weights. "
            "Start from the old weights."
        )
    raise Incorrect(f"{where} gave {_fmt(got)}; expected {_fmt(want)}.")


step = Exercise(
    "03.step",
    "One step of gradient descent",
    _check_step,
    hints=[
        "The gradient points uphill, where the loss grows. To go down, move "
        "each weight the other way.",
        "The learning rate sets the size of the step: subtract "
        "`learning_rate` times the gradient.",
        "`return weights - learning_rate * gradient`",
    ],
    solution_code='''
    def gradient_step(weights, gradient, learning_rate):
        """Move the weights one step downhill."""
        return weights - learning_rate * gradient
    ''',
)


# 03.learning_rate

_TARGET_STEPS = 10
_TOLERANCE = 0.01


def _check_learning_rate(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, Number):
        raise Incorrect(
            f"Give the learning rate as a number, such as 0.05; received "
            f"{type(answer).__name__} {answer!r:.60}."
        )
    rate = float(answer)
    if not np.isfinite(rate) or rate <= 0:
        raise Incorrect(
            f"A learning rate must be a number above 0; received {answer!r}. "
            "With 0 the weights never move, and a negative one walks uphill."
        )
    # Imported here: helpers.descent loads matplotlib, which the other
    # checks (and tools that list every exercise) do not need.
    from helpers.descent import gradient_descent

    path = gradient_descent("parabola", -2.0, rate, _TARGET_STEPS)
    if path.diverged:
        raise Incorrect(
            f"With {rate:g} the run diverged after {path.diverged_at} "
            f"step{'' if path.diverged_at == 1 else 's'}: "
            "each step overshoots the minimum by more than it started. Try a "
            "smaller learning rate."
        )
    w = float(path.points[-1, 0])
    gap = abs(w - 2.0)
    if gap < _TOLERANCE:
        if np.isclose(rate, 0.5):
            return (
                "0.5 lands on the minimum in a single step: for this parabola, "
                "0.5 times the slope is exactly the distance to the minimum. "
                "Real losses are never that tidy."
            )
        return (
            f"After 10 steps w = {w:.4f}. Any rate from about 0.23 to 0.77 "
            "works here; below it steps are too short, above it they "
            "zig-zag too much."
        )
    if np.isclose(rate, 1.0):
        raise Incorrect(
            "With 1 the weight jumps from -2 to 6 and back for ever: every "
            "step lands as far from the minimum as it started. Try a smaller "
            "learning rate."
        )
    if rate > 1.0:
        raise Incorrect(
            f"With {rate:g} the loss grows at every step: w ends at {w:.3g}. "
            "Try a smaller learning rate."
        )
    if rate > 0.5:
        raise Incorrect(
            f"With {rate:g}, w zig-zags around 2 and ends at {w:.4f}, "
            f"{gap:.3g} away: each step overshoots. Try a somewhat smaller "
            "learning rate."
        )
    raise Incorrect(
        f"With {rate:g}, w creeps from -2 to {w:.4f} and is still {gap:.3g} "
        "from the minimum after 10 steps: the steps are too short. Try a "
        "larger learning rate."
    )


learning_rate = Exercise(
    "03.learning_rate",
    "A learning rate that reaches the minimum in 10 steps",
    _check_learning_rate,
    hints=[
        "Use the first explorer: set the steps to 10 and move the learning "
        "rate until the title says it reached the minimum.",
        "Each step multiplies the distance to the minimum by (1 - 2 x "
        "learning rate). After 10 steps the distance is 4 times that, to the "
        "power 10; it must be below 0.01.",
        "Any learning rate between 0.23 and 0.77 works, for example 0.3.",
    ],
    solution_code="""
    my_learning_rate = 0.3
    """,
)


# 03.dense_backward

_MISTAKES = {
    "no_slope": "it looks as if the slope of the activation, f'(z), is "
    "missing: multiply `grad_outputs` by `derivative(z)` first.",
    "slope_of_outputs": "the slope is taken at the layer's outputs; take it "
    "at `z`, the values before the activation.",
    "bias_mean": "`grad_bias` is the mean over the examples; the gradients of "
    "the examples add up: use the sum over the batch (axis 0).",
}


def _gradcheck_layer(
    inputs: np.ndarray, weights: np.ndarray, bias: np.ndarray, g: np.ndarray, name
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return finite-difference gradients of ``sum(g * f(inputs @ W + b))``."""
    f, _ = get_activation(name)

    def loss() -> float:
        return float((g * f(inputs @ weights + bias)).sum())

    return (
        numerical_gradient(loss, inputs),
        numerical_gradient(loss, weights),
        numerical_gradient(loss, bias),
    )


def _unpack(result: Any, where: str) -> list[np.ndarray]:
    if holds_placeholder(result):
        raise NotAttempted("dense_backward still returns ____.")
    if result is None:
        raise Incorrect(
            f"{where} gave back nothing (`None`). End with "
            "`return grad_inputs, grad_weights, grad_bias`."
        )
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise Incorrect(
            f"{where} must return three arrays, "
            "`grad_inputs, grad_weights, grad_bias`; it returned "
            f"{type(result).__name__} {result!r:.60}."
        )
    names = ("grad_inputs", "grad_weights", "grad_bias")
    return [
        learner_array(r, name).astype(np.float64)
        for r, name in zip(result, names, strict=True)
    ]


def _check_shapes(got, inputs, weights, bias):
    grad_inputs, grad_weights, grad_bias = got
    if grad_weights.shape != weights.shape:
        if grad_weights.shape == weights.T.shape:
            raise Incorrect(
                f"`grad_weights` has shape {grad_weights.shape}, but `weights` "
                f"has shape {weights.shape}: the gradient is transposed. A "
                "weight's gradient has the shape of the weight, (n_inputs, "
                "n_outputs): check the order of the matrix product."
            )
        raise Incorrect(
            f"`grad_weights` must have the shape of `weights`, {weights.shape}; "
            f"yours has shape {grad_weights.shape}."
        )
    if grad_bias.shape != bias.shape:
        if grad_bias.shape == (len(inputs), len(bias)):
            raise Incorrect(
                f"`grad_bias` has shape {grad_bias.shape}, one row for each "
                f"example; it must have the shape of the bias, {bias.shape}. "
                "Each example adds its part: sum over the batch (axis 0)."
            )
        raise Incorrect(
            f"`grad_bias` must have the shape of `bias`, {bias.shape}; yours "
            f"has shape {grad_bias.shape}."
        )
    if grad_inputs.shape != inputs.shape:
        if grad_inputs.shape == inputs.T.shape:
            raise Incorrect(
                f"`grad_inputs` has shape {grad_inputs.shape}, but `inputs` has "
                f"shape {inputs.shape}: it is transposed."
            )
        raise Incorrect(
            f"`grad_inputs` must have the shape of `inputs`, {inputs.shape}; "
            f"yours has shape {grad_inputs.shape}. The weights go back the "
            "other way, so multiply by `weights.T`."
        )


def _wrong_versions(g, inputs, z, weights, name) -> dict[str, tuple]:
    """What typical wrong backward passes give (grad_inputs, _w, _b)."""
    f, df = get_activation(name)
    no_slope = g
    of_outputs = g * df(f(z))
    return {
        "no_slope": (no_slope @ weights.T, inputs.T @ no_slope, no_slope.sum(0)),
        "slope_of_outputs": (
            of_outputs @ weights.T,
            inputs.T @ of_outputs,
            of_outputs.sum(0),
        ),
    }


def _check_dense_backward(function: Any) -> str | None:
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(5, 4))
    weights = rng.normal(size=(4, 3))
    bias = rng.normal(size=3)
    g = rng.normal(size=(5, 3))
    worst = 0.0
    for name in ("sigmoid", "relu", "tanh"):
        z = inputs @ weights + bias
        where = f'`dense_backward(grad_outputs, inputs, z, weights, "{name}")`'
        try:
            result = _call(
                function, where, g.copy(), inputs.copy(), z.copy(), weights.copy(), name
            )
        except Incorrect as error:
            if "matmul" not in str(error) and "broadcast" not in str(error):
                raise
            raise Incorrect(
                f"{error} Here `grad_outputs` and `z` have shape {g.shape}, "
                f"`inputs` {inputs.shape} and `weights` {weights.shape}: each "
                "gradient must come out with the shape of its variable."
            ) from None
        got = _unpack(result, where)
        _check_shapes(got, inputs, weights, bias)
        measured = _gradcheck_layer(inputs, weights, bias, g, name)
        errors = [relative_error(a, b) for a, b in zip(got, measured, strict=True)]
        worst = max(worst, *errors)
        if max(errors) < 1e-5:
            continue
        wrong = _wrong_versions(g, inputs, z, weights, name)
        for key, versions in wrong.items():
            matches = [_same(a, b) for a, b in zip(got, versions, strict=True)]
            if sum(matches) >= 2:
                raise Incorrect(f'With activation "{name}", {_MISTAKES[key]}')
        if _same(got[2] * len(inputs), measured[2]):
            raise Incorrect(f'With activation "{name}", {_MISTAKES["bias_mean"]}')
        if _same(got[1] * len(inputs), measured[1]):
            raise Incorrect(
                f'With activation "{name}", `grad_weights` is the mean over the '
                "examples; `inputs.T @ grad_z` already adds them up, so do not "
                "divide by the number of examples."
            )
        labels = ("grad_inputs", "grad_weights", "grad_bias")
        bad = [label for label, e in zip(labels, errors, strict=True) if e >= 1e-5]
        raise Incorrect(
            f'With activation "{name}", gradient checking disagrees with '
            f"{', '.join(f'`{b}`' for b in bad)} (relative errors "
            f"{', '.join(f'{e:.1e}' for e in errors)}; below 1e-5 is right). "
            "Check the chain rule for those: grad_z = grad_outputs * f'(z), "
            "then each gradient is built from grad_z."
        )
    return (
        f"Gradient checking agrees to a relative error of {worst:.1e}, for "
        "sigmoid, ReLU and tanh layers. Pass your function to "
        "`train_network(..., backward=dense_backward)` to train with it."
    )


dense_backward = Exercise(
    "03.dense_backward",
    "The backward pass of a dense layer",
    _check_dense_backward,
    hints=[
        "Start with the slope of the activation: grad_z = grad_outputs times "
        "f'(z), element by element (`*`). Everything else is built from "
        "grad_z.",
        "Each gradient has the shape of its variable. `inputs.T @ grad_z` is "
        "(n_inputs, n_samples) @ (n_samples, n_outputs), the shape of the "
        "weights, and adds up the examples. The bias gets the sum of grad_z "
        "over the examples, `grad_z.sum(axis=0)`. The inputs get "
        "`grad_z @ weights.T`.",
        "`grad_z = grad_outputs * derivative(z)`, "
        "`grad_weights = inputs.T @ grad_z`, "
        "`grad_bias = grad_z.sum(axis=0)`, "
        "`grad_inputs = grad_z @ weights.T`.",
    ],
    solution_code='''
    def dense_backward(grad_outputs, inputs, z, weights, activation="relu"):
        """Gradients of one dense layer, from the gradient of its outputs."""
        _, derivative = get_activation(activation)
        grad_z = grad_outputs * derivative(z)
        grad_weights = inputs.T @ grad_z
        grad_bias = grad_z.sum(axis=0)
        grad_inputs = grad_z @ weights.T
        return grad_inputs, grad_weights, grad_bias
    ''',
)
