"""Loss surfaces and a gradient-descent path simulator, for notebook 03.

Three layers, as everywhere in the course. The pure part computes paths:
:func:`gradient_descent` walks downhill on a :class:`Surface` (plain, with
momentum, with a decaying learning rate, with noisy gradients), and
:func:`minibatch_descent` fits a line with mini-batches. :func:`describe_run`
puts the outcome in words (slow, reached the minimum, zig-zagging,
diverged). The plotting part draws curves, contours and paths and returns
the artists, so :mod:`helpers.descent_widgets` can update them in place.

A run that blows up is a normal outcome here, not an error: the simulator
stops at the first step whose point leaves a wide escape box or whose loss
overflows, and reports the step as :attr:`DescentPath.diverged_at`.

Examples
--------
>>> path = gradient_descent("parabola", start=-2.0, learning_rate=0.1, steps=30)
>>> round(float(path.points[-1, 0]), 3)
1.995
>>> describe_run(path, "parabola").verdict
'converged'
>>> describe_run(gradient_descent("parabola", -2.0, 1.2, 30), "parabola").message
'diverged after 8 steps: the learning rate is too large'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

__all__ = [
    "SCHEDULES",
    "SURFACES",
    "DescentPath",
    "RunSummary",
    "Surface",
    "describe_run",
    "get_surface",
    "gradient_descent",
    "learning_rate_at",
    "line_data",
    "line_gradient",
    "line_loss",
    "line_surface",
    "loss_grid",
    "minibatch_descent",
    "plot_contours",
    "plot_loss_curve",
    "plot_path",
    "update_path",
]

SCHEDULES = ("constant", "step", "exponential")
"""Learning-rate schedules understood by :func:`learning_rate_at`."""

PATH_COLOURS = {
    "constant": "#d62728",
    "step": "#1f77b4",
    "exponential": "#2ca02c",
}
"""Colours of the three schedules' paths, shared by the widgets."""


@dataclass(frozen=True)
class Surface:
    """A loss surface: a loss, its gradient, a view and its minima.

    Parameters
    ----------
    name : str
        Short key, for example ``"bowl"``.
    title : str
        A few words for plot titles.
    formula : str
        The loss in LaTeX (without dollar signs).
    loss : callable
        Maps points of shape (..., d) to losses of shape (...).
    gradient : callable
        Maps points of shape (..., d) to gradients of shape (..., d).
    bounds : tuple of (low, high)
        The view, one pair a dimension (d = 1 or 2).
    start : tuple of float
        A starting point that shows the surface well.
    minima : ndarray of shape (k, d)
        Where the minima are, lowest loss first.
    minimum_names : tuple of str
        One name a minimum, for the run summary.
    caption : str
        The loss in plain text (Unicode), for plot labels: plain text
        draws much faster than LaTeX, which matters in widgets.
    """

    name: str
    title: str
    formula: str
    loss: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    bounds: tuple[tuple[float, float], ...]
    start: tuple[float, ...]
    minima: np.ndarray = field(repr=False)
    minimum_names: tuple[str, ...] = ("the minimum",)
    caption: str = ""

    @property
    def dimension(self) -> int:
        """Number of weights: 1 for a curve, 2 for a surface."""
        return len(self.bounds)

    @property
    def span(self) -> float:
        """The length of the view's diagonal."""
        sizes = np.array([high - low for low, high in self.bounds])
        return float(np.sqrt((sizes**2).sum()))

    @property
    def minimum_losses(self) -> np.ndarray:
        """The loss at each minimum."""
        return np.asarray(self.loss(self.minima), dtype=float)


# The parabola: L(w) = (w - 2)^2. Steps shrink the distance to the minimum by
# |1 - 2 * learning_rate|: slow below 0.1, in one step at 0.5, zig-zagging
# between 0.5 and 1, diverging above 1.


def _parabola_loss(w: np.ndarray) -> np.ndarray:
    return (w[..., 0] - 2.0) ** 2


def _parabola_gradient(w: np.ndarray) -> np.ndarray:
    return 2.0 * (w - 2.0)


# The bowl: L = (w1 - 1)^2 + 5 (w2 - 0.5)^2, ten times steeper across than
# along; stable below a learning rate of 0.2, zig-zagging from 0.1.
_BOWL_CENTRE = np.array([1.0, 0.5])
_BOWL_CURVATURE = np.array([1.0, 5.0])


