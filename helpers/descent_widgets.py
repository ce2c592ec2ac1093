"""The widgets of notebook 03: softmax, cross-entropy and gradient descent.

Each is a thin layer over :mod:`helpers.losses` and :mod:`helpers.descent`:
a control changes a number, the pure functions compute, the artists of one
figure made once are moved in place, and
:meth:`helpers.widgets.FigureView.redraw` shows the result. Contours are
drawn once; only paths, bars and titles change.

Tests and learners drive them without a browser by setting ``.value`` on
their controls, for example ``explorer.learning_rate.value = 1.5``; every
explorer keeps the text of its headline in :attr:`title` and what the run
did in :attr:`summary`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from helpers.descent import (
    PATH_COLOURS,
    SCHEDULES,
    DescentPath,
    RunSummary,
    describe_run,
    get_surface,
    gradient_descent,
    line_data,
    line_surface,
    loss_grid,
    minibatch_descent,
    plot_contours,
    plot_loss_curve,
    plot_path,
    update_path,
)
from helpers.losses import (
    OTHER_COLOUR,
    TRUE_COLOUR,
    colour_bars,
    plot_cross_entropy_curve,
    plot_probabilities,
    softmax,
)
from helpers.widgets import BlitView, FigureView, instruction, labelled_slider

__all__ = [
    "BATCH_SIZES",
    "CrossEntropyExplorer",
    "DecayExplorer",
    "DescentExplorer",
    "LocalMinimaExplorer",
    "MiniBatchExplorer",
    "SoftmaxExplorer",
    "TrainingPlot",
]

_DPI = 80
_STYLE = {"description_width": "initial"}
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200)
"""Batch sizes offered by :class:`MiniBatchExplorer` (200 is all the data)."""

_VERDICT_COLOURS = {
    "converged": "#1a7f37",
    "zigzag": "#b35900",
    "slow": "#b35900",
    "rolling": "#b35900",
    "bouncing": "#c62828",
    "growing": "#c62828",
    "diverged": "#c62828",
}


_LOG_STEP = 0.01
"""Step of the log-scale sliders, in powers of ten (about 2.3 % a step)."""


def _on_log_grid(value: float) -> float:
    """Return the value a log-scale slider actually takes nearest ``value``."""
    return float(10 ** (round(np.log10(value) / _LOG_STEP) * _LOG_STEP))


def _log_slider(description: str, value: float, low: float, high: float, **kw):
    """Return a slider that moves on a log scale from ``low`` to ``high``."""
    if not low <= value <= high:
        raise ValueError(
            f"`{kw.pop('name', 'learning_rate')}` must be from {low} to {high}; "
            f"received {value!r}."
        )
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=float(np.log10(low)),
        max=float(np.log10(high)),
        step=_LOG_STEP,
        description=description,
        readout_format=kw.pop("readout_format", ".2g"),
        style=_STYLE,
        layout=widgets.Layout(width=kw.pop("width", "360px")),
        **kw,
    )


def _int_slider(description: str, value: int, low: int, high: int, step: int = 1):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"`{description}` must be a whole number; received {value!r}.")
    if not low <= value <= high:
        raise ValueError(
            f"`{description}` must be from {low} to {high}; received {value!r}."
        )
    return widgets.IntSlider(
        value=int(value),
        min=low,
        max=high,
        step=step,
        description=description,
        style=_STYLE,
        layout=widgets.Layout(width="360px"),
    )


class _Explorer:
    """What every explorer shares: a figure view, a title, display."""

    figure: Figure
    view: BlitView
    widget: widgets.VBox
    title: str = ""
    _layout_controls: tuple = ()
    """Controls that change a still part (axis limits): they redraw it all."""

    def _show(
        self, figure: Figure, text: str, rows: list[Any], dynamic: list[Artist]
    ) -> None:
        self.figure = figure
        self._headline = figure.suptitle(" ", fontsize=11.5, y=0.985, va="top")
        self.view = BlitView(figure, [self._headline, *dynamic])
        self.widget = widgets.VBox([instruction(text), *rows, self.view.output])

    def _watch(self, *controls: widgets.Widget) -> None:
        for control in controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, change: Any = None) -> None:
        owner = change.get("owner") if isinstance(change, dict) else None
        if any(owner is control for control in self._layout_controls):
            self.view.invalidate()
        self.update()
        self.view.redraw()

    def update(self) -> None:  # pragma: no cover - every explorer overrides it
        raise NotImplementedError

    def _set_title(self, text: str, verdict: str | None = None) -> None:
        """Write the headline above the plots, coloured by the verdict."""
        self.title = text
        self._headline.set_text(_wrap(text))
        self._headline.set_color(_VERDICT_COLOURS.get(verdict, "black"))

    def _ipython_display_(self) -> None:
        display(self.widget)


def _wrap(text: str, width: int = 95) -> str:
    """Break a long title at the colon (or a space) into two lines."""
    if len(text) <= width:
        return text
    cut = text.find(": ")
    if 0 < cut < len(text) - 2:
        return text[: cut + 1] + "\n" + text[cut + 2 :]
    cut = text.rfind(" ", 0, width)
    return text[:cut] + "\n" + text[cut + 1 :] if cut > 0 else text


# Softmax and cross-entropy.


class SoftmaxExplorer(_Explorer):
    """Sliders for the scores of each class; bars of the softmax probabilities.

    Parameters
    ----------
    n_classes : int, optional
        Classes shown at first, from 3 to 10. Defaults to 4.
    logits : sequence of float, optional
        Starting scores (up to 10, each from -5 to 5). Defaults to
        2, 1, 0.1, -1, then 0.
    text : str, optional
        The instruction line.

    Attributes
    ----------
    classes : ipywidgets.IntSlider
        How many classes (3 to 10); unused score sliders are hidden.
    logits : list of ipywidgets.FloatSlider
        One score slider a class (10 in all).
    probabilities : ndarray
        The softmax of the scores of the classes shown.
    """

    MAX_CLASSES = 10
    DEFAULT_TEXT = (
        "Move the **scores**: the bars always add up to 1 and keep the order of "
        "the scores. Raise one score by 1: its probability grows about e = 2.7 "
        "times compared with the others."
    )

    def __init__(
        self,
        n_classes: int = 4,
        logits=None,
        *,
        text: str = DEFAULT_TEXT,
    ):
        self.classes = _int_slider("classes", n_classes, 3, self.MAX_CLASSES)
        start = np.zeros(self.MAX_CLASSES)
        start[:4] = [2.0, 1.0, 0.1, -1.0]
        if logits is not None:
            given = np.asarray(logits, dtype=float).ravel()
            if given.size > self.MAX_CLASSES or np.any(np.abs(given) > 5):
                raise ValueError(
                    "`logits` must be at most 10 scores, each from -5 to 5; "
                    f"received {logits!r}."
                )
            start[: given.size] = given
        self.logits = [
            labelled_slider(
                f"score z{k}", float(start[k]), -5.0, 5.0, 0.1, width="260px"
            )
            for k in range(self.MAX_CLASSES)
        ]
        figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), dpi=_DPI)
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.16, top=0.78, wspace=0.25
        )
        n = self.MAX_CLASSES
        self._score_bars = left.bar(
            np.arange(n), start, color=OTHER_COLOUR, edgecolor="black", lw=0.6
        )
        left.axhline(0, color="black", lw=0.8)
        left.set_ylim(-5.5, 5.5)
        left.set_xlabel("class")
        left.set_ylabel("score (logit)")
        left.set_title("scores: any number", fontsize=10)
        self.drawn = plot_probabilities(np.full(n, 1 / n), right)
        right.set_title("probabilities: softmax of the scores", fontsize=10)
        self._axes = (left, right)
        grid = widgets.GridBox(
            self.logits,
            layout=widgets.Layout(grid_template_columns="repeat(3, 270px)"),
        )
        dynamic = [*self._score_bars, *self.drawn["bars"], *self.drawn["labels"]]
        self._layout_controls = (self.classes,)
        self._show(figure, text, [self.classes, grid], dynamic)
        self._watch(self.classes, *self.logits)
        self.update()
        self.view.redraw()

    def update(self) -> None:
        """Recompute the probabilities and move the bars."""
        n = self.classes.value
        z = np.array([s.value for s in self.logits[:n]])
        self.probabilities = softmax(z)
        for k, slider in enumerate(self.logits):
            slider.layout.display = None if k < n else "none"
        for k in range(self.MAX_CLASSES):
            shown = k < n
            for part in (self._score_bars[k], self.drawn["bars"][k]):
                part.set_visible(shown)
            self.drawn["labels"][k].set_visible(shown)
            if shown:
                self._score_bars[k].set_height(z[k])
                p = self.probabilities[k]
                self.drawn["bars"][k].set_height(p)
                self.drawn["labels"][k].set_position((k, p + 0.02))
                self.drawn["labels"][k].set_text(f"{p:.2f}")
        colour_bars(self.drawn, np.r_[self.probabilities, np.zeros(10 - n)])
        best = int(self.probabilities.argmax())
        for k, bar in enumerate(self._score_bars):
            bar.set_facecolor("#1f77b4" if k == best else OTHER_COLOUR)
        for ax in self._axes:
            ax.set_xlim(-0.6, n - 0.4)
            ax.set_xticks(np.arange(n), [str(k) for k in range(n)])
        self._set_title(
            f"softmax: predicted class {best} with probability "
            f"{self.probabilities[best]:.2f}; the bars sum to "
            f"{self.probabilities.sum():.2f}",
        )


class CrossEntropyExplorer(_Explorer):
    """A slider for the probability of the true class, on the -log(p) curve.

    Attributes
    ----------
    probability : ipywidgets.FloatSlider
        The probability the network gives the true class ("cat").
    loss : float
        The cross-entropy ``-log(probability)``.
    """

    CLASS_NAMES = ("cat", "dog", "fox")
    DEFAULT_TEXT = (
        "The true answer is **cat**. Move the slider: a confident right answer "
        "costs almost nothing, a confident wrong one costs a lot. What is the "
        "loss at p = 1? At p = 0.5? At p = 0.01?"
    )

    def __init__(self, probability: float = 0.6, *, text: str = DEFAULT_TEXT):
        if not 0.01 <= probability <= 1:
            raise ValueError(
                f"`probability` must be from 0.01 to 1; received {probability!r}."
            )
        self.probability = labelled_slider(
            "p(true class = cat)", probability, 0.01, 1.0, 0.01, readout_format=".2f"
        )
        figure, (left, right) = plt.subplots(
            1, 2, figsize=(10, 3.6), dpi=_DPI, gridspec_kw={"width_ratios": [2, 3]}
        )
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.16, top=0.78, wspace=0.25
        )
        self.bars = plot_probabilities(
            [probability, 0.0, 0.0], left, true_class=0, class_names=self.CLASS_NAMES
        )
        left.set_title("the network's answer (green: true class)", fontsize=10)
        self.curve = plot_cross_entropy_curve(probability, right)
        right.set_title("the loss of this one example", fontsize=10)
        self._right = right
        dynamic = [
            *self.bars["bars"],
            *self.bars["labels"],
            self.curve["guide"],
            self.curve["point"],
        ]
        self._show(figure, text, [self.probability], dynamic)
        self._watch(self.probability)
        self.update()
        self.view.redraw()

    def update(self) -> None:
        """Move the bars and the point on the curve."""
        p = float(self.probability.value)
        rest = 1.0 - p
        shares = np.array([p, 0.6 * rest, 0.4 * rest])
        for k, bar in enumerate(self.bars["bars"]):
            bar.set_height(shares[k])
            self.bars["labels"][k].set_position((k, shares[k] + 0.02))
            self.bars["labels"][k].set_text(f"{shares[k]:.2f}")
        self.bars["bars"][0].set_facecolor(TRUE_COLOUR)
        self.loss = float(-np.log(p))
        self.curve["point"].set_data([p], [self.loss])
        self.curve["guide"].set_data([p, p], [0, self.loss])
        if p >= 0.995:
            words = "right and certain: no loss"
        elif p >= 0.5:
            words = "right, but not certain"
        elif p == shares.max():
            words = "right, barely"
        else:
            words = "wrong: another class is more probable"
        self._set_title(
            f"p = {p:.2f}: cross-entropy = -log({p:.2f}) = {self.loss:.2f} ({words})",
        )


# Gradient descent on a curve and on a bowl.

_PRESETS = {
    "parabola": (
        ("too small", 0.01),
        ("good", 0.3),
        ("zig-zag", 0.9),
        ("too large", 1.1),
    ),
    "bowl": (
        ("too small", 0.005),
        ("good", 0.1),
        ("zig-zag", 0.19),
        ("too large", 0.25),
    ),
}


_SUPERSCRIPTS = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def _power_of_ten(value: float, _position=None) -> str:
    """Label a log-axis tick as 10 with a superscript, without mathtext."""
    if value <= 0:
        return ""
    exponent = int(np.round(np.log10(value)))
    if exponent in (0, 1):
        return f"{10**exponent}"
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


def _log_y(ax) -> None:
    """Put the y axis on a log scale with a few labelled ticks (cheap to draw).

    Tick labels are plain text with Unicode superscripts: matplotlib's
    default log labels are mathtext, which is slow to lay out on every
    redraw.
    """
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(numticks=5))
    ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax.yaxis.set_minor_locator(NullLocator())


def _loss_axes(ax, log: bool = True) -> dict:
    """Prepare the loss-per-step panel and return its line."""
    (line,) = ax.plot([0], [1], color="#d62728", marker="o", ms=3, lw=1.4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if log:
        _log_y(ax)
    ax.set_xlabel("step")
    ax.set_ylabel("loss" + (" (log scale)" if log else ""))
    ax.grid(True, alpha=0.3)
    return {"line": line}


def _set_loss_line(ax, line, path: DescentPath, floor: float | None = None):
    """Show a run's losses; the y range stays fixed so runs compare by eye.

    Losses below ``floor`` are drawn at the floor (a log axis cannot show
    0); the x range follows the number of steps asked for. The loss of a
    step that left the escape box comes last, so a diverging run's curve
    shoots up out of the panel.
    """
    losses = path.losses
    if path.escaped is not None:
        losses = np.append(losses, path.escaped[-1])
    if floor is not None:
        losses = np.maximum(losses, floor)
    line.set_data(np.arange(len(losses)), losses)
    ax.set_xlim(0, max(path.steps, 1))


def _off_chart_note(ax):
    """Return a hidden note that says the path leaves the picture."""
    return ax.text(
        0.5,
        0.04,
        "",
        transform=ax.transAxes,
        ha="center",
        fontsize=9,
        color="#c62828",
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"},
        zorder=7,
    )


def _show_off_chart(note, ax, drawn: dict) -> None:
    """Show the note when a point of the path lies outside the axes."""
    x, y = (np.asarray(v, dtype=float) for v in drawn["line"].get_data())
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    outside = np.any((x < x0) | (x > x1) | (y < y0) | (y > y1))
    note.set_text("the path leaves the picture" if outside else "")


class DescentExplorer(_Explorer):
    """Gradient descent on a curve (1-D) or a long bowl (2-D), step by step.

    The left plot shows the loss and the path of the weights; the right plot
    the loss after each step on a log scale. The title says what happened:
    slow, reached the minimum, zig-zagging or diverged.

    Parameters
    ----------
    surface : {"parabola", "bowl"}, optional
        Defaults to "parabola".
    learning_rate : float, optional
        Starting learning rate, from 0.001 to 2. Defaults to 0.1.
    steps : int, optional
        Steps, from 1 to 100. Defaults to 20.
    text : str, optional
        The instruction line.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
    steps : ipywidgets.IntSlider
    start : list of ipywidgets.FloatSlider
        One slider a weight, for the starting point.
    presets : list of ipywidgets.Button
        "too small", "good", "zig-zag", "too large": set the learning rate.
    path : helpers.descent.DescentPath
    summary : helpers.descent.RunSummary
    """

    _LOSS_RANGE = {"parabola": (1e-6, 1e4), "bowl": (1e-6, 1e5)}
    DEFAULT_TEXT = (
        "Press the four buttons, then move the **learning rate**: find the "
        "largest one that still reaches the minimum, and watch what happens "
        "just above it."
    )

    def __init__(
        self,
        surface: str = "parabola",
        learning_rate: float = 0.1,
        steps: int = 20,
        *,
        text: str = DEFAULT_TEXT,
    ):
        if surface not in _PRESETS:
            raise ValueError(
                f"`surface` must be one of {list(_PRESETS)}; received {surface!r}."
            )
        self.surface = get_surface(surface)
        self.learning_rate = _log_slider(
            "learning rate \u03b7", learning_rate, 0.001, 2.0
        )
        self.steps = _int_slider("steps", steps, 1, 100)
        names = (
            ["start w"]
            if self.surface.dimension == 1
            else ["start w\u2081", "start w\u2082"]
        )
        self.start = [
            labelled_slider(name, float(v), low + 0.5, high - 0.5, 0.25, width="260px")
            for name, v, (low, high) in zip(
                names, self.surface.start, self.surface.bounds, strict=True
            )
        ]
        self.presets = []
        for label, wanted in _PRESETS[surface]:
            rate = _on_log_grid(wanted)
            button = widgets.Button(
                description=f"{label} ({rate:.2g})",
                layout=widgets.Layout(width="150px"),
                tooltip=f"set the learning rate to {rate:.2g}",
            )
            button.on_click(
                lambda _, rate=rate: setattr(self.learning_rate, "value", rate)
            )
            self.presets.append(button)
        figure, (left, right) = plt.subplots(
            1, 2, figsize=(10.5, 4.0), dpi=_DPI, gridspec_kw={"width_ratios": [3, 2]}
        )
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.13, top=0.78, wspace=0.22
        )
        if self.surface.dimension == 1:
            plot_loss_curve(self.surface, left)
            left.set_title(self.surface.caption, fontsize=10)
        else:
            plot_contours(self.surface, left)
            left.set_title(f"{self.surface.caption} (darker is lower)", fontsize=10)
        self._note = _off_chart_note(left)
        self.path = self._run()
        self.drawn = plot_path(self.path, left)
        self._loss = _loss_axes(right)
        right.set_ylim(*self._LOSS_RANGE[surface])
        right.set_title("loss after each step", fontsize=10)
        self._axes = (left, right)
        rows = [
            widgets.HBox(self.presets),
            widgets.HBox([self.learning_rate, self.steps]),
            widgets.HBox(self.start),
        ]
        dynamic = [*self.drawn.values(), self._note, self._loss["line"]]
        self._layout_controls = (self.steps,)
        self._show(figure, text, rows, dynamic)
        self._watch(self.learning_rate, self.steps, *self.start)
        self.update()
        self.view.redraw()

    def _run(self) -> DescentPath:
        return gradient_descent(
            self.surface,
            [s.value for s in self.start],
            self.learning_rate.value,
            self.steps.value,
        )

    def update(self) -> None:
        """Rerun gradient descent and move the path."""
        self.path = self._run()
        self.summary: RunSummary = describe_run(self.path, self.surface)
        update_path(self.drawn, self.path)
        _show_off_chart(self._note, self._axes[0], self.drawn)
        floor = self._LOSS_RANGE[self.surface.name][0]
        _set_loss_line(self._axes[1], self._loss["line"], self.path, floor)
        self._set_title(
            f"learning rate {self.learning_rate.value:.2g}: {self.summary.message}",
            self.summary.verdict,
        )


class LocalMinimaExplorer(_Explorer):
    """Gradient descent on hills and valleys, with momentum as an option.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
    momentum : ipywidgets.FloatSlider
    steps : ipywidgets.IntSlider
    start : list of two ipywidgets.FloatSlider
    path : helpers.descent.DescentPath
    summary : helpers.descent.RunSummary
        ``summary.minimum`` is 0 for the deepest minimum.
    """

    DEFAULT_TEXT = (
        "Move the **start**: which valley do you end in? Then, from a start that "
        "ends in a local minimum, raise the **momentum** to 0.9 and the learning "
        "rate to 1: can the ball roll over the ridge into the deepest valley?"
    )

    def __init__(
        self,
        learning_rate: float = 0.2,
        momentum: float = 0.0,
        steps: int = 80,
        *,
        text: str = DEFAULT_TEXT,
    ):
        self.surface = get_surface("hills")
        self.learning_rate = _log_slider(
            "learning rate \u03b7", learning_rate, 0.01, 3.0
        )
        self.momentum = labelled_slider("momentum", float(momentum), 0.0, 0.95, 0.05)
        self.steps = _int_slider("steps", steps, 1, 200)
        self.start = [
            labelled_slider(name, float(v), -3.75, 3.75, 0.25, width="260px")
            for name, v in zip(
                ["start w\u2081", "start w\u2082"], self.surface.start, strict=True
            )
        ]
        figure, (left, right) = plt.subplots(
            1, 2, figsize=(10.5, 4.2), dpi=_DPI, gridspec_kw={"width_ratios": [3, 2]}
        )
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.13, top=0.78, wspace=0.25
        )
        plot_contours(self.surface, left, levels=18)
        left.set_title(
            "hills and valleys seen from above (darker is lower)", fontsize=10
        )
        self._note = _off_chart_note(left)
        for k, (point, loss) in enumerate(
            zip(self.surface.minima, self.surface.minimum_losses, strict=True)
        ):
            left.annotate(
                ["deepest", "local", "shallow"][k],
                point,
                xytext=(6, 6),
                textcoords="offset points",
                fontsize=9,
                color="black",
            )
            right.axhline(loss, color="0.6", ls="--", lw=0.8)
            right.annotate(
                ["deepest minimum", "local minimum", "shallow minimum"][k],
                (0, loss),
                xytext=(2, 2),
                textcoords="offset points",
                fontsize=8,
                color="0.4",
            )
        self.path = self._run()
        self.drawn = plot_path(self.path, left)
        self._loss = _loss_axes(right, log=False)
        right.set_ylim(-1.8, 2.2)
        right.set_title("loss after each step", fontsize=10)
        self._axes = (left, right)
        rows = [
            widgets.HBox([self.learning_rate, self.momentum]),
            widgets.HBox([*self.start, self.steps]),
        ]
        dynamic = [*self.drawn.values(), self._note, self._loss["line"]]
        self._layout_controls = (self.steps,)
        self._show(figure, text, rows, dynamic)
        self._watch(self.learning_rate, self.momentum, self.steps, *self.start)
        self.update()
        self.view.redraw()

    def _run(self) -> DescentPath:
        return gradient_descent(
            self.surface,
            [s.value for s in self.start],
            self.learning_rate.value,
            self.steps.value,
            momentum=self.momentum.value,
        )

    def update(self) -> None:
        """Rerun gradient descent and move the path."""
        self.path = self._run()
        self.summary = describe_run(self.path, self.surface)
        update_path(self.drawn, self.path)
        _show_off_chart(self._note, self._axes[0], self.drawn)
        _set_loss_line(self._axes[1], self._loss["line"], self.path)
        verdict = self.summary.verdict
        if verdict == "converged" and self.summary.minimum != 0:
            verdict = "slow"
        self._set_title(
            f"momentum {self.momentum.value:.2f}: {self.summary.message}", verdict
        )


class DecayExplorer(_Explorer):
    """Three schedules of the learning rate on the same bowl, side by side.

    Noisy gradients (as with small mini-batches) keep a constant learning
    rate jittering around the minimum; a decaying one settles.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
        The rate at step 0, for all three.
    decay_rate : ipywidgets.FloatSlider
        Factor kept every ``decay_every`` steps.
    decay_every : ipywidgets.IntSlider
    gradient_noise : ipywidgets.FloatSlider
    steps : ipywidgets.IntSlider
    paths : dict of str to DescentPath
        One run a schedule.
    """

    DEFAULT_TEXT = (
        "With noisy gradients, the **constant** rate (red) never settles. "
        "Compare the final losses in the title; then make the decay too fast "
        "(decay every 2 steps): the decaying paths stop before the minimum."
    )
    LABELS = {
        "constant": "constant",
        "step": "step decay",
        "exponential": "exponential decay",
    }

    def __init__(
        self,
        learning_rate: float = 0.15,
        decay_rate: float = 0.5,
        decay_every: int = 10,
        gradient_noise: float = 3.0,
        steps: int = 60,
        *,
        text: str = DEFAULT_TEXT,
    ):
        self.surface = get_surface("bowl")
        self.learning_rate = _log_slider(
            "learning rate at step 0", learning_rate, 0.01, 0.2
        )
        self.decay_rate = labelled_slider(
            "decay rate", float(decay_rate), 0.1, 1.0, 0.05
        )
        self.decay_every = _int_slider("decay every (steps)", decay_every, 1, 40)
        self.gradient_noise = labelled_slider(
            "gradient noise", float(gradient_noise), 0.0, 6.0, 0.5
        )
        self.steps = _int_slider("steps", steps, 5, 150)
        figure = plt.figure(figsize=(10.5, 4.4), dpi=_DPI)
        grid = figure.add_gridspec(2, 2, width_ratios=[3, 2], hspace=0.5, wspace=0.22)
        left = figure.add_subplot(grid[:, 0])
        top = figure.add_subplot(grid[0, 1])
        bottom = figure.add_subplot(grid[1, 1])
        figure.subplots_adjust(left=0.07, right=0.98, bottom=0.12, top=0.8)
        plot_contours(self.surface, left)
        left.set_title("the long bowl, with noisy gradients", fontsize=10)
        self.paths = self._run()
        self.drawn, self._rate_lines, self._loss_lines = {}, {}, {}
        for name in SCHEDULES:
            colour = PATH_COLOURS[name]
            self.drawn[name] = plot_path(
                self.paths[name], left, colour=colour, label=self.LABELS[name]
            )
            (self._rate_lines[name],) = top.plot([0], [1], color=colour, lw=1.6)
            (self._loss_lines[name],) = bottom.plot([0], [1], color=colour, lw=1.4)
        self._legend = left.legend(loc="lower right", fontsize=8, framealpha=0.9)
        top.set_ylabel("rate \u00f7 rate at step 0")
        top.set_ylim(0, 1.08)
        top.set_title("learning rate and loss at each step", fontsize=10)
        _log_y(bottom)
        bottom.set_ylim(1e-4, 200)
        bottom.set_xlabel("step")
        bottom.set_ylabel("loss (log)")
        for ax in (top, bottom):
            ax.grid(True, alpha=0.3)
        self._axes = (left, top, bottom)
        rows = [
            widgets.HBox([self.learning_rate, self.gradient_noise]),
            widgets.HBox([self.decay_rate, self.decay_every]),
            self.steps,
        ]
        paths = [a for name in SCHEDULES for a in self.drawn[name].values()]
        lines = [*self._rate_lines.values(), *self._loss_lines.values()]
        self._layout_controls = (self.steps,)
        self._show(figure, text, rows, [*paths, *lines])
        self._watch(
            self.learning_rate,
            self.decay_rate,
            self.decay_every,
            self.gradient_noise,
            self.steps,
        )
        self.update()
        self.view.redraw()

    def _run(self) -> dict[str, DescentPath]:
        return {
            name: gradient_descent(
                self.surface,
                None,
                self.learning_rate.value,
                self.steps.value,
                schedule=name,
                decay_rate=self.decay_rate.value,
                decay_every=self.decay_every.value,
                gradient_noise=self.gradient_noise.value,
                seed=0,
            )
            for name in SCHEDULES
        }

    def final_losses(self) -> dict[str, float]:
        """Mean loss of each schedule over its last five steps."""
        return {name: float(p.losses[-5:].mean()) for name, p in self.paths.items()}

    def update(self) -> None:
        """Rerun the three schedules and move their paths and curves."""
        self.paths = self._run()
        left, top, bottom = self._axes
        finals = self.final_losses()
        for name, path in self.paths.items():
            update_path(self.drawn[name], path)
            steps = np.arange(len(path.learning_rates))
            rates = path.learning_rates / self.learning_rate.value
            self._rate_lines[name].set_data(steps, rates)
            self._loss_lines[name].set_data(
                np.arange(len(path.losses)), np.maximum(path.losses, 1e-4)
            )
        n = self.steps.value
        top.set_xlim(0, n)
        bottom.set_xlim(0, n)
        best = min(finals, key=finals.get)
        diverged = [self.LABELS[k] for k, p in self.paths.items() if p.diverged]
        if diverged:
            message = f"{', '.join(diverged)} diverged: the learning rate is too large"
            verdict = "diverged"
        else:
            listed = ", ".join(f"{self.LABELS[k]} {v:.2g}" for k, v in finals.items())
            message = f"final loss: {listed}; lowest: {self.LABELS[best]}"
            verdict = None
        self._set_title(message, verdict)


class MiniBatchExplorer(_Explorer):
    """Fit a line by mini-batch gradient descent, with batch size as a slider.

    Left: the data and the current line. Middle: the path of ``(w, b)`` on
    the loss bowl. Right: the loss on all the data against the number of
    examples used so far, next to full-batch descent (grey).

    Attributes
    ----------
    batch_size : ipywidgets.SelectionSlider
        One of :data:`BATCH_SIZES`.
    learning_rate : ipywidgets.FloatLogSlider
    epochs : ipywidgets.IntSlider
    path : helpers.descent.DescentPath
    """

    DEFAULT_TEXT = (
        "Slide the **batch size** from 200 (all the data each step) down to 1: "
        "the path gets noisier, but each step looks at fewer examples, so the "
        "loss falls after far fewer examples (right)."
    )

    def __init__(
        self,
        batch_size: int = 10,
        learning_rate: float = 0.1,
        epochs: int = 3,
        *,
        n_samples: int = 200,
        text: str = DEFAULT_TEXT,
    ):
        if batch_size not in BATCH_SIZES:
            raise ValueError(
                f"`batch_size` must be one of {list(BATCH_SIZES)}; "
                f"received {batch_size!r}."
            )
        self.x, self.y = line_data(n_samples, seed=0)
        self.surface = line_surface(self.x, self.y)
        self.batch_size = widgets.SelectionSlider(
            options=[b for b in BATCH_SIZES if b <= n_samples],
            value=batch_size,
            description="batch size",
            style=_STYLE,
            layout=widgets.Layout(width="360px"),
        )
        self.learning_rate = _log_slider(
            "learning rate \u03b7", learning_rate, 0.003, 1.0
        )
        self.epochs = _int_slider("epochs", epochs, 1, 20)
        figure, (data_ax, left, right) = plt.subplots(
            1, 3, figsize=(12, 3.9), dpi=_DPI, gridspec_kw={"width_ratios": [2, 3, 3]}
        )
        figure.subplots_adjust(left=0.05, right=0.98, bottom=0.14, top=0.78, wspace=0.3)
        data_ax.scatter(self.x, self.y, s=8, color="0.5", alpha=0.7)
        (self._fit,) = data_ax.plot([0, 2], [0, 0], color="#d62728", lw=2)
        data_ax.set_xlabel("x")
        data_ax.set_ylabel("y")
        data_ax.set_title("data and the line y = w x + b", fontsize=10)
        grid = loss_grid(self.surface)
        plot_contours(self.surface, left, grid=grid)
        left.set_title("loss over (w, b) (darker is lower)", fontsize=10)
        left.set_xlabel("slope w")
        left.set_ylabel("intercept b")
        self._full = minibatch_descent(self.x, self.y, n_samples, learning_rate, epochs)
        self.path = self._run()
        self.drawn = plot_path(self.path, left)
        (self._full_line,) = right.plot(
            [0], [1], color="0.6", lw=2, label="batch = all"
        )
        (self._loss_line,) = right.plot(
            [0], [1], color="#d62728", lw=1.2, label="mini-batches"
        )
        _log_y(right)
        right.set_ylim(0.2, 100)
        right.axhline(
            float(self.surface.minimum_losses[0]),
            color="0.3",
            ls=":",
            lw=1,
            label="best possible",
        )
        self._legend = right.legend(loc="upper right", fontsize=8)
        right.set_title("loss as the examples are used", fontsize=10)
        right.set_xlabel("examples used so far")
        right.set_ylabel("loss on all data (log)")
        right.grid(True, alpha=0.3)
        self._axes = (data_ax, left, right)
        rows = [widgets.HBox([self.batch_size, self.learning_rate]), self.epochs]
        lines = [self._full_line, self._loss_line]
        dynamic = [self._fit, *self.drawn.values(), *lines]
        self._layout_controls = (self.epochs,)
        self._show(figure, text, rows, dynamic)
        self._watch(self.batch_size, self.learning_rate, self.epochs)
        self.update()
        self.view.redraw()

    def _run(self, batch_size: int | None = None) -> DescentPath:
        return minibatch_descent(
            self.x,
            self.y,
            batch_size or self.batch_size.value,
            self.learning_rate.value,
            self.epochs.value,
        )

    def update(self) -> None:
        """Rerun mini-batch descent (and full-batch for comparison)."""
        self.path = self._run()
        self._full = self._run(len(self.x))
        data_ax, left, right = self._axes
        path = self.path
        update_path(self.drawn, path)
        self.drawn["line"].set_marker("o" if len(path.points) <= 80 else "")
        w, b = path.points[-1]
        self._fit.set_data([0, 2], [b, 2 * w + b])
        floor = 1e-4
        self._loss_line.set_data(path.examples_seen, np.maximum(path.losses, floor))
        self._full_line.set_data(
            self._full.examples_seen, np.maximum(self._full.losses, floor)
        )
        right.set_xlim(0, len(self.x) * self.epochs.value)
        best = float(self.surface.minimum_losses[0])
        steps_per_epoch = -(-len(self.x) // self.batch_size.value)
        if path.diverged:
            message = (
                f"batch size {self.batch_size.value}: diverged after "
                f"{path.diverged_at} steps: the learning rate is too large"
            )
            verdict = "diverged"
        else:
            message = (
                f"batch size {self.batch_size.value}: {steps_per_epoch} steps an "
                f"epoch, {path.steps_taken} in all; final loss "
                f"{path.losses[-1]:.3g} (best possible {best:.3g})"
            )
            verdict = None
        self._set_title(message, verdict)


class TrainingPlot:
    """A live plot of training: loss and accuracy after each epoch.

    Pass its :meth:`callback` to :func:`helpers.backprop.train_network`;
    it redraws every ``every`` epochs (and at the last).

    Parameters
    ----------
    epochs : int
        How many epochs the training will run (sets the x axis).
    every : int, optional
        Redraw every this many epochs. Defaults to 1.

    Attributes
    ----------
    view : helpers.widgets.FigureView
    lines : dict of str to Line2D
        ``"loss"``, ``"val_loss"``, ``"accuracy"``, ``"val_accuracy"``.
    """

    def __init__(self, epochs: int, every: int = 1):
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise ValueError(
                f"`epochs` must be a whole number, 1 or more; received {epochs!r}."
            )
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(
                f"`every` must be a whole number, 1 or more; received {every!r}."
            )
        self.epochs, self.every = epochs, every
        figure, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(10, 3.4), dpi=_DPI)
        figure.subplots_adjust(
            left=0.08, right=0.98, bottom=0.16, top=0.85, wspace=0.25
        )
        self.lines = {}
        for ax, key, label in (
            (loss_ax, "loss", "loss"),
            (acc_ax, "accuracy", "accuracy"),
        ):
            (self.lines[key],) = ax.plot(
                [], [], color="#1f77b4", marker="o", ms=3, label=f"training {label}"
            )
            (self.lines["val_" + key],) = ax.plot(
                [], [], color="#ff7f0e", marker="o", ms=3, label=f"test {label}"
            )
            ax.set_xlim(0.5, epochs + 0.5)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel("epoch")
            ax.grid(True, alpha=0.3)
            ax.legend(loc="center right", fontsize=8)
        loss_ax.set_ylabel("mean cross-entropy")
        acc_ax.set_ylabel("accuracy")
        acc_ax.set_ylim(0, 1.01)
        self._axes = (loss_ax, acc_ax)
        self.figure = figure
        self.view = FigureView(figure)
        self.title = ""

    def callback(self, epoch: int, history: dict) -> None:
        """Update the curves with ``history``; redraw every ``every`` epochs."""
        for key, line in self.lines.items():
            values = history.get(key, [])
            line.set_data(history["epoch"][: len(values)], values)
        loss_ax, acc_ax = self._axes
        losses = history["loss"] + history.get("val_loss", [])
        if losses:
            loss_ax.set_ylim(0, max(losses) * 1.1)
        shown = history.get("val_accuracy") or history["accuracy"]
        self.title = f"epoch {epoch} of {self.epochs}: accuracy {shown[-1]:.1%}"
        loss_ax.figure.suptitle(self.title, fontsize=11)
        if epoch % self.every == 0 or epoch == self.epochs:
            self.view.redraw()

    def _ipython_display_(self) -> None:
        display(self.view.output)
