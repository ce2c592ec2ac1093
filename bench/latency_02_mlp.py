"""How fast the four explorers of notebook 02 answer a control change.

The explorers run in a real IPython kernel with the inline backend, as in
JupyterLab, so each measured change includes everything the kernel does for
one move: the pure update, moving the artists, and ``BlitView.redraw``,
which pastes the still parts of the figure, draws the moving artists on
them, encodes a PNG and sends it. No browser is attached, so
the time from the kernel to the screen is not included (see
/work/shared/STACK.md: about 100 ms in JupyterLab, whatever the kernel
does).

The curve and spiral explorers train all their networks once, up front,
behind a progress bar; that training time is printed too, in the normal
and in the fast mode. Each control is moved ``--moves`` times (after a few
warm-up moves) and the median printed, one figure a line::

    activation_weight_redraw_median_ms: 18.0 ms

The parts are timed too, to show where the time goes: the pure update with
the artists moved, the blitted PNG render alone, and a full draw of the
same figure (what every move cost before blitting, and what the first
pick of each activation in the first explorer still costs, as it sets new
axis limits; the explorer keeps each activation's still bitmap, so the
measured menu changes, which cycle through the activations, blit after
the first round). For scale, a 600 x 400 figure with one line goes
through a plain ``FigureView`` redraw (a full draw, as the inline backend
makes it). The target is a median under 50 ms a move. Each figure is given
twice: wall-clock time, and the CPU time of the kernel's main thread
(``_cpu_``), which is less disturbed by other programs on a busy machine.

Usage::

    python bench/latency_02_mlp.py [--moves 40]
"""

from __future__ import annotations

import sys

from _kernel import main

KERNEL_CODE = r"""
%matplotlib inline
import json, os, statistics, time
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from helpers import mlp_widgets as mw
from helpers.widgets import FigureView

def sweep(low, high):
    # Alternate between two interleaved sweeps, so every value is new.
    grid = np.round(np.linspace(low, high, COUNT), 1)
    return [float(v) for pair in zip(grid, grid[::-1]) for v in pair][:COUNT]

def cycle(options):
    # Step through the options; each differs from the one before.
    return [options[i % len(options)] for i in range(1, COUNT + 1)]


def parts(name, explorer):
    # The blitted render alone, then a full draw of the same figure.
    record(name + "_blit_render", lambda v: explorer.view.render(), range(COUNT))
    record(name + "_full_draw", lambda v: explorer.view.full_render(),
           range(COUNT))


explorer = mw.activation_explorer("sigmoid")
explorer.activation.value = "tanh"
record("activation_weight_redraw", move(explorer.weight), sweep(-2.9, 2.9))
record("activation_bias_redraw", move(explorer.bias), sweep(-2.9, 2.9))
record("activation_menu_redraw", move(explorer.activation),
       cycle([key for _, key in mw.ACTIVATION_MENU]))
record("activation_update_only",
       lambda v: mw.update_neuron_response(explorer.drawn, "tanh", v, 0.5),
       sweep(-2.9, 2.9))
parts("activation", explorer)

xor = mw.xor_explorer()
record("xor_weight_redraw", move(xor.sliders["w11"]), sweep(-1.9, 1.9))
record("xor_bias_redraw", move(xor.sliders["b2"]), sweep(-1.9, 1.9))
record("xor_update_only",
       lambda v: mw.update_xor_network(
           xor.drawn, mw.xor_params(hidden_bias=[v, -1.5])),
       sweep(-1.9, 1.9))
parts("xor", xor)

for mode, label in (("0", "full"), ("1", "fast")):
    os.environ["COURSE_FAST"] = mode
    curve_fits = mw.fit_curves()
    found[f"curve_training_{{label}}_s"] = curve_fits.seconds
    spiral_fits = mw.fit_spirals()
    found[f"spiral_training_{{label}}_s"] = spiral_fits.seconds
del os.environ["COURSE_FAST"]

curve = mw.curve_explorer(curve_fits, show_progress=False)
record("curve_units_redraw", move(curve.hidden_units),
       cycle(list(curve.hidden_units.options)))
record("curve_activation_redraw", move(curve.activation),
       cycle([key for _, key in curve.activation.options]))
parts("curve", curve)

spiral = mw.spiral_explorer(spiral_fits, show_progress=False)
record("spiral_width_redraw", move(spiral.width),
       cycle(list(spiral.width.options)))
record("spiral_depth_redraw", move(spiral.depth),
       cycle(list(spiral.depth.options)))
parts("spiral", spiral)

figure, ax = plt.subplots(figsize=(6.0, 4.0), dpi=100)
(line,) = ax.plot(np.arange(10.0), np.zeros(10))
ax.set(xlabel="x", ylabel="y", title="one line", ylim=(-1, 1))
reference = FigureView(figure)
FigureCanvasAgg(figure)

def move_line(value):
    line.set_ydata(np.full(10, value))
    reference.redraw()

record("reference_one_line_figure_redraw", move_line, sweep(-0.9, 0.9))
print("RESULT " + json.dumps(found))
"""


if __name__ == "__main__":
    sys.exit(main(KERNEL_CODE, __doc__.splitlines()[0]))
