"""A multi-layer perceptron in plain numpy: parameters and the forward pass.

A network is a list of layers, and a layer is a pair ``(weights, bias)``:

* ``weights`` has shape ``(n_inputs, n_outputs)``, one column a neuron;
* ``bias`` has shape ``(n_outputs,)``, one number a neuron.

Inputs are rows: ``x`` has shape ``(n_samples, n_inputs)``, so a layer
computes ``activation(x @ weights + bias)`` for the whole batch at once.
Every array is float64.

Notebook 02 builds this forward pass; notebook 03 adds the backward pass
(``helpers.backprop``), which reads the cache that :func:`forward` returns.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.activations import as_float_array, get_activation

__all__ = [
    "count_parameters",
    "dense_forward",
    "forward",
    "init_params",
    "layer_sizes_of",
    "predict_classes",
]

Params = list[tuple[np.ndarray, np.ndarray]]


def init_params(
    layer_sizes: Sequence[int], seed: int = 0, scale: str | float = "he"
) -> Params:
    """Return random weights and zero biases for a network of the given sizes.

    Parameters
    ----------
    layer_sizes : sequence of int
        Units in each layer, inputs first, for example ``[2, 8, 1]``: two
        inputs, a hidden layer of eight neurons and one output.
    seed : int, optional
        Seed of the random generator; the same seed gives the same weights.
        Defaults to 0.
    scale : {"he", "glorot"} or float, optional
        Standard deviation of the normal distribution the weights are drawn
        from. "he" uses ``sqrt(2 / n_inputs)`` (suits ReLU), "glorot" uses
        ``sqrt(2 / (n_inputs + n_outputs))`` (suits tanh and sigmoid), and a
        number is used as it is. Defaults to "he".

    Returns
    -------
    list of (weights, bias)
        One pair a layer: ``weights`` of shape ``(layer_sizes[i],
        layer_sizes[i + 1])`` and ``bias`` of shape ``(layer_sizes[i + 1],)``,
        float64, bias all zeros.

    Raises
    ------
    ValueError
        If ``layer_sizes`` has fewer than two sizes, or one is not a whole
        number of 1 or more, or ``scale`` is unknown or negative.

    Examples
    --------
    >>> params = init_params([2, 8, 1])
    >>> [(w.shape, b.shape) for w, b in params]
    [((2, 8), (8,)), ((8, 1), (1,))]
    """
    sizes = _check_layer_sizes(layer_sizes)
    if isinstance(scale, str):
        if scale not in ("he", "glorot"):
            raise ValueError(
                f"`scale` must be 'he', 'glorot' or a number; received {scale!r}."
            )
    elif isinstance(scale, bool) or not isinstance(scale, (int, float, np.number)):
        raise TypeError(
            f"`scale` must be 'he', 'glorot' or a number; received {scale!r}."
        )
    elif not scale >= 0:
        raise ValueError(f"`scale` must be 0 or more; received {scale!r}.")
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        if scale == "he":
            std = np.sqrt(2.0 / n_in)
        elif scale == "glorot":
            std = np.sqrt(2.0 / (n_in + n_out))
        else:
            std = float(scale)
        weights = rng.normal(scale=std, size=(n_in, n_out))
        params.append((weights, np.zeros(n_out)))
    return params


def _check_layer_sizes(layer_sizes: object) -> list[int]:
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(
        layer_sizes, (Sequence, np.ndarray)
    ):
        raise TypeError(
            "`layer_sizes` must be a list of whole numbers such as [2, 8, 1]; "
            f"received {layer_sizes!r}."
        )
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            "`layer_sizes` needs at least two sizes (inputs and outputs), such "
            f"as [2, 8, 1]; received {sizes!r}."
        )
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(
                f"`layer_sizes` must hold whole numbers; received {sizes!r}."
            )
        if size < 1:
            raise ValueError(
                f"Every size in `layer_sizes` must be 1 or more; received {sizes!r}."
            )
    return [int(size) for size in sizes]


def _check_layer(
    x: np.ndarray, weights: object, bias: object, index: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``weights`` and ``bias`` as arrays that fit ``x`` (2-D).

    ``index`` is the layer's place in ``params``, for the error messages.
    """
    n_inputs = x.shape[1]
    if index is None:
        w_name, b_name = "`weights`", "`bias`"
    else:
        w_name = f"The weights of `params[{index}]`"
        b_name = f"The bias of `params[{index}]`"
    weights = as_float_array(weights, "weights", "an array of numbers")
    bias = as_float_array(bias, "bias", "an array of numbers")
    if weights.ndim != 2:
        raise ValueError(
            f"{w_name} must be a 2-D array of shape (n_inputs, n_outputs); "
            f"received shape {weights.shape}."
        )
    if weights.shape[0] != n_inputs:
        if index is None or index == 0:
            fit = f"to match x's {n_inputs} inputs"
        else:
            fit = f"to match the {n_inputs} outputs of `params[{index - 1}]`"
        hint = (
            " Is it transposed?"
            if weights.shape[1] == n_inputs
            else " Check the sizes of the layers."
        )
        raise ValueError(
            f"{w_name} must have shape ({n_inputs}, n_outputs) {fit}; "
            f"received {weights.shape}.{hint}"
        )
    n_outputs = weights.shape[1]
    if bias.shape != (n_outputs,):
        raise ValueError(
            f"{b_name} must have shape ({n_outputs},), one number for each of "
            f"the {n_outputs} neurons; received shape {bias.shape}."
        )
    return weights, bias


