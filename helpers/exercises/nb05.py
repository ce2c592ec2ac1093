"""The exercises of notebook 05: guided experiments in the playground.

Each answer is the number of a run (or a few runs) in the learner's record
of playground runs (see :class:`helpers.playground_runs.RunLog`), so the
checks look at what the learner actually trained:

* ``05.diverge``: a run whose learning rate made it diverge;
* ``05.overfit``: a run that overfits a tiny training set, and the same
  run with dropout, whose validation loss no longer climbs as far;
* ``05.activations``: a deep network with sigmoid and with ReLU, and which
  of the two learned faster;
* ``05.fewest_weights``: 95 % validation accuracy on the circles with 20
  weights or fewer.

A :class:`~helpers.playground_runs.Run` itself (what ``run_experiment``
returns) is accepted wherever a run number is.
"""

from __future__ import annotations

import numbers
from typing import Any

from helpers.exercises import Exercise, Incorrect, NotAttempted
from helpers.exercises import is_placeholder as _is_placeholder
from helpers.playground_runs import Run, RunLog, Settings

TINY_TRAINING_SET = 500
"""The most training examples that count as a tiny training set."""

OVERFIT_GAP = 0.08
"""Training accuracy must beat validation accuracy by this much to overfit."""

DEEP = 4
"""Hidden layers that make a network deep enough for the activation test."""

TARGET_ACCURACY = 0.95
"""Validation accuracy to reach on the circles with few weights."""

WEIGHT_BUDGET = 20
"""The most weights allowed for the circles."""


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _run(answer: Any, name: str) -> Run:
    """Return the recorded run that ``answer`` names, or explain the mistake."""
    if _is_placeholder(answer):
        raise NotAttempted(f"`{name}` is still ____.")
    if isinstance(answer, Run):
        answer = answer.run_id
    if isinstance(answer, str) and answer.strip().startswith("pg"):
        raise Incorrect(
            f"`{name}` is a settings string; give the run's number instead (the "
            "first column of the table of runs)."
        )
    whole = isinstance(answer, numbers.Real) and not isinstance(answer, bool)
    if whole and float(answer).is_integer():
        answer = int(answer)  # 3.0, or numpy's int64 from a table's index
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise Incorrect(
            f"`{name}` must be a run number, such as 3; it is {answer!r}. The "
            "numbers are in the first column of the table of runs."
        )
    log = RunLog()
    try:
        return log.get(answer)
    except KeyError as error:
        raise Incorrect(f"`{name}` is {answer}, but {error.args[0]}") from None


