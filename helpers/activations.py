"""Activation functions and their derivatives, in numpy.

A neuron adds up its weighted inputs and a bias into one number, the
pre-activation ``z``; its activation function then turns ``z`` into the
neuron's output. Without a non-linear activation, a stack of layers is no
more powerful than a single layer.

Every function here takes ``z`` as a number or an array of any shape and
works element by element (except :func:`softmax`, which works along the
last axis). Derivatives are with respect to ``z``, so a backward pass can
multiply by them.

``ACTIVATIONS`` maps each name the course uses to its pair
``(function, derivative)``; :func:`get_activation` looks one up by name.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "get_activation",
    "identity",
    "identity_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_jacobian",
    "step",
    "step_derivative",
    "tanh",
    "tanh_derivative",
]

Activation = Callable[[np.ndarray], np.ndarray]


def as_float_array(
    value: object, name: str = "z", expected: str = "a number or an array of numbers"
) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise a TypeError naming ``name``.

    ``expected`` says in words what the argument should have been; the error
    gives it beside what was received.

    Examples:
        >>> as_float_array([1, 2]).dtype
        dtype('float64')
        >>> as_float_array("cat", "logits")
        Traceback (most recent call last):
        ...
        TypeError: `logits` must be a number or an array of numbers; received str 'cat'.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(np.float64, copy=False)
    problem = TypeError(
        f"`{name}` must be {expected}; received {type(value).__name__} {value!r:.60}."
    )
    try:
        array = np.asarray(value)
        if array.dtype == object:  # numbers of mixed kinds, or None among them
            array = array.astype(np.float64)
    except (TypeError, ValueError):
        raise problem from None
    # Text that looks like a number ("1.5") and None are not numbers here:
    # numpy would turn them into 1.5 and nan without a word.
    if array.dtype.kind not in "biuf" or _holds_none(value):
        raise problem
    return array.astype(np.float64, copy=False)


def _holds_none(value: object) -> bool:
    """Whether ``value`` is None or a (nested) list or tuple holding None."""
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return any(_holds_none(item) for item in value)
    return False


def step(z: np.ndarray) -> np.ndarray:
    """Return 1 where ``z`` is 0 or more, else 0 (the perceptron's rule).

    Parameters
    ----------
    z : float or ndarray
        Pre-activation values, any shape.

    Returns
    -------
    ndarray of the same shape as ``z``, float64
        0.0 or 1.0 for each value.

    Examples
    --------
    >>> step(np.array([-2.0, 0.0, 3.0]))
    array([0., 1., 1.])
    """
    z = as_float_array(z)
    return (z >= 0).astype(np.float64)


def step_derivative(z: np.ndarray) -> np.ndarray:
    """Return the slope of :func:`step`: zero everywhere.

    The step is flat on both sides of 0 (and jumps at 0, where it has no
    slope at all), so its derivative is taken as 0 everywhere. That is why
    a network of step neurons cannot be trained by gradient descent: the
    gradient tells every weight "no change helps".

    Examples
    --------
    >>> step_derivative(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 0.])
    """
    z = as_float_array(z)
    return np.zeros_like(z)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Return the logistic sigmoid ``1 / (1 + exp(-z))``, between 0 and 1.

    Computed so that no overflow happens for large ``|z|``: for negative
    ``z`` it uses the equal form ``exp(z) / (1 + exp(z))``.

    Parameters
    ----------
    z : float or ndarray
        Pre-activation values, any shape.

    Returns
    -------
    ndarray of the same shape as ``z``, float64

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    z = as_float_array(z)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    """Return the slope of :func:`sigmoid` at ``z``: ``s * (1 - s)``.

    Its largest value is 0.25, at ``z = 0``; far from 0 it is nearly 0.

    Examples
    --------
    >>> sigmoid_derivative(np.array([0.0, 1000.0]))
    array([0.25, 0.  ])
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: np.ndarray) -> np.ndarray:
    """Return the hyperbolic tangent of ``z``, between -1 and 1.

    Examples
    --------
    >>> tanh(np.array([0.0, 1000.0]))
    array([0., 1.])
    """
    return np.tanh(as_float_array(z))


