"""Tests for helpers.descent: surfaces, the path simulator and its plots."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.descent import (
    SURFACES,
    describe_run,
    get_surface,
    gradient_descent,
    learning_rate_at,
    line_data,
    line_loss,
    line_surface,
    loss_grid,
    minibatch_descent,
    plot_contours,
    plot_loss_curve,
    plot_path,
    update_path,
)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_surface_gradients_match_finite_differences(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    eps = 1e-6
    for _ in range(5):
        point = np.array([rng.uniform(low, high) for low, high in surface.bounds])
        grad = surface.gradient(point)
        for k in range(surface.dimension):
            step = np.zeros(surface.dimension)
            step[k] = eps
            slope = (surface.loss(point + step) - surface.loss(point - step)) / (
                2 * eps
            )
            assert grad[k] == pytest.approx(slope, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_surface_minima_have_zero_gradient_and_are_sorted(name):
    surface = SURFACES[name]
    for point in surface.minima:
        np.testing.assert_allclose(surface.gradient(point), 0, atol=1e-6)
    assert np.all(np.diff(surface.minimum_losses) >= 0)
    assert len(surface.minimum_names) == len(surface.minima)


def test_hills_has_three_separate_minima():
    minima = SURFACES["hills"].minima
    distances = np.linalg.norm(minima[:, None] - minima[None], axis=2)
    assert len(minima) == 3
    assert distances[np.triu_indices(3, 1)].min() > 1


def test_plain_step_on_the_parabola():
    path = gradient_descent("parabola", start=-2.0, learning_rate=0.1, steps=2)
    # w <- w - 0.1 * 2 (w - 2): -2 -> -1.2 -> -0.56
    np.testing.assert_allclose(path.points[:, 0], [-2.0, -1.2, -0.56])
    np.testing.assert_allclose(path.losses, (path.points[:, 0] - 2) ** 2)
    assert path.learning_rates.tolist() == [0.1, 0.1]


@pytest.mark.parametrize(
    ("surface", "rate", "verdict"),
    [
        ("parabola", 0.005, "slow"),
        ("parabola", 0.1, "converged"),
        ("parabola", 0.9, "zigzag"),
        ("parabola", 1.01, "growing"),
        ("parabola", 1.5, "diverged"),
        ("bowl", 0.002, "slow"),
        ("bowl", 0.08, "converged"),
        ("bowl", 0.19, "zigzag"),
        ("bowl", 0.3, "diverged"),
    ],
)
def test_the_three_regimes_are_told_apart(surface, rate, verdict):
    path = gradient_descent(surface, None, rate, 40)
    summary = describe_run(path, surface)
    assert summary.verdict == verdict, summary.message


def test_divergence_stops_early_with_finite_numbers_and_says_so():
    path = gradient_descent("parabola", -2.0, learning_rate=2.0, steps=1000)
    assert path.diverged
    assert path.steps_taken == path.diverged_at - 1 < 20
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.losses))
    message = describe_run(path, "parabola").message
    assert message == (
        f"diverged after {path.diverged_at} steps: the learning rate is too large"
    )


def test_diverging_on_huge_rates_never_warns(recwarn):
    path = gradient_descent("bowl", None, learning_rate=1e6, steps=50)
    assert path.diverged_at == 1
    assert len(recwarn) == 0


def test_momentum_carries_the_ball_into_the_deepest_valley():
    plain = gradient_descent("hills", (-3.0, 2.0), 1.0, 120)
    rolling = gradient_descent("hills", (-3.0, 2.0), 1.0, 120, momentum=0.9)
    assert describe_run(plain, "hills").minimum == 1
    assert describe_run(rolling, "hills").minimum == 0
    assert "deepest" in describe_run(rolling, "hills").message


def test_start_decides_which_minimum_is_found():
    found = {
        describe_run(gradient_descent("hills", start, 0.3, 150), "hills").minimum
        for start in [(3.0, 3.0), (-3.0, -2.0), (1.0, -3.5)]
    }
    assert found == {0, 1, 2}


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("constant", [1.0, 1.0, 1.0, 1.0]),
        ("step", [1.0, 1.0, 0.5, 0.5]),
        ("exponential", [1.0, 0.5**0.5, 0.5, 0.5**1.5]),
    ],
)
def test_learning_rate_schedules(schedule, expected):
    rates = [learning_rate_at(s, 1.0, schedule, decay_every=2) for s in range(4)]
    np.testing.assert_allclose(rates, expected)


def test_decay_settles_noisy_descent_where_a_constant_rate_jitters():
    kwargs = {"learning_rate": 0.15, "steps": 80, "gradient_noise": 3.0}
    constant = gradient_descent("bowl", **kwargs)
    decayed = gradient_descent("bowl", schedule="step", **kwargs)
    assert decayed.losses[-10:].mean() < 0.2 * constant.losses[-10:].mean()
    assert describe_run(
        gradient_descent("bowl", None, 0.05, 60, schedule="step", decay_every=2),
        "bowl",
    ).message.endswith("the learning rate decayed too soon")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"learning_rate": 0}, ValueError, "`learning_rate`"),
        ({"learning_rate": "fast"}, TypeError, "`learning_rate`"),
        ({"steps": -1}, ValueError, "`steps`"),
        ({"steps": 2.5}, ValueError, "`steps`"),
        ({"momentum": 1.0}, ValueError, "`momentum`"),
        ({"start": (1.0,)}, ValueError, "`start`"),
        ({"schedule": "cosine"}, ValueError, "`schedule`"),
        ({"decay_rate": 0}, ValueError, "`decay_rate`"),
    ],
)
def test_gradient_descent_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        gradient_descent("bowl", **kwargs)


def test_unknown_surface_is_named():
    with pytest.raises(ValueError, match="`surface` must be one of"):
        get_surface("saddle")


def test_minibatch_descent_counts_examples_and_full_batch_is_smooth():
    x, y = line_data(100, seed=1)
    path = minibatch_descent(x, y, batch_size=30, learning_rate=0.1, epochs=2)
    # 100 examples in batches of 30: 4 steps an epoch (30, 30, 30, 10).
    assert path.steps_taken == 8
    assert path.examples_seen.tolist() == [0, 30, 60, 90, 100, 130, 160, 190, 200]
    full = minibatch_descent(x, y, batch_size=100, learning_rate=0.1, epochs=20)
    assert np.all(np.diff(full.losses) < 0)
    np.testing.assert_allclose(full.losses, line_loss(full.points, x, y))


def test_small_batches_reach_a_low_loss_with_fewer_examples():
    x, y = line_data(200)
    best = float(line_surface(x, y).minimum_losses[0])
    sgd = minibatch_descent(x, y, batch_size=10, learning_rate=0.1, epochs=3)
    full = minibatch_descent(x, y, batch_size=200, learning_rate=0.1, epochs=3)
    assert sgd.losses[-1] < 1.2 * best < full.losses[-1]


def test_minibatch_descent_diverges_cleanly():
    x, y = line_data(50)
    path = minibatch_descent(x, y, batch_size=50, learning_rate=5.0, epochs=50)
    assert path.diverged and np.all(np.isfinite(path.losses))
    with pytest.raises(ValueError, match="`batch_size`"):
        minibatch_descent(x, y, batch_size=51)


def test_line_surface_minimum_is_least_squares():
    x, y = line_data(80, slope=-1.0, intercept=3.0, noise=0.0)
    surface = line_surface(x, y)
    np.testing.assert_allclose(surface.minima[0], [-1.0, 3.0], atol=1e-9)
    np.testing.assert_allclose(surface.gradient(surface.minima[0]), 0, atol=1e-9)


def test_plots_label_axes_and_keep_limits_when_a_path_leaves():
    fig, (left, right) = plt.subplots(1, 2)
    plot_loss_curve("parabola", left)
    assert left.get_xlabel() and left.get_ylabel()
    drawn = plot_contours("bowl", right)
    assert right.get_xlabel() and right.get_ylabel()
    limits = (right.get_xlim(), right.get_ylim())
    path = gradient_descent("bowl", None, 0.3, 30)
    lines = plot_path(path, right)
    assert (right.get_xlim(), right.get_ylim()) == limits
    # Every step taken, and the one that left the escape box.
    assert len(lines["line"].get_xdata()) == path.steps_taken + 2
    assert lines["line"].get_ydata()[-1] == path.escaped[1]
    assert len(drawn["minima"].get_xdata()) == 1


def test_update_path_moves_the_artists():
    path = gradient_descent("parabola", -2.0, 0.1, 5)
    drawn = plot_path(path)
    other = gradient_descent("parabola", 6.0, 0.3, 8)
    update_path(drawn, other)
    x, y = drawn["line"].get_data()
    np.testing.assert_allclose(x, other.points[:, 0])
    np.testing.assert_allclose(y, other.losses)
    assert drawn["end"].get_data()[0][0] == pytest.approx(other.points[-1, 0])


def test_loss_grid_needs_two_dimensions():
    w1, w2, losses = loss_grid("bowl", 7)
    assert losses.shape == (7, 7)
    with pytest.raises(ValueError, match="2-D"):
        loss_grid("parabola")
