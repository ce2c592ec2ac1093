"""Tests for helpers.mlp_widgets: the pure parts, the plots, and the
explorers driven headlessly by setting `.value` on their controls."""

from types import SimpleNamespace

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import mlp_widgets as mw
from helpers.activations import ACTIVATIONS
from helpers.mlp import forward


def _title(ax):
    return ax.get_title()


def _instruction_of(explorer):
    first = explorer.widget.children[0]
    assert isinstance(first, widgets.HTML)
    return first.value


def _assert_moves_blit_as_a_full_draw(explorer, moves, blit_mismatch):
    """Make each move in turn; after each, the picture shown has changed and
    is what a full draw of the figure gives.

    The still bitmap is made before each move, so a move that changes a
    still part without invalidating it shows the old bitmap and fails. No
    pixel may be wrong, a tighter bound than the 0.001 ``blit_mismatch`` is
    usually held to: a right blit of these figures matches a full draw
    exactly, while some artists left out of the redraw (the spines under a
    unit line, the points under faint lines, one label) get only 5 to 200
    pixels wrong, under 0.001 of the picture.
    """
    for control, value in moves:
        explorer.view.redraw()
        before = explorer.view.png
        control.value = value
        what = f"{control.description} = {value!r}"
        assert explorer.view.png != before, what
        assert blit_mismatch(explorer.view) == 0.0, what


# 1. The activation explorer


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_neuron_response_slope_is_the_slope_of_the_output(name):
    x = np.linspace(-4, 4, 801)
    r = mw.neuron_response(name, weight=1.7, bias=-0.6, x=x)
    numeric = np.gradient(r["output"], x)
    smooth = np.abs(1.7 * x - 0.6) > 0.05  # away from kinks and jumps
    np.testing.assert_allclose(r["slope"][smooth], numeric[smooth], atol=2e-3)
    assert r["centre"] == pytest.approx(0.6 / 1.7)


def test_neuron_response_weight_zero_is_flat_with_no_centre():
    r = mw.neuron_response("tanh", weight=0.0, bias=0.5)
    assert r["centre"] is None
    np.testing.assert_allclose(r["output"], np.tanh(0.5))
    assert not r["slope"].any()


def test_neuron_response_rejects_bad_input():
    with pytest.raises(ValueError, match="`activation`"):
        mw.neuron_response("swish")
    with pytest.raises(ValueError, match="`activation`"):
        mw.neuron_response("softmax")
    with pytest.raises(TypeError, match="`weight` must be a number"):
        mw.neuron_response("relu", weight="2")
    with pytest.raises(ValueError, match="`bias` must be a finite"):
        mw.neuron_response("relu", bias=np.inf)


def test_activation_explorer_sliders_move_the_curves_and_titles():
    explorer = mw.activation_explorer("sigmoid")
    assert "**" not in _instruction_of(explorer)
    out, slope = explorer.drawn["output"], explorer.drawn["slope"]
    before = out.get_ydata().copy()
    redraws = explorer.view.redraws
    explorer.weight.value = 2.0
    explorer.bias.value = 1.0
    assert explorer.view.redraws == redraws + 2
    x = out.get_xdata()
    np.testing.assert_allclose(out.get_ydata(), 1 / (1 + np.exp(-(2 * x + 1))))
    assert not np.allclose(out.get_ydata(), before)
    assert max(slope.get_ydata()) == pytest.approx(0.5, abs=1e-3)
    left, right = explorer.drawn["axes"]
    assert "sigmoid(2.0·x + 1.0)" in _title(left)
    assert "centre at x = -0.50" in _title(left)
    assert "steepest 0.50" in _title(right)
    assert explorer.drawn["centre_lines"][0].get_xdata()[0] == pytest.approx(-0.5)


