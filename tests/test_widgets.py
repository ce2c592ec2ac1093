"""Tests for helpers.widgets: the shared widget parts."""

import io
import struct

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest

from helpers.widgets import (
    BlitView,
    FigureView,
    drawing_order,
    instruction,
    labelled_slider,
)


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


def _blit_figure():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=50)
    ax.set(xlim=(0, 1), ylim=(0, 1), title="still")
    (line,) = ax.plot([0, 1], [0, 1], lw=3)
    return fig, line


def test_blit_view_shows_a_moved_artist_as_a_full_draw_would(blit_mismatch):
    fig, line = _blit_figure()
    view = BlitView(fig, [line])
    first = view.render()
    line.set_ydata([1, 0])
    view.redraw()
    assert view.redraws == 1
    assert view.png != first
    assert blit_mismatch(view) < 0.001


def test_blit_view_keeps_the_still_bitmap_until_invalidated(blit_mismatch):
    fig, line = _blit_figure()
    view = BlitView(fig, [line])
    view.render()
    fig.axes[0].set_facecolor("black")
    stale = view.render()
    view.invalidate()
    assert view.render() != stale
    assert blit_mismatch(view) < 0.001


def test_blit_view_left_out_artist_is_caught_by_the_comparison(blit_mismatch):
    fig, line = _blit_figure()
    (other,) = fig.axes[0].plot([0, 1], [0.5, 0.5], lw=4, color="red")
    view = BlitView(fig, [line])
    view.render()
    other.set_ydata([0.2, 0.8])
    assert blit_mismatch(view) > 0.005


def test_blit_view_needs_artists():
    fig, _ = plt.subplots()
    with pytest.raises(TypeError, match="`dynamic` must hold matplotlib artists"):
        BlitView(fig, ["line"])


def test_blit_view_makes_the_bitmap_again_when_axis_limits_change(blit_mismatch):
    fig, line = _blit_figure()
    view = BlitView(fig, [line])
    view.render()
    fig.axes[0].set_xlim(0, 2)
    view.render()
    assert blit_mismatch(view) < 0.001


def test_drawing_order_follows_zorder_then_the_order_of_adding():
    fig, ax = plt.subplots()
    (top,) = ax.plot([0, 1], zorder=5)
    (first,) = ax.plot([0, 1])
    (second,) = ax.plot([1, 0])
    title = fig.suptitle("figure title")
    spine = ax.spines["left"]
    order = drawing_order([title, top, spine, second, first])
    assert order == [first, second, spine, top, title]


def test_blit_view_keeps_the_first_layout_of_a_layout_engine(blit_mismatch):
    fig, ax = plt.subplots(figsize=(4, 3), dpi=50, layout="constrained")
    title = ax.set_title("short")
    view = BlitView(fig, [title])
    view.render()
    position = ax.get_position().bounds
    title.set_text("a much longer title\nover two lines")
    view.render()
    assert ax.get_position().bounds == position
    assert blit_mismatch(view) == 0.0


def _count_full_draws(view, monkeypatch):
    """Return a list that grows by one at each full draw of the view's canvas."""
    draws = []
    draw = view.canvas.draw

    def counted():
        draws.append(1)
        draw()

    monkeypatch.setattr(view.canvas, "draw", counted)
    return draws


def test_blit_view_draws_each_set_of_axis_limits_once(blit_mismatch, monkeypatch):
    fig, line = _blit_figure()
    ax = fig.axes[0]
    view = BlitView(fig, [line])
    draws = _count_full_draws(view, monkeypatch)
    view.render()
    ax.set_xlim(0, 2)
    view.render()
    ax.set_xlim(0, 1)
    line.set_ydata([1, 0])
    view.render()
    assert len(draws) == 2  # the first limits again: their bitmap is reused
    assert blit_mismatch(view) < 0.001  # the spines under the line differ
    view.invalidate()
    view.render()
    assert len(draws) == 4  # one for the comparison's full draw, one here


def test_blit_view_forgets_the_oldest_bitmap_past_its_limit(monkeypatch):
    fig, line = _blit_figure()
    ax = fig.axes[0]
    view = BlitView(fig, [line])
    draws = _count_full_draws(view, monkeypatch)
    for right in range(1, BlitView.KEPT + 2):  # one more than it keeps
        ax.set_xlim(0, right)
        view.render()
    assert len(draws) == BlitView.KEPT + 1
    ax.set_xlim(0, BlitView.KEPT + 1)  # the newest: still kept
    view.render()
    assert len(draws) == BlitView.KEPT + 1
    ax.set_xlim(0, 1)  # the oldest: forgotten, drawn again
    view.render()
    assert len(draws) == BlitView.KEPT + 2
