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

from helpers.activations import get_activation

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


def _as_matrix(value: object, name: str) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"`{name}` must be an array of numbers; received "
            f"{type(value).__name__} {value!r:.60}."
        ) from None
    return array


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
    weights = _as_matrix(weights, "weights")
    bias = _as_matrix(bias, "bias")
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
    x = _as_matrix(x, "x")
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
