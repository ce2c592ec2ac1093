"""The interactive pieces of notebook 02, and its picture of a TensorFlow graph.

Four explorers, each built in three layers (a pure function that computes,
a plotting function that draws, a thin widget that wires controls to both):

* :class:`ActivationExplorer`: one neuron's activation ``f(w x + b)`` and
  its slope, with a menu for ``f`` and sliders for ``w`` and ``b``;
* :class:`XorExplorer`: a 2-2-1 network of step neurons on XOR, with
  sliders for the two hidden neurons; it shows each hidden neuron's line,
  the region the network gives, and where the four points land in the
  hidden layer;
* :class:`CurveExplorer`: one hidden layer of N units fitted to a noisy
  curve, for every N and activation, trained once up front;
* :class:`SpiralExplorer`: decision regions on the two spirals for every
  depth and width, trained once up front.

The training behind the last two happens once, with a progress bar, and is
stored; moving a control afterwards only redraws. Tests and learners can
drive every explorer without a browser by setting ``.value`` on its
controls.

:func:`graph_table` and :func:`plot_graph` show the operations of a traced
``tf.function`` without importing TensorFlow here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from helpers.activations import ACTIVATIONS, get_activation, step
from helpers.config import pick
from helpers.data import logic_gate, noisy_curve, spirals
from helpers.mlp import (
    Params,
    _fit,
    _widen,
    count_parameters,
    forward,
    predict_classes,
)
from helpers.plots import (
    CLASS_COLOURS,
    REGION_COLOURS,
    get_ax,
    plot_decision_regions,
    plot_points,
    predict_regions,
    region_grid,
)
from helpers.widgets import BlitView, drawing_order, instruction, labelled_slider

__all__ = [
    "ACTIVATION_MENU",
    "CURVE_ACTIVATIONS",
    "CURVE_HIDDEN_UNITS",
    "SPIRAL_DEPTHS",
    "SPIRAL_WIDTHS",
    "XOR_PARAMS",
    "ActivationExplorer",
    "CurveExplorer",
    "CurveFits",
    "SpiralExplorer",
    "SpiralFits",
    "XorExplorer",
    "activation_explorer",
    "curve_explorer",
    "fit_curves",
    "fit_spirals",
    "graph_table",
    "hidden_line",
    "neuron_response",
    "plot_curve_fit",
    "plot_graph",
    "plot_neuron_response",
    "plot_spiral_fit",
    "plot_xor_network",
    "spiral_explorer",
    "update_curve_fit",
    "update_neuron_response",
    "update_spiral_fit",
    "update_xor_network",
    "xor_explorer",
    "xor_params",
    "xor_view",
]

_DPI = 80
_GOOD = "#2a7d2a"
_BAD = "#b22222"
_LINE_COLOURS = ("#9467bd", "#2ca02c")
"""Colours of hidden neurons h1 and h2 (purple, green), apart from the
class colours blue and orange."""

ACTIVATION_MENU = (
    ("step", "step"),
    ("sigmoid", "sigmoid"),
    ("tanh", "tanh"),
    ("ReLU", "relu"),
    ("identity (no activation)", "identity"),
)
"""Menu labels and activation names, in the order the notebook meets them."""


def _check_activation(name: object) -> str:
    get_activation(name)  # raises a ValueError naming `activation`
    key = str(name).lower().strip()
    if key not in ACTIVATIONS:
        raise ValueError(
            f"`activation` must be one of {list(ACTIVATIONS)}; received {name!r}."
        )
    return key


def _check_real(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"`{name}` must be a number; received {value!r}.")
    if not np.isfinite(value):
        raise ValueError(f"`{name}` must be a finite number; received {value!r}.")
    return float(value)


# 1. One neuron's activation

X_RANGE = (-5.0, 5.0)
"""The inputs the activation explorer draws."""

_WEIGHT_LIMIT = 3.0
_OUTPUT_LIMITS = {
    "step": (-0.15, 1.15),
    "sigmoid": (-0.15, 1.15),
    "tanh": (-1.2, 1.2),
    "relu": (-1.0, 10.0),
    "identity": (-10.0, 10.0),
}
_SLOPE_LIMITS = {
    "step": (-1.0, 1.0),
    "sigmoid": (-0.85, 0.85),
    "tanh": (-3.3, 3.3),
    "relu": (-3.3, 3.3),
    "identity": (-3.3, 3.3),
}


def neuron_response(
    activation: str = "sigmoid",
    weight: float = 1.0,
    bias: float = 0.0,
    x: np.ndarray | None = None,
) -> dict:
    """Compute what one neuron with one input outputs, and how steeply.

    The neuron computes ``a = f(w x + b)``. Its slope, how much ``a``
    changes when ``x`` grows a little, is ``w f'(w x + b)``: the weight
    stretches the curve (and its slope), the bias shifts it.

    Parameters
    ----------
    activation : str, optional
        A key of :data:`helpers.activations.ACTIVATIONS`. Defaults to
        "sigmoid".
    weight, bias : float, optional
        The neuron's ``w`` and ``b``. Default to 1 and 0.
    x : ndarray of shape (n,), optional
        Inputs. Defaults to 401 points over :data:`X_RANGE`.

    Returns
    -------
    dict
        ``"x"``, ``"output"`` and ``"slope"``: arrays of shape (n,);
        ``"centre"``: the input where ``w x + b = 0`` (where the curve's
        middle, kink or jump is), or None when ``w`` is 0;
        ``"steepest"``: the largest slope in size, and ``"steepest_x"``
        where it is.

    Examples
    --------
    >>> r = neuron_response("sigmoid", weight=2.0, bias=1.0)
    >>> r["centre"], round(float(r["output"][200]), 3)
    (-0.5, 0.731)
    """
    name = _check_activation(activation)
    w = _check_real(weight, "weight")
    b = _check_real(bias, "bias")
    if x is None:
        x = np.linspace(*X_RANGE, 401)
    x = np.asarray(x, dtype=np.float64)
    f, df = ACTIVATIONS[name]
    z = w * x + b
    slope = w * df(z)
    k = int(np.argmax(np.abs(slope)))
    return {
        "x": x,
        "output": f(z),
        "slope": slope,
        "centre": None if w == 0 else -b / w + 0.0,
        "steepest": float(slope[k]),
        "steepest_x": float(x[k]),
    }


def _neuron_titles(name: str, w: float, b: float, response: dict) -> tuple[str, str]:
    """Return the two panel titles: the formula and what the slope does."""
    sign = "+" if b >= 0 else "\u2212"
    formula = f"{name}({w:.1f}\u00b7x {sign} {abs(b):.1f})"
    centre = response["centre"]
    if centre is None:
        where = "flat: with w = 0 the input has no effect"
    elif name == "relu":
        where = f"kink at x = {centre:.2f}"
    elif name == "step":
        where = f"jump at x = {centre:.2f}"
    elif name == "identity":
        where = f"crosses 0 at x = {centre:.2f}"
    else:
        where = f"centre at x = {centre:.2f}"
    left = f"output a = {formula}\n{where}"
    if name == "step":
        right = "slope: 0 everywhere\n(nothing for gradient training to follow)"
    elif centre is None:
        right = "slope: 0 everywhere"
    elif name == "relu":
        right = f"slope: 0 on one side of the kink,\n{w:.1f} (the weight) on the other"
    elif name == "identity":
        right = f"slope: {w:.1f} everywhere\n(the weight itself)"
    else:
        right = (
            f"slope: steepest {response['steepest']:.2f}\n"
            f"at x = {response['steepest_x']:.2f}"
        )
    return left, right


def plot_neuron_response(
    activation: str = "sigmoid",
    weight: float = 1.0,
    bias: float = 0.0,
    axes: Sequence[Axes] | None = None,
) -> dict:
    """Draw a neuron's output and its slope side by side.

    The plain activation (``w = 1``, ``b = 0``) is drawn faintly behind, so
    the stretch and shift the sliders make are easy to see.

    Parameters
    ----------
    activation, weight, bias
        As for :func:`neuron_response`.
    axes : pair of Axes, optional
        Where to draw the output and the slope. A new figure is made when
        omitted.

    Returns
    -------
    dict
        ``"axes"``; the Line2D artists ``"output"``, ``"slope"``,
        ``"reference_output"``, ``"reference_slope"``; ``"centre_lines"``
        (one vertical line a panel); ``"response"``, the computed dict.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.6), dpi=_DPI)
    left, right = axes
    response = neuron_response(activation, weight, bias)
    x = response["x"]
    grey = {"color": "0.6", "linestyle": "--", "linewidth": 1.2}
    ref_out = left.plot(x, x, label="plain (w = 1, b = 0)", **grey)[0]
    ref_slope = right.plot(x, x, **grey)[0]
    out = left.plot(x, response["output"], color=CLASS_COLOURS[0], lw=2.4)[0]
    out.set_label("this neuron")
    slope = right.plot(x, response["slope"], color=CLASS_COLOURS[3], lw=2.4)[0]
    centres = [ax.axvline(0.0, color="0.35", lw=0.8, ls=":") for ax in axes]
    for ax in axes:
        ax.axhline(0.0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlim(*X_RANGE)
        ax.set_xlabel("input x")
        ax.grid(alpha=0.25)
    left.set_ylabel("output a")
    right.set_ylabel("slope  da/dx")
    for ax in axes:
        ax.set_xticks([-4, -2, 0, 2, 4])
        ax.yaxis.set_major_locator(MaxNLocator(5))
    left.legend(loc="upper left", fontsize="small", framealpha=0.9)
    drawn = {
        "axes": tuple(axes),
        "output": out,
        "slope": slope,
        "reference_output": ref_out,
        "reference_slope": ref_slope,
        "centre_lines": centres,
        "activation": None,
    }
    update_neuron_response(drawn, activation, weight, bias)
    return drawn


def update_neuron_response(
    drawn: dict, activation: str, weight: float, bias: float
) -> dict:
    """Move the artists of :func:`plot_neuron_response` to a new neuron.

    Returns the computed response (also stored as ``drawn["response"]``).
    """
    name = _check_activation(activation)
    response = neuron_response(name, weight, bias)
    drawn["output"].set_ydata(response["output"])
    drawn["slope"].set_ydata(response["slope"])
    if drawn.get("activation") != name:
        plain = neuron_response(name, 1.0, 0.0)
        drawn["reference_output"].set_ydata(plain["output"])
        drawn["reference_slope"].set_ydata(plain["slope"])
        left, right = drawn["axes"]
        left.set_ylim(*_OUTPUT_LIMITS[name])
        right.set_ylim(*_SLOPE_LIMITS[name])
        drawn["activation"] = name
    centre = response["centre"]
    for line in drawn["centre_lines"]:
        line.set_visible(centre is not None)
        if centre is not None:
            line.set_xdata([centre, centre])
    left_title, right_title = _neuron_titles(name, float(weight), float(bias), response)
    drawn["axes"][0].set_title(left_title, fontsize=11)
    drawn["axes"][1].set_title(right_title, fontsize=11)
    drawn["response"] = response
    return response


def _neuron_moving_artists(drawn: dict) -> list:
    """Return what a redraw of :func:`plot_neuron_response` paints anew.

    The curves, the centre lines and the titles change. The spines and
    the legend are painted over the curves in a full draw, so they are
    redrawn too, after them.
    """
    left, right = drawn["axes"]
    return drawing_order(
        [
            drawn["reference_output"],
            drawn["reference_slope"],
            drawn["output"],
            drawn["slope"],
            *drawn["centre_lines"],
            *left.spines.values(),
            *right.spines.values(),
            left.title,
            right.title,
            left.get_legend(),
        ]
    )


class ActivationExplorer:
    """A menu of activations and sliders for one neuron's weight and bias.

    Left: the neuron's output ``a = f(w x + b)`` with the plain activation
    faintly behind; right: its slope. Titles give the formula and where
    the curve is centred (or kinks, or jumps).

    Parameters
    ----------
    activation : str, optional
        Starting activation. Defaults to "sigmoid".
    weight, bias : float, optional
        Starting ``w`` (from -3 to 3) and ``b`` (from -3 to 3).
    text : str, optional
        The instruction line.

    Attributes
    ----------
    activation : ipywidgets.Dropdown
    weight, bias : ipywidgets.FloatSlider
    figure, view, drawn, widget
        The figure, its :class:`~helpers.widgets.BlitView`, the artists
        (see :func:`plot_neuron_response`) and everything in one box. The
        first pick of each activation sets new axis limits and redraws the
        whole figure; after that, and for a weight or bias, only what moves
        is redrawn.
    """

    DEFAULT_TEXT = (
        "Pick an activation, then move **w** (stretch) and **b** (shift) and "
        "watch both panels. Which activation has no slope to follow?"
    )

    def __init__(
        self,
        activation: str = "sigmoid",
        weight: float = 1.0,
        bias: float = 0.0,
        *,
        text: str = DEFAULT_TEXT,
    ):
        self.activation = widgets.Dropdown(
            options=list(ACTIVATION_MENU),
            value=_check_activation(activation),
            description="activation f",
            style={"description_width": "initial"},
        )
        self.weight = labelled_slider(
            "weight w", float(weight), -_WEIGHT_LIMIT, _WEIGHT_LIMIT, 0.1
        )
        self.bias = labelled_slider("bias b", float(bias), -3.0, 3.0, 0.1)
        figure, axes = plt.subplots(1, 2, figsize=(10, 3.6), dpi=_DPI)
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.15, top=0.82, wspace=0.25
        )
        self.drawn = plot_neuron_response(
            self.activation.value, self.weight.value, self.bias.value, axes
        )
        self.figure = figure
        self.view = BlitView(figure, _neuron_moving_artists(self.drawn))
        for control in (self.activation, self.weight, self.bias):
            control.observe(self._update, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox([self.activation, self.weight, self.bias]),
                self.view.output,
            ]
        )
        self.view.redraw()

    def _update(self, change: Any = None) -> None:
        # A new activation sets new axis limits, and with them new ticks:
        # the view draws each activation's still parts once, then blits.
        update_neuron_response(
            self.drawn, self.activation.value, self.weight.value, self.bias.value
        )
        self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.widget)