def test_activation_explorer_menu_changes_the_reference_and_limits():
    explorer = mw.activation_explorer("sigmoid")
    reference = explorer.drawn["reference_output"]
    explorer.activation.value = "relu"
    x = reference.get_xdata()
    np.testing.assert_allclose(reference.get_ydata(), np.maximum(x, 0))
    assert explorer.drawn["axes"][0].get_ylim()[1] == pytest.approx(10.0)
    assert "kink at x = 0.00" in _title(explorer.drawn["axes"][0])
    explorer.activation.value = "step"
    assert not np.any(explorer.drawn["slope"].get_ydata())
    assert "0 everywhere" in _title(explorer.drawn["axes"][1])
    explorer.weight.value = 0.0
    assert not explorer.drawn["centre_lines"][0].get_visible()
    assert "w = 0" in _title(explorer.drawn["axes"][0])


def test_activation_explorer_blits_what_a_full_draw_shows(blit_mismatch):
    explorer = mw.activation_explorer("sigmoid")
    moves = [
        (explorer.weight, -2.0),  # the output runs under the legend
        (explorer.bias, 1.5),
        (explorer.activation, "relu"),  # new limits: the bitmap is redrawn
        (explorer.weight, 3.0),  # the curve leaves through the top spine
        (explorer.activation, "step"),
        (explorer.weight, 0.0),  # no centre line
        (explorer.activation, "identity"),
    ]
    _assert_moves_blit_as_a_full_draw(explorer, moves, blit_mismatch)


def test_activation_explorer_back_to_an_activation_blits_its_kept_bitmap(
    blit_mismatch,
):
    explorer = mw.activation_explorer("sigmoid")
    explorer.activation.value = "relu"
    explorer.weight.value = 2.5
    explorer.activation.value = "sigmoid"  # drawn before: its bitmap is kept
    assert "sigmoid" in _title(explorer.drawn["axes"][0])
    assert blit_mismatch(explorer.view) == 0.0


# 2. The XOR explorer


def test_hidden_line_points_lie_on_the_line():
    x1, x2 = mw.hidden_line([0.7, -1.3], 0.4)
    np.testing.assert_allclose(0.7 * x1 - 1.3 * x2 + 0.4, 0.0, atol=1e-12)
    assert np.hypot(x1[1] - x1[0], x2[1] - x2[0]) == pytest.approx(40.0)
    empty = mw.hidden_line([0.0, 0.0], 1.0)
    assert empty[0].size == 0 and empty[1].size == 0


def test_xor_view_of_the_hand_set_network():
    view = mw.xor_view(mw.xor_params(), resolution=21)
    assert view["correct"] == 4
    np.testing.assert_array_equal(view["predicted"], [0, 1, 1, 0])
    np.testing.assert_array_equal(view["hidden"], [[0, 0], [1, 0], [1, 0], [1, 1]])
    regions = view["regions"]
    assert regions.shape == (21, 21)
    # The grid spans -0.5 to 1.5 in steps of 0.1: (0, 1) is column 5, row 15.
    assert regions[15, 5] == 1 and regions[5, 5] == 0 and regions[15, 15] == 0


def test_xor_params_validates_shapes():
    with pytest.raises(ValueError, match="`hidden_weights` must have shape"):
        mw.xor_params(hidden_weights=np.ones((2, 3)))
    with pytest.raises(ValueError, match="`hidden_bias`"):
        mw.xor_params(hidden_bias=[1.0])


def test_xor_explorer_sliders_break_and_reset_mends():
    explorer = mw.xor_explorer()
    assert "4 of 4" in _title(explorer.drawn["axes"][0])
    image = explorer.drawn["regions"]
    before = np.array(image.get_array()).copy()
    explorer.sliders["b2"].value = -0.5  # h2 now copies h1 (OR)
    assert explorer.drawn["view"]["correct"] == 2
    assert "2 of 4" in _title(explorer.drawn["axes"][0])
    assert not np.array_equal(np.array(image.get_array()), before)
    np.testing.assert_array_equal(
        explorer.drawn["hidden_points"].get_offsets(),
        [[0, 0], [1, 1], [1, 1], [1, 1]],
    )
    assert explorer.drawn["labels"][1].xy == (1.0, 1.0)
    x1, x2 = explorer.drawn["lines"][1].get_data()
    np.testing.assert_allclose(x1 + x2 - 0.5, 0.0, atol=1e-12)
    redraws = explorer.view.redraws
    explorer.reset.click()
    assert explorer.view.redraws == redraws + 1
    assert explorer.sliders["b2"].value == -1.5
    assert "4 of 4" in _title(explorer.drawn["axes"][0])
    np.testing.assert_array_equal(np.array(image.get_array()), before)


