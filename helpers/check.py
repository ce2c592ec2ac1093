"""Check that this machine is ready for the course.

Run ``python -m helpers.check`` (or ``make check``) in a terminal, or call
:func:`check_environment` in a notebook. Each item gets one line marked
OK, WARNING or PROBLEM, and each problem comes with the command that fixes
it. The command exits with 0 when there is no PROBLEM and 1 otherwise.

Nothing here imports TensorFlow: versions are read from the installed
packages' metadata, and a GPU is looked for with ``nvidia-smi``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from helpers.config import project_root

__all__ = [
    "BUILTIN_REQUIREMENTS",
    "CheckItem",
    "EnvironmentReport",
    "check_device",
    "check_environment",
    "check_mnist",
    "check_package",
    "check_python",
    "check_widgets_frontend",
    "main",
    "read_requirements",
]

OK, WARNING, PROBLEM = "OK", "WARNING", "PROBLEM"
_STATUSES = (OK, WARNING, PROBLEM)
_ICONS = {OK: "\u2705", WARNING: "\u26a0\ufe0f", PROBLEM: "\u274c"}

SUPPORTED_PYTHON = ((3, 10), (3, 12))
"""The oldest and newest Python (major, minor) the course supports."""

BUILTIN_REQUIREMENTS = {
    "numpy": ">=1.26,<3",
    "matplotlib": ">=3.8,<4",
    "ipywidgets": ">=8.1,<9",
    "jupyterlab": ">=4.2,<5",
    "tensorflow": ">=2.16,<3",
    "keras": ">=3.3,<4",
    "tensorboard": ">=2.16,<3",
    "scikit-learn": ">=1.4,<2",
    "mlxtend": ">=0.23,<1",
    "pandas": ">=2.0,<4",
}
"""Supported ranges, used when ``requirements.txt`` is not at hand (Colab)."""

WIDGETS_EXTENSION = Path("@jupyter-widgets", "jupyterlab-manager")
"""The JupyterLab extension that draws ipywidgets, under ``labextensions``."""

_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*([0-9][0-9A-Za-z.+-]*)\s*")
_REQUIREMENT = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)")


@dataclass(frozen=True)
class CheckItem:
    """One line of the environment check.

    Attributes
    ----------
    name : str
        What was checked, e.g. ``"numpy"`` or ``"Python"``.
    status : {"OK", "WARNING", "PROBLEM"}
        How it went.
    message : str
        What was found, in one sentence (Markdown: code in backticks).
    fix : str
        The command that fixes it; empty when there is nothing to fix.
    """

    name: str
    status: str
    message: str
    fix: str = ""

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(
                f"`status` must be one of {_STATUSES}; received {self.status!r}."
            )

    def __str__(self) -> str:
        text = f"{self.status:<8} {self.name}: {self.message}".replace("`", "")
        if self.fix:
            text += f"\n         fix: {self.fix}"
        return text


class EnvironmentReport:
    """The result of :func:`check_environment`: one item a line.

    Shown as a table in Jupyter and as plain lines elsewhere.

    Attributes
    ----------
    items : list of CheckItem
    ok : bool
        True when no item is a PROBLEM (warnings are allowed).
    """

    def __init__(self, items: list[CheckItem]):
        self.items = list(items)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[CheckItem]:
        """The items marked PROBLEM."""
        return [item for item in self.items if item.status == PROBLEM]

    @property
    def warnings(self) -> list[CheckItem]:
        """The items marked WARNING."""
        return [item for item in self.items if item.status == WARNING]

    def __getitem__(self, name: str) -> CheckItem:
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(f"No check named {name!r}; there are {self.names()}.")

    def names(self) -> list[str]:
        """Return the names of the items, in order."""
        return [item.name for item in self.items]

    def summary(self) -> str:
        """Return one closing line: ready, or how many things to fix."""
        problems, warnings = len(self.problems), len(self.warnings)
        if not problems and not warnings:
            return "All good: this machine is ready for the course."
        if not problems:
            return (
                f"Ready for the course, with {_count(warnings, 'warning')} "
                "worth reading."
            )
        fix_all = f"`{_python_command()} -m pip install -r requirements.txt`"
        return (
            f"{_count(problems, 'problem')} to fix: run the fix commands in a "
            "terminal in the course folder, then restart the kernel. "
            f"{fix_all} (or `make setup`) installs every package in its range."
        )

    def __str__(self) -> str:
        lines = ["Environment check", *map(str, self.items), ""]
        lines.append(self.summary().replace("`", ""))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        lines = [
            "**Environment check**",
            "",
            "| | Item | What was found | Fix |",
            "|---|---|---|---|",
        ]
        for item in self.items:
            fix = f"`{item.fix}`" if item.fix else ""
            message = item.message.replace("|", "\\|")
            lines.append(
                f"| {_ICONS[item.status]} {item.status} | {item.name} "
                f"| {message} | {fix} |"
            )
        lines += ["", self.summary()]
        return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _python_command() -> str:
    """Return the command that runs this Python, short when in the course."""
    executable = Path(sys.executable)
    try:
        return str(executable.relative_to(project_root()))
    except ValueError:
        return str(executable)


def _pip_install(*specs: str) -> str:
    quoted = " ".join(f'"{spec}"' for spec in specs)
    return f"{_python_command()} -m pip install {quoted}"


def check_python(version: tuple[int, ...] | None = None) -> CheckItem:
    """Check the Python version against :data:`SUPPORTED_PYTHON`.

    Examples
    --------
    >>> check_python((3, 11, 4)).status
    'OK'
    >>> check_python((3, 9, 1)).status
    'PROBLEM'
    """
    version = tuple(version or sys.version_info[:3])
    (low_major, low_minor), (high_major, high_minor) = SUPPORTED_PYTHON
    supported = f"{low_major}.{low_minor} to {high_major}.{high_minor} supported"
    shown = ".".join(map(str, version[:3]))
    if SUPPORTED_PYTHON[0] <= version[:2] <= SUPPORTED_PYTHON[1]:
        return CheckItem("Python", OK, f"{shown} ({supported}).")
    return CheckItem(
        "Python",
        PROBLEM,
        f"{shown} is not supported ({supported}); TensorFlow may not install on it.",
        "install Python 3.11, then in the course folder: "
        "rm -rf .venv && make PYTHON=python3.11 setup",
    )


def read_requirements(path: str | Path | None = None) -> dict[str, str]:
    """Return the packages of a requirements file and their version ranges.

    Parameters
    ----------
    path : str or path-like, optional
        Defaults to ``requirements.txt`` in the course folder, or
        :data:`BUILTIN_REQUIREMENTS` when that file does not exist.

    Returns
    -------
    dict
        Package name to its range, e.g. ``{"numpy": ">=1.26,<3"}``. Option
        lines (``-e .``, ``-r other.txt``) and comments are skipped.

    Raises
    ------
    ValueError
        If a line cannot be read as a requirement; the message names it.
    """
    if path is None:
        path = project_root() / "requirements.txt"
        if not path.is_file():
            return dict(BUILTIN_REQUIREMENTS)
    path = Path(path)
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = _REQUIREMENT.fullmatch(line)
        spec = match.group(3).replace(" ", "") if match else ""
        if not match or (spec and _parse_spec(spec) is None):
            raise ValueError(
                f"{path}, line {number}: cannot read {raw.strip()!r} as a "
                "requirement; expected a name and a range like 'numpy>=1.26,<3'."
            )
        found[match.group(1)] = spec
    return found


def _parse_spec(spec: str) -> list[tuple[str, tuple[int, ...]]] | None:
    clauses = []
    for part in spec.split(","):
        match = _CLAUSE.fullmatch(part)
        if not match:
            return None
        clauses.append((match.group(1), _release(match.group(2))))
    return clauses


def _release(version: str) -> tuple[int, ...]:
    """Return the numeric release of a version: '2.21.0rc1' -> (2, 21, 0)."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if not match:
        raise ValueError(f"`version` must start with a number; received {version!r}.")
    return tuple(int(part) for part in match.group(0).split("."))


