"""The thin layer that wires ipywidgets controls to a matplotlib figure.

Notebook widgets are built in three layers: a pure function that computes,
a plotting function that draws, and a widget that connects controls to the
two. This module holds the parts every widget shares: a figure shown in an
Output widget that can be redrawn cheaply (:class:`FigureView`, and
:class:`BlitView` that redraws only what moves), and a line of instruction.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage


def instruction(text: str) -> widgets.HTML:
    """Return a line that tells the learner what to try with a widget.

    The text may hold Markdown-like ``**bold**``; it is escaped otherwise.

    Examples
    --------
    >>> instruction("Move the slider.").value.startswith("<div")
    True
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"`text` must be a non-empty string; received {text!r}.")
    safe = html.escape(text)
    parts = safe.split("**")
    safe = "".join(
        f"<b>{part}</b>" if index % 2 else part for index, part in enumerate(parts)
    )
    return widgets.HTML(
        f'<div style="background:#eef5fb;border-left:4px solid #1f77b4;'
        f'padding:6px 10px;margin:4px 0;line-height:1.4">'
        f"\U0001f449 {safe}</div>"
    )


class _UncroppedCanvas(FigureCanvasAgg):
    """An Agg canvas that saves the whole figure, ignoring a tight crop.

    Jupyter's inline backend saves every figure it shows with
    ``bbox_inches="tight"``, which measures every text in a dry-run draw
    before the real one: about half as slow again. A figure whose margins
    are set once (``subplots_adjust`` or a constrained layout) needs no
    crop, so this canvas skips it and a redraw costs one draw.
    """

    def print_figure(self, *args, bbox_inches=None, **kwargs):
        if bbox_inches == "tight":
            bbox_inches = None
        return super().print_figure(*args, bbox_inches=bbox_inches, **kwargs)


class FigureView:
    """A matplotlib figure shown inside an ``ipywidgets.Output``.

    The figure is made once; a widget changes its artists in place and calls
    :meth:`redraw`, which replaces the shown image. The figure is detached
    from pyplot, so the inline backend does not show it a second time, and
    given a canvas of its own that keeps its caches between redraws.

    Parameters
    ----------
    figure : matplotlib Figure
        The figure to show.
    crop : bool, optional
        Whether the shown image is cropped to what is drawn, as Jupyter does
        by default. Pass False for a figure whose margins are set, to make
        each redraw about a third cheaper. Defaults to True.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> view = FigureView(fig)
    >>> view.redraws, view.figure is fig
    (0, True)
    """

    def __init__(self, figure: Figure, *, crop: bool = True):
        if not isinstance(figure, Figure):
            raise TypeError(
                f"`figure` must be a matplotlib Figure; received {figure!r}."
            )
        self.figure = figure
        self.output = widgets.Output()
        self.redraws = 0
        plt.close(figure)
        (FigureCanvasAgg if crop else _UncroppedCanvas)(figure)

    def redraw(self) -> None:
        """Show the figure's current state in the output area."""
        with self.output:
            self.output.clear_output(wait=True)
            display(self.figure)
        self.redraws += 1


def drawing_order(artists: Iterable[Artist]) -> list[Artist]:
    """Return artists in the order a full draw of their axes paints them.

    Matplotlib paints an axes' children by zorder, and those of equal
    zorder in the order they were added; spines come after the plotted
    artists. :class:`BlitView` draws its dynamic artists in the order it is
    given them, so passing them through this function keeps, for example,
    the axes' spines on top of a shaded region. Artists that are not
    children of an axes (a figure's suptitle) keep their place at the end.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> (line,) = ax.plot([0, 1], zorder=3)
    >>> image = ax.imshow([[0, 1]], zorder=0)
    >>> drawing_order([line, ax.spines["left"], image]) == [
    ...     image, ax.spines["left"], line]
    True
    """
    artists = list(artists)
    wanted = {id(artist) for artist in artists}
    ordered: list[Artist] = []
    placed: set[int] = set()
    for ax in dict.fromkeys(artist.axes for artist in artists if artist.axes):
        children = [child for child in ax.get_children() if id(child) in wanted]
        children.sort(key=lambda child: child.get_zorder())
        ordered.extend(children)
        placed.update(id(child) for child in children)
    return ordered + [artist for artist in artists if id(artist) not in placed]


