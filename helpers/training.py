"""Training Keras models in a notebook: a live plot, TensorBoard, evaluation.

* :class:`LivePlot`, a Keras callback that draws the training and
  validation loss and accuracy after each epoch, in one figure that is
  updated in place;
* :func:`tensorboard_callback` and :func:`find_tensorboard`, to log a run
  for TensorBoard under ``logs/`` and to open it;
* :func:`train_model`, which compiles, fits quietly and times a model, and
  :func:`summary_line`, the one line a learner reads after training;
* :func:`evaluate`, a model's probabilities, answers and accuracy on a test
  set, and :func:`save_model`, which never overwrites a file.

Importing this module imports TensorFlow (quietly, through
:mod:`helpers.quiet`).
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from helpers.config import data_dir
from helpers.quiet import import_keras, import_tensorflow

tf = import_tensorflow()
keras = import_keras()

__all__ = [
    "Evaluation",
    "LivePlot",
    "TrainingResult",
    "comparison_row",
    "evaluate",
    "find_tensorboard",
    "save_model",
    "summary_line",
    "tensorboard_callback",
    "train_model",
]

_TRAIN_COLOUR = "#1f77b4"
_VALIDATION_COLOUR = "#ff7f0e"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# The live plot -----------------------------------------------------------------


def _in_kernel() -> bool:
    """Tell whether code runs in a Jupyter kernel (where displays show)."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _accuracy_key(logs: dict) -> str | None:
    for key in ("accuracy", "acc", "sparse_categorical_accuracy"):
        if key in logs:
            return key
    return next(
        (k for k in logs if "acc" in k and not k.startswith("val_")),
        None,
    )


