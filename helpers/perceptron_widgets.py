"""The two perceptron explorers of notebook 01: steer by hand, watch it learn.

Both are thin layers over :mod:`helpers.perceptron`: a control changes a
number, the pure functions there compute what to show, the artists of one
figure are moved in place and :meth:`helpers.widgets.BlitView.redraw`
shows the result. Nothing is recomputed that did not change: the training
explorer trains once per learning rate and data set, and its epoch slider
only looks up the stored history.

Tests and learners can drive both without a browser by setting ``.value``
on their controls (``explorer.w1.value = 0.5``).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers.data import logic_gate, two_clouds
from helpers.perceptron import (
    PerceptronView,
    TrainingHistory,
    _as_number,
    _as_weights,
    plot_error_curve,
    plot_perceptron,
    train,
    update_error_curve,
    update_perceptron_plot,
)
from helpers.widgets import BlitView, drawing_order, instruction, labelled_slider

__all__ = [
    "DATASETS",
    "PerceptronExplorer",
    "TrainingExplorer",
    "load_dataset",
    "perceptron_explorer",
    "training_explorer",
]

DATASETS = {
    "AND": "AND gate",
    "OR": "OR gate",
    "NAND": "NAND gate",
    "XOR": "XOR gate",
    "clouds": "two clouds",
}
"""The data sets both explorers offer: key to the name shown."""

_CLOUD_POINTS = 40
_DPI = 100


def load_dataset(key: str) -> tuple[np.ndarray, np.ndarray]:
    """Return the data set ``key`` of :data:`DATASETS` as ``(X, y)``.

    Examples
    --------
    >>> X, y = load_dataset("clouds")
    >>> X.shape, int(y.sum())
    ((40, 2), 20)
    """
    if key not in DATASETS:
        raise ValueError(
            f"`dataset` must be one of {list(DATASETS)}; received {key!r}."
        )
    if key == "clouds":
        return two_clouds(n_samples=_CLOUD_POINTS, seed=0)
    return logic_gate(key)


def _dataset_menu(value: str) -> widgets.Dropdown:
    if value not in DATASETS:
        raise ValueError(
            f"`dataset` must be one of {list(DATASETS)}; received {value!r}."
        )
    return widgets.Dropdown(
        options=[(label, key) for key, label in DATASETS.items()],
        value=value,
        description="data",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="200px"),
    )


def _moving_artists(drawn: dict) -> list:
    """What a weight change redraws in a perceptron plot, in drawing order.

    The shaded regions change, so everything painted over them is redrawn
    too: the points, the line, the rings, the arrow, the spines, the title.
    """
    return drawing_order(
        [
            drawn["regions"],
            *drawn["points"],
            drawn["line"],
            drawn["wrong"],
            drawn["arrow"],
            drawn["arrow_label"],
            *drawn["ax"].spines.values(),
            drawn["title"],
        ]
    )


class PerceptronExplorer:
    """Sliders for the two weights and the bias of a perceptron, on a plot.

    The plot shows the points, the decision line, the two shaded
    half-planes, the weight vector as an arrow and rings around the points
    that are wrong; its title counts them.

    Parameters
    ----------
    dataset : str, optional
        A key of :data:`DATASETS`. Defaults to "AND".
    weights : pair of float, optional
        Starting weights. Defaults to (1.0, 1.0).
    bias : float, optional
        Starting bias. Defaults to 0.0.
    text : str, optional
        The instruction line shown above the controls.

    Attributes
    ----------
    data : ipywidgets.Dropdown
    w1, w2, bias : ipywidgets.FloatSlider
    view : helpers.widgets.BlitView
    drawn : dict
        The artists, as :func:`helpers.perceptron.plot_perceptron` returns.
    widget : ipywidgets.VBox
        Everything, ready to display.
    """

    DEFAULT_TEXT = (
        "Pick **AND gate** and move the sliders until the title says "
        "**all 4 points right**. Then do the same for **OR gate**."
    )

    def __init__(
        self,
        dataset: str = "AND",
        weights: tuple[float, float] = (1.0, 1.0),
        bias: float = 0.0,
        *,
        text: str = DEFAULT_TEXT,
    ):
        self.data = _dataset_menu(dataset)
        w1, w2 = _as_weights(weights, 2)
        bias = _as_number(bias, "bias")
        for name, value in (("weights", w1), ("weights", w2), ("bias", bias)):
            if not -3.0 <= value <= 3.0:
                shown = tuple(float(w) for w in (w1, w2)) if name == "weights" else bias
                raise ValueError(
                    f"`{name}` must be between -3 and 3, the sliders' range; "
                    f"received {shown}."
                )
        self.w1 = labelled_slider("weight w\u2081", w1, -3.0, 3.0, 0.05, width="330px")
        self.w2 = labelled_slider("weight w\u2082", w2, -3.0, 3.0, 0.05, width="330px")
        self.bias = labelled_slider("bias b", float(bias), -3.0, 3.0, 0.05)
        figure, ax = plt.subplots(figsize=(5.8, 4.2), dpi=_DPI)
        figure.subplots_adjust(left=0.12, right=0.7, bottom=0.14, top=0.86)
        X, y = load_dataset(dataset)
        self.drawn = plot_perceptron(
            X, y, self._weights(), self.bias.value, ax, name=DATASETS[dataset]
        )
        ax.set_anchor("W")
        self.figure = figure
        self.view = BlitView(figure, _moving_artists(self.drawn))
        for slider in (self.w1, self.w2, self.bias):
            slider.observe(self._on_weights, names="value")
        self.data.observe(self._on_data, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                self.data,
                widgets.HBox([self.w1, self.w2]),
                self.bias,
                self.view.output,
            ]
        )
        self.view.redraw()

    def _weights(self) -> tuple[float, float]:
        return (self.w1.value, self.w2.value)

    @property
    def state(self) -> PerceptronView:
        """The numbers the plot shows now (line, wrong points, count)."""
        return self.drawn["view"]

    def _on_weights(self, change: Any = None) -> None:
        update_perceptron_plot(self.drawn, self._weights(), self.bias.value)
        self.view.redraw()

    def _on_data(self, change: Any = None) -> None:
        X, y = load_dataset(self.data.value)
        update_perceptron_plot(
            self.drawn,
            self._weights(),
            self.bias.value,
            X=X,
            y=y,
            name=DATASETS[self.data.value],
        )
        self.view.invalidate()  # new data: new ticks
        self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.widget)


class TrainingExplorer:
    """Play a perceptron's training epoch by epoch, with its error curve.

    The whole training is computed when the learning rate or the data
    changes; the epoch slider (and its play button) only show a stored
    epoch. The left plot is the perceptron after that epoch, with the
    points it still gets wrong ringed; the right plot is the number of
    wrong points after each epoch so far.

    Parameters
    ----------
    dataset : str, optional
        A key of :data:`DATASETS`. Defaults to "OR".
    learning_rate : float, optional
        Starting learning rate, from 0.01 to 1. Defaults to 0.1.
    epochs : int, optional
        How many epochs to train, 1 or more. Defaults to 30.
    seed : int, optional
        Seed of the starting weights and of the order of the points.
    text : str, optional
        The instruction line shown above the controls.

    Attributes
    ----------
    data : ipywidgets.Dropdown
    learning_rate : ipywidgets.FloatLogSlider
    epoch : ipywidgets.IntSlider
    play : ipywidgets.Play
        Linked to ``epoch``: it moves the slider one epoch a tick.
    history : helpers.perceptron.TrainingHistory
        The training shown.
    view : helpers.widgets.BlitView
    widget : ipywidgets.VBox
    """

    DEFAULT_TEXT = (
        "Press **\u25b6** to play the training (or drag **epoch**): watch the "
        "line move and the ringed points disappear. Then try a learning rate "
        "of 0.01 and of 1, and pick **XOR gate**."
    )

    def __init__(
        self,
        dataset: str = "OR",
        learning_rate: float = 0.1,
        epochs: int = 30,
        *,
        seed: int = 0,
        text: str = DEFAULT_TEXT,
    ):
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise ValueError(
                f"`epochs` must be a whole number, 1 or more; received {epochs!r}."
            )
        if not 0.01 <= float(learning_rate) <= 1.0:
            raise ValueError(
                f"`learning_rate` must be from 0.01 to 1; received {learning_rate!r}."
            )
        self.seed = seed
        self.data = _dataset_menu(dataset)
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-2,
            max=0,
            step=0.1,
            description="learning rate \u03b7",
            readout_format=".2f",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="360px"),
        )
        self.epoch = widgets.IntSlider(
            value=0,
            min=0,
            max=epochs,
            description="epoch",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="360px"),
        )
        self.play = widgets.Play(
            value=0, min=0, max=epochs, step=1, interval=700, description="play"
        )
        self._link = widgets.link((self.play, "value"), (self.epoch, "value"))
        self.X, self.y = load_dataset(dataset)
        self.history = self._train()
        figure, (left, right) = plt.subplots(
            1, 2, figsize=(8.0, 3.9), dpi=_DPI, width_ratios=(1.0, 1.05)
        )
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.22, top=0.85, wspace=0.32
        )
        weights, bias = self.history.at(0)
        self.drawn = plot_perceptron(
            self.X,
            self.y,
            weights,
            bias,
            left,
            name=self._title_name(0),
            legend="below",
        )
        self.curve = plot_error_curve(self.history.errors, right, upto=0)
        self.figure = figure
        curve = [self.curve[key] for key in ("curve", "current", "title")]
        curve += right.spines.values()  # markers at 0 touch the bottom spine
        self.view = BlitView(
            figure, [*_moving_artists(self.drawn), *drawing_order(curve)]
        )
        self.epoch.observe(self._on_epoch, names="value")
        self.learning_rate.observe(self._on_training, names="value")
        self.data.observe(self._on_training, names="value")
        self.widget = widgets.VBox(
            [
                instruction(text),
                widgets.HBox([self.data, self.learning_rate]),
                widgets.HBox([self.play, self.epoch]),
                self.view.output,
            ]
        )
        self._show()

    def _train(self) -> TrainingHistory:
        return train(
            self.X,
            self.y,
            learning_rate=self.learning_rate.value,
            epochs=self.epoch.max,
            seed=self.seed,
        )

    def _title_name(self, epoch: int) -> str:
        return f"{DATASETS[self.data.value]}, epoch {epoch}"

    @property
    def state(self) -> PerceptronView:
        """The numbers the left plot shows now (line, wrong points, count)."""
        return self.drawn["view"]

    def _show(self) -> None:
        epoch = self.epoch.value
        weights, bias = self.history.at(epoch)
        update_perceptron_plot(self.drawn, weights, bias, name=self._title_name(epoch))
        update_error_curve(self.curve, self.history.errors, epoch)
        done = self.history.converged_epoch
        if done is None and epoch == self.history.epochs:
            verdict = f"never 0 in {self.history.epochs} epochs"
        elif done is not None and done <= epoch:
            verdict = f"all right from epoch {done}"
        else:
            verdict = f"{self.history.errors[epoch]} wrong after epoch {epoch}"
        self.curve["title"].set_text(f"Points wrong after each epoch\n{verdict}")
        self.view.redraw()

    def _on_epoch(self, change: Any = None) -> None:
        self._show()

    def _on_training(self, change: Any = None) -> None:
        if change is not None and change["owner"] is self.data:
            self.X, self.y = load_dataset(self.data.value)
            update_perceptron_plot(self.drawn, *self.history.at(0), X=self.X, y=self.y)
        self.history = self._train()
        self._show()

    def _ipython_display_(self) -> None:
        display(self.widget)


def perceptron_explorer(
    dataset: str = "AND",
    weights: tuple[float, float] = (1.0, 1.0),
    bias: float = 0.0,
    **options: Any,
) -> PerceptronExplorer:
    """Return a :class:`PerceptronExplorer`; a notebook cell shows it.

    Outside Jupyter each redraw prints the figure's size instead of
    showing it; the example hides that text.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     explorer = perceptron_explorer("OR", weights=(1.0, 1.0), bias=-0.5)
    ...     explorer.bias.value = 0.5
    >>> explorer.state.n_wrong
    1
    """
    return PerceptronExplorer(dataset, weights, bias, **options)


def training_explorer(
    dataset: str = "OR", learning_rate: float = 0.1, epochs: int = 30, **options: Any
) -> TrainingExplorer:
    """Return a :class:`TrainingExplorer`; a notebook cell shows it.

    Outside Jupyter each redraw prints the figure's size instead of
    showing it; the example hides that text.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     trainer = training_explorer("OR")
    ...     trainer.epoch.value = trainer.epoch.max
    >>> trainer.state.n_wrong
    0
    """
    return TrainingExplorer(dataset, learning_rate, epochs, **options)
