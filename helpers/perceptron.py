"""Rosenblatt's perceptron (1958) in numpy, and the pictures that explain it.

A perceptron takes numeric inputs :math:`x_1, x_2, \\dots`, multiplies each
by a weight, adds a bias and passes the sum through a step:

.. math::

    z = w_1 x_1 + w_2 x_2 + b, \\qquad
    \\hat y = \\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}

The convention of the whole course: **a weighted sum of exactly 0 gives 1**
(the same as :func:`helpers.activations.step`).

The module has three layers, as every interactive piece of the course:

- pure functions that compute (:func:`weighted_sum`, :func:`predict`,
  :func:`update`, :func:`train_epoch`, :func:`train`, :func:`decision_line`,
  :func:`weight_arrow`, :func:`perceptron_view`, :func:`describe_view`);
- plotting functions that draw their results and return the artists
  (:func:`plot_perceptron`, :func:`update_perceptron_plot`,
  :func:`plot_error_curve`, :func:`update_error_curve`,
  :func:`plot_step_function`, :func:`plot_neuron`);
- the widgets, in :mod:`helpers.perceptron_widgets`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import MaxNLocator

from helpers.activations import as_float_array
from helpers.activations import step as _step
from helpers.plots import (
    CLASS_COLOURS,
    REGION_COLOURS,
    get_ax,
    plot_decision_regions,
    region_grid,
)

__all__ = [
    "PerceptronView",
    "TrainingHistory",
    "decision_line",
    "describe_view",
    "plot_error_curve",
    "plot_neuron",
    "plot_perceptron",
    "plot_step_function",
    "perceptron_view",
    "predict",
    "train",
    "train_epoch",
    "truth_table",
    "update",
    "update_error_curve",
    "update_perceptron_plot",
    "weight_arrow",
    "weighted_sum",
]

WRONG_COLOUR = "#d62728"
"""Colour of the rings drawn around misclassified points."""

POINT_LABELS = ("should be 0", "should be 1")
"""Legend names of the two classes: the output each point should get."""

_RESOLUTION = 120
_MARGIN = 0.5


# Validation


def _as_inputs(x: Any, name: str = "x") -> np.ndarray:
    """Return ``x`` as a float array of shape (n_features,) or (n, n_features)."""
    array = as_float_array(
        x,
        name,
        "numbers, one point of shape (n_features,) or several of shape "
        "(n_samples, n_features)",
    )
    if array.ndim not in (1, 2) or array.shape[-1] == 0:
        raise ValueError(
            f"`{name}` must have shape (n_features,) for one point or "
            f"(n_samples, n_features) for several; received shape {array.shape}."
        )
    return array


def _as_weights(weights: Any, n_features: int | None = None) -> np.ndarray:
    """Return ``weights`` as a float array of shape (n_features,)."""
    array = as_float_array(weights, "weights", "numbers, one a feature")
    if array.ndim != 1 or (n_features is not None and array.shape[0] != n_features):
        expected = "(n_features,)" if n_features is None else f"({n_features},)"
        raise ValueError(
            f"`weights` must have shape {expected}, one weight an input; "
            f"received shape {array.shape}."
        )
    return array


def _as_number(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        raise TypeError(
            f"`{name}` must be a number; received {type(value).__name__} {value!r}."
        )
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"`{name}` must be a number; received {type(value).__name__} {value!r:.60}."
        ) from None
    if not np.isfinite(number):
        raise ValueError(f"`{name}` must be a finite number; received {value!r}.")
    return number


def _check_data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return ``X`` (n, n_features) and ``y`` (n,) of 0/1, or raise."""
    X = _as_inputs(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"`X` must have shape (n_samples, n_features); received shape {X.shape}."
        )
    y = np.asarray(y)
    if y.shape != (len(X),):
        raise ValueError(
            f"`y` must have shape ({len(X)},) to match `X`; received shape {y.shape}."
        )
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(
            f"`y` must hold only the classes 0 and 1; received the values "
            f"{sorted(set(np.unique(y).tolist()))}."
        )
    return X, y.astype(np.int64)


def _check_limits(limits: Any, name: str) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in limits)
    except (TypeError, ValueError):
        raise TypeError(
            f"`{name}` must be two numbers (low, high); received {limits!r}."
        ) from None
    if not low < high:
        raise ValueError(f"`{name}` must have low < high; received {limits!r}.")
    return low, high


# The perceptron