def _check_inputs(x: object) -> tuple[np.ndarray, bool]:
    """Return ``x`` as a 2-D float array, and whether it was a single example."""
    x = as_float_array(x, "x", "an array of numbers")
    if x.ndim == 1:
        return x[None, :], True
    if x.ndim != 2:
        raise ValueError(
            "`x` must have shape (n_samples, n_inputs), or (n_inputs,) for one "
            f"example; received shape {x.shape}."
        )
    return x, False


def dense_forward(
    x: np.ndarray,
    weights: np.ndarray,
    bias: np.ndarray,
    activation: str = "identity",
) -> np.ndarray:
    """Compute one dense layer: ``activation(x @ weights + bias)``.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs), or (n_inputs,)
        The inputs, one example a row (or a single example).
    weights : ndarray of shape (n_inputs, n_outputs)
        One column of weights a neuron.
    bias : ndarray of shape (n_outputs,)
        One bias a neuron.
    activation : str, optional
        Name of the activation (see :data:`helpers.activations.ACTIVATIONS`,
        or "softmax"). Defaults to "identity".

    Returns
    -------
    ndarray of shape (n_samples, n_outputs), or (n_outputs,), float64
        The layer's outputs; a single example gives a single row.

    Raises
    ------
    ValueError
        If the shapes do not fit together, or ``activation`` is unknown.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0]])
    >>> weights = np.array([[1.0, 0.0, -1.0], [1.0, 1.0, 0.0]])
    >>> dense_forward(x, weights, np.array([0.0, 0.5, 0.0]), activation="relu")
    array([[3. , 2.5, 0. ]])
    """
    f, _ = get_activation(activation)
    x2, single = _check_inputs(x)
    weights, bias = _check_layer(x2, weights, bias)
    out = f(x2 @ weights + bias)
    return out[0] if single else out


def _check_params(params: object) -> list[tuple[object, object]]:
    if not isinstance(params, (list, tuple)) or not params:
        raise TypeError(
            "`params` must be a non-empty list of (weights, bias) pairs, one a "
            f"layer; received {type(params).__name__} {params!r:.60}."
        )
    for index, layer in enumerate(params):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise TypeError(
                f"`params[{index}]` must be a pair (weights, bias); received "
                f"{type(layer).__name__} {layer!r:.60}."
            )
    return list(params)


def forward(
    x: np.ndarray,
    params: Params,
    activation: str = "relu",
    output_activation: str = "identity",
    return_cache: bool = False,
):
    """Run inputs through every layer of a network.

    Hidden layers use ``activation``; the last layer uses
    ``output_activation``.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs), or (n_inputs,)
        The inputs, one example a row (or a single example).
    params : list of (weights, bias)
        The layers, as :func:`init_params` makes them.
    activation : str, optional
        Activation of the hidden layers. Defaults to "relu".
    output_activation : {"identity", "sigmoid", "softmax"} or str, optional
        Activation of the output layer: "identity" for a number,
        "sigmoid" for a probability, "softmax" for probabilities over
        classes. Defaults to "identity".
    return_cache : bool, optional
        Also return what each layer received and computed, for a backward
        pass. Defaults to False.

    Returns
    -------
    output : ndarray of shape (n_samples, n_outputs), or (n_outputs,)
        The network's outputs, float64.
    cache : list of dict, only when ``return_cache`` is True
        One dict a layer with ``"inputs"`` (the layer's input ``a_prev``),
        ``"z"`` (``a_prev @ weights + bias``) and ``"outputs"`` (the
        activation of ``z``). These are always 2-D, even for one example.

    Raises
    ------
    ValueError
        If a layer's shapes do not fit the one before it, or an activation
        is unknown.

    Examples
    --------
    >>> params = init_params([2, 3, 1], seed=0)
    >>> out, cache = forward(np.zeros((4, 2)), params, return_cache=True)
    >>> out.shape, [entry["z"].shape for entry in cache]
    ((4, 1), [(4, 3), (4, 1)])
    """
    hidden_f, _ = get_activation(activation)
    output_f, _ = get_activation(output_activation)
    layers = _check_params(params)
    a, single = _check_inputs(x)
    cache = []
    last = len(layers) - 1
    for index, (weights, bias) in enumerate(layers):
        weights, bias = _check_layer(a, weights, bias, index)
        z = a @ weights + bias
        out = output_f(z) if index == last else hidden_f(z)
        cache.append({"inputs": a, "z": z, "outputs": out})
        a = out
    output = a[0] if single else a
    return (output, cache) if return_cache else output