def activation_explorer(
    activation: str = "sigmoid", weight: float = 1.0, bias: float = 0.0
) -> ActivationExplorer:
    """Return an :class:`ActivationExplorer`; the last line of a cell shows it."""
    return ActivationExplorer(activation, weight, bias)


# 2. A hidden layer solves XOR

XOR_PARAMS: Params = [
    (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5])),
    (np.array([[1.0], [-2.0]]), np.array([-0.5])),
]
"""Hand-set weights of a 2-2-1 step network that computes XOR.

Hidden neuron h1 fires when at least one input is on (OR), h2 when both
are (AND); the output fires for "h1 and not h2": ``h1 - 2 h2 - 0.5 >= 0``.
"""

_XOR_BOX = (-0.5, 1.5)
_HIDDEN_BOX = (-0.35, 1.35)


def xor_params(
    hidden_weights: np.ndarray | None = None, hidden_bias: np.ndarray | None = None
) -> Params:
    """Return a copy of :data:`XOR_PARAMS`, with other hidden weights if given.

    Parameters
    ----------
    hidden_weights : array of shape (2, 2), optional
        Column j holds the weights from x1 and x2 into hidden neuron j.
    hidden_bias : array of shape (2,), optional

    Examples
    --------
    >>> [w.shape for w, _ in xor_params()]
    [(2, 2), (2, 1)]
    """
    (w1, b1), (w2, b2) = XOR_PARAMS
    if hidden_weights is not None:
        w1 = np.asarray(hidden_weights, dtype=np.float64)
        if w1.shape != (2, 2):
            raise ValueError(
                "`hidden_weights` must have shape (2, 2), one column a hidden "
                f"neuron; received shape {w1.shape}."
            )
    if hidden_bias is not None:
        b1 = np.asarray(hidden_bias, dtype=np.float64)
        if b1.shape != (2,):
            raise ValueError(
                f"`hidden_bias` must have shape (2,); received shape {b1.shape}."
            )
    return [(w1.copy(), b1.copy()), (w2.copy(), b2.copy())]