def tanh_derivative(z: np.ndarray) -> np.ndarray:
    """Return the slope of :func:`tanh` at ``z``: ``1 - tanh(z)**2``.

    Examples
    --------
    >>> tanh_derivative(np.array([0.0, 1000.0]))
    array([1., 0.])
    """
    t = tanh(z)
    return 1.0 - t * t


def relu(z: np.ndarray) -> np.ndarray:
    """Return the rectified linear unit ``max(0, z)``.

    Examples
    --------
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    z = as_float_array(z)
    return np.maximum(z, 0.0)


def relu_derivative(z: np.ndarray) -> np.ndarray:
    """Return the slope of :func:`relu`: 1 where ``z > 0``, else 0.

    At exactly 0 the ReLU has a corner; like most libraries, this takes
    the slope there as 0.

    Examples
    --------
    >>> relu_derivative(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """
    z = as_float_array(z)
    return (z > 0).astype(np.float64)


def identity(z: np.ndarray) -> np.ndarray:
    """Return ``z`` unchanged (as float64): "no activation".

    Examples
    --------
    >>> identity(np.array([-2.0, 3.0]))
    array([-2.,  3.])
    """
    return as_float_array(z).copy()


def identity_derivative(z: np.ndarray) -> np.ndarray:
    """Return the slope of :func:`identity`: 1 everywhere.

    Examples
    --------
    >>> identity_derivative(np.array([-2.0, 3.0]))
    array([1., 1.])
    """
    return np.ones_like(as_float_array(z))


def softmax(z: np.ndarray) -> np.ndarray:
    """Turn scores into probabilities along the last axis.

    .. math:: \\mathrm{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}

    The largest score of each row is subtracted first, which changes
    nothing in the result but keeps ``exp`` from overflowing, so scores
    like 1000 are fine.

    Parameters
    ----------
    z : ndarray of shape (..., n_classes)
        Scores ("logits"), one row per example.

    Returns
    -------
    ndarray of the same shape as ``z``, float64
        Positive values; each row sums to 1.

    Examples
    --------
    >>> softmax(np.array([[1000.0, 1000.0], [0.0, np.log(3.0)]]))
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    z = as_float_array(z)
    if z.ndim == 0:
        raise ValueError(
            "`z` must be an array of scores with the classes along its last "
            "axis, for example shape (n_samples, n_classes); received a "
            "single number."
        )
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """Return the derivatives of :func:`softmax` with respect to ``z``.

    Unlike the other activations, each output of the softmax depends on
    every score of its row, so the derivative is a matrix per row:
    ``J[..., i, j] = s_i * (delta_ij - s_j)``.

    Parameters
    ----------
    z : ndarray of shape (..., n_classes)

    Returns
    -------
    ndarray of shape (..., n_classes, n_classes), float64

    Examples
    --------
    >>> softmax_jacobian(np.array([0.0, 0.0]))
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    s = softmax(z)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    "step": (step, step_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "identity": (identity, identity_derivative),
}
"""Element-wise activations by name: ``name -> (function, derivative)``."""

OUTPUT_ACTIVATIONS = ("identity", "sigmoid", "softmax")
"""Names an output layer usually takes: a number, a probability, or
probabilities over several classes."""


def get_activation(name: str) -> tuple[Activation, Activation]:
    """Return ``(function, derivative)`` of the activation called ``name``.

    Parameters
    ----------
    name : str
        One of the keys of :data:`ACTIVATIONS` ("step", "sigmoid", "tanh",
        "relu", "identity"), or "softmax", in any case.

    Returns
    -------
    function : callable
        Maps ``z`` to the activation, same shape.
    derivative : callable
        Maps ``z`` to the slope with respect to ``z``, same shape; for
        "softmax" it is :func:`softmax_jacobian`, of shape
        ``z.shape + (n_classes,)``.

    Raises
    ------
    ValueError
        If ``name`` is not a known activation.

    Examples
    --------
    >>> f, df = get_activation("relu")
    >>> f(np.array([-1.0, 2.0])), df(np.array([-1.0, 2.0]))
    (array([0., 2.]), array([0., 1.]))
    """
    key = name.lower().strip() if isinstance(name, str) else None
    if key in ACTIVATIONS:
        return ACTIVATIONS[key]
    if key == "softmax":
        return softmax, softmax_jacobian
    known = [*ACTIVATIONS, "softmax"]
    raise ValueError(f"`activation` must be one of {known}; received {name!r}.")