def _unpack(answer: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    if _is_placeholder(answer):
        raise NotAttempted("still ____")
    if not isinstance(answer, (tuple, list)) or len(answer) != len(names):
        shown = ", ".join(names)
        raise Incorrect(f"Check `({shown})`: {len(names)} values in brackets.")
    return tuple(answer)


def _differences(a: Settings, b: Settings, allowed: set[str]) -> list[str]:
    """Return the names of settings (other than ``allowed``) that differ."""
    return [
        name
        for name in Settings.names()
        if name not in allowed and getattr(a, name) != getattr(b, name)
    ]


# 05.diverge


def _check_diverge(answer: Any) -> str:
    run = _run(answer, "diverged_run")
    s = run.settings
    if not run.diverged:
        if run.status == "stopped":
            raise Incorrect(
                f"Run {run.run_id} was stopped by you before it could show "
                "what it does. Let a run with a large learning rate train "
                "until the loss blows up."
            )
        raise Incorrect(
            f"Run {run.run_id} trained without diverging (learning rate "
            f"{s.learning_rate:g}, {s.optimizer}; validation accuracy "
            f"{_pct(run.val_accuracy)}). Raise the learning rate tenfold at a "
            "time, until the panel says the run diverged."
        )
    return (
        f"Run {run.run_id} ({s.optimizer}, learning rate {s.learning_rate:g}) "
        f"diverged. {run.note} The largest learning rate that still trains "
        "well is usually only a few times smaller than one that diverges."
    )


diverge = Exercise(
    "05.diverge",
    "A learning rate that diverges",
    _check_diverge,
    hints=[
        "Keep every other setting, and raise only the learning rate, by a "
        "factor of 10 each run.",
        "Plain SGD has no brake on its step size. With optimiser `sgd`, try "
        "learning rates of 0.1, 1 and 10.",
        "On MNIST, `sgd` with a learning rate of 10 blows up in its first "
        "epoch. Its number is in the first column of the Runs tab.",
    ],
    solution_code="""
    too_fast = Settings(optimizer="sgd", learning_rate=10.0, epochs=1)
    diverged_run = run_experiment(too_fast).run_id
    """,
)


# 05.overfit


def _check_overfit(answer: Any) -> str:
    first, second = _unpack(answer, ("overfit_run", "dropout_run"))
    overfit = _run(first, "overfit_run")
    fixed = _run(second, "dropout_run")
    if overfit.run_id == fixed.run_id:
        raise Incorrect("Give two different runs: one without dropout, one with.")
    examples = overfit.train_examples or overfit.settings.train_size
    if examples > TINY_TRAINING_SET:
        raise Incorrect(
            f"Run {overfit.run_id} trained on {examples:,} "
            f"examples; a tiny training set has {TINY_TRAINING_SET} or fewer. "
            "Lower the training examples and train again."
        )
    gap = overfit.overfit_gap
    if (
        overfit.diverged
        or gap is None
        or overfit.train_accuracy is None
        or overfit.train_accuracy < 0.95
    ):
        raise Incorrect(
            f"Run {overfit.run_id} did not learn its training set by heart "
            f"(training accuracy {_pct(overfit.train_accuracy)}). Give it more "
            "capacity (more units or layers) or more epochs."
        )
    if gap < OVERFIT_GAP:
        raise Incorrect(
            f"Run {overfit.run_id} generalises well: training accuracy "
            f"{_pct(overfit.train_accuracy)}, validation {_pct(overfit.val_accuracy)}"
            f". Overfitting shows as a gap of {100 * OVERFIT_GAP:.0f} points or "
            "more: use fewer training examples."
        )
    changed = _differences(overfit.settings, fixed.settings, {"dropout", "seed"})
    if changed:
        raise Incorrect(
            f"Runs {overfit.run_id} and {fixed.run_id} differ in "
            f"{', '.join(changed)}, not only in the dropout. Change only the "
            "dropout, so that the comparison is fair."
        )
    if fixed.settings.dropout <= overfit.settings.dropout:
        raise Incorrect(
            f"Run {fixed.run_id} has a dropout of {fixed.settings.dropout:g}, "
            f"run {overfit.run_id} {overfit.settings.dropout:g}: the second run "
            "needs the larger dropout (try 0.5)."
        )
    before, after = overfit.val_loss, fixed.val_loss
    if before is None or after is None or after >= before:
        raise Incorrect(
            f"With dropout {fixed.settings.dropout:g}, the validation loss ended "
            f"at {after if after is None else round(after, 3)}, not below "
            f"{before if before is None else round(before, 3)} without it. Try a "
            "deeper network (3 layers of 256 units) that overfits more, and "
            "dropout 0.5."
        )
    return (
        f"Without dropout, the validation loss ended at {before:.3f}; with "
        f"dropout {fixed.settings.dropout:g}, at {after:.3f}: the network is "
        "less sure of its wrong answers. Its validation accuracy went from "
        f"{_pct(overfit.val_accuracy)} to {_pct(fixed.val_accuracy)}: on a tiny "
        "training set dropout tempers overconfidence more than it adds "
        "accuracy. The surest cure is more data: try 10 times the examples."
    )


overfit = Exercise(
    "05.overfit",
    "Overfit, then add dropout",
    _check_overfit,
    hints=[
        "Overfitting needs few examples and much capacity: train on 200 "
        "digits with a big network for 20 epochs or more.",
        "Three hidden layers of 256 units, 200 training examples, 20 "
        "epochs: the training accuracy reaches 100 % and the validation "
        "loss climbs again after a few epochs.",
        "Then train the very same settings with dropout 0.5, and give the "
        "two run numbers, the one without dropout first.",
    ],
    solution_code="""
    tiny = Settings(train_size=200, hidden_layers=3, hidden_units=256, epochs=20)
    overfit_run = run_experiment(tiny).run_id
    dropout_run = run_experiment(tiny.replace(dropout=0.5)).run_id
    """,
)


# 05.activations


def _check_activations(answer: Any) -> str:
    first, second, faster = _unpack(answer, ("sigmoid_run", "relu_run", "faster"))
    sigmoid = _run(first, "sigmoid_run")
    relu = _run(second, "relu_run")
    for run, name in ((sigmoid, "sigmoid"), (relu, "relu")):
        if run.settings.activation != name:
            raise Incorrect(
                f"Run {run.run_id} uses {run.settings.activation}, not {name}."
            )
        if run.settings.hidden_layers < DEEP:
            raise Incorrect(
                f"Run {run.run_id} has {run.settings.hidden_layers} hidden "
                f"layers; the difference shows in deep networks, with {DEEP} "
                "or more."
            )
    changed = _differences(sigmoid.settings, relu.settings, {"activation", "seed"})
    if changed:
        raise Incorrect(
            f"Runs {sigmoid.run_id} and {relu.run_id} differ in "
            f"{', '.join(changed)}, not only in the activation. Change only the "
            "activation, so that the comparison is fair."
        )
    if not isinstance(faster, str) or faster.strip().lower() not in (
        "sigmoid",
        "relu",
    ):
        raise Incorrect(f'`faster` must be "sigmoid" or "relu"; it is {faster!r}.')
    faster = faster.strip().lower()
    relu_ahead = (relu.val_accuracy or 0.0) >= (sigmoid.val_accuracy or 0.0)
    winner = "relu" if relu_ahead else "sigmoid"
    if faster != winner:
        raise Incorrect(
            f"Look again at your own runs: after {relu.settings.epochs} epochs, "
            f"which reached the higher validation accuracy?"
        )
    note = (
        f"After {relu.settings.epochs} epochs ReLU reached "
        f"{_pct(relu.val_accuracy)} and sigmoid {_pct(sigmoid.val_accuracy)}. "
    )
    if winner == "relu":
        return note + (
            "A sigmoid's slope is at most 0.25, so the gradient shrinks at each "
            "layer on its way back (the vanishing gradient) and the first "
            "layers of a deep sigmoid network hardly learn. ReLU's slope is 1."
        )
    return note + (
        "In your runs sigmoid came out ahead, which is unusual for a deep "
        "network: try 3 epochs with 5 hidden layers and the Adam optimiser."
    )


activations = Exercise(
    "05.activations",
    "Sigmoid against ReLU, deep",
    _check_activations,
    hints=[
        "Build a deep network: 5 hidden layers of 64 units. Train it for 3 "
        "epochs with sigmoid, then with relu, changing nothing else.",
        "Give the two run numbers, and for `faster` the text "
        '"sigmoid" or "relu": the one whose validation accuracy is higher.',
    ],
    solution_code="""
    deep = Settings(hidden_layers=5, hidden_units=64, epochs=3)
    sigmoid_run = run_experiment(deep.replace(activation="sigmoid")).run_id
    relu_run = run_experiment(deep).run_id
    faster = "relu"
    """,
)


# 05.fewest_weights


def _check_fewest_weights(answer: Any) -> str:
    run = _run(answer, "small_run")
    if run.settings.dataset != "circles":
        raise Incorrect(
            f"Run {run.run_id} ran on {run.settings.dataset}; this challenge "
            "is on the circles."
        )
    if run.diverged or (run.val_accuracy or 0.0) < TARGET_ACCURACY:
        raise Incorrect(
            f"Run {run.run_id} reached {_pct(run.val_accuracy)} validation "
            f"accuracy; the target is {_pct(TARGET_ACCURACY)}. Train longer, or "
            "give it one more unit."
        )
    if run.weights > WEIGHT_BUDGET:
        raise Incorrect(
            f"Run {run.run_id} reaches {_pct(run.val_accuracy)} with "
            f"{run.weights} weights; it can be done with {WEIGHT_BUDGET} or "
            "fewer. Remove layers and units until it stops working."
        )
    return (
        f"{run.weights} weights reach {_pct(run.val_accuracy)} (test "
        f"{_pct(run.test_accuracy)}). With one hidden layer, each ReLU unit "
        "adds one straight edge to the region it draws, and three edges make "
        "the smallest shape that can surround the inner circle: a triangle."
    )


fewest_weights = Exercise(
    "05.fewest_weights",
    "The circles with the fewest weights",
    _check_fewest_weights,
    hints=[
        "Start from a network that works on the circles, then remove layers "
        "and units one at a time, checking the validation accuracy.",
        "Look at the decision regions: what is the simplest shape, made of "
        "straight edges, that can surround the inner circle?",
        "One hidden layer; with ReLU each unit gives one straight edge. Three "
        "edges make a triangle: 2 x 3 + 3 + 3 x 2 + 2 = 17 weights.",
    ],
    solution_code="""
    small_run = run_experiment(
        Settings.for_dataset(
            "circles", hidden_layers=1, hidden_units=3, epochs=100
        )
    ).run_id
    """,
)