def hidden_line(
    weights: Sequence[float], bias: float, reach: float = 20.0
) -> tuple[np.ndarray, np.ndarray]:
    """Return two far-apart points of the line ``w1 x1 + w2 x2 + b = 0``.

    Parameters
    ----------
    weights : pair of float
        The neuron's weights from x1 and x2.
    bias : float
    reach : float, optional
        How far from the line's closest point to the origin the two points
        are; the axes clip the rest. Defaults to 20.

    Returns
    -------
    x1, x2 : ndarray of shape (2,)
        Empty arrays when both weights are 0 (there is no line).

    Examples
    --------
    >>> x1, x2 = hidden_line([1.0, 0.0], -0.5)
    >>> x1.tolist()
    [0.5, 0.5]
    """
    w = np.asarray(weights, dtype=np.float64)
    norm2 = float(w @ w)
    if norm2 == 0.0:
        return np.array([]), np.array([])
    foot = -float(bias) * w / norm2
    along = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    ends = foot + np.outer([-reach, reach], along)
    return ends[:, 0], ends[:, 1]


def xor_view(params: Params, resolution: int = 80) -> dict:
    """Compute what a 2-2-1 step network does on XOR.

    Parameters
    ----------
    params : list of (weights, bias)
        A 2-2-1 network, as :func:`xor_params` makes it. Both layers use
        the step activation.
    resolution : int, optional
        Grid points along each axis of the input plane. Defaults to 80.

    Returns
    -------
    dict
        ``"X"``, ``"y"``: the four XOR points; ``"hidden"``: where they land
        in the hidden layer, shape (4, 2); ``"predicted"``: the network's
        output for each, shape (4,); ``"correct"``: how many are right;
        ``"regions"``: the output on the grid, shape (resolution, resolution);
        ``"lines"``: each hidden neuron's line as ``(x1, x2)`` points.

    Examples
    --------
    >>> xor_view(xor_params())["correct"]
    4
    """
    X, y = logic_gate("XOR")
    grid, _ = region_grid(X, resolution, margin=0.5)
    hidden_weights, hidden_bias = params[0]
    hidden = step(X @ hidden_weights + hidden_bias)
    predicted = predict_classes(X, params, "step", output_activation="step")
    regions = predict_regions(
        lambda points: predict_classes(points, params, "step", "step"),
        grid,
        resolution,
    )
    lines = [
        hidden_line(hidden_weights[:, j], hidden_bias[j])
        for j in range(hidden_weights.shape[1])
    ]
    return {
        "X": X,
        "y": y,
        "hidden": hidden,
        "predicted": predicted,
        "correct": int(np.sum(predicted == y)),
        "regions": regions,
        "lines": lines,
    }


def _plain_input_labels(ax: Axes) -> None:
    """Label the axes x₁ and x₂ in plain text.

    :func:`helpers.plots.plot_points` writes the labels in mathtext, which
    matplotlib parses again on every draw; plain Unicode subscripts look
    the same and keep a widget's redraw fast.
    """
    ax.set_xlabel("x\u2081 (first input)")
    ax.set_ylabel("x\u2082 (second input)")


_LABEL_OFFSETS = ((0, -15), (-34, 0), (34, 0), (0, 15))
"""Where each input's label sits around its point in the hidden layer (in
points: below, left, right, above), so that labels of inputs that land on
one spot do not overlap."""


def plot_xor_network(
    params: Params | None = None, axes: Sequence[Axes] | None = None, resolution=80
) -> dict:
    """Draw a 2-2-1 step network on XOR: input plane and hidden layer.

    Left: the four points, each hidden neuron's line (purple h1, green h2)
    and, shaded, the class the whole network gives each point of the
    plane. Right: the same four points as the output neuron sees them, at
    their hidden values ``(h1, h2)``, with the output neuron's line (dark
    grey) and the class it gives, shaded.

    Returns
    -------
    dict
        ``"axes"``, ``"regions"`` (AxesImage), ``"points"`` (the scatter
        artists of the input plane, one a class), ``"lines"`` (two Line2D),
        ``"hidden_points"`` (PathCollection), ``"labels"`` (four Text),
        ``"view"`` (the dict of :func:`xor_view`), ``"resolution"``.
    """
    params = xor_params() if params is None else params
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 4.4), dpi=_DPI)
    left, right = axes
    view = xor_view(params, resolution)
    X, y = view["X"], view["y"]
    drawn_regions = plot_decision_regions(
        lambda points: predict_classes(points, params, "step", "step"),
        X,
        y,
        left,
        resolution=resolution,
        margin=0.5,
    )
    for artist in drawn_regions["points"]:
        artist.set_sizes([90])
    lines = []
    for j, colour in enumerate(_LINE_COLOURS):
        x1, x2 = view["lines"][j]
        lines.append(
            left.plot(x1, x2, color=colour, lw=2.2, label=f"line of h{j + 1}")[0]
        )
    left.legend(handles=lines, loc="upper left", fontsize="small", framealpha=0.9)
    left.set_aspect("equal")
    _plain_input_labels(left)
    left.set_xticks([0.0, 1.0])
    left.set_yticks([0.0, 1.0])

    output_weights, output_bias = params[1]
    grid, extent = region_grid(np.array([_HIDDEN_BOX, _HIDDEN_BOX]).T, 60, margin=0.0)
    out_regions = (grid @ output_weights + output_bias >= 0).astype(int)
    right.imshow(
        out_regions.reshape(60, 60),
        origin="lower",
        extent=tuple(extent),
        cmap=ListedColormap(REGION_COLOURS[:2]),
        vmin=-0.5,
        vmax=1.5,
        interpolation="nearest",
        zorder=0,
    )
    ox, oy = hidden_line(output_weights[:, 0], output_bias[0])
    right.plot(ox, oy, color="0.25", lw=1.8)
    hidden = view["hidden"]
    points = right.scatter(
        hidden[:, 0],
        hidden[:, 1],
        s=90,
        c=[CLASS_COLOURS[k] for k in y],
        edgecolors="black",
        zorder=3,
    )
    labels = [
        right.annotate(
            f"({x1:g}, {x2:g})",
            xy=tuple(hidden[k]),
            xytext=_LABEL_OFFSETS[k],
            textcoords="offset points",
            fontsize=9,
            ha="center",
            va="center",
        )
        for k, (x1, x2) in enumerate(X)
    ]
    right.set_xlim(*_HIDDEN_BOX)
    right.set_ylim(*_HIDDEN_BOX)
    right.set_aspect("equal")
    right.set_xlabel("h\u2081 (output of hidden neuron 1)")
    right.set_ylabel("h\u2082 (output of hidden neuron 2)")
    right.set_xticks([0.0, 1.0])
    right.set_yticks([0.0, 1.0])
    right.set_title("What the output neuron sees: inputs at (h1, h2)")
    drawn = {
        "axes": tuple(axes),
        "regions": drawn_regions["regions"],
        "grid": drawn_regions["grid"],
        "points": drawn_regions["points"],
        "lines": lines,
        "hidden_points": points,
        "labels": labels,
        "resolution": resolution,
        "view": view,
    }
    _xor_title(drawn)
    return drawn