def weighted_sum(x: Any, weights: Any, bias: float) -> np.ndarray:
    """Return the weighted sum :math:`z = w \\cdot x + b` of one or many points.

    Parameters
    ----------
    x : array_like of shape (n_features,) or (n_samples, n_features)
        One point, or one point a row.
    weights : array_like of shape (n_features,)
        One weight an input.
    bias : float
        Added once to every point's sum.

    Returns
    -------
    float64 scalar, or ndarray of shape (n_samples,), float64
        One sum a point.

    Raises
    ------
    ValueError
        If the shapes of ``x`` and ``weights`` do not fit together.

    Examples
    --------
    >>> float(weighted_sum([1.0, 0.0], [0.5, 0.5], -0.7))
    -0.2
    >>> weighted_sum([[0, 0], [1, 1]], [0.5, 0.5], -0.7)
    array([-0.7,  0.3])
    """
    x = _as_inputs(x)
    weights = _as_weights(weights, x.shape[-1])
    return x @ weights + _as_number(bias, "bias")


def predict(x: Any, weights: Any, bias: float) -> np.ndarray:
    """Return the perceptron's output, 1 where the weighted sum is >= 0, else 0.

    Parameters
    ----------
    x : array_like of shape (n_features,) or (n_samples, n_features)
    weights : array_like of shape (n_features,)
    bias : float

    Returns
    -------
    int64 scalar, or ndarray of shape (n_samples,), int64
        0 or 1 for each point.

    Examples
    --------
    >>> predict([[0, 0], [0, 1], [1, 0], [1, 1]], [1.0, 1.0], -1.5)
    array([0, 0, 0, 1])
    >>> int(predict([1, 0], [1.0, 1.0], -1.0))
    1
    """
    z = weighted_sum(x, weights, bias)
    out = _step(z).astype(np.int64)
    return out[()] if out.ndim == 0 else out


def update(
    x: Any, target: int, weights: Any, bias: float, learning_rate: float = 1.0
) -> tuple[np.ndarray, float]:
    """Apply the perceptron learning rule for one point; return new weights, bias.

    With :math:`\\text{error} = y - \\hat y` (which is -1, 0 or 1):

    .. math::

        w \\leftarrow w + \\eta \\cdot \\text{error} \\cdot x, \\qquad
        b \\leftarrow b + \\eta \\cdot \\text{error}

    A right answer (error 0) changes nothing. The inputs are not modified.

    Parameters
    ----------
    x : array_like of shape (n_features,)
        One point.
    target : {0, 1}
        The output the point should get.
    weights : array_like of shape (n_features,)
    bias : float
    learning_rate : float, optional
        The step size :math:`\\eta`, greater than 0. Defaults to 1.0.

    Returns
    -------
    weights : ndarray of shape (n_features,), float64
    bias : float

    Examples
    --------
    >>> w, b = update([1.0, 1.0], 1, [0.0, -1.0], -0.5, learning_rate=0.5)
    >>> w.tolist(), b
    ([0.5, -0.5], 0.0)
    """
    x = _as_inputs(x)
    if x.ndim != 1:
        raise ValueError(
            f"`x` must be one point of shape (n_features,); received shape {x.shape}."
        )
    weights = _as_weights(weights, x.shape[0])
    bias = _as_number(bias, "bias")
    if target not in (0, 1) or isinstance(target, (bool, np.bool_)):
        raise ValueError(f"`target` must be 0 or 1; received {target!r}.")
    learning_rate = _check_learning_rate(learning_rate)
    error = int(target) - int(predict(x, weights, bias))
    return weights + learning_rate * error * x, bias + learning_rate * error


def _check_learning_rate(learning_rate: Any) -> float:
    value = _as_number(learning_rate, "learning_rate")
    if value <= 0:
        raise ValueError(
            f"`learning_rate` must be greater than 0; received {learning_rate!r}."
        )
    return value


def train_epoch(
    X: Any,
    y: Any,
    weights: Any,
    bias: float,
    learning_rate: float = 1.0,
    order: Any = None,
) -> tuple[np.ndarray, float, int]:
    """Show every point once, updating after each; return weights, bias, mistakes.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Targets, 0 or 1.
    weights : array_like of shape (n_features,)
    bias : float
    learning_rate : float, optional
        Defaults to 1.0.
    order : array_like of int, optional
        The order in which the points are shown. Defaults to as given.

    Returns
    -------
    weights : ndarray of shape (n_features,), float64
    bias : float
    mistakes : int
        How many points were wrong when their turn came (and so caused an
        update).

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> X, y = logic_gate("OR")
    >>> w, b, mistakes = train_epoch(X, y, [0.0, 0.0], 0.0)
    >>> w.tolist(), b, mistakes
    ([0.0, 1.0], 0.0, 2)
    """
    X, y = _check_data(X, y)
    weights = _as_weights(weights, X.shape[1])
    bias = _as_number(bias, "bias")
    learning_rate = _check_learning_rate(learning_rate)
    if order is None:
        order = range(len(X))
    # Plain floats: an epoch is many tiny steps, where numpy's overhead
    # would dominate; the arithmetic is the rule of `update`.
    rows = X.tolist()
    targets = y.tolist()
    w = weights.tolist()
    mistakes = 0
    for i in order:
        row = rows[i]
        z = sum(wj * xj for wj, xj in zip(w, row)) + bias
        error = targets[i] - (1 if z >= 0 else 0)
        if error:
            mistakes += 1
            step = learning_rate * error
            w = [wj + step * xj for wj, xj in zip(w, row)]
            bias += step
    return np.array(w), float(bias), mistakes


