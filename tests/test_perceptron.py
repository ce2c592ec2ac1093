"""Tests for helpers.perceptron: the reference perceptron and its plots."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import perceptron as pc
from helpers.data import logic_gate, two_clouds

BOX = ((-0.5, 1.5), (-0.5, 1.5))


# The perceptron


def test_weighted_sum_of_one_point_is_one_number():
    z = pc.weighted_sum([2.0, -1.0], [0.5, 1.5], 0.25)
    assert np.ndim(z) == 0
    assert z == pytest.approx(-0.25)


def test_weighted_sum_of_a_batch_is_one_number_a_point():
    X, _ = logic_gate("AND")
    z = pc.weighted_sum(X, [0.5, 1.5], -1.0)
    np.testing.assert_allclose(z, [-1.0, 0.5, -0.5, 1.0])


def test_weighted_sum_names_the_argument_whose_shape_is_wrong():
    with pytest.raises(ValueError, match=r"`weights` must have shape \(2,\)"):
        pc.weighted_sum([[1.0, 2.0]], [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="`x` must have shape"):
        pc.weighted_sum(np.zeros((2, 2, 2)), [1.0, 2.0], 0.0)
    with pytest.raises(TypeError, match="`bias` must be a number"):
        pc.weighted_sum([1.0, 2.0], [1.0, 2.0], "b")
    with pytest.raises(TypeError, match="`x` must be numbers"):
        pc.weighted_sum(["a", "b"], [1.0, 2.0], 0.0)


def test_predict_gives_one_on_the_line_and_whole_numbers():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    out = pc.predict(X, [1.0, 1.0], -1.0)
    assert out.tolist() == [0, 1, 1]
    assert out.dtype == np.int64
    assert int(pc.predict([1.0, 0.0], [1.0, 1.0], -1.0)) == 1


@pytest.mark.parametrize(
    ("gate", "weights", "bias"),
    [("AND", (1.0, 1.0), -1.5), ("OR", (1.0, 1.0), -0.5), ("NAND", (-1, -1), 1.5)],
)
def test_known_weights_compute_the_gates(gate, weights, bias):
    X, y = logic_gate(gate)
    assert pc.predict(X, weights, bias).tolist() == y.tolist()


def test_update_leaves_a_right_answer_alone():
    w, b = pc.update([1.0, 1.0], 1, [1.0, 1.0], 0.0, 0.5)
    assert w.tolist() == [1.0, 1.0] and b == 0.0


def test_update_moves_towards_a_missed_one_and_away_from_a_false_one():
    x = np.array([1.0, 2.0])
    weights = np.array([-0.5, 0.25])
    w, b = pc.update(x, 1, weights, -0.5, 0.1)
    np.testing.assert_allclose(w, [-0.4, 0.45])
    assert b == pytest.approx(-0.4)
    assert pc.weighted_sum(x, w, b) > pc.weighted_sum(x, weights, -0.5)
    w, b = pc.update([2.0, -1.0], 0, [0.5, 0.5], 0.0, 0.5)
    np.testing.assert_allclose(w, [-0.5, 1.0])
    assert b == pytest.approx(-0.5)


def test_update_does_not_change_its_inputs():
    weights = np.array([0.0, 0.0])
    x = np.array([1.0, 1.0])
    pc.update(x, 0, weights, 0.0, 1.0)
    assert weights.tolist() == [0.0, 0.0] and x.tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": 2}, "`target` must be 0 or 1"),
        ({"learning_rate": 0.0}, "`learning_rate` must be greater than 0"),
        ({"learning_rate": float("nan")}, "`learning_rate` must be a finite"),
        ({"x": [[1.0, 1.0]]}, "`x` must be one point"),
    ],
)
def test_update_rejects_bad_arguments(kwargs, message):
    arguments = {
        "x": [1.0, 1.0],
        "target": 1,
        "weights": [0.0, 0.0],
        "bias": 0.0,
        "learning_rate": 1.0,
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        pc.update(**arguments)


def test_train_epoch_is_update_applied_point_after_point():
    X, y = two_clouds(12, seed=3)
    w, b = np.array([0.3, -0.8]), 0.2
    want_w, want_b, want_mistakes = w, b, 0
    for x, target in zip(X, y):
        if pc.predict(x, want_w, want_b) != target:
            want_mistakes += 1
        want_w, want_b = pc.update(x, target, want_w, want_b, 0.3)
    got_w, got_b, mistakes = pc.train_epoch(X, y, w, b, 0.3)
    np.testing.assert_allclose(got_w, want_w)
    assert got_b == pytest.approx(want_b)
    assert mistakes == want_mistakes > 0


def test_train_epoch_follows_the_given_order():
    X, y = logic_gate("AND")
    forward = pc.train_epoch(X, y, [0.3, -0.6], 0.1, 0.5)
    backward = pc.train_epoch(X, y, [0.3, -0.6], 0.1, 0.5, order=[3, 2, 1, 0])
    assert not np.allclose(forward[0], backward[0])


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
@pytest.mark.parametrize("learning_rate", [0.01, 0.1, 1.0])
def test_training_solves_the_separable_gates(gate, learning_rate):
    history = pc.train(*logic_gate(gate), learning_rate=learning_rate, epochs=200)
    assert history.converged
    assert history.errors[-1] == 0
    X, y = logic_gate(gate)
    assert pc.predict(X, *history.at(history.epochs)).tolist() == y.tolist()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("learning_rate", [0.01, 0.1, 1.0])
def test_training_never_solves_xor(seed, learning_rate):
    history = pc.train(
        *logic_gate("XOR"), learning_rate=learning_rate, epochs=100, seed=seed
    )
    assert not history.converged
    assert history.converged_epoch is None
    assert history.errors.min() >= 1
    assert history.mistakes[1:].min() >= 1


def test_history_has_one_row_an_epoch_and_matches_its_errors():
    X, y = two_clouds(40)
    history = pc.train(X, y, learning_rate=0.1, epochs=12)
    assert history.weights.shape == (13, 2)
    assert history.bias.shape == history.errors.shape == (13,)
    assert history.mistakes[0] == 0
    for epoch in range(13):
        wrong = np.sum(pc.predict(X, *history.at(epoch)) != y)
        assert history.errors[epoch] == wrong


def test_weights_stop_moving_once_every_point_is_right():
    history = pc.train(*logic_gate("OR"), learning_rate=0.5, epochs=30)
    done = history.converged_epoch
    assert done is not None
    assert np.all(history.weights[done:] == history.weights[done])
    assert np.all(history.mistakes[done + 1 :] == 0)


def test_training_is_repeatable_by_seed_and_varies_with_it():
    X, y = two_clouds(30)
    first = pc.train(X, y, epochs=5, seed=7)
    again = pc.train(X, y, epochs=5, seed=7)
    other = pc.train(X, y, epochs=5, seed=8)
    np.testing.assert_array_equal(first.weights, again.weights)
    assert not np.array_equal(first.weights[0], other.weights[0])


def test_training_starts_from_given_weights():
    history = pc.train(*logic_gate("OR"), weights=[0.0, 0.0], bias=0.0, epochs=3)
    assert history.weights[0].tolist() == [0.0, 0.0]


@pytest.mark.parametrize("epochs", [0, -1, 2.5, True])
def test_training_needs_a_whole_number_of_epochs(epochs):
    with pytest.raises(ValueError, match="`epochs` must be a whole number"):
        pc.train(*logic_gate("OR"), epochs=epochs)


def test_training_needs_classes_zero_and_one():
    X, _ = logic_gate("OR")
    with pytest.raises(ValueError, match="`y` must hold only the classes 0 and 1"):
        pc.train(X, [0, 1, 2, 1])


def test_history_at_names_the_range():
    history = pc.train(*logic_gate("OR"), epochs=3)
    with pytest.raises(ValueError, match="from 0 to 3"):
        history.at(4)


def test_truth_table_lists_sums_outputs_and_verdicts():
    table = pc.truth_table(*logic_gate("AND"), [1.0, 1.0], -1.0)
    assert table["sum z"].tolist() == [-1.0, 0.0, 0.0, 1.0]
    assert table["output ŷ"].tolist() == [0, 1, 1, 1]
    assert table["right?"].tolist() == ["yes", "NO", "NO", "yes"]


# Geometry


def test_decision_line_crosses_the_box_where_the_sum_is_zero():
    line = pc.decision_line([1.0, 1.0], -1.0, *BOX)
    np.testing.assert_allclose(line, [[-0.5, 1.5], [1.5, -0.5]])


def test_decision_line_is_vertical_when_the_second_weight_is_zero():
    line = pc.decision_line([2.0, 0.0], -1.0, *BOX)
    np.testing.assert_allclose(line[:, 0], [0.5, 0.5])
    np.testing.assert_allclose(sorted(line[:, 1]), [-0.5, 1.5])


def test_decision_line_is_horizontal_when_the_first_weight_is_zero():
    line = pc.decision_line([0.0, -1.0], 0.25, *BOX)
    np.testing.assert_allclose(line[:, 1], [0.25, 0.25])


def test_there_is_no_line_without_weights_or_outside_the_box():
    assert pc.decision_line([0.0, 0.0], 1.0, *BOX) is None
    assert pc.decision_line([1.0, 1.0], 10.0, *BOX) is None


def test_a_line_through_a_corner_only_is_no_line():
    assert pc.decision_line([1.0, 1.0], 1.0, *BOX) is None


def test_decision_line_rejects_a_bad_box():
    with pytest.raises(ValueError, match="`xlim` must have low < high"):
        pc.decision_line([1.0, 1.0], 0.0, (1.0, 0.0), (0.0, 1.0))


def test_clipped_ends_lie_on_the_line_and_inside_the_box():
    rng = np.random.default_rng(0)
    for _ in range(300):
        w = rng.normal(size=2) * rng.choice([0.0, 1.0], size=2, p=[0.15, 0.85])
        b = rng.normal()
        line = pc.decision_line(w, b, *BOX)
        if line is None:
            continue
        np.testing.assert_allclose(line @ w + b, 0.0, atol=1e-9)
        assert np.all((line >= -0.5 - 1e-12) & (line <= 1.5 + 1e-12))
        assert np.linalg.norm(line[1] - line[0]) > 0


@pytest.mark.parametrize(
    ("weights", "bias"), [((1.0, 1.0), -1.0), ((2.0, -0.5), 0.3), ((0.0, 1.0), -0.5)]
)
def test_weight_arrow_is_perpendicular_and_points_to_the_ones(weights, bias):
    line = pc.decision_line(weights, bias, *BOX)
    start, end = pc.weight_arrow(weights, bias, *BOX)
    along = line[1] - line[0]
    arrow = end - start
    assert abs(np.dot(along, arrow)) < 1e-9 * np.linalg.norm(along)
    assert pc.weighted_sum(start, weights, bias) == pytest.approx(0.0, abs=1e-9)
    assert pc.predict(end, weights, bias) == 1
    assert np.linalg.norm(arrow) == pytest.approx(0.22 * 2.0)


def test_weight_arrow_needs_a_visible_line():
    assert pc.weight_arrow([0.0, 0.0], 1.0, *BOX) is None


def test_perceptron_view_counts_the_wrong_points():
    X, y = logic_gate("AND")
    view = pc.perceptron_view(X, y, [1.0, 1.0], -1.0, *BOX)
    assert view.wrong.tolist() == [1, 2]
    assert view.n_wrong == 2 and view.n_points == 4
    assert view.predictions.tolist() == [0, 1, 1, 1]


@pytest.mark.parametrize(
    ("weights", "bias", "expected"),
    [
        ((1.0, 1.0), -1.5, ["AND: all 4 points right", "w₁ = 1, w₂ = 1, b = −1.5"]),
        ((1.0, 1.0), -1.0, ["AND: 2 of 4 points wrong"]),
        (
            (0.0, 0.0),
            -1.0,
            ["Both weights are 0: no line, all points get 0"],
        ),
        (
            (1.0, 1.0),
            5.0,
            ["The line is out of view: all points get 1"],
        ),
    ],
)
def test_describe_view_states_the_live_numbers(weights, bias, expected):
    X, y = logic_gate("AND")
    view = pc.perceptron_view(X, y, weights, bias, *BOX)
    lines = pc.describe_view(view, "AND").splitlines()
    for text in expected:
        assert text in lines


# Plots


def test_plot_perceptron_draws_what_the_view_computes():
    X, y = logic_gate("AND")
    drawn = pc.plot_perceptron(X, y, [1.0, 1.0], -1.0, name="AND")
    ax = drawn["ax"]
    np.testing.assert_allclose(ax.get_xlim(), BOX[0])
    line = pc.decision_line([1.0, 1.0], -1.0, ax.get_xlim(), ax.get_ylim())
    np.testing.assert_allclose(drawn["line"].get_xydata(), line)
    np.testing.assert_allclose(drawn["wrong"].get_offsets(), X[[1, 2]])
    assert drawn["title"].get_text().startswith("AND: 2 of 4 points wrong")
    regions = drawn["regions"].get_array()
    want = pc.predict(drawn["grid"], [1.0, 1.0], -1.0).reshape(regions.shape)
    np.testing.assert_array_equal(regions, want)
    assert drawn["arrow"].get_visible()
    assert ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in drawn["legend"].get_texts()]
    assert labels == [
        "should be 0",
        "should be 1",
        "wrong",
        "decision line",
        "says 0",
        "says 1",
    ]
    assert ax.get_xticks().tolist() == [0.0, 1.0]


def test_update_moves_the_same_artists_in_place():
    X, y = logic_gate("OR")
    drawn = pc.plot_perceptron(X, y, [1.0, 1.0], -0.5)
    line, image, arrow = drawn["line"], drawn["regions"], drawn["arrow"]
    view = pc.update_perceptron_plot(drawn, [0.0, 0.0], 0.5)
    assert view.n_wrong == 1
    assert drawn["line"] is line and drawn["regions"] is image
    assert len(line.get_xdata()) == 0
    assert not arrow.get_visible()
    assert np.all(image.get_array() == 1)
    assert "no line" in drawn["title"].get_text()
    assert len(drawn["ax"].lines) == 1


def test_update_with_new_data_moves_points_limits_and_ticks():
    X, y = logic_gate("AND")
    drawn = pc.plot_perceptron(X, y, [1.0, 1.0], -1.5, name="AND")
    clouds, classes = two_clouds(20)
    pc.update_perceptron_plot(drawn, [1.0, 1.0], 0.0, X=clouds, y=classes, name="c")
    ax = drawn["ax"]
    assert ax.get_xlim()[0] == pytest.approx(clouds[:, 0].min() - 0.5)
    np.testing.assert_allclose(drawn["points"][1].get_offsets(), clouds[classes == 1])
    assert drawn["title"].get_text().startswith("c: all 20 points right")
    assert drawn["grid"].min(axis=0)[0] == pytest.approx(ax.get_xlim()[0])
    assert len(ax.get_xticks()) > 2


def test_update_needs_both_x_and_y():
    drawn = pc.plot_perceptron(*logic_gate("AND"), [1.0, 1.0], -1.5)
    with pytest.raises(ValueError, match="both `X` and `y`"):
        pc.update_perceptron_plot(drawn, [1.0, 1.0], 0.0, X=np.zeros((3, 2)))


def test_plot_perceptron_legend_below_goes_on_the_figure():
    fig, ax = plt.subplots()
    drawn = pc.plot_perceptron(*logic_gate("OR"), [1, 1], -0.5, ax, legend="below")
    assert drawn["legend"] in fig.legends
    assert ax.get_legend() is None
    with pytest.raises(ValueError, match="`legend` must be"):
        pc.plot_perceptron(*logic_gate("OR"), [1, 1], -0.5, legend="left")


def test_error_curve_grows_up_to_the_chosen_epoch():
    drawn = pc.plot_error_curve([4, 2, 1, 0, 0], upto=2)
    assert drawn["curve"].get_ydata().tolist() == [4, 2, 1]
    assert list(drawn["current"].get_xdata()) == [2]
    assert drawn["ax"].get_xlim()[1] == pytest.approx(4.5)
    assert "epoch 2: 1 wrong" in drawn["title"].get_text()
    pc.update_error_curve(drawn, [4, 2, 1, 0, 0])
    assert len(drawn["curve"].get_xdata()) == 5
    with pytest.raises(ValueError, match="`upto` must be from 0 to 4"):
        pc.update_error_curve(drawn, [4, 2, 1, 0, 0], upto=5)


def test_step_function_plot_marks_the_convention():
    drawn = pc.plot_step_function()
    open_end, closed_end = drawn["ends"]
    assert closed_end.get_ydata().tolist() == [1]
    assert open_end.get_markerfacecolor() == "white"
    assert "z \\geq 0" in drawn["ax"].get_title()


def test_neuron_diagram_shows_the_sum_and_output():
    drawn = pc.plot_neuron([1.0, 0.0], [0.5, 0.5], -0.7)
    assert drawn["sum"] == pytest.approx(-0.2)
    assert drawn["output"] == 0
    assert any("−0.2" in t.get_text() for t in drawn["texts"])
    with pytest.raises(ValueError, match=r"`x` must have shape \(2,\)"):
        pc.plot_neuron([1.0, 0.0, 1.0], [0.5, 0.5], -0.7)


def test_the_arrow_label_stays_inside_the_view():
    X, y = logic_gate("XOR")
    drawn = pc.plot_perceptron(X, y, [0.17, -0.36], -0.1)
    x, y_text = drawn["arrow_label"].get_position()
    (x_low, x_high), (y_low, y_high) = drawn["ax"].get_xlim(), drawn["ax"].get_ylim()
    assert x_low < x < x_high and y_low < y_text < y_high


def test_a_perceptron_plot_needs_two_inputs_and_both_classes():
    X, _ = logic_gate("AND")
    with pytest.raises(ValueError, match="`y` must hold both classes"):
        pc.plot_perceptron(X, [1, 1, 1, 1], [1.0, 1.0], 0.0)
    with pytest.raises(ValueError, match=r"`X` must have shape \(n_samples, 2\)"):
        pc.plot_perceptron(np.zeros((4, 3)), [0, 1, 0, 1], [1.0, 1.0], 0.0)
