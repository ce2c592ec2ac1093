"""How fast the widgets of notebook 03 answer a control change.

The widgets run in a real IPython kernel with the inline backend, as in
JupyterLab, so each measured callback includes everything the kernel does
for one change: the pure computation (gradient descent, softmax, ...),
moving the artists, and the redraw, which pastes the still background,
draws the changing artists and sends the picture as a PNG. No browser is
attached, so the time from the kernel to the screen is not included (see
/work/shared/STACK.md: about 100 ms in JupyterLab, whatever the kernel does).

Each control is changed ``--moves`` times (after a few warm-up changes) and
the median is printed, one figure a line::

    descent_curve_learning_rate_median_ms: 18.0 ms

Each figure is given twice: wall-clock time, and the CPU time of the
kernel's main thread (``_cpu_``), which is less disturbed by other programs
on a busy machine. The target is a median under 50 ms.

Usage::

    python bench/latency_03_descent.py [--moves 40]
"""

from __future__ import annotations

import sys

from _kernel import main

KERNEL_CODE = r"""
%matplotlib inline
import json, statistics, time
import numpy as np
from helpers import descent_widgets as dw

def sweep(low, high, count, log=False):
    # Two interleaved sweeps, so consecutive values are far apart.
    grid = np.geomspace(low, high, count) if log else np.linspace(low, high, count)
    return [float(v) for pair in zip(grid, grid[::-1]) for v in pair][:count]

count = COUNT
softmax = dw.SoftmaxExplorer()
record("softmax_score", softmax.logits[0], sweep(-4.9, 4.9, count))
entropy = dw.CrossEntropyExplorer()
record("cross_entropy_probability", entropy.probability, sweep(0.02, 1, count))
curve = dw.DescentExplorer("parabola")
record("descent_curve_learning_rate", curve.learning_rate,
       sweep(0.002, 1.9, count, log=True))
bowl = dw.DescentExplorer("bowl", learning_rate=0.08, steps=40)
record("descent_bowl_learning_rate", bowl.learning_rate,
       sweep(0.002, 1.9, count, log=True))
record("descent_bowl_start", bowl.start[0], sweep(-3.4, 3.4, count))
hills = dw.LocalMinimaExplorer()
record("local_minima_momentum", hills.momentum, sweep(0, 0.95, count))
decay = dw.DecayExplorer()
record("decay_rate", decay.decay_rate, sweep(0.1, 1.0, count))
batches = dw.MiniBatchExplorer()
sizes = [list(dw.BATCH_SIZES)[i % len(dw.BATCH_SIZES)] for i in range(count)]
sizes = [s if s != p else 1 for s, p in zip(sizes, [None] + sizes)]
record("minibatch_batch_size", batches.batch_size, sizes)
record("minibatch_learning_rate", batches.learning_rate,
       sweep(0.004, 0.9, count, log=True))
found["descent_bowl_png_kb"] = len(bowl.view.png) / 1024
print("RESULT " + json.dumps(found))
"""


if __name__ == "__main__":
    sys.exit(main(KERNEL_CODE, __doc__.splitlines()[0]))
