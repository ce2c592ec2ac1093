"""Gradient checking: test a backward pass against finite differences.

A backward pass is easy to get subtly wrong (a transposed matrix, a
missing sum) and still run. The check is simple: nudge one weight up and
down by a tiny ``epsilon``, see how the loss changes, and compare that
slope with what the backward pass says:

.. math:: \\frac{\\partial L}{\\partial w}
          \\approx \\frac{L(w + \\epsilon) - L(w - \\epsilon)}{2 \\epsilon}

The two should agree to a *relative error* ``|a - b| / (|a| + |b|)`` of
about 1e-7 or less in float64; 1e-2 or more means a bug.

Examples
--------
>>> w = np.array([1.0, -2.0])
>>> numerical_gradient(lambda: float((w**2).sum()), w)
array([ 2., -4.])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "GradientCheck",
    "compare_gradients",
    "gradient_check",
    "numerical_gradient",
    "relative_error",
    "tensorflow_gradients",
]

Params = list[tuple[np.ndarray, np.ndarray]]


def numerical_gradient(
    loss: Callable[[], float],
    array: np.ndarray,
    *,
    epsilon: float = 1e-6,
    indices: Sequence[tuple[int, ...]] | None = None,
) -> np.ndarray:
    """Estimate the gradient of ``loss()`` with respect to ``array``.

    Each entry of ``array`` is nudged in place to ``+epsilon`` and
    ``-epsilon`` (and put back), and ``loss`` is called with no arguments,
    so it must read ``array`` itself.

    Parameters
    ----------
    loss : callable
        Returns the loss as a float.
    array : ndarray, float64
        The weights to differentiate by; changed only while measuring.
    epsilon : float, optional
        Size of the nudge. Defaults to 1e-6.
    indices : sequence of index tuples, optional
        Entries to measure; all entries when omitted.

    Returns
    -------
    ndarray
        The shape of ``array`` (entries not measured are 0), or, when
        ``indices`` is given, one value an index.

    Examples
    --------
    >>> w = np.array([[3.0]])
    >>> float(numerical_gradient(lambda: float(w[0, 0] ** 3), w)[0, 0])
    27.0...
    """
    if not isinstance(array, np.ndarray) or array.dtype.kind != "f":
        raise TypeError(
            f"`array` must be a float numpy array; received {type(array).__name__}."
        )
    if not epsilon > 0:
        raise ValueError(f"`epsilon` must be above 0; received {epsilon!r}.")
    chosen = list(np.ndindex(array.shape)) if indices is None else list(indices)
    values = np.empty(len(chosen))
    for k, index in enumerate(chosen):
        kept = array[index]
        array[index] = kept + epsilon
        up = loss()
        array[index] = kept - epsilon
        down = loss()
        array[index] = kept
        values[k] = (up - down) / (2 * epsilon)
    if indices is not None:
        return values
    return values.reshape(array.shape)


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """Return ``|a - b| / (|a| + |b|)`` over whole arrays (Euclidean norms).

    It is 0 for equal arrays, about 1 for unrelated ones, and 0 when both
    are 0.

    Examples
    --------
    >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    0.0
    >>> round(relative_error(np.array([1.0]), np.array([1.1])), 4)
    0.0476
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(
            f"The two gradients must have the same shape; received {a.shape} "
            f"and {b.shape}."
        )
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)


def _verdict(error: float) -> str:
    if error < 1e-6:
        return "agrees"
    if error < 1e-3:
        return "close (check)"
    return "WRONG"