def _compare(left: tuple[int, ...], right: tuple[int, ...]) -> int:
    width = max(len(left), len(right))
    left = left + (0,) * (width - len(left))
    right = right + (0,) * (width - len(right))
    return (left > right) - (left < right)


_HOLDS = {
    ">=": lambda c: c >= 0,
    ">": lambda c: c > 0,
    "<=": lambda c: c <= 0,
    "<": lambda c: c < 0,
    "==": lambda c: c == 0,
    "!=": lambda c: c != 0,
}


def check_package(name: str, spec: str, version: str | None) -> CheckItem:
    """Check one installed package against its supported range.

    Parameters
    ----------
    name : str
        The package, as pip names it.
    spec : str
        Its supported range, e.g. ``">=1.26,<3"``; empty for any version.
    version : str or None
        The installed version, or None when it is not installed.

    Returns
    -------
    CheckItem
        OK inside the range; PROBLEM when missing or too old; WARNING when
        newer than the range (it may work, but was not tested).

    Examples
    --------
    >>> check_package("numpy", ">=1.26,<3", "2.1.0").status
    'OK'
    >>> check_package("numpy", ">=1.26,<3", "1.24.0").status
    'PROBLEM'
    >>> check_package("numpy", ">=1.26,<3", "3.0.0").status
    'WARNING'
    """
    supported = f"supported: `{spec}`" if spec else "any version"
    fix = _pip_install(f"{name}{spec}")
    if version is None:
        return CheckItem(name, PROBLEM, f"not installed ({supported}).", fix)
    clauses = _parse_spec(spec) if spec else []
    if clauses is None:
        raise ValueError(f"`spec` must be a range like '>=1.26,<3'; received {spec!r}.")
    installed = _release(version)
    failed = [op for op, bound in clauses if not _HOLDS[op](_compare(installed, bound))]
    if not failed:
        return CheckItem(name, OK, f"{version} ({supported}).")
    if all(op in ("<", "<=") for op in failed):
        return CheckItem(
            name,
            WARNING,
            f"{version} is newer than the course was tested with ({supported}); "
            "it will probably work.",
            fix,
        )
    return CheckItem(name, PROBLEM, f"{version} is not supported ({supported}).", fix)


