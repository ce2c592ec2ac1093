"""Pictures of handwritten digits and of what a classifier makes of them.

Notebook 04 uses these to look at MNIST and at a trained model's answers:
a grid of digits, the balance of the classes, a confusion matrix, the
worst mistakes, and one digit's probability bar chart. It also turns a
digit drawn or photographed by the learner into an MNIST-like 28 x 28
image (:func:`prepare_digit`).

Everything here works on numpy arrays: the model's probabilities are
computed elsewhere (:func:`helpers.training.evaluate`), so this module
imports no TensorFlow. Plotting functions take ``ax`` (or ``axes``), make a
figure when none is given, and return the artists they drew.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from helpers.plots import get_ax

__all__ = [
    "CORRECT_COLOUR",
    "WRONG_COLOUR",
    "confusion_matrix",
    "load_digit_image",
    "plot_class_balance",
    "plot_confusion_matrix",
    "plot_digit",
    "plot_digits",
    "plot_mistakes",
    "plot_probabilities",
    "prepare_digit",
    "scale_images",
    "top_confusions",
    "update_probabilities",
    "worst_mistakes",
]

CORRECT_COLOUR = "#2ca02c"
"""Green: a right answer, or the true digit's bar."""

WRONG_COLOUR = "#d62728"
"""Red: a wrong answer."""

NEUTRAL_COLOUR = "#9ecae1"
"""Pale blue: bars that are neither the answer nor the truth."""

DIGIT_CMAP = "gray_r"
"""Ink dark on white paper, as a digit is written."""


# Checking inputs ---------------------------------------------------------


def _images(images: Any, name: str = "images") -> np.ndarray:
    array = np.asarray(images)
    if array.ndim == 2:
        array = array[np.newaxis]
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 3 or array.shape[0] == 0:
        raise ValueError(
            f"`{name}` must be digit images of shape (n, height, width); "
            f"received shape {array.shape}."
        )
    if array.dtype.kind not in "uif":
        raise TypeError(
            f"`{name}` must hold numbers (pixel brightness); received dtype "
            f"{array.dtype}."
        )
    return array


def _labels(labels: Any, count: int, name: str) -> np.ndarray:
    array = np.asarray(labels)
    if array.shape != (count,):
        raise ValueError(
            f"`{name}` must hold one label per image, shape ({count},); "
            f"received shape {array.shape}."
        )
    if array.dtype.kind not in "iu":
        if array.dtype.kind == "f" and np.all(array == np.round(array)):
            array = array.astype(np.int64)
        else:
            raise TypeError(
                f"`{name}` must hold whole-number digits 0 to 9; received "
                f"dtype {array.dtype}."
            )
    return array.astype(np.int64)


def _probabilities(probabilities: Any, count: int | None = None) -> np.ndarray:
    array = np.asarray(probabilities, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] < 2:
        raise ValueError(
            "`probabilities` must have shape (n_samples, n_classes), one row of "
            f"class probabilities per image; received shape {array.shape}."
        )
    if count is not None and len(array) != count:
        raise ValueError(
            f"`probabilities` must have one row per image ({count}); received "
            f"{len(array)} rows."
        )
    return array


def scale_images(images: Any) -> np.ndarray:
    """Scale pixel values from 0-255 to 0-1, as float32.

    Networks learn best from small numbers, so MNIST's bytes (0 = paper,
    255 = ink) are divided by 255.

    Parameters
    ----------
    images : array of shape (n, 28, 28), uint8
        Digits as :func:`helpers.data.load_mnist` returns them.

    Returns
    -------
    ndarray of shape (n, 28, 28), float32
        The same digits, from 0.0 to 1.0.

    Raises
    ------
    ValueError
        If ``images`` is already scaled (its largest value is 1 or less
        while its type is not uint8), so scaling twice is caught.

    Examples
    --------
    >>> scale_images(np.array([[[0, 51, 255]]], dtype=np.uint8)).tolist()
    [[[0.0, 0.2, 1.0]]]
    """
    array = _images(images)
    if array.dtype != np.uint8 and array.size and float(array.max()) <= 1.0:
        raise ValueError(
            "`images` look scaled already: their values run from "
            f"{float(array.min()):g} to {float(array.max()):g}, expected 0 to 255."
        )
    return (array.astype(np.float32) / np.float32(255.0)).astype(np.float32)


