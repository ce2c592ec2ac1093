"""The exercises of notebook 04: a Keras digit reader, built and read.

Four exercises, in the order the notebook meets them:

* ``04.build``: a ``keras.Sequential`` model with given layer sizes;
* ``04.loss``: compile a model with a loss that suits whole-number labels;
* ``04.accuracy``: train a model that reaches a target test accuracy;
* ``04.confusion``: read the most frequent mistake off a confusion matrix.

The checkers look at models only through public Keras APIs (``layers``,
``output_shape``, ``count_params``, ``get_config``, ``evaluate``,
``predict``). This module imports TensorFlow only when a check runs, since
:func:`helpers.exercises.all_exercises` imports every exercise module.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np

from helpers.config import fast_mode
from helpers.exercises import Exercise, Feedback, Incorrect, NotAttempted, ____
from helpers.exercises import is_placeholder as _is_placeholder

_PLACEHOLDER_TEXT = ("____", "_Placeholder")


def _keras() -> Any:
    from helpers.quiet import import_keras

    return import_keras()


def _call(function: Any, *args: Any, name: str) -> Any:
    """Call learner code; a placeholder inside it means *not attempted*.

    Keras rejects ``____`` with its own error (``Could not interpret
    optimizer identifier: ____``) before the placeholder can object, so
    such errors are recognised by the placeholder's name in the message.
    """
    if not callable(function):
        raise Incorrect(
            f"Expected the function `{name}`; received {type(function).__name__}. "
            "Pass the function itself, without brackets after its name."
        )
    try:
        return function(*args)
    except NotAttempted:
        raise
    except Exception as error:
        text = f"{type(error).__name__}: {error}"
        if any(mark in text for mark in _PLACEHOLDER_TEXT):
            raise NotAttempted(f"{name} still holds ____.") from None
        first = " ".join(str(error).split())
        if len(first) > 300:
            first = first[:297] + "..."
        raise Incorrect(
            f"Calling `{name}` raised {type(error).__name__}: {first}"
        ) from None


# 04.build -------------------------------------------------------------------

_BUILD_UNITS = (64, 32)
_BUILD_PARAMS = (784 * 64 + 64) + (64 * 32 + 32) + (32 * 10 + 10)


def _dense_config(layer: Any) -> tuple[int, str]:
    config = layer.get_config()
    activation = config.get("activation")
    if isinstance(activation, dict):
        activation = activation.get("config", {}).get("name", str(activation))
    return int(config["units"]), str(activation)


def _model_from(build_model: Any) -> Any:
    keras = _keras()
    model = _call(build_model, name="build_model()")
    if model is None:
        raise Incorrect(
            "`build_model()` gave back nothing (`None`). Did you write `return` "
            "before `keras.Sequential(...)`?"
        )
    if not isinstance(model, keras.Model):
        raise Incorrect(
            f"`build_model()` returned {type(model).__name__}, not a Keras model. "
            "Return the `keras.Sequential([...])` itself."
        )
    if not model.built:
        try:
            model.build((None, 28, 28))
        except Exception:
            raise Incorrect(
                "The model does not know the size of its input. Start the list "
                "of layers with `keras.Input(shape=(28, 28))`."
            ) from None
    return model


def _check_build(build_model: Any) -> str:
    keras = _keras()
    model = _model_from(build_model)
    input_shape = tuple(model.input_shape)
    if input_shape[1:] != (28, 28):
        raise Incorrect(
            f"The model takes inputs of shape {input_shape}; the digits are "
            "28 x 28 images, so start with `keras.Input(shape=(28, 28))`."
        )
    output_shape = tuple(model.output_shape)
    if len(output_shape) > 2:
        raise Incorrect(
            f"The model's output has shape {output_shape}: one row of numbers "
            "for each row of pixels. Flatten the image into one long list of "
            "784 pixels first, with `keras.layers.Flatten()` right after the "
            "input."
        )
    layers = [
        layer for layer in model.layers if not isinstance(layer, keras.layers.Dropout)
    ]
    dense = [layer for layer in layers if isinstance(layer, keras.layers.Dense)]
    others = [
        type(layer).__name__
        for layer in layers
        if not isinstance(layer, (keras.layers.Dense, keras.layers.Flatten))
    ]
    if others:
        raise Incorrect(
            f"The model holds {', '.join(others)} layers; this one needs only "
            "`Flatten` and `Dense` layers."
        )
    if not dense:
        raise Incorrect("The model has no `keras.layers.Dense` layer at all.")
    units, output_activation = _dense_config(dense[-1])
    if units != 10:
        raise Incorrect(
            f"The last layer has {units} units; it needs 10, one for each digit "
            "from 0 to 9."
        )
    if output_activation != "softmax":
        raise Incorrect(
            f"The last layer's activation is {output_activation!r}. To turn its "
            "10 scores into probabilities that add up to 1, give it "
            '`activation="softmax"`.'
        )
    hidden = [_dense_config(layer) for layer in dense[:-1]]
    hidden_units = tuple(u for u, _ in hidden)
    if hidden_units != _BUILD_UNITS:
        if hidden_units == _BUILD_UNITS[::-1]:
            raise Incorrect(
                "The hidden layers are in the wrong order: 32 units then 64. "
                "The exercise asks for 64 first, then 32."
            )
        shown = ", ".join(str(u) for u in hidden_units) or "none"
        raise Incorrect(
            f"The hidden `Dense` layers have {shown} units; the exercise asks "
            "for two: 64 units, then 32."
        )
    for index, (_, activation) in enumerate(hidden, start=1):
        if activation != "relu":
            raise Incorrect(
                f"Hidden layer {index} has activation {activation!r}; give both "
                'hidden layers `activation="relu"`. Without an activation, '
                "stacked layers are no better than one."
            )
    count = int(model.count_params())
    if count != _BUILD_PARAMS:
        raise Incorrect(
            f"The model has {count:,} parameters; with these layer sizes it "
            f"should have {_BUILD_PARAMS:,}. Did you turn off a layer's bias?"
        )
    return (
        f"{count:,} parameters: 784 x 64 + 64 = 50,240 in the first hidden "
        "layer, 64 x 32 + 32 = 2,080 in the second and 32 x 10 + 10 = 330 in "
        "the output layer."
    )


build = Exercise(
    "04.build",
    "A model with two hidden layers",
    _check_build,
    hints=[
        "Copy the first model's list of layers: `keras.Input`, then "
        "`keras.layers.Flatten()`, then the `Dense` layers.",
        "A hidden layer of 64 units is `keras.layers.Dense(64, "
        'activation="relu")`; the output layer is `keras.layers.Dense(10, '
        'activation="softmax")`.',
        "The list is: `keras.Input(shape=(28, 28))`, `keras.layers.Flatten()`, "
        "`Dense(64, relu)`, `Dense(32, relu)`, `Dense(10, softmax)`.",
    ],
    solution_code="""
    def build_model():
        \"\"\"Flatten, Dense 64 (ReLU), Dense 32 (ReLU), Dense 10 (softmax).\"\"\"
        return keras.Sequential([
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
    """,
)


# 04.loss ---------------------------------------------------------------------

_LOSS_NAMES = {
    "sparse_categorical_crossentropy": "sparse",
    "sparsecategoricalcrossentropy": "sparse",
    "categorical_crossentropy": "one-hot",
    "categoricalcrossentropy": "one-hot",
    "binary_crossentropy": "binary",
    "binarycrossentropy": "binary",
    "mse": "squared",
    "mean_squared_error": "squared",
    "meansquarederror": "squared",
    "mae": "absolute",
    "mean_absolute_error": "absolute",
    "meanabsoluteerror": "absolute",
}


def _describe_loss(loss: Any) -> tuple[str, bool]:
    """Return the loss's kind (see ``_LOSS_NAMES``) and its ``from_logits``."""
    from_logits = False
    if isinstance(loss, str):
        name = loss
    elif hasattr(loss, "get_config"):
        config = loss.get_config()
        name = type(loss).__name__
        from_logits = bool(config.get("from_logits", False))
    else:
        name = getattr(loss, "__name__", repr(loss))
    key = name.lower().replace(" ", "")
    return _LOSS_NAMES.get(key, name), from_logits


def _check_compile(compile_model: Any) -> str:
    from helpers.models import build_dense_model

    model = build_dense_model(hidden_units=[8], name="exercise_model")
    _call(compile_model, model, name="compile_model(model)")
    optimizer = getattr(model, "optimizer", None)
    chosen = getattr(model, "loss", None)
    if _is_placeholder(chosen):
        raise NotAttempted("The loss is still ____.")
    if optimizer is None or chosen is None:
        raise Incorrect(
            "The model is not compiled: `compile_model` must call "
            '`model.compile(optimizer=..., loss=..., metrics=["accuracy"])`.'
        )
    kind, from_logits = _describe_loss(chosen)
    if kind == "one-hot":
        raise Incorrect(
            "`categorical_crossentropy` expects each label as a one-hot row, "
            "such as [0, 0, 0, 1, 0, 0, 0, 0, 0, 0] for a 3. Our labels are "
            "plain whole numbers (`y_train[:5]` shows them), so it would fail "
            "with a shape error. Keras has a version of this loss for "
            "whole-number labels: look for its *sparse* cousin."
        )
    if kind == "binary":
        raise Incorrect(
            "`binary_crossentropy` is for yes-or-no questions with one output. "
            "A digit is one of ten classes, with whole-number labels."
        )
    if kind in ("squared", "absolute"):
        raise Incorrect(
            f"{chosen!r} measures how far apart two numbers are, as when "
            "predicting a price. Here the model gives ten probabilities, and "
            "the loss should punish a low probability for the true digit: a "
            "cross-entropy."
        )
    if kind != "sparse":
        raise Incorrect(
            f"The loss {chosen!r} is not one for classes with whole-number labels. "
            "Use the cross-entropy that takes labels such as 3 or 7 directly."
        )
    if from_logits:
        raise Incorrect(
            "The loss has `from_logits=True`, but the model's last layer already "
            "applies softmax and outputs probabilities: leave `from_logits` "
            "out (it defaults to False)."
        )
    x = np.zeros((4, 28, 28), dtype="float32")
    y = np.array([0, 1, 2, 3])
    try:
        scores = model.evaluate(x, y, verbose=0, return_dict=True)
    except Exception as error:
        raise Incorrect(
            f"The compiled model cannot be evaluated on whole-number labels: "
            f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
        ) from None
    if not any("acc" in name for name in scores):
        raise Incorrect(
            "The model does not report its accuracy: keep "
            '`metrics=["accuracy"]` in `model.compile`.'
        )
    name = type(optimizer).__name__
    return (
        f"The model learns with {name} and the sparse categorical cross-entropy, "
        "and reports its accuracy."
    )


loss = Exercise(
    "04.loss",
    "Compile with the right loss",
    _check_compile,
    hints=[
        'The optimiser can be given by name: `"adam"` is a good default.',
        "The labels are whole numbers (0 to 9), not one-hot rows. Keras's "
        "loss for ten classes with such labels has `sparse` in its name.",
        '`optimizer="adam"` and `loss="sparse_categorical_crossentropy"`.',
    ],
    solution_code="""
    def compile_model(model):
        \"\"\"Compile model for integer labels 0-9, reporting accuracy.\"\"\"
        model.compile(
            optimizer="adam",
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model
    """,
)


# 04.accuracy -----------------------------------------------------------------

FAST_TRAINING_IMAGES = 2000
"""Training images the accuracy check uses in fast mode."""


def accuracy_target(source: str) -> float:
    """Return the test accuracy the ``04.accuracy`` check asks for.

    Parameters
    ----------
    source : str
        Where the digits came from (:attr:`helpers.data.MnistData.source`):
        the full set asks for more than the offline sample of 5,000.

    Returns
    -------
    float
        0.975 on the full MNIST set, 0.94 on the offline sample, and 0.75
        in fast mode (where the check trains on 2,000 images only).
    """
    if fast_mode():
        return 0.75
    return 0.94 if source == "offline-sample" else 0.975


def _accuracy_data() -> tuple[Any, ...]:
    from helpers.data import load_mnist

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = load_mnist(verbose=False, allow_download=False)
    (x_train, y_train), (x_test, y_test) = data
    if fast_mode():
        x_train, y_train = (
            x_train[:FAST_TRAINING_IMAGES],
            y_train[:FAST_TRAINING_IMAGES],
        )
    scale = np.float32(255.0)
    return (
        x_train.astype("float32") / scale,
        y_train,
        x_test.astype("float32") / scale,
        y_test,
        data.source,
    )


def _check_accuracy(train_my_model: Any) -> str:
    keras = _keras()
    x_train, y_train, x_test, y_test, source = _accuracy_data()
    model = _call(train_my_model, x_train, y_train, name="train_my_model(x, y)")
    if model is None:
        raise Incorrect(
            "`train_my_model` gave back nothing (`None`): end it with `return model`."
        )
    if isinstance(model, keras.callbacks.History):
        raise Incorrect(
            "`train_my_model` returned the training history that `fit` gives "
            "back; return the model itself (`return model`)."
        )
    if not isinstance(model, keras.Model):
        raise Incorrect(
            f"`train_my_model` returned {type(model).__name__}, not a Keras "
            "model: end it with `return model`."
        )
    try:
        probabilities = np.asarray(model.predict(x_test, batch_size=500, verbose=0))
    except Exception as error:
        raise Incorrect(
            "The model could not read the test images (shape "
            f"{x_test.shape}): {type(error).__name__}: "
            f"{' '.join(str(error).split())[:200]}"
        ) from None
    if probabilities.ndim != 2 or probabilities.shape[1] != 10:
        raise Incorrect(
            f"For {len(x_test):,} test images the model gave shape "
            f"{probabilities.shape}; it should give 10 probabilities per image."
        )
    accuracy = float(np.mean(probabilities.argmax(axis=1) == y_test))
    target = accuracy_target(source)
    where = f"{len(x_test):,} test images it never saw"
    if accuracy < 0.2:
        raise Incorrect(
            f"The model reads {accuracy:.1%} of the {where} right: no better "
            "than guessing. Did `train_my_model` call `model.fit(x, y, ...)` "
            "with enough epochs?"
        )
    if accuracy < target:
        raise Incorrect(
            f"The model reads {accuracy:.1%} of the {where} right; the target "
            f"is {target:.1%}. Try more epochs, a wider hidden layer, dropout, "
            "or `augment=True` (section 6)."
        )
    if fast_mode():
        note = (
            f"Fast mode: trained on {FAST_TRAINING_IMAGES:,} images only, so the "
            "target is lower."
        )
    elif source == "offline-sample":
        note = "That target is for the offline sample; with the full set it is 97.5%."
    else:
        note = ""
    return f"{accuracy:.1%} of the {where} read right (target {target:.1%}). {note}"


accuracy = Exercise(
    "04.accuracy",
    "Reach the target accuracy",
    _check_accuracy,
    hints=[
        "Start from what worked in section 6: a wide hidden layer with "
        "dropout, augmented images, and more epochs than the first model.",
        "`build_dense_model(hidden_units=[512], dropout=0.4, augment=True)` "
        "makes that model; shifted copies of the digits (`augment=True`) help "
        "most when there are few images.",
        "Use `hidden_units=[512]`, `dropout=0.4`, `augment=True` and `epochs=EPOCHS`.",
    ],
    solution_code='''
    def train_my_model(x, y):
        """Build, compile and train a digit reader on (x, y); return it."""
        set_seed(0)
        model = build_dense_model(hidden_units=[512], dropout=0.4, augment=True)
        model.compile(
            optimizer="adam",
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        model.fit(x, y, epochs=EPOCHS, batch_size=64, verbose=0)
        return model
    ''',
)


# 04.confusion ----------------------------------------------------------------


def _as_digit(value: Any, what: str) -> int:
    if _is_placeholder(value):
        raise NotAttempted(f"{what} is still ____.")
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise Incorrect(
            f"The {what} must be a whole number from 0 to 9; received {value!r}."
        )
    if not 0 <= int(value) <= 9:
        raise Incorrect(f"The {what} must be from 0 to 9; received {int(value)}.")
    return int(value)


def _check_confusion(answer: Any, matrix: Any) -> str:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Incorrect(
            "Pass the two digits as a pair: `(most_confused_true, "
            "most_confused_predicted)`."
        )
    true = _as_digit(answer[0], "true digit")
    said = _as_digit(answer[1], "predicted digit")
    if matrix is None:
        raise Incorrect(
            "The check needs the confusion matrix too: "
            "`ex.confusion.check((true, predicted), matrix)`."
        )
    matrix = np.asarray(matrix)
    if matrix.shape != (10, 10):
        raise Incorrect(
            f"`matrix` should be the 10 x 10 confusion matrix; received shape "
            f"{matrix.shape}."
        )
    mistakes = matrix.astype(np.int64).copy()
    np.fill_diagonal(mistakes, 0)
    largest = int(mistakes.max())
    if largest == 0:
        return "This model made no mistakes at all, so any pair will do."
    if true == said:
        raise Incorrect(
            f"The cell in row {true}, column {said} is on the diagonal: it counts "
            f"the {int(matrix[true, said])} images of {true} read *right*. "
            "Mistakes are the cells off the diagonal."
        )
    count = int(mistakes[true, said])
    if count == largest:
        return (
            f"The model read {count} images of a {true} as a {said}, its most "
            "frequent mistake. Look at a few in the digit browser: do they "
            "look alike to you too?"
        )
    if int(mistakes[said, true]) == largest:
        raise Incorrect(
            f"You read the matrix the other way round. Rows are the true "
            f"digits and columns the model's answers, so row {true}, column "
            f"{said} counts {count} images of a {true} read as a {said}; the "
            f"cell you mean is row {said}, column {true}."
        )
    raise Incorrect(
        f"Row {true}, column {said} holds {count}: {count} images of a {true} "
        f"were read as a {said}. Another cell off the diagonal holds more "
        f"({largest}). Look for the largest number outside the diagonal."
    )


class _MatrixExercise(Exercise):
    """An exercise whose check also takes the notebook's confusion matrix."""

    def check(self, answer: Any = ____, matrix: Any = None) -> Feedback:
        """Check ``answer`` against ``matrix`` (the notebook's own matrix)."""
        self._matrix = matrix
        try:
            return super().check(answer)
        finally:
            self._matrix = None


def _checker_with_matrix(check: Callable[[Any, Any], str]) -> Callable[[Any], str]:
    def checker(answer: Any) -> str:
        return check(answer, confusion._matrix)

    return checker


confusion = _MatrixExercise(
    "04.confusion",
    "Read a confusion matrix",
    _checker_with_matrix(_check_confusion),
    hints=[
        "Cells on the diagonal count right answers; every other cell counts "
        "one kind of mistake.",
        "Find the largest number off the diagonal. Its row is the true digit "
        "and its column the model's answer.",
        "In code: copy the matrix, set its diagonal to 0 with "
        "`np.fill_diagonal`, and find the largest cell with `argmax` and "
        "`np.unravel_index`.",
    ],
    solution_code="""
    mistakes = matrix.copy()
    np.fill_diagonal(mistakes, 0)
    most_confused_true, most_confused_predicted = np.unravel_index(
        mistakes.argmax(), mistakes.shape
    )
    """,
)
