"""The two digit widgets of notebook 04: browse test digits, draw your own.

* :class:`DigitBrowser` steps through test images with a slider and shows
  each with the model's probability for every digit; a switch limits it
  to the model's mistakes.
* :class:`DrawingPad` is a grid of squares to click into a digit; after
  each click the drawing is made MNIST-like (:func:`helpers.digits.
  prepare_digit`) and the model's probabilities are shown.

Both are thin layers over :mod:`helpers.digits`: they take numpy arrays
and a model (anything with ``predict_on_batch``, or a function from images
to probabilities) and import no TensorFlow themselves. Tests drive them
without a browser by setting ``.value`` on their controls or calling
``.click()`` on the pad's squares.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers.digits import (
    DIGIT_CMAP,
    _images,
    _labels,
    _probabilities,
    plot_probabilities,
    prepare_digit,
    update_probabilities,
)
from helpers.widgets import BlitView, drawing_order, instruction

__all__ = ["DigitBrowser", "DrawingPad", "digit_browser", "drawing_pad"]

_DPI = 80
_PAPER = "white"
_INK = "#222222"


def _moving_artists(image: Any, bars: dict) -> list:
    """What a new digit redraws: the picture and the bar chart, in order.

    The picture's title, the bars, their percentages, the chart's title and
    its x axis (the true digit's tick is green) change; the spines of both
    panels are drawn over the picture and the bars' feet.
    """
    image_ax, bar_ax = image.axes, bars["title"].axes
    return drawing_order(
        [
            image,
            image_ax.title,
            *image_ax.spines.values(),
            *bars["bars"],
            *bars["labels"],
            bars["title"],
            bar_ax.xaxis,
            *bar_ax.spines.values(),
        ]
    )


class DigitBrowser:
    """Step through test digits and see the model's probabilities for each.

    Parameters
    ----------
    images : array of shape (n, 28, 28)
        The test images (bytes or scaled).
    labels : array of shape (n,)
        Their true digits.
    probabilities : array of shape (n, 10)
        The model's probabilities for each image
        (:attr:`helpers.training.Evaluation.probabilities`).
    start : int, optional
        The image shown first. Defaults to 0.
    text : str, optional
        The instruction line above the controls.

    Attributes
    ----------
    position : ipywidgets.IntSlider
        Which image is shown: its index in the test set (from 0), or, with
        only mistakes shown, the number of the mistake (from 1).
    mistakes_only : ipywidgets.ToggleButton
        Limits the list to the images the model got wrong.
    status : ipywidgets.HTML
        One line: which test image this is and what the model said.
    figure, view, picture, bars
        The figure, its :class:`helpers.widgets.BlitView`, the digit's
        AxesImage and the probability artists of
        :func:`helpers.digits.plot_probabilities`.
    widget : ipywidgets.VBox
        Everything, ready to display.
    """

    DEFAULT_TEXT = (
        "Move the slider (or click it and use the arrow keys) to look at test "
        "digits. Switch on **show only mistakes**: are the mistakes digits "
        "you could read?"
    )

    def __init__(
        self,
        images: Any,
        labels: Any,
        probabilities: Any,
        *,
        start: int = 0,
        text: str = DEFAULT_TEXT,
    ):
        self.images = _images(images)
        self.labels = _labels(labels, len(self.images), "labels")
        self.probabilities = _probabilities(probabilities, len(self.images))
        self.predicted = self.probabilities.argmax(axis=1)
        self.mistakes = np.flatnonzero(self.predicted != self.labels)
        if isinstance(start, bool) or not isinstance(start, (int, np.integer)):
            raise TypeError(f"`start` must be a whole number; received {start!r}.")
        if not 0 <= start < len(self.images):
            raise ValueError(
                f"`start` must be from 0 to {len(self.images) - 1}; received {start}."
            )
        self.position = widgets.IntSlider(
            value=int(start),
            min=0,
            max=len(self.images) - 1,
            description="test image",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.mistakes_only = widgets.ToggleButton(
            value=False,
            description=f"show only mistakes ({len(self.mistakes)})",
            icon="filter",
            disabled=len(self.mistakes) == 0,
            layout=widgets.Layout(width="230px"),
            tooltip="Step through the images the model got wrong",
        )
        self.status = widgets.HTML()
        self._switching = False
        self._last_shown = int(start)
        self.figure, (image_ax, bar_ax) = plt.subplots(
            1,
            2,
            figsize=(8.0, 3.0),
            dpi=_DPI,
            gridspec_kw={"width_ratios": [1, 2.2]},
            layout="constrained",
        )
        index = self.current
        self.picture = image_ax.imshow(
            self.images[index],
            cmap=DIGIT_CMAP,
            vmin=0,
            vmax=255 if self.images.max() > 1 else 1,
        )
        image_ax.set_xticks([])
        image_ax.set_yticks([])
        self._image_ax = image_ax
        self.bars = plot_probabilities(
            self.probabilities[index], bar_ax, true_label=int(self.labels[index])
        )
        self.view = BlitView(self.figure, _moving_artists(self.picture, self.bars))
        self.position.observe(self._on_position, names="value")
        self.mistakes_only.observe(self._on_filter, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox([self.position, self.mistakes_only]),
                self.status,
                self.view.output,
            ]
        )
        self._show()

    @property
    def shown(self) -> np.ndarray:
        """Indices of the images the slider steps through now."""
        if self.mistakes_only.value:
            return self.mistakes
        return np.arange(len(self.images))

    @property
    def current(self) -> int:
        """Index (in the test set) of the image shown."""
        if self.mistakes_only.value:
            number = min(max(self.position.value, 1), len(self.mistakes))
            return int(self.mistakes[number - 1])
        return int(self.position.value)

    def _show(self) -> None:
        index = self.current
        self._last_shown = index
        label = int(self.labels[index])
        said = int(self.predicted[index])
        self.picture.set_data(self.images[index])
        self._image_ax.set_title(f"test image {index:,}", fontsize=10)
        update_probabilities(self.bars, self.probabilities[index], true_label=label)
        verdict = (
            "<b style='color:#2ca02c'>right</b>"
            if said == label
            else "<b style='color:#d62728'>wrong</b>"
        )
        where = ""
        if self.mistakes_only.value:
            where = f" (mistake {self.position.value} of {len(self.mistakes)})"
        self.status.value = (
            f"Test image {index:,}{where}: the true digit is <b>{label}</b>, the "
            f"model says <b>{said}</b> "
            f"({self.probabilities[index, said]:.0%} sure), {verdict}."
        )
        self.view.redraw()

    def _on_position(self, change: Any = None) -> None:
        if not self._switching:
            self._show()

    def _on_filter(self, change: Any = None) -> None:
        """Switch the slider between test images (from 0) and mistakes (from 1).

        The image shown stays the same when it can: a mistake keeps its
        place, and leaving the mistakes goes back to the same test image.
        """
        shown_before = self._last_shown
        self._switching = True
        try:
            with self.position.hold_trait_notifications():
                if self.mistakes_only.value:
                    places = np.flatnonzero(self.mistakes == shown_before)
                    self.position.min, self.position.max = 1, len(self.mistakes)
                    self.position.value = int(places[0]) + 1 if places.size else 1
                    self.position.description = "mistake"
                else:
                    self.position.min, self.position.max = 0, len(self.images) - 1
                    self.position.value = shown_before
                    self.position.description = "test image"
        finally:
            self._switching = False
        self._show()

    def _ipython_display_(self) -> None:
        display(self.widget)


def digit_browser(images: Any, labels: Any, probabilities: Any, **options):
    """Return a :class:`DigitBrowser` (see there for the parameters)."""
    return DigitBrowser(images, labels, probabilities, **options)


def _predictor(model: Any) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function from images (n, 28, 28) to probabilities (n, k)."""
    if hasattr(model, "predict_on_batch"):
        return lambda batch: np.asarray(model.predict_on_batch(batch))
    if callable(model):
        return lambda batch: np.asarray(model(batch))
    raise TypeError(
        "`model` must be a Keras model or a function from images of shape "
        f"(n, 28, 28) to probabilities; received {type(model).__name__}."
    )


class DrawingPad:
    """A grid of squares to click into a digit, read by a model as you draw.

    Pick a tool (a pen, a thick pen that inks two squares by two, or an
    eraser) and click squares to draw. After every click the drawing is
    made to look like an MNIST digit (cut to its ink, scaled into a 20 x 20
    box and centred in 28 x 28, by :func:`helpers.digits.prepare_digit`),
    and the model's probabilities for it are shown beside what the model
    sees.

    Parameters
    ----------
    model : keras.Model or callable
        Anything with ``predict_on_batch`` (a Keras model), or a function
        that maps images of shape (n, 28, 28), scaled 0-1, to probabilities
        of shape (n, 10).
    size : int, optional
        Squares along each side, from 8 to 28. Defaults to 14: big enough to
        draw any digit, small enough to click quickly.
    text : str, optional
        The instruction line above the pad.

    Attributes
    ----------
    cells : list of list of ipywidgets.Button
        The squares, ``cells[row][column]``; ``.click()`` one to use the
        tool on it.
    tool : ipywidgets.ToggleButtons
        "pen" inks the square clicked; "thick pen" also the squares to its
        right, below and diagonally below; "eraser" rubs the square out.
    clear : ipywidgets.Button
        Rubs everything out.
    ink : ndarray of shape (size, size), float
        1 where there is ink.
    digit : ndarray of shape (28, 28), float32, or None
        What the model saw last; None while the pad is blank.
    probabilities : ndarray of shape (10,), or None
        The model's last answer; None while the pad is blank.
    widget : ipywidgets.HBox
        Everything, ready to display.
    """

    DEFAULT_TEXT = (
        "Click squares to draw a digit, large and in the middle; the chart "
        "on the right updates after each click. Try the **thick pen**, and "
        "the **eraser** to fix a square."
    )

    def __init__(self, model: Any, *, size: int = 14, text: str = DEFAULT_TEXT):
        self._predict = _predictor(model)
        if isinstance(size, bool) or not isinstance(size, int) or not 8 <= size <= 28:
            raise ValueError(
                f"`size` must be a whole number from 8 to 28; received {size!r}."
            )
        self.size = size
        self.ink = np.zeros((size, size))
        self.digit: np.ndarray | None = None
        self.probabilities: np.ndarray | None = None
        side = f"{max(12, 308 // size)}px"
        self.cells = [
            [self._make_cell(row, column, side) for column in range(size)]
            for row in range(size)
        ]
        grid = widgets.GridBox(
            [cell for row in self.cells for cell in row],
            layout=widgets.Layout(
                grid_template_columns=f"repeat({size}, {side})",
                grid_gap="0px",
                border="2px solid #888",
                width="fit-content",
            ),
        )
        self.clear = widgets.Button(
            description="Clear",
            icon="trash",
            layout=widgets.Layout(width="72px"),
            tooltip="Rub out everything",
        )
        self.clear.on_click(self._on_clear)
        self.tool = widgets.ToggleButtons(
            options=["pen", "thick pen", "eraser"],
            value="pen",
            style={"button_width": "84px"},
            tooltips=["one square", "two squares by two", "rub out one square"],
        )
        self.figure, (seen_ax, bar_ax) = plt.subplots(
            1,
            2,
            figsize=(6.8, 2.8),
            dpi=_DPI,
            gridspec_kw={"width_ratios": [1, 2]},
            layout="constrained",
        )
        self.seen = seen_ax.imshow(np.zeros((28, 28)), cmap=DIGIT_CMAP, vmin=0, vmax=1)
        seen_ax.set_title("what the model sees\n(28 x 28, centred)", fontsize=9)
        seen_ax.set_xticks([])
        seen_ax.set_yticks([])
        self.bars = plot_probabilities(np.zeros(10) + 0.1, bar_ax)
        self.view = BlitView(self.figure, _moving_artists(self.seen, self.bars))
        self.view.output.layout.margin = "0 0 0 16px"
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox(
                    [
                        widgets.VBox(
                            [grid, widgets.HBox([self.tool, self.clear])],
                            layout=widgets.Layout(width="auto", flex="0 0 auto"),
                        ),
                        self.view.output,
                    ],
                    layout=widgets.Layout(align_items="flex-start"),
                ),
            ]
        )
        self.update()

    def _make_cell(self, row: int, column: int, side: str) -> widgets.Button:
        cell = widgets.Button(
            layout=widgets.Layout(
                width=side,
                height=side,
                padding="0",
                margin="0",
                border="1px solid #eee",
            ),
            style=widgets.ButtonStyle(button_color=_PAPER),
            tooltip=f"row {row + 1}, column {column + 1}",
        )
        cell.on_click(lambda _button, r=row, c=column: self._on_cell(r, c))
        return cell

    def _paint(self, row: int, column: int, value: float) -> None:
        self.ink[row, column] = value
        colour = _INK if value else _PAPER
        self.cells[row][column].style.button_color = colour

    def _on_cell(self, row: int, column: int) -> None:
        tool = self.tool.value
        if tool == "eraser":
            self._paint(row, column, 0.0)
        else:
            reach = (
                ((0, 0), (0, 1), (1, 0), (1, 1)) if tool == "thick pen" else ((0, 0),)
            )
            for dr, dc in reach:
                if row + dr < self.size and column + dc < self.size:
                    self._paint(row + dr, column + dc, 1.0)
        self.update()

    def _on_clear(self, _button: Any = None) -> None:
        for row, column in zip(*np.nonzero(self.ink)):
            self._paint(int(row), int(column), 0.0)
        self.update()

    def set_ink(self, image: Any) -> None:
        """Replace the drawing with ``image``, a picture of one digit.

        The picture (any size, ink bright on dark, or dark on light) is
        made MNIST-like and shrunk onto the pad's squares: a quick way to
        see a test digit on the pad, or to start from one and change it.
        """
        digit = prepare_digit(image)
        from PIL import Image

        small = Image.fromarray(digit, mode="F").resize(
            (self.size, self.size), Image.Resampling.BILINEAR
        )
        cells = np.asarray(small) > 0.35
        for row in range(self.size):
            for column in range(self.size):
                if bool(self.ink[row, column]) != bool(cells[row, column]):
                    self._paint(row, column, float(cells[row, column]))
        self.update()

    def update(self) -> None:
        """Read the drawing and show what the model makes of it."""
        if not self.ink.any():
            self.digit = None
            self.probabilities = None
            self.seen.set_data(np.zeros((28, 28)))
            update_probabilities(self.bars, np.zeros(10))
            self.bars["title"].set_text("draw a digit on the squares")
            self.view.redraw()
            return
        self.digit = prepare_digit(self.ink, invert=False)
        probabilities = self._predict(self.digit[np.newaxis])
        self.probabilities = _probabilities(probabilities, 1)[0]
        self.seen.set_data(self.digit)
        update_probabilities(self.bars, self.probabilities)
        self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.widget)


def drawing_pad(model: Any, **options) -> DrawingPad:
    """Return a :class:`DrawingPad` (see there for the parameters)."""
    return DrawingPad(model, **options)
