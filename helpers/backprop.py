"""The backward pass of the numpy network, and a small trainer.

Backpropagation is the chain rule, applied layer by layer from the loss
back to the inputs. A dense layer computes ``z = inputs @ weights + bias``
and ``outputs = f(z)``. Given how the loss changes with the layer's
outputs (``grad_outputs``), its backward pass returns how the loss changes
with its inputs, weights and bias:

* ``grad_z = grad_outputs * f'(z)`` (each neuron's slope),
* ``grad_weights = inputs.T @ grad_z`` (summed over the batch),
* ``grad_bias = grad_z.sum(axis=0)``,
* ``grad_inputs = grad_z @ weights.T`` (handed to the layer before).

:func:`dense_backward` is the reference for the notebook-03 exercise;
:func:`loss_and_gradients` chains it through a network built by
:mod:`helpers.mlp`, and :func:`train_network` trains such a network with
mini-batch gradient descent (plain, momentum or Adam).

Examples
--------
>>> from helpers.mlp import init_params
>>> params = init_params([4, 5, 3], seed=0)
>>> x = np.arange(8.0).reshape(2, 4) / 8
>>> loss, grads = loss_and_gradients(x, [0, 2], params)
>>> [(gw.shape, gb.shape) for gw, gb in grads]
[((4, 5), (5,)), ((5, 3), (3,))]
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from helpers.activations import get_activation, sigmoid
from helpers.losses import (
    mean_squared_error,
    softmax_cross_entropy,
    softmax_cross_entropy_gradient,
)
from helpers.mlp import forward, init_params

__all__ = [
    "LOSSES",
    "OPTIMIZERS",
    "TrainingResult",
    "accuracy",
    "chain_rule_example",
    "dense_backward",
    "loss_and_gradients",
    "network_loss",
    "train_network",
]

LOSSES = ("softmax_cross_entropy", "mean_squared_error")
"""Losses :func:`loss_and_gradients` knows: classes from logits, or numbers."""

OPTIMIZERS = ("sgd", "momentum", "adam")
"""Update rules :func:`train_network` knows."""

Params = list[tuple[np.ndarray, np.ndarray]]
Backward = Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]


def dense_backward(
    grad_outputs: np.ndarray,
    inputs: np.ndarray,
    z: np.ndarray,
    weights: np.ndarray,
    activation: str = "relu",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the gradients of one dense layer, by the chain rule.

    Parameters
    ----------
    grad_outputs : ndarray of shape (n_samples, n_outputs)
        How the loss changes with each of the layer's outputs.
    inputs : ndarray of shape (n_samples, n_inputs)
        What the layer received in the forward pass.
    z : ndarray of shape (n_samples, n_outputs)
        The layer's pre-activation ``inputs @ weights + bias``.
    weights : ndarray of shape (n_inputs, n_outputs)
    activation : str, optional
        The layer's activation (its derivative is applied to ``z``).
        Defaults to "relu".

    Returns
    -------
    grad_inputs : ndarray of shape (n_samples, n_inputs)
    grad_weights : ndarray of shape (n_inputs, n_outputs)
    grad_bias : ndarray of shape (n_outputs,)
        In the dtype of ``grad_outputs``.

    Examples
    --------
    >>> grad_in, grad_w, grad_b = dense_backward(
    ...     np.array([[1.0, -1.0]]), np.array([[2.0, 3.0]]),
    ...     np.array([[0.5, -0.5]]), np.ones((2, 2)), activation="relu")
    >>> grad_w
    array([[2., 0.],
           [3., 0.]])
    >>> grad_b, grad_in
    (array([1., 0.]), array([[1., 1.]]))
    """
    _, derivative = get_activation(activation)
    slope = derivative(z).astype(grad_outputs.dtype, copy=False)
    grad_z = grad_outputs * slope
    grad_weights = inputs.T @ grad_z
    grad_bias = grad_z.sum(axis=0)
    grad_inputs = grad_z @ weights.T
    return grad_inputs, grad_weights, grad_bias


