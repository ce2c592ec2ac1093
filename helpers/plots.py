"""Plots shared by several notebooks: 2-D points and decision regions.

Every function takes an ``ax`` (a new figure is made when none is given)
and returns the artists it drew, so that widgets can update them in place
and tests can inspect them without a screen.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

CLASS_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")
"""Point colours by class: blue, orange, green, red, purple."""

REGION_COLOURS = ("#c6dbef", "#fdd0a2", "#c7e9c0", "#fcbba1", "#dadaeb")
"""Pale versions of :data:`CLASS_COLOURS` for shaded regions."""


def get_ax(ax: Axes | None = None, figsize: tuple[float, float] = (5, 4)) -> Axes:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _check_points(X: np.ndarray, y: np.ndarray | None) -> tuple[np.ndarray, ...]:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"`X` must have shape (n_samples, 2); received shape {X.shape}."
        )
    if y is None:
        return X, None
    y = np.asarray(y)
    if y.shape != (len(X),):
        raise ValueError(
            f"`y` must have shape ({len(X)},) to match `X`; received shape {y.shape}."
        )
    return X, y


def plot_points(
    X: np.ndarray,
    y: np.ndarray,
    ax: Axes | None = None,
    *,
    labels: tuple[str, ...] | None = None,
    size: float = 40,
) -> list:
    """Draw 2-D points coloured by class, with labelled axes and a legend.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples,)
        Class of each point, whole numbers from 0.
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made when omitted.
    labels : tuple of str, optional
        Legend names of the classes. Defaults to "class 0", "class 1", ...
    size : float, optional
        Marker size. Defaults to 40.

    Returns
    -------
    list of PathCollection
        One scatter artist a class, in class order.

    Examples
    --------
    >>> from helpers.data import logic_gate
    >>> X, y = logic_gate("AND")
    >>> artists = plot_points(X, y)
    >>> len(artists)
    2
    >>> plt.close("all")
    """
    X, y = _check_points(X, y)
    ax = get_ax(ax)
    classes = np.unique(y)
    artists = []
    for k in classes:
        mask = y == k
        name = labels[int(k)] if labels else f"class {int(k)}"
        artists.append(
            ax.scatter(
                X[mask, 0],
                X[mask, 1],
                s=size,
                color=CLASS_COLOURS[int(k) % len(CLASS_COLOURS)],
                edgecolors="black",
                linewidths=0.6,
                label=name,
                zorder=3,
            )
        )
    ax.set_xlabel("$x_1$ (first input)")
    ax.set_ylabel("$x_2$ (second input)")
    ax.legend(loc="best", fontsize="small", framealpha=0.9)
    return artists


def region_grid(
    X: np.ndarray, resolution: int = 150, margin: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Return a grid of points covering ``X`` plus a margin.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    resolution : int, optional
        Grid points along each axis. Defaults to 150.
    margin : float, optional
        How far the grid reaches beyond the points. Defaults to 0.5.

    Returns
    -------
    grid : ndarray of shape (resolution * resolution, 2)
        The points, row by row.
    extent : ndarray of shape (4,)
        ``(x1_min, x1_max, x2_min, x2_max)``, as ``imshow`` takes it.

    Examples
    --------
    >>> grid, extent = region_grid(np.array([[0.0, 0.0], [1.0, 1.0]]), 3, 0.0)
    >>> grid.shape, extent.tolist()
    ((9, 2), [0.0, 1.0, 0.0, 1.0])
    """
    X, _ = _check_points(X, None)
    if not isinstance(resolution, (int, np.integer)) or resolution < 2:
        raise ValueError(
            f"`resolution` must be a whole number, 2 or more; received {resolution!r}."
        )
    low = X.min(axis=0) - margin
    high = X.max(axis=0) + margin
    g1 = np.linspace(low[0], high[0], resolution)
    g2 = np.linspace(low[1], high[1], resolution)
    mesh1, mesh2 = np.meshgrid(g1, g2)
    grid = np.column_stack([mesh1.ravel(), mesh2.ravel()])
    return grid, np.array([low[0], high[0], low[1], high[1]])


def predict_regions(
    predict: Callable[[np.ndarray], np.ndarray], grid: np.ndarray, resolution: int
) -> np.ndarray:
    """Return the predicted class on every grid point, as a square image.

    ``predict`` maps an array of shape (n, 2) to classes of shape (n,), or
    to probabilities of shape (n,) (class 1 when above 0.5) or (n, k).
    """
    out = np.asarray(predict(grid))
    if out.ndim == 2 and out.shape[1] > 1:
        labels = out.argmax(axis=1)
    elif out.dtype.kind == "f" and out.size and np.all((out >= 0) & (out <= 1)):
        labels = (out.reshape(-1) > 0.5).astype(int)
    else:
        labels = out.reshape(-1).astype(int)
    if labels.size != resolution * resolution:
        raise ValueError(
            "`predict` must return one value a point; for "
            f"{resolution * resolution} points it returned shape {out.shape}."
        )
    return labels.reshape(resolution, resolution)


def plot_decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray | None = None,
    ax: Axes | None = None,
    *,
    resolution: int = 150,
    margin: float = 0.5,
    n_classes: int | None = None,
) -> dict:
    """Shade the plane by the class ``predict`` gives, and draw the points.

    Parameters
    ----------
    predict : callable
        Maps an array of shape (n, 2) to a class a row (shape (n,)), a
        probability of class 1 (shape (n,)), or probabilities (n, k).
    X : ndarray of shape (n_samples, 2)
        Points that set the plotted area, and are drawn when ``y`` is given.
    y : ndarray of shape (n_samples,), optional
        Classes of the points.
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made when omitted.
    resolution : int, optional
        Grid points along each axis. Defaults to 150.
    margin : float, optional
        How far the shaded area reaches beyond the points. Defaults to 0.5.
    n_classes : int, optional
        Number of classes, for the colours. Defaults to what ``y`` shows, or 2.

    Returns
    -------
    dict
        ``"regions"``: the AxesImage (update it with ``set_data``);
        ``"points"``: the scatter artists (empty without ``y``);
        ``"grid"``: the grid points, for computing new regions.

    Examples
    --------
    >>> from helpers.data import two_clouds
    >>> X, y = two_clouds(20)
    >>> drawn = plot_decision_regions(lambda p: p.sum(axis=1) > 0, X, y)
    >>> drawn["regions"].get_array().shape
    (150, 150)
    >>> plt.close("all")
    """
    X, y = _check_points(X, y)
    if not callable(predict):
        raise TypeError(f"`predict` must be a function; received {predict!r}.")
    ax = get_ax(ax)
    grid, extent = region_grid(X, resolution, margin)
    labels = predict_regions(predict, grid, resolution)
    if n_classes is None:
        n_classes = max(2, int(y.max()) + 1 if y is not None else 2)
    cmap = ListedColormap(REGION_COLOURS[:n_classes])
    image = ax.imshow(
        labels,
        origin="lower",
        extent=tuple(extent),
        cmap=cmap,
        vmin=-0.5,
        vmax=n_classes - 0.5,
        aspect="auto",
        interpolation="nearest",
        zorder=0,
    )
    points = plot_points(X, y, ax) if y is not None else []
    if y is None:
        ax.set_xlabel("$x_1$ (first input)")
        ax.set_ylabel("$x_2$ (second input)")
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    return {"regions": image, "points": points, "grid": grid}