# Looking at digits ---------------------------------------------------------


def plot_digit(image: Any, ax: Axes | None = None, *, title: str | None = None):
    """Draw one digit, dark ink on white, without axes.

    Returns
    -------
    matplotlib AxesImage
    """
    picture = _images(image, "image")[0]
    ax = get_ax(ax, figsize=(2.2, 2.2))
    vmax = 255 if picture.dtype == np.uint8 or picture.max() > 1 else 1.0
    drawn = ax.imshow(picture, cmap=DIGIT_CMAP, vmin=0, vmax=vmax)
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title, fontsize=10)
    return drawn


def _grid(count: int, columns: int, axes: Any, size: float) -> tuple[Any, np.ndarray]:
    if axes is not None:
        flat = np.asarray(axes, dtype=object).ravel()
        if len(flat) < count:
            raise ValueError(
                f"`axes` must hold at least {count} axes for {count} digits; "
                f"received {len(flat)}."
            )
        return flat[0].figure, flat
    columns = max(1, min(columns, count))
    rows = int(np.ceil(count / columns))
    figure, grid = plt.subplots(
        rows,
        columns,
        figsize=(size * columns, size * 1.2 * rows),
        squeeze=False,
        layout="constrained",
    )
    flat = grid.ravel()
    for ax in flat[count:]:
        ax.axis("off")
    return figure, flat


def plot_digits(
    images: Any,
    labels: Any = None,
    *,
    predicted: Any = None,
    count: int = 20,
    columns: int = 10,
    axes: Any = None,
) -> dict:
    """Draw the first ``count`` digits in a grid, each with its label.

    Parameters
    ----------
    images : array of shape (n, 28, 28)
        The digits, bytes (0-255) or scaled (0-1).
    labels : array of shape (n,), optional
        The true digits, shown above each image.
    predicted : array of shape (n,), optional
        A model's answers; each title then says both, green when they
        agree and red when they do not.
    count : int, optional
        How many digits to draw. Defaults to 20.
    columns : int, optional
        Digits a row. Defaults to 10.
    axes : array of matplotlib Axes, optional
        Where to draw, one axes a digit. A new figure is made when omitted.

    Returns
    -------
    dict
        ``"figure"``, ``"images"`` (one AxesImage a digit) and
        ``"titles"`` (one Text a digit; empty without labels).

    Examples
    --------
    >>> digits = np.zeros((3, 28, 28), dtype=np.uint8)
    >>> drawn = plot_digits(digits, [7, 2, 1], count=3)
    >>> [t.get_text() for t in drawn["titles"]]
    ['7', '2', '1']
    >>> plt.close("all")
    """
    images = _images(images)
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)):
        raise TypeError(f"`count` must be a whole number; received {count!r}.")
    if count < 1:
        raise ValueError(f"`count` must be 1 or more; received {count!r}.")
    count = min(int(count), len(images))
    if labels is not None:
        labels = _labels(labels, len(images), "labels")
    if predicted is not None:
        predicted = _labels(predicted, len(images), "predicted")
    figure, flat = _grid(count, columns, axes, 1.1)
    drawn: dict = {"figure": figure, "images": [], "titles": []}
    for index in range(count):
        ax = flat[index]
        drawn["images"].append(plot_digit(images[index], ax))
        if labels is None:
            continue
        if predicted is None:
            text, colour = f"{labels[index]}", "black"
        else:
            right = predicted[index] == labels[index]
            text = (
                f"{labels[index]}"
                if right
                else f"{labels[index]}\u2192{predicted[index]}"
            )
            colour = CORRECT_COLOUR if right else WRONG_COLOUR
        drawn["titles"].append(ax.set_title(text, fontsize=10, color=colour, pad=2))
    return drawn