def _xor_title(drawn: dict) -> None:
    correct = drawn["view"]["correct"]
    done = correct == 4
    text = f"XOR: {correct} of 4 points right"
    text += " \u2714" if done else ""
    drawn["axes"][0].set_title(text, color=_GOOD if done else _BAD)


def update_xor_network(drawn: dict, params: Params) -> dict:
    """Move the artists of :func:`plot_xor_network` to new weights.

    Returns the new :func:`xor_view` (also stored as ``drawn["view"]``).
    """
    view = xor_view(params, drawn["resolution"])
    drawn["regions"].set_data(view["regions"])
    for line, (x1, x2) in zip(drawn["lines"], view["lines"], strict=True):
        line.set_data(x1, x2)
    hidden = view["hidden"]
    drawn["hidden_points"].set_offsets(hidden)
    for label, spot in zip(drawn["labels"], hidden, strict=True):
        label.xy = tuple(spot)
    drawn["view"] = view
    _xor_title(drawn)
    return view


def _xor_moving_artists(drawn: dict) -> list:
    """Return what a redraw of :func:`plot_xor_network` paints anew.

    On the left the shaded region, the two lines and the title change;
    the spines, the four points and the legend are painted over them in a
    full draw, so they are redrawn too, after them. On the right the
    points and their labels move over a region that stays.
    """
    left, _ = drawn["axes"]
    return drawing_order(
        [
            drawn["regions"],
            *drawn["lines"],
            *left.spines.values(),
            *drawn["points"],
            left.title,
            left.get_legend(),
            drawn["hidden_points"],
            *drawn["labels"],
        ]
    )


class XorExplorer:
    """Sliders for the weights and biases of XOR's two hidden neurons.

    The output neuron stays fixed at ``h1 - 2 h2 - 0.5`` ("h1 but not h2").
    Every neuron uses the step activation.

    Attributes
    ----------
    sliders : dict of ipywidgets.FloatSlider
        Keyed ``"w11"``, ``"w21"``, ``"b1"`` (neuron h1) and ``"w12"``,
        ``"w22"``, ``"b2"`` (neuron h2); ``wij`` is the weight from input
        ``xi`` to hidden neuron ``hj``.
    reset : ipywidgets.Button
        Puts the hand-set weights back.
    figure, view, drawn, widget
    """

    DEFAULT_TEXT = (
        "Move the sliders of **h1** (purple line) and **h2** (green line). "
        "Can you break XOR and mend it again? Watch where the points land on "
        "the right."
    )

    def __init__(
        self, params: Params | None = None, *, resolution: int = 80, text=DEFAULT_TEXT
    ):
        params = xor_params() if params is None else params
        hidden_weights, hidden_bias = params[0]
        self._output = params[1]
        self.sliders = {}
        columns = []
        for j in range(2):
            n = j + 1
            header = widgets.HTML(
                f'<b style="color:{_LINE_COLOURS[j]}">hidden neuron h{n}</b>'
            )
            made = [
                labelled_slider(
                    f"weight x1\u2192h{n}",
                    float(hidden_weights[0, j]),
                    -2.0,
                    2.0,
                    0.1,
                    width="300px",
                ),
                labelled_slider(
                    f"weight x2\u2192h{n}",
                    float(hidden_weights[1, j]),
                    -2.0,
                    2.0,
                    0.1,
                    width="300px",
                ),
                labelled_slider(
                    f"bias of h{n}",
                    float(hidden_bias[j]),
                    -2.0,
                    2.0,
                    0.1,
                    width="300px",
                ),
            ]
            for key, slider in zip((f"w1{n}", f"w2{n}", f"b{n}"), made, strict=True):
                self.sliders[key] = slider
            columns.append(widgets.VBox([header, *made]))
        self._start = {key: s.value for key, s in self.sliders.items()}
        self._resetting = False
        self.reset = widgets.Button(description="Reset to XOR", icon="undo")
        self.reset.on_click(self._on_reset)
        figure, axes = plt.subplots(1, 2, figsize=(10, 4.4), dpi=_DPI)
        figure.subplots_adjust(left=0.07, right=0.98, bottom=0.12, top=0.86, wspace=0.3)
        self.drawn = plot_xor_network(self.params, axes, resolution)
        self.figure = figure
        self.view = BlitView(figure, _xor_moving_artists(self.drawn))
        for slider in self.sliders.values():
            slider.observe(self._update, names="value")
        self.widget = widgets.VBox(
            [instruction(text), widgets.HBox([*columns, self.reset]), self.view.output]
        )
        self.view.redraw()

    @property
    def params(self) -> Params:
        """The network the sliders describe now."""
        s = {key: slider.value for key, slider in self.sliders.items()}
        hidden_weights = np.array([[s["w11"], s["w12"]], [s["w21"], s["w22"]]])
        hidden_bias = np.array([s["b1"], s["b2"]])
        return [(hidden_weights, hidden_bias), self._output]

    def _update(self, change: Any = None) -> None:
        if self._resetting:
            return
        update_xor_network(self.drawn, self.params)
        self.view.redraw()

    def _on_reset(self, button: Any = None) -> None:
        self._resetting = True
        try:
            for key, value in self._start.items():
                self.sliders[key].value = value
        finally:
            self._resetting = False
        self._update()

    def _ipython_display_(self) -> None:
        display(self.widget)


def xor_explorer(params: Params | None = None) -> XorExplorer:
    """Return an :class:`XorExplorer` starting from ``params`` (XOR if None)."""
    return XorExplorer(params)


# Progress while training


class _Progress:
    """A progress bar shown while the explorers train, then removed."""

    def __init__(self, description: str, show: bool):
        self.bar = widgets.IntProgress(
            value=0,
            min=0,
            max=1,
            description=description,
            style={"description_width": "initial", "bar_color": CLASS_COLOURS[0]},
            layout=widgets.Layout(width="520px"),
        )
        self.label = widgets.Label("")
        self.box = widgets.HBox([self.bar, self.label])
        self.show = show
        if show:
            display(self.box)

    def __call__(self, done: int, total: int) -> None:
        self.bar.max = total
        self.bar.value = done
        self.label.value = f"{done} of {total} networks"

    def close(self) -> None:
        if self.show:
            self.box.close()


