"""Tests for the exercises of notebook 04: the reference solutions pass,
typical mistakes get feedback that names them, untouched starters say
*Not attempted*, and importing the module loads no TensorFlow."""

import subprocess
import sys

import numpy as np
import pytest

from helpers import models
from helpers.exercises import ____, exercises_of
from helpers.exercises import nb04 as ex
from helpers.quiet import import_keras

keras = import_keras()


def _solution(exercise, **names):
    namespace = {"np": np, "keras": keras, **names}
    exec(exercise.solution_code, namespace)
    return namespace


def test_the_notebook_has_four_exercises_with_hints_and_solutions():
    ids = [e.id for e in exercises_of(ex)]
    assert ids == ["04.build", "04.loss", "04.accuracy", "04.confusion"]
    for exercise in exercises_of(ex):
        assert len(exercise.hints) >= 2
        assert exercise.solution().status == "solution"


def test_importing_the_exercises_loads_no_tensorflow():
    code = (
        "import sys; from helpers.exercises import all_exercises; all_exercises(); "
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


# 04.build ----------------------------------------------------------------------


def _builder(*layers, with_input=True):
    def build_model():
        start = [keras.Input(shape=(28, 28))] if with_input else []
        return keras.Sequential(start + [make() for make in layers])

    return build_model


def _flatten():
    return keras.layers.Flatten()


def _dense(units, activation):
    return lambda: keras.layers.Dense(units, activation=activation)


def test_build_solution_passes_and_counts_the_parameters():
    build_model = _solution(ex.build)["build_model"]
    feedback = ex.build.check(build_model)
    assert feedback.status == "correct"
    assert "52,650 parameters" in feedback.message


def test_build_untouched_starter_is_not_attempted():
    def build_model():
        return keras.Sequential([keras.Input(shape=(28, 28)), ____])

    assert ex.build.check(build_model).status == "not_attempted"


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        (
            (_dense(64, "relu"), _dense(32, "relu"), _dense(10, "softmax")),
            "Flatten the image",
        ),
        (
            (_flatten, _dense(64, "relu"), _dense(32, "relu"), _dense(10, None)),
            'activation="softmax"',
        ),
        (
            (_flatten, _dense(32, "relu"), _dense(64, "relu"), _dense(10, "softmax")),
            "wrong order",
        ),
        (
            (_flatten, _dense(128, "relu"), _dense(10, "softmax")),
            "have 128 units",
        ),
        (
            (_flatten, _dense(64, "relu"), _dense(32, "relu"), _dense(9, "softmax")),
            "it needs 10",
        ),
        (
            (_flatten, _dense(64, None), _dense(32, "relu"), _dense(10, "softmax")),
            "Hidden layer 1 has activation 'linear'",
        ),
    ],
)
def test_build_names_the_mistake(layers, expected):
    feedback = ex.build.check(_builder(*layers))
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_build_explains_a_missing_return_and_a_missing_input():
    def no_return():
        keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])

    assert "`return`" in ex.build.check(no_return).message
    build_model = _builder(
        _flatten,
        _dense(64, "relu"),
        _dense(32, "relu"),
        _dense(10, "softmax"),
        with_input=False,
    )
    assert ex.build.check(build_model).status == "correct"


# 04.loss -------------------------------------------------------------------------


def _compiler(**settings):
    def compile_model(model):
        model.compile(metrics=["accuracy"], **settings)
        return model

    return compile_model


def test_loss_solution_passes():
    compile_model = _solution(ex.loss)["compile_model"]
    feedback = ex.loss.check(compile_model)
    assert feedback.status == "correct"
    assert "Adam" in feedback.message


def test_loss_accepts_the_loss_object_too():
    loss = keras.losses.SparseCategoricalCrossentropy()
    assert ex.loss.check(_compiler(optimizer="sgd", loss=loss)).status == "correct"


def test_loss_untouched_starter_is_not_attempted():
    assert ex.loss.check(_compiler(optimizer=____, loss=____)).status == (
        "not_attempted"
    )
    assert ex.loss.check(_compiler(optimizer="adam", loss=____)).status == (
        "not_attempted"
    )


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"loss": "categorical_crossentropy"}, "one-hot row"),
        ({"loss": keras.losses.CategoricalCrossentropy()}, "one-hot row"),
        ({"loss": "mse"}, "how far apart two numbers are"),
        ({"loss": "binary_crossentropy"}, "yes-or-no"),
        (
            {"loss": keras.losses.SparseCategoricalCrossentropy(from_logits=True)},
            "from_logits=True",
        ),
        ({"loss": "hinge"}, "not one for classes"),
    ],
)
def test_loss_names_the_mistake(settings, expected):
    feedback = ex.loss.check(_compiler(optimizer="adam", **settings))
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_loss_explains_a_model_left_uncompiled_or_without_accuracy():
    def forgot(model):
        return model

    assert "not compiled" in ex.loss.check(forgot).message

    def no_metrics(model):
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

    assert "accuracy" in ex.loss.check(no_metrics).message