class LivePlot(keras.callbacks.Callback):
    """A Keras callback that plots loss and accuracy as the model trains.

    After each epoch it adds the epoch's training and validation loss and
    accuracy to one figure with two panels, and shows the figure in place
    of the previous one (a Jupyter display that is updated, not a new
    image each epoch). When training ends it marks the epoch with the
    lowest validation loss.

    Drawing costs time, so the callback keeps to a budget: it redraws after
    an epoch only while drawing has taken less than ``budget`` of the time
    since training began. A drawing takes about 0.06 s of one CPU core, so
    with epochs of a second or more nearly every epoch is drawn; with
    faster epochs (or a busy machine), some are drawn together. The first
    and last epochs are always drawn.

    Parameters
    ----------
    title : str, optional
        Shown above the panels, before the epoch count.
    budget : float, optional
        Largest share of the training time spent drawing, from 0 (draw the
        first and last epochs only) to 1 (draw every epoch). Defaults to
        0.05.
    show : bool, optional
        Show the figure in Jupyter. Off, it is still drawn (to
        :attr:`png`), which tests and benchmarks use. Defaults to True.
    dpi : int, optional
        Resolution of the shown image. Defaults to 80.

    Attributes
    ----------
    figure : matplotlib Figure
    lines : dict
        The four Line2D artists: ``"loss"``, ``"val_loss"``,
        ``"accuracy"`` and ``"val_accuracy"``.
    history : dict of str to list of float
        The values plotted so far, by the same keys, plus ``"epoch"``.
    redraws : int
        How many times the figure was drawn in the last training.
    drawing_seconds : float
        Time spent drawing in the last training.
    png : bytes
        The last image drawn.

    Examples
    --------
    >>> plot = LivePlot(show=False)
    >>> plot.set_params({"epochs": 3})
    >>> plot.on_train_begin()
    >>> plot.on_epoch_end(0, {"loss": 0.9, "val_loss": 1.0,
    ...                       "accuracy": 0.7, "val_accuracy": 0.6})
    >>> list(plot.lines["val_accuracy"].get_ydata())
    [0.6]
    """

    KEYS = ("loss", "val_loss", "accuracy", "val_accuracy")

    def __init__(
        self,
        title: str = "Training",
        *,
        budget: float = 0.05,
        show: bool = True,
        dpi: int = 80,
    ):
        super().__init__()
        if isinstance(budget, bool) or not isinstance(budget, (int, float)):
            raise TypeError(f"`budget` must be a number; received {budget!r}.")
        if not 0.0 <= budget <= 1.0:
            raise ValueError(f"`budget` must be from 0 to 1; received {budget!r}.")
        self.title = str(title)
        self.budget = float(budget)
        self.show = bool(show)
        self.dpi = int(dpi)
        self.figure = Figure(figsize=(9.0, 3.3), dpi=self.dpi)
        FigureCanvasAgg(self.figure)
        self._loss_ax, self._accuracy_ax = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(
            left=0.075, right=0.985, bottom=0.15, top=0.84, wspace=0.22
        )
        self.lines = self._make_lines()
        self._best_markers: list = []
        self._best_epoch: int | None = None
        self.history: dict[str, list[float]] = {}
        self.redraws = 0
        self.drawing_seconds = 0.0
        self.png = b""
        self._handle: Any = None
        self._started = 0.0
        self._planned = 0

    def _make_lines(self) -> dict:
        lines = {}
        for ax, key, name, label in (
            (self._loss_ax, "loss", "loss (lower is better)", "loss"),
            (self._accuracy_ax, "accuracy", "accuracy (higher is better)", "acc"),
        ):
            lines[key] = ax.plot([], [], "o-", ms=3, color=_TRAIN_COLOUR)[0]
            lines[f"val_{key}"] = ax.plot([], [], "o-", ms=3, color=_VALIDATION_COLOUR)[
                0
            ]
            lines[key].set_label("training data")
            lines[f"val_{key}"].set_label("validation data")
            ax.set_xlabel("epoch")
            ax.set_ylabel(name)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
            ax.grid(alpha=0.3)
            ax.legend(loc="upper right" if label == "loss" else "lower right")
        self._accuracy_ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        return lines

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.history = {"epoch": [], **{key: [] for key in self.KEYS}}
        for line in self.lines.values():
            line.set_data([], [])
        for marker in self._best_markers:
            marker.remove()
        self._best_markers = []
        self._best_epoch = None
        self.redraws = 0
        self.drawing_seconds = 0.0
        self._handle = None
        self._planned = int((self.params or {}).get("epochs") or 0)
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = dict(logs or {})
        if not self.history:
            self.on_train_begin()
        accuracy = _accuracy_key(logs)
        values = {
            "loss": logs.get("loss"),
            "val_loss": logs.get("val_loss"),
            "accuracy": logs.get(accuracy) if accuracy else None,
            "val_accuracy": logs.get(f"val_{accuracy}") if accuracy else None,
        }
        self.history["epoch"].append(int(epoch) + 1)
        for key, value in values.items():
            self.history[key].append(math.nan if value is None else float(value))
        elapsed = time.perf_counter() - self._started
        if self.redraws == 0 or self.drawing_seconds <= self.budget * elapsed:
            self._draw()

    def on_train_end(self, logs: dict | None = None) -> None:
        if not self.history or not self.history["epoch"]:
            return
        self._mark_best()
        self._draw(final=True)

    def _mark_best(self) -> None:
        val_loss = np.asarray(self.history["val_loss"], dtype=float)
        if not np.isfinite(val_loss).any():
            return
        best = int(np.nanargmin(val_loss))
        epoch = self.history["epoch"][best]
        for ax in (self._loss_ax, self._accuracy_ax):
            self._best_markers.append(
                ax.axvline(epoch, color="grey", linestyle=":", linewidth=1.2)
            )
        self._best_epoch = epoch

    def _heading(self, final: bool) -> str:
        done = self.history["epoch"][-1]
        planned = max(self._planned, done)
        text = f"{self.title}: epoch {done} of {planned}"
        if final and done < planned:
            text = f"{self.title}: stopped early after {done} of {planned} epochs"
        val = self.history["val_accuracy"][-1]
        if not math.isnan(val):
            text += f", validation accuracy {val:.1%}"
        if final and self._best_epoch is not None:
            text += (
                f"\nlowest validation loss at epoch {self._best_epoch} (dotted line)"
            )
        return text

    def _draw(self, final: bool = False) -> None:
        started = time.perf_counter()
        epochs = self.history["epoch"]
        for key, line in self.lines.items():
            line.set_data(epochs, self.history[key])
        planned = max(self._planned, epochs[-1])
        for ax in (self._loss_ax, self._accuracy_ax):
            ax.set_xlim(0.5, planned + 0.5)
            ax.relim()
            ax.autoscale_view(scalex=False)
        self.figure.suptitle(self._heading(final), fontsize=11)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.dpi)
        self.png = buffer.getvalue()
        if self.show and _in_kernel():
            from IPython.display import Image, display

            image = Image(data=self.png, format="png")
            if self._handle is None:
                self._handle = display(image, display_id=True)
            else:
                self._handle.update(image)
        self.redraws += 1
        self.drawing_seconds += time.perf_counter() - started


# TensorBoard ----------------------------------------------------------------------