@dataclass(frozen=True)
class TrainingHistory:
    """What :func:`train` saw, epoch by epoch (index 0 is before training).

    Attributes
    ----------
    weights : ndarray of shape (epochs + 1, n_features), float64
        The weights after each epoch.
    bias : ndarray of shape (epochs + 1,), float64
        The bias after each epoch.
    errors : ndarray of shape (epochs + 1,), int64
        Points misclassified by the weights and bias after each epoch.
    mistakes : ndarray of shape (epochs + 1,), int64
        Updates made during each epoch (0 for index 0).
    learning_rate : float
    """

    weights: np.ndarray
    bias: np.ndarray
    errors: np.ndarray
    mistakes: np.ndarray
    learning_rate: float
    n_points: int = field(default=0)

    @property
    def epochs(self) -> int:
        """The number of epochs trained."""
        return len(self.errors) - 1

    @property
    def converged_epoch(self) -> int | None:
        """The first epoch after which no point is wrong, or None."""
        done = np.flatnonzero(self.errors == 0)
        return int(done[0]) if done.size else None

    @property
    def converged(self) -> bool:
        """Whether training reached zero errors."""
        return self.converged_epoch is not None

    def at(self, epoch: int) -> tuple[np.ndarray, float]:
        """Return the weights and bias after ``epoch`` epochs."""
        if not isinstance(epoch, (int, np.integer)) or not 0 <= epoch <= self.epochs:
            raise ValueError(
                f"`epoch` must be a whole number from 0 to {self.epochs}; "
                f"received {epoch!r}."
            )
        return self.weights[epoch], float(self.bias[epoch])


def train(
    X: Any,
    y: Any,
    learning_rate: float = 1.0,
    epochs: int = 20,
    *,
    weights: Any = None,
    bias: float = 0.0,
    shuffle: bool = True,
    seed: int = 0,
) -> TrainingHistory:
    """Train a perceptron with the learning rule and keep every epoch's state.

    Training runs all ``epochs`` even after it converges (a perceptron that
    gets every point right makes no more updates), so the history always
    has ``epochs + 1`` rows.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Targets, 0 or 1.
    learning_rate : float, optional
        Greater than 0. Defaults to 1.0.
    epochs : int, optional
        Passes over the data, 1 or more. Defaults to 20.
    weights : array_like of shape (n_features,), optional
        Starting weights. Defaults to random numbers between -1 and 1,
        drawn with ``seed``.
    bias : float, optional
        Starting bias. Defaults to 0.0.
    shuffle : bool, optional
        Show the points in a new random order every epoch. Defaults to True.
    seed : int, optional
        Seed for the starting weights and the order. Defaults to 0.

    Returns
    -------
    TrainingHistory

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> history = train(*logic_gate("OR"), epochs=10)
    >>> history.converged, int(history.errors[-1])
    (True, 0)
    >>> train(*logic_gate("XOR"), epochs=50).converged
    False
    """
    X, y = _check_data(X, y)
    learning_rate = _check_learning_rate(learning_rate)
    if (
        isinstance(epochs, bool)
        or not isinstance(epochs, (int, np.integer))
        or epochs < 1
    ):
        raise ValueError(
            f"`epochs` must be a whole number, 1 or more; received {epochs!r}."
        )
    rng = np.random.default_rng(seed)
    if weights is None:
        w = rng.uniform(-1.0, 1.0, X.shape[1])
    else:
        w = _as_weights(weights, X.shape[1]).copy()
    b = _as_number(bias, "bias")
    all_weights = [w]
    all_bias = [b]
    errors = [int(np.sum(predict(X, w, b) != y))]
    mistakes = [0]
    for _ in range(int(epochs)):
        order = rng.permutation(len(X)) if shuffle else None
        w, b, made = train_epoch(X, y, w, b, learning_rate, order)
        all_weights.append(w)
        all_bias.append(b)
        errors.append(int(np.sum(predict(X, w, b) != y)))
        mistakes.append(made)
    return TrainingHistory(
        weights=np.array(all_weights),
        bias=np.array(all_bias),
        errors=np.array(errors, dtype=np.int64),
        mistakes=np.array(mistakes, dtype=np.int64),
        learning_rate=learning_rate,
        n_points=len(X),
    )


