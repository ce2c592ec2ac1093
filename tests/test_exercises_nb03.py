"""Tests for the exercises of notebook 03: right answers pass, typical
mistakes get feedback that names them, untouched starters are not attempted."""

import json
import warnings

import numpy as np
import pytest

from helpers.activations import get_activation
from helpers.backprop import dense_backward as reference_backward
from helpers.exercises import ____, exercises_of
from helpers.exercises import nb03 as ex
from helpers.progress import load_progress


def _solution_namespace(exercise):
    namespace = {"np": np, "get_activation": get_activation}
    exec(exercise.solution_code, namespace)
    return namespace


def test_the_notebook_has_five_exercises_with_ids_hints_and_solutions():
    ids = [e.id for e in exercises_of(ex)]
    assert ids == [
        "03.softmax",
        "03.cross_entropy",
        "03.step",
        "03.learning_rate",
        "03.dense_backward",
    ]
    for exercise in exercises_of(ex):
        assert len(exercise.hints) >= 2
        assert exercise.solution().status == "solution"


@pytest.mark.parametrize(
    ("exercise", "name"),
    [
        (ex.softmax, "softmax"),
        (ex.cross_entropy, "cross_entropy"),
        (ex.step, "gradient_step"),
        (ex.learning_rate, "my_learning_rate"),
        (ex.dense_backward, "dense_backward"),
    ],
)
def test_each_solution_passes_without_warnings(exercise, name):
    namespace = _solution_namespace(exercise)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feedback = exercise.check(namespace[name])
    assert feedback.status == "correct", feedback.message


@pytest.mark.parametrize(
    "exercise",
    [ex.softmax, ex.cross_entropy, ex.step, ex.learning_rate, ex.dense_backward],
)
def test_untouched_answers_are_not_attempted(exercise):
    assert exercise.check(____).status == "not_attempted"


def test_untouched_starter_functions_are_not_attempted():
    def softmax(z):
        return ____

    def dense_backward(grad_outputs, inputs, z, weights, activation="relu"):
        _, derivative = get_activation(activation)
        return ____, ____, ____

    assert ex.softmax.check(softmax).status == "not_attempted"
    assert ex.dense_backward.check(dense_backward).status == "not_attempted"


# 03.softmax


def _naive_softmax(z):
    e = np.exp(z)
    return e / e.sum()


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (_naive_softmax, "not numerically stable: subtract the largest logit"),
        (lambda z: np.exp(z), "divide by the sum"),
        (lambda z: z / z.sum(), "exponential"),
        (lambda z: _naive_softmax(-z), "sign"),
        (lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).max(), "add up to 1"),
        (lambda z: _naive_softmax(z)[:2], "one probability for each score"),
        (lambda z: _naive_softmax(z - z.min()), "subtract the largest logit"),
        (lambda z: _naive_softmax(z - z.mean()), "subtract the largest logit"),
    ],
)
def test_softmax_mistakes_are_named(function, expected):
    feedback = ex.softmax.check(function)
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_softmax_that_survives_but_overflows_is_still_unstable():
    def clipped(z):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            e = np.exp(np.clip(z, -700, 700))
        return e / e.sum()

    feedback = ex.softmax.check(clipped)
    assert feedback.status == "incorrect"
    assert "not numerically stable" in feedback.message


# 03.cross_entropy


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (lambda p, c: np.log(p[c]), "negative loss"),
        (lambda p, c: -np.log10(p[c]), "base 10"),
        (lambda p, c: -np.log(p).sum(), "Only the probability of the true class"),
        (lambda p, c: -np.log(p), "one number"),
        (lambda p, c: -np.log(1 - p[c]), "grows instead"),
        (lambda p, c: -np.log(p[0]), "another class"),
    ],
)
def test_cross_entropy_mistakes_are_named(function, expected):
    feedback = ex.cross_entropy.check(function)
    assert feedback.status == "incorrect"
    assert expected in feedback.message


# 03.step