def plot_class_balance(
    y_train: Any, y_test: Any = None, ax: Axes | None = None
) -> list:
    """Draw how many images of each digit there are, side by side.

    Parameters
    ----------
    y_train : array of shape (n,)
        Training labels, digits 0 to 9.
    y_test : array of shape (m,), optional
        Test labels, drawn as a second bar beside each training bar.
    ax : matplotlib Axes, optional

    Returns
    -------
    list of BarContainer
        One container a set (training first); ``bar.get_height()`` is a
        count.

    Examples
    --------
    >>> bars = plot_class_balance(np.array([0, 1, 1, 9]))
    >>> [int(b.get_height()) for b in bars[0]][:3]
    [1, 2, 0]
    >>> plt.close("all")
    """
    y_train = np.asarray(y_train)
    y_train = _labels(y_train, len(y_train), "y_train")
    sets = [("training", y_train, "#1f77b4")]
    if y_test is not None:
        y_test = np.asarray(y_test)
        sets.append(("test", _labels(y_test, len(y_test), "y_test"), "#ff7f0e"))
    ax = get_ax(ax, figsize=(7, 3))
    digits = np.arange(10)
    width = 0.8 / len(sets)
    bars = []
    for index, (name, labels, colour) in enumerate(sets):
        counts = np.bincount(labels, minlength=10)[:10]
        offset = (index - (len(sets) - 1) / 2) * width
        bars.append(
            ax.bar(
                digits + offset,
                counts,
                width=width,
                color=colour,
                label=f"{name} ({len(labels):,} images)",
            )
        )
    ax.set_xticks(digits)
    ax.set_xlabel("digit")
    ax.set_ylabel("number of images")
    ax.set_title("How many images of each digit")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.2)
    ax.legend(loc="upper center", ncol=len(sets), fontsize="small", framealpha=0.9)
    return bars


# Confusion matrix -----------------------------------------------------------