def truth_table(X: Any, y: Any, weights: Any, bias: float) -> Any:
    """Return a table of each point's sum, output and target (a pandas DataFrame).

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> table = truth_table(*logic_gate("AND"), [1.0, 1.0], -1.5)
    >>> table["output ŷ"].tolist(), table["right?"].tolist()
    ([0, 0, 0, 1], ['yes', 'yes', 'yes', 'yes'])
    """
    import pandas as pd

    X, y = _check_data(X, y)
    weights = _as_weights(weights, X.shape[1])
    z = weighted_sum(X, weights, bias)
    out = predict(X, weights, bias)
    table = {f"x{j + 1}": X[:, j] for j in range(X.shape[1])}
    table["sum z"] = np.round(z, 3)
    table["output ŷ"] = out
    table["target y"] = y
    table["right?"] = np.where(out == y, "yes", "NO")
    return pd.DataFrame(table)


# Geometry: the line, the arrow, what a plot shows


def decision_line(weights: Any, bias: float, xlim: Any, ylim: Any) -> np.ndarray | None:
    """Return where the line :math:`w_1 x_1 + w_2 x_2 + b = 0` crosses a box.

    Parameters
    ----------
    weights : array_like of shape (2,)
    bias : float
    xlim, ylim : pair of float
        The box, as ``(low, high)`` along each axis.

    Returns
    -------
    ndarray of shape (2, 2), or None
        The two end points, one a row as ``(x1, x2)``. None when both
        weights are 0 (there is no line) or the line misses the box.

    Examples
    --------
    >>> decision_line([1.0, 1.0], -1.0, (0, 2), (0, 2)).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    >>> decision_line([1.0, 0.0], -0.5, (0, 2), (0, 2)).tolist()
    [[0.5, 0.0], [0.5, 2.0]]
    >>> decision_line([0.0, 0.0], 1.0, (0, 2), (0, 2)) is None
    True
    """
    w1, w2 = _as_weights(weights, 2)
    b = _as_number(bias, "bias")
    x_low, x_high = _check_limits(xlim, "xlim")
    y_low, y_high = _check_limits(ylim, "ylim")
    if w1 == 0 and w2 == 0:
        return None
    tol = 1e-9 * max(x_high - x_low, y_high - y_low)
    found = []
    if w2 != 0:
        for x1 in (x_low, x_high):
            x2 = -(w1 * x1 + b) / w2
            if y_low - tol <= x2 <= y_high + tol:
                found.append((x1, min(max(x2, y_low), y_high)))
    if w1 != 0:
        for x2 in (y_low, y_high):
            x1 = -(w2 * x2 + b) / w1
            if x_low - tol <= x1 <= x_high + tol:
                found.append((min(max(x1, x_low), x_high), x2))
    points = np.array(found).reshape(-1, 2)
    if len(points) < 2:
        return None
    gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    i, j = np.unravel_index(np.argmax(gaps), gaps.shape)
    if gaps[i, j] <= tol:
        return None
    first, second = sorted((i, j))
    return points[[first, second]]


def weight_arrow(
    weights: Any, bias: float, xlim: Any, ylim: Any, length: float = 0.22
) -> np.ndarray | None:
    """Return an arrow along the weight vector, standing on the decision line.

    The arrow starts at the middle of the visible part of the line and
    points along :math:`w`, towards the side the perceptron calls 1. Its
    length is a fixed share of the view (only its direction carries
    meaning), so it stays visible whatever the size of the weights.

    Parameters
    ----------
    weights : array_like of shape (2,)
    bias : float
    xlim, ylim : pair of float
    length : float, optional
        Arrow length as a share of the smaller side of the view. Defaults
        to 0.22.

    Returns
    -------
    ndarray of shape (2, 2), or None
        Start and end point, one a row. None when there is no visible line.

    Examples
    --------
    >>> weight_arrow([0.0, 2.0], -2.0, (0, 2), (0, 2), length=0.5).tolist()
    [[1.0, 1.0], [1.0, 2.0]]
    """
    line = decision_line(weights, bias, xlim, ylim)
    if line is None:
        return None
    w = _as_weights(weights, 2)
    size = min(xlim[1] - xlim[0], ylim[1] - ylim[0]) * length
    start = line.mean(axis=0)
    return np.array([start, start + size * w / np.linalg.norm(w)])