def _installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _labextension_folders() -> list[Path]:
    folders = [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return folders
    return folders + [Path(p) for p in jupyter_path("labextensions")]


def check_widgets_frontend(requirements: dict[str, str] | None = None) -> CheckItem:
    """Check that JupyterLab can draw ipywidgets (sliders, buttons).

    It needs the ``jupyterlab_widgets`` package and its JupyterLab
    extension folder ``@jupyter-widgets/jupyterlab-manager``.
    """
    name = "Widgets in JupyterLab"
    if "google.colab" in sys.modules:
        return CheckItem(name, OK, "Colab draws widgets itself.")
    spec = (requirements or BUILTIN_REQUIREMENTS).get("ipywidgets", "")
    fix = (
        _pip_install(f"ipywidgets{spec}", "jupyterlab_widgets>=3,<4")
        + ", then restart JupyterLab"
    )
    version = _installed_version("jupyterlab_widgets")
    if version is None:
        return CheckItem(
            name,
            PROBLEM,
            "`jupyterlab_widgets` is not installed: sliders would show as plain text.",
            fix,
        )
    folders = [f / WIDGETS_EXTENSION for f in _labextension_folders()]
    if not any(folder.is_dir() for folder in folders):
        return CheckItem(
            name,
            PROBLEM,
            f"`jupyterlab_widgets` {version} is installed but its JupyterLab "
            f"extension is missing (looked in {folders[0]}).",
            fix,
        )
    ipywidgets = _installed_version("ipywidgets")
    if ipywidgets and _release(ipywidgets)[0] == 8 and _release(version)[0] != 3:
        return CheckItem(
            name,
            PROBLEM,
            f"`jupyterlab_widgets` {version} does not match ipywidgets "
            f"{ipywidgets} (ipywidgets 8 needs jupyterlab_widgets 3).",
            fix,
        )
    return CheckItem(name, OK, f"the widget extension {version} is installed.")


def check_mnist() -> CheckItem:
    """Say which MNIST :func:`helpers.data.load_mnist` will use (no download)."""
    from helpers.data.mnist import mnist_source

    found = mnist_source()
    if found.source == "offline-sample":
        if (project_root() / "Makefile").is_file():
            fix = "make data"
        else:
            fix = f"{_python_command()} -m helpers.data download"
        return CheckItem("MNIST data", WARNING, found.description, fix)
    return CheckItem("MNIST data", OK, found.description)


def check_device() -> CheckItem:
    """Say whether a GPU is there (looks for ``nvidia-smi``; no TensorFlow)."""
    command = shutil.which("nvidia-smi")
    if command:
        try:
            done = subprocess.run(
                [command, "-L"], capture_output=True, text=True, timeout=10
            )
            gpus = [line for line in done.stdout.splitlines() if line.strip()]
        except (OSError, subprocess.SubprocessError):
            gpus = []
        if gpus:
            return CheckItem(
                "Processor",
                OK,
                f"{gpus[0].split(' (UUID')[0]}: TensorFlow can use it if its "
                "CUDA libraries are installed; the CPU is fine too.",
            )
    return CheckItem("Processor", OK, "CPU only: fine for this course.")


def check_environment(requirements: str | Path | None = None) -> EnvironmentReport:
    """Check Python, the packages, widgets, MNIST and the processor.

    Parameters
    ----------
    requirements : str or path-like, optional
        The requirements file with the supported ranges. Defaults to the
        course's ``requirements.txt`` (a built-in table when absent).

    Returns
    -------
    EnvironmentReport
        One :class:`CheckItem` a line; ``.ok`` is False when any item is a
        PROBLEM. It shows as a table in Jupyter.

    Examples
    --------
    >>> report = check_environment()
    >>> report.names()[:2]
    ['Python', 'numpy']
    """
    ranges = read_requirements(requirements)
    items = [check_python()]
    items += [
        check_package(name, spec, _installed_version(name))
        for name, spec in ranges.items()
    ]
    items += [check_widgets_frontend(ranges), check_mnist(), check_device()]
    return EnvironmentReport(items)


def main(argv: list[str] | None = None) -> int:
    """Print the check; return 0 when there is no PROBLEM, else 1."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.check",
        description="Check that this machine is ready for the course: Python, "
        "packages, widgets, MNIST data and processor.",
    )
    parser.add_argument(
        "--requirements",
        metavar="FILE",
        help="requirements file with the supported ranges "
        "(default: the course's requirements.txt)",
    )
    arguments = parser.parse_args(argv)
    report = check_environment(arguments.requirements)
    print(report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
