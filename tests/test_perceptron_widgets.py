"""Tests for helpers.perceptron_widgets, driven by setting control values."""

import ipywidgets as widgets
import numpy as np
import pytest

from helpers import perceptron as pc
from helpers.data import logic_gate
from helpers.perceptron_widgets import (
    DATASETS,
    load_dataset,
    perceptron_explorer,
    training_explorer,
)


def _instruction_text(box):
    htmls = [child for child in box.children if isinstance(child, widgets.HTML)]
    assert htmls, "a widget needs an instruction line"
    return htmls[0].value


# The explorer


def test_explorer_starts_with_the_numbers_it_shows():
    explorer = perceptron_explorer("AND", weights=(1.0, 1.0), bias=0.0)
    assert explorer.state.n_wrong == 3
    assert explorer.drawn["title"].get_text().startswith("AND gate: 3 of 4 points")
    assert explorer.view.redraws == 1
    assert "AND gate" in _instruction_text(explorer.widget)


def test_moving_the_sliders_moves_the_line_and_the_count():
    explorer = perceptron_explorer("AND", weights=(1.0, 1.0), bias=0.0)
    line = explorer.drawn["line"]
    explorer.bias.value = -1.5
    assert explorer.state.n_wrong == 0
    assert explorer.drawn["title"].get_text().startswith("AND gate: all 4 points")
    ax = explorer.drawn["ax"]
    expected = pc.decision_line((1.0, 1.0), -1.5, ax.get_xlim(), ax.get_ylim())
    np.testing.assert_allclose(line.get_xydata(), expected)
    explorer.w1.value = -1.0
    assert explorer.state.n_wrong == 1
    assert explorer.state.wrong.tolist() == [3]
    np.testing.assert_allclose(explorer.drawn["wrong"].get_offsets(), [[1.0, 1.0]])
    assert explorer.drawn["line"] is line
    assert explorer.view.redraws == 3


def test_or_can_be_solved_with_the_sliders():
    explorer = perceptron_explorer("AND")
    explorer.data.value = "OR"
    explorer.w1.value, explorer.w2.value, explorer.bias.value = 1.0, 1.0, -0.5
    assert explorer.state.n_wrong == 0
    assert "OR gate" in explorer.drawn["title"].get_text()


def test_a_zero_second_weight_draws_a_vertical_line():
    explorer = perceptron_explorer("AND", weights=(2.0, 0.0), bias=-1.0)
    xs = explorer.drawn["line"].get_xdata()
    np.testing.assert_allclose(xs, [0.5, 0.5])
    assert explorer.state.n_wrong == 1


def test_zero_weights_remove_the_line_and_say_so():
    explorer = perceptron_explorer("OR")
    explorer.w1.value = 0.0
    explorer.w2.value = 0.0
    assert len(explorer.drawn["line"].get_xdata()) == 0
    assert not explorer.drawn["arrow"].get_visible()
    assert "no line" in explorer.drawn["title"].get_text()
    assert explorer.state.n_wrong == 1


def test_choosing_other_data_moves_points_and_limits():
    explorer = perceptron_explorer("AND", weights=(1.0, 1.0), bias=0.0)
    explorer.data.value = "clouds"
    X, y = load_dataset("clouds")
    np.testing.assert_allclose(explorer.drawn["points"][0].get_offsets(), X[y == 0])
    assert explorer.drawn["ax"].get_xlim()[0] < -1.5
    assert explorer.state.n_points == len(X) == 40
    assert explorer.state.n_wrong == 0
    assert "two clouds" in explorer.drawn["title"].get_text()


def test_xor_keeps_at_least_one_point_wrong_whatever_the_sliders():
    explorer = perceptron_explorer("XOR")
    fewest = 4
    for w1 in (-2.0, -1.0, 1.0, 2.0):
        for w2 in (-2.0, -1.0, 1.0, 2.0):
            for bias in (-2.5, -1.5, -0.5, 0.5, 1.5):
                explorer.w1.value, explorer.w2.value = w1, w2
                explorer.bias.value = bias
                fewest = min(fewest, explorer.state.n_wrong)
    assert fewest == 1


def test_explorer_rejects_an_unknown_data_set():
    with pytest.raises(ValueError, match="`dataset` must be one of"):
        perceptron_explorer("moons")


def test_every_data_set_loads():
    for key in DATASETS:
        X, y = load_dataset(key)
        assert X.shape[1] == 2 and set(np.unique(y)) == {0, 1}


# The training explorer


@pytest.mark.parametrize(
    ("control", "value"),
    [("w1", -2.0), ("w2", 2.5), ("bias", 1.2), ("data", "clouds"), ("data", "XOR")],
)
def test_explorer_redraw_shows_what_a_full_draw_shows(control, value, blit_mismatch):
    explorer = perceptron_explorer("AND", weights=(1.0, -0.5), bias=-0.3)
    before = explorer.view.png
    getattr(explorer, control).value = value
    assert explorer.view.png != before
    assert blit_mismatch(explorer.view) == 0.0


def test_explorer_redraw_needs_every_moving_artist(blit_mismatch):
    explorer = perceptron_explorer("clouds", weights=(1.0, 1.0), bias=0.0)
    explorer.view.dynamic.remove(explorer.drawn["regions"])
    explorer.drawn["regions"].set_animated(False)
    explorer.bias.value = 2.0
    assert blit_mismatch(explorer.view) > 0.01


