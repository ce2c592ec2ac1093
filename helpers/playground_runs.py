"""The playground's settings and its record of runs.

Notebook 05 lets a learner change a network's settings and train it again
and again. This module holds what does not need TensorFlow:

- :class:`Settings`, one run's settings, checked on creation, and its
  share string (``"pg1-..."``) that another learner pastes to reproduce
  the run;
- :class:`Run`, what one run did: its settings, metrics, curves, time;
- :class:`RunLog`, every run kept in ``playground_runs.jsonl`` in the data
  folder (see :func:`helpers.config.data_dir`), one JSON line a run, so the
  record survives a kernel restart. A damaged line is skipped with a
  warning and never costs the other runs.

Training itself is in :mod:`helpers.playground`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
import numbers
import os
import warnings
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from helpers.config import data_dir
from helpers.files import locked

__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "DECAYS",
    "OPTIMIZERS",
    "RUNS_FILE",
    "STATUSES",
    "Run",
    "RunLog",
    "Settings",
    "SettingsStringError",
]

DATASETS = ("mnist", "moons", "circles", "spirals", "clouds")
"""Data sets of the playground: MNIST digits, and 2-D toy sets by name."""

TOY_SETS = DATASETS[1:]
"""The 2-D data sets, whose decision regions can be drawn."""

ACTIVATIONS = ("relu", "sigmoid", "tanh", "elu", "linear")
"""Activations of the hidden layers (as :data:`helpers.models.ACTIVATIONS`)."""

OPTIMIZERS = ("adam", "sgd", "rmsprop", "adagrad")
"""Optimisers (as :data:`helpers.models.OPTIMIZERS`)."""

DECAYS = ("none", "exponential", "step")
"""Learning-rate decays: the rate halves every quarter of the epochs."""

STATUSES = ("finished", "stopped", "diverged")
"""How a run ended: all its epochs, Stop pressed, or the loss blew up."""

RUNS_FILE = "playground_runs.jsonl"
"""Name of the record in the data folder."""

SHARE_PREFIX = "pg1-"
"""Start of a version-1 share string."""

_LIMITS = {
    "train_size": (10, 1_000_000),
    "hidden_layers": (0, 8),
    "hidden_units": (1, 1024),
    "batch_size": (1, 8192),
    "epochs": (1, 500),
    "seed": (0, 2**31 - 1),
}


class SettingsStringError(ValueError):
    """A pasted share string cannot be read; the message says why."""


def _three_digits(value: float) -> float:
    """Round to 3 significant digits, so a share string reproduces a run."""
    return float(f"{value:.3g}")


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything that decides one playground run.

    Two runs with equal settings on the same machine give the same numbers.
    Values are checked when the settings are made; the learning rate and
    L2 strength are rounded to 3 significant digits and the dropout to 2
    decimals, so that what is shared is exactly what was trained.

    Parameters
    ----------
    dataset : str
        One of :data:`DATASETS`.
    train_size : int
        Training examples used, 10 or more. A value above what the data set
        holds uses all of it.
    hidden_layers : int
        Number of hidden layers, 0 (no hidden layer) to 8.
    hidden_units : int
        Units in each hidden layer, 1 to 1024.
    activation : str
        Activation of the hidden layers, one of :data:`ACTIVATIONS`.
    dropout : float
        Fraction of each hidden layer's outputs dropped while training,
        0 to 0.9.
    l2 : float
        Strength of the L2 penalty on the hidden layers' weights, 0 to 1.
    optimizer : str
        One of :data:`OPTIMIZERS`.
    learning_rate : float
        The starting learning rate, above 0 and at most 100.
    decay : str
        One of :data:`DECAYS`: the rate halves every quarter of the epochs,
        smoothly (``"exponential"``) or all at once (``"step"``).
    batch_size : int
        Examples per update, 1 to 8192.
    epochs : int
        Passes over the training examples, 1 to 500.
    seed : int
        Seed of the first weights and of the shuffling.

    Examples
    --------
    >>> s = Settings(dataset="moons", hidden_layers=2, hidden_units=8)
    >>> s.replace(learning_rate=0.012345).learning_rate
    0.0123
    >>> Settings.from_string(s.to_string()) == s
    True
    """

    dataset: str = "mnist"
    train_size: int = 2000
    hidden_layers: int = 1
    hidden_units: int = 64
    activation: str = "relu"
    dropout: float = 0.0
    l2: float = 0.0
    optimizer: str = "adam"
    learning_rate: float = 0.001
    decay: str = "none"
    batch_size: int = 32
    epochs: int = 10
    seed: int = 0

    def __post_init__(self) -> None:
        for name, choices in (
            ("dataset", DATASETS),
            ("activation", ACTIVATIONS),
            ("optimizer", OPTIMIZERS),
            ("decay", DECAYS),
        ):
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(
                    f"`{name}` must be one of {list(choices)}; received {value!r}."
                )
        for name, (low, high) in _LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                    object.__setattr__(self, name, value)
                else:
                    raise TypeError(
                        f"`{name}` must be a whole number; received {value!r}."
                    )
            if not low <= value <= high:
                raise ValueError(
                    f"`{name}` must be from {low} to {high}; received {value!r}."
                )
        self._set_number("dropout", 0.0, 0.9, lambda v: round(v, 2))
        self._set_number("l2", 0.0, 1.0, _three_digits)
        self._set_number("learning_rate", 0.0, 100.0, _three_digits)
        if self.learning_rate <= 0:
            raise ValueError(
                "`learning_rate` must be above 0; received "
                f"{self.learning_rate!r}. Try 0.001."
            )

    def _set_number(self, name: str, low: float, high: float, tidy) -> None:
        value = getattr(self, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"`{name}` must be a number; received {value!r}.")
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(
                f"`{name}` must be from {low:g} to {high:g}; received {value!r}."
            )
        object.__setattr__(self, name, tidy(float(value)))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Return the names of the settings, in a fixed order."""
        return tuple(field.name for field in dataclasses.fields(cls))

    @classmethod
    def for_dataset(cls, dataset: str, **changes: Any) -> Settings:
        """Return settings that suit ``dataset``, changed by ``changes``.

        The 2-D sets get a small network that trains in seconds; MNIST
        gets one hidden layer of 64 units.

        Examples
        --------
        >>> Settings.for_dataset("moons").hidden_units
        8
        """
        if dataset not in DATASETS:
            raise ValueError(
                f"`dataset` must be one of {list(DATASETS)}; received {dataset!r}."
            )
        base: dict[str, Any] = {"dataset": dataset}
        if dataset in TOY_SETS:
            base.update(
                train_size=200,
                hidden_layers=2,
                hidden_units=8,
                learning_rate=0.03,
                batch_size=16,
                epochs=50,
            )
        base.update(changes)
        return cls(**base)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some settings changed (and checked)."""
        unknown = sorted(set(changes) - set(self.names()))
        if unknown:
            raise TypeError(
                f"Unknown settings {unknown}; the settings are {list(self.names())}."
            )
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as a plain dict (JSON-ready)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Settings:
        """Make settings from a dict; missing names take their defaults.

        Raises
        ------
        TypeError
            If ``values`` is not a dict, or names a setting that does not
            exist.
        ValueError
            If a value is out of range (the message names it).
        """
        if not isinstance(values, Mapping):
            raise TypeError(f"`values` must be a dict; received {values!r}.")
        unknown = sorted(set(values) - set(cls.names()))
        if unknown:
            raise TypeError(
                f"Unknown settings {unknown}; the settings are {list(cls.names())}."
            )
        return cls(**dict(values))

    @property
    def is_2d(self) -> bool:
        """True for the 2-D toy sets, whose decision regions can be drawn."""
        return self.dataset in TOY_SETS

    @property
    def layers(self) -> list[int]:
        """The hidden layer sizes, such as ``[64, 64]``."""
        return [self.hidden_units] * self.hidden_layers

    def describe(self) -> str:
        """Return the settings in one short line.

        Examples
        --------
        >>> print(Settings().describe())
        mnist (2000 examples) | 1x64 relu | adam lr 0.001 | batch 32, 10 epochs
        """
        network = (
            f"{self.hidden_layers}x{self.hidden_units} {self.activation}"
            if self.hidden_layers
            else "no hidden layer"
        )
        extras = []
        if self.dropout:
            extras.append(f"dropout {self.dropout:g}")
        if self.l2:
            extras.append(f"L2 {self.l2:g}")
        if extras:
            network += " + " + ", ".join(extras)
        rate = f"{self.optimizer} lr {self.learning_rate:g}"
        if self.decay != "none":
            rate += f" ({self.decay} decay)"
        line = (
            f"{self.dataset} ({self.train_size} examples) | {network} | {rate} | "
            f"batch {self.batch_size}, {self.epochs} epochs"
        )
        if self.seed:
            line += f", seed {self.seed}"
        return line

    def to_string(self) -> str:
        """Return a short string that reproduces these settings.

        It is ``"pg1-"`` followed by the settings, in a fixed order, as
        compact JSON with a checksum, in URL-safe base64. Paste it into
        :meth:`from_string` (or the playground's Share tab).

        Examples
        --------
        >>> Settings().to_string()[:4]
        'pg1-'
        """
        values = [getattr(self, name) for name in self.names()]
        body = json.dumps(values, separators=(",", ":"))
        check = format(zlib.crc32(body.encode()) & 0xFFFF, "04x")
        packed = json.dumps([check, *values], separators=(",", ":"))
        encoded = base64.urlsafe_b64encode(packed.encode()).decode().rstrip("=")
        return SHARE_PREFIX + encoded

    @classmethod
    def from_string(cls, text: str) -> Settings:
        """Read a share string made by :meth:`to_string`.

        Raises
        ------
        SettingsStringError
            If the text is not a share string, was cut short or mistyped,
            or holds a value out of range; the message says which.

        Examples
        --------
        >>> Settings.from_string("hello")
        Traceback (most recent call last):
        ...
        helpers.playground_runs.SettingsStringError: A settings string starts with \
'pg1-'; received 'hello'.
        """
        if not isinstance(text, str):
            raise SettingsStringError(
                f"A settings string must be text; received {type(text).__name__}."
            )
        cleaned = "".join(text.split()).strip("'\"")
        shown = cleaned if len(cleaned) <= 24 else cleaned[:21] + "..."
        if not cleaned.startswith(SHARE_PREFIX):
            if cleaned[:2] == "pg" and cleaned[2:3].isdigit():
                raise SettingsStringError(
                    f"This settings string ({shown!r}) was made by another "
                    f"version of the course; this one reads strings that start "
                    f"with {SHARE_PREFIX!r}."
                )
            raise SettingsStringError(
                f"A settings string starts with {SHARE_PREFIX!r}; received {shown!r}."
            )
        encoded = cleaned[len(SHARE_PREFIX) :]
        damaged = SettingsStringError(
            f"The settings string {shown!r} is damaged: it may have been cut "
            "short or mistyped. Copy the whole string again."
        )
        try:
            padded = encoded + "=" * (-len(encoded) % 4)
            packed = json.loads(base64.urlsafe_b64decode(padded.encode()))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise damaged from None
        names = cls.names()
        if not isinstance(packed, list) or len(packed) != len(names) + 1:
            raise damaged
        check, values = packed[0], packed[1:]
        body = json.dumps(values, separators=(",", ":"))
        if check != format(zlib.crc32(body.encode()) & 0xFFFF, "04x"):
            raise damaged
        try:
            return cls(**dict(zip(names, values, strict=True)))
        except (TypeError, ValueError) as error:
            raise SettingsStringError(
                f"The settings string {shown!r} holds a setting this course "
                f"cannot use: {error}"
            ) from None


