"""Tests for helpers.reset: a notebook goes back as shipped, nothing is lost."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from helpers import reset
from helpers.reset import NotACourseNotebook, reset_notebook

NOW = datetime(2025, 3, 14, 9, 30, 0)


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))


def _notebook_bytes(source: str = "x = 1") -> bytes:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Demo"),
        nbformat.v4.new_code_cell(source),
    ]
    return nbformat.writes(notebook).encode("utf-8") + b"\n"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def course(tmp_path) -> Path:
    """A course folder in git, with one committed notebook."""
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "01_demo.ipynb").write_bytes(_notebook_bytes())
    _git(root, "init", "--quiet")
    _git(root, "add", ".")
    _git(root, "commit", "--quiet", "-m", "ship")
    return root


@pytest.fixture
def plain_course(tmp_path) -> Path:
    """A course folder that is not a git checkout (an unzipped download)."""
    root = tmp_path / "unzipped"
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "01_demo.ipynb").write_bytes(_notebook_bytes())
    return root


def _learner_edit(path: Path) -> bytes:
    """Change the notebook the way a learner would, and return its bytes."""
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    notebook.cells[1].source = "x = 42  # my answer"
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="42\n")]
    notebook.cells[1].execution_count = 3
    content = nbformat.writes(notebook).encode("utf-8")
    path.write_bytes(content)
    return content


def test_reset_keeps_the_learners_copy_byte_for_byte_and_restores_git_head(course):
    path = course / "notebooks" / "01_demo.ipynb"
    original = path.read_bytes()
    learner = _learner_edit(path)

    result = reset_notebook(path, now=NOW)

    assert result.action == "restored"
    assert result.origin == "git HEAD"
    assert result.backup == path.with_name("01_demo.backup-20250314-093000.ipynb")
    assert result.backup.read_bytes() == learner
    assert path.read_bytes() == original
    assert "01_demo.backup-20250314-093000.ipynb" in str(result)


def test_in_an_nbgitpuller_clone_the_upstream_version_is_the_original(course, tmp_path):
    """nbgitpuller commits the learner's work as "WIP" before merging a pull."""
    upstream = course
    _git(upstream, "branch", "-M", "main")
    clone = tmp_path / "hub-home" / "course"
    _git(tmp_path, "clone", "--quiet", "--branch", "main", str(upstream), str(clone))
    _git(clone, "config", "user.email", "nbgitpuller@example.com")
    _git(clone, "config", "user.name", "nbgitpuller")
    path = clone / "notebooks" / "01_demo.ipynb"
    _learner_edit(path)
    _git(clone, "commit", "--quiet", "-am", "WIP")
    (upstream / "notebooks" / "01_demo.ipynb").write_bytes(_notebook_bytes("x = 2"))
    _git(upstream, "commit", "--quiet", "-am", "improve the demo")
    shipped = (upstream / "notebooks" / "01_demo.ipynb").read_bytes()
    _git(clone, "fetch", "--quiet")
    _git(clone, "merge", "--quiet", "-Xours", "--no-edit", "origin/main")
    learner = path.read_bytes()
    assert b"my answer" in learner

    result = reset_notebook(path, now=NOW)

    assert result.origin == "git origin/main"
    assert result.backup.read_bytes() == learner
    assert path.read_bytes() == shipped


def test_repeated_resets_keep_every_copy(course):
    path = course / "notebooks" / "01_demo.ipynb"
    versions = []
    for attempt in range(3):
        versions.append(_notebook_bytes(f"x = {attempt + 10}"))
        path.write_bytes(versions[-1])
        reset_notebook(path, now=NOW)

    backups = sorted(path.parent.glob("01_demo.backup-*.ipynb"))
    assert [b.name for b in backups] == [
        "01_demo.backup-20250314-093000-2.ipynb",
        "01_demo.backup-20250314-093000-3.ipynb",
        "01_demo.backup-20250314-093000.ipynb",
    ]
    assert [b.read_bytes() for b in backups] == [versions[1], versions[2], versions[0]]


def test_an_unchanged_notebook_is_left_alone(course):
    path = course / "notebooks" / "01_demo.ipynb"
    before = path.stat().st_mtime_ns

    result = reset_notebook(path, now=NOW)

    assert result.action == "unchanged"
    assert result.backup is None
    assert "unchanged" in str(result)
    assert path.stat().st_mtime_ns == before
    assert list(path.parent.glob("*.backup-*")) == []


def test_saving_in_jupyterlab_without_changes_counts_as_unchanged(course):
    path = course / "notebooks" / "01_demo.ipynb"
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.9"}
    path.write_text(nbformat.writes(notebook, indent=2), encoding="utf-8")

    assert reset_notebook(path, now=NOW).action == "unchanged"


def test_a_notebook_that_was_run_is_restored_without_its_outputs(course):
    path = course / "notebooks" / "01_demo.ipynb"
    original = path.read_bytes()
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    notebook.cells[1].execution_count = 1
    path.write_text(nbformat.writes(notebook), encoding="utf-8")

    result = reset_notebook(path, now=NOW)

    assert result.action == "restored"
    assert path.read_bytes() == original