def test_training_on_or_converges_and_the_plot_follows_the_epoch():
    trainer = training_explorer("OR", learning_rate=0.1, epochs=30)
    assert trainer.history.converged
    assert trainer.state.n_wrong == trainer.history.errors[0] > 0
    trainer.epoch.value = trainer.epoch.max
    assert trainer.state.n_wrong == 0
    weights, bias = trainer.history.at(30)
    np.testing.assert_allclose(trainer.state.weights, weights)
    assert trainer.state.bias == pytest.approx(bias)
    assert "epoch 30: all 4 points right" in trainer.drawn["title"].get_text()
    assert "all right from epoch" in trainer.curve["title"].get_text()


def test_training_on_xor_never_converges():
    trainer = training_explorer("XOR", learning_rate=0.1, epochs=30)
    assert not trainer.history.converged
    for epoch in range(31):
        trainer.epoch.value = epoch
        assert trainer.state.n_wrong >= 1
    assert "never 0 in 30 epochs" in trainer.curve["title"].get_text()


def test_the_epoch_slider_only_redraws_the_stored_history():
    trainer = training_explorer("OR")
    history = trainer.history
    redraws = trainer.view.redraws
    trainer.epoch.value = 3
    assert trainer.history is history
    assert trainer.view.redraws == redraws + 1
    assert list(trainer.curve["curve"].get_xdata()) == [0, 1, 2, 3]
    np.testing.assert_array_equal(
        trainer.curve["curve"].get_ydata(), history.errors[:4]
    )
    np.testing.assert_allclose(
        trainer.drawn["wrong"].get_offsets(),
        trainer.X[trainer.state.wrong].reshape(-1, 2),
    )


def test_the_play_button_moves_the_epoch():
    trainer = training_explorer("OR")
    trainer.play.value = 5
    assert trainer.epoch.value == 5
    assert "epoch 5" in trainer.drawn["title"].get_text()


def test_a_new_learning_rate_trains_again():
    trainer = training_explorer("clouds", learning_rate=0.1)
    before = trainer.history
    trainer.learning_rate.value = 1.0
    assert trainer.history is not before
    assert trainer.history.learning_rate == pytest.approx(1.0)
    np.testing.assert_array_equal(trainer.history.weights[0], before.weights[0])


def test_new_data_trains_on_it():
    trainer = training_explorer("OR")
    trainer.epoch.value = 10
    trainer.data.value = "XOR"
    X, y = logic_gate("XOR")
    np.testing.assert_array_equal(trainer.y, y)
    assert not trainer.history.converged
    assert trainer.epoch.value == 10
    assert "XOR gate, epoch 10" in trainer.drawn["title"].get_text()


@pytest.mark.parametrize(
    ("control", "value"),
    [("epoch", 7), ("learning_rate", 1.0), ("learning_rate", 0.01), ("data", "XOR")],
)
def test_training_redraw_shows_what_a_full_draw_shows(control, value, blit_mismatch):
    trainer = training_explorer("clouds", epochs=12)
    trainer.epoch.value = 3
    before = trainer.view.png
    getattr(trainer, control).value = value
    assert trainer.view.png != before
    assert blit_mismatch(trainer.view) == 0.0


def test_training_explorer_instruction_and_arguments():
    trainer = training_explorer("OR")
    assert "XOR gate" in _instruction_text(trainer.widget)
    with pytest.raises(ValueError, match="`epochs` must be a whole number"):
        training_explorer("OR", epochs=0)
    with pytest.raises(ValueError, match="`learning_rate` must be from 0.01 to 1"):
        training_explorer("OR", learning_rate=5.0)


def test_widget_figures_keep_their_size_when_saved_tight():
    from io import BytesIO

    from PIL import Image

    explorer = perceptron_explorer("AND")
    trainer = training_explorer("OR")
    for figure in (explorer.figure, trainer.figure):
        buffer = BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        width, height = Image.open(buffer).size
        assert (width, height) == tuple(round(v) for v in figure.bbox.size)
        assert 500 <= width <= 850 and 350 <= height <= 450


def test_slider_steps_keep_the_starting_numbers():
    explorer = perceptron_explorer("AND", weights=(0.75, -0.5), bias=-0.25)
    for slider, value in (
        (explorer.w1, 0.75),
        (explorer.w2, -0.5),
        (explorer.bias, -0.25),
    ):
        steps = (value - slider.min) / slider.step
        assert steps == pytest.approx(round(steps)), slider.description


def test_the_curve_title_tells_no_more_than_the_epoch_shown():
    trainer = training_explorer("XOR", epochs=30)
    trainer.epoch.value = 5
    assert "wrong after epoch 5" in trainer.curve["title"].get_text()
    trainer.epoch.value = 30
    assert "never 0 in 30 epochs" in trainer.curve["title"].get_text()


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"weights": None}, TypeError, "`weights` must be numbers"),
        ({"weights": (1.0, 2.0, 3.0)}, ValueError, r"`weights` must have shape \(2,\)"),
        ({"bias": "a"}, TypeError, "`bias` must be a number"),
        ({"weights": (10.0, 1.0)}, ValueError, "between -3 and 3"),
        ({"bias": -4.0}, ValueError, "`bias` must be between -3 and 3"),
    ],
)
def test_perceptron_explorer_names_a_bad_starting_value(options, error, match):
    with pytest.raises(error, match=match):
        perceptron_explorer("AND", **options)
