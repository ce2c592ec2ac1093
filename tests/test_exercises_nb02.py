"""Tests for the exercises of notebook 02: right answers pass, typical
mistakes get feedback that names them, untouched starters are not attempted."""

import math
import warnings

import numpy as np
import pytest

from helpers.exercises import ____, exercises_of
from helpers.exercises import nb02 as ex


def _status(feedback):
    return feedback.status


def _solution_namespace(exercise, **extra):
    namespace = {"np": np, **extra}
    exec(exercise.solution_code, namespace)
    return namespace


def test_the_notebook_has_five_exercises_with_ids_and_hints():
    ids = [e.id for e in exercises_of(ex)]
    assert ids == ["02.sigmoid", "02.xor", "02.dense", "02.forward", "02.count"]
    for exercise in exercises_of(ex):
        assert len(exercise.hints) >= 2
        assert exercise.solution().status == "solution"


# 02.sigmoid


def _pair(f, df):
    return (f, df)


def _stable_sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), 0.0) + np.where(
        z < 0, np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))), 0.0
    )


def test_sigmoid_solution_passes_and_mentions_the_overflow():
    ns = _solution_namespace(ex.sigmoid)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feedback = ex.sigmoid.check((ns["sigmoid"], ns["sigmoid_derivative"]))
    assert feedback.status == "correct"
    assert "infinity" in feedback.message


def test_a_stable_sigmoid_passes_without_the_overflow_note():
    def derivative(z):
        s = _stable_sigmoid(z)
        return s * (1 - s)

    feedback = ex.sigmoid.check((_stable_sigmoid, derivative))
    assert feedback.status == "correct"
    assert "infinity" not in feedback.message