def confusion_matrix(y_true: Any, y_pred: Any, n_classes: int = 10) -> np.ndarray:
    """Count how often each true digit was given each answer.

    Parameters
    ----------
    y_true : array of shape (n,)
        The true digits.
    y_pred : array of shape (n,)
        The model's answers.
    n_classes : int, optional
        Number of classes. Defaults to 10.

    Returns
    -------
    ndarray of shape (n_classes, n_classes), int64
        ``matrix[t, p]`` counts the images of digit ``t`` that the model
        called ``p``: the row is the truth, the column the answer. The
        diagonal holds the right answers.

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], n_classes=3).tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    y_true = np.asarray(y_true)
    y_true = _labels(y_true, len(y_true), "y_true")
    y_pred = _labels(y_pred, len(y_true), "y_pred")
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        if values.size and (values.min() < 0 or values.max() >= n_classes):
            raise ValueError(
                f"`{name}` must hold classes 0 to {n_classes - 1}; received values "
                f"from {values.min()} to {values.max()}."
            )
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def _matrix(matrix: Any) -> np.ndarray:
    array = np.asarray(matrix)
    if array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] < 2:
        raise ValueError(
            "`matrix` must be a square confusion matrix, shape (n_classes, "
            f"n_classes); received shape {array.shape}."
        )
    return array


def top_confusions(matrix: Any, top: int = 5) -> list[tuple[int, int, int]]:
    """List the most frequent mistakes in a confusion matrix.

    Returns
    -------
    list of (true digit, predicted digit, count)
        The largest cells off the diagonal, largest first; cells holding 0
        are left out.

    Examples
    --------
    >>> top_confusions([[5, 2], [7, 9]])
    [(1, 0, 7), (0, 1, 2)]
    """
    array = _matrix(matrix)
    off = array.astype(np.int64).copy()
    np.fill_diagonal(off, 0)
    order = np.argsort(-off, axis=None, kind="stable")[: max(0, int(top))]
    pairs = [(int(i // len(off)), int(i % len(off))) for i in order]
    return [(t, p, int(off[t, p])) for t, p in pairs if off[t, p] > 0]


def plot_confusion_matrix(
    matrix: Any, ax: Axes | None = None, *, title: str | None = None
) -> dict:
    """Draw a confusion matrix with its count in every cell.

    Rows are the true digits and columns the model's answers, so the
    diagonal (shaded green) holds the right answers and every other cell a
    kind of mistake (shaded red, darker for more).

    Parameters
    ----------
    matrix : array of shape (n_classes, n_classes)
        As :func:`confusion_matrix` returns it.
    ax : matplotlib Axes, optional
    title : str, optional
        Defaults to the accuracy the matrix shows.

    Returns
    -------
    dict
        ``"mistakes"``: the AxesImage of the off-diagonal cells;
        ``"texts"``: an (n_classes, n_classes) array of Text, the counts.

    Examples
    --------
    >>> drawn = plot_confusion_matrix([[3, 1], [0, 4]])
    >>> drawn["texts"][0, 1].get_text()
    '1'
    >>> plt.close("all")
    """
    array = _matrix(matrix)
    size = len(array)
    ax = get_ax(ax, figsize=(6.2, 5.4))
    off = np.ma.masked_array(array, mask=np.eye(size, dtype=bool))
    diagonal = np.ma.masked_array(array, mask=~np.eye(size, dtype=bool))
    largest_off = max(1, int(off.max()) if off.count() else 1)
    ax.imshow(diagonal, cmap="Greens", vmin=0, vmax=max(1, int(array.max()) * 1.6))
    image = ax.imshow(off, cmap="Reds", vmin=0, vmax=largest_off * 1.25)
    texts = np.empty((size, size), dtype=object)
    for t in range(size):
        for p in range(size):
            value = int(array[t, p])
            dark = t != p and value > 0.6 * largest_off
            texts[t, p] = ax.text(
                p,
                t,
                str(value),
                ha="center",
                va="center",
                fontsize=9 if size <= 10 else 7,
                color="white" if dark else ("black" if value else "#bbbbbb"),
                fontweight="bold" if t == p else "normal",
            )
    ax.set_xticks(range(size))
    ax.set_yticks(range(size))
    ax.set_xlabel("predicted digit (the model's answer)")
    ax.set_ylabel("true digit")
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    total = int(array.sum())
    if title is None and total:
        title = (
            f"{int(np.trace(array)):,} of {total:,} right "
            f"({np.trace(array) / total:.1%}); off the diagonal: mistakes"
        )
    if title:
        ax.set_title(title, fontsize=10, pad=28)
    return {"mistakes": image, "texts": texts}


# Mistakes and probabilities ----------------------------------------------------


def worst_mistakes(y_true: Any, probabilities: Any, count: int = 12) -> np.ndarray:
    """Return the indices of the model's most confident wrong answers.

    Parameters
    ----------
    y_true : array of shape (n,)
    probabilities : array of shape (n, n_classes)
        The model's probabilities for each image.
    count : int, optional
        How many to return at most. Defaults to 12.

    Returns
    -------
    ndarray of int
        Indices of wrongly classified images, the one the model was surest
        about first.

    Examples
    --------
    >>> p = np.array([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]])
    >>> worst_mistakes([0, 0, 0], p).tolist()
    [2, 1]
    """
    probabilities = _probabilities(probabilities)
    y_true = _labels(y_true, len(probabilities), "y_true")
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    confidence = probabilities[wrong, predicted[wrong]]
    order = np.argsort(-confidence, kind="stable")
    return wrong[order][: max(0, int(count))]


def plot_mistakes(
    images: Any,
    y_true: Any,
    probabilities: Any,
    *,
    count: int = 12,
    columns: int = 6,
    axes: Any = None,
) -> dict:
    """Draw the model's most confident mistakes, each with what it said.

    Each title reads "true 4, said 9 (97%)": the true digit, the model's
    answer and the probability it gave that answer.

    Returns
    -------
    dict
        ``"figure"``, ``"indices"`` (which images, as
        :func:`worst_mistakes`), ``"images"`` and ``"titles"``. With no
        mistakes at all, the figure says so and the lists are empty.

    Examples
    --------
    >>> p = np.array([[0.2, 0.8], [0.9, 0.1]])
    >>> drawn = plot_mistakes(np.zeros((2, 28, 28)), [0, 0], p)
    >>> drawn["titles"][0].get_text()
    'true 0, said 1\\n(80%)'
    >>> plt.close("all")
    """
    images = _images(images)
    probabilities = _probabilities(probabilities, len(images))
    y_true = _labels(y_true, len(images), "y_true")
    indices = worst_mistakes(y_true, probabilities, count)
    if len(indices) == 0:
        ax = get_ax(axes if isinstance(axes, Axes) else None, figsize=(5, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "No mistakes: every image was read right.", ha="center")
        return {"figure": ax.figure, "indices": indices, "images": [], "titles": []}
    figure, flat = _grid(len(indices), columns, axes, 1.6)
    drawn: dict = {"figure": figure, "indices": indices, "images": [], "titles": []}
    for ax, index in zip(flat, indices):
        said = int(probabilities[index].argmax())
        drawn["images"].append(plot_digit(images[index], ax))
        drawn["titles"].append(
            ax.set_title(
                f"true {y_true[index]}, said {said}\n"
                f"({probabilities[index, said]:.0%})",
                fontsize=9,
                color=WRONG_COLOUR,
            )
        )
    return drawn


def _bar_colours(probabilities: np.ndarray, true_label: int | None) -> list[str]:
    said = int(np.argmax(probabilities))
    colours = [NEUTRAL_COLOUR] * len(probabilities)
    if true_label is not None:
        colours[true_label] = CORRECT_COLOUR
    if true_label is None:
        colours[said] = "#1f77b4"
    elif said != true_label:
        colours[said] = WRONG_COLOUR
    return colours


def _one_row(probabilities: Any) -> np.ndarray:
    row = np.asarray(probabilities, dtype=np.float64)
    if row.ndim == 2 and row.shape[0] == 1:
        row = row[0]
    if row.ndim != 1 or row.size < 2:
        raise ValueError(
            "`probabilities` must be one row of class probabilities, shape "
            f"(n_classes,); received shape {row.shape}."
        )
    return row


def _true_label(true_label: Any, size: int) -> int | None:
    if true_label is None:
        return None
    if isinstance(true_label, bool) or not isinstance(true_label, (int, np.integer)):
        raise TypeError(
            f"`true_label` must be a whole number or None; received {true_label!r}."
        )
    if not 0 <= int(true_label) < size:
        raise ValueError(
            f"`true_label` must be from 0 to {size - 1}; received {true_label!r}."
        )
    return int(true_label)


def _colour_ticks(ax: Axes, size: int, true_label: int | None) -> None:
    ax.set_xticks(range(size))
    for k, tick in enumerate(ax.get_xticklabels()):
        right = k == true_label
        tick.set_color(CORRECT_COLOUR if right else "black")
        tick.set_fontweight("bold" if right else "normal")


def _probability_title(row: np.ndarray, true_label: int | None) -> str:
    said = int(row.argmax())
    text = f"the model says {said} ({row[said]:.0%} sure)"
    if true_label is not None:
        text += "  \u2713" if said == true_label else f"; the truth is {true_label}"
    return text


def plot_probabilities(
    probabilities: Any, ax: Axes | None = None, *, true_label: int | None = None
) -> dict:
    """Draw a model's probability for each digit as a bar chart.

    The model's answer (the tallest bar) is blue, or red when it is wrong;
    the true digit, when given, is green.

    Parameters
    ----------
    probabilities : array of shape (n_classes,)
        One row of the model's output (softmax probabilities).
    ax : matplotlib Axes, optional
    true_label : int, optional
        The right answer, if known.

    Returns
    -------
    dict
        ``"bars"`` (a BarContainer), ``"labels"`` (the Text above each bar)
        and ``"title"``; :func:`update_probabilities` changes them in place.

    Examples
    --------
    >>> drawn = plot_probabilities(np.eye(10)[3], true_label=3)
    >>> print(drawn["bars"][3].get_height(), drawn["title"].get_text())
    1.0 the model says 3 (100% sure)  ✓
    >>> plt.close("all")
    """
    row = _one_row(probabilities)
    true_label = _true_label(true_label, row.size)
    ax = get_ax(ax, figsize=(5, 2.8))
    classes = np.arange(row.size)
    bars = ax.bar(classes, row, color=_bar_colours(row, true_label), width=0.7)
    labels = [
        ax.text(k, value + 0.02, f"{value:.0%}", ha="center", va="bottom", fontsize=8)
        for k, value in zip(classes, row)
    ]
    ax.set_ylim(0, 1.15)
    _colour_ticks(ax, row.size, true_label)
    ax.set_xlabel("digit" if true_label is None else "digit (true one in green)")
    ax.set_ylabel("probability")
    title = ax.set_title(_probability_title(row, true_label), fontsize=10)
    return {"bars": bars, "labels": labels, "title": title}


def update_probabilities(
    drawn: dict, probabilities: Any, *, true_label: int | None = None
) -> None:
    """Move the bars of :func:`plot_probabilities` to new probabilities."""
    row = _one_row(probabilities)
    if len(drawn["bars"]) != row.size:
        raise ValueError(
            f"`probabilities` must have {len(drawn['bars'])} values, one per bar; "
            f"received {row.size}."
        )
    true_label = _true_label(true_label, row.size)
    for bar, text, value, colour in zip(
        drawn["bars"], drawn["labels"], row, _bar_colours(row, true_label)
    ):
        bar.set_height(value)
        bar.set_color(colour)
        text.set_y(value + 0.02)
        text.set_text(f"{value:.0%}")
    drawn["title"].set_text(_probability_title(row, true_label))
    ax = drawn["title"].axes
    _colour_ticks(ax, row.size, true_label)
    ax.set_xlabel("digit" if true_label is None else "digit (true one in green)")


# A digit of one's own ---------------------------------------------------------

_BOX = 20
"""MNIST digits fit in a 20 x 20 box, centred by their centre of mass."""


def _greyscale(image: Any) -> np.ndarray:
    array = np.asarray(image)
    if array.dtype == bool:
        array = array.astype(np.float64)
    if array.ndim == 3 and array.shape[-1] in (3, 4):
        if array.shape[-1] == 4:
            alpha = array[..., 3:4].astype(np.float64)
            alpha = alpha / 255.0 if array.dtype == np.uint8 else alpha
            rgb = array[..., :3].astype(np.float64)
            paper = 255.0 if array.dtype == np.uint8 else 1.0
            array = rgb * alpha + paper * (1 - alpha)
        array = array[..., :3].astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    if array.ndim != 2 or min(array.shape) < 2:
        raise ValueError(
            "`image` must be a picture of shape (height, width), or (height, "
            f"width, 3) in colour; received shape {np.asarray(image).shape}."
        )
    if array.dtype.kind not in "uifb":
        raise TypeError(f"`image` must hold numbers; received dtype {array.dtype}.")
    array = array.astype(np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError("`image` holds nan or infinite values.")
    top = array.max()
    if top > 1.0:
        array = array / (255.0 if top <= 255 else top)
    return np.clip(array, 0.0, 1.0)


def _resize(array: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Resize smoothly: Lanczos to shrink (sharp, no aliasing), bilinear to
    enlarge (Lanczos would leave faint ghost strokes around blocky ink)."""
    from PIL import Image

    picture = Image.fromarray(array.astype(np.float32), mode="F")
    shrinking = shape[0] * shape[1] < array.shape[0] * array.shape[1]
    method = Image.Resampling.LANCZOS if shrinking else Image.Resampling.BILINEAR
    resized = picture.resize((shape[1], shape[0]), method)
    return np.clip(np.asarray(resized, dtype=np.float64), 0.0, 1.0)


