"""Tests for helpers.activations: values, slopes, stability and look-up."""

import warnings

import numpy as np
import pytest

from helpers import activations as act

Z = np.linspace(-6.0, 6.0, 241)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_derivative_matches_finite_difference(name):
    f, df = act.get_activation(name)
    # Keep away from the kinks of step and relu at 0.
    z = Z[np.abs(Z) > 0.05]
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, atol=1e-6)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activation_keeps_shape_and_dtype(name):
    f, df = act.ACTIVATIONS[name]
    z = np.arange(12, dtype=np.int64).reshape(3, 4) - 6
    for out in (f(z), df(z)):
        assert out.shape == (3, 4)
        assert out.dtype == np.float64


def test_known_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(act.step(z), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(act.relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(act.relu_derivative(z), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(act.sigmoid(0.0), 0.5)
    np.testing.assert_allclose(act.sigmoid(np.log(3.0)), 0.75)
    np.testing.assert_allclose(act.sigmoid_derivative(0.0), 0.25)
    np.testing.assert_allclose(act.tanh_derivative(0.0), 1.0)
    np.testing.assert_array_equal(act.identity(z), z)
    np.testing.assert_array_equal(act.identity_derivative(z), np.ones(3))


def test_step_derivative_is_zero_everywhere():
    assert not np.any(act.step_derivative(np.array([-1e9, -1.0, 0.0, 1.0, 1e9])))


def test_identity_returns_a_copy():
    z = np.array([1.0, 2.0])
    out = act.identity(z)
    out[0] = 99.0
    assert z[0] == 1.0


def test_sigmoid_is_stable_for_large_inputs():
    z = np.array([-1e6, -800.0, -40.0, 40.0, 800.0, 1e6])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = act.sigmoid(z)
        ds = act.sigmoid_derivative(z)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ds))
    np.testing.assert_allclose(s[[0, -1]], [0.0, 1.0])
    assert 0 < s[2] < 1e-15
    np.testing.assert_allclose(s + act.sigmoid(-z), 1.0)


def test_softmax_rows_sum_to_one_and_are_stable():
    z = np.array([[1000.0, 1001.0, 999.0], [-1000.0, 0.0, 1000.0], [1.0, 1.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = act.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[2], 1 / 3)
    assert p[0].argmax() == 1
    np.testing.assert_allclose(act.softmax(z[0]), act.softmax(z[0] - 1000))


def test_softmax_rejects_a_single_number():
    with pytest.raises(ValueError, match="`z`"):
        act.softmax(3.0)


def test_softmax_jacobian_matches_finite_difference():
    z = np.array([0.3, -1.0, 2.0])
    h = 1e-6
    numeric = np.column_stack(
        [(act.softmax(z + h * e) - act.softmax(z - h * e)) / (2 * h) for e in np.eye(3)]
    )
    np.testing.assert_allclose(act.softmax_jacobian(z), numeric, atol=1e-8)
    assert act.softmax_jacobian(np.zeros((5, 3))).shape == (5, 3, 3)


def test_get_activation_by_name_any_case():
    assert act.get_activation("ReLU") == (act.relu, act.relu_derivative)
    assert act.get_activation("softmax")[0] is act.softmax


@pytest.mark.parametrize("bad", ["swish", "", None, 3])
def test_get_activation_rejects_unknown_names(bad):
    with pytest.raises(ValueError, match="`activation` must be one of"):
        act.get_activation(bad)


def test_non_numeric_input_names_z():
    with pytest.raises(TypeError, match="`z` must be a number"):
        act.sigmoid("large")


@pytest.mark.parametrize("value", ["1", None, ["1", "2"], [1.0, None], b"1"])
def test_text_and_none_are_not_numbers(value):
    with pytest.raises(TypeError, match=r"`z` must be a number .*received"):
        act.sigmoid(value)
