"""The exercises of notebook 02: from one neuron to a forward pass.

Five exercises, in the order the notebook meets them:

* ``02.sigmoid``: the sigmoid and its slope, for arrays and huge inputs;
* ``02.xor``: weights that make a 2-2-1 network of step neurons compute
  XOR, a different way from the one the notebook shows;
* ``02.dense``: one dense layer, ``activation(x @ weights + bias)``;
* ``02.forward``: a whole forward pass through any list of layers;
* ``02.count``: how many numbers a 784-128-10 network learns.

The checkers call the learner's functions on small arrays and compare the
results with the right answer and with the answers that typical mistakes
give (transposed weights, a missing bias, an activation in the wrong
place), so the feedback can name the mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from numbers import Number
from typing import Any

import numpy as np

from helpers.activations import identity, relu, step, tanh
from helpers.activations import sigmoid as _sigmoid
from helpers.exercises import (
    Exercise,
    Incorrect,
    NotAttempted,
    call_learner,
    holds_placeholder,
    learner_array,
)

_SHAPE_HINT = (
    " Each row of `x` is one example and each column of `weights` is one "
    "neuron, so the shapes must line up as (n_samples, n_inputs) @ "
    "(n_inputs, n_outputs)."
)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-6, equal_nan=False))


def _fmt(values: np.ndarray) -> str:
    return np.array2string(np.asarray(values), precision=3, suppress_small=True)


def _reworded(error: Incorrect, where: str) -> str:
    """Return the message of ``call_learner`` with its long call shortened.

    ``call_learner`` names the call with the repr of every argument, which
    for arrays is a wall of numbers; ``where`` says it in a few words.
    """
    text = re.sub(r"^Calling `[^`]*` raised ", f"{where} raised ", str(error))
    return text if text.rstrip().endswith((".", "?", "!", ")")) else text + "."


def _numpy_hint(error: Incorrect, where: str) -> Incorrect:
    """Add a pointer to numpy when a math function choked on an array."""
    text = _reworded(error, where)
    if "TypeError" in text and ("convert" in text or "math" in text):
        text += (
            " Your function receives a whole numpy array at once: use numpy's "
            "functions (`np.exp`), not the ones of the `math` module."
        )
    return Incorrect(text)


# 02.sigmoid


def _call_elementwise(function: Callable, z: np.ndarray, name: str) -> tuple:
    """Call ``function(z)``; return the result and whether exp overflowed."""
    overflowed: list[str] = []
    with np.errstate(over="call", invalid="ignore", divide="ignore"):
        previous = np.seterrcall(lambda kind, flag: overflowed.append(kind))
        try:
            result = call_learner(function, z)
        except Incorrect as error:
            raise _numpy_hint(error, f"`{name}` on an array") from None
        finally:
            np.seterrcall(previous)
    out = learner_array(result, f"{name}({_fmt(z)})").astype(np.float64)
    if out.shape != z.shape:
        raise Incorrect(
            f"`{name}` was given an array of shape {z.shape} and returned shape "
            f"{out.shape}. It should return one value for each value of `z`, "
            "the same shape: use numpy operations on the whole array."
        )
    return out, bool(overflowed)


def _check_sigmoid_pair(answer: Any) -> str | None:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Incorrect(
            "Pass both functions as a pair: "
            "`ex.sigmoid.check((sigmoid, sigmoid_derivative))`."
        )
    f, df = answer
    z = np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 4.0])
    got, _ = _call_elementwise(f, z, "sigmoid")
    want = _sigmoid(z)
    if not _same(got, want):
        if _same(got, _sigmoid(-z)):
            raise Incorrect(
                f"`sigmoid({_fmt(z)})` gave {_fmt(got)}: large inputs give "
                "small outputs, so the curve is mirrored. Check the sign "
                "inside the exponential."
            )
        if not np.isclose(got[2], 0.5):
            raise Incorrect(
                f"`sigmoid(0)` should be 0.5 (halfway between 0 and 1); yours "
                f"gives {got[2]:.4g}. Compare your formula with "
                "1 / (1 + e^(-z)) term by term."
            )
        raise Incorrect(
            f"`sigmoid({_fmt(z)})` gave {_fmt(got)}; it should be {_fmt(want)}."
        )
    big = np.array([-1000.0, -50.0, 50.0, 1000.0])
    got_big, overflow = _call_elementwise(f, big, "sigmoid")
    if not np.all(np.isfinite(got_big)):
        raise Incorrect(
            f"`sigmoid({_fmt(big)})` gave {_fmt(got_big)}. Far from 0 the "
            "sigmoid is simply 0 or 1; `nan` appears when the formula divides "
            "infinity by infinity. Keep the form 1 / (1 + e^(-z))."
        )
    if not _same(got_big, _sigmoid(big)):
        raise Incorrect(
            f"`sigmoid({_fmt(big)})` gave {_fmt(got_big)}; for such large "
            "inputs it should be very close to 0 or 1."
        )
    notes = []
    if overflow:
        notes.append(
            "For z = -1000, e^1000 is too large for a computer number and numpy "
            "turns it into infinity (with a warning you did not see here). The "
            "answer is still right, because 1 / (1 + infinity) is 0. The "
            "course's `helpers.activations.sigmoid` avoids even the warning."
        )
    slope, _ = _call_elementwise(df, z, "sigmoid_derivative")
    want_slope = _sigmoid(z) * (1 - _sigmoid(z))
    if not _same(slope, want_slope):
        if _same(slope, want):
            raise Incorrect(
                "`sigmoid_derivative` returns the sigmoid itself, not its "
                "slope. The slope is s times (1 - s), with s = sigmoid(z)."
            )
        if _same(slope, z * (1 - z)):
            raise Incorrect(
                "`sigmoid_derivative` computes z * (1 - z): use the sigmoid's "
                "value s = sigmoid(z) in that formula, not z itself."
            )
        if not np.isclose(slope[2], 0.25):
            raise Incorrect(
                f"The sigmoid is steepest at z = 0, where its slope is 0.25; "
                f"your `sigmoid_derivative(0)` gives {slope[2]:.4g}."
            )
        raise Incorrect(
            f"`sigmoid_derivative({_fmt(z)})` gave {_fmt(slope)}; it should be "
            f"{_fmt(want_slope)}."
        )
    slope_big, _ = _call_elementwise(df, big, "sigmoid_derivative")
    if not np.all(np.isfinite(slope_big)) or not np.allclose(slope_big, 0, atol=1e-9):
        raise Incorrect(
            f"`sigmoid_derivative({_fmt(big)})` gave {_fmt(slope_big)}. Far from "
            "0 the sigmoid is flat, so its slope should be about 0. Write the "
            "slope using `sigmoid(z)`, which always stays between 0 and 1."
        )
    return " ".join(notes) or None


sigmoid = Exercise(
    "02.sigmoid",
    "The sigmoid and its slope",
    _check_sigmoid_pair,
    hints=[
        "The sigmoid is 1 / (1 + e^(-z)). In numpy, e^(-z) is `np.exp(-z)`, "
        "and it works on a whole array at once.",
        "The slope of the sigmoid can be written with the sigmoid itself: "
        "if s = sigmoid(z), the slope is s * (1 - s).",
        "`return 1 / (1 + np.exp(-z))` and, in the second function, "
        "`s = sigmoid(z)` then `return s * (1 - s)`.",
    ],
    solution_code='''
    def sigmoid(z):
        """Squash any number into the range 0 to 1."""
        return 1 / (1 + np.exp(-z))


    def sigmoid_derivative(z):
        """Return the slope of the sigmoid at z."""
        s = sigmoid(z)
        return s * (1 - s)
    ''',
)


# 02.xor

_XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_XOR_Y = np.array([0, 1, 1, 0])


def _xor_array(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(
            f"`{name}` must hold numbers only; received {value!r:.60}."
        ) from None
    if array.shape != shape:
        turned = " Is it transposed?" if array.shape == shape[::-1] else ""
        if name.endswith("bias"):
            meaning = "one number for each neuron"
        elif name.startswith("hidden"):
            meaning = "one row for each input (x1, x2), one column for each neuron"
        else:
            meaning = "one row for each hidden neuron (h1, h2), one column"
        raise Incorrect(
            f"`{name}` must have shape {shape} ({meaning}); yours has shape "
            f"{array.shape}.{turned}"
        )
    return array


def _pair(row: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:g}" for v in row) + ")"


def _check_xor(answer: Any) -> str | None:
    if holds_placeholder(answer):
        raise NotAttempted("xor_params still holds ____.")
    if (
        not isinstance(answer, (list, tuple))
        or len(answer) != 2
        or not all(
            isinstance(layer, (list, tuple)) and len(layer) == 2 for layer in answer
        )
    ):
        raise Incorrect(
            "`xor_params` must be a list of two (weights, bias) pairs: "
            "`[(hidden_weights, hidden_bias), (output_weights, output_bias)]`."
        )
    (hw, hb), (ow, ob) = answer
    hw = _xor_array(hw, "hidden_weights", (2, 2))
    hb = _xor_array(hb, "hidden_bias", (2,))
    ow = _xor_array(ow, "output_weights", (2, 1))
    ob = _xor_array(ob, "output_bias", (1,))
    hidden_z = _XOR_X @ hw + hb
    hidden = step(hidden_z)
    output_z = hidden @ ow + ob
    out = step(output_z)[:, 0].astype(int)
    wrong = np.flatnonzero(out != _XOR_Y)
    if wrong.size:
        for i in range(4):
            for j in range(i + 1, 4):
                if _XOR_Y[i] != _XOR_Y[j] and np.array_equal(hidden[i], hidden[j]):
                    raise Incorrect(
                        f"The hidden neurons give the same pair "
                        f"{_pair(hidden[i])} for inputs {_pair(_XOR_X[i])} and "
                        f"{_pair(_XOR_X[j])}, which XOR must tell apart. No "
                        "output neuron can separate them: change the hidden "
                        "layer first."
                    )
        details = ", ".join(
            f"{_pair(_XOR_X[k])} gives {out[k]} (should be {_XOR_Y[k]})" for k in wrong
        )
        count = (
            "1 of the 4 inputs comes"
            if wrong.size == 1
            else f"{wrong.size} of the 4 inputs come"
        )
        advice = (
            " The hidden layer is fine (a straight line can split its pairs), "
            "so adjust the output neuron."
            if _separable(hidden)
            else " No straight line can split what the hidden layer gives, "
            "so start with the hidden weights."
        )
        raise Incorrect(f"{count} out wrong: {details}.{advice}")
    edge = np.argwhere(np.isclose(np.hstack([hidden_z, output_z]), 0.0))
    if edge.size:
        k, neuron = edge[0]
        who = ["h1", "h2", "the output neuron"][neuron]
        return (
            f"All four inputs come out right. One thing to know: for input "
            f"{_pair(_XOR_X[k])} the sum of {who} is exactly 0, right on its "
            "line; the step counts 0 as 1, but the smallest change would flip "
            "it. A bias that leaves a margin (such as -0.5) is safer."
        )
    return "All four inputs come out right: your network computes XOR."


def _separable(hidden: np.ndarray) -> bool:
    """Tell whether a straight line in hidden space can split the classes.

    Runs the perceptron rule, which finds such a line within a bounded
    number of passes whenever one exists for these four points.
    """
    points = np.hstack([hidden, np.ones((4, 1))])
    target = np.where(_XOR_Y == 1, 1.0, -1.0)
    w = np.zeros(3)
    for _ in range(200):
        mistakes = 0
        for point, t in zip(points, target, strict=True):
            if t * (point @ w) <= 0:
                w += t * point
                mistakes += 1
        if not mistakes:
            return True
    return False


xor = Exercise(
    "02.xor",
    "Weights that compute XOR",
    _check_xor,
    hints=[
        "h1 should fire for (1, 0) only: give it a positive weight from x1, "
        "a negative weight from x2, and a bias that keeps (0, 0) and (1, 1) "
        "below 0. h2 is its mirror image.",
        "h1: weight 1 from x1, -1 from x2, bias -0.5; h2: weight -1 from x1, "
        "1 from x2, bias -0.5. The columns of `hidden_weights` are the "
        "neurons. The output neuron is an OR of h1 and h2.",
        "An OR of h1 and h2: weights 1 and 1, bias -0.5.",
    ],
    solution_code="""
    hidden_weights = [[1, -1],   # from x1 to h1 and h2
                      [-1, 1]]   # from x2 to h1 and h2
    hidden_bias = [-0.5, -0.5]
    output_weights = [[1],       # from h1
                      [1]]       # from h2
    output_bias = [-0.5]
    xor_params = [(hidden_weights, hidden_bias),
                  (output_weights, output_bias)]
    """,
)


# 02.dense


def _dense_mistakes(
    x: np.ndarray, weights: np.ndarray, bias: np.ndarray, act: Callable
) -> list[tuple[np.ndarray, str]]:
    """Return what typical wrong versions of a dense layer compute."""
    z = x @ weights
    fixed = [
        (
            other(z + bias),
            f"your layer always applies {other.__name__}, whatever `activation` "
            f"it is given. Call the function passed in as `activation`, "
            f"not a particular one.",
        )
        for other in (relu, _sigmoid, tanh, step)
        if other is not act
    ]
    transposed = []
    if weights.shape[0] == weights.shape[1]:  # only then does `.T` fit
        transposed.append(
            (
                act(x @ weights.T + bias),
                "the weights look transposed. `weights[i, j]` connects input i "
                "to neuron j, so compute `x @ weights`, not `x @ weights.T`.",
            )
        )
    return [
        (act(z), "the bias is missing: add `bias` to the weighted sums."),
        (
            act(z) + bias,
            "the bias is added after the activation; it belongs inside, "
            "before the activation is applied.",
        ),
        (
            z + bias,
            "the activation is missing: apply `activation` to the weighted "
            "sums plus bias.",
        ),
        (act(z - bias), "the bias is subtracted; it should be added."),
        *transposed,
        *fixed,
    ]


def _call_dense(dense: Callable, x, weights, bias, act) -> np.ndarray:
    call = f"dense_forward(x, weights, bias, {act.__name__})"
    try:
        result = call_learner(dense, x, weights, bias, act)
    except Incorrect as error:
        where = f"`dense_forward` on `x` of shape {x.shape}"
        text = _reworded(error, where)
        if "matmul" in text or "shapes" in text or "broadcast" in text:
            text += (
                f" Here `x` had shape {x.shape} and `weights` shape "
                f"{weights.shape}.{_SHAPE_HINT}"
            )
        raise Incorrect(text) from None
    return learner_array(result, call).astype(np.float64)


def _check_dense(dense: Any) -> None:
    rng = np.random.default_rng(2)
    cases = []
    # Square weights first: a transposed matrix fits, so it can be named.
    x_sq = np.round(rng.normal(size=(4, 3)), 1)
    w_sq = np.round(rng.normal(size=(3, 3)), 1)
    b_sq = np.array([0.5, -1.0, 0.25])
    cases.append((x_sq, w_sq, b_sq, relu))
    x = np.round(rng.normal(size=(5, 3)), 1)
    weights = np.round(rng.normal(size=(3, 2)), 1)
    bias = np.array([0.3, -0.7])
    cases += [(x, weights, bias, relu), (x, weights, bias, _sigmoid)]
    cases.append((x, weights, bias, identity))
    for xs, ws, bs, act in cases:
        got = _call_dense(dense, xs, ws, bs, act)
        want = act(xs @ ws + bs)
        if _same(got, want):
            continue
        if got.shape != want.shape:
            turned = " (rows and columns swapped)" if got.shape == want.T.shape else ""
            raise Incorrect(
                f"With `x` of shape {xs.shape} and `weights` of shape {ws.shape}, "
                f"the layer should return shape {want.shape}: one row for each "
                f"example, one column for each neuron. Yours has shape "
                f"{got.shape}{turned}."
            )
        for wrong, message in _dense_mistakes(xs, ws, bs, act):
            if _same(got, wrong):
                raise Incorrect(f"With `activation={act.__name__}`, {message}")
        raise Incorrect(
            f"With `activation={act.__name__}`, the first example should give "
            f"{_fmt(want[0])}; yours gives {_fmt(got[0])}."
        )
    single = _call_dense(dense, x[0], weights, bias, relu)
    want = relu(x[0] @ weights + bias)
    if not _same(single, want):
        raise Incorrect(
            f"For one example (`x` of shape {x[0].shape}) the layer should "
            f"return {want.shape[0]} numbers, {_fmt(want)}; yours returned "
            f"{_fmt(single)} (shape {single.shape})."
        )


dense = Exercise(
    "02.dense",
    "One dense layer",
    _check_dense,
    hints=[
        "A layer does three things: a matrix product of the inputs with the "
        "weights, plus the bias, then the activation.",
        "`x @ weights` multiplies a (n_samples, n_inputs) array by a "
        "(n_inputs, n_outputs) one, giving (n_samples, n_outputs). Adding "
        "`bias`, of shape (n_outputs,), adds it to every row.",
        "`z = x @ weights + bias` then `return activation(z)`.",
    ],
    solution_code='''
    def dense_forward(x, weights, bias, activation):
        """One layer: (n_samples, n_inputs) -> (n_samples, n_outputs)."""
        z = x @ weights + bias
        return activation(z)
    ''',
)


# 02.forward


def _reference_forward(x, params, hidden: Callable, output: Callable) -> np.ndarray:
    a = x
    for index, (weights, bias) in enumerate(params):
        f = output if index == len(params) - 1 else hidden
        a = f(a @ weights + bias)
    return a


def _check_forward(forward: Any) -> str | None:
    rng = np.random.default_rng(3)
    deep = [
        (np.round(rng.normal(size=(3, 4)), 2), np.round(rng.normal(size=4), 2)),
        (np.round(rng.normal(size=(4, 5)), 2), np.round(rng.normal(size=5), 2)),
        (np.round(rng.normal(size=(5, 2)), 2), np.round(rng.normal(size=2), 2)),
    ]
    one_layer = deep[:1]
    x = np.round(rng.normal(size=(6, 3)), 2)
    cases = [
        (deep, relu, identity),
        (deep, tanh, _sigmoid),
        (deep[1:], relu, _sigmoid),
        (one_layer, relu, identity),
    ]
    for params, hidden, output in cases:
        sizes = [params[0][0].shape[0]] + [w.shape[1] for w, _ in params]
        call = f"forward(x, params, {hidden.__name__}, {output.__name__})"
        where = f"For a network of sizes {sizes} ({call})"
        xs = x if sizes[0] == 3 else np.round(rng.normal(size=(6, sizes[0])), 2)
        try:
            result = call_learner(forward, xs, params, hidden, output)
        except Incorrect as error:
            text = _reworded(error, f"{where}, your function")
            if "shape" in text or "matmul" in text:
                text += (
                    " Does the loop run through every layer in order, each "
                    "taking the previous layer's output (not `x` again)?"
                )
            raise Incorrect(text) from None
        got = learner_array(result, call).astype(np.float64)
        want = _reference_forward(xs, params, hidden, output)
        if _same(got, want):
            continue
        if got.shape != want.shape:
            raise Incorrect(
                f"{where}, the output should have shape {want.shape}; yours has "
                f"shape {got.shape}. Does the loop run through every layer, "
                "feeding each one the output of the one before?"
            )
        mistakes = [
            (
                _reference_forward(xs, params, hidden, hidden),
                "the output layer used the hidden layers' activation. The "
                "last layer takes `output_activation` instead.",
            ),
            (
                _reference_forward(xs, params, hidden, identity),
                "no activation reached the output layer: apply "
                "`output_activation` to the last layer.",
            ),
            (
                _reference_forward(xs, params, identity, output),
                "the hidden layers have no activation. Without it the layers "
                "collapse into one straight-line layer; apply `activation` "
                "to every hidden layer.",
            ),
            (
                _reference_forward(xs, params, output, hidden),
                "the two activations are swapped: `activation` is for the "
                "hidden layers, `output_activation` for the last one.",
            ),
            (
                _reference_forward(xs, params, output, output),
                "every layer used `output_activation`; the hidden layers take "
                "`activation`.",
            ),
        ]
        for wrong, message in mistakes:
            if _same(got, wrong) and not _same(wrong, want):
                raise Incorrect(f"{where}, {message}")
        raise Incorrect(
            f"{where}, the first example should give {_fmt(want[0])}; yours "
            f"gives {_fmt(got[0])}. If your `dense_forward` passed its check, "
            "look at which layer gets which input."
        )
    return None


forward = Exercise(
    "02.forward",
    "A forward pass through every layer",
    _check_forward,
    hints=[
        "Keep the running output in `a`: each hidden layer turns `a` into a "
        "new `a` with your `dense_forward`.",
        "Inside the loop: `a = dense_forward(a, weights, bias, activation)`. "
        "The last layer is the same call with `output_activation`.",
        "The return line is "
        "`return dense_forward(a, weights, bias, output_activation)`.",
    ],
    solution_code='''
    def forward(x, params, activation, output_activation):
        """Run x through every (weights, bias) layer in params."""
        a = x
        for weights, bias in params[:-1]:
            a = dense_forward(a, weights, bias, activation)
        weights, bias = params[-1]
        return dense_forward(a, weights, bias, output_activation)
    ''',
    uses=("dense_forward",),
)


# 02.count


def _check_count(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, Number):
        raise Incorrect(
            f"Give the count as a whole number; received "
            f"{type(answer).__name__} {answer!r:.60}."
        )
    right = 784 * 128 + 128 + 128 * 10 + 10
    mistakes = {
        784 * 128 + 128 * 10: "that counts the weights but leaves out the biases "
        "(one for each neuron of each layer).",
        784 * 128 + 128: "that is the first layer only; add the output layer.",
        128 * 10 + 10: "that is the output layer only; add the hidden layer.",
        784 + 128 + 10: "that counts the neurons (and inputs), not the weights "
        "that connect them.",
        128 + 10: "that counts the biases only; add the weights.",
        784 * 128 * 10: "each layer has its own weight matrix: add the layers' "
        "counts rather than multiplying all the sizes.",
        (784 + 1) * (128 + 1) * 10: "each layer has its own weight matrix: add "
        "the layers' counts rather than multiplying them.",
    }
    if answer == right:
        return (
            "101,770 numbers: 100,480 in the hidden layer and 1,290 in the "
            "output layer. Keras reports the same count in `model.summary()`."
        )
    if answer in mistakes:
        raise Incorrect(f"{answer:,}: {mistakes[answer]}")
    raise Incorrect(
        f"{answer:,} is not it. Count each layer alone: its weight matrix has "
        "shape (n_inputs, n_outputs), and it has one bias for each output."
    )


count = Exercise(
    "02.count",
    "Count a network's parameters",
    _check_count,
    hints=[
        "Each layer has a weight matrix of shape (n_inputs, n_outputs) and a "
        "bias of shape (n_outputs,). Count each layer, then add.",
        "The hidden layer has 784 * 128 weights and 128 biases; the output "
        "layer has 128 * 10 weights and 10 biases.",
        "`n_params = 784 * 128 + 128 + 128 * 10 + 10`",
    ],
    solution_code="""
    n_params = 784 * 128 + 128 + 128 * 10 + 10
    """,
)

__all__ = ["count", "dense", "forward", "sigmoid", "xor"]
