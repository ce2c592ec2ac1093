"""Tests for helpers.gradcheck: finite differences and the report table."""

import numpy as np
import pytest

from helpers.gradcheck import (
    GradientCheck,
    compare_gradients,
    gradient_check,
    numerical_gradient,
    relative_error,
)


def test_numerical_gradient_of_a_known_function_and_puts_values_back():
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    kept = w.copy()
    grad = numerical_gradient(lambda: float((w**3).sum()), w)
    np.testing.assert_allclose(grad, 3 * kept**2, rtol=1e-6)
    np.testing.assert_array_equal(w, kept)


def test_numerical_gradient_at_chosen_entries():
    w = np.array([1.0, 2.0, 3.0])
    values = numerical_gradient(lambda: float((w**2).sum()), w, indices=[(2,), (0,)])
    np.testing.assert_allclose(values, [6.0, 2.0], rtol=1e-6)


def test_numerical_gradient_needs_a_float_array():
    with pytest.raises(TypeError, match="`array`"):
        numerical_gradient(lambda: 0.0, np.array([1, 2]))


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.ones(2), -np.ones(2)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.ones(2), np.ones(3))


def _linear_problem():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 3))
    target = rng.normal(size=(4, 2))
    params = [(rng.normal(size=(3, 2)), rng.normal(size=2))]

    def loss(p):
        weights, bias = p[0]
        return float(((x @ weights + bias - target) ** 2).mean())

    weights, bias = params[0]
    error = 2 * (x @ weights + bias - target) / target.size
    grads = [(x.T @ error, error.sum(axis=0))]
    return loss, params, grads


def test_gradient_check_passes_right_gradients_and_flags_wrong_ones():
    loss, params, grads = _linear_problem()
    result = gradient_check(loss, params, grads, max_entries=None)
    assert result.passed(1e-7)
    assert [row["parameter"] for row in result.rows] == [
        "layer 1 weights",
        "layer 1 bias",
    ]
    assert all(row["verdict"] == "agrees" for row in result.rows)
    wrong = [(grads[0][0], grads[0][1] / 4)]
    bad = gradient_check(loss, params, wrong)
    assert not bad.passed()
    assert bad.rows[1]["verdict"] == "WRONG" and bad.rows[0]["verdict"] == "agrees"


def test_gradient_check_samples_large_parameters():
    loss, params, grads = _linear_problem()
    result = gradient_check(loss, params, grads, max_entries=3)
    assert [row["checked"] for row in result.rows] == [3, 2]


def test_gradient_check_needs_float64_and_matching_shapes():
    loss, params, grads = _linear_problem()
    single = [(params[0][0].astype(np.float32), params[0][1])]
    with pytest.raises(TypeError, match="float64"):
        gradient_check(loss, single, grads)
    with pytest.raises(ValueError, match="shapes of `params`"):
        gradient_check(loss, params, [(grads[0][0].T, grads[0][1])])


def test_report_renders_as_text_html_and_frame():
    report = compare_gradients([(np.ones(2), np.ones(1))], [(np.ones(2), np.ones(1))])
    assert isinstance(report, GradientCheck)
    text = str(report)
    assert "layer 1 weights" in text and "agrees" in text
    html = report._repr_html_()
    assert html.count("<tr>") == 3
    frame = report.to_frame()
    assert list(frame["relative error"]) == [0.0, 0.0]
