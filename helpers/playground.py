"""The hyperparameter playground: change a real Keras network, train, compare.

Notebook 05 builds on this module. It has three layers, like every
interactive part of the course:

1. computing: :func:`prepare_data` and :func:`run_experiment`, which trains
   one network from a :class:`~helpers.playground_runs.Settings` and
   records the run; :class:`TrainingMonitor` watches the training;
2. drawing: :func:`plot_curves`, :func:`plot_digit_predictions`,
   :func:`plot_run_comparison` and :class:`LiveFigure`;
3. the panel, :class:`Playground`: controls, Train and Stop buttons, live
   curves, the table of runs and share strings.

Training runs in a background thread, so the panel stays usable and Stop
works; the figures are sent to the page as PNG images in an
``ipywidgets.Image``, because a widget's value reaches the page from any
thread, while output captured by an ``Output`` widget from a thread can
land in the wrong cell.

Importing this module imports TensorFlow (quietly).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import io
import math
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatter
from PIL import Image as PILImage

from helpers.data import load_mnist, toy_dataset
from helpers.models import build_dense_model, keras, make_optimizer, set_seed
from helpers.playground_runs import (
    ACTIVATIONS,
    DATASETS,
    DECAYS,
    OPTIMIZERS,
    TOY_SETS,
    Run,
    RunLog,
    Settings,
    SettingsStringError,
)
from helpers.plots import (
    CLASS_COLOURS,
    plot_decision_regions,
    plot_points,
    region_grid,
)
from helpers.quiet import import_tensorflow
from helpers.widgets import instruction

__all__ = [
    "BLOW_UP_FACTOR",
    "LiveFigure",
    "Playground",
    "PlaygroundData",
    "Run",
    "RunLog",
    "Settings",
    "TrainingMonitor",
    "SettingsStringError",
    "evaluate",
    "predictor",
    "plot_curves",
    "plot_digit_predictions",
    "plot_run_comparison",
    "prepare_data",
    "run_experiment",
]

BLOW_UP_FACTOR = 10.0
"""A run has diverged when an epoch's mean loss exceeds this many times the
loss of its first batch (or when the loss is not a finite number)."""

TOY_SAMPLES = 600
"""Points made for each 2-D set: 400 to train on, 100 to validate, 100 to test."""

_TOY_OPTIONS = {
    "moons": {"noise": 0.25},
    "circles": {"noise": 0.1},
    "spirals": {"noise": 0.5},
    "clouds": {"spread": 0.8},
}

REGION_RESOLUTION = 80
"""Grid points along each axis of the live decision regions."""

REFRESH_SECONDS = 0.3
"""How often the panel updates its progress bar while training."""

FIGURE_SECONDS = 0.5
"""The shortest time between two redraws of the live figure."""

_TRAINING_LOCK = threading.Lock()

tf = import_tensorflow()


# Data -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, eq=False)
class PlaygroundData:
    """One data set, split into a training pool, validation and test sets.

    Attributes
    ----------
    name : str
        One of :data:`~helpers.playground_runs.DATASETS`.
    x_pool, y_pool : ndarray
        Training examples; a run uses the first ``train_size`` of them.
    x_val, y_val, x_test, y_test : ndarray
        Validation examples (measured every epoch) and test examples
        (measured once, after training). Inputs are float32: pixels scaled
        to 0-1 for MNIST, coordinates for the 2-D sets.
    n_classes : int
        Number of classes.
    description : str
        Where the data came from and how it is split, in one line.
    source : str
        Where the data came from.
    grid : ndarray of shape (REGION_RESOLUTION ** 2, 2) or None
        For 2-D sets, the points where the decision regions are computed.
    """

    name: str
    x_pool: np.ndarray
    y_pool: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    description: str
    source: str = ""
    grid: np.ndarray | None = None

    @property
    def input_shape(self) -> tuple[int, ...]:
        """Shape of one example, such as (28, 28) or (2,)."""
        return tuple(self.x_pool.shape[1:])

    @property
    def sizes(self) -> tuple[int, int, int]:
        """Numbers of training (pool), validation and test examples."""
        return len(self.x_pool), len(self.x_val), len(self.x_test)

    @property
    def is_2d(self) -> bool:
        """True for the 2-D toy sets."""
        return self.name in TOY_SETS

    @property
    def x_all(self) -> np.ndarray:
        """Every input of the set (pool, validation and test)."""
        return np.concatenate([self.x_pool, self.x_val, self.x_test])

    def training_subset(self, train_size: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the first ``train_size`` training examples (or all of them)."""
        n = min(int(train_size), len(self.x_pool))
        return self.x_pool[:n], self.y_pool[:n]