@dataclass
class GradientCheck:
    """The result of a gradient check: one row a parameter.

    Attributes
    ----------
    rows : list of dict
        ``"parameter"``, ``"shape"``, ``"checked"`` (entries measured),
        ``"relative error"`` and ``"verdict"``.
    against : str
        What the gradients were compared with.
    """

    rows: list[dict]
    against: str = "finite differences"

    @property
    def max_error(self) -> float:
        """The largest relative error of any parameter."""
        return max((row["relative error"] for row in self.rows), default=0.0)

    def passed(self, tolerance: float = 1e-6) -> bool:
        """Tell whether every parameter's relative error is below ``tolerance``."""
        return self.max_error < tolerance

    def to_frame(self):
        """Return the rows as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.rows)

    def __str__(self) -> str:
        head = f"{'parameter':<18}{'shape':<12}{'checked':>8}  {'rel. error':>10}  "
        lines = [f"Gradients compared with {self.against}:", head + "verdict"]
        for row in self.rows:
            lines.append(
                f"{row['parameter']:<18}{str(row['shape']):<12}{row['checked']:>8}  "
                f"{row['relative error']:>10.1e}  {row['verdict']}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        cells = "".join(
            "<tr>"
            f"<td>{row['parameter']}</td><td>{row['shape']}</td>"
            f"<td style='text-align:right'>{row['checked']}</td>"
            f"<td style='text-align:right'>{row['relative error']:.1e}</td>"
            f"<td>{'&#9989; ' if row['verdict'] == 'agrees' else '&#10060; '}"
            f"{row['verdict']}</td></tr>"
            for row in self.rows
        )
        return (
            f"<p>Gradients compared with {self.against}:</p>"
            "<table><tr><th>parameter</th><th>shape</th><th>entries checked</th>"
            f"<th>relative error</th><th>verdict</th></tr>{cells}</table>"
        )


def _names(params: Params) -> list[str]:
    names = []
    for index in range(len(params)):
        names += [f"layer {index + 1} weights", f"layer {index + 1} bias"]
    return names


def _check_pairs(name: str, value: object, like: Params | None = None) -> Params:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(layer, (list, tuple)) and len(layer) == 2 for layer in value
    ):
        raise TypeError(
            f"`{name}` must be a list of (weights, bias) pairs; received "
            f"{type(value).__name__}."
        )
    if like is not None:
        shapes = [np.shape(p) for layer in value for p in layer]
        expected = [np.shape(p) for layer in like for p in layer]
        if shapes != expected:
            raise ValueError(
                f"`{name}` must have the shapes of `params`, {expected}; "
                f"received {shapes}."
            )
    return [tuple(layer) for layer in value]


def compare_gradients(
    grads: Params, reference: Params, against: str = "the reference"
) -> GradientCheck:
    """Compare two gradient lists, parameter by parameter.

    Examples
    --------
    >>> g = [(np.ones((2, 2)), np.ones(2))]
    >>> compare_gradients(g, g).passed()
    True
    """
    reference = _check_pairs("reference", reference)
    grads = _check_pairs("grads", grads, reference)
    rows = []
    names = _names(reference)
    flat = [p for layer in grads for p in layer]
    flat_ref = [p for layer in reference for p in layer]
    for name, mine, theirs in zip(names, flat, flat_ref, strict=True):
        error = relative_error(mine, theirs)
        rows.append(
            {
                "parameter": name,
                "shape": tuple(np.shape(theirs)),
                "checked": int(np.size(theirs)),
                "relative error": error,
                "verdict": _verdict(error),
            }
        )
    return GradientCheck(rows, against)


def gradient_check(
    loss: Callable[[Params], float],
    params: Params,
    grads: Params,
    *,
    epsilon: float = 1e-6,
    max_entries: int | None = 30,
    seed: int = 0,
) -> GradientCheck:
    """Check a network's gradients against finite differences.

    Parameters
    ----------
    loss : callable
        ``loss(params)`` returns the loss (float64 sums, for precision).
    params : list of (weights, bias)
        The network; its entries are nudged and put back.
    grads : list of (grad_weights, grad_bias)
        What the backward pass gave, shaped like ``params``.
    epsilon : float, optional
        Size of the nudge. Defaults to 1e-6.
    max_entries : int or None, optional
        At most this many entries of each parameter are measured, chosen at
        random (all when None). Defaults to 30.
    seed : int, optional
        Seed of that choice. Defaults to 0.

    Returns
    -------
    GradientCheck
        One row a parameter; the relative error is over the entries
        measured.

    Examples
    --------
    >>> params = [(np.array([[2.0]]), np.array([1.0]))]
    >>> def loss(p):
    ...     return float((p[0][0] * 3.0 + p[0][1]).sum() ** 2)
    >>> grads = [(np.array([[42.0]]), np.array([14.0]))]
    >>> gradient_check(loss, params, grads).passed()
    True
    """
    params = _check_pairs("params", params)
    grads = _check_pairs("grads", grads, params)
    if not callable(loss):
        raise TypeError(f"`loss` must be a function of params; received {loss!r}.")
    rng = np.random.default_rng(seed)
    rows = []
    flat = [p for layer in params for p in layer]
    flat_grads = [g for layer in grads for g in layer]
    for name, array, grad in zip(_names(params), flat, flat_grads, strict=True):
        if not isinstance(array, np.ndarray) or array.dtype != np.float64:
            raise TypeError(
                f"Gradient checking needs float64 parameters; {name} is "
                f"{getattr(array, 'dtype', type(array).__name__)}."
            )
        every = list(np.ndindex(array.shape))
        if max_entries is not None and len(every) > max_entries:
            picked = rng.choice(len(every), size=max_entries, replace=False)
            every = [every[k] for k in sorted(picked)]
        measured = numerical_gradient(
            lambda: loss(params), array, epsilon=epsilon, indices=every
        )
        claimed = np.array([np.asarray(grad)[index] for index in every])
        error = relative_error(claimed, measured)
        rows.append(
            {
                "parameter": name,
                "shape": array.shape,
                "checked": len(every),
                "relative error": error,
                "verdict": _verdict(error),
            }
        )
    return GradientCheck(rows)


def tensorflow_gradients(
    x: np.ndarray,
    labels: np.ndarray,
    params: Params,
    activation: str = "relu",
) -> tuple[float, Params]:
    """Compute the loss and gradients of the numpy network with TensorFlow.

    The same network as :func:`helpers.backprop.loss_and_gradients` (dense
    layers, ``activation`` in the hidden layers, logits out, mean softmax
    cross-entropy), written with TensorFlow operations and differentiated
    by ``tf.GradientTape``. Imports TensorFlow (quietly) on first use.

    Returns
    -------
    loss : float
    grads : list of (grad_weights, grad_bias), float64 numpy arrays
    """
    from helpers.quiet import import_tensorflow

    tf = import_tensorflow()
    functions = {
        "relu": tf.nn.relu,
        "sigmoid": tf.sigmoid,
        "tanh": tf.tanh,
        "identity": tf.identity,
    }
    if activation not in functions:
        raise ValueError(
            f"`activation` must be one of {list(functions)}; received {activation!r}."
        )
    params = _check_pairs("params", params)
    variables = [
        (
            tf.Variable(np.asarray(w, dtype=np.float64)),
            tf.Variable(np.asarray(b, dtype=np.float64)),
        )
        for w, b in params
    ]
    a = tf.constant(np.asarray(x, dtype=np.float64))
    with tf.GradientTape() as tape:
        for index, (weights, bias) in enumerate(variables):
            z = a @ weights + bias
            a = z if index == len(variables) - 1 else functions[activation](z)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=np.asarray(labels, dtype=np.int64), logits=a
            )
        )
    flat = [v for layer in variables for v in layer]
    grads = [g.numpy() for g in tape.gradient(loss, flat)]
    return float(loss.numpy()), [
        (grads[k], grads[k + 1]) for k in range(0, len(grads), 2)
    ]
