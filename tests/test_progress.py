"""Tests for helpers.progress: the record of passed exercises."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone

import pytest

from helpers import exercises, progress
from helpers.config import data_dir
from helpers.exercises import Exercise, Incorrect
from helpers.progress import (
    load_progress,
    progress_file,
    progress_table,
    record_pass,
    show_progress,
)


def _never_right(answer):
    raise Incorrect("no")


@pytest.fixture
def course(monkeypatch):
    """Three made-up exercises in notebooks 01 and 02."""
    found = {
        e.id: e
        for e in (
            Exercise("01.predict", "Predict", _never_right, [], "", record=False),
            Exercise("01.train", "Train", _never_right, [], "", record=False),
            Exercise("02.xor", "Solve XOR", _never_right, [], "", record=False),
        )
    }
    monkeypatch.setattr(exercises, "all_exercises", lambda: found)
    return found


def _files():
    """The data folder's files, less the lock that record_pass keeps there."""
    return sorted(p.name for p in data_dir().iterdir() if p.name != LOCK_NAME)


LOCK_NAME = ".progress.json.lock"


def test_the_record_lives_in_the_data_folder():
    assert progress_file() == data_dir() / "progress.json"
    assert load_progress() == {}


def test_record_pass_writes_an_iso_time():
    record_pass("01.predict")
    saved = json.loads(progress_file().read_text(encoding="utf-8"))
    assert list(saved) == ["01.predict"]
    when = datetime.fromisoformat(saved["01.predict"])
    assert when.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - when).total_seconds()) < 3600
    assert load_progress() == saved


def test_first_time_is_kept(monkeypatch):
    record_pass("01.predict")
    first = load_progress()["01.predict"]

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2099, 1, 1, tzinfo=tz)

    monkeypatch.setattr(progress, "datetime", Later)
    record_pass("01.predict")
    record_pass("01.train")
    record = load_progress()
    assert record["01.predict"] == first
    assert record["01.train"].startswith("2099-01-01")


def test_write_is_atomic_and_leaves_no_temporary_file(monkeypatch):
    record_pass("01.predict")
    before = progress_file().read_bytes()

    def broken_fsync(descriptor):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        record_pass("01.train")
    assert progress_file().read_bytes() == before
    assert _files() == ["progress.json"]


@pytest.mark.parametrize(
    "content", ["{not json", "[1, 2]", "\udcff".encode("utf-8", "surrogateescape")]
)
def test_damaged_record_is_set_aside_not_deleted(content):
    raw = content if isinstance(content, bytes) else content.encode()
    progress_file().write_bytes(raw)
    assert load_progress() == {}
    assert (data_dir() / "progress.json.damaged").read_bytes() == raw
    assert not progress_file().exists()
    record_pass("01.predict")
    assert list(load_progress()) == ["01.predict"]


def test_a_second_damaged_record_keeps_the_first():
    for text in ("first {", "second {"):
        progress_file().write_text(text)
        assert load_progress() == {}
    assert (data_dir() / "progress.json.damaged").read_text() == "first {"
    assert (data_dir() / "progress.json.damaged-2").read_text() == "second {"


def test_progress_table_counts_each_notebook(course):
    record_pass("01.train")
    record_pass("99.gone")
    assert progress_table() == [
        {
            "notebook": "01",
            "title": "The perceptron",
            "passed": 1,
            "total": 2,
            "missing": ["Predict"],
        },
        {
            "notebook": "02",
            "title": "The multi-layer perceptron",
            "passed": 0,
            "total": 1,
            "missing": ["Solve XOR"],
        },
    ]


def test_show_progress_plain_and_markdown(course):
    record_pass("01.train")
    record_pass("02.xor")
    report = show_progress()
    lines = str(report).splitlines()
    assert lines[0].split() == ["01", "The", "perceptron", "1/2", "passed"]
    assert lines[1].endswith("1/1 passed")
    assert repr(report) == str(report)
    markdown = report._repr_markdown_().splitlines()
    assert markdown[:2] == ["| Notebook | Passed | Still to do |", "|---|---|---|"]
    assert markdown[2] == "| 01 The perceptron | \u2588\u2591\u00a01/2 | Predict |"
    assert markdown[3].endswith("\u2588\u00a01/1 | all done \u2705 |")


def test_show_progress_with_no_exercises(monkeypatch):
    monkeypatch.setattr(exercises, "all_exercises", dict)
    assert str(show_progress()) == "No exercises found."


def test_passing_a_real_exercise_shows_in_the_table():
    from helpers.exercises import nb00

    assert nb00.double.check(lambda x: 2 * x)
    row = next(r for r in progress_table() if r["notebook"] == "00")
    assert (row["title"], row["passed"], row["missing"]) == ("Start here", 1, [])


def _record_passes(folder: str, prefix: str, count: int) -> None:
    os.environ["COURSE_DATA_DIR"] = folder
    for index in range(count):
        progress.record_pass(f"99.{prefix}{index}")


@pytest.mark.skipif(os.name != "posix", reason="the lock is POSIX only")
def test_two_kernels_recording_at_once_keep_every_pass(tmp_path):
    import multiprocessing

    folder = str(tmp_path / "shared-data")
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        pool.starmap(_record_passes, [(folder, "a", 30), (folder, "b", 30)])
    record = json.loads((tmp_path / "shared-data" / "progress.json").read_text())
    assert len(record) == 60