@dataclass(frozen=True)
class PerceptronView:
    """Everything a perceptron plot shows, as numbers (see :func:`perceptron_view`).

    Attributes
    ----------
    weights : ndarray of shape (2,)
    bias : float
    predictions : ndarray of shape (n_samples,), int64
    wrong : ndarray of int64
        Indices of the misclassified points.
    line : ndarray of shape (2, 2) or None
        End points of the visible decision line.
    arrow : ndarray of shape (2, 2) or None
        Start and end of the weight-vector arrow.
    """

    weights: np.ndarray
    bias: float
    predictions: np.ndarray
    wrong: np.ndarray
    line: np.ndarray | None
    arrow: np.ndarray | None

    @property
    def n_wrong(self) -> int:
        """How many points are misclassified."""
        return int(self.wrong.size)

    @property
    def n_points(self) -> int:
        """How many points there are."""
        return int(self.predictions.size)


def perceptron_view(
    X: Any, y: Any, weights: Any, bias: float, xlim: Any, ylim: Any
) -> PerceptronView:
    """Compute what a plot of a 2-input perceptron on data ``X``, ``y`` shows.

    This is the pure part of the explorer widgets: numbers in, numbers out.

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> X, y = logic_gate("AND")
    >>> view = perceptron_view(X, y, [1.0, 1.0], -1.0, (-0.5, 1.5), (-0.5, 1.5))
    >>> view.n_wrong, view.wrong.tolist(), view.line.tolist()
    (2, [1, 2], [[-0.5, 1.5], [1.5, -0.5]])
    """
    X, y = _check_data(X, y)
    weights = _as_weights(weights, 2)
    bias = _as_number(bias, "bias")
    predictions = predict(X, weights, bias)
    return PerceptronView(
        weights=weights,
        bias=bias,
        predictions=predictions,
        wrong=np.flatnonzero(predictions != y),
        line=decision_line(weights, bias, xlim, ylim),
        arrow=weight_arrow(weights, bias, xlim, ylim),
    )


def _fmt(value: float) -> str:
    """Format a number for a title: short, and without a minus zero."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "\u2212")


def _signed(value: float) -> str:
    """Format a number for a sum: negative numbers in brackets."""
    text = _fmt(value)
    return f"({text})" if text.startswith("\u2212") else text


def describe_view(view: PerceptronView, name: str | None = None) -> str:
    """Return a two-line plot title that states the view's live numbers.

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> X, y = logic_gate("OR")
    >>> view = perceptron_view(X, y, [0.0, 0.0], 1.0, (-0.5, 1.5), (-0.5, 1.5))
    >>> print(describe_view(view, "OR"))
    OR: 1 of 4 points wrong
    Both weights are 0: no line, all points get 1
    """
    if view.n_wrong == 0:
        score = f"all {view.n_points} points right"
    else:
        score = f"{view.n_wrong} of {view.n_points} points wrong"
    head = f"{name}: {score}" if name else score[0].upper() + score[1:]
    w1, w2 = view.weights
    if w1 == 0 and w2 == 0:
        side = 1 if view.bias >= 0 else 0
        detail = f"Both weights are 0: no line, all points get {side}"
    elif view.line is None:
        side = int(view.predictions[0]) if view.n_points else 1
        detail = f"The line is out of view: all points get {side}"
    else:
        detail = f"w\u2081 = {_fmt(w1)}, w\u2082 = {_fmt(w2)}, b = {_fmt(view.bias)}"
    return f"{head}\n{detail}"


# Plots


def plot_perceptron(
    X: Any,
    y: Any,
    weights: Any,
    bias: float,
    ax: Axes | None = None,
    *,
    name: str | None = None,
    legend: str | None = "right",
    resolution: int = _RESOLUTION,
) -> dict:
    """Draw a 2-input perceptron on its data: regions, line, arrow, wrong points.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
        Targets, 0 or 1.
    weights : array_like of shape (2,)
    bias : float
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made when omitted.
    name : str, optional
        The data's name, shown at the start of the title.
    legend : {"right", "below", None}, optional
        Where the legend goes: outside the axes on the right, under the
        figure, or nowhere. Defaults to "right".
    resolution : int, optional
        Grid points along each axis of the shaded regions. Defaults to 120.

    Returns
    -------
    dict
        Artists, to be changed in place by :func:`update_perceptron_plot`:
        ``"regions"`` (AxesImage), ``"points"`` (one scatter a class),
        ``"line"`` (Line2D), ``"arrow"`` (FancyArrowPatch), ``"arrow_label"``
        (Text), ``"wrong"`` (scatter of rings), ``"title"`` (Text) and
        ``"legend"``; plus ``"ax"``, ``"grid"``, ``"X"``, ``"y"``,
        ``"name"`` and ``"view"`` (the :class:`PerceptronView` shown).

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> drawn = plot_perceptron(*logic_gate("AND"), [1.0, 1.0], -1.5, name="AND")
    >>> drawn["title"].get_text().splitlines()[0]
    'AND: all 4 points right'
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    X, y = _check_plot_data(X, y)
    if legend not in ("right", "below", None):
        raise ValueError(
            f"`legend` must be 'right', 'below' or None; received {legend!r}."
        )
    weights = _as_weights(weights, 2)
    ax = get_ax(ax)
    drawn = plot_decision_regions(
        lambda grid: predict(grid, weights, bias),
        X,
        y,
        ax,
        resolution=resolution,
        margin=_MARGIN,
        n_classes=2,
    )
    for artist, label in zip(drawn["points"], POINT_LABELS):
        artist.set_label(label)
    # Plain text, not mathtext: these are drawn on every widget redraw.
    ax.set_xlabel("x\u2081 (first input)")
    ax.set_ylabel("x\u2082 (second input)")
    ax.set_aspect("equal", adjustable="box")
    (line,) = ax.plot([], [], color="black", lw=2, zorder=2, label="decision line")
    wrong = ax.scatter(
        np.empty(0),
        np.empty(0),
        s=260,
        facecolors="none",
        edgecolors=WRONG_COLOUR,
        linewidths=2,
        zorder=4,
        label="wrong",
    )
    arrow = FancyArrowPatch(
        (0, 0), (0, 0), arrowstyle="-|>", mutation_scale=16, lw=2, color="black"
    )
    arrow.set_zorder(5)
    ax.add_patch(arrow)
    arrow_label = ax.text(
        0, 0, "w", fontsize=13, style="italic", ha="center", va="center", zorder=5
    )
    # A fixed y spares matplotlib from placing the title on every draw.
    title = ax.set_title("", fontsize=11, y=1.0)
    drawn.update(
        ax=ax,
        X=X,
        y=y,
        name=name,
        line=line,
        wrong=wrong,
        arrow=arrow,
        arrow_label=arrow_label,
        title=title,
        resolution=resolution,
    )
    drawn["legend"] = _perceptron_legend(ax, drawn, legend)
    _whole_number_ticks(ax)
    update_perceptron_plot(drawn, weights, bias)
    return drawn