def test_xor_explorer_blits_what_a_full_draw_shows(blit_mismatch):
    explorer = mw.xor_explorer()
    s = explorer.sliders
    moves = [
        (s["w11"], -1.0),  # h1's line crosses under the legend
        (s["w21"], 0.5),
        (s["b1"], -1.9),  # the points land elsewhere on the right
        (s["w12"], 2.0),
        (s["w22"], -0.4),
        (s["b2"], -0.5),
        (s["b1"], 0.3),  # (0, 0) and its label leave the corner
    ]
    _assert_moves_blit_as_a_full_draw(explorer, moves, blit_mismatch)
    explorer.view.redraw()
    before = explorer.view.png
    explorer.reset.click()
    assert explorer.view.png != before
    assert blit_mismatch(explorer.view) == 0.0


def test_xor_explorer_params_follow_the_sliders():
    explorer = mw.xor_explorer()
    explorer.sliders["w21"].value = -1.0
    hidden_weights, _ = explorer.params[0]
    assert hidden_weights[1, 0] == -1.0
    assert "h1" in _instruction_of(explorer)


# 3. The curve explorer


@pytest.fixture(scope="module")
def curve_fits():
    return mw.fit_curves([1, 2, 4], ["relu", "tanh"], epochs=120)


def test_fit_curves_stores_every_setting(curve_fits):
    assert sorted(curve_fits.predictions) == [
        ("relu", 1),
        ("relu", 2),
        ("relu", 4),
        ("tanh", 1),
        ("tanh", 2),
        ("tanh", 4),
    ]
    assert curve_fits.n_params == {1: 4, 2: 7, 4: 13}
    assert curve_fits.activations == ["relu", "tanh"]
    for (_, units), parts in curve_fits.parts.items():
        assert parts.shape == (units, curve_fits.x_plot.size)
    assert curve_fits.seconds > 0


def test_fit_curves_parts_add_up_to_the_prediction(curve_fits):
    key = ("tanh", 4)
    parts = curve_fits.parts[key]
    offset = curve_fits.predictions[key] - parts.sum(axis=0)
    np.testing.assert_allclose(offset, offset[0])  # the output bias


def test_fit_curves_wider_is_not_worse(curve_fits):
    for name in ("relu", "tanh"):
        errors = [curve_fits.errors[(name, units)] for units in (1, 2, 4)]
        assert errors[2] <= errors[0] + 1e-9, errors


def test_fit_curves_reports_progress_and_validates():
    seen = []
    mw.fit_curves([1, 3], ["tanh"], epochs=5, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]
    with pytest.raises(ValueError, match="`hidden_units`"):
        mw.fit_curves([4, 2], ["tanh"], epochs=5)
    with pytest.raises(ValueError, match="`epochs`"):
        mw.fit_curves([1], ["tanh"], epochs=0)
    with pytest.raises(ValueError, match="`activation`"):
        mw.fit_curves([1], ["gelu"], epochs=5)


def test_curve_explorer_only_redraws_stored_fits(curve_fits, monkeypatch):
    explorer = mw.curve_explorer(curve_fits, hidden_units=1, activation="relu")
    monkeypatch.setattr(mw, "_fit", lambda *a, **k: pytest.fail("trained again"))
    fit = explorer.drawn["fit"]
    explorer.hidden_units.value = 4
    np.testing.assert_allclose(fit.get_ydata(), curve_fits.predictions[("relu", 4)])
    title = _title(explorer.drawn["ax"])
    assert "relu, 4 hidden units (13 parameters)" in title
    assert f"{curve_fits.errors[('relu', 4)]:.3f}" in title
    visible = [line for line in explorer.drawn["parts"] if line.get_visible()]
    assert len(visible) == 4
    explorer.activation.value = "tanh"
    np.testing.assert_allclose(fit.get_ydata(), curve_fits.predictions[("tanh", 4)])
    explorer.show_parts.value = False
    assert not any(line.get_visible() for line in explorer.drawn["parts"])
    assert "6 networks trained once" in explorer.status.value
    labels = [label for label, _ in explorer.activation.options]
    assert labels == ["tanh", "ReLU"]


