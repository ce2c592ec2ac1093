"""Run the real notebooks both ways: as shipped, and solved.

As shipped (every starter cell untouched), each notebook must run to the end
and every check must say *Not attempted*. Solved by ``helpers.solutions``,
every check must say *Correct!* and the progress record must list each of
the notebook's exercises. Each notebook is executed once each way, in fast
mode, in a copy of ``notebooks/`` and with its own data folder, and the
tests below read those runs; the runs are slow (TensorFlow in 04 and 05).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.exercises import all_exercises
from helpers.notebook_tools import (
    check_outcomes,
    copy_notebook_folder,
    course_notebooks,
    execute_notebook,
    notebook_number,
    notebooks_dir,
    read_notebook,
)
from helpers.solutions import write_solutions

NOTEBOOKS = course_notebooks()
EXERCISES = all_exercises()
CELL_TIMEOUT = 600

pytestmark = pytest.mark.slow


def _ids_of(path: Path) -> list[str]:
    number = notebook_number(path)
    return [i for i, e in EXERCISES.items() if e.notebook == number]


WITH_EXERCISES = [p for p in NOTEBOOKS if _ids_of(p)]


class _Runs:
    """Each notebook executed at most once each way, shared by the tests."""

    def __init__(self, root: Path):
        self.root = root
        self.done: dict[tuple[str, str], tuple[object, Path] | BaseException] = {}
        self.student_dir = copy_notebook_folder(notebooks_dir(), root / "shipped")
        self.solved_dir = root / "solved"

    def get(self, path: Path, kind: str) -> tuple[object, Path]:
        key = (path.name, kind)
        if key not in self.done:
            try:
                self.done[key] = self._execute(path, kind)
            except BaseException as error:
                self.done[key] = error
        outcome = self.done[key]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _execute(self, path: Path, kind: str) -> tuple[object, Path]:
        folder = self.student_dir
        if kind == "solved":
            (written,) = write_solutions([path], self.solved_dir)
            folder = written.target.parent
        notebook = read_notebook(folder / path.name)
        data = self.root / f"data-{path.stem}-{kind}"
        env = {"COURSE_FAST": "1", "COURSE_DATA_DIR": str(data), "MPLBACKEND": "Agg"}
        execute_notebook(notebook, cwd=folder, env=env, timeout=CELL_TIMEOUT)
        return notebook, data


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> _Runs:
    return _Runs(tmp_path_factory.mktemp("notebook-runs"))


def _progress(data: Path) -> dict[str, str]:
    path = data / "progress.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _shown(outcomes) -> str:
    return "\n".join(f"  {o.exercise_id}: {o.plain or '(no output)'}" for o in outcomes)


def test_every_notebook_with_exercises_is_tested():
    numbers = {e.notebook for e in EXERCISES.values()}
    assert numbers, "helpers/exercises defines no exercises"
    assert {notebook_number(p) for p in WITH_EXERCISES} == numbers


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_shipped_notebook_runs_and_every_check_says_not_attempted(path, runs):
    notebook, data = runs.get(path, "shipped")

    outcomes = check_outcomes(notebook)
    assert sorted(o.exercise_id for o in outcomes) == sorted(_ids_of(path))
    untouched = [o for o in outcomes if o.status != "not_attempted"]
    assert not untouched, f"checks that should say Not attempted:\n{_shown(untouched)}"
    assert not set(_progress(data)) & set(_ids_of(path))


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_solved_notebook_runs_and_every_check_says_correct(path, runs):
    notebook, _ = runs.get(path, "solved")

    outcomes = check_outcomes(notebook)
    assert sorted(o.exercise_id for o in outcomes) == sorted(_ids_of(path))
    wrong = [
        o
        for o in outcomes
        if o.status != "correct"
        or not o.markdown.startswith("\u2705 **Correct!**")
        or not o.plain.startswith("Correct!")
    ]
    assert not wrong, f"checks that should say Correct!:\n{_shown(wrong)}"


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_solved_notebook_records_each_exercise_in_the_progress(path, runs):
    _, data = runs.get(path, "solved")

    assert set(_ids_of(path)) <= set(_progress(data))


def _printed(notebook, fragment: str) -> str:
    """Return the stream output of the first code cell whose source holds
    ``fragment``."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and fragment in cell.source:
            return "".join(o.get("text", "") for o in cell.get("outputs", []))
    raise AssertionError(f"no code cell holds {fragment!r}")


@pytest.mark.parametrize(
    ("kind", "used"), [("shipped", "the course's"), ("solved", "yours")]
)
def test_notebook_03_trains_with_the_learners_backward_once_it_passes(kind, used, runs):
    path = next(p for p in NOTEBOOKS if notebook_number(p) == "03")
    notebook, _ = runs.get(path, kind)
    printed = _printed(notebook, "my_backward = dense_backward if passed")
    assert printed.strip() == f"backward pass used from here on: {used}"
