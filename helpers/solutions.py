"""Write solved copies of the notebooks, from the exercises' own solutions.

Every exercise keeps its solution next to its checker, in
``helpers/exercises/nbNN.py``. This tool copies each notebook and replaces
each starter cell (cell metadata ``"exercise": "<id>"``) with that
exercise's ``solution_code``, so the solved notebooks, the checks and the
hints can never drift apart. Run it from the course folder::

    python -m helpers.solutions                    # every notebook
    python -m helpers.solutions --out /tmp/solved notebooks/01_perceptron.ipynb

It checks the notebooks against the exercises first and writes nothing if
it finds a problem: a starter cell whose id has no exercise, an exercise
that no notebook uses, a check cell without its starter cell (or the other
way round), or a tag used twice. It never writes into ``notebooks/``.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.config import project_root
from helpers.notebook_tools import (
    BACKUP_MARK,
    EXERCISE_KEY,
    course_notebooks,
    exercise_cells,
    notebook_number,
    notebooks_dir,
    read_notebook,
)

__all__ = [
    "BANNER_KEY",
    "SolutionProblems",
    "SolvedNotebook",
    "find_problems",
    "solve_notebook",
    "write_solutions",
    "main",
]

BANNER_KEY = "solutions_banner"
"""Cell metadata that marks the note put at the top of a solved copy."""


class SolutionProblems(ValueError):
    """The notebooks and the exercises do not match; nothing was written.

    Attributes
    ----------
    problems : list of str
        One line per problem, each naming the notebook and the exercise.
    """

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The notebooks and helpers/exercises do not match ({count} {noun}); "
            f"no solutions were written:\n{lines}"
        )


@dataclass
class SolvedNotebook:
    """One solved copy: where it came from, where it went, what was solved."""

    source: Path
    target: Path
    solved: list[str]

    def __str__(self) -> str:
        count = len(self.solved)
        if count == 0:
            what = "copied (no exercises)"
        else:
            what = f"{count} exercise{'s' if count != 1 else ''} solved"
        return f"{_shown(self.target)}: {what}"


def _shown(path: Path) -> str:
    """Return ``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _default_exercises() -> dict[str, Any]:
    from helpers.exercises import all_exercises

    return all_exercises()


def find_problems(
    notebooks: Mapping[str, Any],
    exercises: Mapping[str, Any],
    *,
    scope: set[str] | None = None,
) -> list[str]:
    """List every way the notebooks and the exercises fail to match.

    Parameters
    ----------
    notebooks : mapping of str to notebook
        File name (``"01_perceptron.ipynb"``) to the notebook read by
        :func:`helpers.notebook_tools.read_notebook`.
    exercises : mapping of str to Exercise
        Exercise id to exercise, as :func:`helpers.exercises.all_exercises`.
    scope : set of str, optional
        Notebook numbers (``{"01"}``) whose exercises must each appear in a
        notebook. Defaults to every exercise (a full run).

    Returns
    -------
    list of str
        One message per problem; empty when everything matches.

    Examples
    --------
    >>> cell = {"cell_type": "code", "metadata": {"exercise": "01.a"},
    ...         "source": "a = ____"}
    >>> for problem in find_problems({"01_x.ipynb": {"cells": [cell]}}, {}):
    ...     print(problem)
    01_x.ipynb: the exercise '01.a' has a starter cell but no check cell
    (metadata 'exercise_check': '01.a')
    01_x.ipynb: cell 1 is the starter cell of '01.a', but no exercise has
    that id in helpers/exercises (a typo, or the exercise was renamed?)
    """
    problems: list[str] = []
    used: set[str] = set()
    for name, notebook in notebooks.items():
        number = notebook_number(name)
        found = exercise_cells(notebook)
        problems += [f"{name}: {message}" for message in found.malformed]
        for exercise_id in found.ids():
            used.add(exercise_id)
            starters = found.starters.get(exercise_id, [])
            checks = found.checks.get(exercise_id, [])
            problems += _cell_problems(name, number, exercise_id, starters, checks)
            if starters and exercise_id not in exercises:
                problems.append(
                    f"{name}: cell {starters[0] + 1} is the starter cell of "
                    f"{exercise_id!r}, but no exercise has that id in "
                    f"helpers/exercises (a typo, or the exercise was renamed?)"
                )
    for exercise_id, exercise in exercises.items():
        number = exercise_id.split(".", 1)[0]
        if (scope is None or number in scope) and exercise_id not in used:
            problems.append(
                f"the exercise {exercise_id!r} ({getattr(exercise, 'title', '')}) "
                f"is defined in helpers/exercises/nb{number}.py, but no notebook "
                f"has a cell with metadata 'exercise': {exercise_id!r}; the "
                f"notebook and the exercises have drifted apart"
            )
    return problems


def _cell_problems(
    name: str, number: str, exercise_id: str, starters: list[int], checks: list[int]
) -> list[str]:
    problems = []
    if not exercise_id.startswith(f"{number}."):
        problems.append(
            f"{name}: the exercise id {exercise_id!r} must start with the "
            f"notebook's number, '{number}.'"
        )
    if not starters:
        problems.append(
            f"{name}: cell {checks[0] + 1} checks {exercise_id!r}, but no cell "
            f"is its starter cell (metadata 'exercise': {exercise_id!r})"
        )
    if not checks:
        problems.append(
            f"{name}: the exercise {exercise_id!r} has a starter cell but no "
            f"check cell (metadata 'exercise_check': {exercise_id!r})"
        )
    for role, cells in (("starter", starters), ("check", checks)):
        if len(cells) > 1:
            shown = ", ".join(str(i + 1) for i in cells)
            problems.append(
                f"{name}: cells {shown} are all the {role} cell of {exercise_id!r}; "
                f"there must be one"
            )
    if starters and checks and checks[0] < starters[0]:
        problems.append(
            f"{name}: the check cell of {exercise_id!r} (cell {checks[0] + 1}) "
            f"comes before its starter cell (cell {starters[0] + 1})"
        )
    return problems