def _forward(
    x: np.ndarray, params: Params, activation: str, fast: bool
) -> tuple[np.ndarray, list[dict]]:
    """Return the logits and the cache; ``fast`` keeps the dtype of ``x``.

    The slow path is :func:`helpers.mlp.forward` (float64, checked); the
    fast one does the same sums without checks or float64 copies.
    """
    if not fast:
        return forward(x, params, activation, "identity", return_cache=True)
    f, _ = get_activation(activation)
    cache = []
    a = x
    last = len(params) - 1
    for index, (weights, bias) in enumerate(params):
        z = a @ weights + bias
        if index == last:
            out = z
        elif activation == "relu":
            out = np.maximum(z, 0)
        else:
            out = f(z).astype(z.dtype, copy=False)
        cache.append({"inputs": a, "z": z, "outputs": out})
        a = out
    return a, cache


def _call_backward(
    backward: Backward,
    grad: np.ndarray,
    layer: dict,
    weights: np.ndarray,
    activation: str,
    number: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Call a layer's backward pass; a learner's gets its result checked.

    What a learner's ``backward`` gives back is checked for three arrays of
    the right shapes, so a slip shows as an error that names ``backward``
    and the layer, not as a numpy error later on.
    """
    inputs, z = layer["inputs"], layer["z"]
    if backward is dense_backward:
        return backward(grad, inputs, z, weights, activation)
    # Imported here: the exercises package is not needed by the course's
    # own backward pass.
    from helpers.exercises import holds_placeholder

    name = getattr(backward, "__name__", "backward")
    where = f"`backward` ({name}) on layer {number}"
    try:
        result = backward(grad, inputs, z, weights, activation)
    except Exception as error:
        raise ValueError(f"{where} raised {type(error).__name__}: {error}") from error
    if holds_placeholder(result):
        raise ValueError(
            f"{where} still returns ____: finish the exercise first, or leave "
            "`backward` out to use the course's."
        )
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise TypeError(
            f"{where} must return three arrays (grad_inputs, grad_weights, "
            f"grad_bias); received {type(result).__name__} {result!r:.60}."
        )
    expected = {
        "grad_inputs": inputs.shape,
        "grad_weights": weights.shape,
        "grad_bias": (weights.shape[1],),
    }
    arrays = []
    for (label, shape), value in zip(expected.items(), result, strict=True):
        array = np.asarray(value, dtype=grad.dtype)
        if array.shape != shape:
            raise ValueError(
                f"{where} returned `{label}` of shape {array.shape}; expected "
                f"{shape}, the shape of what it is the gradient of."
            )
        arrays.append(array)
    return arrays[0], arrays[1], arrays[2]


def _check_loss(loss: str) -> str:
    if loss not in LOSSES:
        raise ValueError(f"`loss` must be one of {list(LOSSES)}; received {loss!r}.")
    return loss


def loss_and_gradients(
    x: np.ndarray,
    targets: np.ndarray | Sequence[int],
    params: Params,
    activation: str = "relu",
    *,
    loss: str = "softmax_cross_entropy",
    backward: Backward = dense_backward,
    fast: bool = False,
) -> tuple[float, Params]:
    """Return the loss of a network on a batch, and its gradients.

    The forward pass is :func:`helpers.mlp.forward` with no output
    activation (the last layer gives logits); the loss is the mean softmax
    cross-entropy of the logits (or the mean squared error of the outputs),
    and the backward pass calls ``backward`` once a layer, from the last.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs)
    targets : array-like
        Class numbers of shape (n_samples,) for ``"softmax_cross_entropy"``;
        numbers of the output's shape for ``"mean_squared_error"``.
    params : list of (weights, bias)
        As :func:`helpers.mlp.init_params` makes them.
    activation : str, optional
        Activation of the hidden layers. Defaults to "relu".
    loss : {"softmax_cross_entropy", "mean_squared_error"}, optional
        Defaults to "softmax_cross_entropy".
    backward : callable, optional
        A layer's backward pass with the signature of
        :func:`dense_backward`; pass your own to train with it. What it
        returns is checked: three arrays shaped like the layer's inputs,
        weights and bias.
    fast : bool, optional
        Skip input checks and keep the dtype of ``x`` (float32 trains
        faster). Defaults to False.

    Returns
    -------
    loss : float
    grads : list of (grad_weights, grad_bias)
        Shaped like ``params``.

    Examples
    --------
    >>> params = [(np.array([[2.0]]), np.array([0.0]))]
    >>> loss, grads = loss_and_gradients(np.array([[1.0]]), np.array([[1.0]]),
    ...                                  params, loss="mean_squared_error")
    >>> loss, grads[0][0]
    (1.0, array([[2.]]))
    """
    _check_loss(loss)
    outputs, cache = _forward(x, params, activation, fast)
    if loss == "softmax_cross_entropy":
        value = float(softmax_cross_entropy(outputs, targets).mean())
        grad = softmax_cross_entropy_gradient(outputs, targets)
    else:
        targets = np.asarray(targets, dtype=outputs.dtype).reshape(outputs.shape)
        value = mean_squared_error(outputs, targets)
        grad = 2.0 * (outputs - targets) / outputs.size
    grads: Params = []
    last = len(params) - 1
    for index in range(last, -1, -1):
        layer = cache[index]
        weights = params[index][0]
        layer_activation = "identity" if index == last else activation
        grad, grad_weights, grad_bias = _call_backward(
            backward, grad, layer, weights, layer_activation, index + 1
        )
        grads.append((grad_weights, grad_bias))
    return value, grads[::-1]


def network_loss(
    x: np.ndarray,
    targets: np.ndarray | Sequence[int],
    params: Params,
    activation: str = "relu",
    *,
    loss: str = "softmax_cross_entropy",
) -> float:
    """Return only the loss of :func:`loss_and_gradients` (no backward pass).

    Gradient checking calls this many times with one weight nudged.
    """
    _check_loss(loss)
    outputs = forward(x, params, activation, "identity")
    if loss == "softmax_cross_entropy":
        return float(softmax_cross_entropy(outputs, targets).mean())
    targets = np.asarray(targets, dtype=float).reshape(outputs.shape)
    return mean_squared_error(outputs, targets)


def chain_rule_example(
    x: float = 1.5,
    target: float = 1.0,
    w1: float = 0.8,
    b1: float = 0.2,
    w2: float = 1.5,
    b2: float = -0.5,
) -> dict[str, float]:
    """Work the chain rule through the tiniest network, with numbers.

    The network has one input ``x``, one hidden sigmoid neuron and one
    output: ``z1 = w1 * x + b1``, ``h = sigmoid(z1)``,
    ``y_hat = w2 * h + b2``, and the loss is ``(y_hat - target) ** 2``.

    Returns
    -------
    dict of str to float
        Forward values ``z1``, ``h``, ``y_hat``, ``loss``, then the
        derivatives of the loss: ``dL/dy_hat``, ``dL/dw2``, ``dL/db2``,
        ``dL/dh``, ``dL/dz1``, ``dL/dw1``, ``dL/db1``.

    Examples
    --------
    >>> steps = chain_rule_example()
    >>> round(steps["loss"], 4), round(steps["dL/dw1"], 4)
    (0.088, -0.2119)
    """
    z1 = w1 * x + b1
    h = float(sigmoid(z1))
    y_hat = w2 * h + b2
    loss = (y_hat - target) ** 2
    d_y_hat = 2 * (y_hat - target)
    d_h = d_y_hat * w2
    d_z1 = d_h * h * (1 - h)
    return {
        "z1": z1,
        "h": h,
        "y_hat": y_hat,
        "loss": loss,
        "dL/dy_hat": d_y_hat,
        "dL/dw2": d_y_hat * h,
        "dL/db2": d_y_hat,
        "dL/dh": d_h,
        "dL/dz1": d_z1,
        "dL/dw1": d_z1 * x,
        "dL/db1": d_z1,
    }


def accuracy(
    x: np.ndarray,
    labels: np.ndarray,
    params: Params,
    activation: str = "relu",
    batch_size: int = 2000,
) -> float:
    """Return the share of examples whose most probable class is right.

    Examples
    --------
    >>> params = [(np.array([[1.0, -1.0]]), np.zeros(2))]
    >>> accuracy(np.array([[1.0], [-1.0]]), np.array([0, 0]), params)
    0.5
    """
    labels = np.asarray(labels)
    right = 0
    for first in range(0, len(x), batch_size):
        logits, _ = _forward(x[first : first + batch_size], params, activation, True)
        right += int(
            (logits.argmax(axis=1) == labels[first : first + batch_size]).sum()
        )
    return right / max(len(x), 1)


@dataclass
class TrainingResult:
    """What :func:`train_network` returns.

    Attributes
    ----------
    params : list of (weights, bias)
        The trained network.
    history : dict of str to list of float
        ``"epoch"``, ``"loss"`` (mean training loss over the epoch's
        batches), ``"accuracy"`` (training accuracy at the end of the
        epoch), and ``"val_loss"``, ``"val_accuracy"`` when validation
        data was given.
    seconds : float
        Wall-clock time spent training.
    cpu_seconds : float
        Processor time of this process spent training.
    """

    params: Params
    history: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0


def _blas_one_thread():
    """Return a context that runs BLAS on one thread, if threadpoolctl exists.

    Small matrix products run faster on one thread, and far faster when
    other programs share the cores.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with sklearn
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _check_training_args(epochs, batch_size, learning_rate, optimizer, momentum):
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"`{name}` must be a whole number; received {value!r}.")
        if value < 1:
            raise ValueError(f"`{name}` must be 1 or more; received {name}={value!r}.")
    if not isinstance(learning_rate, (int, float)) or not learning_rate > 0:
        raise ValueError(
            f"`learning_rate` must be a number above 0; received {learning_rate!r}."
        )
    if optimizer not in OPTIMIZERS:
        raise ValueError(
            f"`optimizer` must be one of {list(OPTIMIZERS)}; received {optimizer!r}."
        )
    if not 0 <= momentum < 1:
        raise ValueError(f"`momentum` must be in [0, 1); received {momentum!r}.")


