"""What the course tools share about notebooks: finding, reading, running them.

The course notebooks are ``notebooks/NN_name.ipynb``. An exercise is two
cells tagged in their cell metadata: the starter cell with
``"exercise": "<id>"`` and the check cell with ``"exercise_check": "<id>"``
(see ``CONTRIBUTING.md``). :mod:`helpers.solutions`, :mod:`helpers.reset`,
the tests and ``bench/notebook_timings.py`` build on the functions here.

Reading and writing notebooks needs ``nbformat``, and running them needs
``nbclient``; both come with JupyterLab.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.config import project_root

__all__ = [
    "BACKUP_MARK",
    "CheckOutcome",
    "ExerciseCells",
    "check_outcomes",
    "copy_notebook_folder",
    "course_notebooks",
    "execute_notebook",
    "exercise_cells",
    "is_course_notebook_name",
    "notebook_number",
    "notebooks_dir",
    "read_notebook",
]

EXERCISE_KEY = "exercise"
"""Cell metadata key of an exercise's starter cell."""

CHECK_KEY = "exercise_check"
"""Cell metadata key of an exercise's check cell."""

BACKUP_MARK = ".backup-"
"""What ``helpers.reset`` puts in the names of the learner's saved copies."""

_NAME = re.compile(r"^(?P<number>\d{2})_[A-Za-z0-9_]+\.ipynb$")


def notebooks_dir(root: Path | None = None) -> Path:
    """Return the folder of the course notebooks (``<root>/notebooks``).

    ``root`` defaults to the course folder, :func:`helpers.config.project_root`.
    """
    return Path(root if root is not None else project_root()) / "notebooks"


def is_course_notebook_name(name: str) -> bool:
    """Tell whether a file name looks like a course notebook, ``NN_name.ipynb``.

    Backups made by ``helpers.reset`` and scratch notebooks do not.

    Examples
    --------
    >>> is_course_notebook_name("01_perceptron.ipynb")
    True
    >>> is_course_notebook_name("01_perceptron.backup-20250101-120000.ipynb")
    False
    >>> is_course_notebook_name("Untitled.ipynb")
    False
    """
    return _NAME.match(name) is not None


def notebook_number(path: str | os.PathLike[str]) -> str:
    """Return the two-digit number of a course notebook from its file name.

    Raises
    ------
    ValueError
        If the name is not ``NN_name.ipynb``.

    Examples
    --------
    >>> notebook_number("notebooks/03_gradient_descent.ipynb")
    '03'
    """
    name = Path(path).name
    match = _NAME.match(name)
    if match is None:
        raise ValueError(
            f"`path` must name a course notebook such as '01_perceptron.ipynb'; "
            f"received {name!r}."
        )
    return match["number"]


def course_notebooks(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Return the course notebooks in ``folder``, in course order.

    Parameters
    ----------
    folder : path, optional
        Where to look. Defaults to :func:`notebooks_dir`.

    Returns
    -------
    list of Path
        Every ``NN_name.ipynb`` in the folder, sorted by name. Backups made by
        ``helpers.reset`` and other notebooks are left out.
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if is_course_notebook_name(p.name))


def read_notebook(path: str | os.PathLike[str]) -> Any:
    """Read a notebook file as an ``nbformat`` version 4 notebook.

    Raises
    ------
    ValueError
        If the file is not a readable notebook; the message names the file.
    """
    import nbformat

    path = Path(path)
    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"Cannot read the notebook {path}: {error}") from error


@dataclass
class ExerciseCells:
    """Where the exercise cells of one notebook are.

    Attributes
    ----------
    starters : dict of str to list of int
        Exercise id to the indices of cells tagged ``"exercise": id``.
    checks : dict of str to list of int
        Exercise id to the indices of cells tagged ``"exercise_check": id``.
    malformed : list of str
        One message for each tag whose value is not a non-empty string.
    """

    starters: dict[str, list[int]] = field(default_factory=dict)
    checks: dict[str, list[int]] = field(default_factory=dict)
    malformed: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        """Return every exercise id tagged in the notebook, in cell order."""
        first: dict[str, int] = {}
        for mapping in (self.starters, self.checks):
            for exercise_id, indices in mapping.items():
                first[exercise_id] = min([*indices, first.get(exercise_id, indices[0])])
        return sorted(first, key=first.__getitem__)