def _perceptron_legend(ax: Axes, drawn: dict, where: str | None) -> Any:
    handles = [
        *drawn["points"],
        drawn["wrong"],
        drawn["line"],
        Patch(facecolor=REGION_COLOURS[0], edgecolor="grey", label="says 0"),
        Patch(facecolor=REGION_COLOURS[1], edgecolor="grey", label="says 1"),
    ]
    if where is None:
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        return None
    if where == "right":
        return ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.03, 1.0),
            fontsize="small",
            framealpha=0.95,
            borderaxespad=0.0,
        )
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    return ax.figure.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        fontsize="small",
        frameon=False,
        columnspacing=1.2,
        handletextpad=0.4,
    )


def update_perceptron_plot(
    drawn: dict,
    weights: Any,
    bias: float,
    *,
    X: Any = None,
    y: Any = None,
    name: str | None = None,
) -> PerceptronView:
    """Move the artists of :func:`plot_perceptron` to new weights, in place.

    Parameters
    ----------
    drawn : dict
        What :func:`plot_perceptron` returned.
    weights : array_like of shape (2,)
    bias : float
    X, y : array_like, optional
        New data (both or neither): the points, the shaded area and the
        axis limits change to fit it.
    name : str, optional
        New data name for the title (kept when omitted).

    Returns
    -------
    PerceptronView
        The numbers now shown (also stored as ``drawn["view"]``).
    """
    if (X is None) != (y is None):
        raise ValueError("Give both `X` and `y` to change the data, or neither.")
    ax = drawn["ax"]
    if X is not None:
        _set_data(drawn, X, y)
    if name is not None:
        drawn["name"] = name
    weights = _as_weights(weights, 2)
    bias = _as_number(bias, "bias")
    view = perceptron_view(
        drawn["X"], drawn["y"], weights, bias, ax.get_xlim(), ax.get_ylim()
    )
    res = drawn["resolution"]
    drawn["regions"].set_data(predict(drawn["grid"], weights, bias).reshape(res, res))
    if view.line is None:
        drawn["line"].set_data([], [])
    else:
        drawn["line"].set_data(view.line[:, 0], view.line[:, 1])
    drawn["wrong"].set_offsets(drawn["X"][view.wrong].reshape(-1, 2))
    if view.arrow is None:
        drawn["arrow"].set_visible(False)
        drawn["arrow_label"].set_visible(False)
    else:
        start, end = view.arrow
        drawn["arrow"].set_positions(tuple(start), tuple(end))
        drawn["arrow"].set_visible(True)
        label_at = end + 0.28 * (end - start)
        (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()
        inset = 0.05 * min(x_high - x_low, y_high - y_low)
        label_at = np.clip(
            label_at, (x_low + inset, y_low + inset), (x_high - inset, y_high - inset)
        )
        drawn["arrow_label"].set_position(tuple(label_at))
        drawn["arrow_label"].set_visible(True)
    drawn["title"].set_text(describe_view(view, drawn["name"]))
    drawn["view"] = view
    return view


def _check_plot_data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Check data for a perceptron plot: two inputs, both classes present."""
    X, y = _check_data(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"`X` must have shape (n_samples, 2); received {X.shape}.")
    if set(np.unique(y).tolist()) != {0, 1}:
        raise ValueError(
            "`y` must hold both classes, 0 and 1, to be plotted; received only "
            f"{sorted(set(y.tolist()))}."
        )
    return X, y


def _set_data(drawn: dict, X: Any, y: Any) -> None:
    X, y = _check_plot_data(X, y)
    grid, extent = region_grid(X, drawn["resolution"], _MARGIN)
    for k, artist in enumerate(drawn["points"]):
        artist.set_offsets(X[y == k].reshape(-1, 2))
    drawn["regions"].set_extent(tuple(extent))
    ax = drawn["ax"]
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    _whole_number_ticks(ax)
    drawn.update(X=X, y=y, grid=grid)


def _whole_number_ticks(ax: Axes) -> None:
    """Tick the whole numbers only: the 0 and 1 of a gate read at a glance,
    and fixed ticks are cheaper to redraw than ticks placed on every draw."""
    for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        axis.set_ticks(np.arange(np.ceil(low), np.floor(high) + 1))


def plot_error_curve(
    errors: Any, ax: Axes | None = None, *, upto: int | None = None
) -> dict:
    """Draw the number of misclassified points after each epoch.

    Parameters
    ----------
    errors : array_like of shape (epochs + 1,)
        Errors before training (index 0) and after each epoch, as
        :attr:`TrainingHistory.errors`.
    ax : matplotlib Axes, optional
    upto : int, optional
        Draw the curve up to this epoch only (it grows as a widget plays).
        Defaults to the last epoch.

    Returns
    -------
    dict
        ``"curve"`` (Line2D), ``"current"`` (Line2D, one marker),
        ``"title"`` (Text) and ``"ax"``.

    Examples
    --------
    >>> drawn = plot_error_curve([3, 2, 0, 0], upto=1)
    >>> drawn["curve"].get_xdata().tolist(), drawn["curve"].get_ydata().tolist()
    ([0, 1], [3, 2])
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    ax = get_ax(ax)
    ax.axhline(0, color="grey", lw=0.8, ls=":", zorder=1)
    (curve,) = ax.plot([], [], color=CLASS_COLOURS[0], lw=2, marker="o", ms=3.5)
    (current,) = ax.plot([], [], "o", color=WRONG_COLOUR, ms=8, zorder=3)
    ax.set_xlabel("epoch (passes over the data)")
    ax.set_ylabel("points wrong after the epoch")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=True))
    ax.grid(axis="y", alpha=0.3)
    # A fixed y spares matplotlib from placing the title on every draw.
    title = ax.set_title("", fontsize=11, y=1.0)
    drawn = {"ax": ax, "curve": curve, "current": current, "title": title}
    update_error_curve(drawn, errors, upto)
    return drawn