def _check_name(name: str, what: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"`{what}` must be a short name of letters, digits, '-', '_' or '.' "
            f"(such as 'dense-256'); received {name!r}."
        )
    return name


def _unused(path: Path) -> Path:
    """Return ``path``, or ``path`` with ``-2``, ``-3``... if it exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def tensorboard_callback(
    run_name: str = "run",
    *,
    root: str | os.PathLike = "logs",
    histogram_freq: int = 1,
) -> keras.callbacks.TensorBoard:
    """Return a Keras TensorBoard callback that logs to a new folder.

    Each run gets its own folder, ``<root>/<run_name>-<date>-<time>``, so
    runs are never mixed and TensorBoard can show them side by side.

    Parameters
    ----------
    run_name : str, optional
        A short name for the run, shown in TensorBoard. Defaults to "run".
    root : str or path-like, optional
        The folder of all runs, the one to give ``tensorboard --logdir``.
        Defaults to ``logs`` (next to the notebook).
    histogram_freq : int, optional
        Log histograms of every layer's weights every this many epochs
        (0 for none). Defaults to 1.

    Returns
    -------
    keras.callbacks.TensorBoard
        Pass it to ``fit(callbacks=[...])``; its ``log_dir`` is the folder.
    """
    _check_name(run_name, "run_name")
    if isinstance(histogram_freq, bool) or not isinstance(histogram_freq, int):
        raise TypeError(
            f"`histogram_freq` must be a whole number; received {histogram_freq!r}."
        )
    if histogram_freq < 0:
        raise ValueError(
            f"`histogram_freq` must be 0 or more; received {histogram_freq}."
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = _unused(Path(root) / f"{run_name}-{stamp}")
    folder.mkdir(parents=True)
    return keras.callbacks.TensorBoard(
        log_dir=str(folder), histogram_freq=histogram_freq, write_graph=True
    )


def find_tensorboard() -> str:
    """Find the ``tensorboard`` program, so the ``%tensorboard`` magic works.

    The magic starts the program by name, so it fails when the kernel's
    ``PATH`` lacks the virtual environment's ``bin`` folder (as when
    JupyterLab is started as ``.venv/bin/jupyter lab``). When the program
    sits next to this Python, this sets ``TENSORBOARD_BINARY``, which the
    magic uses instead.

    Returns
    -------
    str
        The program's full path.

    Raises
    ------
    FileNotFoundError
        If TensorBoard is not installed, with the command that installs it.
    """
    beside = Path(sys.executable).parent / (
        "tensorboard.exe" if os.name == "nt" else "tensorboard"
    )
    if beside.is_file():
        os.environ.setdefault("TENSORBOARD_BINARY", str(beside))
        return str(beside)
    found = shutil.which("tensorboard")
    if found:
        return found
    raise FileNotFoundError(
        "TensorBoard is not installed in this environment. Install it with "
        f"`{sys.executable} -m pip install tensorboard`, then restart the kernel."
    )


# Training and evaluation -------------------------------------------------------


@dataclass
class TrainingResult:
    """What :func:`train_model` returns: the model, its history and timing.

    Attributes
    ----------
    name : str
        The model's name.
    model : keras.Model
        The trained model.
    history : dict of str to list of float
        Keras's ``History.history``: a list of values a metric, one an
        epoch.
    seconds : float
        Wall-clock training time.
    live_plot : LivePlot or None
        The live plot, when one was drawn.
    """

    name: str
    model: Any
    history: dict[str, list[float]]
    seconds: float
    live_plot: LivePlot | None = field(default=None, repr=False)

    @property
    def epochs(self) -> int:
        """Number of epochs actually trained (fewer after early stopping)."""
        return len(self.history.get("loss", []))

    def summary(self) -> str:
        """One line: epochs, time and accuracies, see :func:`summary_line`."""
        return summary_line(self.history, self.seconds, name=self.name)


def summary_line(
    history: Any, seconds: float | None = None, *, name: str | None = None
) -> str:
    """Say in one line how a training went.

    Parameters
    ----------
    history : keras History or dict
        What ``model.fit`` returned, or its ``.history`` dict.
    seconds : float, optional
        How long training took.
    name : str, optional
        The model's name, to start the line with.

    Returns
    -------
    str

    Examples
    --------
    >>> line = summary_line({"loss": [0.5, 0.3], "accuracy": [0.8, 0.9],
    ...     "val_loss": [0.4, 0.35], "val_accuracy": [0.85, 0.88]}, 3.21)
    >>> line.split(": ")[0]
    'Trained 2 epochs in 3.2 s'
    >>> line.split(": ")[1].split(", ")
    ['training accuracy 90.0%',
     'validation accuracy 88.0% (best validation loss at epoch 2).']
    """
    values = getattr(history, "history", history)
    if not isinstance(values, dict) or not values.get("loss"):
        raise ValueError(
            "`history` must be what `model.fit` returned (or its `.history` "
            f"dict) after at least one epoch; received {history!r:.80}."
        )
    epochs = len(values["loss"])
    text = f"Trained {epochs} epoch{'s' if epochs != 1 else ''}"
    if name:
        text = f"{name}: {text[0].lower()}{text[1:]}"
    if seconds is not None:
        text += f" in {seconds:.1f} s"
    accuracy = _accuracy_key(values)
    parts = []
    if accuracy:
        parts.append(f"training accuracy {values[accuracy][-1]:.1%}")
        if f"val_{accuracy}" in values:
            parts.append(f"validation accuracy {values[f'val_{accuracy}'][-1]:.1%}")
    else:
        parts.append(f"training loss {values['loss'][-1]:.3f}")
    text += ": " + ", ".join(parts)
    if values.get("val_loss") and epochs > 1:
        best = int(np.nanargmin(values["val_loss"])) + 1
        text += f" (best validation loss at epoch {best})"
    return text + "."


def _check_xy(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x)
    y = np.asarray(y)
    if x.ndim < 2 or len(x) == 0:
        raise ValueError(
            "`x` must hold examples along its first axis, e.g. shape "
            f"(n, 28, 28); received shape {x.shape}."
        )
    if y.shape != (len(x),):
        raise ValueError(
            f"`y` must hold one whole-number label per example, shape ({len(x)},); "
            f"received shape {y.shape}."
        )
    if x.dtype == np.uint8:
        raise ValueError(
            "`x` holds bytes from 0 to 255: scale it to 0 to 1 first "
            "(helpers.digits.scale_images(x), or x / 255)."
        )
    return x, y


def train_model(
    model: Any,
    x: Any,
    y: Any,
    *,
    epochs: int,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    schedule: str = "cosine",
    validation_split: float = 0.1,
    patience: int | None = None,
    live_plot: bool = False,
    callbacks: Iterable[Any] = (),
    name: str | None = None,
) -> TrainingResult:
    """Compile (if needed) and train a classifier quietly, and time it.

    The model is compiled with Adam, the sparse categorical cross-entropy
    and accuracy, unless it was compiled already. Keras's progress lines
    are turned off (``verbose=0``); read :meth:`TrainingResult.summary`.

    Parameters
    ----------
    model : keras.Model
        A classifier with a softmax output.
    x : array of shape (n, ...), float
        Inputs, scaled to 0-1.
    y : array of shape (n,), int
        Labels.
    epochs : int
        Passes over the training data (fewer with early stopping).
    batch_size : int, optional
        Examples a weight update. Defaults to 64.
    learning_rate : float, optional
        Adam's (starting) learning rate. Defaults to 0.001.
    schedule : {"cosine", "constant"}, optional
        "cosine" lowers the learning rate smoothly to 0 over the planned
        epochs; "constant" keeps it. Ignored for a compiled model.
    validation_split : float, optional
        Share of ``x`` (the last examples) held out to watch for
        overfitting. Defaults to 0.1; 0 for none.
    patience : int, optional
        Stop when the validation loss has not improved for this many
        epochs, and keep the best weights. Defaults to None (never stop).
    live_plot : bool, optional
        Draw a :class:`LivePlot` while training. Defaults to False.
    callbacks : iterable of keras Callback, optional
        More callbacks, such as :func:`tensorboard_callback`.
    name : str, optional
        The name to report. Defaults to ``model.name``.

    Returns
    -------
    TrainingResult
    """
    x, y = _check_xy(x, y)
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(
            f"`epochs` must be a whole number, 1 or more; received {epochs!r}."
        )
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int)
        or batch_size < 1
    ):
        raise ValueError(
            f"`batch_size` must be a whole number, 1 or more; received {batch_size!r}."
        )
    if schedule not in ("cosine", "constant"):
        raise ValueError(
            f"`schedule` must be 'cosine' or 'constant'; received {schedule!r}."
        )
    if not 0.0 <= validation_split < 1.0:
        raise ValueError(
            "`validation_split` must be from 0 to below 1; received "
            f"{validation_split!r}."
        )
    if (
        not getattr(model, "compiled", False)
        or getattr(model, "optimizer", None) is None
    ):
        training_count = int(len(x) * (1 - validation_split))
        steps = epochs * max(1, math.ceil(training_count / batch_size))
        rate: Any = float(learning_rate)
        if schedule == "cosine":
            rate = keras.optimizers.schedules.CosineDecay(rate, decay_steps=steps)
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
    extra = list(callbacks)
    plot = None
    if live_plot:
        plot = LivePlot(name or model.name)
        extra.append(plot)
    if patience is not None:
        monitor = "val_loss" if validation_split > 0 else "loss"
        extra.append(
            keras.callbacks.EarlyStopping(
                monitor=monitor, patience=patience, restore_best_weights=True
            )
        )
    started = time.perf_counter()
    history = model.fit(
        x,
        y,
        epochs=epochs,
        batch_size=batch_size,
        validation_split=validation_split,
        callbacks=extra,
        verbose=0,
    )
    seconds = time.perf_counter() - started
    return TrainingResult(name or model.name, model, history.history, seconds, plot)


class Evaluation(NamedTuple):
    """A model's answers on a test set, from :func:`evaluate`."""

    probabilities: np.ndarray
    """Shape (n, n_classes), float32: the softmax output for each image."""
    predicted: np.ndarray
    """Shape (n,), int64: the most probable class of each image."""
    accuracy: float
    """Share of images whose predicted class is the label, 0 to 1."""
    loss: float
    """Mean cross-entropy of the labels under the probabilities."""