def _good_derivative(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


@pytest.mark.parametrize(
    ("f", "df", "expected"),
    [
        (lambda z: 1 / (1 + np.exp(z)), _good_derivative, "sign inside the exp"),
        (lambda z: 1 / (1 + math.exp(-z)), _good_derivative, "np.exp"),
        (lambda z: 1 / (2 + np.exp(-z)), _good_derivative, "should be 0.5"),
        (lambda z: np.mean(1 / (1 + np.exp(-z))), _good_derivative, "same shape"),
        (lambda z: np.exp(z) / (1 + np.exp(z)), _good_derivative, "infinity by inf"),
        (
            lambda z: 1 / (1 + np.exp(-z)),
            lambda z: 1 / (1 + np.exp(-z)),
            "the sigmoid itself",
        ),
        (lambda z: 1 / (1 + np.exp(-z)), lambda z: z * (1 - z), "not z itself"),
        (
            lambda z: 1 / (1 + np.exp(-z)),
            lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
            "slope should be about 0",
        ),
        (
            lambda z: 1 / (1 + np.exp(-z)),
            lambda z: 2 * _good_derivative(z),
            "slope is 0.25",
        ),
        (lambda z: 1 / (1 + np.exp(-z)), lambda z: None, "`return`"),
    ],
)
def test_sigmoid_mistakes_are_named(f, df, expected):
    feedback = ex.sigmoid.check((f, df))
    assert feedback.status == "incorrect"
    assert expected.lower() in feedback.message.lower(), feedback.message


def test_sigmoid_untouched_starter_is_not_attempted():
    def sigmoid(z):
        return ____

    def sigmoid_derivative(z):
        return ____

    assert ex.sigmoid.check((sigmoid, sigmoid_derivative)).status == "not_attempted"


def test_sigmoid_check_needs_both_functions():
    feedback = ex.sigmoid.check(_good_derivative)
    assert feedback.status == "incorrect" and "pair" in feedback.message


# 02.dense


def test_dense_solution_passes():
    ns = _solution_namespace(ex.dense)
    assert ex.dense.check(ns["dense_forward"]).status == "correct"


@pytest.mark.parametrize(
    ("dense", "expected"),
    [
        (lambda x, w, b, act: act(x @ w.T + b), "transposed"),
        (lambda x, w, b, act: act(x @ w), "bias is missing"),
        (lambda x, w, b, act: act(x @ w) + b, "after the activation"),
        (lambda x, w, b, act: x @ w + b, "activation is missing"),
        (lambda x, w, b, act: act(x @ w - b), "subtracted"),
        (lambda x, w, b, act: act(w.T @ x.T + b[:, None]), "swapped"),
        (lambda x, w, b, act: act(w @ x + b), "shapes must line up"),
        (lambda x, w, b, act: act(x * w + b), "shapes must line up"),
        (lambda x, w, b, act: act(x @ w + 1), "first example should give"),
        (lambda x, w, b, act: act(np.atleast_2d(x) @ w + b), "one example"),
        (lambda x, w, b, act: np.maximum(0, x @ w + b), "always applies relu"),
        (lambda x, w, b, act: 1 / (1 + np.exp(-(x @ w + b))), "always applies"),
    ],
)
def test_dense_mistakes_are_named(dense, expected):
    feedback = ex.dense.check(dense)
    assert feedback.status == "incorrect"
    assert expected.lower() in feedback.message.lower(), feedback.message


def test_dense_untouched_starter_is_not_attempted():
    def dense_forward(x, weights, bias, activation):
        z = ____
        return activation(z)

    assert ex.dense.check(dense_forward).status == "not_attempted"


def test_dense_check_refuses_a_non_function():
    feedback = ex.dense.check(3)
    assert feedback.status == "incorrect" and "function" in feedback.message


# 02.forward


def _dense(x, weights, bias, activation):
    return activation(x @ weights + bias)


def test_forward_solution_passes():
    ns = _solution_namespace(ex.forward, dense_forward=_dense)
    assert ex.forward.check(ns["forward"]).status == "correct"


def _forward_all_hidden(x, params, activation, output_activation):
    a = x
    for w, b in params:
        a = _dense(a, w, b, activation)
    return a


def _forward_no_hidden_activation(x, params, activation, output_activation):
    a = x
    for w, b in params[:-1]:
        a = x @ w + b if a is x else a @ w + b
    w, b = params[-1]
    return _dense(a, w, b, output_activation)


def _forward_no_output_activation(x, params, activation, output_activation):
    a = x
    for w, b in params[:-1]:
        a = _dense(a, w, b, activation)
    w, b = params[-1]
    return a @ w + b


def _forward_from_x_each_time(x, params, activation, output_activation):
    for w, b in params[:-1]:
        a = _dense(x, w, b, activation)
    w, b = params[-1]
    return _dense(a, w, b, output_activation)


def _forward_skips_a_layer(x, params, activation, output_activation):
    a = _dense(x, *params[0], activation)
    w, b = params[-1]
    return _dense(a, w, b, output_activation) if len(params) > 1 else a


def _forward_swapped(x, params, activation, output_activation):
    a = x
    for w, b in params[:-1]:
        a = _dense(a, w, b, output_activation)
    w, b = params[-1]
    return _dense(a, w, b, activation)


@pytest.mark.parametrize(
    ("forward", "expected"),
    [
        (_forward_all_hidden, "output layer used the hidden"),
        (_forward_no_hidden_activation, "hidden layers have no activation"),
        (_forward_no_output_activation, "no activation reached the output"),
        (_forward_from_x_each_time, "previous layer's output (not `x` again)"),
        (_forward_skips_a_layer, "every layer"),
        (_forward_swapped, "swapped"),
    ],
)
def test_forward_mistakes_are_named(forward, expected):
    feedback = ex.forward.check(forward)
    assert feedback.status == "incorrect"
    assert expected.lower() in feedback.message.lower(), feedback.message


def test_forward_untouched_starter_is_not_attempted():
    def forward(x, params, activation, output_activation):
        return ____

    assert ex.forward.check(forward).status == "not_attempted"


# 02.xor


def _xor(hw, hb, ow, ob):
    return [(hw, hb), (ow, ob)]


def test_xor_solution_passes():
    ns = _solution_namespace(ex.xor)
    feedback = ex.xor.check(ns["xor_params"])
    assert feedback.status == "correct"
    assert "computes XOR" in feedback.message


def test_xor_the_notebooks_or_and_network_passes_too():
    # h1 = x1 OR x2, h2 = x1 AND x2, output = h1 AND NOT h2.
    params = _xor([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [-2]], [-0.5])
    assert ex.xor.check(params).status == "correct"


def test_xor_on_the_edge_passes_with_a_note_about_margins():
    params = _xor([[1, 1], [1, 1]], [-1, -2], [[1], [-2]], [-1])
    feedback = ex.xor.check(params)
    assert feedback.status == "correct"
    assert "exactly 0" in feedback.message


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (_xor([[1, 1], [1, 1]], [-0.5, -1.5], [[1, -2]], [-0.5]), "transposed"),
        (_xor([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [-2]], -0.5), "shape (1,)"),
        (_xor([[1, 1, 1], [1, 1, 1]], [-0.5, -1.5], [[1], [-2]], [-0.5]), "(2, 2)"),
        (_xor([[1, 1], [1, 1]], [-0.5, -0.5], [[1], [-2]], [-0.5]), "same pair"),
        (_xor([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [1]], [-0.5]), "output neuron"),
        (_xor([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [1]], [-0.5]), "(1, 1) gives 1"),
        ([([[1, 1], [1, 1]], [-0.5, -1.5])], "two (weights, bias) pairs"),
        (_xor([["a", 1], [1, 1]], [-0.5, -1.5], [[1], [-2]], [-0.5]), "numbers"),
    ],
)
def test_xor_mistakes_are_named(params, expected):
    feedback = ex.xor.check(params)
    assert feedback.status == "incorrect"
    assert expected.lower() in feedback.message.lower(), feedback.message


def test_xor_unseparable_hidden_layer_points_at_the_hidden_weights():
    # h1 = x1 and h2 = x2: four different pairs, still the XOR pattern.
    params = _xor([[1, 0], [0, 1]], [-0.5, -0.5], [[1], [1]], [-0.5])
    feedback = ex.xor.check(params)
    assert feedback.status == "incorrect"
    assert "start with the hidden weights" in feedback.message


def test_xor_untouched_starter_is_not_attempted():
    params = _xor([[____, ____], [____, ____]], [____, ____], [[____], [____]], [____])
    assert ex.xor.check(params).status == "not_attempted"


# 02.count


def test_count_right_answer():
    feedback = ex.count.check(101770)
    assert feedback.status == "correct" and "101,770" in feedback.message


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (784 * 128 + 128 * 10, "biases"),
        (784 * 128 + 128, "first layer only"),
        (784 + 128 + 10, "neurons"),
        (784 * 128 * 10, "add the layers"),
        (12345, "count each layer alone"),
        ("101770", "whole number"),
    ],
)
def test_count_mistakes_are_named(answer, expected):
    feedback = ex.count.check(answer)
    assert feedback.status == "incorrect"
    assert expected.lower() in feedback.message.lower(), feedback.message


def test_count_untouched_is_not_attempted():
    assert ex.count.check(____).status == "not_attempted"


def test_a_correct_check_is_recorded_in_the_private_data_folder(tmp_path):
    from helpers import progress

    ex.count.check(101770)
    assert "02.count" in progress.load_progress()