def prepare_digit(image: Any, *, invert: bool | str = "auto") -> np.ndarray:
    """Make any picture of one digit look like an MNIST digit.

    The steps are those used to make MNIST itself: greyscale; ink bright on
    a dark background; cut to the digit's bounding box; shrink to fit a
    20 x 20 box, keeping its shape; and place it in a 28 x 28 image with
    its centre of mass in the middle.

    Parameters
    ----------
    image : array of shape (height, width) or (height, width, 3 or 4)
        The picture: bytes (0-255) or numbers from 0 to 1, any size.
    invert : bool or "auto", optional
        Whether to swap dark and light. "auto" (the default) inverts when
        the border of the picture is mostly light, as with dark ink on
        white paper.

    Returns
    -------
    ndarray of shape (28, 28), float32
        From 0.0 (paper) to 1.0 (ink), like :func:`scale_images` gives.

    Raises
    ------
    ValueError
        If the picture has the wrong shape or holds no ink at all.

    Examples
    --------
    >>> drawing = np.zeros((14, 14))
    >>> drawing[2:12, 6:8] = 1.0
    >>> digit = prepare_digit(drawing)
    >>> digit.shape, digit.dtype.name, round(float(digit.max()), 1)
    ((28, 28), 'float32', 1.0)
    """
    if invert not in (True, False, "auto"):
        raise ValueError(
            f"`invert` must be True, False or 'auto'; received {invert!r}."
        )
    array = _greyscale(image)
    if invert == "auto":
        border = np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])
        invert = bool(np.median(border) > 0.5)
    if invert:
        array = 1.0 - array
    array = array - np.median(
        np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])
    )
    array = np.clip(array, 0.0, None)
    if array.max() < 0.05:
        raise ValueError(
            "`image` holds no digit: it is blank (or its ink is as light as the "
            "paper). Draw or load a digit first."
        )
    array = array / array.max()
    rows = np.flatnonzero(array.max(axis=1) > 0.1)
    cols = np.flatnonzero(array.max(axis=0) > 0.1)
    array = array[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = array.shape
    scale = _BOX / max(height, width)
    small = _resize(
        array, (max(1, round(height * scale)), max(1, round(width * scale)))
    )
    if small.max() <= 0:
        small = np.ones_like(small)
    small = small / small.max()
    canvas = np.zeros((28, 28))
    total = small.sum()
    ys, xs = np.indices(small.shape)
    centre_y = (ys * small).sum() / total
    centre_x = (xs * small).sum() / total
    top = int(round(14 - centre_y))
    left = int(round(14 - centre_x))
    top = min(max(top, 0), 28 - small.shape[0])
    left = min(max(left, 0), 28 - small.shape[1])
    canvas[top : top + small.shape[0], left : left + small.shape[1]] = small
    return canvas.astype(np.float32)


def load_digit_image(path: str | os.PathLike, *, invert: bool | str = "auto"):
    """Read a picture of one digit (PNG, JPEG, ...) as an MNIST-like image.

    Parameters
    ----------
    path : str or path-like
        The file. Any picture Pillow reads; colour is turned to grey.
    invert : bool or "auto", optional
        As for :func:`prepare_digit`.

    Returns
    -------
    ndarray of shape (28, 28), float32
        Ready for the model, as :func:`prepare_digit` returns it.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not a picture, or holds no digit.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"`path`: there is no file {str(path)!r}.")
    try:
        with Image.open(path) as picture:
            picture.load()
            if picture.mode in ("RGBA", "LA", "P"):
                picture = picture.convert("RGBA")
                white = Image.new("RGBA", picture.size, (255, 255, 255, 255))
                picture = Image.alpha_composite(white, picture)
            array = np.asarray(picture.convert("L"))
    except UnidentifiedImageError as error:
        raise ValueError(
            f"`path`: {str(path)!r} is not a picture Pillow can read ({error})."
        ) from None
    return prepare_digit(array, invert=invert)
