"""How long ``import helpers`` takes, and that it loads no TensorFlow.

Each import runs in a fresh Python process, so nothing is cached in memory
(the operating system's file cache is warm after the first run). The time
is measured inside the process around the import statement alone, without
the interpreter's own start-up, and the median of several runs is printed,
one figure a line::

    import_helpers_s: 0.01 s
    import_helpers_tensorflow_loaded: 0 bool

The target for ``import helpers`` is under 0.3 s with no TensorFlow; the
other modules a notebook's Setup cell imports are measured too. The script
exits with 1 if any of them loads TensorFlow. ``--explain`` prints the
slowest imports of each module to stderr (from ``python -X importtime``).

Usage::

    python bench/import_helpers.py [--repeats 7] [--explain]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULES = ("helpers", "helpers.data", "helpers.exercises", "helpers.check")
"""What a notebook's Setup cell imports, cheapest first."""

PROBE = """
import json, sys, time
started = time.perf_counter()
import {module}
seconds = time.perf_counter() - started
heavy = sorted(m for m in ("tensorflow", "keras") if m in sys.modules)
print(json.dumps({{"seconds": seconds, "heavy": heavy}}))
"""


def measure(module: str) -> dict:
    """Import ``module`` in a fresh process; return its time and heavy modules."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"`import {module}` failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def slowest_imports(module: str, count: int = 8) -> list[tuple[float, str]]:
    """Return the ``count`` imports with the largest cumulative time, in s."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]) / 1e6, parts[2].strip()))
    return sorted(rows, reverse=True)[:count]


def _name(module: str) -> str:
    return "import_" + module.replace(".", "_")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats",
        type=int,
        default=7,
        help="fresh processes a module (default: %(default)s)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the slowest imports to stderr"
    )
    arguments = parser.parse_args(argv)
    if arguments.repeats < 1:
        parser.error(f"--repeats must be 1 or more; received {arguments.repeats}")
    heavy_anywhere = False
    for module in MODULES:
        runs = [measure(module) for _ in range(arguments.repeats)]
        seconds = statistics.median(run["seconds"] for run in runs)
        loaded = any("tensorflow" in run["heavy"] for run in runs)
        heavy_anywhere |= any(run["heavy"] for run in runs)
        print(f"{_name(module)}_s: {seconds:.3f} s")
        print(f"{_name(module)}_tensorflow_loaded: {int(loaded)} bool", flush=True)
        if arguments.explain:
            for cumulative, name in slowest_imports(module):
                print(f"  {module}: {cumulative:.3f} s {name}", file=sys.stderr)
    return 1 if heavy_anywhere else 0


if __name__ == "__main__":
    sys.exit(main())