def test_curve_explorer_blits_what_a_full_draw_shows(curve_fits, blit_mismatch):
    explorer = mw.curve_explorer(curve_fits, hidden_units=1, activation="relu")
    moves = [
        (explorer.hidden_units, 4),  # unit lines leave through the spines
        (explorer.activation, "tanh"),
        (explorer.show_parts, False),
        (explorer.hidden_units, 2),
        (explorer.show_parts, True),
    ]
    _assert_moves_blit_as_a_full_draw(explorer, moves, blit_mismatch)


def test_update_curve_fit_names_a_missing_setting(curve_fits):
    drawn = mw.plot_curve_fit(curve_fits, "relu", 1)
    with pytest.raises(ValueError, match="No network was fitted"):
        mw.update_curve_fit(drawn, curve_fits, "relu", 32)


# 4. The spiral explorer


@pytest.fixture(scope="module")
def spiral_fits():
    return mw.fit_spirals([1, 2], [2, 4], epochs=30, n_samples=60, resolution=24)


def test_fit_spirals_stores_regions_accuracy_and_counts(spiral_fits):
    assert spiral_fits.depths == [1, 2] and spiral_fits.widths == [2, 4]
    assert spiral_fits.n_params == {(1, 2): 9, (1, 4): 17, (2, 2): 15, (2, 4): 37}
    for key, image in spiral_fits.regions.items():
        assert image.shape == (24, 24)
        assert set(np.unique(image)) <= {0, 1}
        assert 0.0 <= spiral_fits.accuracy[key] <= 1.0


def test_spiral_explorer_swaps_the_stored_region(spiral_fits):
    explorer = mw.spiral_explorer(spiral_fits, depth=1, width=2)
    image = explorer.drawn["regions"]
    explorer.depth.value = 2
    explorer.width.value = 4
    np.testing.assert_array_equal(image.get_array(), spiral_fits.regions[(2, 4)])
    title = _title(explorer.drawn["ax"])
    assert "2 → 4 → 4 → 1" in title and "(37 parameters)" in title
    assert f"{spiral_fits.accuracy[(2, 4)]:.0%}" in title
    assert "hidden layers" in _instruction_of(explorer)


def test_spiral_explorer_blits_what_a_full_draw_shows(spiral_fits, blit_mismatch):
    explorer = mw.spiral_explorer(spiral_fits, depth=1, width=2)
    moves = [
        (explorer.width, 4),
        (explorer.depth, 2),
        (explorer.width, 2),
        (explorer.depth, 1),
    ]
    _assert_moves_blit_as_a_full_draw(explorer, moves, blit_mismatch)


def test_spiral_explorer_trains_with_a_progress_bar(monkeypatch):
    shown = []
    monkeypatch.setattr(mw, "display", lambda thing: shown.append(thing))
    explorer = mw.SpiralExplorer(
        depths=[1], widths=[2, 3], epochs=3, n_samples=20, resolution=8
    )
    progress_boxes = [thing for thing in shown if isinstance(thing, widgets.HBox)]
    assert len(progress_boxes) == 1
    bar = progress_boxes[0].children[0]
    assert isinstance(bar, widgets.IntProgress)
    assert (bar.value, bar.max) == (2, 2)
    assert sorted(explorer.fits.regions) == [(1, 2), (1, 3)]


def test_curve_explorer_trains_without_a_progress_bar_when_asked(monkeypatch):
    shown = []
    monkeypatch.setattr(mw, "display", lambda thing: shown.append(thing))
    explorer = mw.CurveExplorer(show_progress=False, activations=["tanh"], epochs=3)
    assert not [thing for thing in shown if isinstance(thing, widgets.HBox)]
    assert explorer.fits.epochs == 3


