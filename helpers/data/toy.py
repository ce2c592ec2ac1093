"""Small two-dimensional data sets that show one idea each.

Classification sets return ``X`` of shape ``(n_samples, 2)``, float64, and
``y`` of shape ``(n_samples,)``, int64, with classes numbered from 0. The
regression curve returns ``X`` of shape ``(n_samples, 1)`` and a float64
``y``. The same ``seed`` always gives the same data.
"""

from __future__ import annotations

import numpy as np

_GATES = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "XOR": (0, 1, 1, 0),
}


def _check_count(n_samples: object, minimum: int = 2) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise TypeError(f"`n_samples` must be a whole number; received {n_samples!r}.")
    if n_samples < minimum:
        raise ValueError(
            f"`n_samples` must be at least {minimum}; received {n_samples}."
        )
    return int(n_samples)


def _check_noise(noise: float, name: str = "noise") -> float:
    if not isinstance(noise, (int, float, np.number)) or not noise >= 0:
        raise ValueError(f"`{name}` must be a number, 0 or more; received {noise!r}.")
    return float(noise)


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """Return the truth table of a logic gate as a data set.

    Parameters
    ----------
    name : {"AND", "OR", "NAND", "XOR"}
        The gate, in any case.

    Returns
    -------
    X : ndarray of shape (4, 2), float64
        The four input pairs (0, 0), (0, 1), (1, 0), (1, 1).
    y : ndarray of shape (4,), int64
        The gate's output for each pair, 0 or 1.

    Examples
    --------
    >>> X, y = logic_gate("xor")
    >>> X.tolist()
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> y.tolist()
    [0, 1, 1, 0]
    """
    key = str(name).upper()
    if key not in _GATES:
        raise ValueError(f"`name` must be one of {sorted(_GATES)}; received {name!r}.")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(_GATES[key], dtype=np.int64)


def two_clouds(
    n_samples: int = 100, spread: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return two round clouds of points that a straight line can separate.

    Class 0 is centred at (-1, -1) and class 1 at (1, 1). Points that the
    noise would carry across the line x1 + x2 = 0 are mirrored back, so the
    two classes are always separable by a straight line.

    Parameters
    ----------
    n_samples : int, optional
        Number of points, split evenly between the classes. Defaults to 100.
    spread : float, optional
        Standard deviation of each cloud. Defaults to 0.5.
    seed : int, optional
        Seed of the random generator. Defaults to 0.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = two_clouds(n_samples=6)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 0, 0, 1, 1, 1])
    >>> bool(np.all((X.sum(axis=1) > 0) == (y == 1)))
    True
    """
    n_samples = _check_count(n_samples)
    spread = _check_noise(spread, "spread")
    rng = np.random.default_rng(seed)
    n0 = n_samples // 2
    y = np.repeat([0, 1], [n0, n_samples - n0]).astype(np.int64)
    side = np.where(y == 0, -1.0, 1.0)
    X = side[:, None] + rng.normal(scale=spread, size=(n_samples, 2))
    # Mirror stray points across the line x1 + x2 = 0, with a small margin.
    margin = side * X.sum(axis=1)
    stray = margin < 0.1
    X[stray] += (side[stray] * (0.1 - margin[stray]))[:, None]
    return X, y


def moons(
    n_samples: int = 200, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return two interleaving half circles.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = moons(n_samples=10, seed=1)
    >>> X.shape, y.dtype.name, sorted(set(y.tolist()))
    ((10, 2), 'int64', [0, 1])
    """
    n_samples = _check_count(n_samples)
    noise = _check_noise(noise)
    rng = np.random.default_rng(seed)
    n0 = n_samples // 2
    n1 = n_samples - n0
    a0 = np.linspace(0, np.pi, n0)
    a1 = np.linspace(0, np.pi, n1)
    upper = np.column_stack([np.cos(a0), np.sin(a0)])
    lower = np.column_stack([1 - np.cos(a1), 0.5 - np.sin(a1)])
    X = np.vstack([upper, lower]) + rng.normal(scale=noise, size=(n_samples, 2))
    y = np.repeat([0, 1], [n0, n1]).astype(np.int64)
    return X, y