# 3. Capacity: one hidden layer on a noisy curve

CURVE_HIDDEN_UNITS = (1, 2, 3, 4, 6, 8, 16, 32)
"""The hidden-layer sizes the curve explorer offers."""

CURVE_ACTIVATIONS = ("relu", "tanh", "sigmoid")
"""The activations the curve explorer offers."""


@dataclass
class CurveFits:
    """Networks of one hidden layer fitted to the noisy curve, one a setting.

    Attributes
    ----------
    X, y : ndarray
        The noisy points, shapes (n_samples, 1) and (n_samples,).
    x_plot : ndarray of shape (n_plot,)
        Where the fitted curves are evaluated.
    truth : ndarray of shape (n_plot,)
        The smooth curve the points were drawn from.
    predictions : dict
        ``(activation, hidden_units) -> ndarray (n_plot,)``: the fitted curve.
    parts : dict
        ``(activation, hidden_units) -> ndarray (hidden_units, n_plot)``:
        what each hidden unit adds to the output (before the output bias).
    errors : dict
        ``(activation, hidden_units) -> float``: mean squared error on the
        points.
    n_params : dict
        ``hidden_units -> int``: numbers the network learns.
    epochs : int
        Training steps for the first size; larger sizes continue from the
        smaller one (see :func:`fit_curves`).
    seconds : float
        How long all the training took.
    """

    X: np.ndarray
    y: np.ndarray
    x_plot: np.ndarray
    truth: np.ndarray
    predictions: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    n_params: dict = field(default_factory=dict)
    epochs: int = 0
    seconds: float = 0.0

    @property
    def hidden_units(self) -> list[int]:
        """The hidden-layer sizes fitted, smallest first."""
        return sorted(self.n_params)

    @property
    def activations(self) -> list[str]:
        """The activations fitted, in the order they were given."""
        return list(dict.fromkeys(name for name, _ in self.predictions))


def _check_sizes(values: object, name: str) -> list[int]:
    try:
        sizes = [int(v) for v in values]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise TypeError(
            f"`{name}` must be a list of whole numbers; received {values!r}."
        ) from None
    if not sizes or min(sizes) < 1 or sizes != sorted(set(sizes)):
        raise ValueError(
            f"`{name}` must be whole numbers of 1 or more, increasing, without "
            f"repeats; received {values!r}."
        )
    return sizes


def fit_curves(
    hidden_units: Sequence[int] = CURVE_HIDDEN_UNITS,
    activations: Sequence[str] = CURVE_ACTIVATIONS,
    epochs: int | None = None,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> CurveFits:
    """Fit one-hidden-layer networks of every size to the noisy curve.

    Each size starts from the trained network of the size before, with its
    new units added so that they change nothing at first (see
    :func:`helpers.mlp._widen`), then trains for ``epochs`` more steps. A
    wider network so starts exactly where the narrower one ended and
    usually ends up at least as good, and the series shows what the extra
    units add (training a fresh network for each size gives a jumpier
    series, as some runs get stuck).

    Parameters
    ----------
    hidden_units : sequence of int, optional
        Sizes of the hidden layer, increasing. Defaults to
        :data:`CURVE_HIDDEN_UNITS`.
    activations : sequence of str, optional
        Defaults to :data:`CURVE_ACTIVATIONS`.
    epochs : int, optional
        Full-batch Adam steps per size. Defaults to 800, or 150 in fast mode.
    seed : int, optional
        Fixes the data noise and the starting weights. Defaults to 0.
    progress : callable, optional
        Called as ``progress(done, total)`` after each network.

    Returns
    -------
    CurveFits

    Examples
    --------
    >>> fits = fit_curves([1, 2], ["tanh"], epochs=20)
    >>> sorted(fits.predictions), fits.n_params
    ([('tanh', 1), ('tanh', 2)], {1: 4, 2: 7})
    """
    sizes = _check_sizes(hidden_units, "hidden_units")
    names = [_check_activation(name) for name in activations]
    epochs = pick(full=800, fast=150) if epochs is None else int(epochs)
    if epochs < 1:
        raise ValueError(f"`epochs` must be 1 or more; received {epochs!r}.")
    started = time.perf_counter()
    X, y = noisy_curve(seed=seed)
    x_plot = np.linspace(-3.2, 3.2, 200)
    truth = noisy_curve(n_samples=200, noise=0.0)[1]
    truth = np.interp(x_plot, np.linspace(-3, 3, 200), truth)
    fits = CurveFits(X=X, y=y, x_plot=x_plot, truth=truth, epochs=epochs)
    total, done = len(sizes) * len(names), 0
    for name in names:
        params = None
        for units in sizes:
            start = None if params is None else _widen(params, [units], seed=units)
            params, _ = _fit(
                X, y, [units], name, "regression", epochs, 0.02, seed, start
            )
            (w1, b1), (w2, b2) = params
            hidden = ACTIVATIONS[name][0](x_plot[:, None] @ w1 + b1)
            fits.parts[(name, units)] = (hidden * w2[:, 0]).T
            fits.predictions[(name, units)] = hidden @ w2[:, 0] + b2[0]
            residual = forward(X, params, name)[:, 0] - y
            fits.errors[(name, units)] = float(np.mean(residual**2))
            fits.n_params[units] = count_parameters(params)
            done += 1
            if progress is not None:
                progress(done, total)
    fits.seconds = time.perf_counter() - started
    return fits


_MAX_PARTS = max(CURVE_HIDDEN_UNITS)


def plot_curve_fit(
    fits: CurveFits,
    activation: str,
    hidden_units: int,
    ax: Axes | None = None,
    *,
    show_parts: bool = True,
) -> dict:
    """Draw the noisy points, the fitted curve and what each unit adds.

    Returns
    -------
    dict
        ``"ax"``, ``"fit"`` (Line2D), ``"truth"`` (Line2D), ``"points"``
        (PathCollection), ``"parts"`` (a pool of faint Line2D, one a hidden
        unit; the unused ones are hidden).
    """
    ax = get_ax(ax, figsize=(8, 4.2))
    points = ax.scatter(
        fits.X[:, 0],
        fits.y,
        s=22,
        color=CLASS_COLOURS[0],
        alpha=0.7,
        edgecolors="none",
        label="noisy points",
        zorder=3,
    )
    truth = ax.plot(
        fits.x_plot,
        fits.truth,
        color="0.45",
        ls="--",
        lw=1.3,
        label="curve the points came from",
    )[0]
    pool = max(_MAX_PARTS, max(fits.hidden_units))
    parts = [
        ax.plot(fits.x_plot, fits.x_plot, color=CLASS_COLOURS[2], lw=0.9, alpha=0.45)[0]
        for _ in range(pool)
    ]
    parts[0].set_label("what each hidden unit adds")
    fit = ax.plot(
        fits.x_plot,
        fits.x_plot,
        color=CLASS_COLOURS[3],
        lw=2.6,
        label="the network's curve",
        zorder=4,
    )[0]
    ax.set_xlim(fits.x_plot[0], fits.x_plot[-1])
    low, high = float(fits.y.min()), float(fits.y.max())
    pad = 0.25 * (high - low)
    ax.set_ylim(low - pad, high + pad)
    ax.set_xlabel("input x")
    ax.set_ylabel("output y")
    ax.grid(alpha=0.25)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    drawn = {"ax": ax, "fit": fit, "truth": truth, "points": points, "parts": parts}
    update_curve_fit(drawn, fits, activation, hidden_units, show_parts=show_parts)
    return drawn


def update_curve_fit(
    drawn: dict,
    fits: CurveFits,
    activation: str,
    hidden_units: int,
    *,
    show_parts: bool = True,
) -> None:
    """Show the stored fit for ``(activation, hidden_units)``: only redraws."""
    key = (_check_activation(activation), int(hidden_units))
    if key not in fits.predictions:
        raise ValueError(
            f"No network was fitted for activation={key[0]!r} and "
            f"hidden_units={key[1]}; fitted: {sorted(fits.predictions)}."
        )
    drawn["fit"].set_ydata(fits.predictions[key])
    parts = fits.parts[key]
    for index, line in enumerate(drawn["parts"]):
        visible = show_parts and index < len(parts)
        line.set_visible(visible)
        if visible:
            line.set_ydata(parts[index])
    units = key[1]
    noun = "unit" if units == 1 else "units"
    drawn["ax"].set_title(
        f"{key[0]}, {units} hidden {noun} ({fits.n_params[units]} parameters): "
        f"mean squared error {fits.errors[key]:.3f}"
    )
    drawn["key"] = key


def _curve_moving_artists(drawn: dict) -> list:
    """Return what a redraw of :func:`plot_curve_fit` paints anew.

    The network's curve, the pool of unit lines and the title change; the
    spines, the noisy points and the legend are painted over the unit
    lines in a full draw, so they are redrawn too, in that order. The
    dashed true curve stays, under them all.
    """
    ax = drawn["ax"]
    return drawing_order(
        [
            *drawn["parts"],
            *ax.spines.values(),
            drawn["points"],
            ax.title,
            drawn["fit"],
            ax.get_legend(),
        ]
    )


class CurveExplorer:
    """A slider for the hidden layer's size and a menu for its activation.

    All the networks are trained once, when the explorer is made (with a
    progress bar), and stored; each move only redraws.

    Parameters
    ----------
    fits : CurveFits, optional
        Networks already fitted (by :func:`fit_curves`). When omitted they
        are fitted now, with ``fit_options`` passed to :func:`fit_curves`.
    hidden_units : int, optional
        Starting size. Defaults to 1.
    activation : str, optional
        Starting activation. Defaults to "tanh".
    show_progress : bool, optional
        Show a progress bar while fitting. Defaults to True.

    Attributes
    ----------
    hidden_units : ipywidgets.SelectionSlider
    activation : ipywidgets.Dropdown
    show_parts : ipywidgets.Checkbox
    status : ipywidgets.HTML
        Says how many networks were trained and how long it took.
    fits, figure, view, drawn, widget
    """

    DEFAULT_TEXT = (
        "Slide **hidden units** from 1 upwards: each unit adds one bend (faint "
        "green lines). How many units does the curve need? Try each activation."
    )

    def __init__(
        self,
        fits: CurveFits | None = None,
        hidden_units: int = 1,
        activation: str = "tanh",
        *,
        show_progress: bool = True,
        text: str = DEFAULT_TEXT,
        **fit_options: Any,
    ):
        if fits is None:
            progress = _Progress("Training the networks", show_progress)
            try:
                fits = fit_curves(progress=progress, **fit_options)
            finally:
                progress.close()
        self.fits = fits
        sizes = fits.hidden_units
        start = hidden_units if hidden_units in sizes else sizes[0]
        self.hidden_units = widgets.SelectionSlider(
            options=sizes,
            value=start,
            description="hidden units",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="360px"),
        )
        names = fits.activations
        self.activation = widgets.Dropdown(
            options=[(label, key) for label, key in ACTIVATION_MENU if key in names],
            value=activation if activation in names else names[0],
            description="activation",
            style={"description_width": "initial"},
        )
        self.show_parts = widgets.Checkbox(
            value=True, description="show what each unit adds", indent=False
        )
        self.status = widgets.HTML(
            f"<small>{len(fits.predictions)} networks trained once, in "
            f"{fits.seconds:.1f} s ({fits.epochs} steps each); moving a control "
            "now only redraws.</small>"
        )
        figure, ax = plt.subplots(figsize=(9, 4.4), dpi=_DPI)
        figure.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.9)
        self.drawn = plot_curve_fit(
            fits, self.activation.value, self.hidden_units.value, ax
        )
        self.figure = figure
        self.view = BlitView(figure, _curve_moving_artists(self.drawn))
        for control in (self.hidden_units, self.activation, self.show_parts):
            control.observe(self._update, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox([self.hidden_units, self.activation, self.show_parts]),
                self.view.output,
                self.status,
            ]
        )
        self.view.redraw()

    def _update(self, change: Any = None) -> None:
        update_curve_fit(
            self.drawn,
            self.fits,
            self.activation.value,
            self.hidden_units.value,
            show_parts=self.show_parts.value,
        )
        self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.widget)


