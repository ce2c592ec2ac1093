"""The thin layer that wires ipywidgets controls to a matplotlib figure.

Notebook widgets are built in three layers: a pure function that computes,
a plotting function that draws, and a widget that connects controls to the
two. This module holds the parts every widget shares: a figure shown in an
Output widget that can be redrawn cheaply, and a line of instruction.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from matplotlib.figure import Figure


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


class FigureView:
    """A matplotlib figure shown inside an ``ipywidgets.Output``.

    The figure is made once; a widget changes its artists in place and calls
    :meth:`redraw`, which replaces the shown image. The figure is detached
    from pyplot, so the inline backend does not show it a second time.

    Parameters
    ----------
    figure : matplotlib Figure
        The figure to show.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> view = FigureView(fig)
    >>> view.redraws, view.figure is fig
    (0, True)
    """

    def __init__(self, figure: Figure):
        if not isinstance(figure, Figure):
            raise TypeError(
                f"`figure` must be a matplotlib Figure; received {figure!r}."
            )
        self.figure = figure
        self.output = widgets.Output()
        self.redraws = 0
        plt.close(figure)

    def redraw(self) -> None:
        """Show the figure's current state in the output area."""
        with self.output:
            self.output.clear_output(wait=True)
            display(self.figure)
        self.redraws += 1


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
