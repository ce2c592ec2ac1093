"""How fast the two perceptron widgets of notebook 01 answer a slider move.

The widgets run in a real IPython kernel with the inline backend, as in
JupyterLab, so each measured callback includes everything the kernel does
for one move: the pure update, moving the artists, and
``BlitView.redraw``, which pastes the still parts of the figure, draws the
moving artists on them, encodes a PNG and sends it. No browser is attached,
so the time from the kernel to the screen is not included (see
/work/shared/STACK.md: about 100 ms in JupyterLab, whatever the kernel does).

Each control is moved ``--moves`` times (after a few warm-up moves) and the
median is printed, one figure a line::

    perceptron_explorer_redraw_median_ms: 31.0 ms

The parts are timed too, to show where the time goes: the pure update with
the artists moved, the blitted PNG render alone, and a full draw of the
same figure (what every move cost before blitting). For scale, a figure of
the same size with one line and no legend goes through a plain
``FigureView`` redraw (a full draw, as the inline backend makes it). The
target is a median under 50 ms. Each figure is given twice:
wall-clock time, and the CPU time of the kernel's main thread (``_cpu_``),
which is less disturbed by other programs on a busy machine.

Usage::

    python bench/latency_01_perceptron.py [--moves 40]
"""

from __future__ import annotations

import sys

from _kernel import main

KERNEL_CODE = r"""
%matplotlib inline
import json, statistics, time
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from helpers.widgets import FigureView
from helpers.perceptron import update_perceptron_plot
from helpers.perceptron_widgets import perceptron_explorer, training_explorer

def values(low, high, count):
    # Alternate between two interleaved sweeps, so every value is new.
    grid = np.round(np.linspace(low, high, count), 2)
    return [float(v) for pair in zip(grid, grid[::-1]) for v in pair][:count]

count = COUNT
explorer = perceptron_explorer("clouds")
record("perceptron_explorer_redraw", move(explorer.w1), values(-2.9, 2.9, count))
record("perceptron_explorer_bias_redraw", move(explorer.bias),
       values(-2.9, 2.9, count))
record("perceptron_explorer_update_only",
       lambda v: update_perceptron_plot(explorer.drawn, (v, 1.0), 0.2),
       values(-2.9, 2.9, count))
record("perceptron_explorer_blit_render",
       lambda v: explorer.view.render(), range(count))
record("perceptron_explorer_full_draw",
       lambda v: explorer.view.full_render(), range(count))

trainer = training_explorer("clouds", epochs=30)
epochs = [int(v) for v in values(0, 30, count)]
epochs = [e if e != p else (e + 1) % 31 for e, p in zip(epochs, [-1] + epochs)]
record("training_explorer_epoch_redraw", move(trainer.epoch), epochs)
record("training_explorer_learning_rate_redraw", move(trainer.learning_rate),
       [10 ** v for v in values(-2, 0, count)])
record("training_explorer_blit_render",
       lambda v: trainer.view.render(), range(count))
record("training_explorer_full_draw",
       lambda v: trainer.view.full_render(), range(count))

figure, ax = plt.subplots(figsize=(6.0, 4.0), dpi=100)
(line,) = ax.plot(np.arange(10.0), np.zeros(10))
ax.set(xlabel="x", ylabel="y", title="one line", ylim=(-1, 1))
reference = FigureView(figure)
FigureCanvasAgg(figure)

def move_line(value):
    line.set_ydata(np.full(10, value))
    reference.redraw()

record("reference_one_line_figure_redraw", move_line, values(-0.9, 0.9, count))
found["perceptron_explorer_png_kb"] = len(explorer.view.png) / 1024
print("RESULT " + json.dumps(found))
"""


if __name__ == "__main__":
    sys.exit(main(KERNEL_CODE, __doc__.splitlines()[0]))
