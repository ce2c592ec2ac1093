"""Does the playground panel keep redrawing while it trains on MNIST?

Trains one epoch of the default network (``Settings()``: one hidden layer
of 64 units, batch 32) on every training digit the playground has (the
offline sample of 3,200 unless the full MNIST is on this machine), through
the panel's own Train path (a background thread), with no browser. It
records when the panel sent something new to the page (progress bar and
text, or the figure) and prints the largest gap between two such updates,
from the click to the end of the run, over two runs (the first in a
process also starts TensorFlow). The target is at most 1 s.

Run from the course folder::

    .venv/bin/python bench/playground_redraw.py

Prints, one a line: ``playground_max_redraw_gap_s``,
``playground_max_figure_gap_s`` (figure redraws only),
``playground_redraws``, ``playground_figure_redraws``,
``playground_epoch_s`` and ``playground_train_examples``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.pop("COURSE_FAST", None)


def _largest_gap(times: list[float], start: float, end: float) -> float:
    points = [start, *[t for t in times if start <= t <= end], end]
    return max(b - a for a, b in zip(points, points[1:], strict=False))


def main() -> None:
    # The record goes to a temporary folder; the MNIST copy is looked up
    # in the real data folder first.
    from helpers.config import data_dir

    real_data = data_dir()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COURSE_DATA_DIR"] = folder
        for name in ("mnist.npz",):
            if (real_data / name).exists():
                os.symlink(real_data / name, Path(folder) / name)
        from helpers.playground import Playground, Settings, prepare_data

        pool = len(prepare_data("mnist").x_pool)
        panel = Playground(Settings(epochs=1, train_size=pool))
        gaps, figure_gaps = [], []
        for _ in range(2):  # the first run in a process also starts TensorFlow
            started = time.monotonic()
            run = panel.train(wait=True)
            ended = time.monotonic()
            gaps.append(_largest_gap(panel.redraw_times, started, ended))
            figure_gaps.append(_largest_gap(panel.figure_times, started, ended))
        print(f"playground_max_redraw_gap_s: {max(gaps):.2f} s")
        print(f"playground_max_figure_gap_s: {max(figure_gaps):.2f} s")
        print(f"playground_redraws: {len(panel.redraw_times)} count")
        print(f"playground_figure_redraws: {len(panel.figure_times)} count")
        print(f"playground_epoch_s: {run.seconds:.2f} s")
        print(f"playground_train_examples: {run.train_examples} examples")


if __name__ == "__main__":
    main()