# 5. The graph of a traced function


def _fake_op(name, kind, inputs=(), shape=(None, 3), dtype="float64"):
    tensor = SimpleNamespace(
        shape=SimpleNamespace(as_list=lambda: list(shape)),
        dtype=SimpleNamespace(name=dtype),
    )
    op = SimpleNamespace(name=name, type=kind, outputs=[tensor], inputs=[])
    tensor.op = op
    op.inputs = [SimpleNamespace(op=SimpleNamespace(name=i)) for i in inputs]
    return op


def _fake_graph():
    ops = [
        _fake_op("x", "Placeholder", shape=(None, 2)),
        _fake_op("h", "Placeholder", shape=(), dtype="resource"),
        _fake_op("read", "ReadVariableOp", ["h"], shape=(2, 3)),
        _fake_op("MatMul", "MatMul", ["x", "read"]),
        _fake_op("Relu", "Relu", ["MatMul"]),
        _fake_op("NoOp", "NoOp", shape=()),
    ]
    ops[-1].outputs = []
    return SimpleNamespace(get_operations=lambda: ops)


def test_graph_table_lists_data_operations_in_order():
    table = mw.graph_table(_fake_graph())
    assert list(table["operation"]) == [
        "Placeholder",
        "ReadVariableOp",
        "MatMul",
        "Relu",
    ]
    assert list(table["gives shape"]) == [
        "(None, 2)",
        "(2, 3)",
        "(None, 3)",
        "(None, 3)",
    ]
    assert table.loc[2, "what it does"] == "read a variable: the weights"
    assert table.loc[3, "takes"] == "x, weights"
    assert table.index.name == "step"


def test_plot_graph_draws_a_box_per_node_and_an_arrow_per_tensor():
    drawn = mw.plot_graph(_fake_graph())
    assert len(drawn["boxes"]) == 4
    assert len(drawn["arrows"]) == 3
    kinds = [node["kind"] for node in drawn["nodes"]]
    assert kinds == ["input", "variable", "operation", "output"]
    labels = [text.get_text() for text in drawn["texts"]]
    assert labels[0] == "input\nx" and labels[1] == "weights"
    assert labels[3] == "Relu\n(result)"


def test_graph_helpers_refuse_other_things():
    with pytest.raises(TypeError, match="`graph` must be a TensorFlow graph"):
        mw.graph_table("graph")


@pytest.mark.slow
def test_graph_of_a_real_tf_function_matches_numpy():
    from helpers.quiet import import_tensorflow

    tf = import_tensorflow()
    params = [(np.ones((2, 3)), np.zeros(3)), (np.ones((3, 1)), np.zeros(1))]
    variables = [(tf.Variable(w), tf.Variable(b)) for w, b in params]

    @tf.function
    def tf_forward(x):
        a = x
        for index, (w, b) in enumerate(variables):
            with tf.name_scope(f"layer_{index + 1}"):
                z = tf.matmul(a, w) + b
                a = tf.nn.relu(z) if index == 0 else tf.sigmoid(z)
        return a

    concrete = tf_forward.get_concrete_function(tf.TensorSpec([None, 2], tf.float64))
    table = mw.graph_table(concrete)
    assert list(table["operation"]).count("MatMul") == 2
    assert "Sigmoid" in list(table["operation"])
    assert table["gives shape"].iloc[-1] == "(None, 1)"
    drawn = mw.plot_graph(concrete)
    assert any("layer_1" in t.get_text() for t in drawn["texts"])
    x = np.array([[0.5, -1.0], [2.0, 1.0]])
    np.testing.assert_allclose(
        tf_forward(tf.constant(x)).numpy(), forward(x, params, "relu", "sigmoid")
    )
    plt.close("all")


def test_notebook_02_modules_load_no_tensorflow():
    import subprocess
    import sys

    probe = (
        "import helpers.activations, helpers.mlp, helpers.mlp_widgets\n"
        "import helpers.exercises.nb02, sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tensorflow', 'keras')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