class BlitView(FigureView):
    """A :class:`FigureView` that redraws only the artists that change.

    The figure's still parts (axes, ticks, labels, legends, contours) are
    rendered once and kept as a bitmap. Each redraw pastes that bitmap,
    draws the ``dynamic`` artists on top in the order given, and shows the
    picture as a PNG. A slider then costs a fraction of a full render. The
    picture is the whole figure, uncropped, so set its margins
    (``subplots_adjust`` or a constrained layout). A layout engine runs on
    the first render only, and the layout is kept: panels do not jump when
    a title changes length.

    Parameters
    ----------
    figure : matplotlib Figure
    dynamic : iterable of Artist
        The artists (or whole Axes) that change between redraws, in the
        order they are to be drawn: lowest first, as their zorder would.
        They are marked animated, so the still bitmap leaves them out.

    Attributes
    ----------
    png : bytes
        The last picture rendered.

    Notes
    -----
    The bitmap is made again by itself when an axes' limits have changed,
    and kept beside the others, one for each set of limits (the last
    :attr:`KEPT` of them): a control that switches between a few layouts,
    such as a menu of activations, draws each layout in full once and
    blits it after that. After any other change to a still part (ticks, a
    legend, a colour), call :meth:`invalidate` before :meth:`redraw`, or
    an old bitmap shows.

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(3, 2), dpi=50)
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> view = BlitView(fig, [line])
    >>> line.set_ydata([1, 0])
    >>> view.render()[:4]
    b'\\x89PNG'
    """

    def __init__(self, figure: Figure, dynamic: Iterable[Artist]):
        super().__init__(figure, crop=False)
        self.canvas = figure.canvas
        self.dynamic = list(dynamic)
        for artist in self.dynamic:
            if not isinstance(artist, Artist):
                raise TypeError(
                    f"`dynamic` must hold matplotlib artists; received {artist!r}."
                )
            artist.set_animated(True)
        self._backgrounds: dict[tuple, object] = {}
        self.png = b""

    KEPT = 8
    """How many still bitmaps, one for each set of axis limits, are kept."""

    def invalidate(self) -> None:
        """Forget the still bitmaps, after a change to a still part."""
        self._backgrounds.clear()

    def _pixels(self) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(self.canvas.buffer_rgba())[..., :3])

    def _axis_limits(self) -> tuple:
        return tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)

    def render(self) -> bytes:
        """Return the figure as PNG bytes, drawing only the dynamic artists."""
        canvas = self.canvas
        limits = self._axis_limits()
        background = self._backgrounds.pop(limits, None)
        if background is None:
            canvas.draw()
            if self.figure.get_layout_engine() is not None:
                self.figure.set_layout_engine("none")  # keep the first layout
            background = canvas.copy_from_bbox(self.figure.bbox)
            while len(self._backgrounds) >= self.KEPT:
                del self._backgrounds[next(iter(self._backgrounds))]  # oldest
        else:
            canvas.restore_region(background)
        self._backgrounds[limits] = background  # now the most recent
        for artist in self.dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        buffer = io.BytesIO()
        PILImage.fromarray(self._pixels()).save(buffer, format="png", compress_level=1)
        self.png = buffer.getvalue()
        return self.png

    def full_render(self) -> np.ndarray:
        """Return the RGB pixels of a full draw, as if nothing were blitted.

        For checking that :meth:`render` shows the same picture; the still
        bitmap is rebuilt on the next redraw.

        Returns
        -------
        ndarray of uint8, shape (height, width, 3)
        """
        for artist in self.dynamic:
            artist.set_animated(False)
        try:
            self.canvas.draw()
            pixels = self._pixels().copy()
        finally:
            for artist in self.dynamic:
                artist.set_animated(True)
            self.invalidate()
        return pixels

    def redraw(self) -> None:
        """Show the figure's current state in the output area."""
        picture = Image(data=self.render(), format="png")
        with self.output:
            self.output.clear_output(wait=True)
            display(picture)
        self.redraws += 1

    def save(self, path) -> None:
        """Write the picture shown now to a PNG file."""
        with open(path, "wb") as file:
            file.write(self.render())


def labelled_slider(
    description: str, value: float, min: float, max: float, step: float, **options
) -> widgets.FloatSlider:
    """Return a float slider with room for a readable description.

    Examples
    --------
    >>> labelled_slider("bias b", 0.0, -2.0, 2.0, 0.1).description
    'bias b'
    """
    style = {"description_width": "initial"}
    return widgets.FloatSlider(
        value=value,
        min=min,
        max=max,
        step=step,
        description=description,
        continuous_update=options.pop("continuous_update", True),
        style=style,
        layout=widgets.Layout(width=options.pop("width", "360px")),
        **options,
    )