def evaluate(model: Any, x: Any, y: Any, *, batch_size: int = 500) -> Evaluation:
    """Run a classifier on a test set and compare its answers with the labels.

    Parameters
    ----------
    model : keras.Model
        A trained classifier with a softmax output.
    x : array of shape (n, ...), float
        Test inputs, scaled as the training inputs were.
    y : array of shape (n,), int
        Test labels.
    batch_size : int, optional
        Images the model reads at once. Defaults to 500.

    Returns
    -------
    Evaluation
        ``(probabilities, predicted, accuracy, loss)``.
    """
    x, y = _check_xy(x, y)
    probabilities = np.asarray(model.predict(x, batch_size=batch_size, verbose=0))
    if probabilities.shape[0] != len(x) or probabilities.ndim != 2:
        raise ValueError(
            "`model` must output one row of class probabilities per image; for "
            f"{len(x)} images it gave shape {probabilities.shape}."
        )
    y = y.astype(np.int64)
    if y.min() < 0 or y.max() >= probabilities.shape[1]:
        raise ValueError(
            f"`y` must hold classes 0 to {probabilities.shape[1] - 1}; received "
            f"values from {y.min()} to {y.max()}."
        )
    predicted = probabilities.argmax(axis=1).astype(np.int64)
    accuracy = float(np.mean(predicted == y))
    chosen = np.clip(probabilities[np.arange(len(y)), y], 1e-7, 1.0)
    loss = float(-np.mean(np.log(chosen)))
    return Evaluation(probabilities, predicted, accuracy, loss)


