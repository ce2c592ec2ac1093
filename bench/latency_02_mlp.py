"""How fast the four explorers of notebook 02 answer a control change.

The explorers run in a real IPython kernel with the inline backend, as in
JupyterLab, so each measured change includes everything the kernel does for
one move: the pure update, moving the artists, and ``FigureView.redraw``,
whose ``display`` renders the figure to PNG (with the inline backend's
tight bounding box) and sends it. No browser is attached, so the time from
the kernel to the screen is not included (see /work/shared/STACK.md: about
100 ms in JupyterLab, whatever the kernel does).

The curve and spiral explorers train all their networks once, up front,
behind a progress bar; that training time is printed too, in the normal
and in the fast mode. Each control is moved ``--moves`` times (after a few
warm-up moves) and the median printed, one figure a line::

    activation_weight_redraw_median_ms: 35.0 ms

Usage::

    python bench/latency_02_mlp.py [--moves 40]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent

KERNEL_CODE = r"""
%matplotlib inline
import json, os, statistics, time
import numpy as np
from IPython import get_ipython
from helpers import mlp_widgets as mw

MOVES, WARM_UP = {moves}, 5
COUNT = MOVES + WARM_UP

def sweep(low, high):
    # Alternate between two interleaved sweeps, so every value is new.
    grid = np.round(np.linspace(low, high, COUNT), 1)
    return [float(v) for pair in zip(grid, grid[::-1]) for v in pair][:COUNT]

def cycle(options):
    # Step through the options, never setting the value it already has.
    return [options[i % len(options)] for i in range(1, COUNT + 1)]

def median_ms(control, settings):
    times = []
    for value in settings:
        if value == control.value:
            continue
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times[WARM_UP:])

def render_ms(figure):
    formatter = get_ipython().display_formatter
    times = []
    for _ in range(MOVES):
        start = time.perf_counter()
        formatter.format(figure)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times[WARM_UP:])

found = {{}}
explorer = mw.activation_explorer("sigmoid")
found["activation_weight_redraw_median_ms"] = median_ms(
    explorer.weight, sweep(-2.9, 2.9))
found["activation_bias_redraw_median_ms"] = median_ms(
    explorer.bias, sweep(-2.9, 2.9))
found["activation_menu_redraw_median_ms"] = median_ms(
    explorer.activation, cycle([key for _, key in mw.ACTIVATION_MENU]))
found["activation_png_render_median_ms"] = render_ms(explorer.figure)

xor = mw.xor_explorer()
found["xor_weight_redraw_median_ms"] = median_ms(
    xor.sliders["w11"], sweep(-1.9, 1.9))
found["xor_bias_redraw_median_ms"] = median_ms(xor.sliders["b2"], sweep(-1.9, 1.9))
found["xor_png_render_median_ms"] = render_ms(xor.figure)

for mode in ("0", "1"):
    os.environ["COURSE_FAST"] = mode
    label = "fast" if mode == "1" else "full"
    curve_fits = mw.fit_curves()
    found[f"curve_training_{{label}}_s"] = curve_fits.seconds
    spiral_fits = mw.fit_spirals()
    found[f"spiral_training_{{label}}_s"] = spiral_fits.seconds
os.environ.pop("COURSE_FAST")

curve = mw.curve_explorer(curve_fits, show_progress=False)
found["curve_units_redraw_median_ms"] = median_ms(
    curve.hidden_units, cycle(list(curve.hidden_units.options)))
found["curve_activation_redraw_median_ms"] = median_ms(
    curve.activation, cycle([key for _, key in curve.activation.options]))
found["curve_png_render_median_ms"] = render_ms(curve.figure)

spiral = mw.spiral_explorer(spiral_fits, show_progress=False)
found["spiral_width_redraw_median_ms"] = median_ms(
    spiral.width, cycle(list(spiral.width.options)))
found["spiral_depth_redraw_median_ms"] = median_ms(
    spiral.depth, cycle(list(spiral.depth.options)))
found["spiral_png_render_median_ms"] = render_ms(spiral.figure)
print("RESULT " + json.dumps(found))
"""


def run(moves: int) -> dict[str, float]:
    """Run the measurements in a fresh kernel and return them by name."""
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    texts: list[str] = []
    errors: list[str] = []

    def collect(message: dict) -> None:
        kind = message["msg_type"]
        if kind == "stream" and message["content"]["name"] == "stdout":
            texts.append(message["content"]["text"])
        elif kind == "error":
            errors.append("\n".join(message["content"]["traceback"]))

    try:
        client.execute_interactive(
            KERNEL_CODE.format(moves=moves), output_hook=collect, timeout=900
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    if errors:
        raise RuntimeError("The measurement failed in the kernel:\n" + errors[0])
    for line in "".join(texts).splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError("The kernel printed no result.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--moves", type=int, default=40, help="control moves measured (default 40)"
    )
    args = parser.parse_args(argv)
    if args.moves < 30:
        parser.error(f"--moves must be 30 or more; received {args.moves}.")
    for name, value in run(args.moves).items():
        unit = "s" if name.endswith("_s") else "ms"
        shown = name.removesuffix("_s") if unit == "s" else name
        print(f"{shown}: {value:.1f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
