"""Tests for helpers.solutions: solved notebooks built from the exercises."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from helpers import solutions
from helpers.exercises import Exercise, Incorrect, all_exercises
from helpers.notebook_tools import (
    check_outcomes,
    course_notebooks,
    execute_notebook,
    read_notebook,
)
from helpers.solutions import BANNER_KEY, SolutionProblems, write_solutions

SETUP = """\
from helpers.exercises import Exercise, Incorrect, ____


def _check(answer):
    if answer != 4:
        raise Incorrect(f"Two doubled is not {answer!r}.")


double = Exercise("01.double", "Double two", _check, hints=[],
                  solution_code="answer = 4")
"""


def _check_double(answer):
    if answer != 4:
        raise Incorrect("no")


def _exercise(exercise_id: str, solution_code: str = "answer = 4") -> Exercise:
    return Exercise(
        exercise_id, exercise_id, _check_double, hints=[], solution_code=solution_code
    )


REGISTRY = {"01.double": _exercise("01.double")}


def _cell(source: str, **metadata):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata.update(metadata)
    return cell


def _write(folder: Path, name: str, cells) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Demo"), *cells]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(notebook, path)
    return path


def _demo(folder: Path, name: str = "01_demo.ipynb") -> Path:
    return _write(
        folder,
        name,
        [
            _cell(SETUP),
            _cell("answer = ____", exercise="01.double"),
            _cell("double.check(answer)", exercise_check="01.double"),
        ],
    )


def test_the_starter_cell_becomes_the_solution_and_the_rest_is_kept(tmp_path):
    source = _demo(tmp_path / "notebooks")
    before = source.read_bytes()

    (written,) = write_solutions([source], tmp_path / "solved", REGISTRY)

    assert source.read_bytes() == before
    assert written.target == tmp_path / "solved" / "01_demo.ipynb"
    assert written.solved == ["01.double"]
    original = read_notebook(source)
    solved = read_notebook(written.target)
    assert solved.cells[0].metadata[BANNER_KEY] is True
    assert "Solved copy" in solved.cells[0].source
    body = solved.cells[1:]
    assert [c.source for c in body] == [
        "# Demo",
        SETUP,
        "answer = 4",
        "double.check(answer)",
    ]
    assert body[2].metadata["exercise"] == "01.double"
    assert [c.source for i, c in enumerate(body) if i != 2] == [
        c.source for i, c in enumerate(original.cells) if i != 2
    ]


def test_outputs_of_a_run_starter_cell_are_cleared(tmp_path):
    path = _demo(tmp_path / "notebooks")
    notebook = read_notebook(path)
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", text="old\n")]
    notebook.cells[2].execution_count = 7
    nbformat.write(notebook, path)

    (written,) = write_solutions([path], tmp_path / "solved", REGISTRY)

    cell = read_notebook(written.target).cells[3]
    assert cell.outputs == []
    assert cell.execution_count is None


def test_assets_of_the_notebooks_folder_are_copied_along(tmp_path):
    path = _demo(tmp_path / "notebooks")
    (tmp_path / "notebooks" / "images").mkdir()
    (tmp_path / "notebooks" / "images" / "neuron.png").write_bytes(b"png")

    write_solutions([path], tmp_path / "solved", REGISTRY)

    assert (tmp_path / "solved" / "images" / "neuron.png").read_bytes() == b"png"


def _problems(tmp_path, cells, registry=None, name="01_demo.ipynb"):
    path = _write(tmp_path / "notebooks", name, cells)
    out = tmp_path / "solved"
    with pytest.raises(SolutionProblems) as raised:
        write_solutions([path], out, REGISTRY if registry is None else registry)
    assert not out.exists(), "nothing may be written when there is a problem"
    return "\n".join(raised.value.problems)


def test_a_starter_cell_without_an_exercise_is_reported(tmp_path):
    report = _problems(
        tmp_path,
        [
            _cell("answer = ____", exercise="01.dubble"),
            _cell("check(answer)", exercise_check="01.dubble"),
            _cell("answer = ____", exercise="01.double"),
            _cell("check(answer)", exercise_check="01.double"),
        ],
    )
    assert "'01.dubble'" in report
    assert "no exercise has that id" in report


def test_an_exercise_in_no_notebook_is_reported_as_drift(tmp_path):
    registry = {**REGISTRY, "01.extra": _exercise("01.extra")}
    report = _problems(
        tmp_path,
        [
            _cell("answer = ____", exercise="01.double"),
            _cell("check(answer)", exercise_check="01.double"),
        ],
        registry,
    )
    assert "'01.extra'" in report
    assert "drifted apart" in report


def test_a_check_cell_without_its_starter_is_reported(tmp_path):
    report = _problems(
        tmp_path,
        [
            _cell("answer = ____", exercise="01.double"),
            _cell("check(answer)", exercise_check="01.double"),
            _cell("check(other)", exercise_check="01.other"),
        ],
    )
    assert "checks '01.other', but no cell is its starter cell" in report


def test_a_starter_without_its_check_cell_is_reported(tmp_path):
    report = _problems(tmp_path, [_cell("answer = ____", exercise="01.double")])
    assert "has a starter cell but no check cell" in report


def test_cells_used_twice_or_in_the_wrong_order_are_reported(tmp_path):
    report = _problems(
        tmp_path,
        [
            _cell("check(answer)", exercise_check="01.double"),
            _cell("answer = ____", exercise="01.double"),
            _cell("answer = ____", exercise="01.double"),
        ],
    )
    assert "cells 3, 4 are all the starter cell of '01.double'" in report
    assert "comes before its starter cell" in report


def test_an_id_of_another_notebook_and_a_bad_tag_are_reported(tmp_path):
    report = _problems(
        tmp_path,
        [
            _cell("answer = ____", exercise="01.double"),
            _cell("check(answer)", exercise_check="01.double"),
            _cell("x = ____", exercise=3),
        ],
        {**REGISTRY},
        name="02_demo.ipynb",
    )
    assert "must start with the notebook's number, '02.'" in report
    assert "metadata 'exercise' must be an exercise id" in report


def test_a_subset_run_checks_only_the_exercises_of_its_notebooks(tmp_path):
    path = _demo(tmp_path / "notebooks")
    registry = {**REGISTRY, "02.elsewhere": _exercise("02.elsewhere")}

    (written,) = write_solutions([path], tmp_path / "solved", registry)

    assert written.solved == ["01.double"]


def test_solutions_are_never_written_into_the_notebooks_folder(tmp_path):
    path = _demo(tmp_path / "notebooks")
    before = path.read_bytes()

    for out in (tmp_path / "notebooks", tmp_path / "notebooks" / "solved"):
        with pytest.raises(ValueError, match="`out` must be a folder outside"):
            write_solutions([path], out, REGISTRY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "notebooks").iterdir()) == [
        "01_demo.ipynb"
    ]


def test_a_path_that_is_not_a_course_notebook_is_refused(tmp_path):
    stray = _write(tmp_path, "scratch.ipynb", [])
    with pytest.raises(ValueError, match="must name a course notebook"):
        write_solutions([stray], tmp_path / "solved", REGISTRY)
    with pytest.raises(FileNotFoundError, match="no notebook at"):
        write_solutions([tmp_path / "01_gone.ipynb"], tmp_path / "solved", REGISTRY)


def test_command_line_prints_one_line_per_notebook(tmp_path, monkeypatch, capsys):
    first = _demo(tmp_path / "notebooks")
    second = _write(tmp_path / "notebooks", "00_start.ipynb", [])
    monkeypatch.setattr(solutions, "_default_exercises", lambda: REGISTRY)
    monkeypatch.chdir(tmp_path)

    code = solutions.main([str(second), str(first), "--out", "solved"])

    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "solved/00_start.ipynb: copied (no exercises)",
        "solved/01_demo.ipynb: 1 exercise solved",
    ]


def test_command_line_reports_problems_and_fails(tmp_path, monkeypatch, capsys):
    path = _write(tmp_path / "notebooks", "01_demo.ipynb", [])
    monkeypatch.setattr(solutions, "_default_exercises", lambda: REGISTRY)

    code = solutions.main([str(path), "--out", str(tmp_path / "solved")])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "'01.double'" in captured.err
    assert "no solutions were written" in captured.err


def test_solved_copy_says_correct_and_records_progress(tmp_path):
    """Run a tiny notebook both ways in a real kernel (no TensorFlow)."""
    data = tmp_path / "kernel-data"
    env = {"COURSE_DATA_DIR": str(data), "COURSE_FAST": "1", "MPLBACKEND": "Agg"}
    path = _demo(tmp_path / "notebooks")
    (written,) = write_solutions([path], tmp_path / "solved", REGISTRY)

    student = read_notebook(path)
    execute_notebook(student, cwd=path.parent, env=env, timeout=120)
    assert [o.status for o in check_outcomes(student)] == ["not_attempted"]
    assert not (data / "progress.json").exists()

    solved = read_notebook(written.target)
    execute_notebook(solved, cwd=written.target.parent, env=env, timeout=120)
    (outcome,) = check_outcomes(solved)
    assert outcome.status == "correct"
    assert outcome.markdown.startswith("\u2705 **Correct!**")
    record = json.loads((data / "progress.json").read_text(encoding="utf-8"))
    assert set(record) == {"01.double"}


def test_every_solution_in_the_course_is_valid_python():
    exercises = all_exercises()
    assert exercises, "helpers/exercises defines no exercises"
    for exercise in exercises.values():
        compile(exercise.solution_code, exercise.id, "exec")


def test_the_course_notebooks_and_exercises_match(tmp_path):
    """The real notebooks and helpers/exercises, checked without running."""
    notebooks = course_notebooks()
    assert notebooks, "no course notebooks found"
    written = write_solutions(None, tmp_path / "solutions")
    assert [w.source for w in written] == notebooks
    solved_ids = sorted(i for w in written for i in w.solved)
    assert solved_ids == sorted(all_exercises())
