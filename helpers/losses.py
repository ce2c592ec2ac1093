"""Losses: how wrong a network is, as one number to make smaller.

A classifier's last layer gives one score (a *logit*) a class. The softmax
turns the scores into probabilities; the cross-entropy of one example is
``-log(p)``, where ``p`` is the probability given to the true class. It is
0 for the right class with full certainty and grows without limit as
``p`` goes to 0. Training minimises the mean cross-entropy over the data.

The pure functions come first, then two plots that the notebook-03
widgets update in place.

Examples
--------
>>> logits = np.array([[2.0, 1.0, 0.1]])
>>> p = softmax(logits)
>>> np.round(p, 3)
array([[0.659, 0.242, 0.099]])
>>> np.round(cross_entropy(p, [0]), 3)
array([0.417])
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from helpers.activations import as_float_array, softmax

__all__ = [
    "EPSILON",
    "colour_bars",
    "cross_entropy",
    "log_softmax",
    "mean_cross_entropy",
    "mean_squared_error",
    "one_hot",
    "plot_cross_entropy_curve",
    "plot_probabilities",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_gradient",
]

EPSILON = 1e-12
"""Smallest probability :func:`cross_entropy` takes the log of (log(0) is -inf)."""

TRUE_COLOUR = "#2ca02c"
OTHER_COLOUR = "#9ecae1"
PREDICTED_COLOUR = "#1f77b4"


def _check_labels(labels: object, n_samples: int, n_classes: int) -> np.ndarray:
    """Return ``labels`` as an int array of shape (n_samples,), checked."""
    array = np.asarray(labels)
    if array.ndim == 0:
        array = array[None]
    if array.dtype.kind not in "iu" and not (
        array.dtype.kind == "f" and np.all(array == np.round(array))
    ):
        raise TypeError(
            "`labels` must hold whole class numbers such as [0, 2, 1]; "
            f"received {labels!r:.60}."
        )
    if array.shape != (n_samples,):
        raise ValueError(
            f"`labels` must have shape ({n_samples},), one class a row; "
            f"received shape {array.shape}."
        )
    array = array.astype(np.int64)
    if array.size and (array.min() < 0 or array.max() >= n_classes):
        raise ValueError(
            f"`labels` must be classes from 0 to {n_classes - 1}; received "
            f"values from {array.min()} to {array.max()}."
        )
    return array


def _rows(value: object, name: str) -> np.ndarray:
    """Return ``value`` as (n_samples, n_classes); one row if it was 1-D."""
    array = as_float_array(value, name)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] < 1:
        raise ValueError(
            f"`{name}` must have shape (n_samples, n_classes); received shape "
            f"{np.shape(value)}."
        )
    return array


def one_hot(labels: Sequence[int] | np.ndarray, n_classes: int) -> np.ndarray:
    """Return a row of zeros with a 1 at each label's class.

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
    n_classes : int

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)):
        raise TypeError(f"`n_classes` must be a whole number; received {n_classes!r}.")
    if n_classes < 1:
        raise ValueError(f"`n_classes` must be 1 or more; received {n_classes!r}.")
    labels = _check_labels(labels, np.size(labels), int(n_classes))
    encoded = np.zeros((len(labels), int(n_classes)))
    encoded[np.arange(len(labels)), labels] = 1.0
    return encoded


def cross_entropy(
    probabilities: np.ndarray, labels: Sequence[int] | np.ndarray
) -> np.ndarray:
    """Return the cross-entropy of each example: ``-log(p[true class])``.

    .. math:: L = -\\log p_{y}

    Parameters
    ----------
    probabilities : ndarray of shape (n_samples, n_classes), or (n_classes,)
        Each row sums to 1 (a softmax output).
    labels : array-like of int, shape (n_samples,), or an int
        The true class of each row.

    Returns
    -------
    ndarray of shape (n_samples,), float64
        0 when the true class gets probability 1; large when it gets
        nearly 0. Probabilities below :data:`EPSILON` count as
        :data:`EPSILON`, so the loss stays finite (at most about 27.6).

    Examples
    --------
    >>> cross_entropy(np.array([[0.5, 0.5], [1.0, 0.0]]), [1, 0])
    array([0.69314718, 0.        ])
    """
    p = _rows(probabilities, "probabilities")
    labels = _check_labels(labels, len(p), p.shape[1])
    chosen = p[np.arange(len(p)), labels]
    return 0.0 - np.log(np.clip(chosen, EPSILON, 1.0))


