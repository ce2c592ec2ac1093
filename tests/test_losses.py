"""Tests for helpers.losses: softmax, cross-entropy and their plots."""

import numpy as np
import pytest

from helpers.losses import (
    EPSILON,
    cross_entropy,
    log_softmax,
    mean_cross_entropy,
    mean_squared_error,
    one_hot,
    plot_cross_entropy_curve,
    plot_probabilities,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_gradient,
)


def test_softmax_rows_are_probabilities_in_the_order_of_the_scores():
    z = np.array([[2.0, 1.0, 0.1], [-3.0, 0.0, 3.0]])
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p > 0)
    np.testing.assert_array_equal(p.argsort(axis=1), z.argsort(axis=1))


def test_softmax_is_stable_for_huge_scores():
    p = softmax(np.array([1000.0, 999.0, -1000.0]))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, softmax(np.array([1.0, 0.0, -1999.0])))


def test_cross_entropy_is_minus_log_of_the_true_class():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]])
    np.testing.assert_allclose(cross_entropy(p, [0, 2]), [-np.log(0.7), -np.log(0.1)])
    assert mean_cross_entropy(p, [0, 2]) == pytest.approx(
        -(np.log(0.7) + np.log(0.1)) / 2
    )


def test_cross_entropy_is_zero_for_a_certain_right_answer_and_finite_at_zero():
    assert cross_entropy(np.array([0.0, 1.0]), 1)[0] == 0.0
    worst = cross_entropy(np.array([1.0, 0.0]), 1)[0]
    assert worst == pytest.approx(-np.log(EPSILON))


@pytest.mark.parametrize(
    ("labels", "error", "match"),
    [
        ([0, 3], ValueError, "from 0 to 2"),
        ([0], ValueError, r"shape \(2,\)"),
        ([0.5, 1], TypeError, "whole class numbers"),
    ],
)
def test_cross_entropy_rejects_bad_labels(labels, error, match):
    with pytest.raises(error, match=match):
        cross_entropy(np.full((2, 3), 1 / 3), labels)


def test_softmax_cross_entropy_equals_the_two_steps_and_survives_extremes():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 4))
    y = np.array([0, 1, 2, 3, 0])
    np.testing.assert_allclose(
        softmax_cross_entropy(z, y), cross_entropy(softmax(z), y)
    )
    # Very sure and wrong: the two-step version would clip at EPSILON.
    assert softmax_cross_entropy(np.array([[0.0, 200.0]]), [0])[0] == pytest.approx(200)
    np.testing.assert_allclose(np.exp(log_softmax(z)), softmax(z))


def test_softmax_cross_entropy_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(3, 4))
    y = np.array([2, 0, 3])
    grad = softmax_cross_entropy_gradient(z, y)
    eps = 1e-6
    for index in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[index] += eps
        down[index] -= eps
        slope = (
            softmax_cross_entropy(up, y).mean() - softmax_cross_entropy(down, y).mean()
        ) / (2 * eps)
        assert grad[index] == pytest.approx(slope, abs=1e-7)


def test_gradient_keeps_float32():
    z = np.zeros((2, 3), dtype=np.float32)
    assert softmax_cross_entropy_gradient(z, [0, 1]).dtype == np.float32


def test_one_hot_and_mean_squared_error():
    np.testing.assert_array_equal(one_hot([1, 0], 3), [[0, 1, 0], [1, 0, 0]])
    assert mean_squared_error(np.array([1.0, 2.0]), np.array([0.0, 0.0])) == 2.5
    with pytest.raises(ValueError, match="same shape"):
        mean_squared_error(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="`n_classes`"):
        one_hot([0], 0)


def test_plot_probabilities_colours_the_prediction_and_the_true_class():
    drawn = plot_probabilities([0.1, 0.6, 0.3], true_class=2)
    heights = [bar.get_height() for bar in drawn["bars"]]
    np.testing.assert_allclose(heights, [0.1, 0.6, 0.3])
    colours = [bar.get_facecolor() for bar in drawn["bars"]]
    assert colours[1] != colours[0] and colours[2] != colours[0]
    assert [t.get_text() for t in drawn["labels"]] == ["0.10", "0.60", "0.30"]
    ax = drawn["bars"].patches[0].axes
    assert ax.get_xlabel() and ax.get_ylabel()


def test_plot_cross_entropy_curve_puts_the_point_on_the_curve():
    drawn = plot_cross_entropy_curve(0.1)
    x, y = drawn["point"].get_data()
    assert y[0] == pytest.approx(-np.log(0.1))
    with pytest.raises(ValueError, match="`probability`"):
        plot_cross_entropy_curve(0.0)