def predict_classes(
    x: np.ndarray,
    params: Params,
    activation: str = "relu",
    output_activation: str = "sigmoid",
    threshold: float | None = None,
) -> np.ndarray:
    """Return the class a network gives each example.

    With one output unit, class 1 is given where the output is above
    ``threshold``; with several, the class is the unit with the largest
    output.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs), or (n_inputs,)
    params : list of (weights, bias)
    activation : str, optional
        Activation of the hidden layers. Defaults to "relu".
    output_activation : str, optional
        Activation of the output layer. Defaults to "sigmoid".
    threshold : float, optional
        For one output unit: 0.5 by default when the output is a
        probability ("sigmoid", "step", "softmax"), else 0.

    Returns
    -------
    ndarray of shape (n_samples,), or a 0-d array for one example, int64

    Examples
    --------
    >>> weights = np.array([[1.0], [1.0]])
    >>> params = [(weights, np.array([-1.5]))]
    >>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> predict_classes(x, params, output_activation="step")
    array([0, 0, 0, 1])
    """
    out = forward(x, params, activation, output_activation)
    if threshold is None:
        probability = str(output_activation).lower() in ("sigmoid", "step", "softmax")
        threshold = 0.5 if probability else 0.0
    if out.shape[-1] == 1:
        return (out[..., 0] > threshold).astype(np.int64)
    return out.argmax(axis=-1).astype(np.int64)


def count_parameters(params: Params) -> int:
    """Return how many numbers (weights and biases) a network learns.

    Examples
    --------
    >>> count_parameters(init_params([2, 8, 1]))
    33
    """
    layers = _check_params(params)
    return int(sum(np.size(w) + np.size(b) for w, b in layers))


def layer_sizes_of(params: Params) -> list[int]:
    """Return the layer sizes of a network, inputs first.

    Examples
    --------
    >>> layer_sizes_of(init_params([2, 8, 1]))
    [2, 8, 1]
    """
    layers = _check_params(params)
    return [int(np.shape(layers[0][0])[0])] + [int(np.shape(w)[1]) for w, _ in layers]