def curve_explorer(fits: CurveFits | None = None, **options: Any) -> CurveExplorer:
    """Return a :class:`CurveExplorer`, training its networks first if needed."""
    return CurveExplorer(fits, **options)


# 4. Capacity: depth and width on the spirals

SPIRAL_DEPTHS = (1, 2, 3)
"""Numbers of hidden layers the spiral explorer offers."""

SPIRAL_WIDTHS = (2, 4, 8, 16)
"""Units per hidden layer the spiral explorer offers."""


@dataclass
class SpiralFits:
    """Networks fitted to the two spirals, one a (depth, width) setting.

    Attributes
    ----------
    X, y : ndarray
        The points, shapes (n_samples, 2) and (n_samples,).
    extent : ndarray of shape (4,)
        The plotted area, as ``imshow`` takes it.
    regions : dict
        ``(depth, width) -> ndarray (resolution, resolution)``: the class
        the network gives each grid point.
    accuracy : dict
        ``(depth, width) -> float``: share of the points it gets right.
    n_params : dict
        ``(depth, width) -> int``.
    activation : str
    epochs, seconds
        Steps per network, and the time all the training took.
    """

    X: np.ndarray
    y: np.ndarray
    extent: np.ndarray
    regions: dict = field(default_factory=dict)
    accuracy: dict = field(default_factory=dict)
    n_params: dict = field(default_factory=dict)
    activation: str = "tanh"
    epochs: int = 0
    seconds: float = 0.0

    @property
    def depths(self) -> list[int]:
        return sorted({depth for depth, _ in self.regions})

    @property
    def widths(self) -> list[int]:
        return sorted({width for _, width in self.regions})


