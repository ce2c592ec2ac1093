"""Tests for the exercises of notebook 05, the playground's guided experiments.

The checks read the record of runs, so most tests write made-up runs into
it (in the test's own data folder) and need no training. The last tests
run each exercise's solution code, which trains, and expect *Correct!*.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.exercises import ____
from helpers.exercises import nb05 as ex
from helpers.playground_runs import Run, RunLog, Settings


def _add(settings: Settings | None = None, **values) -> int:
    settings = settings or Settings()
    values.setdefault("epochs_done", settings.epochs)
    values.setdefault("train_examples", min(settings.train_size, 3200))
    return RunLog().add(Run(settings, **values)).run_id


def _says(feedback, status: str, text: str | None = None) -> None:
    assert feedback.status == status, str(feedback)
    if text is not None:
        assert text in str(feedback), str(feedback)


def test_every_exercise_has_an_id_hints_and_a_solution():
    exercises = [ex.diverge, ex.overfit, ex.activations, ex.fewest_weights]
    assert [e.id for e in exercises] == [
        "05.diverge",
        "05.overfit",
        "05.activations",
        "05.fewest_weights",
    ]
    for exercise in exercises:
        assert exercise.hints and exercise.solution_code.strip()
        assert all(len(line) < 80 for line in exercise.solution_code.splitlines())


# 05.diverge


def test_diverge_untouched_is_not_attempted():
    _says(ex.diverge.check(____), "not_attempted")


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (7, "There is no run 7 in the record; it is empty"),
        ("3", "must be a run number, such as 3"),
        (True, "must be a run number"),
        ("pg1-abc", "give the run's number instead"),
    ],
)
def test_diverge_explains_answers_that_are_not_runs(answer, text):
    _says(ex.diverge.check(answer), "incorrect", text)


def test_diverge_rejects_a_run_that_trained_and_a_stopped_run():
    good = _add(Settings(learning_rate=0.001), val_accuracy=0.9)
    stopped = _add(status="stopped", epochs_done=1)
    _says(ex.diverge.check(good), "incorrect", "trained without diverging")
    _says(ex.diverge.check(stopped), "incorrect", "stopped by you")


def test_diverge_accepts_a_diverged_run_by_number_or_as_a_run():
    settings = Settings(optimizer="sgd", learning_rate=10.0)
    number = _add(settings, status="diverged", epochs_done=0, note="It blew up.")
    _says(ex.diverge.check(number), "correct", "learning rate 10")
    _says(ex.diverge.check(float(number)), "correct")
    _says(ex.diverge.check(RunLog().get(number)), "correct")
    _says(ex.diverge.check(np.int64(number)), "correct")  # from a table's index


# 05.overfit

TINY = Settings(train_size=200, hidden_layers=3, hidden_units=256, epochs=20)


def _overfit_pair(**fixed_values) -> tuple[int, int]:
    overfit = _add(TINY, train_accuracy=1.0, val_accuracy=0.84, val_loss=0.68)
    fixed_settings = fixed_values.pop("settings", TINY.replace(dropout=0.5))
    values = {"train_accuracy": 0.99, "val_accuracy": 0.84, "val_loss": 0.56}
    values.update(fixed_values)
    return overfit, _add(fixed_settings, **values)


def test_overfit_untouched_or_half_done_is_not_attempted():
    _says(ex.overfit.check((____, ____)), "not_attempted")
    number, _ = _overfit_pair()
    _says(ex.overfit.check((number, ____)), "not_attempted")


def test_overfit_accepts_a_fair_pair_and_reports_the_numbers():
    feedback = ex.overfit.check(_overfit_pair())
    _says(feedback, "correct", "the validation loss ended at 0.680")
    assert "at 0.560" in str(feedback) and "more data" in str(feedback)


def test_overfit_needs_two_values():
    _says(ex.overfit.check(3), "incorrect", "2 values in brackets")


def test_overfit_needs_a_tiny_training_set():
    big = TINY.replace(train_size=2000)
    overfit = _add(big, train_accuracy=1.0, val_accuracy=0.8, val_loss=0.7)
    fixed = _add(big.replace(dropout=0.5), val_loss=0.5, val_accuracy=0.8)
    _says(ex.overfit.check((overfit, fixed)), "incorrect", "2,000 examples")


def test_overfit_needs_a_memorised_training_set_and_a_gap():
    weak = _add(TINY, train_accuracy=0.7, val_accuracy=0.65, val_loss=1.0)
    fixed = _add(TINY.replace(dropout=0.5), val_loss=0.5)
    _says(ex.overfit.check((weak, fixed)), "incorrect", "did not learn")
    close = _add(TINY, train_accuracy=1.0, val_accuracy=0.96, val_loss=0.2)
    _says(ex.overfit.check((close, fixed)), "incorrect", "generalises well")


def test_overfit_needs_the_same_settings_but_dropout():
    changed = TINY.replace(dropout=0.5, hidden_units=64, epochs=30)
    pair = _overfit_pair(settings=changed)
    _says(ex.overfit.check(pair), "incorrect", "differ in hidden_units, epochs")
    same = _overfit_pair(settings=TINY.replace(dropout=0.5, seed=3))
    _says(ex.overfit.check(same), "correct")


def test_overfit_needs_more_dropout_in_the_second_run():
    pair = _overfit_pair(settings=TINY)
    _says(ex.overfit.check(pair), "incorrect", "needs the larger dropout")
    overfit, fixed = _overfit_pair()
    _says(ex.overfit.check((fixed, fixed)), "incorrect", "two different runs")


def test_overfit_needs_a_lower_validation_loss_with_dropout():
    pair = _overfit_pair(val_loss=0.75)
    _says(ex.overfit.check(pair), "incorrect", "not below 0.68")


# 05.activations

DEEP = Settings(hidden_layers=5, hidden_units=64, epochs=3)


def _deep_pair(sigmoid_accuracy=0.2, relu_accuracy=0.87, relu_settings=None):
    sigmoid = _add(DEEP.replace(activation="sigmoid"), val_accuracy=sigmoid_accuracy)
    relu = _add(relu_settings or DEEP, val_accuracy=relu_accuracy)
    return sigmoid, relu


def test_activations_untouched_is_not_attempted():
    _says(ex.activations.check((____, ____, ____)), "not_attempted")
    sigmoid, relu = _deep_pair()
    _says(ex.activations.check((sigmoid, relu, ____)), "not_attempted")


def test_activations_accepts_the_answer_the_runs_show():
    sigmoid, relu = _deep_pair()
    feedback = ex.activations.check((sigmoid, relu, "ReLU "))
    _says(feedback, "correct", "vanishing gradient")
    _says(ex.activations.check((sigmoid, relu, "sigmoid")), "incorrect", "Look again")


def test_activations_follows_the_learners_own_evidence():
    sigmoid, relu = _deep_pair(sigmoid_accuracy=0.9, relu_accuracy=0.8)
    _says(ex.activations.check((sigmoid, relu, "sigmoid")), "correct", "unusual")
    _says(ex.activations.check((sigmoid, relu, "relu")), "incorrect")


def test_activations_checks_the_runs_compared():
    sigmoid, relu = _deep_pair()
    _says(ex.activations.check((relu, sigmoid, "relu")), "incorrect", "uses relu")
    shallow_s = _add(Settings(activation="sigmoid"), val_accuracy=0.8)
    shallow_r = _add(Settings(), val_accuracy=0.9)
    _says(
        ex.activations.check((shallow_s, shallow_r, "relu")),
        "incorrect",
        "1 hidden layers",
    )
    sigmoid, relu = _deep_pair(relu_settings=DEEP.replace(learning_rate=0.01))
    _says(ex.activations.check((sigmoid, relu, "relu")), "incorrect", "learning_rate")
    _says(ex.activations.check((sigmoid, relu, 1)), "incorrect")
    sigmoid, relu = _deep_pair()
    _says(ex.activations.check((sigmoid, relu, "tanh")), "incorrect", '"sigmoid"')


# 05.fewest_weights

CIRCLES = Settings.for_dataset("circles", hidden_layers=1, hidden_units=3)


def test_fewest_weights_untouched_is_not_attempted():
    _says(ex.fewest_weights.check(____), "not_attempted")


def test_fewest_weights_accepts_a_small_accurate_network():
    number = _add(CIRCLES, val_accuracy=0.97, test_accuracy=0.96, weights=17)
    _says(ex.fewest_weights.check(number), "correct", "17 weights reach 97.0 %")


@pytest.mark.parametrize(
    ("settings", "values", "text"),
    [
        (Settings.for_dataset("moons"), {"weights": 17}, "this challenge is on"),
        (CIRCLES, {"val_accuracy": 0.9, "weights": 17}, "the target is 95.0 %"),
        (CIRCLES, {"val_accuracy": 0.99, "weights": 114}, "114 weights"),
        (CIRCLES, {"status": "diverged", "val_accuracy": 0.99}, "the target"),
    ],
)
def test_fewest_weights_explains_what_is_missing(settings, values, text):
    values.setdefault("val_accuracy", 0.99)
    number = _add(settings, **values)
    _says(ex.fewest_weights.check(number), "incorrect", text)


# The solutions train, and must pass their checks.


def _solve(exercise) -> dict:
    from helpers.playground import Settings as NotebookSettings
    from helpers.playground import run_experiment

    names = {"run_experiment": run_experiment, "Settings": NotebookSettings}
    exec(exercise.solution_code, names)
    return names


@pytest.mark.parametrize(
    ("exercise", "answer"),
    [
        (ex.diverge, ("diverged_run",)),
        (ex.overfit, ("overfit_run", "dropout_run")),
        (ex.activations, ("sigmoid_run", "relu_run", "faster")),
        (ex.fewest_weights, ("small_run",)),
    ],
    ids=lambda value: getattr(value, "id", ""),
)
def test_solution_code_passes_its_check(exercise, answer):
    names = _solve(exercise)
    values = tuple(names[name] for name in answer)
    feedback = exercise.check(values[0] if len(values) == 1 else values)
    _says(feedback, "correct")