# 04.accuracy --------------------------------------------------------------------


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")


def _trainer(epochs, *, fit=True, give=None):
    def train_my_model(x, y):
        models.set_seed(0)
        model = models.build_dense_model(hidden_units=[32])
        model.compile(
            optimizer="adam",
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        history = model.fit(x, y, epochs=epochs, verbose=0) if fit else None
        return {"model": model, "history": history, "none": None}[give or "model"]

    return train_my_model


def test_accuracy_target_depends_on_the_data(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "0")
    assert ex.accuracy_target("offline-sample") == 0.94
    assert ex.accuracy_target("data/") == 0.975
    monkeypatch.setenv("COURSE_FAST", "1")
    assert ex.accuracy_target("data/") == 0.75


@pytest.mark.slow
def test_accuracy_solution_passes_in_fast_mode(fast):
    names = {
        "EPOCHS": 3,
        "build_dense_model": models.build_dense_model,
        "set_seed": models.set_seed,
    }
    train_my_model = _solution(ex.accuracy, **names)["train_my_model"]
    feedback = ex.accuracy.check(train_my_model)
    assert feedback.status == "correct", feedback.message
    assert "Fast mode" in feedback.message


def test_accuracy_explains_an_untrained_model(fast):
    feedback = ex.accuracy.check(_trainer(1, fit=False))
    assert feedback.status == "incorrect"
    assert "no better than guessing" in feedback.message


def test_accuracy_below_target_says_how_far_and_what_to_try(fast, monkeypatch):
    monkeypatch.setattr(ex, "accuracy_target", lambda source: 0.999)
    feedback = ex.accuracy.check(_trainer(2))
    assert feedback.status == "incorrect"
    assert "the target is 99.9%" in feedback.message
    assert "more epochs" in feedback.message


@pytest.mark.parametrize(
    ("give", "expected"),
    [("history", "training history"), ("none", "`return model`")],
)
def test_accuracy_explains_returning_the_wrong_thing(fast, give, expected):
    feedback = ex.accuracy.check(_trainer(1, give=give))
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_accuracy_untouched_starter_is_not_attempted(fast):
    def train_my_model(x, y):
        model = models.build_dense_model(hidden_units=____, dropout=____)
        model.fit(x, y, epochs=____)
        return model

    assert ex.accuracy.check(train_my_model).status == "not_attempted"


# 04.confusion --------------------------------------------------------------------


@pytest.fixture
def matrix():
    m = np.diag(np.full(10, 90))
    m[4, 9] = 11
    m[9, 4] = 6
    m[7, 2] = 8
    m[3, 5] = 5
    return m


def test_confusion_solution_reads_the_largest_mistake(matrix):
    names = _solution(ex.confusion, matrix=matrix)
    answer = (names["most_confused_true"], names["most_confused_predicted"])
    feedback = ex.confusion.check(answer, matrix)
    assert feedback.status == "correct"
    assert "11 images of a 4 as a 9" in feedback.message


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ((9, 4), "the other way round"),
        ((4, 4), "on the diagonal"),
        ((7, 2), "Another cell off the diagonal holds more (11)"),
        ((4, 10), "must be from 0 to 9"),
        (("4", 9), "whole number"),
        (4, "as a pair"),
    ],
)
def test_confusion_names_the_mistake(matrix, answer, expected):
    feedback = ex.confusion.check(answer, matrix)
    assert feedback.status == "incorrect"
    assert expected in feedback.message


def test_confusion_untouched_or_without_matrix(matrix):
    assert ex.confusion.check((____, ____), matrix).status == "not_attempted"
    assert ex.confusion.check().status == "not_attempted"
    feedback = ex.confusion.check((4, 9))
    assert "needs the confusion matrix" in feedback.message


def test_confusion_accepts_any_of_tied_cells(matrix):
    matrix[7, 2] = 11
    assert ex.confusion.check((7, 2), matrix).status == "correct"
    assert ex.confusion.check((4, 9), matrix).status == "correct"
