"""Tests for helpers.data.toy: the small two-dimensional data sets."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import (
    TOY_DATASETS,
    circles,
    logic_gate,
    moons,
    noisy_curve,
    spirals,
    toy_dataset,
    two_clouds,
)

RANDOM_SETS = [two_clouds, moons, circles, spirals]


@pytest.mark.parametrize("make", RANDOM_SETS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("n_samples", [2, 7, 200])
def test_classification_shapes_dtypes_and_balance(make, n_samples):
    X, y = make(n_samples=n_samples)
    assert X.shape == (n_samples, 2) and X.dtype == np.float64
    assert y.shape == (n_samples,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [n_samples // 2, n_samples - n_samples // 2]
    assert np.isfinite(X).all()


def test_noisy_curve_shapes_and_order():
    X, y = noisy_curve(n_samples=30)
    assert X.shape == (30, 1) and X.dtype == np.float64
    assert y.shape == (30,) and y.dtype == np.float64
    assert np.all(np.diff(X[:, 0]) > 0)
    assert X.min() == -3.0 and X.max() == 3.0


def test_noisy_curve_without_noise_is_the_curve():
    X, y = noisy_curve(n_samples=13, noise=0.0)
    np.testing.assert_allclose(y, np.sin(2 * X[:, 0]) + 0.3 * X[:, 0])


@pytest.mark.parametrize("make", [*RANDOM_SETS, noisy_curve], ids=lambda f: f.__name__)
def test_same_seed_same_data_and_other_seed_other_data(make):
    X1, y1 = make(seed=3)
    X2, y2 = make(seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, y3 = make(seed=4)
    assert not (np.allclose(X1, X3) and np.allclose(y1, y3))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("spread", [0.1, 0.5, 2.0])
def test_two_clouds_are_always_separable_by_a_line(seed, spread):
    X, y = two_clouds(n_samples=300, spread=spread, seed=seed)
    side = np.where(y == 1, 1.0, -1.0)
    margin = side * X.sum(axis=1)
    assert margin.min() >= 0.1 - 1e-12
    centres = [X[y == label].mean(axis=0) for label in (0, 1)]
    assert centres[0].sum() < 0 < centres[1].sum()


@pytest.mark.parametrize(
    ("name", "outputs"),
    [
        ("AND", [0, 0, 0, 1]),
        ("or", [0, 1, 1, 1]),
        ("Nand", [1, 1, 1, 0]),
        ("xor", [0, 1, 1, 0]),
    ],
)
def test_logic_gates(name, outputs):
    X, y = logic_gate(name)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and X.dtype == np.float64
    assert y.tolist() == outputs and y.dtype == np.int64


def test_circles_radii_without_noise():
    X, y = circles(n_samples=40, noise=0.0, factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


def test_spirals_stay_within_the_unit_box():
    X, _ = spirals(n_samples=400, noise=0.0)
    assert np.abs(X).max() <= 1.0 + 1e-12


def test_whole_numbers_from_numpy_are_accepted():
    X, _ = moons(n_samples=np.int64(12))
    assert X.shape == (12, 2)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: moons(n_samples=1), ValueError, "`n_samples` must be at least 2"),
        (lambda: moons(n_samples=2.5), TypeError, "`n_samples` must be a whole"),
        (lambda: circles(n_samples="10"), TypeError, "received '10'"),
        (lambda: spirals(n_samples=True), TypeError, "`n_samples`"),
        (lambda: noisy_curve(n_samples=0), ValueError, "received 0"),
        (lambda: moons(noise=-0.1), ValueError, "`noise` must be a number, 0 or"),
        (lambda: spirals(noise="lots"), ValueError, "`noise`.*received 'lots'"),
        (lambda: two_clouds(spread=-1), ValueError, "`spread` must be a number"),
        (lambda: circles(factor=1.5), ValueError, "`factor` must be between 0 and 1"),
        (lambda: circles(factor=0), ValueError, "`factor`.*received 0"),
        (lambda: spirals(turns=0), ValueError, "`turns` must be greater than 0"),
        (lambda: logic_gate("NOR"), ValueError, "`name` must be one of.*'NOR'"),
        (lambda: toy_dataset("blobs"), ValueError, "`name` must be one of.*'blobs'"),
    ],
)
def test_bad_arguments_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("name", TOY_DATASETS)
def test_toy_dataset_knows_every_listed_name(name):
    X, y = toy_dataset(name)
    assert X.shape[1] == 2 and len(X) == len(y)
    assert set(np.unique(y).tolist()) == {0, 1}


def test_toy_dataset_passes_seed_and_options_on():
    X, y = toy_dataset("MOONS", seed=5, n_samples=50, noise=0.2)
    X2, y2 = moons(n_samples=50, noise=0.2, seed=5)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    gate, _ = toy_dataset("xor", seed=9)
    np.testing.assert_array_equal(gate, logic_gate("XOR")[0])