def train_network(
    x: np.ndarray,
    labels: np.ndarray,
    hidden_units: Sequence[int] = (128,),
    *,
    activation: str = "relu",
    epochs: int = 10,
    batch_size: int = 64,
    learning_rate: float = 0.1,
    optimizer: str = "momentum",
    momentum: float = 0.9,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    params: Params | None = None,
    backward: Backward = dense_backward,
    dtype: str = "float32",
    seed: int = 0,
    callback: Callable[[int, dict[str, list[float]]], None] | None = None,
) -> TrainingResult:
    """Train a numpy network for classification with mini-batch descent.

    Each epoch shuffles the examples, and each batch of ``batch_size``
    gives one step: the backward pass (:func:`loss_and_gradients` with
    ``backward``) gives the gradients, and the optimiser moves every
    weight against its gradient.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs)
        Inputs, scaled to small numbers (pixels to [0, 1]).
    labels : ndarray of shape (n_samples,)
        Class numbers from 0.
    hidden_units : sequence of int, optional
        Sizes of the hidden layers. Defaults to (128,).
    activation : str, optional
        Activation of the hidden layers. Defaults to "relu".
    epochs : int, optional
        Passes over the data. Defaults to 10.
    batch_size : int, optional
        Examples a step. Defaults to 64.
    learning_rate : float, optional
        Defaults to 0.1 (for Adam, use about 0.001).
    optimizer : {"sgd", "momentum", "adam"}, optional
        Plain steps, steps with momentum, or Adam. Defaults to "momentum".
    momentum : float, optional
        For "momentum": share of the previous step kept. Defaults to 0.9.
    validation : (x_val, labels_val), optional
        Data to report loss and accuracy on after each epoch.
    params : list of (weights, bias), optional
        A network to continue training; a new one (He initialisation,
        ``seed``) is made when omitted. It is not changed in place.
    backward : callable, optional
        A layer's backward pass, such as your own ``dense_backward``.
    dtype : {"float32", "float64"}, optional
        Precision of the sums. float32 is about twice as fast.
        Defaults to "float32".
    seed : int, optional
        Seed of the initial weights and the shuffling. Defaults to 0.
    callback : callable, optional
        Called as ``callback(epoch, history)`` after each epoch, for
        example to redraw a live loss curve.

    Returns
    -------
    TrainingResult

    Examples
    --------
    >>> from helpers.data import two_clouds
    >>> X, y = two_clouds(100)
    >>> result = train_network(X, y, hidden_units=[8], epochs=5, batch_size=10)
    >>> result.history["accuracy"][-1] > 0.9
    True
    """
    _check_training_args(epochs, batch_size, learning_rate, optimizer, momentum)
    if dtype not in ("float32", "float64"):
        raise ValueError(f"`dtype` must be 'float32' or 'float64'; received {dtype!r}.")
    x = np.asarray(x)
    labels = np.asarray(labels)
    if x.ndim != 2:
        raise ValueError(
            f"`x` must have shape (n_samples, n_inputs); received shape {x.shape}. "
            "Flatten images first, for example x.reshape(len(x), -1)."
        )
    if labels.shape != (len(x),):
        raise ValueError(
            f"`labels` must have shape ({len(x)},) to match `x`; received "
            f"shape {labels.shape}."
        )
    labels = labels.astype(np.int64)
    n_classes = int(labels.max()) + 1
    x = x.astype(dtype, copy=False)
    if params is None:
        sizes = [x.shape[1], *[int(u) for u in hidden_units], n_classes]
        params = init_params(sizes, seed=seed)
    params = [(w.astype(dtype), b.astype(dtype)) for w, b in params]
    if validation is not None:
        x_val = np.asarray(validation[0]).astype(dtype, copy=False)
        y_val = np.asarray(validation[1]).astype(np.int64)
    state = [[np.zeros_like(p) for p in layer] for layer in params]
    second = [[np.zeros_like(p) for p in layer] for layer in params]
    history: dict[str, list[float]] = {"epoch": [], "loss": [], "accuracy": []}
    if validation is not None:
        history.update(val_loss=[], val_accuracy=[])
    rng = np.random.default_rng(seed)
    steps = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    with _blas_one_thread():
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            losses = []
            for first in range(0, len(x), batch_size):
                batch = order[first : first + batch_size]
                loss, grads = loss_and_gradients(
                    x[batch],
                    labels[batch],
                    params,
                    activation,
                    backward=backward,
                    fast=True,
                )
                steps += 1
                losses.append(loss)
                params = _update(
                    params,
                    grads,
                    state,
                    second,
                    optimizer,
                    learning_rate,
                    momentum,
                    steps,
                )
            history["epoch"].append(epoch)
            history["loss"].append(float(np.mean(losses)))
            history["accuracy"].append(accuracy(x, labels, params, activation))
            if validation is not None:
                logits, _ = _forward(x_val, params, activation, True)
                history["val_loss"].append(
                    float(softmax_cross_entropy(logits, y_val).mean())
                )
                history["val_accuracy"].append(
                    accuracy(x_val, y_val, params, activation)
                )
            if callback is not None:
                callback(epoch, history)
    return TrainingResult(
        params=params,
        history=history,
        seconds=time.perf_counter() - start,
        cpu_seconds=time.process_time() - cpu_start,
    )


def _update(params, grads, state, second, optimizer, learning_rate, momentum, step):
    """Return the parameters after one optimiser step (``state`` is updated)."""
    new = []
    for index, (layer, layer_grads) in enumerate(zip(params, grads, strict=True)):
        moved = []
        for k, (value, grad) in enumerate(zip(layer, layer_grads, strict=True)):
            grad = grad.astype(value.dtype, copy=False)
            if optimizer == "sgd":
                value = value - learning_rate * grad
            elif optimizer == "momentum":
                velocity = state[index][k]
                velocity *= momentum
                velocity -= learning_rate * grad
                value = value + velocity
            else:
                beta1, beta2, eps = 0.9, 0.999, 1e-7
                m, v = state[index][k], second[index][k]
                m *= beta1
                m += (1 - beta1) * grad
                v *= beta2
                v += (1 - beta2) * grad * grad
                m_hat = m / (1 - beta1**step)
                v_hat = v / (1 - beta2**step)
                value = value - learning_rate * m_hat / (np.sqrt(v_hat) + eps)
            moved.append(value)
        new.append(tuple(moved))
    return new