def comparison_row(
    result: TrainingResult, evaluation: Evaluation, *, name: str | None = None
) -> dict[str, Any]:
    """Return one row of a comparison table, for ``pandas.DataFrame``.

    Keys: "model", "parameters", "epochs", "test accuracy" (percent) and
    "training time (s)".
    """
    return {
        "model": name or result.name,
        "parameters": int(result.model.count_params()),
        "epochs": result.epochs,
        "test accuracy (%)": round(100 * evaluation.accuracy, 2),
        "training time (s)": round(result.seconds, 1),
    }


def save_model(
    model: Any, name: str = "digit-reader", *, folder: str | os.PathLike | None = None
) -> Path:
    """Save a model in Keras's ``.keras`` format, under a new file name.

    The name carries the date and time (``digit-reader-20250301-141500.keras``)
    and gets ``-2``, ``-3``... if that file exists, so no saved model is
    ever overwritten.

    Parameters
    ----------
    model : keras.Model
    name : str, optional
        The start of the file name. Defaults to "digit-reader".
    folder : str or path-like, optional
        Where to save. Defaults to ``models/`` in the course's data folder
        (:func:`helpers.config.data_dir`), which git ignores.

    Returns
    -------
    pathlib.Path
        The new file; load it with ``keras.saving.load_model(path)``.
    """
    _check_name(name, "name")
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"`model` must be a Keras model; received {type(model).__name__}."
        )
    folder = Path(folder) if folder is not None else data_dir() / "models"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = _unused(folder / f"{name}-{stamp}.keras")
    model.save(path)
    return path