def _finite(value: Any, digits: int = 6) -> float | None:
    """Return ``value`` rounded, or None when it is missing, NaN or infinite."""
    if value is None:
        return None
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


@dataclasses.dataclass
class Run:
    """What one playground run did.

    Accuracies are fractions from 0 to 1, None when not measured (or not a
    finite number because the run diverged).

    Attributes
    ----------
    run_id : int
        Number of the run in the record, from 1; 0 until it is recorded.
    settings : Settings
        The settings it was trained with.
    status : str
        One of :data:`STATUSES`.
    epochs_done : int
        Epochs completed (fewer than asked when stopped or diverged).
    train_accuracy, val_accuracy, test_accuracy : float or None
        Accuracy after training on the training examples used, the
        validation examples and the test examples.
    best_val_accuracy : float or None
        The best validation accuracy at the end of an epoch.
    best_epoch : int or None
        The epoch (from 1) that reached it.
    train_loss, val_loss : float or None
        Loss at the end of training.
    seconds : float
        Training time.
    weights : int
        Number of weights and biases of the network.
    train_examples : int
        Training examples actually used.
    history : dict of lists
        Per epoch: ``"loss"``, ``"accuracy"``, ``"val_loss"`` and
        ``"val_accuracy"``.
    note : str
        Why a run stopped early, in words.
    data : str
        Which data it ran on (for MNIST, full set or offline sample).
    started : str
        When it started, ISO 8601 in UTC.
    """

    settings: Settings
    status: str = "finished"
    epochs_done: int = 0
    train_accuracy: float | None = None
    val_accuracy: float | None = None
    best_val_accuracy: float | None = None
    best_epoch: int | None = None
    test_accuracy: float | None = None
    train_loss: float | None = None
    val_loss: float | None = None
    seconds: float = 0.0
    weights: int = 0
    train_examples: int = 0
    history: dict[str, list[float | None]] = dataclasses.field(default_factory=dict)
    note: str = ""
    data: str = ""
    started: str = ""
    run_id: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.settings, Settings):
            raise TypeError(
                f"`settings` must be a Settings; received {self.settings!r}."
            )
        if self.status not in STATUSES:
            raise ValueError(
                f"`status` must be one of {list(STATUSES)}; received {self.status!r}."
            )
        for name in (
            "train_accuracy",
            "val_accuracy",
            "best_val_accuracy",
            "test_accuracy",
            "train_loss",
            "val_loss",
        ):
            setattr(self, name, _finite(getattr(self, name)))
        self.history = {
            str(key): [_finite(v) for v in values]
            for key, values in dict(self.history).items()
        }
        if not self.started:
            self.started = datetime.now(timezone.utc).isoformat(timespec="seconds")

    @property
    def diverged(self) -> bool:
        """True when the loss blew up and training was halted."""
        return self.status == "diverged"

    @property
    def share(self) -> str:
        """The share string of the run's settings."""
        return self.settings.to_string()

    @property
    def overfit_gap(self) -> float | None:
        """Training accuracy minus validation accuracy, or None."""
        if self.train_accuracy is None or self.val_accuracy is None:
            return None
        return round(self.train_accuracy - self.val_accuracy, 6)

    def summary(self) -> str:
        """Return one line: the run's number, outcome and key numbers."""

        def pct(value: float | None) -> str:
            return "n/a" if value is None else f"{100 * value:.1f} %"

        head = f"Run {self.run_id}" if self.run_id else "Run"
        if self.status == "diverged":
            if self.note:
                return f"{head} diverged. {self.note}"
            return f"{head} diverged in epoch {self.epochs_done + 1}."
        done = (
            f"stopped after {self.epochs_done} of {self.settings.epochs} epochs"
            if self.status == "stopped"
            else f"finished {self.epochs_done} epochs"
        )
        return (
            f"{head} {done} in {self.seconds:.1f} s: validation accuracy "
            f"{pct(self.val_accuracy)} (best {pct(self.best_val_accuracy)}), "
            f"test {pct(self.test_accuracy)}, {self.weights:,} weights."
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the run as a JSON-ready dict."""
        values = dataclasses.asdict(self)
        values["settings"] = self.settings.to_dict()
        values["share"] = self.share
        return values

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Run:
        """Rebuild a run from :meth:`to_dict`'s output.

        Raises
        ------
        TypeError, ValueError
            If something needed is missing or malformed.
        """
        if not isinstance(values, Mapping):
            raise TypeError(f"a run must be a JSON object; received {values!r}")
        known = {field.name for field in dataclasses.fields(cls)}
        kept = {k: v for k, v in values.items() if k in known}
        if "settings" not in kept:
            raise ValueError("the run has no settings")
        kept["settings"] = Settings.from_dict(kept["settings"])
        if isinstance(kept.get("history"), Mapping):
            kept["history"] = {k: list(v) for k, v in kept["history"].items()}
        return cls(**kept)


def _parse_runs(text: str) -> tuple[list[Run], list[int]]:
    """Return the runs in a run record's text, and the numbers of the lines
    that could not be read."""
    runs: list[Run] = []
    skipped: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            run = Run.from_dict(json.loads(line))
            if run.run_id < 1:
                raise ValueError("no run number")
        except (ValueError, TypeError, KeyError):
            skipped.append(number)
            continue
        runs.append(run)
    return runs, skipped


class RunLog:
    """Every playground run, kept in a JSON-lines file.

    Each run is one line, appended and flushed to disk at once, so a
    kernel restart or a closed laptop loses nothing that finished. When
    the file is read, a line that cannot be read (for example the last
    line of a write cut short) is skipped with a warning; it stays in the
    file and the other runs load.

    The file is read again whenever it has changed, so runs recorded by
    another ``RunLog`` (``run_experiment``, an exercise's solution, another
    kernel) show in :attr:`runs`, the table and :meth:`best` too. On POSIX
    systems an append holds a lock on the file while it numbers and writes
    its run, so two kernels recording at the same moment get different
    numbers.

    Parameters
    ----------
    path : str or Path, optional
        The file. Defaults to ``playground_runs.jsonl`` in the data folder.

    Examples
    --------
    >>> import tempfile
    >>> log = RunLog(Path(tempfile.mkdtemp()) / "runs.jsonl")
    >>> run = log.add(Run(Settings(), val_accuracy=0.9, epochs_done=10))
    >>> run.run_id, len(RunLog(log.path))
    (1, 1)
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else data_dir() / RUNS_FILE
        self._runs: list[Run] = []
        self._stamp: tuple[int, int] | None = None
        self.skipped: list[int] = []
        self.reload()

    @property
    def runs(self) -> list[Run]:
        """Every run in the file, in the order recorded, read again if the
        file changed since it was last read."""
        if self._file_stamp() != self._stamp:
            self._load(warn_again=False)
        return self._runs

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def __len__(self) -> int:
        return len(self.runs)

    def __iter__(self) -> Iterator[Run]:
        return iter(self.runs)

    def __repr__(self) -> str:
        return f"<RunLog of {len(self.runs)} runs in {self.path}>"

    def reload(self) -> list[Run]:
        """Read the file again; return the runs. Warns about skipped lines."""
        return self._load(warn_again=True)

    def _load(self, warn_again: bool) -> list[Run]:
        stamp = self._file_stamp()
        runs, skipped = self._read()
        known = self.skipped
        self._runs, self.skipped, self._stamp = runs, skipped, stamp
        if skipped and (warn_again or skipped != known):
            lines = ", ".join(str(n) for n in skipped)
            noun = "line" if len(skipped) == 1 else "lines"
            warnings.warn(
                f"Skipped {noun} {lines} of {self.path}: not a complete run record "
                f"(perhaps a write was cut short). The other {len(runs)} runs "
                "were loaded; the file was not changed.",
                stacklevel=3,
            )
        return self._runs

    def _read(self) -> tuple[list[Run], list[int]]:
        if not self.path.exists():
            return [], []
        return _parse_runs(self.path.read_text(encoding="utf-8", errors="replace"))

    def next_id(self) -> int:
        """Return the number the next recorded run will get."""
        on_disk, _ = self._read()
        return max((r.run_id for r in [*on_disk, *self._runs]), default=0) + 1

    def add(self, run: Run) -> Run:
        """Give ``run`` the next number, append it to the file, and return it."""
        if not isinstance(run, Run):
            raise TypeError(f"`run` must be a Run; received {run!r}.")
        # Under the lock, two kernels recording at once take turns.
        with locked(self.path), open(self.path, "a+b") as stream:
            stream.seek(0)
            text = stream.read().decode("utf-8", errors="replace")
            on_disk, skipped = _parse_runs(text)
            ids = [r.run_id for r in [*on_disk, *self._runs]]
            run.run_id = max(ids, default=0) + 1
            line = json.dumps(run.to_dict(), separators=(",", ":"), allow_nan=False)
            if text and not text.endswith("\n"):
                stream.write(b"\n")  # end a line cut short; it stays skipped
            stream.write(line.encode("utf-8") + b"\n")
            stream.flush()
            os.fsync(stream.fileno())
        self._runs, self.skipped = [*on_disk, run], skipped
        self._stamp = self._file_stamp()
        return run

    def get(self, run_id: int) -> Run:
        """Return run number ``run_id``.

        Raises
        ------
        TypeError
            If ``run_id`` is not a whole number.
        KeyError
            If there is no such run; the message lists the numbers there are.
        """
        if isinstance(run_id, bool) or not isinstance(run_id, numbers.Integral):
            raise TypeError(
                f"`run_id` must be a run number such as 3; received {run_id!r}."
            )
        run_id = int(run_id)  # numpy's int64, as a table's index holds
        for run in self.runs:
            if run.run_id == run_id:
                return run
        raise KeyError(f"There is no run {run_id} in the record; {self._ids_text()}.")

    def _ids_text(self) -> str:
        if not self.runs:
            return "it is empty: train a run first"
        ids = [r.run_id for r in self.runs]
        return f"it holds runs {min(ids)} to {max(ids)}"

    def best(
        self, metric: str = "val_accuracy", dataset: str | None = None
    ) -> Run | None:
        """Return the run with the highest ``metric`` that did not diverge.

        Parameters
        ----------
        metric : str, optional
            ``"val_accuracy"`` (the default), ``"best_val_accuracy"`` or
            ``"test_accuracy"``.
        dataset : str, optional
            Only runs on this data set.
        """
        allowed = ("val_accuracy", "best_val_accuracy", "test_accuracy")
        if metric not in allowed:
            raise ValueError(
                f"`metric` must be one of {list(allowed)}; received {metric!r}."
            )
        candidates = [
            r
            for r in self.runs
            if not r.diverged
            and getattr(r, metric) is not None
            and (dataset is None or r.settings.dataset == dataset)
        ]
        return max(candidates, key=lambda r: getattr(r, metric), default=None)

    def table(self, sort_by: str = "run", ascending: bool | None = None):
        """Return the runs as a pandas DataFrame, one row a run.

        Parameters
        ----------
        sort_by : str, optional
            A column name, such as ``"val acc"``, ``"test acc"``,
            ``"weights"`` or ``"seconds"``. Defaults to ``"run"``.
        ascending : bool, optional
            Sort order. Defaults to highest first for accuracies, lowest
            first for everything else.

        Returns
        -------
        pandas.DataFrame
            Indexed by run number; accuracies are fractions.
        """
        import pandas as pd

        rows = [_row(run) for run in self.runs]
        frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
        if sort_by not in TABLE_COLUMNS:
            raise ValueError(
                f"`sort_by` must be one of {list(TABLE_COLUMNS)}; received {sort_by!r}."
            )
        if ascending is None:
            ascending = "acc" not in sort_by
        frame = frame.sort_values(
            sort_by, ascending=ascending, na_position="last", kind="stable"
        )
        return frame.set_index("run", drop=False).rename_axis(None)

    def export_csv(self, path: str | os.PathLike | None = None) -> Path:
        """Write the table to a CSV file and return its path.

        Without ``path``, a new file named after the current time is made in
        the data folder, so an earlier export is never overwritten. An
        explicit ``path`` that exists is not overwritten either.

        Raises
        ------
        FileExistsError
            If ``path`` already exists.
        """
        if path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = self.path.parent / f"playground_runs-{stamp}.csv"
            count = 2
            while target.exists():
                target = self.path.parent / f"playground_runs-{stamp}-{count}.csv"
                count += 1
        else:
            target = Path(path)
            if target.exists():
                raise FileExistsError(
                    f"`path` {str(target)!r} already exists; choose a new name "
                    "(the course never overwrites a file)."
                )
        frame = self.table()
        frame["share"] = [run.share for run in self.runs_by_id(frame["run"])]
        frame.to_csv(target, index=False)
        return target

    def runs_by_id(self, ids) -> list[Run]:
        """Return the runs with the given numbers, in that order."""
        return [self.get(int(i)) for i in ids]


TABLE_COLUMNS = (
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
    "decay",
    "batch",
    "epochs",
    "epochs done",
    "seed",
    "train acc",
    "val acc",
    "best val acc",
    "test acc",
    "weights",
    "seconds",
)
"""Columns of :meth:`RunLog.table`."""


def _row(run: Run) -> dict[str, Any]:
    s = run.settings
    return {
        "run": run.run_id,
        "status": run.status,
        "dataset": s.dataset,
        "train examples": run.train_examples,
        "layers": s.hidden_layers,
        "units": s.hidden_units,
        "activation": s.activation,
        "dropout": s.dropout,
        "l2": s.l2,
        "optimizer": s.optimizer,
        "learning rate": s.learning_rate,
        "decay": s.decay,
        "batch": s.batch_size,
        "epochs": s.epochs,
        "epochs done": run.epochs_done,
        "seed": s.seed,
        "train acc": run.train_accuracy,
        "val acc": run.val_accuracy,
        "best val acc": run.best_val_accuracy,
        "test acc": run.test_accuracy,
        "weights": run.weights,
        "seconds": round(run.seconds, 1),
    }