def update_error_curve(drawn: dict, errors: Any, upto: int | None = None) -> None:
    """Change the curve of :func:`plot_error_curve` in place."""
    errors = np.asarray(errors)
    if errors.ndim != 1 or errors.size == 0:
        raise ValueError(
            f"`errors` must have shape (epochs + 1,); received shape {errors.shape}."
        )
    last = len(errors) - 1
    upto = last if upto is None else int(upto)
    if not 0 <= upto <= last:
        raise ValueError(f"`upto` must be from 0 to {last}; received {upto!r}.")
    epochs = np.arange(upto + 1)
    drawn["curve"].set_data(epochs, errors[: upto + 1])
    drawn["current"].set_data([upto], [errors[upto]])
    ax = drawn["ax"]
    ax.set_xlim(-0.5, max(last, 1) + 0.5)
    ax.set_ylim(-0.4, max(int(errors.max()), 1) * 1.1 + 0.4)
    drawn["title"].set_text(
        f"Errors after each epoch\nepoch {upto}: {errors[upto]} wrong"
    )


def plot_step_function(ax: Axes | None = None) -> dict:
    """Draw the step activation, with the convention at :math:`z = 0` marked.

    Returns
    -------
    dict
        ``"lines"`` (two Line2D) and ``"ends"`` (the open and filled dots).

    Examples
    --------
    >>> drawn = plot_step_function()
    >>> drawn["ax"].get_xlabel()
    'weighted sum $z$'
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    ax = get_ax(ax, figsize=(5.5, 3.2))
    left = ax.plot([-3, 0], [0, 0], color=CLASS_COLOURS[0], lw=2.5)[0]
    right = ax.plot([0, 3], [1, 1], color=CLASS_COLOURS[0], lw=2.5)[0]
    open_end = ax.plot(0, 0, "o", ms=8, mfc="white", mec=CLASS_COLOURS[0], mew=2)[0]
    closed_end = ax.plot(0, 1, "o", ms=8, color=CLASS_COLOURS[0])[0]
    ax.axvline(0, color="grey", lw=0.8, ls=":")
    ax.set_xlim(-3, 3)
    ax.set_ylim(-0.25, 1.25)
    ax.set_yticks([0, 1])
    ax.set_xlabel("weighted sum $z$")
    ax.set_ylabel("output $\\hat{y}$")
    ax.set_title("Step activation: 1 when $z \\geq 0$, else 0", fontsize=11)
    ax.annotate(
        "at $z = 0$ exactly\nthe output is 1",
        xy=(0, 1),
        xytext=(-2.6, 0.55),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "grey"},
    )
    return {"ax": ax, "lines": [left, right], "ends": [open_end, closed_end]}


def plot_neuron(x: Any, weights: Any, bias: float, ax: Axes | None = None) -> dict:
    """Draw a 2-input perceptron as a diagram, with the numbers flowing through.

    Parameters
    ----------
    x : array_like of shape (2,)
        The inputs.
    weights : array_like of shape (2,)
    bias : float
    ax : matplotlib Axes, optional

    Returns
    -------
    dict
        ``"texts"`` (every Text drawn), ``"sum"`` and ``"output"`` (the
        numbers shown), and ``"ax"``.

    Examples
    --------
    >>> drawn = plot_neuron([1.0, 0.0], [0.5, 0.5], -0.7)
    >>> round(drawn["sum"], 3), drawn["output"]
    (-0.2, 0)
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    x = _as_inputs(x)
    if x.shape != (2,):
        raise ValueError(f"`x` must have shape (2,); received shape {x.shape}.")
    weights = _as_weights(weights, 2)
    bias = _as_number(bias, "bias")
    z = float(weighted_sum(x, weights, bias))
    out = int(predict(x, weights, bias))
    ax = get_ax(ax, figsize=(7, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4.4)
    ax.axis("off")
    box = {"boxstyle": "circle,pad=0.45", "fc": REGION_COLOURS[0], "ec": "black"}
    node = {"boxstyle": "round,pad=0.5", "fc": "#f2f2f2", "ec": "black"}
    out_box = {"boxstyle": "round,pad=0.5", "fc": REGION_COLOURS[1], "ec": "black"}
    texts = []

    def write(px: float, py: float, text: str, **style: Any) -> None:
        style.setdefault("fontsize", 11)
        texts.append(ax.text(px, py, text, ha="center", va="center", **style))

    def link(start: tuple, end: tuple) -> None:
        ax.annotate(
            "", xy=end, xytext=start, arrowprops={"arrowstyle": "-|>", "lw": 1.4}
        )

    for row, height in enumerate((3.4, 1.0)):
        write(0.8, height, f"$x_{row + 1}$\n{_fmt(x[row])}", bbox=box)
        link((1.45, height), (4.0, 2.45 if row == 0 else 1.95))
        write(
            2.5 if row == 0 else 2.9,
            3.5 if row == 0 else 1.1,
            f"$w_{row + 1}$ = {_fmt(weights[row])}",
            color="#444444",
        )
    write(4.9, 2.2, f"$\\Sigma$ + $b$\n$z$ = {_fmt(z)}", bbox=node)
    write(4.9, 0.45, f"bias $b$ = {_fmt(bias)}", color="#444444")
    link((4.9, 0.75), (4.9, 1.5))
    link((5.85, 2.2), (6.9, 2.2))
    write(7.6, 2.2, "step\n$z \\geq 0$ ?", bbox=node)
    link((8.35, 2.2), (9.0, 2.2))
    write(9.5, 2.2, f"$\\hat{{y}}$\n{out}", bbox=out_box)
    terms = [f"{_signed(x[j])}·{_signed(weights[j])}" for j in range(2)]
    ax.set_title(
        f"{terms[0]} + {terms[1]} + {_signed(bias)} = {_fmt(z)}, "
        f"so the output is {out}",
        fontsize=11,
    )
    return {"ax": ax, "texts": texts, "sum": z, "output": out}
