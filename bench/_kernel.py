"""What the latency benchmarks share: run measuring code in a fresh kernel.

The latency scripts send a piece of code to a real IPython kernel (inline
backend, as in JupyterLab). The code prints one line ``RESULT {json}`` with
the figures by name; :func:`run_in_kernel` returns them as a dict and
:func:`main` prints them one a line as ``name: value unit``. A name's
suffix picks its unit: ``_kb`` is kilobytes, ``_s`` seconds, and anything
else milliseconds.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"_kb": "kB", "_s": "s"}

PRELUDE = r"""
import json, statistics, time

MOVES, WARM_UP = {moves}, 5
COUNT = MOVES + WARM_UP
found = {{}}

def move(control):
    # A function that sets the control's value, as a learner's move does.
    def act(value):
        control.value = value
    return act

def record(name, act, settings):
    # Median wall-clock and CPU time (of this thread) of act(value), in ms,
    # after WARM_UP moves; act is a function or a control to move.
    act = act if callable(act) else move(act)
    wall, cpu = [], []
    for value in settings:
        start, start_cpu = time.perf_counter(), time.thread_time()
        act(value)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    found[name + "_median_ms"] = 1000 * statistics.median(wall[WARM_UP:])
    found[name + "_cpu_median_ms"] = 1000 * statistics.median(cpu[WARM_UP:])
"""
"""Run before each script's code: ``record``, ``move``, ``COUNT`` and the
dict ``found`` of figures, which the code prints as ``RESULT {json}``."""


def run_in_kernel(code: str, timeout: float = 900) -> dict[str, float]:
    """Run ``code`` in a fresh kernel and return the figures it printed."""
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
        client.execute_interactive(code, output_hook=collect, timeout=timeout)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    if errors:
        raise RuntimeError("The measurement failed in the kernel:\n" + errors[0])
    for line in "".join(texts).splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError("The kernel printed no result.")


def format_figure(name: str, value: float) -> str:
    """One figure as ``name: value unit``, the unit read from the suffix.

    Examples:
        >>> format_figure("png_kb", 12.345)
        'png: 12.3 kB'
        >>> format_figure("slider_median_ms", 18.0)
        'slider_median_ms: 18.0 ms'
    """
    for suffix, unit in UNITS.items():
        if name.endswith(suffix):
            return f"{name.removesuffix(suffix)}: {value:.1f} {unit}"
    return f"{name}: {value:.1f} ms"


def main(code: str, description: str, argv: list[str] | None = None) -> int:
    """Parse ``--moves``, run :data:`PRELUDE` and ``code`` and print the figures."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--moves", type=int, default=40, help="control changes measured (default 40)"
    )
    args = parser.parse_args(argv)
    if args.moves < 30:
        parser.error(f"--moves must be 30 or more; received {args.moves}.")
    for name, value in run_in_kernel((PRELUDE + code).format(moves=args.moves)).items():
        print(format_figure(name, value))
    return 0