def fit_spirals(
    depths: Sequence[int] = SPIRAL_DEPTHS,
    widths: Sequence[int] = SPIRAL_WIDTHS,
    activation: str = "tanh",
    epochs: int | None = None,
    n_samples: int | None = None,
    seed: int = 0,
    resolution: int = 90,
    progress: Callable[[int, int], None] | None = None,
) -> SpiralFits:
    """Fit a network for every depth and width to the two spirals.

    As in :func:`fit_curves`, each width continues from the trained
    network of the width before (same depth).

    Parameters
    ----------
    depths, widths : sequence of int, optional
        Hidden layers, and units in each. Default to :data:`SPIRAL_DEPTHS`
        and :data:`SPIRAL_WIDTHS`.
    activation : str, optional
        Of the hidden layers. Defaults to "tanh".
    epochs : int, optional
        Full-batch Adam steps per network. Defaults to 1000, or 300 in
        fast mode (with a larger learning rate).
    n_samples : int, optional
        Points in the spirals. Defaults to 300, or 200 in fast mode.
    seed : int, optional
    resolution : int, optional
        Grid points along each axis of the region images. Defaults to 90.
    progress : callable, optional
        Called as ``progress(done, total)`` after each network.

    Returns
    -------
    SpiralFits

    Examples
    --------
    >>> fits = fit_spirals([1], [2], epochs=5, n_samples=20, resolution=10)
    >>> fits.regions[(1, 2)].shape, fits.n_params[(1, 2)]
    ((10, 10), 9)
    """
    depth_list = _check_sizes(depths, "depths")
    width_list = _check_sizes(widths, "widths")
    name = _check_activation(activation)
    epochs = pick(full=1000, fast=300) if epochs is None else int(epochs)
    n_samples = pick(full=300, fast=200) if n_samples is None else int(n_samples)
    if epochs < 1:
        raise ValueError(f"`epochs` must be 1 or more; received {epochs!r}.")
    started = time.perf_counter()
    X, y = spirals(n_samples=n_samples, seed=seed)
    grid, extent = region_grid(X, resolution, margin=0.25)
    fits = SpiralFits(X=X, y=y, extent=extent, activation=name, epochs=epochs)
    learning_rate = pick(full=0.01, fast=0.05)
    total, done = len(depth_list) * len(width_list), 0
    for depth in depth_list:
        params = None
        for width in width_list:
            hidden = [width] * depth
            start = None if params is None else _widen(params, hidden, seed=width)
            params, _ = _fit(
                X, y, hidden, name, "binary", epochs, learning_rate, seed, start
            )
            key = (depth, width)
            fits.regions[key] = predict_regions(
                lambda points, p=params: predict_classes(points, p, name),
                grid,
                resolution,
            )
            fits.accuracy[key] = float(np.mean(predict_classes(X, params, name) == y))
            fits.n_params[key] = count_parameters(params)
            done += 1
            if progress is not None:
                progress(done, total)
    fits.seconds = time.perf_counter() - started
    return fits


def plot_spiral_fit(
    fits: SpiralFits, depth: int, width: int, ax: Axes | None = None
) -> dict:
    """Draw the stored decision region of one (depth, width) and the points.

    Returns
    -------
    dict
        ``"ax"``, ``"regions"`` (AxesImage), ``"points"`` (scatter artists).
    """
    ax = get_ax(ax, figsize=(5.5, 5))
    first = fits.regions[(fits.depths[0], fits.widths[0])]
    image = ax.imshow(
        first,
        origin="lower",
        extent=tuple(fits.extent),
        cmap=ListedColormap(REGION_COLOURS[:2]),
        vmin=-0.5,
        vmax=1.5,
        aspect="equal",
        interpolation="nearest",
        zorder=0,
    )
    points = plot_points(fits.X, fits.y, ax, size=18)
    _plain_input_labels(ax)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    ax.set_xlim(fits.extent[0], fits.extent[1])
    ax.set_ylim(fits.extent[2], fits.extent[3])
    drawn = {"ax": ax, "regions": image, "points": points}
    update_spiral_fit(drawn, fits, depth, width)
    return drawn


def update_spiral_fit(drawn: dict, fits: SpiralFits, depth: int, width: int) -> None:
    """Show the stored region for ``(depth, width)``: only redraws."""
    key = (int(depth), int(width))
    if key not in fits.regions:
        raise ValueError(
            f"No network was fitted for depth={key[0]} and width={key[1]}; "
            f"fitted: {sorted(fits.regions)}."
        )
    drawn["regions"].set_data(fits.regions[key])
    sizes = " \u2192 ".join(["2", *[str(width)] * depth, "1"])
    accuracy = fits.accuracy[key]
    drawn["ax"].set_title(
        f"{sizes}  ({fits.n_params[key]} parameters)\n"
        f"{accuracy:.0%} of the points right",
        color=_GOOD if accuracy >= 0.99 else "black",
    )
    drawn["key"] = key


def _spiral_moving_artists(drawn: dict) -> list:
    """Return what a redraw of :func:`plot_spiral_fit` paints anew.

    The region and the title change; the spines, the points and the
    legend are painted over the region in a full draw, so they are redrawn
    too, after it.
    """
    ax = drawn["ax"]
    return drawing_order(
        [
            drawn["regions"],
            *ax.spines.values(),
            *drawn["points"],
            ax.title,
            ax.get_legend(),
        ]
    )


class SpiralExplorer:
    """Sliders for the depth and the width of a network on the two spirals.

    All (depth, width) networks are trained once, up front, with a progress
    bar; moving a slider only swaps the stored picture.

    Attributes
    ----------
    depth, width : ipywidgets.SelectionSlider
    status : ipywidgets.HTML
    fits, figure, view, drawn, widget
    """

    DEFAULT_TEXT = (
        "Move **hidden layers** and **units per layer**. Which is the smallest "
        "network (fewest parameters) that gets every point right?"
    )

    def __init__(
        self,
        fits: SpiralFits | None = None,
        depth: int = 1,
        width: int = 2,
        *,
        show_progress: bool = True,
        text: str = DEFAULT_TEXT,
        **fit_options: Any,
    ):
        if fits is None:
            progress = _Progress("Training the networks", show_progress)
            try:
                fits = fit_spirals(progress=progress, **fit_options)
            finally:
                progress.close()
        self.fits = fits
        style = {"description_width": "initial"}
        self.depth = widgets.SelectionSlider(
            options=fits.depths,
            value=depth if depth in fits.depths else fits.depths[0],
            description="hidden layers",
            style=style,
            layout=widgets.Layout(width="300px"),
        )
        self.width = widgets.SelectionSlider(
            options=fits.widths,
            value=width if width in fits.widths else fits.widths[0],
            description="units per layer",
            style=style,
            layout=widgets.Layout(width="300px"),
        )
        self.status = widgets.HTML(
            f"<small>{len(fits.regions)} networks ({fits.activation}) trained "
            f"once, in {fits.seconds:.1f} s ({fits.epochs} steps each); moving "
            "a slider now only redraws.</small>"
        )
        figure, ax = plt.subplots(figsize=(5.6, 5.4), dpi=_DPI)
        figure.subplots_adjust(left=0.16, right=0.97, bottom=0.1, top=0.88)
        self.drawn = plot_spiral_fit(fits, self.depth.value, self.width.value, ax)
        self.figure = figure
        self.view = BlitView(figure, _spiral_moving_artists(self.drawn))
        for control in (self.depth, self.width):
            control.observe(self._update, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox([self.depth, self.width]),
                self.view.output,
                self.status,
            ]
        )
        self.view.redraw()

    def _update(self, change: Any = None) -> None:
        update_spiral_fit(self.drawn, self.fits, self.depth.value, self.width.value)
        self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.widget)


def spiral_explorer(fits: SpiralFits | None = None, **options: Any) -> SpiralExplorer:
    """Return a :class:`SpiralExplorer`, training its networks first if needed."""
    return SpiralExplorer(fits, **options)


# 5. A TensorFlow graph, as a table and a picture