def _backward(
    params: Params, cache: list[dict], output_gradient: np.ndarray, activation: str
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return the gradients of the loss for every layer, last layer last.

    ``output_gradient`` is the gradient of the loss with respect to the last
    layer's pre-activation ``z``. Notebook 03 explains this step; here it
    only serves :func:`_fit`.
    """
    _, derivative = get_activation(activation)
    grads = []
    dz = output_gradient
    for index in range(len(params) - 1, -1, -1):
        weights, _ = params[index]
        a_prev = cache[index]["inputs"]
        grads.append((a_prev.T @ dz, dz.sum(axis=0)))
        if index:
            dz = (dz @ weights.T) * derivative(cache[index - 1]["z"])
    return grads[::-1]


def _initial_params(
    X: np.ndarray, sizes: list[int], activation: str, seed: int
) -> Params:
    """Return starting weights whose first-layer neurons pass through data.

    With zero biases every first-layer neuron's line (or, for one input,
    its kink) passes through the origin; setting each bias so that the
    neuron's line passes through a random data point spreads them over the
    data, which makes small networks train far more reliably.
    """
    scale = "he" if activation == "relu" else "glorot"
    params = init_params(sizes, seed=seed, scale=scale)
    rng = np.random.default_rng([seed, 1])
    weights, _ = params[0]
    anchors = X[rng.integers(len(X), size=weights.shape[1])]
    params[0] = (weights, -np.einsum("ij,ji->i", anchors, weights))
    return params


def _widen(params: Params, hidden_units: Sequence[int], seed: int = 0) -> Params:
    """Return ``params`` with more hidden units that change nothing yet.

    The new units get random incoming weights and zero outgoing weights, so
    the wider network computes exactly what the narrower one did; training
    it further can only use the new units to do better.
    """
    sizes = layer_sizes_of(params)
    new_sizes = [sizes[0], *hidden_units, sizes[-1]]
    if len(new_sizes) != len(sizes) or any(
        new < old for new, old in zip(new_sizes, sizes, strict=True)
    ):
        raise ValueError(
            f"`hidden_units` must keep the layers and not shrink them: "
            f"{sizes[1:-1]} cannot become {list(hidden_units)}."
        )
    rng = np.random.default_rng(seed)
    widened = []
    for (weights, bias), n_in, n_out in zip(
        params, new_sizes[:-1], new_sizes[1:], strict=True
    ):
        old_in, old_out = weights.shape
        grown = np.zeros((n_in, n_out))
        grown[:old_in, :old_out] = weights
        grown[:old_in, old_out:] = rng.normal(
            scale=np.sqrt(1.0 / old_in), size=(old_in, n_out - old_out)
        )
        new_bias = np.concatenate([bias, rng.normal(scale=0.5, size=n_out - old_out)])
        widened.append((grown, new_bias))
    return widened


def _fit(
    X: np.ndarray,
    y: np.ndarray,
    hidden_units: Sequence[int],
    activation: str = "tanh",
    task: str = "regression",
    epochs: int = 1000,
    learning_rate: float = 0.02,
    seed: int = 0,
    start: Params | None = None,
) -> tuple[Params, np.ndarray]:
    """Train a small network on all of ``X`` at once with Adam.

    A quick trainer for the demonstrations of notebook 02, which show what
    a trained network can do before notebook 03 explains how training
    works. Every epoch is one step on the whole data set.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_inputs)
    y : ndarray of shape (n_samples,)
        Numbers to fit ("regression", mean squared error, identity output)
        or classes 0 and 1 ("binary", cross-entropy, sigmoid output).
    hidden_units : sequence of int
        Units of each hidden layer, for example ``[8, 8]``.
    activation, task, epochs, learning_rate, seed
        As named; ``seed`` fixes the starting weights.
    start : list of (weights, bias), optional
        Weights to start from (see :func:`_widen`) instead of random ones.

    Returns
    -------
    params : list of (weights, bias)
    losses : ndarray of shape (epochs,)
        The loss before each step.
    """
    if task not in ("regression", "binary"):
        raise ValueError(f"`task` must be 'regression' or 'binary'; received {task!r}.")
    X, _ = _check_inputs(X)
    target = np.asarray(y, dtype=np.float64).reshape(-1, 1)
    if len(target) != len(X):
        raise ValueError(
            f"`y` must have one value for each of the {len(X)} rows of `X`; "
            f"received {len(target)}."
        )
    sizes = [X.shape[1], *hidden_units, 1]
    if start is None:
        params = _initial_params(X, sizes, activation, seed)
    elif layer_sizes_of(start) != sizes:
        raise ValueError(
            f"`start` must have layer sizes {sizes}; received {layer_sizes_of(start)}."
        )
    else:
        params = [(w.copy(), b.copy()) for w, b in start]
    output_activation = "identity" if task == "regression" else "sigmoid"
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    moments = [(np.zeros_like(w), np.zeros_like(b)) for w, b in params]
    squares = [(np.zeros_like(w), np.zeros_like(b)) for w, b in params]
    losses = np.empty(epochs)
    n = len(X)
    for epoch in range(epochs):
        out, cache = forward(X, params, activation, output_activation, True)
        if task == "regression":
            losses[epoch] = np.mean((out - target) ** 2)
            dz = 2.0 * (out - target) / n
        else:
            p = np.clip(out, 1e-12, 1 - 1e-12)
            losses[epoch] = -np.mean(target * np.log(p) + (1 - target) * np.log(1 - p))
            dz = (out - target) / n
        grads = _backward(params, cache, dz, activation)
        t = epoch + 1
        correction = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t)
        updated = []
        for k, ((w, b), (gw, gb)) in enumerate(zip(params, grads, strict=True)):
            mw, mb = moments[k]
            vw, vb = squares[k]
            mw = beta1 * mw + (1 - beta1) * gw
            mb = beta1 * mb + (1 - beta1) * gb
            vw = beta2 * vw + (1 - beta2) * gw * gw
            vb = beta2 * vb + (1 - beta2) * gb * gb
            moments[k], squares[k] = (mw, mb), (vw, vb)
            updated.append(
                (
                    w - correction * mw / (np.sqrt(vw) + eps),
                    b - correction * mb / (np.sqrt(vb) + eps),
                )
            )
        params = updated
    return params, losses