def _bowl_loss(w: np.ndarray) -> np.ndarray:
    return ((w - _BOWL_CENTRE) ** 2 * _BOWL_CURVATURE).sum(axis=-1)


def _bowl_gradient(w: np.ndarray) -> np.ndarray:
    return 2.0 * _BOWL_CURVATURE * (w - _BOWL_CENTRE)


# Hills and valleys: a wide gentle bowl with three Gaussian dips of different
# depths, so where gradient descent ends depends on where it starts.
_DIP_CENTRES = np.array([[2.0, 1.5], [-2.0, -1.0], [1.2, -2.3]])
_DIP_DEPTHS = np.array([2.0, 1.3, 1.0])
_DIP_WIDTHS = np.array([1.0, 0.9, 0.6])
_HILLS_CURVATURE = 0.06


def _dips(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each dip's Gaussian value (..., 3) and offsets (..., 3, 2)."""
    offsets = w[..., None, :] - _DIP_CENTRES
    gauss = np.exp(-(offsets**2).sum(axis=-1) / (2 * _DIP_WIDTHS**2))
    return gauss, offsets


def _hills_loss(w: np.ndarray) -> np.ndarray:
    gauss, _ = _dips(w)
    return _HILLS_CURVATURE * (w**2).sum(axis=-1) - (_DIP_DEPTHS * gauss).sum(-1)


def _hills_gradient(w: np.ndarray) -> np.ndarray:
    gauss, offsets = _dips(w)
    weight = _DIP_DEPTHS * gauss / _DIP_WIDTHS**2
    return 2 * _HILLS_CURVATURE * w + (weight[..., None] * offsets).sum(axis=-2)


def _settle(gradient: Callable, start: np.ndarray, steps: int = 4000) -> np.ndarray:
    """Find the minimum near ``start`` with many small plain steps."""
    point = np.array(start, dtype=float)
    for _ in range(steps):
        point = point - 0.05 * gradient(point)
    return point


def _hills_minima() -> np.ndarray:
    found = np.array([_settle(_hills_gradient, centre) for centre in _DIP_CENTRES])
    return found[np.argsort(_hills_loss(found))]


def _make_surfaces() -> dict[str, Surface]:
    hills = _hills_minima()
    return {
        "parabola": Surface(
            name="parabola",
            title="a parabola",
            formula=r"L(w) = (w - 2)^2",
            loss=_parabola_loss,
            gradient=_parabola_gradient,
            bounds=((-3.0, 7.0),),
            start=(-2.0,),
            minima=np.array([[2.0]]),
            caption="L(w) = (w − 2)²",
        ),
        "bowl": Surface(
            name="bowl",
            title="a long bowl",
            formula=r"L(w_1, w_2) = (w_1 - 1)^2 + 5\,(w_2 - 0.5)^2",
            loss=_bowl_loss,
            gradient=_bowl_gradient,
            bounds=((-4.0, 4.0), (-3.0, 3.0)),
            start=(-3.5, 2.5),
            minima=_BOWL_CENTRE[None, :].copy(),
            caption="L(w₁, w₂) = (w₁ − 1)² + 5 (w₂ − 0.5)²",
        ),
        "hills": Surface(
            name="hills",
            title="hills and valleys",
            formula=r"L(w_1, w_2) = \text{a bowl with three dips}",
            loss=_hills_loss,
            gradient=_hills_gradient,
            bounds=((-4.0, 4.0), (-4.0, 4.0)),
            start=(-3.0, 2.0),
            minima=hills,
            minimum_names=(
                "the deepest (global) minimum",
                "a local minimum",
                "a shallow local minimum",
            ),
            caption="hills and valleys",
        ),
    }


SURFACES: dict[str, Surface] = _make_surfaces()
"""The built-in surfaces: ``"parabola"`` (1-D), ``"bowl"`` and ``"hills"``."""


def get_surface(surface: str | Surface) -> Surface:
    """Return a :class:`Surface` given one or its name.

    Examples
    --------
    >>> get_surface("bowl").dimension
    2
    """
    if isinstance(surface, Surface):
        return surface
    if isinstance(surface, str) and surface in SURFACES:
        return SURFACES[surface]
    raise ValueError(
        f"`surface` must be one of {sorted(SURFACES)} or a Surface; "
        f"received {surface!r}."
    )


def learning_rate_at(
    step: int,
    learning_rate: float,
    schedule: str = "constant",
    *,
    decay_rate: float = 0.5,
    decay_every: int = 10,
) -> float:
    """Return the learning rate used at step number ``step`` (counted from 0).

    Parameters
    ----------
    step : int
        The step, from 0.
    learning_rate : float
        The rate at step 0.
    schedule : {"constant", "step", "exponential"}, optional
        ``"constant"`` keeps it; ``"step"`` multiplies it by ``decay_rate``
        once every ``decay_every`` steps (a staircase); ``"exponential"``
        shrinks it a little every step, by the same factor over
        ``decay_every`` steps (a smooth curve). Defaults to ``"constant"``.
    decay_rate : float, optional
        Factor kept over ``decay_every`` steps, between 0 and 1.
        Defaults to 0.5 (halve).
    decay_every : int, optional
        Steps over which the rate is multiplied by ``decay_rate``.
        Defaults to 10.

    Returns
    -------
    float

    Examples
    --------
    >>> [learning_rate_at(s, 0.4, "step", decay_every=2) for s in range(5)]
    [0.4, 0.4, 0.2, 0.2, 0.1]
    >>> round(learning_rate_at(1, 0.4, "exponential", decay_every=2), 4)
    0.2828
    """
    if schedule not in SCHEDULES:
        raise ValueError(
            f"`schedule` must be one of {list(SCHEDULES)}; received {schedule!r}."
        )
    if not 0 < decay_rate <= 1:
        raise ValueError(
            f"`decay_rate` must be in (0, 1]; received decay_rate={decay_rate!r}."
        )
    if int(decay_every) != decay_every or decay_every < 1:
        raise ValueError(
            "`decay_every` must be a whole number, 1 or more; "
            f"received {decay_every!r}."
        )
    if schedule == "constant":
        return float(learning_rate)
    if schedule == "step":
        return float(learning_rate * decay_rate ** (step // decay_every))
    return float(learning_rate * decay_rate ** (step / decay_every))


@dataclass
class DescentPath:
    """The path of one gradient-descent run.

    Attributes
    ----------
    points : ndarray of shape (n + 1, d)
        The weights before the first step and after each step taken.
    losses : ndarray of shape (n + 1,)
        The loss at each point.
    learning_rates : ndarray of shape (n,)
        The learning rate of each step taken.
    steps : int
        The number of steps asked for.
    diverged_at : int or None
        The step after which the run was stopped because it blew up
        (left the escape box or overflowed), or None.
    examples_seen : ndarray of shape (n + 1,) or None
        For mini-batch runs: examples used up to each point.
    momentum : float
        The momentum the run used.
    escaped : ndarray of shape (d + 1,) or None
        The weights and the loss of the step that left the escape box,
        which is not in ``points``: :func:`plot_path` draws the line to it,
        so a diverging run shows its last step leaving the picture. None
        when no step left the box (or the loss overflowed).
    """

    points: np.ndarray
    losses: np.ndarray
    learning_rates: np.ndarray
    steps: int
    diverged_at: int | None = None
    examples_seen: np.ndarray | None = None
    momentum: float = 0.0
    escaped: np.ndarray | None = None

    @property
    def diverged(self) -> bool:
        """True when the run was stopped because it blew up."""
        return self.diverged_at is not None

    @property
    def steps_taken(self) -> int:
        """Steps actually taken (fewer than :attr:`steps` if it diverged)."""
        return len(self.points) - 1


def _check_number(name: str, value, low=None, high=None, *, integer=False):
    """Validate a number argument; return it as float or int."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"`{name}` must be a number; received {value!r}.")
    if integer and int(value) != value:
        raise ValueError(f"`{name}` must be a whole number; received {value!r}.")
    if not np.isfinite(value):
        raise ValueError(f"`{name}` must be a finite number; received {value!r}.")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"`{name}` must be {span}; received {name}={value!r}.")
    return int(value) if integer else float(value)


def _escape_box(bounds: Sequence[tuple[float, float]], factor: float) -> np.ndarray:
    """Return (d, 2) limits ``factor`` view sizes beyond the view."""
    box = np.array(bounds, dtype=float)
    size = box[:, 1] - box[:, 0]
    return np.column_stack([box[:, 0] - factor * size, box[:, 1] + factor * size])


def gradient_descent(
    surface: str | Surface,
    start: float | Sequence[float] | None = None,
    learning_rate: float = 0.1,
    steps: int = 30,
    *,
    momentum: float = 0.0,
    schedule: str = "constant",
    decay_rate: float = 0.5,
    decay_every: int = 10,
    gradient_noise: float = 0.0,
    seed: int = 0,
    escape: float = 5.0,
) -> DescentPath:
    """Run gradient descent on a surface and return the path.

    Each step moves the weights against the gradient:
    ``velocity = momentum * velocity - learning_rate * gradient`` and
    ``weights = weights + velocity`` (with ``momentum=0`` this is the plain
    step ``weights - learning_rate * gradient``).

    Parameters
    ----------
    surface : str or Surface
        ``"parabola"``, ``"bowl"``, ``"hills"``, or a :class:`Surface`.
    start : float or sequence of float, optional
        Starting weights (one number a dimension). Defaults to the
        surface's own starting point.
    learning_rate : float, optional
        The step size, more than 0. Defaults to 0.1.
    steps : int, optional
        How many steps to take, 0 or more. Defaults to 30.
    momentum : float, optional
        How much of the previous step is kept, from 0 (plain gradient
        descent) to below 1. Defaults to 0.
    schedule : {"constant", "step", "exponential"}, optional
        How the learning rate changes; see :func:`learning_rate_at`.
    decay_rate, decay_every : optional
        Passed to :func:`learning_rate_at`.
    gradient_noise : float, optional
        Standard deviation of random noise added to each gradient, to mimic
        the noisy gradients of small mini-batches. Defaults to 0.
    seed : int, optional
        Seed of the noise. Defaults to 0.
    escape : float, optional
        The run stops as diverged once a point is more than ``escape`` view
        sizes outside the view, or its loss is not finite. Defaults to 5.

    Returns
    -------
    DescentPath

    Raises
    ------
    ValueError, TypeError
        For arguments out of range or of the wrong kind.

    Examples
    --------
    >>> path = gradient_descent("bowl", learning_rate=0.05, steps=10)
    >>> path.points.shape, path.diverged
    ((11, 2), False)
    """
    surface = get_surface(surface)
    d = surface.dimension
    learning_rate = _check_number("learning_rate", learning_rate, 0)
    if learning_rate == 0:
        raise ValueError("`learning_rate` must be more than 0; received 0.")
    steps = _check_number("steps", steps, 0, integer=True)
    momentum = _check_number("momentum", momentum, 0, 0.999)
    gradient_noise = _check_number("gradient_noise", gradient_noise, 0)
    if start is None:
        start = surface.start
    point = np.atleast_1d(np.asarray(start, dtype=float))
    if point.shape != (d,) or not np.all(np.isfinite(point)):
        raise ValueError(
            f"`start` must be {d} finite number(s) for the {surface.name} surface; "
            f"received {start!r}."
        )
    rates = [
        learning_rate_at(
            s, learning_rate, schedule, decay_rate=decay_rate, decay_every=decay_every
        )
        for s in range(steps)
    ]
    box = _escape_box(surface.bounds, escape)
    rng = np.random.default_rng(seed)
    points = [point.copy()]
    losses = [float(surface.loss(point))]
    velocity = np.zeros(d)
    diverged_at = None
    escaped = None
    with np.errstate(over="ignore", invalid="ignore"):
        for step, rate in enumerate(rates, start=1):
            gradient = surface.gradient(point)
            if gradient_noise:
                gradient = gradient + rng.normal(0.0, gradient_noise, size=d)
            velocity = momentum * velocity - rate * gradient
            point = point + velocity
            loss = float(surface.loss(point))
            outside = np.any(point < box[:, 0]) or np.any(point > box[:, 1])
            if outside or not np.isfinite(loss) or not np.all(np.isfinite(point)):
                diverged_at = step
                if np.isfinite(loss) and np.all(np.isfinite(point)):
                    escaped = np.append(point, loss)
                break
            points.append(point.copy())
            losses.append(loss)
    taken = len(points) - 1
    return DescentPath(
        points=np.array(points),
        losses=np.array(losses),
        learning_rates=np.array(rates[:taken]),
        steps=steps,
        diverged_at=diverged_at,
        momentum=momentum,
        escaped=escaped,
    )


@dataclass(frozen=True)
class RunSummary:
    """What happened in a run, in words.

    Attributes
    ----------
    verdict : str
        ``"diverged"`` (blew up), ``"growing"`` (the loss rose),
        ``"converged"``, ``"zigzag"`` (zig-zagging, reached or not),
        ``"bouncing"`` (not settling: too large a step), ``"rolling"``
        (momentum still carries it) or ``"slow"``.
    message : str
        One line for a plot title, such as
        ``"diverged after 7 steps: the learning rate is too large"``.
    reached_step : int or None
        The first step within ``tolerance`` of a minimum, or None.
    minimum : int or None
        Index of the minimum reached (0 is the lowest), or None.
    """

    verdict: str
    message: str
    reached_step: int | None = None
    minimum: int | None = None


def _zigzag_share(points: np.ndarray) -> float:
    """Return the share of turns where a step reverses the previous one."""
    moves = np.diff(points, axis=0)
    if len(moves) < 2:
        return 0.0
    dots = (moves[1:] * moves[:-1]).sum(axis=1)
    return float(np.mean(dots < 0))


def describe_run(
    path: DescentPath, surface: str | Surface, tolerance: float | None = None
) -> RunSummary:
    """Say in one line what a gradient-descent run did.

    Parameters
    ----------
    path : DescentPath
        The run, from :func:`gradient_descent`.
    surface : str or Surface
        The surface it ran on (for its minima).
    tolerance : float, optional
        How close to a minimum counts as reached. Defaults to 0.5 % of the
        view's diagonal.

    Returns
    -------
    RunSummary

    Examples
    --------
    >>> slow = gradient_descent("parabola", -2.0, 0.005, 30)
    >>> describe_run(slow, "parabola").message
    'still 3 from the minimum after 30 steps: the learning rate is too small'
    """
    surface = get_surface(surface)
    if not isinstance(path, DescentPath):
        raise TypeError(f"`path` must be a DescentPath; received {path!r}.")
    if tolerance is None:
        tolerance = 0.005 * surface.span
    if path.diverged:
        n = path.diverged_at
        return RunSummary(
            "diverged",
            f"diverged after {n} step{'s' * (n != 1)}: the learning rate is too large",
        )
    points, losses = path.points, path.losses
    distances = np.linalg.norm(points[:, None, :] - surface.minima[None], axis=2)
    nearest = distances.argmin(axis=1)
    close = distances.min(axis=1) <= tolerance
    n = path.steps_taken
    if n >= 2 and losses[-1] > losses[0] and not close[-1]:
        return RunSummary(
            "growing",
            f"the loss grew from {losses[0]:.3g} to {losses[-1]:.3g} in {n} steps: "
            "the learning rate is too large",
        )
    if close[-1]:
        # Reached for good: the first step from which it stays close.
        far = np.flatnonzero(~close)
        first = int(far[-1] + 1) if far.size else 0
        which = int(nearest[-1])
        name = surface.minimum_names[which]
        zigzag = _zigzag_share(points[: first + 1]) > 0.6 and first >= 4
        if zigzag:
            return RunSummary(
                "zigzag",
                f"reached {name} in {first} steps, zig-zagging: "
                "the learning rate is near its limit",
                first,
                which,
            )
        return RunSummary(
            "converged",
            f"reached {name} in {first} step{'s' * (first != 1)}",
            first,
            which,
        )
    gap = float(distances.min(axis=1)[-1])
    where = "the nearest minimum" if len(surface.minima) > 1 else "the minimum"
    still = f"still {gap:.2g} from {where} after {n} steps"
    rises = float(np.mean(np.diff(losses) > 0)) if n else 0.0
    if n >= 4 and rises > 0.3 and path.momentum == 0:
        return RunSummary(
            "bouncing",
            f"{still}, bouncing around: the learning rate is too large",
        )
    if n >= 4 and _zigzag_share(points) > 0.6 and path.momentum == 0:
        return RunSummary(
            "zigzag",
            f"{still}, zig-zagging: the learning rate is near its limit",
        )
    if n >= 4 and rises > 0.2:
        return RunSummary(
            "rolling",
            f"{still}: momentum still carries it around; take more steps",
        )
    rates = path.learning_rates
    if n and rates[-1] < 0.2 * rates[0]:
        cause = "the learning rate decayed too soon"
    elif n < 10:
        cause = "take more steps or a larger learning rate"
    else:
        cause = "the learning rate is too small"
    return RunSummary("slow", f"{still}: {cause}")


def loss_grid(
    surface: str | Surface, resolution: int = 120
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the loss of a 2-D surface on a grid over its view.

    Returns
    -------
    w1, w2, losses : ndarray of shape (resolution, resolution)
        Mesh coordinates and the loss there, as ``contour`` takes them.

    Examples
    --------
    >>> w1, w2, losses = loss_grid("bowl", 5)
    >>> losses.shape, float(losses.min()) >= 0
    ((5, 5), True)
    """
    surface = get_surface(surface)
    if surface.dimension != 2:
        raise ValueError(
            f"`surface` must be 2-D for a loss grid; {surface.name!r} is "
            f"{surface.dimension}-D."
        )
    (x0, x1), (y0, y1) = surface.bounds
    w1, w2 = np.meshgrid(
        np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    )
    losses = surface.loss(np.stack([w1, w2], axis=-1))
    return w1, w2, losses


def plot_loss_curve(
    surface: str | Surface = "parabola", ax: Axes | None = None
) -> dict:
    """Draw the loss of a 1-D surface against its weight.

    Returns
    -------
    dict
        ``"curve"``: the Line2D; ``"minimum"``: the marker of the minimum.

    Examples
    --------
    >>> drawn = plot_loss_curve("parabola")
    >>> drawn["curve"].get_xdata().shape
    (400,)
    >>> plt.close("all")
    """
    surface = get_surface(surface)
    if surface.dimension != 1:
        raise ValueError(
            f"`surface` must be 1-D for a loss curve; {surface.name!r} is 2-D."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    low, high = surface.bounds[0]
    w = np.linspace(low, high, 400)
    losses = surface.loss(w[:, None])
    (curve,) = ax.plot(
        w, losses, color="0.3", lw=2, label=surface.caption or f"${surface.formula}$"
    )
    minimum = ax.plot(
        surface.minima[:, 0],
        surface.minimum_losses,
        marker="*",
        ms=14,
        color="gold",
        markeredgecolor="black",
        ls="none",
        label="minimum",
        zorder=4,
    )[0]
    ax.set_xlim(low, high)
    top = float(losses.max())
    ax.set_ylim(float(losses.min()) - 0.05 * top, 1.05 * top)
    ax.set_xlabel("weight w")
    ax.set_ylabel("loss L(w)")
    return {"curve": curve, "minimum": minimum}


def plot_contours(
    surface: str | Surface = "bowl",
    ax: Axes | None = None,
    *,
    levels: int | Sequence[float] = 14,
    resolution: int = 120,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> dict:
    """Draw a 2-D loss surface as filled contours, seen from above.

    Parameters
    ----------
    surface : str or Surface
        A 2-D surface.
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made when omitted.
    levels : int or sequence of float, optional
        Contour levels. Defaults to 14.
    resolution : int, optional
        Grid points along each axis. Defaults to 120.
    grid : tuple of three arrays, optional
        A precomputed ``(w1, w2, losses)`` grid (for example of a surface
        that is not a :class:`Surface`); the view is taken from it.

    Returns
    -------
    dict
        ``"contours"``: the filled contour set; ``"minima"``: the markers.

    Examples
    --------
    >>> drawn = plot_contours("hills")
    >>> len(drawn["minima"].get_xdata())
    3
    >>> plt.close("all")
    """
    surface = get_surface(surface)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    w1, w2, losses = grid if grid is not None else loss_grid(surface, resolution)
    if isinstance(levels, int):
        # Levels spaced on the square root of the loss look even to the eye.
        low, high = float(losses.min()), float(losses.max())
        levels = low + (high - low) * np.linspace(0, 1, levels) ** 2
    contours = ax.contourf(w1, w2, losses, levels=levels, cmap="Blues_r", alpha=0.9)
    ax.contour(w1, w2, losses, levels=contours.levels, colors="white", linewidths=0.4)
    (minima,) = ax.plot(
        surface.minima[:, 0],
        surface.minima[:, 1],
        marker="*",
        ms=14,
        color="gold",
        markeredgecolor="black",
        ls="none",
        label="minimum",
        zorder=4,
    )
    ax.set_xlim(w1.min(), w1.max())
    ax.set_ylim(w2.min(), w2.max())
    ax.set_autoscale_on(False)
    ax.set_xlabel("weight w₁")
    ax.set_ylabel("weight w₂")
    ax.set_aspect("auto")
    return {"contours": contours, "minima": minima}


def _path_xy(path: DescentPath, surface: Surface | None) -> tuple[np.ndarray, ...]:
    """Return what to draw: (w, loss) on a curve, (w1, w2) on a surface.

    Either is the first two columns of (weights..., loss). The step that
    left the escape box, if any, comes last.
    """
    rows = np.column_stack([path.points, path.losses])
    if path.escaped is not None:
        rows = np.vstack([rows, path.escaped])
    return rows[:, 0], rows[:, 1]


def plot_path(
    path: DescentPath,
    ax: Axes | None = None,
    *,
    colour: str = "#d62728",
    label: str = "gradient descent",
    markers: bool = True,
) -> dict:
    """Draw the path of a run: dots joined by lines, from a square start.

    On a 1-D curve the dots sit on the curve at ``(w, L(w))``; on a 2-D
    surface they are the weights ``(w1, w2)``. Points outside the axes are
    clipped by the axes, which keep their limits.

    Returns
    -------
    dict
        ``"line"``: the Line2D of the path; ``"start"``: the start marker;
        ``"end"``: the marker of the last point.

    Examples
    --------
    >>> path = gradient_descent("parabola", learning_rate=0.3, steps=5)
    >>> drawn = plot_path(path)
    >>> len(drawn["line"].get_xdata())
    6
    >>> plt.close("all")
    """
    if not isinstance(path, DescentPath):
        raise TypeError(f"`path` must be a DescentPath; received {path!r}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    x, y = _path_xy(path, None)
    (line,) = ax.plot(
        x,
        y,
        color=colour,
        lw=1.6,
        marker="o" if markers else None,
        ms=3.5,
        label=label,
        zorder=5,
    )
    (start,) = ax.plot(
        x[:1],
        y[:1],
        marker="s",
        ms=9,
        color=colour,
        markeredgecolor="black",
        ls="none",
        zorder=6,
    )
    (end,) = ax.plot(
        x[-1:],
        y[-1:],
        marker="o",
        ms=8,
        color="white",
        markeredgecolor=colour,
        markeredgewidth=2,
        ls="none",
        zorder=6,
    )
    return {"line": line, "start": start, "end": end}


def update_path(drawn: dict, path: DescentPath) -> None:
    """Move the artists of :func:`plot_path` to show another run."""
    x, y = _path_xy(path, None)
    drawn["line"].set_data(x, y)
    drawn["start"].set_data(x[:1], y[:1])
    drawn["end"].set_data(x[-1:], y[-1:])


# Mini-batch gradient descent on a line fit: y is about slope * x + intercept.
# The mean squared error over (w, b) is a bowl whose minimum is the
# least-squares line.


def line_data(
    n_samples: int = 200,
    *,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Return points scattered around a straight line.

    Parameters
    ----------
    n_samples : int, optional
        Number of points, 2 or more. Defaults to 200.
    slope, intercept : float, optional
        The true line ``y = slope * x + intercept``. Defaults to 2 and 1.
    noise : float, optional
        Standard deviation of the scatter. Defaults to 0.5.
    seed : int, optional
        Defaults to 0.

    Returns
    -------
    x, y : ndarray of shape (n_samples,), float64
        ``x`` is spread evenly at random over [0, 2].

    Examples
    --------
    >>> x, y = line_data(50)
    >>> x.shape, bool(0 <= x.min() and x.max() <= 2)
    ((50,), True)
    """
    n_samples = _check_number("n_samples", n_samples, 2, integer=True)
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 2.0, n_samples)
    y = slope * x + intercept + rng.normal(0.0, noise, n_samples)
    return x, y


def line_loss(weights: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return the mean squared error of the lines ``w * x + b``.

    ``weights`` has shape (..., 2) holding ``(w, b)``; the result has
    shape (...).

    Examples
    --------
    >>> float(line_loss(np.array([2.0, 1.0]), np.array([0.0, 1.0]),
    ...                 np.array([1.0, 3.0])))
    0.0
    """
    weights = np.asarray(weights, dtype=float)
    errors = weights[..., :1] * x + weights[..., 1:] - y
    return (errors**2).mean(axis=-1)


def line_gradient(weights: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Return the gradient of :func:`line_loss` with respect to ``(w, b)``."""
    weights = np.asarray(weights, dtype=float)
    errors = weights[..., :1] * x + weights[..., 1:] - y
    return np.stack([2 * (errors * x).mean(axis=-1), 2 * errors.mean(axis=-1)], axis=-1)


def line_surface(
    x: np.ndarray, y: np.ndarray, bounds=((-1.0, 4.0), (-2.0, 4.0))
) -> Surface:
    """Return the line-fit loss over ``(w, b)`` as a :class:`Surface`.

    Its one minimum is the least-squares line of ``x`` and ``y``.

    Examples
    --------
    >>> x, y = line_data()
    >>> surface = line_surface(x, y)
    >>> np.round(surface.minima[0], 1).tolist()
    [1.9, 1.0]
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
        raise ValueError(
            "`x` and `y` must be 1-D arrays of the same length (2 or more); "
            f"received shapes {np.shape(x)} and {np.shape(y)}."
        )
    design = np.column_stack([x, np.ones_like(x)])
    best = np.linalg.lstsq(design, y, rcond=None)[0]
    return Surface(
        name="line fit",
        title="fitting a line",
        formula=r"L(w, b) = \frac{1}{n}\sum_i (w x_i + b - y_i)^2",
        loss=lambda weights: line_loss(weights, x, y),
        gradient=lambda weights: line_gradient(weights, x, y),
        bounds=tuple(bounds),
        start=(-0.5, -1.5),
        minima=best[None, :],
        minimum_names=("the best line",),
        caption="L(w, b) = mean of (w x + b − y)²",
    )


def minibatch_descent(
    x: np.ndarray,
    y: np.ndarray,
    batch_size: int,
    learning_rate: float = 0.1,
    epochs: int = 3,
    *,
    start: Sequence[float] = (-0.5, -1.5),
    seed: int = 0,
    escape_bounds=((-1.0, 4.0), (-2.0, 4.0)),
) -> DescentPath:
    """Fit ``y ~ w * x + b`` by mini-batch gradient descent; return the path.

    Each epoch shuffles the data and cuts it into batches of
    ``batch_size``; each batch gives one step, using the gradient of the
    loss on that batch only. ``batch_size=1`` is stochastic gradient
    descent, ``batch_size=len(x)`` is full-batch gradient descent.

    Parameters
    ----------
    x, y : ndarray of shape (n,)
        The data, for example from :func:`line_data`.
    batch_size : int
        Examples a step, from 1 to ``len(x)``.
    learning_rate : float, optional
        Defaults to 0.1.
    epochs : int, optional
        Passes over the data, 1 or more. Defaults to 3.
    start : pair of float, optional
        Starting ``(w, b)``. Defaults to (-0.5, -1.5).
    seed : int, optional
        Seed of the shuffling. Defaults to 0.
    escape_bounds : optional
        The view; the run stops as diverged far outside it.

    Returns
    -------
    DescentPath
        ``losses`` are on the whole data set (what we care about), and
        ``examples_seen`` counts the examples used up to each point.

    Examples
    --------
    >>> x, y = line_data(100)
    >>> path = minibatch_descent(x, y, batch_size=10, epochs=2)
    >>> path.points.shape, int(path.examples_seen[-1])
    ((21, 2), 200)
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    batch_size = _check_number("batch_size", batch_size, 1, n, integer=True)
    learning_rate = _check_number("learning_rate", learning_rate, 0)
    epochs = _check_number("epochs", epochs, 1, integer=True)
    rng = np.random.default_rng(seed)
    box = _escape_box(escape_bounds, 20.0)
    point = np.array(start, dtype=float)
    points, seen, rates = [point.copy()], [0], []
    total = 0
    diverged_at = None
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            order = rng.permutation(n)
            for first in range(0, n, batch_size):
                batch = order[first : first + batch_size]
                point = point - learning_rate * line_gradient(point, x[batch], y[batch])
                total += len(batch)
                rates.append(learning_rate)
                bad = not np.all(np.isfinite(point))
                if bad or np.any(point < box[:, 0]) or np.any(point > box[:, 1]):
                    diverged_at = len(points)
                    break
                points.append(point.copy())
                seen.append(total)
            if diverged_at is not None:
                break
    points = np.array(points)
    taken = len(points) - 1
    return DescentPath(
        points=points,
        losses=line_loss(points, x, y),
        learning_rates=np.array(rates[:taken]),
        steps=epochs * -(-n // batch_size),
        diverged_at=diverged_at,
        examples_seen=np.array(seen),
    )