def circles(
    n_samples: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return a small circle (class 1) inside a large circle (class 0).

    Parameters
    ----------
    factor : float, optional
        Radius of the inner circle relative to the outer one, between 0
        and 1. Defaults to 0.5.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = circles(n_samples=8, noise=0.0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 2).tolist()
    [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5]
    """
    n_samples = _check_count(n_samples)
    noise = _check_noise(noise)
    if not isinstance(factor, (int, float)) or not 0 < factor < 1:
        raise ValueError(f"`factor` must be between 0 and 1; received {factor!r}.")
    rng = np.random.default_rng(seed)
    n0 = n_samples // 2
    n1 = n_samples - n0
    a0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    a1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.column_stack([np.cos(a0), np.sin(a0)])
    inner = factor * np.column_stack([np.cos(a1), np.sin(a1)])
    X = np.vstack([outer, inner]) + rng.normal(scale=noise, size=(n_samples, 2))
    y = np.repeat([0, 1], [n0, n1]).astype(np.int64)
    return X, y


def spirals(
    n_samples: int = 300, noise: float = 0.1, turns: float = 1.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return two spirals wound into each other: hard for a shallow net.

    Parameters
    ----------
    noise : float, optional
        Jitter of the points, relative to the arm's spacing. Defaults to 0.1.
    turns : float, optional
        How many times each arm winds around the centre. Defaults to 1.5.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
        Points within about [-1, 1] on each axis.
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = spirals(n_samples=20)
    >>> X.shape, int(y.sum())
    ((20, 2), 10)
    """
    n_samples = _check_count(n_samples)
    noise = _check_noise(noise)
    if not isinstance(turns, (int, float)) or not turns > 0:
        raise ValueError(f"`turns` must be greater than 0; received {turns!r}.")
    rng = np.random.default_rng(seed)
    n0 = n_samples // 2
    parts = []
    for label, count in ((0, n0), (1, n_samples - n0)):
        t = np.linspace(0.05, 1.0, count)
        angle = 2 * np.pi * turns * t + label * np.pi
        arm = np.column_stack([t * np.cos(angle), t * np.sin(angle)])
        parts.append(arm + rng.normal(scale=noise * 0.1, size=arm.shape))
    X = np.vstack(parts)
    y = np.repeat([0, 1], [n0, n_samples - n0]).astype(np.int64)
    return X, y


def noisy_curve(
    n_samples: int = 60, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return noisy samples of a smooth curve, for regression.

    The curve is ``sin(2 x) + 0.3 x`` on ``x`` in [-3, 3].

    Returns
    -------
    X : ndarray of shape (n_samples, 1), float64
        Sorted inputs.
    y : ndarray of shape (n_samples,), float64
        The curve plus Gaussian noise of standard deviation ``noise``.

    Examples
    --------
    >>> X, y = noisy_curve(n_samples=5, noise=0.0)
    >>> X.ravel().tolist()
    [-3.0, -1.5, 0.0, 1.5, 3.0]
    >>> round(float(y[2]), 6)
    0.0
    """
    n_samples = _check_count(n_samples)
    noise = _check_noise(noise)
    rng = np.random.default_rng(seed)
    x = np.linspace(-3.0, 3.0, n_samples)
    y = np.sin(2 * x) + 0.3 * x + rng.normal(scale=noise, size=n_samples)
    return x[:, None], y


TOY_DATASETS = ("AND", "OR", "NAND", "XOR", "clouds", "moons", "circles", "spirals")
"""The names :func:`toy_dataset` takes, in the order menus show them."""


def toy_dataset(name: str, seed: int = 0, **options) -> tuple[np.ndarray, np.ndarray]:
    """Return a classification toy set by name, for menus and widgets.

    Parameters
    ----------
    name : str
        One of :data:`TOY_DATASETS` (any case). The logic gates ignore
        ``seed`` and ``options``.
    seed : int, optional
        Seed for the sets that are random. Defaults to 0.
    **options
        Passed on to the set's function (``n_samples``, ``noise`` ...).

    Examples
    --------
    >>> X, y = toy_dataset("moons", n_samples=50)
    >>> X.shape
    (50, 2)
    """
    key = str(name).lower()
    if key.upper() in _GATES:
        return logic_gate(key)
    makers = {
        "clouds": two_clouds,
        "moons": moons,
        "circles": circles,
        "spirals": spirals,
    }
    if key not in makers:
        raise ValueError(
            f"`name` must be one of {list(TOY_DATASETS)}; received {name!r}."
        )
    return makers[key](seed=seed, **options)
