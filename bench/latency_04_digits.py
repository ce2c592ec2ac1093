"""How fast the two digit widgets of notebook 04 answer a control change.

The widgets run in a real IPython kernel with the inline backend, as in
JupyterLab. Each measured change includes everything the kernel does: the
digit browser's slider looks up a stored image and its probabilities; a
click on the drawing pad prepares the drawing like an MNIST digit, asks a
model and redraws. The model here is a stand-in that answers at once, so
the figure measures the widget; a real model's prediction comes on top of
it. No browser is attached, so the time from the
kernel to the screen is not included (about 100 ms in JupyterLab,
whatever the kernel does).

Each control is changed ``--moves`` times (after a few warm-up changes) and
the median is printed, one figure a line::

    digit_browser_position_median_ms: 23.0 ms

Each figure is given twice: wall-clock time, and the CPU time of the
kernel's main thread (``_cpu_``). The target is a median under 50 ms.

Usage::

    python bench/latency_04_digits.py [--moves 40]
"""

from __future__ import annotations

import sys

from _kernel import main

KERNEL_CODE = r"""
%matplotlib inline
import json, statistics, time
import numpy as np
from helpers.data import mnist_offline_sample
from helpers.digit_widgets import DigitBrowser, DrawingPad

class AnswersSeven:
    def predict_on_batch(self, batch):
        out = np.full((len(batch), 10), 0.02)
        out[:, 7] = 0.82
        return out

count = COUNT
images, labels = mnist_offline_sample()
rng = np.random.default_rng(0)
probabilities = rng.dirichlet(np.full(10, 0.3), size=len(labels))
browser = DigitBrowser(images, labels, probabilities)

def show(value):
    browser.position.value = value

record("digit_browser_position", show, [int(v) for v in rng.permutation(count) + 1])

pad = DrawingPad(AnswersSeven())
squares = [(row, column) for row in range(2, 12) for column in range(3, 11)]

def click(value):
    row, column = squares[value % len(squares)]
    pad.cells[row][column].click()

record("drawing_pad_click", click, range(count))
print("RESULT " + json.dumps(found))
"""


if __name__ == "__main__":
    sys.exit(main(KERNEL_CODE, __doc__.splitlines()[0]))