def test_a_damaged_notebook_is_kept_and_restored(course):
    path = course / "notebooks" / "01_demo.ipynb"
    path.write_bytes(b'{"cells": [')

    result = reset_notebook(path, now=NOW)

    assert result.backup.read_bytes() == b'{"cells": ['
    assert nbformat.reads(path.read_text(encoding="utf-8"), as_version=4).cells


def test_a_deleted_notebook_is_recreated(course):
    path = course / "notebooks" / "01_demo.ipynb"
    original = path.read_bytes()
    path.unlink()

    result = reset_notebook(path, now=NOW)

    assert result.action == "recreated"
    assert path.read_bytes() == original


def test_outside_git_the_snapshot_is_the_original(plain_course, tmp_path):
    folder = plain_course / "notebooks"
    path = folder / "01_demo.ipynb"
    original = path.read_bytes()

    taken = reset.take_snapshot(folder)

    assert [s.action for s in taken] == ["taken"]
    assert (tmp_path / "data" / "originals" / "01_demo.ipynb").read_bytes() == original
    learner = _learner_edit(path)
    result = reset_notebook(path, now=NOW)
    assert result.origin.startswith("the snapshot")
    assert result.backup.read_bytes() == learner
    assert path.read_bytes() == original


def test_a_snapshot_is_never_replaced_nor_taken_from_a_notebook_that_was_run(
    plain_course, tmp_path
):
    folder = plain_course / "notebooks"
    path = folder / "01_demo.ipynb"
    _learner_edit(path)

    assert [s.action for s in reset.take_snapshot(folder)] == ["skipped"]
    assert not (tmp_path / "data" / "originals" / "01_demo.ipynb").exists()

    path.write_bytes(_notebook_bytes("y = 2"))
    assert [s.action for s in reset.take_snapshot(folder)] == ["taken"]
    path.write_bytes(_notebook_bytes("z = 3"))
    assert [s.action for s in reset.take_snapshot(folder)] == ["kept"]
    snapshot = tmp_path / "data" / "originals" / "01_demo.ipynb"
    assert b"y = 2" in snapshot.read_bytes()


def test_without_git_or_snapshot_the_error_says_what_to_do(plain_course):
    path = plain_course / "notebooks" / "01_demo.ipynb"
    learner = _learner_edit(path)

    with pytest.raises(NotACourseNotebook, match="--snapshot"):
        reset_notebook(path, now=NOW)
    assert path.read_bytes() == learner


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("notes.txt", "not a .ipynb file"),
        ("Untitled.ipynb", "named like"),
        ("01_demo.backup-20250314-093000.ipynb", "saved by an earlier reset"),
    ],
)
def test_files_that_are_not_course_notebooks_are_refused(course, name, match):
    path = course / "notebooks" / name
    content = _notebook_bytes()
    path.write_bytes(content)

    with pytest.raises(NotACourseNotebook, match=match):
        reset_notebook(path, now=NOW)
    assert path.read_bytes() == content


def test_a_notebook_not_in_git_is_refused(course):
    path = course / "notebooks" / "02_mine.ipynb"
    path.write_bytes(_notebook_bytes())

    with pytest.raises(NotACourseNotebook, match="No original"):
        reset_notebook(path, now=NOW)


def test_command_line_resets_all_and_reports(course, monkeypatch, capsys):
    folder = course / "notebooks"
    (folder / "02_other.ipynb").write_bytes(_notebook_bytes("b = 2"))
    _git(course, "add", ".")
    _git(course, "commit", "--quiet", "-m", "second")
    learner = _learner_edit(folder / "01_demo.ipynb")
    monkeypatch.setattr(reset, "notebooks_dir", lambda: folder)

    assert reset.main(["--all"]) == 0

    out = capsys.readouterr().out
    assert "01_demo.ipynb: restored from git HEAD" in out
    assert "02_other.ipynb: unchanged" in out
    assert "Reload Notebook from Disk" in out and "save the notebook (Ctrl+S)" in out
    (backup,) = folder.glob("01_demo.backup-*.ipynb")
    assert backup.read_bytes() == learner


def test_command_line_error_names_the_file(course, capsys):
    stray = course / "notebooks" / "scratch.ipynb"
    stray.write_bytes(_notebook_bytes())

    assert reset.main([str(stray)]) == 1

    assert "scratch.ipynb" in capsys.readouterr().err


def test_command_line_without_arguments_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        reset.main([])
    assert stopped.value.code == 2
    assert "name a notebook" in capsys.readouterr().err


def test_the_course_notebooks_are_resettable_here():
    """In this checkout, every course notebook's original is found in git."""
    from helpers.notebook_tools import course_notebooks, notebooks_dir

    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"],
        cwd=notebooks_dir().parent,
        capture_output=True,
    )
    if inside.returncode != 0:
        pytest.skip("the course folder is not a git checkout")
    notebooks = course_notebooks()
    assert notebooks, f"no course notebooks in {notebooks_dir()}"
    for path in notebooks:
        original, origin = reset.find_original(path)
        assert origin == "git HEAD"
        assert nbformat.reads(original.decode("utf-8"), as_version=4).cells
