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
    augment: bool = False,
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
    augment : bool, optional
        Start with :func:`augmentation_layers`, which shift and turn each
        training image a little (images only; nothing changes when the
        model predicts). Defaults to False.

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
    if augment:
        layers += augmentation_layers(input_shape)
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
    augment: bool = False,
    padding: str = "same",
) -> keras.Model:
    """Build a small convolutional classifier for 28 x 28 digits.

    Each entry of ``filters`` adds a 3 x 3 convolution with ReLU and a 2 x 2
    max-pooling; a dense layer and a softmax output follow.

    ``augment=True`` starts with :func:`augmentation_layers`.
    ``padding="valid"`` lets each convolution shrink the image by 2 pixels
    instead of padding it, which makes the network about half as costly.

    Examples
    --------
    >>> build_convnet().output_shape
    (None, 10)
    """
    filters = _check_units(filters)
    dropout = _check_rate("dropout", dropout, 0.0, 1.0)
    _check_choice("padding", padding, ("same", "valid"))
    layers: list = [keras.Input(shape=tuple(input_shape))]
    if augment:
        layers += augmentation_layers(input_shape)
    elif len(input_shape) == 2:
        layers.append(keras.layers.Reshape((*input_shape, 1), name="add_channel"))
    for index, count in enumerate(filters, start=1):
        layers.append(
            keras.layers.Conv2D(
                count, 3, activation="relu", padding=padding, name=f"conv_{index}"
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


def augmentation_layers(
    input_shape: Sequence[int] = (28, 28), *, shift: float = 0.1, rotation: float = 0.05
) -> list:
    """Return layers that shift and turn each training image a little.

    Data augmentation: every epoch, each training image is moved by up to
    ``shift`` of its size (0.1 of 28 pixels is about 3) in each direction
    and turned by up to ``rotation`` of a full turn (0.05 is 18 degrees),
    at random. The network never sees the same image twice, so it learns
    what makes a digit rather than the exact pixels of the training set.
    The layers change nothing when the model predicts or is evaluated.

    Parameters
    ----------
    input_shape : tuple of int, optional
        Shape of one image, (height, width) or (height, width, channels).
        Defaults to (28, 28).
    shift : float, optional
        Largest shift, as a fraction of the height and width, from 0 to
        below 0.5. Defaults to 0.1.
    rotation : float, optional
        Largest turn, as a fraction of a full turn, from 0 to below 0.5.
        Defaults to 0.05.

    Returns
    -------
    list of keras layers
        For a (height, width) input, first a ``Reshape`` that adds a
        channel axis, as Keras's image layers need one.

    Examples
    --------
    >>> [type(layer).__name__ for layer in augmentation_layers()]
    ['Reshape', 'RandomTranslation', 'RandomRotation']
    """
    shape = tuple(input_shape)
    if len(shape) not in (2, 3):
        raise ValueError(
            "`input_shape` must be an image shape, (height, width) or (height, "
            f"width, channels), to augment; received {input_shape!r}."
        )
    shift = _check_rate("shift", shift, 0.0, 0.5)
    rotation = _check_rate("rotation", rotation, 0.0, 0.5)
    layers: list = []
    if len(shape) == 2:
        layers.append(keras.layers.Reshape((*shape, 1), name="add_channel"))
    if shift > 0:
        layers.append(
            keras.layers.RandomTranslation(
                shift, shift, fill_mode="constant", name="random_shift"
            )
        )
    if rotation > 0:
        layers.append(
            keras.layers.RandomRotation(
                rotation, fill_mode="constant", name="random_turn"
            )
        )
    return layers


DENSE_RECIPE = {"hidden_units": (512,), "dropout": 0.4, "augment": True}
"""The course's tuned dense model: ``build_dense_model(**DENSE_RECIPE)``.

One hidden layer of 512 units, dropout 0.4 and augmented images. Trained
as :data:`TRAINING_RECIPES` says, on the 5,000 offline digits, it reads
about 96 % of the 10,000 official test digits (``bench/keras_mnist.py``).
"""

CONVNET_RECIPE = {
    "filters": (32, 64),
    "dense_units": 128,
    "dropout": 0.3,
    "padding": "valid",
    "augment": True,
}
"""The course's tuned small convnet: ``build_convnet(**CONVNET_RECIPE)``.

Two convolutions (32 and 64 filters) without padding, a dense layer of
128 units with dropout, and augmented images: about 98.5 % on the 10,000
official test digits after training on the 5,000 offline digits.
"""

TRAINING_RECIPES = {
    "dense": {"epochs": 30, "batch_size": 64, "learning_rate": 1e-3},
    "convnet": {"epochs": 15, "batch_size": 64, "learning_rate": 2e-3},
}
"""Training settings of the two recipes, for ``helpers.training.train_model``.

Both use Adam with a learning rate that falls to 0 along a cosine curve
over the epochs (``schedule="cosine"``, the default there).
"""