def exercise_cells(notebook: Any) -> ExerciseCells:
    """Find the starter and check cells of every exercise in a notebook.

    Parameters
    ----------
    notebook : nbformat.NotebookNode or dict
        A notebook as read by :func:`read_notebook` (or its JSON as a dict).

    Returns
    -------
    ExerciseCells
        Tagged cells by exercise id, and any malformed tags.

    Examples
    --------
    >>> cells = [
    ...     {"cell_type": "code", "metadata": {"exercise": "01.a"}, "source": ""},
    ...     {"cell_type": "code", "metadata": {"exercise_check": "01.a"},
    ...      "source": ""},
    ... ]
    >>> found = exercise_cells({"cells": cells})
    >>> found.starters, found.checks
    ({'01.a': [0]}, {'01.a': [1]})
    """
    found = ExerciseCells()
    for index, cell in enumerate(notebook["cells"]):
        metadata = cell.get("metadata", {})
        for key, target in ((EXERCISE_KEY, found.starters), (CHECK_KEY, found.checks)):
            if key not in metadata:
                continue
            value = metadata[key]
            if not isinstance(value, str) or not value.strip():
                found.malformed.append(
                    f"cell {index + 1}: metadata {key!r} must be an exercise id "
                    f"such as '01.predict'; received {value!r}"
                )
            elif cell.get("cell_type") != "code":
                found.malformed.append(
                    f"cell {index + 1}: metadata {key!r} = {value!r} is on a "
                    f"{cell.get('cell_type')} cell; exercise cells are code cells"
                )
            else:
                target.setdefault(value, []).append(index)
    return found


def copy_notebook_folder(
    source: str | os.PathLike[str], destination: str | os.PathLike[str]
) -> Path:
    """Copy a notebooks folder (notebooks and assets) for a throwaway run.

    Checkpoints and the learner's backups are left out, so the copy is the
    course as shipped plus whatever the learner changed in place.

    Returns
    -------
    Path
        ``destination``.
    """
    source, destination = Path(source), Path(destination)

    def _ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n == ".ipynb_checkpoints" or BACKUP_MARK in n]

    shutil.copytree(source, destination, ignore=_ignore, dirs_exist_ok=True)
    return destination


def execute_notebook(
    notebook: Any,
    *,
    cwd: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    timeout: int | None = 600,
    kernel_name: str = "python3",
) -> float:
    """Run every cell of ``notebook`` in a fresh kernel, in place.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The notebook; its cells receive their outputs.
    cwd : path
        The kernel's working folder, so relative paths behave as in the
        course (use a copy of ``notebooks/``).
    env : mapping of str to str, optional
        Variables added to this process's environment for the kernel,
        e.g. ``{"COURSE_FAST": "1"}``.
    timeout : int or None, optional
        Seconds a single cell may take; None for no limit. Defaults to 600.
    kernel_name : str, optional
        The Jupyter kernel. ``python3`` runs on this interpreter.

    Returns
    -------
    float
        Seconds the run took, kernel start included.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell raises; the message holds the cell and its traceback.
    """
    from nbclient import NotebookClient

    kernel_env = {**os.environ, **(env or {})}
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(cwd)}},
    )
    start = time.perf_counter()
    client.execute(env=kernel_env)
    return time.perf_counter() - start


@dataclass
class CheckOutcome:
    """What one executed check cell said.

    Attributes
    ----------
    exercise_id : str
        The id in the cell's ``exercise_check`` metadata.
    status : str
        ``"correct"``, ``"incorrect"``, ``"not_attempted"``, or ``"unknown"``
        when the cell shows no feedback.
    plain : str
        The plain-text form of the last result the cell showed.
    markdown : str
        Its Markdown form ("" if it had none).
    """

    exercise_id: str
    status: str
    plain: str
    markdown: str


_STATUS_BY_PLAIN = (
    ("Correct!", "correct"),
    ("Not quite:", "incorrect"),
    ("Not attempted:", "not_attempted"),
)


def _text(value: str | Iterable[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def check_outcomes(notebook: Any) -> list[CheckOutcome]:
    """Read what every check cell of an executed notebook said.

    The last rich output of each check cell (the check's return value,
    a :class:`helpers.exercises.Feedback`) is read in both forms: Markdown
    (with the icon and the bold label) and plain text.

    Parameters
    ----------
    notebook : nbformat.NotebookNode or dict
        An executed notebook.

    Returns
    -------
    list of CheckOutcome
        One per check cell, in cell order.
    """
    outcomes = []
    for cell in notebook["cells"]:
        exercise_id = cell.get("metadata", {}).get(CHECK_KEY)
        if not isinstance(exercise_id, str):
            continue
        plain = markdown = ""
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("execute_result", "display_data"):
                data = output.get("data", {})
                plain = _text(data.get("text/plain", ""))
                markdown = _text(data.get("text/markdown", ""))
        status = "unknown"
        for label, name in _STATUS_BY_PLAIN:
            if plain.startswith(label):
                status = name
        outcomes.append(CheckOutcome(exercise_id, status, plain, markdown))
    return outcomes