@functools.lru_cache(maxsize=8)
def _load(name: str) -> PlaygroundData:
    rng = np.random.default_rng(0)
    if name == "mnist":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mnist = load_mnist(verbose=False, allow_download=False)
        (x_train, y_train), (x_test, y_test) = mnist
        x_train = x_train.astype(np.float32) / 255.0
        x_test = x_test.astype(np.float32) / 255.0
        n_val = min(len(x_train) // 5, 5000)
        order = rng.permutation(len(x_train))
        val, pool = order[:n_val], order[n_val:]
        return PlaygroundData(
            "mnist",
            x_train[pool],
            y_train[pool].astype(np.int64),
            x_train[val],
            y_train[val].astype(np.int64),
            x_test,
            y_test.astype(np.int64),
            10,
            f"{mnist.description}; {len(pool):,} to train on, {n_val:,} to "
            f"validate, {len(x_test):,} to test",
            mnist.description,
        )
    x, y = toy_dataset(name, seed=0, n_samples=TOY_SAMPLES, **_TOY_OPTIONS[name])
    order = rng.permutation(len(x))
    x, y = x[order].astype(np.float32), y[order].astype(np.int64)
    n_test = n_val = TOY_SAMPLES // 6
    n_pool = len(x) - n_val - n_test
    grid, _ = region_grid(x, REGION_RESOLUTION)
    return PlaygroundData(
        name,
        x[:n_pool],
        y[:n_pool],
        x[n_pool : n_pool + n_val],
        y[n_pool : n_pool + n_val],
        x[n_pool + n_val :],
        y[n_pool + n_val :],
        int(y.max()) + 1,
        f"{name}: {TOY_SAMPLES} points in 2-D; {n_pool} to train on, {n_val} to "
        f"validate, {n_test} to test",
        f"{TOY_SAMPLES} points made by helpers.data.toy_dataset({name!r})",
        grid.astype(np.float32),
    )


def prepare_data(dataset: str | Settings) -> PlaygroundData:
    """Return a playground data set, loaded once and then kept.

    Parameters
    ----------
    dataset : str or Settings
        A name from :data:`~helpers.playground_runs.DATASETS`, or settings
        whose data set to load.

    Returns
    -------
    PlaygroundData
        The data, split the same way every time. MNIST comes from
        :func:`helpers.data.load_mnist` without downloading (the full set
        when it is on this machine, else the offline sample); a fifth of
        its training digits, at most 5,000, are kept for validation.

    Examples
    --------
    >>> data = prepare_data("moons")
    >>> data.x_pool.shape, data.x_val.shape, data.n_classes
    ((400, 2), (100, 2), 2)
    """
    name = dataset.dataset if isinstance(dataset, Settings) else dataset
    if name not in DATASETS:
        raise ValueError(
            f"`dataset` must be one of {list(DATASETS)}; received {dataset!r}."
        )
    return _load(name)


# Training ---------------------------------------------------------------


class TrainingMonitor(keras.callbacks.Callback):
    """Watch a training: record curves, spot divergence, honour Stop.

    Keras calls it after every batch and epoch. It keeps what the panel
    draws (read it with :meth:`snapshot` from any thread), halts training
    when ``stop`` is set or when the loss blows up, and for live drawing
    computes, at most every ``live_seconds``, the current decision regions
    (2-D sets) or the predictions on a few validation digits (MNIST).

    Parameters
    ----------
    stop : threading.Event, optional
        Set it to stop training after the current batch.
    live_seconds : float, optional
        Shortest time between two live predictions. Defaults to 0.5.
    """

    DIGITS = 12
    """Validation digits whose predictions are shown live for MNIST."""

    def __init__(
        self,
        stop: threading.Event | None = None,
        live_seconds: float = FIGURE_SECONDS,
    ):
        super().__init__()
        self.stop_event = stop if stop is not None else threading.Event()
        self.live_seconds = float(live_seconds)
        self.finished = threading.Event()
        self._lock = threading.Lock()
        self.settings: Settings | None = None
        self.data: PlaygroundData | None = None
        self.phase = "waiting"
        self.version = 0
        self.steps_per_epoch = 0
        self.steps_total = 0
        self.steps_done = 0
        self.epochs_done = 0
        self.started = time.monotonic()
        self.first_step_time: float | None = None
        self.initial_loss: float | None = None
        self.stopped = False
        self.diverged = False
        self.note = ""
        self.curve: dict[str, list[float]] = {"x": [], "loss": [], "accuracy": []}
        self.history: dict[str, list[float]] = {
            "loss": [],
            "accuracy": [],
            "val_loss": [],
            "val_accuracy": [],
        }
        self.live: np.ndarray | None = None
        self._chunk: tuple[int, dict[str, float]] = (0, {})
        self._means: tuple[int, dict[str, float]] = (0, {})
        self._epoch = 0
        self._steps_in_epoch = 0
        self._last_live = 0.0
        self._chunk_size = 1
        self.predict: Callable[[np.ndarray], np.ndarray] | None = None

    def prepare(self, settings: Settings, data: PlaygroundData, n_train: int) -> None:
        """Set the totals for a run of ``settings`` on ``n_train`` examples."""
        with self._lock:
            self.settings = settings
            self.data = data
            self.steps_per_epoch = math.ceil(n_train / settings.batch_size)
            self.steps_total = self.steps_per_epoch * settings.epochs
            # A point of the training curve averages 20 batches or more
            # (at most 10 points an epoch, at least 1).
            self._chunk_size = max(
                math.ceil(self.steps_per_epoch / 10),
                min(20, self.steps_per_epoch),
            )
            self.phase = "building"
            self.version += 1

    def set_phase(self, phase: str) -> None:
        """Record what the run is doing now ("training", "testing", ...)."""
        with self._lock:
            self.phase = phase
            self.version += 1

    def on_train_begin(self, logs=None):
        self.predict = predictor(self.model)
        self.set_phase("training")
        self._live_predict()

    def on_train_end(self, logs=None):
        self._live_predict()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._steps_in_epoch = 0
        self._chunk = (0, {})
        self._means = (0, {})

    def on_train_batch_end(self, batch, logs=None):
        logs = logs or {}
        now = time.monotonic()
        count = batch + 1
        means = {k: float(logs[k]) for k in ("loss", "accuracy") if k in logs}
        self._means = (count, means)
        loss = means.get("loss", math.nan)
        with self._lock:
            self.steps_done += 1
            self._steps_in_epoch += 1
            if self.first_step_time is None:
                self.first_step_time = now
            if self.initial_loss is None and math.isfinite(loss):
                self.initial_loss = loss
            if count - self._chunk[0] >= self._chunk_size:
                self._close_chunk()
            self.version += 1
        if not math.isfinite(loss):
            self._diverge(
                f"The loss became {loss} (not a finite number) in epoch "
                f"{self._epoch + 1}: the steps were so big that the numbers "
                "overflowed. Lower the learning rate."
            )
        if self.stop_event.is_set() and not self.model.stop_training:
            self.model.stop_training = True
            with self._lock:
                self.stopped = True
        if now - self._last_live >= self.live_seconds:
            self._live_predict()

    def _close_chunk(self) -> None:
        """Add the mean loss and accuracy of the batches since the last point.

        Keras reports running means over the epoch; the mean over batches
        ``n0 + 1`` to ``n`` is ``(n * m - n0 * m0) / (n - n0)``.
        """
        count, means = self._means
        start, before = self._chunk
        if count <= start:
            return
        self.curve["x"].append(self._epoch + count / max(1, self.steps_per_epoch))
        for key in ("loss", "accuracy"):
            mean = means.get(key, math.nan)
            old = before.get(key, 0.0)
            self.curve[key].append((count * mean - start * old) / (count - start))
        self._chunk = (count, means)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        if self.data is not None:
            val_loss, val_accuracy = evaluate(
                self.model, self.data.x_val, self.data.y_val, self.predict
            )
            logs["val_loss"], logs["val_accuracy"] = val_loss, val_accuracy
        loss = float(logs.get("loss", math.nan))
        start = self.initial_loss
        if (
            not self.diverged
            and start is not None
            and math.isfinite(loss)
            and loss > BLOW_UP_FACTOR * start
        ):
            self._diverge(
                f"The loss blew up from {start:.3g} to {loss:,.4g} in epoch "
                f"{epoch + 1} (more than {BLOW_UP_FACTOR:g} times): the steps "
                "overshoot. Lower the learning rate."
            )
        with self._lock:
            self._close_chunk()
            for key in self.history:
                value = logs.get(key)
                self.history[key].append(math.nan if value is None else float(value))
            if self._steps_in_epoch == self.steps_per_epoch and not self.diverged:
                self.epochs_done = epoch + 1
            self.version += 1
        if time.monotonic() - self._last_live >= self.live_seconds:
            self._live_predict()

    def _diverge(self, note: str) -> None:
        self.model.stop_training = True
        with self._lock:
            if not self.diverged:
                self.diverged = True
                self.note = note
                self.version += 1

    def _live_predict(self) -> None:
        """Predict on the grid (2-D) or a few digits (MNIST), for drawing."""
        data = self.data
        if data is None or self.predict is None:
            return
        self._last_live = time.monotonic()
        inputs = data.grid if data.is_2d else data.x_val[: self.DIGITS]
        with np.errstate(all="ignore"):
            scores = self.predict(inputs)
            finite = np.isfinite(scores).all(axis=1)
        labels = np.where(finite, scores.argmax(axis=1), -1)
        if data.is_2d:
            labels = labels.reshape(REGION_RESOLUTION, REGION_RESOLUTION)
        with self._lock:
            self.live = labels
            self.version += 1

    def progress(self) -> dict[str, Any]:
        """Return how far the run is (no curves), safe from any thread."""
        with self._lock:
            now = time.monotonic()
            left = None
            if self.first_step_time is not None and self.steps_done:
                per_step = (now - self.first_step_time) / self.steps_done
                left = per_step * max(0, self.steps_total - self.steps_done)
            return {
                "phase": self.phase,
                "epoch": self._epoch,
                "epochs": self.settings.epochs if self.settings else 0,
                "steps_done": self.steps_done,
                "steps_total": self.steps_total,
                "elapsed": now - self.started,
                "seconds_left": left,
                "stopped": self.stopped,
            }

    def snapshot(self) -> dict[str, Any]:
        """Return a copy of everything the panel draws, safe from any thread."""
        state = self.progress()
        with self._lock:
            state.update(
                version=self.version,
                epochs_done=self.epochs_done,
                curve={k: list(v) for k, v in self.curve.items()},
                history={k: list(v) for k, v in self.history.items()},
                live=None if self.live is None else self.live.copy(),
                diverged=self.diverged,
                note=self.note,
            )
        return state


def predictor(model) -> Callable[[np.ndarray], np.ndarray]:
    """Return a fast function that gives ``model``'s class probabilities.

    Calling a Keras model directly runs it step by step in Python; this
    compiles the call once (for any number of rows), which is many times
    faster for the repeated small predictions of live drawing.

    Parameters
    ----------
    model : keras.Model
        A built model.

    Returns
    -------
    callable
        Maps inputs of shape ``(n, ...)`` to probabilities of shape
        ``(n, n_classes)`` as a float64 numpy array, without dropout.
    """
    spec = tf.TensorSpec((None, *model.input_shape[1:]), tf.float32)
    compiled = tf.function(lambda x: model(x, training=False), input_signature=[spec])

    def predict(x: np.ndarray) -> np.ndarray:
        parts = [
            np.asarray(compiled(tf.constant(x[i : i + 4096], tf.float32)))
            for i in range(0, len(x), 4096)
        ]
        return np.concatenate(parts).astype(np.float64)

    return predict


def evaluate(
    model, x: np.ndarray, y: np.ndarray, predict: Callable | None = None
) -> tuple[float, float]:
    """Return the loss and accuracy of ``model`` on ``x``, without dropout.

    The loss is the mean cross-entropy plus the L2 penalty, as Keras
    reports it while training (probabilities are clipped at 1e-7, so one
    example adds at most about 16); the accuracy is the fraction of
    examples whose most likely class is right (a prediction that is not a
    finite number counts as wrong).

    Parameters
    ----------
    model : keras.Model
        A classifier with a softmax output.
    x : ndarray
        Inputs, shape ``(n, ...)``.
    y : ndarray of shape (n,)
        True classes.
    predict : callable, optional
        A :func:`predictor` of ``model``, to reuse.

    Returns
    -------
    loss : float
    accuracy : float
        From 0 to 1.
    """
    predict = predict or predictor(model)
    y = np.asarray(y)
    with np.errstate(all="ignore"):
        scores = predict(x)
        finite = np.isfinite(scores).all(axis=1)
        guess = np.where(finite, scores.argmax(axis=1), -1)
        picked = np.clip(scores[np.arange(len(y)), y], 1e-7, 1.0)
        picked = np.where(np.isfinite(picked), picked, 1e-7)
        loss = float(-np.mean(np.log(picked))) if len(y) else math.nan
        if model.losses:
            loss += float(sum(float(term) for term in model.losses))
    return loss, float(np.mean(guess == y)) if len(y) else math.nan


def run_experiment(
    settings: Settings | Mapping[str, Any] | str | None = None,
    *,
    record: bool = True,
    log: RunLog | None = None,
    monitor: TrainingMonitor | None = None,
    **changes: Any,
) -> Run:
    """Train one network from ``settings``, record the run and return it.

    This is what the playground's Train button runs; call it yourself to
    train without the panel. The same settings on the same machine give
    the same numbers.

    Parameters
    ----------
    settings : Settings, dict or str, optional
        The settings, a dict of them, or a share string (``"pg1-..."``).
        Defaults to ``Settings()``.
    record : bool, optional
        Append the run to the record. Defaults to True.
    log : RunLog, optional
        The record to append to. Defaults to ``RunLog()``, the file in the
        data folder.
    monitor : TrainingMonitor, optional
        Watches the training (the panel passes one to draw live and to
        stop). A new one is made when omitted.
    **changes
        Settings to change, for example ``epochs=5``.

    Returns
    -------
    Run
        Its settings, status (``"finished"``, ``"stopped"`` or
        ``"diverged"``: a loss that blows up halts the run and is recorded,
        never raised), accuracies, curves, time and number of weights.

    Raises
    ------
    RuntimeError
        If another run is training in this kernel right now.

    Examples
    --------
    >>> run = run_experiment(dataset="moons", epochs=2, record=False)
    >>> run.status, run.epochs_done, 0 <= run.val_accuracy <= 1
    ('finished', 2, True)
    """
    settings = _as_settings(settings)
    if changes:
        settings = settings.replace(**changes)
    if not _TRAINING_LOCK.acquire(blocking=False):
        raise RuntimeError(
            "Another run is training in this kernel; wait for it to finish or "
            "press its Stop button, then try again."
        )
    try:
        return _train(settings, record, log, monitor or TrainingMonitor())
    finally:
        _TRAINING_LOCK.release()


def _as_settings(settings: Settings | Mapping[str, Any] | str | None) -> Settings:
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    if isinstance(settings, str):
        return Settings.from_string(settings)
    if isinstance(settings, Mapping):
        return Settings.from_dict(settings)
    raise TypeError(
        "`settings` must be a Settings, a dict or a settings string; "
        f"received {settings!r}."
    )


def _train(
    settings: Settings, record: bool, log: RunLog | None, monitor: TrainingMonitor
) -> Run:
    data = prepare_data(settings)
    x_train, y_train = data.training_subset(settings.train_size)
    monitor.prepare(settings, data, len(x_train))
    # Seeds live per thread in Keras 3: set them in the thread that trains.
    set_seed(settings.seed)
    model = build_dense_model(
        data.input_shape,
        settings.layers,
        n_classes=data.n_classes,
        activation=settings.activation,
        dropout=settings.dropout,
        l2=settings.l2,
        name="playground_net",
    )
    steps = monitor.steps_per_epoch * settings.epochs
    model.compile(
        optimizer=make_optimizer(
            settings.optimizer,
            settings.learning_rate,
            decay=settings.decay,
            decay_rate=0.5,
            decay_steps=max(1, steps // 4),
        ),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    # A tf.data pipeline, shuffled by the run's seed, trains several times
    # faster than numpy arrays on small data (less work per epoch).
    batches = (
        tf.data.Dataset.from_tensor_slices((x_train, y_train))
        .shuffle(len(x_train), seed=settings.seed, reshuffle_each_iteration=True)
        .batch(settings.batch_size)
    )
    started = time.perf_counter()
    with np.errstate(all="ignore"):
        model.fit(
            batches,
            epochs=settings.epochs,
            callbacks=[monitor],
            shuffle=False,
            verbose=0,
        )
    seconds = time.perf_counter() - started
    monitor.set_phase("testing")
    predict = monitor.predict or predictor(model)
    train_loss, train_accuracy = evaluate(model, x_train, y_train, predict)
    val_loss, val_accuracy = evaluate(model, data.x_val, data.y_val, predict)
    _, test_accuracy = evaluate(model, data.x_test, data.y_test, predict)
    history = monitor.snapshot()["history"]
    val_history = [v if math.isfinite(v) else -1.0 for v in history["val_accuracy"]]
    best_epoch = int(np.argmax(val_history)) + 1 if val_history else None
    best = history["val_accuracy"][best_epoch - 1] if best_epoch else None
    if monitor.diverged:
        status = "diverged"
    elif monitor.epochs_done < settings.epochs:
        status = "stopped"
    else:
        status = "finished"
    note = monitor.note
    if status == "stopped":
        note = (
            f"Stopped by you after {monitor.epochs_done} of {settings.epochs} epochs."
        )
    run = Run(
        settings,
        status=status,
        epochs_done=monitor.epochs_done,
        train_accuracy=train_accuracy,
        val_accuracy=val_accuracy,
        best_val_accuracy=best,
        best_epoch=best_epoch,
        test_accuracy=test_accuracy,
        train_loss=train_loss,
        val_loss=val_loss,
        seconds=round(seconds, 3),
        weights=int(model.count_params()),
        train_examples=len(x_train),
        history=history,
        note=note,
        data=data.description,
    )
    if record:
        (log if log is not None else RunLog()).add(run)
    monitor.set_phase("done")
    return run


# Drawing ----------------------------------------------------------------


def _new_figure(
    width: float, height: float, dpi: int = 90, margins: dict | None = None
) -> Figure:
    """Return a figure outside pyplot, safe to draw in a background thread.

    With ``margins`` (as ``subplots_adjust`` takes them) the layout is fixed,
    which makes each redraw cheaper; without, it is laid out automatically.
    """
    layout = None if margins else "constrained"
    figure = Figure(figsize=(width, height), dpi=dpi, layout=layout)
    FigureCanvasAgg(figure)
    if margins:
        figure.subplots_adjust(**margins)
    return figure


def _render_png(figure: Figure) -> bytes:
    """Draw ``figure`` and return it as PNG bytes (faster than ``savefig``)."""
    canvas = figure.canvas
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    buffer = io.BytesIO()
    PILImage.fromarray(pixels).save(buffer, format="png", compress_level=3)
    return buffer.getvalue()


def _new_axes(ax: Axes | None, count: int = 1) -> list[Axes]:
    if ax is not None:
        return [ax]
    return list(np.atleast_1d(_new_figure(4.5 * count, 3.2).subplots(1, count)))


def plot_curves(
    curve: Mapping[str, Sequence[float]] | None = None,
    history: Mapping[str, Sequence[float]] | None = None,
    ax_loss: Axes | None = None,
    ax_accuracy: Axes | None = None,
    *,
    epochs: int | None = None,
    n_classes: int | None = None,
) -> dict[str, Any]:
    """Draw loss and accuracy against epochs, for training and validation.

    Parameters
    ----------
    curve : dict of lists, optional
        The live training curve: ``"x"`` (fractional epochs), ``"loss"``
        and ``"accuracy"`` (smoothed over batches).
    history : dict of lists, optional
        Per epoch: ``"loss"``, ``"accuracy"``, ``"val_loss"`` and
        ``"val_accuracy"``. Without ``curve``, its training values are drawn.
    ax_loss, ax_accuracy : matplotlib Axes, optional
        Where to draw; a new figure with both is made when omitted.
    epochs : int, optional
        Length of the epoch axis. Defaults to what the data shows.
    n_classes : int, optional
        Draws the accuracy of guessing at random, ``1 / n_classes``.

    Returns
    -------
    dict
        Line2D artists ``"loss"``, ``"val_loss"``, ``"accuracy"`` and
        ``"val_accuracy"``, and the axes ``"ax_loss"`` and ``"ax_accuracy"``.

    Examples
    --------
    >>> drawn = plot_curves(history={"loss": [1.0, 0.5], "accuracy": [0.6, 0.8],
    ...     "val_loss": [1.1, 0.7], "val_accuracy": [0.55, 0.75]})
    >>> drawn["val_accuracy"].get_ydata().tolist()
    [55.0, 75.0]
    """
    if ax_loss is None or ax_accuracy is None:
        ax_loss, ax_accuracy = _new_axes(None, 2)
    drawn: dict[str, Any] = {"ax_loss": ax_loss, "ax_accuracy": ax_accuracy}
    styles = {
        "loss": {"color": CLASS_COLOURS[0], "lw": 1.4, "label": "training"},
        "val_loss": {
            "color": CLASS_COLOURS[1],
            "lw": 1.6,
            "marker": "o",
            "ms": 3,
            "label": "validation",
        },
    }
    for ax, key in ((ax_loss, "loss"), (ax_accuracy, "accuracy")):
        (drawn[key],) = ax.plot([], [], **styles["loss"])
        (drawn[f"val_{key}"],) = ax.plot([], [], **styles["val_loss"])
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
    ax_loss.set_ylabel("loss (log scale)")
    _log_axis(ax_loss)
    ax_loss.set_ylim(0.1, 10)  # where most runs start: fewer relayouts later
    ax_loss.set_title("Loss: lower is better", fontsize="medium")
    ax_accuracy.set_ylabel("accuracy (%)")
    ax_accuracy.set_ylim(0, 101)
    ax_accuracy.set_title("Accuracy: higher is better", fontsize="medium")
    if n_classes:
        ax_accuracy.axhline(
            100 / n_classes, color="grey", ls=":", lw=1, label="random guessing"
        )
    ax_accuracy.legend(loc="lower right", fontsize="small")
    update_curves(drawn, curve, history, epochs=epochs)
    return drawn


def update_curves(
    drawn: Mapping[str, Any],
    curve: Mapping[str, Sequence[float]] | None,
    history: Mapping[str, Sequence[float]] | None,
    *,
    epochs: int | None = None,
) -> None:
    """Put new data into the artists that :func:`plot_curves` returned."""
    history = history or {}
    if curve and len(curve.get("x", ())):
        x = np.asarray(curve["x"], dtype=float)
        train = {k: np.asarray(curve[k], dtype=float) for k in ("loss", "accuracy")}
    else:
        n = len(history.get("loss", ()))
        x = np.arange(1, n + 1, dtype=float)
        train = {
            k: np.asarray(history.get(k, [math.nan] * n), dtype=float)
            for k in ("loss", "accuracy")
        }
    val_n = len(history.get("val_loss", ()))
    val_x = np.arange(1, val_n + 1, dtype=float)
    for key in ("loss", "accuracy"):
        scale = 100.0 if key == "accuracy" else 1.0
        drawn[key].set_data(x, _clean(train[key]) * scale)
        values = np.asarray(history.get(f"val_{key}", []), dtype=float)
        drawn[f"val_{key}"].set_data(val_x, _clean(values) * scale)
        drawn[f"val_{key}"].set_marker("o" if val_n <= 60 else "")
    right = max(float(epochs or 0), float(x.max()) if x.size else 0.0, val_n, 1.0)
    for ax in (drawn["ax_loss"], drawn["ax_accuracy"]):
        ax.set_xlim(0, right)
    losses = np.concatenate(
        [
            _clean(train["loss"]),
            _clean(np.asarray(history.get("val_loss", []), dtype=float)),
            np.asarray(drawn.get("reference_losses", []), dtype=float),
        ]
    )
    losses = losses[np.isfinite(losses) & (losses > 0)]
    if losses.size:
        # Whole decades, so the axis (and its labels) changes rarely.
        low = 10 ** math.floor(math.log10(float(losses.min()) / 1.2))
        high = 10 ** math.ceil(math.log10(float(losses.max()) * 1.2))
        drawn["ax_loss"].set_ylim(low, high)


class _PlainLogFormatter(LogFormatter):
    """Label a log axis 0.01, 0.5, 2, 1000 rather than 1e-02 or 10^3."""

    def _num_to_string(self, x, vmin, vmax):
        return f"{x:g}"


def _log_axis(ax: Axes) -> None:
    """Put ``ax``'s y axis on a log scale with plainly written labels."""
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_PlainLogFormatter())
    ax.yaxis.set_minor_formatter(
        _PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(1.2, 0.5))
    )


def _clean(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def plot_digit_predictions(
    images: np.ndarray,
    labels: np.ndarray,
    predictions: np.ndarray | None = None,
    ax: Axes | None = None,
) -> dict[str, Any]:
    """Draw digits in one row or two, each titled with the network's answer.

    Parameters
    ----------
    images : ndarray of shape (n, 28, 28)
        The digits, 0 (paper) to 1 (ink).
    labels : ndarray of shape (n,)
        The true digits.
    predictions : ndarray of shape (n,), optional
        The network's answers (-1 for none); green when right, red when
        wrong. Without them, every answer shows as "?".
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    dict
        ``"image"`` (the AxesImage of the digits) and ``"texts"`` (one Text
        a digit); :func:`update_digit_predictions` changes the texts.

    Examples
    --------
    >>> drawn = plot_digit_predictions(np.zeros((4, 28, 28)), np.arange(4),
    ...     np.array([0, 1, 5, -1]))
    >>> [t.get_text() for t in drawn["texts"]]
    ['0', '1', '5', '?']
    """
    images = np.asarray(images, dtype=float)
    labels = np.asarray(labels)
    if images.ndim != 3 or len(labels) != len(images):
        raise ValueError(
            "`images` must have shape (n, height, width) with one label each; "
            f"received images of shape {images.shape} and {len(labels)} labels."
        )
    (ax,) = _new_axes(ax)
    n, height, width = images.shape
    rows = 1 if n <= 6 else 2
    cols = math.ceil(n / rows)
    pad = 9
    montage = np.ones((rows * (height + pad), cols * (width + 2))) * 0.0
    texts = []
    for index in range(n):
        row, col = divmod(index, cols)
        top = row * (height + pad) + pad
        left = col * (width + 2)
        montage[top : top + height, left : left + width] = images[index]
        texts.append(
            ax.text(
                left + width / 2,
                top - 1.5,
                "?",
                ha="center",
                va="bottom",
                fontsize="small",
                fontweight="bold",
            )
        )
    image = ax.imshow(montage, cmap="gray_r", vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("Its answers for 12 validation digits", fontsize="medium")
    drawn = {"image": image, "texts": texts, "labels": labels}
    update_digit_predictions(drawn, predictions)
    return drawn


def update_digit_predictions(
    drawn: Mapping[str, Any], predictions: np.ndarray | None
) -> None:
    """Show new answers in a drawing made by :func:`plot_digit_predictions`."""
    for index, text in enumerate(drawn["texts"]):
        guess = None if predictions is None else int(predictions[index])
        if guess is None or guess < 0:
            text.set_text("?")
            text.set_color("grey")
        else:
            right = guess == int(drawn["labels"][index])
            text.set_text(str(guess))
            text.set_color("#2ca02c" if right else "#d62728")


def plot_run_comparison(
    runs: Iterable[Run],
    ax_loss: Axes | None = None,
    ax_accuracy: Axes | None = None,
) -> dict[str, Any]:
    """Overlay the validation curves of several runs, one colour a run.

    Solid lines are validation, thin dashed lines training.

    Returns
    -------
    dict
        ``"lines"``: the Line2D artists, two a run; and the two axes.
    """
    runs = list(runs)
    if ax_loss is None or ax_accuracy is None:
        ax_loss, ax_accuracy = _new_axes(None, 2)
    lines = []
    for index, run in enumerate(runs):
        colour = f"C{index % 10}"
        h = run.history
        for ax, key, scale in (
            (ax_loss, "loss", 1.0),
            (ax_accuracy, "accuracy", 100.0),
        ):
            val = _clean(np.asarray(h.get(f"val_{key}", []), dtype=float)) * scale
            train = _clean(np.asarray(h.get(key, []), dtype=float)) * scale
            x = np.arange(1, len(val) + 1)
            label = f"run {run.run_id}" + (" (diverged)" if run.diverged else "")
            lines += ax.plot(x, val, color=colour, lw=1.8, marker=".", label=label)
            lines += ax.plot(
                np.arange(1, len(train) + 1),
                train,
                color=colour,
                lw=0.9,
                ls="--",
                marker=".",
                ms=3,
            )
    _log_axis(ax_loss)
    ax_loss.set_ylabel("loss (log scale)")
    ax_loss.set_title("Loss (dashed: training)", fontsize="medium")
    ax_accuracy.set_ylabel("accuracy (%)")
    ax_accuracy.set_ylim(0, 101)
    ax_accuracy.set_title("Accuracy (dashed: training)", fontsize="medium")
    for ax in (ax_loss, ax_accuracy):
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
    if runs:
        ax_accuracy.legend(loc="lower right", fontsize="small")
    else:
        ax_accuracy.text(
            0.5,
            0.5,
            "Select runs to compare",
            ha="center",
            transform=ax_accuracy.transAxes,
        )
    return {"lines": lines, "ax_loss": ax_loss, "ax_accuracy": ax_accuracy}


class LiveFigure:
    """The panel's figure: curves, and decision regions or digit answers.

    It lives outside pyplot and renders to PNG bytes, so a background
    thread can redraw it. What changes while training (curves, regions,
    answers) is drawn over a saved background, and the rest (axes, ticks,
    titles) is drawn again only when an axis range changes; a redraw is
    then several times cheaper than drawing the whole figure.

    Parameters
    ----------
    settings : Settings
        The run being drawn.
    data : PlaygroundData
        Its data.
    """

    def __init__(
        self,
        settings: Settings,
        data: PlaygroundData,
        reference: Run | None = None,
        title: str | None = None,
    ):
        self.settings = settings
        self.data = data
        self.reference = reference
        self.figure = _new_figure(
            11.0,
            3.5,
            margins={
                "left": 0.075,
                "right": 0.99,
                "bottom": 0.14,
                "top": 0.84,
                "wspace": 0.32,
            },
        )
        ax_loss, ax_accuracy, ax_third = self.figure.subplots(1, 3)
        self.curves = plot_curves(
            None,
            None,
            ax_loss,
            ax_accuracy,
            epochs=settings.epochs,
            n_classes=data.n_classes,
        )
        self.x_max = settings.epochs
        if reference is not None:
            self._draw_reference(reference)
        moving: list = [self.curves[k] for k in ("loss", "val_loss")]
        moving += [self.curves[k] for k in ("accuracy", "val_accuracy")]
        moving.append(ax_accuracy.get_legend())
        self.regions: dict[str, Any] | None = None
        self.digits: dict[str, Any] | None = None
        if data.is_2d:
            empty = np.full(REGION_RESOLUTION**2, -1)
            self.regions = plot_decision_regions(
                lambda grid: empty[: len(grid)],
                data.x_all,
                None,
                ax_third,
                resolution=REGION_RESOLUTION,
                n_classes=data.n_classes,
            )
            x, y = data.training_subset(settings.train_size)
            points = plot_points(x, y, ax_third, size=18 if len(x) > 100 else 32)
            ax_third.set_title(
                f"Decision regions ({len(x)} training points)", fontsize="medium"
            )
            moving += [self.regions["regions"], *points, ax_third.get_legend()]
        else:
            count = TrainingMonitor.DIGITS
            self.digits = plot_digit_predictions(
                data.x_val[:count], data.y_val[:count], None, ax_third
            )
            moving += self.digits["texts"]
        self.title = self.figure.suptitle(
            title or settings.describe(), fontsize="small", color="#444"
        )
        self._moving = [artist for artist in moving if artist is not None]
        for artist in self._moving:
            artist.set_animated(True)
        self._background = None
        self._limits: list = []

    def _draw_reference(self, run: Run) -> None:
        """Draw another run's validation curves in grey, to compare with."""
        history = run.history
        values = {
            key: _clean(np.asarray(history.get(key, []), dtype=float))
            for key in ("val_loss", "val_accuracy")
        }
        x = np.arange(1, len(values["val_loss"]) + 1)
        label = f"run {run.run_id} (validation)"
        style = {"color": "#9e9e9e", "lw": 1.2, "ls": "--", "zorder": 1}
        self.curves["ax_loss"].plot(x, values["val_loss"], **style)
        self.curves["ax_accuracy"].plot(
            x, values["val_accuracy"] * 100, label=label, **style
        )
        self.curves["ax_accuracy"].legend(loc="lower right", fontsize="small")
        self.curves["reference_losses"] = values["val_loss"]
        self.x_max = max(self.x_max, len(x))

    def set_title(self, text: str) -> None:
        """Change the line above the plots (drawn at the next :meth:`png`)."""
        self.title.set_text(text)
        self._background = None

    def update(self, snapshot: Mapping[str, Any]) -> None:
        """Draw a :meth:`TrainingMonitor.snapshot` into the figure."""
        update_curves(
            self.curves,
            snapshot.get("curve"),
            snapshot.get("history"),
            epochs=self.x_max,
        )
        live = snapshot.get("live")
        if live is not None and self.regions is not None:
            self.regions["regions"].set_data(np.ma.masked_less(live, 0))
        if self.digits is not None:
            update_digit_predictions(self.digits, live)

    def png(self) -> bytes:
        """Render the figure to PNG bytes."""
        canvas = self.figure.canvas
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes]
        if self._background is None or limits != self._limits:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._limits = limits
        else:
            canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        pixels = np.asarray(canvas.buffer_rgba())[..., :3]
        buffer = io.BytesIO()
        PILImage.fromarray(pixels).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


# The panel --------------------------------------------------------------

_EXPLAIN = {
    "dataset": "What the network learns: MNIST digits (10 classes), or 2-D points "
    "(2 classes) whose decision regions you can watch.",
    "train_size": "How many examples it trains on. Few examples make it easy to "
    "memorise them (overfitting).",
    "hidden_layers": "Layers between input and output. 0 is a linear model; more "
    "layers can bend the boundary more, but are harder to train.",
    "hidden_units": "Neurons in each hidden layer. More units, more weights: more "
    "capacity, and more risk of memorising.",
    "activation": "The function each hidden neuron applies. ReLU trains fast; "
    "sigmoid and tanh saturate in deep networks.",
    "dropout": "While training, switch off this fraction of hidden neurons at "
    "random: a brake on memorising.",
    "l2": "Penalise large weights (L2 regularisation): a smoother model, less "
    "overfitting. Too much and it underfits.",
    "optimizer": "How the weights are updated from the gradient. Adam adapts its "
    "steps; plain SGD needs a larger learning rate.",
    "learning_rate": "The size of each step. Too small: slow. Too large: the loss "
    "jumps around or blows up (diverges).",
    "decay": "Shrink the learning rate as training goes on: it halves every quarter "
    "of the epochs, smoothly or in steps.",
    "batch_size": "Examples per weight update. Small batches: many noisy steps; "
    "large batches: few smooth ones.",
    "epochs": "Passes over the training examples.",
    "seed": "Seeds the first weights and the shuffling. Same seed, same run; "
    "change it to see how much luck matters.",
}

_LABELS = {
    "dataset": "data set",
    "train_size": "training examples",
    "hidden_layers": "hidden layers",
    "hidden_units": "units per layer",
    "activation": "activation",
    "dropout": "dropout",
    "l2": "L2 penalty",
    "optimizer": "optimiser",
    "learning_rate": "learning rate",
    "decay": "rate decay",
    "batch_size": "batch size",
    "epochs": "epochs",
    "seed": "random seed",
}

_GROUPS = (
    ("Data", ("dataset", "train_size")),
    ("Network", ("hidden_layers", "hidden_units", "activation", "dropout", "l2")),
    (
        "Training",
        ("optimizer", "learning_rate", "decay", "batch_size", "epochs", "seed"),
    ),
)

_DATASET_NAMES = {
    "mnist": "MNIST digits",
    "moons": "moons (2-D)",
    "circles": "circles (2-D)",
    "spirals": "spirals (2-D)",
    "clouds": "two clouds (2-D)",
}

_UNITS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
_BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
_L2 = (0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1)
_SORTS = (
    ("newest first", ("run", False)),
    ("validation accuracy", ("val acc", False)),
    ("test accuracy", ("test acc", False)),
    ("fewest weights", ("weights", True)),
    ("fastest", ("seconds", True)),
)
_SHOWN_COLUMNS = (
    "run",
    "status",
    "dataset",
    "train examples",
    "layers",
    "units",
    "activation",
    "dropout",
    "l2",
    "optimizer",
    "learning rate",
    "batch",
    "epochs done",
    "train acc",
    "val acc",
    "test acc",
    "weights",
    "seconds",
)
_TABLE_ROWS = 40
_SHOWN_ERRORS = (ValueError, TypeError, RuntimeError, KeyError, OSError, ImportError)
"""Errors a button shows as a message; anything else is a bug and raises."""


def _run_label(run: Run) -> str:
    """Return a run's line in the list of runs to compare: number and result first."""
    if run.diverged:
        result = "diverged"
    elif run.val_accuracy is None:
        result = "val n/a"
    else:
        result = f"val {100 * run.val_accuracy:.1f} %"
    return f"{run.run_id} | {result} | {run.settings.describe()}"


def _train_sizes(pool: int) -> list[int]:
    sizes = [
        s
        for s in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000)
        if s < pool
    ]
    return [*sizes, pool]


def _with_option(options: Sequence, value) -> list:
    """Return ``options`` with ``value`` added in order, if it is missing."""
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    if value in values:
        return list(options)
    return sorted([*values, value])


class Playground:
    """The hyperparameter playground: a panel to change, train and compare.

    Show it as the last line of a cell. Change the controls, press
    **Train**, watch the curves (and, for 2-D data, the decision regions)
    as it learns, press **Stop** to end early. Every run is recorded in
    ``playground_runs.jsonl`` in the data folder and listed on the
    **Runs** tab; the **Share** tab gives the settings as a string that
    another learner can load.

    Parameters
    ----------
    settings : Settings, dict or str, optional
        The starting settings. Defaults to the last run's settings when
        the record has runs, else the suggested settings for the moons.
    fixed : dict, optional
        Classroom mode: settings the learner cannot change (shown greyed
        out), such as ``{"dataset": "moons"}``.
    hidden : list of str, optional
        Classroom mode: controls not shown at all. They start from the
        starting (or fixed) value; a loaded share string or another run's
        settings may change them, and the message then says so.
    log : RunLog, str or Path, optional
        The record of runs, or its file. Defaults to the data folder's.

    Examples
    --------
    >>> panel = Playground(fixed={"dataset": "moons"}, hidden=["seed"])
    >>> panel.controls["dataset"].disabled, panel.settings().dataset
    (True, 'moons')
    """

    def __init__(
        self,
        settings: Settings | Mapping[str, Any] | str | None = None,
        *,
        fixed: Mapping[str, Any] | None = None,
        hidden: Iterable[str] = (),
        log: RunLog | str | None = None,
    ):
        self.log = log if isinstance(log, RunLog) else RunLog(log)
        names = Settings.names()
        if fixed is not None and not isinstance(fixed, Mapping):
            raise TypeError(
                "`fixed` must be a dict of setting names and values, such as "
                f"{{'dataset': 'moons'}}; received {fixed!r}."
            )
        self.fixed = dict(fixed or {})
        unknown = sorted(set(self.fixed) - set(names))
        if unknown:
            raise ValueError(
                f"`fixed` names unknown settings {unknown}; the settings are "
                f"{list(names)}."
            )
        hidden = () if hidden is None else hidden
        if isinstance(hidden, str) or not isinstance(hidden, Iterable):
            raise TypeError(
                f"`hidden` must be a list of setting names; received {hidden!r}."
            )
        self.hidden = list(hidden)
        unknown = sorted(set(self.hidden) - set(names))
        if unknown:
            raise ValueError(
                f"`hidden` names unknown settings {unknown}; the settings are "
                f"{list(names)}."
            )
        start = None if settings is None else _as_settings(settings)
        try:  # a fixed data set or value the settings cannot take
            if start is None:
                last = self.log.runs[-1].settings if self.log.runs else None
                dataset = self.fixed.get("dataset")
                if last is not None and dataset in (None, last.dataset):
                    start = last
                else:
                    start = Settings.for_dataset(dataset or "moons")
            start = start.replace(**self.fixed)
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"`fixed` holds a value that cannot be used: {error}"
            ) from None
        self.last_run: Run | None = None
        self.live_figure: LiveFigure | None = None
        self.error: BaseException | None = None
        self.redraw_times: list[float] = []
        self.figure_times: list[float] = []
        self._stop = threading.Event()
        self._monitor: TrainingMonitor | None = None
        self._threads: list[threading.Thread] = []
        self._state_lock = threading.Lock()
        self._quiet = False
        self._build(start)

    # Controls ------------------------------------------------------------

    def _build(self, start: Settings) -> None:
        style = {"description_width": "120px"}
        c: dict[str, widgets.Widget] = {}
        c["dataset"] = widgets.Dropdown(
            options=[(_DATASET_NAMES[d], d) for d in DATASETS], value=start.dataset
        )
        c["train_size"] = widgets.SelectionSlider(options=[start.train_size])
        c["hidden_layers"] = widgets.IntSlider(value=1, min=0, max=8)
        c["hidden_units"] = widgets.SelectionSlider(options=list(_UNITS), value=64)
        c["activation"] = widgets.Dropdown(options=list(ACTIVATIONS))
        c["dropout"] = widgets.FloatSlider(value=0.0, min=0.0, max=0.9, step=0.05)
        c["l2"] = widgets.SelectionSlider(
            options=[("0" if v == 0 else f"{v:.0e}", v) for v in _L2], value=0.0
        )
        c["optimizer"] = widgets.Dropdown(options=list(OPTIMIZERS))
        c["learning_rate"] = widgets.FloatLogSlider(
            value=0.001, base=10, min=-5, max=1, step=0.25, readout_format=".3g"
        )
        c["decay"] = widgets.Dropdown(options=list(DECAYS))
        c["batch_size"] = widgets.SelectionSlider(options=list(_BATCHES), value=32)
        c["epochs"] = widgets.IntSlider(value=10, min=1, max=200)
        c["seed"] = widgets.BoundedIntText(value=0, min=0, max=2**31 - 1)
        for name, control in c.items():
            if hasattr(control, "continuous_update"):
                control.continuous_update = False
            control.description = _LABELS[name]
            control.style = style
            control.layout = widgets.Layout(width="310px")
            control.tooltip = _EXPLAIN[name]
            if name in self.fixed:
                control.disabled = True
                control.description = f"{_LABELS[name]} \U0001f512"
                control.tooltip = "Fixed by your instructor. " + _EXPLAIN[name]
            if name in self.hidden:
                control.layout.display = "none"
            control.observe(self._on_control, names="value")
        self.controls = c
        self.explain = widgets.HTML(
            self._explain_html("learning_rate"), layout=widgets.Layout(width="100%")
        )
        boxes = []
        for title, names in _GROUPS:
            shown = [c[n] for n in names]
            boxes.append(
                widgets.VBox(
                    [widgets.HTML(f"<b>{title}</b>"), *shown],
                    layout=widgets.Layout(
                        width="320px", border="1px solid #ddd", padding="4px"
                    ),
                )
            )
        self.train_button = widgets.Button(
            description="Train",
            button_style="success",
            icon="play",
            tooltip="Train a new network with these settings",
        )
        self.stop_button = widgets.Button(
            description="Stop",
            button_style="danger",
            icon="stop",
            disabled=True,
            tooltip="Stop after the current batch and keep the result so far",
        )
        self.defaults_button = widgets.Button(
            description="Suggested settings",
            tooltip="Settings that suit the chosen data set",
        )
        self.train_button.on_click(lambda _: self._click(self.train))
        self.stop_button.on_click(lambda _: self.stop())
        self.defaults_button.on_click(lambda _: self._click(self.use_defaults))
        self.progress = widgets.FloatProgress(
            value=0.0, min=0.0, max=1.0, layout=widgets.Layout(width="260px")
        )
        self.progress_label = widgets.HTML("Ready.")
        self.status = widgets.HTML("")
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="990px")
        )
        train_tab = widgets.VBox(
            [
                widgets.HBox(boxes),
                self.explain,
                widgets.HBox(
                    [
                        self.train_button,
                        self.stop_button,
                        self.progress,
                        self.progress_label,
                    ],
                    layout=widgets.Layout(align_items="center"),
                ),
                self.status,
                self.image,
            ]
        )
        self._build_runs_tab()
        self._build_share_tab()
        self._show_comparison()
        self.tabs = widgets.Tab(children=[train_tab, self.runs_tab, self.share_tab])
        self.tabs.titles = ("Train", "Runs", "Share")
        # Runs recorded elsewhere (from code, another kernel) appear when
        # the learner opens the Runs tab.
        self.tabs.observe(self._on_tab, names="selected_index")
        self.widget = widgets.VBox(
            [
                instruction(
                    "Change **one** setting, press **Train**, and compare the "
                    "curves with the last run; every run is listed on the "
                    "**Runs** tab."
                ),
                self.tabs,
            ]
        )
        self.set_settings(start)
        self._refresh_runs()

    def _build_runs_tab(self) -> None:
        self.sort_by = widgets.Dropdown(
            options=[(label, key) for label, key in _SORTS],
            value=_SORTS[0][1],
            description="sort by",
        )
        self.sort_by.observe(lambda _: self._refresh_table(), names="value")
        self.table = widgets.HTML(
            layout=widgets.Layout(max_height="320px", overflow="auto")
        )
        self.compare_select = widgets.SelectMultiple(
            options=[],
            rows=8,
            description="compare",
            layout=widgets.Layout(width="620px"),
        )
        self.compare_select.observe(lambda _: self._show_comparison(), names="value")
        self.compare_image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="900px")
        )
        self.best_button = widgets.Button(
            description="Use best run's settings",
            tooltip="Set the controls to the run with the best validation accuracy "
            "on the chosen data set",
            layout=widgets.Layout(width="220px"),
        )
        self.selected_button = widgets.Button(
            description="Use selected run's settings",
            layout=widgets.Layout(width="220px"),
        )
        self.csv_button = widgets.Button(
            description="Export CSV", icon="download", tooltip="Save the table as CSV"
        )
        self.runs_message = widgets.HTML("")
        self.best_button.on_click(lambda _: self._click(self.use_best))
        self.selected_button.on_click(lambda _: self._click(self.use_selected))
        self.csv_button.on_click(lambda _: self._click(self._export))
        self.runs_tab = widgets.VBox(
            [
                instruction(
                    "Sort the table to find your best run; select runs "
                    "(Ctrl- or Shift-click) to overlay their curves."
                ),
                self.sort_by,
                self.table,
                widgets.HBox(
                    [
                        self.compare_select,
                        widgets.VBox(
                            [self.best_button, self.selected_button, self.csv_button]
                        ),
                    ]
                ),
                self.runs_message,
                self.compare_image,
            ]
        )

    def _build_share_tab(self) -> None:
        self.share_text = widgets.Text(
            description="current settings",
            style={"description_width": "120px"},
            layout=widgets.Layout(width="900px"),
        )
        self.paste_text = widgets.Text(
            placeholder="paste a string that starts with pg1- here",
            description="load settings",
            style={"description_width": "120px"},
            layout=widgets.Layout(width="790px"),
        )
        self.load_button = widgets.Button(description="Load", icon="upload")
        self.load_button.on_click(
            lambda _: self._click(lambda: self.load_settings(self.paste_text.value))
        )
        self.share_message = widgets.HTML("")
        self.share_tab = widgets.VBox(
            [
                instruction(
                    "Copy the string of your settings to share a run; paste "
                    "someone's string and press **Load** to reproduce theirs."
                ),
                self.share_text,
                widgets.HBox([self.paste_text, self.load_button]),
                self.share_message,
            ]
        )

    def _explain_html(self, name: str) -> str:
        return (
            f'<span style="color:#555">\u2139\ufe0f <b>{_LABELS[name]}</b>: '
            f"{html.escape(_EXPLAIN[name])}</span>"
        )

    def _on_control(self, change) -> None:
        if self._quiet:
            return
        owner = change["owner"]
        name = next((n for n, c in self.controls.items() if c is owner), None)
        if name:
            self.explain.value = self._explain_html(name)

        def react() -> None:
            if name == "dataset":
                self._fit_train_sizes(change["new"], self.controls["train_size"].value)
            self._update_share()
            self._show_preview()

        self._click(react)

    def _fit_train_sizes(self, dataset: str, wanted: int) -> None:
        pool = len(prepare_data(dataset).x_pool)
        options = _train_sizes(pool)
        if wanted not in options and wanted < pool:
            options = _with_option(options, wanted)
        value = min(options, key=lambda s: abs(s - min(wanted, pool)))
        slider = self.controls["train_size"]
        quiet, self._quiet = self._quiet, True
        try:
            slider.options = options
            slider.value = value
        finally:
            self._quiet = quiet

    def _update_share(self) -> None:
        self.share_text.value = self.settings().to_string()

    def settings(self) -> Settings:
        """Return the settings the controls show now."""
        values = {name: control.value for name, control in self.controls.items()}
        values.update(self.fixed)
        return Settings(**values)

    def set_settings(self, settings: Settings | Mapping[str, Any] | str) -> list[str]:
        """Set the controls to ``settings``; fixed settings keep their value.

        Returns
        -------
        list of str
            The names of the settings that were not changed because the
            instructor fixed them.
        """
        settings = _as_settings(settings)
        kept = [
            name
            for name, value in self.fixed.items()
            if getattr(settings, name) != value
        ]
        settings = settings.replace(**self.fixed)
        quiet, self._quiet = self._quiet, True
        try:
            c = self.controls
            c["dataset"].value = settings.dataset
            self._fit_train_sizes(settings.dataset, settings.train_size)
            c["hidden_layers"].max = max(c["hidden_layers"].max, settings.hidden_layers)
            c["hidden_layers"].value = settings.hidden_layers
            for name in ("hidden_units", "batch_size"):
                c[name].options = _with_option(c[name].options, getattr(settings, name))
                c[name].value = getattr(settings, name)
            l2_values = [v for _, v in c["l2"].options]
            if settings.l2 not in l2_values:
                c["l2"].options = [
                    ("0" if v == 0 else f"{v:.2g}", v)
                    for v in _with_option(l2_values, settings.l2)
                ]
            c["l2"].value = settings.l2
            for name in ("activation", "optimizer", "decay"):
                c[name].value = getattr(settings, name)
            c["dropout"].value = settings.dropout
            exponent = math.log10(settings.learning_rate)
            slider = c["learning_rate"]
            slider.min = min(slider.min, math.floor(exponent))
            slider.max = max(slider.max, math.ceil(exponent))
            slider.value = settings.learning_rate
            c["epochs"].max = max(c["epochs"].max, settings.epochs)
            c["epochs"].value = settings.epochs
            c["seed"].value = settings.seed
        finally:
            self._quiet = quiet
        self._update_share()
        self._show_preview()
        return kept

    def _hidden_changes(self, before: Settings) -> str:
        """Say which settings the learner cannot see were changed since
        ``before``, or return an empty string."""
        after = self.settings()
        changed = [
            f"{_LABELS[name]} {getattr(after, name)}"
            for name in self.hidden
            if name not in self.fixed and getattr(before, name) != getattr(after, name)
        ]
        if not changed:
            return ""
        return f" It also set settings hidden on this panel: {', '.join(changed)}."

    def load_settings(self, text: str) -> Settings:
        """Set the controls from a share string (``"pg1-..."``).

        Raises
        ------
        SettingsStringError
            If the string cannot be read; the message says why.
        """
        settings = Settings.from_string(text)
        before = self.settings()
        kept = self.set_settings(settings)
        message = "Loaded: " + settings.describe() + ". Press Train to run it."
        if kept:
            message += (
                f" Your instructor fixed {', '.join(_LABELS[k] for k in kept)}, "
                "so those keep their value and the run will differ."
            )
        message += self._hidden_changes(before)
        self._say(self.share_message, message)
        self._say(self.status, message)
        return self.settings()

    def use_defaults(self) -> Settings:
        """Set the controls to settings that suit the chosen data set."""
        self.set_settings(Settings.for_dataset(self.controls["dataset"].value))
        self._say(self.status, "Suggested settings for this data set are set.")
        return self.settings()

    def use_best(self) -> Run | None:
        """Set the controls to the best run on the chosen data set.

        The best run is the one with the highest validation accuracy that
        did not diverge. Returns it, or None when there is none.
        """
        dataset = self.controls["dataset"].value
        best = self.log.best("val_accuracy", dataset=dataset)
        if best is None:
            self._say(
                self.runs_message,
                f"No finished run on {_DATASET_NAMES[dataset]} yet.",
                error=True,
            )
            return None
        before = self.settings()
        self.set_settings(best.settings)
        text = f"Set to run {best.run_id}'s settings: {best.summary()}"
        text += self._hidden_changes(before)
        self._say(self.runs_message, text)
        self._say(self.status, text)
        return best

    def use_selected(self) -> Run | None:
        """Set the controls to the first run selected on the Runs tab."""
        chosen = list(self.compare_select.value)
        if not chosen:
            self._say(self.runs_message, "Select a run first.", error=True)
            return None
        run = self.log.get(chosen[0])
        before = self.settings()
        self.set_settings(run.settings)
        text = f"Set to run {run.run_id}'s settings."
        text += self._hidden_changes(before)
        self._say(self.runs_message, text)
        self._say(self.status, text)
        return run

    def _export(self):
        path = self.log.export_csv()
        self._say(self.runs_message, f"Saved the table to {path}.")
        return path

    # Training ------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while a run is training."""
        return any(t.is_alive() for t in self._threads)

    def train(self, wait: bool = False, **changes: Any) -> Run | None:
        """Train a network with the controls' settings, in the background.

        Parameters
        ----------
        wait : bool, optional
            Wait until the run ends and return it. Defaults to False: return
            at once (the panel keeps drawing while it trains).
        **changes
            Settings to set on the controls first, such as ``epochs=5``.

        Returns
        -------
        Run or None
            The run when ``wait`` is True, else None.

        Raises
        ------
        RuntimeError
            If a run is already training in this panel.
        """
        with self._state_lock:
            if self.running:
                raise RuntimeError(
                    "A run is already training; wait for it or press Stop first."
                )
            if changes:
                self.set_settings(self.settings().replace(**changes))
            settings = self.settings()
            self._stop.clear()
            self.error = None
            monitor = TrainingMonitor(stop=self._stop)
            self._monitor = monitor
            self.redraw_times, self.figure_times = [], []
            self.train_button.disabled = True
            self.stop_button.disabled = False
            self.progress.value = 0.0
            self.progress.bar_style = ""
            self._say(
                self.status,
                "Training... Press Stop to end early and keep what it has learned.",
            )
            self._show_progress(monitor.progress(), done=False)
            # The empty figure of the new run is drawn here, at once; the
            # threads then redraw it as the run learns.
            live = self._new_figure(settings, f"Training: {settings.describe()}")
            self.image.value = live.png()
            self.live_figure = live
            self._threads = [
                threading.Thread(
                    target=self._work, args=(settings, monitor), daemon=True
                ),
                threading.Thread(target=self._tick_loop, args=(monitor,), daemon=True),
                threading.Thread(
                    target=self._draw_loop, args=(monitor, live), daemon=True
                ),
            ]
            for thread in self._threads:
                thread.start()
        if wait:
            return self.wait()
        return None

    def stop(self) -> None:
        """Stop the run after its current batch; the run so far is kept."""
        if self.running:
            self._stop.set()
            self.stop_button.disabled = True
            self.progress_label.value = "Stopping after this batch..."

    def wait(self, timeout: float | None = None) -> Run | None:
        """Wait for the current run to end and return it.

        Interrupting the kernel while it waits (the stop button of the
        notebook's toolbar) stops the run too, as the panel's Stop does.

        Raises
        ------
        TimeoutError
            If it is still training after ``timeout`` seconds.
        Exception
            Whatever stopped the run from training, if anything did.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                thread.join(left)
            except KeyboardInterrupt:
                self.stop()
                raise
            if thread.is_alive():
                raise TimeoutError(f"The run is still training after {timeout} s.")
        if self.error is not None:
            raise self.error
        return self.last_run

    def _work(self, settings: Settings, monitor: TrainingMonitor) -> None:
        try:
            self.last_run = run_experiment(settings, log=self.log, monitor=monitor)
        except BaseException as error:  # shown in the panel, raised by wait()
            self.error = error
            self.last_run = None
        finally:
            monitor.finished.set()

    def _tick_loop(self, monitor: TrainingMonitor) -> None:
        """Update the progress bar and its text every REFRESH_SECONDS."""
        while True:
            self._show_progress(monitor.progress(), done=False)
            if monitor.finished.wait(REFRESH_SECONDS):
                break

    def _draw_loop(self, monitor: TrainingMonitor, live: LiveFigure) -> None:
        """Redraw the figure when the run has changed it, then finish up.

        A figure redraw takes the interpreter away from training for a
        moment, so a redraw starts at least twice its own duration after
        the last one, but no later than 2 * FIGURE_SECONDS after it.
        """
        shown_version = -1
        last_start = -math.inf
        gap = FIGURE_SECONDS
        try:
            while True:
                done = monitor.finished.wait(0.1)
                started = time.monotonic()
                if not done and started - last_start < gap:
                    continue
                snap = monitor.snapshot()
                if done and self.last_run is not None:
                    run = self.last_run
                    grey = live.reference
                    live.set_title(
                        f"Run {run.run_id}: {run.settings.describe()}"
                        + (f"  (grey: run {grey.run_id})" if grey else "")
                    )
                if snap["version"] != shown_version or done:
                    live.update(snap)
                    self.image.value = live.png()
                    shown_version = snap["version"]
                    self.figure_times.append(time.monotonic())
                    took = self.figure_times[-1] - started
                    gap = min(2 * FIGURE_SECONDS, max(FIGURE_SECONDS, 2 * took))
                    last_start = started
                if done:
                    break
        finally:
            self._threads[1].join()
            self._show_progress(monitor.progress(), done=True)
            self._finish()

    def _show_progress(self, snap: Mapping[str, Any], done: bool) -> None:
        total = snap["steps_total"]
        self.progress.value = snap["steps_done"] / total if total else 0.0
        phase = snap["phase"]
        if done:
            text = "Done."
        elif phase in ("waiting", "building"):
            text = f"Building the network... {snap['elapsed']:.1f} s"
        elif phase == "testing":
            text = "Measuring accuracy on the test set..."
        else:
            epoch = min(snap["epoch"] + 1, snap["epochs"])
            text = f"Epoch {epoch} of {snap['epochs']} &middot; {snap['elapsed']:.1f} s"
            if snap["seconds_left"] is not None:
                text += f" &middot; about {snap['seconds_left']:.0f} s left"
            if snap["stopped"]:
                text = "Stopping after this batch... " + text
        self.progress_label.value = text
        self.redraw_times.append(time.monotonic())

    def _finish(self) -> None:
        run, error = self.last_run, self.error
        if error is not None:
            self.progress.bar_style = "danger"
            self._say(
                self.status,
                f"The run could not train: {type(error).__name__}: {error}",
                error=True,
            )
        elif run is not None:
            self.progress.bar_style = {
                "finished": "success",
                "stopped": "warning",
                "diverged": "danger",
            }[run.status]
            text = run.summary()
            if run.status == "stopped":
                text += " The result so far is kept."
            self._say(self.status, text, error=run.diverged)
        self.train_button.disabled = False
        self.stop_button.disabled = True
        self._refresh_runs()

    def _click(self, action: Callable[[], Any]) -> None:
        """Run a button's action; show a mistake as a message, not a traceback."""
        try:
            action()
        except _SHOWN_ERRORS as error:
            message = error.args[0] if error.args else str(error)
            target = self.status
            if isinstance(error, SettingsStringError):
                target = self.share_message
            self._say(target, str(message), error=True)

    @staticmethod
    def _say(target: widgets.HTML, text: str, error: bool = False) -> None:
        colour = "#b00020" if error else "#1b5e20"
        icon = "\u26a0\ufe0f " if error else ""
        target.value = f'<span style="color:{colour}">{icon}{html.escape(text)}</span>'

    def _reference_run(self, dataset: str) -> Run | None:
        """Return the latest recorded run on ``dataset``, to draw in grey."""
        for run in reversed(self.log.runs):
            if run.settings.dataset == dataset:
                return run
        return None

    def _new_figure(self, settings: Settings, title: str) -> LiveFigure:
        reference = self._reference_run(settings.dataset)
        if reference is not None:
            title += f"  (grey: run {reference.run_id})"
        return LiveFigure(settings, prepare_data(settings), reference, title)

    def _show_preview(self) -> None:
        """Draw the next run's empty figure: its data, and the last run in grey.

        Like the TensorFlow Playground, a changed setting shows at once what
        the next run will train on; nothing is drawn over a running run.
        """
        if self.running:
            return
        settings = self.settings()
        live = self._new_figure(settings, f"Next run: {settings.describe()}")
        self.image.value = live.png()
        self.live_figure = live
        self.figure_times.append(time.monotonic())

    # Runs ----------------------------------------------------------------

    def runs_table(
        self,
        sort_by: str = "run",
        ascending: bool | None = None,
        all_columns: bool = False,
    ):
        """Return every recorded run as a pandas DataFrame, one row a run.

        Parameters
        ----------
        sort_by : str, optional
            A column: ``"val acc"``, ``"test acc"``, ``"weights"``, ...
            Defaults to ``"run"``.
        ascending : bool, optional
            Defaults to highest first for accuracies, else lowest first.
        all_columns : bool, optional
            Every setting and metric (see :meth:`RunLog.table`); by default
            the columns shown on the Runs tab.
        """
        frame = self.log.table(sort_by, ascending)
        return frame if all_columns else frame.loc[:, list(_SHOWN_COLUMNS)]

    def _on_tab(self, change: Any = None) -> None:
        if self.tabs.selected_index == 1:
            self._refresh_runs()

    def _refresh_runs(self) -> None:
        self._refresh_table()
        labels = [(_run_label(run), run.run_id) for run in reversed(self.log.runs)]
        selected = tuple(
            v for v in self.compare_select.value if v in dict(labels).values()
        )
        self.compare_select.options = labels
        self.compare_select.value = selected
        if self.log.skipped:
            self._say(
                self.runs_message,
                f"Some lines of {self.log.path.name} could not be read and were "
                "skipped; the other runs are here.",
                error=True,
            )

    def _refresh_table(self) -> None:
        column, ascending = self.sort_by.value
        if not self.log.runs:
            self.table.value = "<i>No runs yet: press Train on the Train tab.</i>"
            return
        frame = self.log.table(column, ascending).loc[:, list(_SHOWN_COLUMNS)]
        more = len(frame) - _TABLE_ROWS
        frame = frame.head(_TABLE_ROWS)
        formats = {
            key: (lambda v: "" if v is None or v != v else f"{100 * v:.1f} %")
            for key in ("train acc", "val acc", "test acc")
        }
        formats["weights"] = lambda v: f"{v:,}"
        formats["learning rate"] = lambda v: f"{v:g}"
        formats["l2"] = lambda v: f"{v:g}"
        text = frame.to_html(index=False, formatters=formats, border=0, escape=True)
        text = text.replace("<td>", '<td style="white-space:nowrap">')
        if more > 0:
            text += f"<i>... and {more} more (see panel.runs_table()).</i>"
        self.table.value = text

    def compare(self, run_ids: Iterable[int]) -> list[Run]:
        """Overlay the curves of the runs numbered ``run_ids`` on the Runs tab."""
        runs = self.log.runs_by_id(run_ids)
        self.compare_select.value = tuple(r.run_id for r in runs)
        return runs

    def _show_comparison(self) -> None:
        runs = self.log.runs_by_id(self.compare_select.value)
        figure = _new_figure(
            10.0,
            3.4,
            margins={"left": 0.08, "right": 0.98, "bottom": 0.14, "top": 0.9},
        )
        ax_loss, ax_accuracy = figure.subplots(1, 2)
        plot_run_comparison(runs, ax_loss, ax_accuracy)
        self.compare_image.value = _render_png(figure)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