_OP_MEANINGS = {
    "Placeholder": "the input, fed in when the function is called",
    "ReadVariableOp": "read the current value of a variable",
    "MatMul": "matrix product",
    "AddV2": "add (element by element)",
    "Add": "add (element by element)",
    "BiasAdd": "add the bias",
    "Relu": "ReLU activation",
    "Sigmoid": "sigmoid activation",
    "Tanh": "tanh activation",
    "Softmax": "softmax",
    "Identity": "the function's result",
}


def _shape_text(tensor: Any) -> str:
    try:
        dims = tensor.shape.as_list()
    except (AttributeError, ValueError):
        return "?"
    if len(dims) == 1:
        return f"({dims[0]},)"
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ")"


def _graph_nodes(graph: Any) -> list[dict]:
    """Return the operations of a graph that carry data, in graph order.

    Skips ``NoOp`` and the placeholders that hold variable handles (their
    reads, ``ReadVariableOp``, stand for the variables).
    """
    graph = getattr(graph, "graph", graph)
    if not hasattr(graph, "get_operations"):
        raise TypeError(
            "`graph` must be a TensorFlow graph or a concrete function (from "
            f"`f.get_concrete_function(...)`); received {type(graph).__name__}."
        )
    nodes = []
    kept = set()
    for op in graph.get_operations():
        outputs = list(op.outputs)
        if op.type == "NoOp" or not outputs:
            continue
        if op.type == "Placeholder" and outputs[0].dtype.name == "resource":
            continue
        inputs = [t.op.name for t in op.inputs if t.op.name in kept]
        if op.type == "Placeholder":
            kind = "input"
        elif op.type == "ReadVariableOp":
            kind = "variable"
        else:
            kind = "operation"
        nodes.append(
            {
                "name": op.name,
                "type": op.type,
                "kind": kind,
                "inputs": inputs,
                "shape": _shape_text(outputs[0]),
                "dtype": outputs[0].dtype.name,
            }
        )
        kept.add(op.name)
    consumers = {name for node in nodes for name in node["inputs"]}
    for node in nodes:
        if node["kind"] == "operation" and node["name"] not in consumers:
            node["kind"] = "output"
    return nodes


def _variable_role(node: dict, nodes: list[dict]) -> str:
    for other in nodes:
        if node["name"] in other["inputs"]:
            if other["type"] == "MatMul":
                return "weights"
            if other["type"] in ("AddV2", "Add", "BiasAdd"):
                return "bias"
    return "variable"


def graph_table(graph: Any):
    """Return the operations of a traced ``tf.function`` as a small table.

    Parameters
    ----------
    graph : tf.Graph or ConcreteFunction
        For example ``f.get_concrete_function(tf.TensorSpec([None, 2],
        tf.float64))``, or its ``.graph``.

    Returns
    -------
    pandas.DataFrame
        One row an operation, in the order TensorFlow runs them, with the
        columns "operation" (TensorFlow's name of the kind of operation),
        "what it does", "name", "takes" (the operations whose results
        flow in; a variable is shown as "weights" or "bias") and "gives
        shape" (``None`` means "any number", here the number of
        examples).

    Notes
    -----
    ``NoOp`` and the handles of variables are left out; each variable
    shows up as the operation that reads it.
    """
    import pandas as pd

    nodes = _graph_nodes(graph)
    roles = {
        node["name"]: _variable_role(node, nodes)
        for node in nodes
        if node["kind"] == "variable"
    }
    rows = []
    for node in nodes:
        meaning = _OP_MEANINGS.get(node["type"], "")
        if node["kind"] == "variable":
            meaning = f"read a variable: the {roles[node['name']]}"
        takes = [roles.get(name, name) for name in node["inputs"]]
        rows.append(
            {
                "operation": node["type"],
                "what it does": meaning,
                "name": node["name"],
                "takes": ", ".join(takes) or "-",
                "gives shape": node["shape"],
            }
        )
    table = pd.DataFrame(rows)
    table.index = pd.RangeIndex(1, len(rows) + 1, name="step")
    return table


_NODE_STYLE = {
    "input": ("#c7e9c0", "#2a7d2a"),
    "variable": ("#fdd0a2", "#c65f00"),
    "operation": ("#c6dbef", "#1f5f9f"),
    "output": ("#dadaeb", "#54278f"),
}


def plot_graph(graph: Any, ax: Axes | None = None) -> dict:
    """Draw a traced ``tf.function`` as boxes (operations) and arrows (tensors).

    The data flows left to right; variables (weights and biases) come in
    from above. Each arrow is labelled with the shape of the tensor it
    carries.

    Parameters
    ----------
    graph : tf.Graph or ConcreteFunction
    ax : Axes, optional
        Where to draw. A new figure, as wide as the graph needs, when omitted.

    Returns
    -------
    dict
        ``"ax"``, ``"boxes"`` (one patch a node), ``"texts"`` (the labels in
        the boxes), ``"arrows"`` (one annotation a tensor), ``"nodes"``.
    """
    nodes = _graph_nodes(graph)
    main = [node for node in nodes if node["kind"] != "variable"]
    place = {node["name"]: (float(i), 0.0) for i, node in enumerate(main)}
    for node in nodes:
        if node["kind"] == "variable":
            consumer = next(
                (other for other in main if node["name"] in other["inputs"]), None
            )
            x = place[consumer["name"]][0] if consumer else 0.0
            place[node["name"]] = (x, 1.25)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.0, 1.3 * len(main)), 2.9), dpi=_DPI)
    half_w, half_h = 0.42, 0.26
    boxes, texts, arrows = [], [], []
    by_name = {node["name"]: node for node in nodes}
    for node in nodes:
        x, y = place[node["name"]]
        face, edge = _NODE_STYLE[node["kind"]]
        box = FancyBboxPatch(
            (x - half_w, y - half_h),
            2 * half_w,
            2 * half_h,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=face,
            edgecolor=edge,
            linewidth=1.4,
        )
        ax.add_patch(box)
        boxes.append(box)
        if node["kind"] == "input":
            label = f"input\n{node['name']}"
        elif node["kind"] == "variable":
            label = _variable_role(node, nodes)
        elif node["kind"] == "output":
            label = f"{node['type']}\n(result)"
        else:
            label = node["type"]
            scope = node["name"].rsplit("/", 1)[0] if "/" in node["name"] else ""
            if scope:
                label += f"\n{scope}"
        texts.append(ax.text(x, y, label, ha="center", va="center", fontsize=8.5))
        for source in node["inputs"]:
            sx, sy = place[source]
            shape = by_name[source]["shape"]
            if sy > y:
                start, end = (sx, sy - half_h), (x, y + half_h)
                text_at, align = ((sx + x) / 2 + 0.06, (sy + y) / 2), "left"
            else:
                start, end = (sx + half_w, sy), (x - half_w, y)
                text_at, align = ((sx + x) / 2, y - 0.42), "center"
            arrows.append(
                ax.annotate(
                    "",
                    xy=end,
                    xytext=start,
                    arrowprops={"arrowstyle": "-|>", "color": "0.3", "lw": 1.2},
                )
            )
            ax.text(*text_at, shape, ha=align, va="center", fontsize=7.5, color="0.25")
    ax.set_xlim(-0.6, len(main) - 0.4)
    ax.set_ylim(-0.65, 1.65)
    ax.set_axis_off()
    ax.set_title(
        "The traced function as a graph: operations are boxes, arrows carry "
        "tensors (their shapes; None = any number of examples)",
        fontsize=9.5,
    )
    return {"ax": ax, "boxes": boxes, "texts": texts, "arrows": arrows, "nodes": nodes}
