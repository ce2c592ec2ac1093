"""Tests for helpers.widgets: the shared widget parts."""

import io
import struct

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest

from helpers.widgets import FigureView, instruction, labelled_slider


def test_instruction_escapes_html_and_renders_bold():
    line = instruction("Move **w1** until <fewer> points are wrong.")
    assert isinstance(line, widgets.HTML)
    assert "<b>w1</b>" in line.value
    assert "&lt;fewer&gt;" in line.value


@pytest.mark.parametrize("text", ["", "   ", None])
def test_instruction_needs_text(text):
    with pytest.raises(ValueError, match="`text`"):
        instruction(text)


def test_figure_view_counts_redraws_and_detaches_the_figure():
    fig, _ = plt.subplots()
    view = FigureView(fig)
    assert fig.number not in plt.get_fignums()
    view.redraw()
    view.redraw()
    assert view.redraws == 2
    assert isinstance(view.output, widgets.Output)


def test_figure_view_needs_a_figure():
    with pytest.raises(TypeError, match="`figure` must be a matplotlib Figure"):
        FigureView("figure")


def test_labelled_slider_fires_observers_on_change():
    slider = labelled_slider("bias b", 0.0, -2.0, 2.0, 0.5)
    seen = []
    slider.observe(lambda change: seen.append(change["new"]), names="value")
    slider.value = 1.5
    assert seen == [1.5]
    assert slider.style.description_width == "initial"


def _png_size(figure, **options):
    stream = io.BytesIO()
    figure.canvas.print_figure(stream, format="png", **options)
    return struct.unpack(">II", stream.getvalue()[16:24])


def test_figure_view_without_crop_shows_the_whole_figure():
    fig, _ = plt.subplots(figsize=(4, 3), dpi=50)
    view = FigureView(fig, crop=False)
    assert _png_size(view.figure, bbox_inches="tight") == (200, 150)


def test_figure_view_crops_by_default_as_jupyter_does():
    fig, _ = plt.subplots(figsize=(4, 3), dpi=50)
    view = FigureView(fig)
    assert _png_size(view.figure, bbox_inches="tight") != (200, 150)
