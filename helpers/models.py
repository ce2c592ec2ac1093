"""Keras model builders shared by notebooks 04 and 05.

Importing this module imports TensorFlow (quietly, through
:mod:`helpers.quiet`); ``import helpers`` alone does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.quiet import import_keras

keras = import_keras()

ACTIVATIONS = ("relu", "sigmoid", "tanh", "elu", "linear")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "adagrad")


def _check_units(hidden_units: Sequence[int]) -> tuple[int, ...]:
    if isinstance(hidden_units, (int, str)) or not isinstance(hidden_units, Sequence):
        raise TypeError(
            "`hidden_units` must be a list of layer sizes, such as [128, 64]; "
            f"received {hidden_units!r}."
        )
    units = tuple(hidden_units)
    for size in units:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(
                "`hidden_units` must hold whole numbers, 1 or more; "
                f"received {hidden_units!r}."
            )
    return units


def _check_choice(name: str, value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise ValueError(
            f"`{name}` must be one of {list(choices)}; received {value!r}."
        )
    return value


def _check_rate(name: str, value: float, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"`{name}` must be a number; received {value!r}.")
    if not low <= value < high:
        raise ValueError(
            f"`{name}` must be at least {low} and below {high}; received {value!r}."
        )
    return float(value)


def set_seed(seed: int) -> None:
    """Seed Python, numpy and TensorFlow, so a rerun gives the same numbers.

    Results may still differ slightly across machines and thread counts.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(
            f"`seed` must be a whole number, 0 or more; received {seed!r}."
        )
    keras.utils.set_random_seed(seed)


def build_dense_model(
    input_shape: Sequence[int] = (28, 28),
    hidden_units: Sequence[int] = (128,),
    *,
    n_classes: int = 10,
    activation: str = "relu",
    dropout: float = 0.0,
    l2: float = 0.0,
    name: str = "dense_net",
) -> keras.Model:
    """Build a fully connected classifier with a softmax output.

    Parameters
    ----------
    input_shape : tuple of int, optional
        Shape of one example; images are flattened first. Defaults to
        (28, 28), an MNIST digit.
    hidden_units : sequence of int, optional
        Units of each hidden layer, in order. Defaults to (128,). An empty
        sequence builds a softmax regression (no hidden layer).
    n_classes : int, optional
        Number of classes of the output layer. Defaults to 10.
    activation : str, optional
        Activation of the hidden layers, one of :data:`ACTIVATIONS`.
        Defaults to "relu".
    dropout : float, optional
        Fraction of each hidden layer's outputs dropped while training, from
        0 (none) to below 1. Defaults to 0.
    l2 : float, optional
        Strength of the L2 penalty on the hidden layers' weights. Defaults
        to 0.
    name : str, optional
        The model's name in ``summary()``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential``.

    Examples
    --------
    >>> model = build_dense_model(hidden_units=[32])
    >>> model.count_params()
    25450
    >>> model.output_shape
    (None, 10)
    """
    units = _check_units(hidden_units)
    _check_choice("activation", activation, ACTIVATIONS)
    dropout = _check_rate("dropout", dropout, 0.0, 1.0)
    l2 = _check_rate("l2", l2, 0.0, float("inf"))
    if isinstance(n_classes, bool) or not isinstance(n_classes, int) or n_classes < 2:
        raise ValueError(f"`n_classes` must be 2 or more; received {n_classes!r}.")
    regularizer = keras.regularizers.L2(l2) if l2 > 0 else None
    layers: list = [keras.Input(shape=tuple(input_shape))]
    if len(input_shape) > 1:
        layers.append(keras.layers.Flatten(name="flatten"))
    for index, size in enumerate(units, start=1):
        layers.append(
            keras.layers.Dense(
                size,
                activation=activation,
                kernel_regularizer=regularizer,
                name=f"hidden_{index}",
            )
        )
        if dropout > 0:
            layers.append(keras.layers.Dropout(dropout, name=f"dropout_{index}"))
    layers.append(keras.layers.Dense(n_classes, activation="softmax", name="output"))
    return keras.Sequential(layers, name=name)


def build_convnet(
    input_shape: Sequence[int] = (28, 28),
    filters: Sequence[int] = (32, 64),
    *,
    dense_units: int = 128,
    n_classes: int = 10,
    dropout: float = 0.3,
    name: str = "small_convnet",
) -> keras.Model:
    """Build a small convolutional classifier for 28 x 28 digits.

    Each entry of ``filters`` adds a 3 x 3 convolution with ReLU and a 2 x 2
    max-pooling; a dense layer and a softmax output follow.

    Examples
    --------
    >>> build_convnet().output_shape
    (None, 10)
    """
    filters = _check_units(filters)
    dropout = _check_rate("dropout", dropout, 0.0, 1.0)
    layers: list = [keras.Input(shape=tuple(input_shape))]
    if len(input_shape) == 2:
        layers.append(keras.layers.Reshape((*input_shape, 1), name="add_channel"))
    for index, count in enumerate(filters, start=1):
        layers.append(
            keras.layers.Conv2D(
                count, 3, activation="relu", padding="same", name=f"conv_{index}"
            )
        )
        layers.append(keras.layers.MaxPooling2D(2, name=f"pool_{index}"))
    layers.append(keras.layers.Flatten(name="flatten"))
    layers.append(keras.layers.Dense(dense_units, activation="relu", name="hidden"))
    if dropout > 0:
        layers.append(keras.layers.Dropout(dropout, name="dropout"))
    layers.append(keras.layers.Dense(n_classes, activation="softmax", name="output"))
    return keras.Sequential(layers, name=name)


def make_optimizer(
    name: str = "adam",
    learning_rate: float = 1e-3,
    *,
    decay: str = "none",
    decay_rate: float = 0.5,
    decay_steps: int = 1000,
) -> keras.optimizers.Optimizer:
    """Return a Keras optimiser, with an optional learning-rate decay.

    Parameters
    ----------
    name : str, optional
        One of :data:`OPTIMIZERS`. Defaults to "adam".
    learning_rate : float, optional
        The (starting) learning rate, above 0. Defaults to 0.001.
    decay : {"none", "exponential", "step"}, optional
        How the rate shrinks: smoothly by ``decay_rate`` every
        ``decay_steps`` updates, or in steps at those points.
    decay_rate : float, optional
        Factor applied every ``decay_steps`` updates. Defaults to 0.5.
    decay_steps : int, optional
        Updates (batches) between reductions. Defaults to 1000.

    Examples
    --------
    >>> opt = make_optimizer("sgd", 0.1, decay="step", decay_steps=10)
    >>> float(opt.learning_rate)
    0.1
    """
    _check_choice("name", name, OPTIMIZERS)
    _check_choice("decay", decay, ("none", "exponential", "step"))
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float)):
        raise TypeError(
            f"`learning_rate` must be a number; received {learning_rate!r}."
        )
    if not learning_rate > 0:
        raise ValueError(
            f"`learning_rate` must be greater than 0; received {learning_rate!r}."
        )
    rate = float(learning_rate)
    if decay != "none":
        schedule = keras.optimizers.schedules.ExponentialDecay(
            rate,
            decay_steps=decay_steps,
            decay_rate=decay_rate,
            staircase=(decay == "step"),
        )
        rate = schedule
    classes = {
        "adam": keras.optimizers.Adam,
        "sgd": keras.optimizers.SGD,
        "rmsprop": keras.optimizers.RMSprop,
        "adagrad": keras.optimizers.Adagrad,
    }
    return classes[name](learning_rate=rate)