def test_an_in_place_step_that_returns_passes_with_a_note():
    def step(weights, gradient, learning_rate):
        weights -= learning_rate * gradient
        return weights

    feedback = ex.step.check(step)
    assert feedback.status == "correct"
    assert "changed the `weights`" in feedback.message


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (lambda w, g, r: w + r * g, "uphill"),
        (lambda w, g, r: w - g, "whole gradient"),
        (lambda w, g, r: -r * g, "only the change"),
        (lambda w, g, r: None, "`return`"),
    ],
)
def test_step_mistakes_are_named(function, expected):
    feedback = ex.step.check(function)
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_an_in_place_step_without_return_is_told_to_return():
    def step(weights, gradient, learning_rate):
        weights -= learning_rate * gradient

    feedback = ex.step.check(step)
    assert "returned nothing" in feedback.message


# 03.learning_rate


@pytest.mark.parametrize("rate", [0.3, 0.5, 0.7, 0.25])
def test_rates_that_get_there_pass(rate):
    assert ex.learning_rate.check(rate).status == "correct"


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.01, "too short"),
        (0.2, "too short"),
        (0.9, "zig-zags"),
        (1.0, "back for ever"),
        (1.02, "grows"),
        (3.0, "diverged after"),
        (0, "above 0"),
        (-0.1, "above 0"),
        ("0.3", "as a number"),
        (True, "as a number"),
    ],
)
def test_learning_rate_mistakes_are_named(rate, expected):
    feedback = ex.learning_rate.check(rate)
    assert feedback.status == "incorrect"
    assert expected in feedback.message


# 03.dense_backward


def _backward(mistake):
    def backward(grad_outputs, inputs, z, weights, activation="relu"):
        f, derivative = get_activation(activation)
        grad_z = grad_outputs * derivative(z)
        grad_weights = inputs.T @ grad_z
        grad_bias = grad_z.sum(axis=0)
        grad_inputs = grad_z @ weights.T
        if mistake == "transposed":
            grad_weights = grad_z.T @ inputs
        elif mistake == "no_sum":
            grad_bias = grad_z
        elif mistake == "no_slope":
            grad_weights, grad_bias = inputs.T @ grad_outputs, grad_outputs.sum(0)
            grad_inputs = grad_outputs @ weights.T
        elif mistake == "slope_of_outputs":
            grad_z = grad_outputs * derivative(f(z))
            grad_weights, grad_bias = inputs.T @ grad_z, grad_z.sum(0)
            grad_inputs = grad_z @ weights.T
        elif mistake == "mean_bias":
            grad_bias = grad_z.mean(axis=0)
        elif mistake == "mean_weights":
            grad_weights = inputs.T @ grad_z / len(inputs)
        elif mistake == "weights_not_transposed":
            grad_inputs = grad_z @ weights
        elif mistake == "inputs_half":
            grad_inputs = grad_inputs / 2
        elif mistake == "two_values":
            return grad_weights, grad_bias
        return grad_inputs, grad_weights, grad_bias

    return backward


def test_the_reference_backward_pass_passes_its_own_check():
    assert ex.dense_backward.check(reference_backward).status == "correct"
    assert ex.dense_backward.check(_backward(None)).status == "correct"


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        ("transposed", "transposed"),
        ("no_sum", "sum over the batch"),
        ("no_slope", "slope of the activation, f'(z), is missing"),
        ("slope_of_outputs", "take it at `z`"),
        ("mean_bias", "sum over the batch"),
        ("mean_weights", "do not divide"),
        ("weights_not_transposed", "shape of its variable"),
        ("inputs_half", "gradient checking disagrees with `grad_inputs`"),
        ("two_values", "must return three arrays"),
    ],
)
def test_dense_backward_mistakes_are_named(mistake, expected):
    feedback = ex.dense_backward.check(_backward(mistake))
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_a_correct_check_is_recorded_in_the_private_data_folder(tmp_path):
    assert ex.learning_rate.check(0.3).status == "correct"
    assert "03.learning_rate" in load_progress()
    record = tmp_path / "course-data" / "progress.json"
    assert "03.learning_rate" in json.loads(record.read_text())