def solve_notebook(
    notebook: Any, exercises: Mapping[str, Any], *, source_name: str = ""
) -> Any:
    """Return a solved copy of ``notebook``; the original is not changed.

    Each starter cell's source becomes its exercise's ``solution_code``, and
    its outputs are cleared. A note at the top says the copy is generated.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The learner's notebook, as shipped.
    exercises : mapping of str to Exercise
        Exercise id to exercise.
    source_name : str, optional
        Shown in the note, e.g. ``"notebooks/01_perceptron.ipynb"``.

    Raises
    ------
    SolutionProblems
        If a starter cell's id has no exercise.
    """
    import nbformat

    solved = copy.deepcopy(notebook)
    missing = []
    for index, cell in enumerate(solved.cells):
        exercise_id = cell.get("metadata", {}).get(EXERCISE_KEY)
        if exercise_id is None:
            continue
        if exercise_id not in exercises:
            missing.append(f"cell {index + 1}: no exercise has the id {exercise_id!r}")
            continue
        cell.source = exercises[exercise_id].solution_code.rstrip("\n")
        cell.outputs = []
        cell.execution_count = None
    if missing:
        raise SolutionProblems(missing)
    origin = f" from `{source_name}`" if source_name else ""
    banner = nbformat.v4.new_markdown_cell(
        f"> **Solved copy**, made by `make solutions`{origin}.\n"
        "> Every exercise's starter cell holds its solution.\n"
        "> This file is rebuilt each time: edits made here are lost."
    )
    banner.metadata[BANNER_KEY] = True
    solved.cells.insert(0, banner)
    return solved


def _refuse_notebooks_folder(out: Path, sources: Sequence[Path]) -> None:
    protected = {notebooks_dir().resolve(), *(p.parent.resolve() for p in sources)}
    target = out.resolve()
    for folder in protected:
        if target == folder or folder in target.parents:
            raise ValueError(
                f"`out` must be a folder outside the notebooks; received {out}, "
                f"which is inside {folder}. Solved copies never go next to the "
                f"learner's notebooks."
            )


def write_solutions(
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    out: str | os.PathLike[str] | None = None,
    exercises: Mapping[str, Any] | None = None,
) -> list[SolvedNotebook]:
    """Check the notebooks against the exercises, then write solved copies.

    Parameters
    ----------
    notebooks : list of paths, optional
        The notebooks to solve. Defaults to every course notebook; then every
        exercise must appear in one. Given a list, only the exercises of
        those notebooks' numbers must.
    out : path, optional
        The folder for the solved copies. Defaults to ``solutions/`` in the
        course folder. It must not be (or be inside) a notebooks folder.
        Other files of the notebooks folder (images) are copied along.
    exercises : mapping of str to Exercise, optional
        Defaults to :func:`helpers.exercises.all_exercises`.

    Returns
    -------
    list of SolvedNotebook
        One per notebook written, in the order given.

    Raises
    ------
    SolutionProblems
        If the notebooks and the exercises do not match (nothing is written).
    ValueError
        If ``out`` is a notebooks folder, or a path is not a course notebook.
    FileNotFoundError
        If a notebook does not exist.
    """
    full_run = notebooks is None
    paths = course_notebooks() if full_run else [Path(p) for p in notebooks]
    if full_run and not paths:
        raise FileNotFoundError(f"No course notebooks found in {notebooks_dir()}.")
    out = Path(out) if out is not None else project_root() / "solutions"
    exercises = _default_exercises() if exercises is None else exercises
    for path in paths:
        notebook_number(path)
        if not path.is_file():
            raise FileNotFoundError(f"`notebooks`: no notebook at {path}.")
    _refuse_notebooks_folder(out, paths)

    read = {path.name: read_notebook(path) for path in paths}
    scope = None if full_run else {notebook_number(p) for p in paths}
    problems = find_problems(read, exercises, scope=scope)
    if problems:
        raise SolutionProblems(problems)

    out.mkdir(parents=True, exist_ok=True)
    for folder in {path.parent for path in paths}:
        _copy_assets(folder, out)
    import nbformat

    written = []
    for path in paths:
        solved = solve_notebook(read[path.name], exercises, source_name=_shown(path))
        target = out / path.name
        nbformat.write(solved, target)
        ids = list(exercise_cells(read[path.name]).starters)
        written.append(SolvedNotebook(path, target, ids))
    return written


def _copy_assets(folder: Path, out: Path) -> None:
    """Copy the notebooks folder's subfolders (images, ...) next to the copies."""
    for item in sorted(folder.iterdir()):
        if (
            item.is_dir()
            and not item.name.startswith(".")
            and BACKUP_MARK not in item.name
        ):
            shutil.copytree(item, out / item.name, dirs_exist_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: ``python -m helpers.solutions``."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.solutions",
        description="Write solved copies of the course notebooks, with each "
        "exercise's starter cell replaced by its solution.",
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to solve (default: every notebook in notebooks/)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the solved copies (default: solutions/)",
    )
    args = parser.parse_args(argv)
    try:
        written = write_solutions(args.notebooks or None, args.out)
    except (ValueError, FileNotFoundError) as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 1
    for item in written:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