def mean_cross_entropy(
    probabilities: np.ndarray, labels: Sequence[int] | np.ndarray
) -> float:
    """Return the mean cross-entropy over a data set: the loss we minimise.

    .. math:: \\mathcal{L} = -\\frac{1}{n} \\sum_{i=1}^{n} \\log p_{i, y_i}

    Examples
    --------
    >>> round(mean_cross_entropy(np.array([[0.5, 0.5], [1.0, 0.0]]), [1, 0]), 4)
    0.3466
    """
    return float(cross_entropy(probabilities, labels).mean())


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Return ``log(softmax(logits))`` along the last axis, without overflow.

    Uses ``z - max(z) - log(sum(exp(z - max(z))))``, which stays exact
    where taking the log of a tiny softmax output would give ``-inf``.

    Examples
    --------
    >>> log_softmax(np.array([[1000.0, 0.0]]))
    array([[    0., -1000.]])
    """
    z = as_float_array(logits, "logits")
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax_cross_entropy(
    logits: np.ndarray, labels: Sequence[int] | np.ndarray
) -> np.ndarray:
    """Return the cross-entropy of each example straight from the logits.

    The same as ``cross_entropy(softmax(logits), labels)`` but computed
    with :func:`log_softmax`, so it stays exact for very wrong, very sure
    predictions (Keras calls this ``from_logits=True``).

    Parameters
    ----------
    logits : ndarray of shape (n_samples, n_classes)
    labels : array-like of int, shape (n_samples,)

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> softmax_cross_entropy(np.array([[0.0, 50.0]]), [0])
    array([50.])
    """
    z = _rows(logits, "logits")
    labels = _check_labels(labels, len(z), z.shape[1])
    return -log_softmax(z)[np.arange(len(z)), labels]


def softmax_cross_entropy_gradient(
    logits: np.ndarray, labels: Sequence[int] | np.ndarray
) -> np.ndarray:
    """Return the gradient of the *mean* softmax cross-entropy w.r.t. the logits.

    It is remarkably simple: ``(softmax(logits) - one_hot(labels)) / n``.
    Each score is pushed down by the probability it got, and the true
    class's score is pushed up by 1.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), the dtype of ``logits``

    Examples
    --------
    >>> softmax_cross_entropy_gradient(np.array([[0.0, 0.0]]), [1])
    array([[ 0.5, -0.5]])
    """
    z = np.asarray(logits)
    if z.dtype.kind != "f":
        z = z.astype(float)
    z = z if z.ndim == 2 else _rows(z, "logits")
    labels = _check_labels(labels, len(z), z.shape[1])
    shifted = z - z.max(axis=1, keepdims=True)
    grad = np.exp(shifted)
    grad /= grad.sum(axis=1, keepdims=True)
    grad[np.arange(len(z)), labels] -= 1
    grad /= len(z)
    return grad


def mean_squared_error(predictions: np.ndarray, targets: np.ndarray) -> float:
    """Return the mean of the squared differences (the loss for numbers).

    .. math:: \\mathcal{L} = \\frac{1}{n} \\sum_i (\\hat y_i - y_i)^2

    Examples
    --------
    >>> mean_squared_error(np.array([1.0, 3.0]), np.array([1.0, 1.0]))
    2.0
    """
    predictions = as_float_array(predictions, "predictions")
    targets = as_float_array(targets, "targets")
    if predictions.shape != targets.shape:
        raise ValueError(
            "`predictions` and `targets` must have the same shape; received "
            f"{predictions.shape} and {targets.shape}."
        )
    return float(((predictions - targets) ** 2).mean())


def plot_probabilities(
    probabilities: Sequence[float] | np.ndarray,
    ax: Axes | None = None,
    *,
    true_class: int | None = None,
    class_names: Sequence[str] | None = None,
) -> dict:
    """Draw one example's class probabilities as bars, with their values.

    The most probable class (the prediction) is drawn dark blue; the true
    class, if given, green.

    Parameters
    ----------
    probabilities : array-like of shape (n_classes,)
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made when omitted.
    true_class : int, optional
        The class to mark as the right answer.
    class_names : sequence of str, optional
        Tick labels. Defaults to "0", "1", ...

    Returns
    -------
    dict
        ``"bars"``: the BarContainer; ``"labels"``: one Text a bar.

    Examples
    --------
    >>> drawn = plot_probabilities([0.2, 0.7, 0.1])
    >>> [round(float(bar.get_height()), 1) for bar in drawn["bars"]]
    [0.2, 0.7, 0.1]
    >>> plt.close("all")
    """
    p = as_float_array(probabilities, "probabilities")
    if p.ndim != 1 or p.size < 1:
        raise ValueError(
            "`probabilities` must be one example's probabilities, shape "
            f"(n_classes,); received shape {p.shape}."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    n = p.size
    names = list(class_names) if class_names is not None else [str(k) for k in range(n)]
    bars = ax.bar(np.arange(n), p, color=OTHER_COLOUR, edgecolor="black", lw=0.6)
    labels = [
        ax.text(k, p[k] + 0.02, f"{p[k]:.2f}", ha="center", va="bottom", fontsize=9)
        for k in range(n)
    ]
    ax.set_xticks(np.arange(n), names)
    ax.set_ylim(0, 1.12)
    ax.set_xlabel("class")
    ax.set_ylabel("probability")
    drawn = {"bars": bars, "labels": labels}
    colour_bars(drawn, p, true_class)
    return drawn


def colour_bars(drawn: dict, probabilities: np.ndarray, true_class=None) -> None:
    """Colour the bars of :func:`plot_probabilities`: predicted and true class."""
    predicted = int(np.argmax(probabilities))
    for k, bar in enumerate(drawn["bars"]):
        if true_class is not None and k == true_class:
            bar.set_facecolor(TRUE_COLOUR)
        elif k == predicted:
            bar.set_facecolor(PREDICTED_COLOUR)
        else:
            bar.set_facecolor(OTHER_COLOUR)


def plot_cross_entropy_curve(probability: float = 0.5, ax: Axes | None = None) -> dict:
    """Draw ``-log(p)`` against ``p`` with a point at ``probability``.

    Returns
    -------
    dict
        ``"curve"``: the Line2D of the curve; ``"point"``: the marker at
        ``(probability, -log(probability))``; ``"guide"``: the dashed line
        from the point down to the axis.

    Examples
    --------
    >>> drawn = plot_cross_entropy_curve(0.25)
    >>> round(float(drawn["point"].get_ydata()[0]), 3)
    1.386
    >>> plt.close("all")
    """
    probability = float(probability)
    if not 0 < probability <= 1:
        raise ValueError(
            f"`probability` must be in (0, 1]; received probability={probability!r}."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    p = np.linspace(0.005, 1.0, 300)
    (curve,) = ax.plot(p, -np.log(p), color="0.3", lw=2, label="−log(p)")
    loss = -np.log(probability)
    (guide,) = ax.plot(
        [probability, probability], [0, loss], ls="--", color=TRUE_COLOUR, lw=1
    )
    (point,) = ax.plot(
        [probability],
        [loss],
        marker="o",
        ms=10,
        color=TRUE_COLOUR,
        markeredgecolor="black",
        zorder=5,
    )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 5.5)
    ax.set_xlabel("probability given to the true class, p")
    ax.set_ylabel("cross-entropy −log(p)")
    ax.legend(loc="upper right")
    return {"curve": curve, "point": point, "guide": guide}
