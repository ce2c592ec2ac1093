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
    """Parse ``--moves``, run ``code`` with it and print the figures."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--moves", type=int, default=40, help="control changes measured (default 40)"
    )
    args = parser.parse_args(argv)
    if args.moves < 30:
        parser.error(f"--moves must be 30 or more; received {args.moves}.")
    for name, value in run_in_kernel(code.format(moves=args.moves)).items():
        print(format_figure(name, value))
    return 0
