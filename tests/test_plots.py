"""Tests for helpers.plots: points and decision regions."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.data import logic_gate, two_clouds
from helpers.plots import (
    plot_decision_regions,
    plot_points,
    predict_regions,
    region_grid,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_points_draws_one_artist_a_class_with_labelled_axes():
    X, y = logic_gate("AND")
    artists = plot_points(X, y, labels=("off", "on"))
    ax = artists[0].axes
    assert [len(a.get_offsets()) for a in artists] == [3, 1]
    assert ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["off", "on"]


def test_plot_points_draws_on_the_given_axes():
    _, ax = plt.subplots()
    X, y = logic_gate("OR")
    artists = plot_points(X, y, ax)
    assert all(a.axes is ax for a in artists)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.zeros((4, 3)), np.zeros(4), r"`X` must have shape \(n_samples, 2\)"),
        (np.zeros((4, 2)), np.zeros(3), r"`y` must have shape \(4,\)"),
    ],
)
def test_plot_points_rejects_bad_shapes(X, y, match):
    with pytest.raises(ValueError, match=match):
        plot_points(X, y)


def test_region_grid_covers_the_points_with_a_margin():
    X = np.array([[0.0, 1.0], [2.0, 3.0]])
    grid, extent = region_grid(X, resolution=5, margin=1.0)
    assert grid.shape == (25, 2)
    assert extent.tolist() == [-1.0, 3.0, 0.0, 4.0]
    assert grid.min(axis=0).tolist() == [-1.0, 0.0]


def test_region_grid_rejects_a_tiny_resolution():
    with pytest.raises(ValueError, match="`resolution`"):
        region_grid(np.zeros((2, 2)), resolution=1)


@pytest.mark.parametrize(
    "predict",
    [
        lambda p: (p[:, 0] > 0).astype(int),
        lambda p: (p[:, 0] > 0).astype(float) * 0.9,
        lambda p: np.column_stack([p[:, 0] <= 0, p[:, 0] > 0]).astype(float),
    ],
    ids=["classes", "probability", "probabilities"],
)
def test_predict_regions_accepts_classes_and_probabilities(predict):
    grid, _ = region_grid(np.array([[-1.0, -1.0], [1.0, 1.0]]), 4, 0.0)
    labels = predict_regions(predict, grid, 4)
    assert labels.tolist() == [[0, 0, 1, 1]] * 4


def test_predict_regions_names_a_wrong_output_size():
    grid, _ = region_grid(np.zeros((2, 2)), 4, 1.0)
    with pytest.raises(ValueError, match="one value a point"):
        predict_regions(lambda p: np.zeros(3), grid, 4)


def test_decision_regions_follow_the_predict_function():
    X, y = two_clouds(40)
    drawn = plot_decision_regions(lambda p: p.sum(axis=1) > 0, X, y, resolution=50)
    image = drawn["regions"].get_array()
    grid = drawn["grid"].reshape(50, 50, 2)
    assert image.shape == (50, 50)
    assert np.array_equal(image == 1, grid.sum(axis=2) > 0)
    assert len(drawn["points"]) == 2


def test_decision_regions_need_a_function():
    with pytest.raises(TypeError, match="`predict` must be a function"):
        plot_decision_regions("not a function", np.zeros((2, 2)))
