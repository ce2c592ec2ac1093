"""Tests for helpers.config: the fast mode switch and the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import config
from helpers.config import announce_fast_mode, data_dir, fast_mode, pick, project_root


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "On", " 1 "])
def test_fast_mode_on(monkeypatch, value):
    monkeypatch.setenv("COURSE_FAST", value)
    assert fast_mode() is True
    assert pick(full=10, fast=1) == 1


@pytest.mark.parametrize("value", ["0", "", "false", "No", "OFF", "  "])
def test_fast_mode_off(monkeypatch, value):
    monkeypatch.setenv("COURSE_FAST", value)
    assert fast_mode() is False
    assert pick(full=10, fast=1) == 10


def test_fast_mode_off_when_unset(monkeypatch):
    monkeypatch.delenv("COURSE_FAST", raising=False)
    assert fast_mode() is False


@pytest.mark.parametrize("value", ["2", "fast", "maybe", "1.0"])
def test_fast_mode_invalid_value_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("COURSE_FAST", value)
    expected = f"COURSE_FAST must be 1 or 0; received COURSE_FAST={value!r}"
    with pytest.raises(ValueError, match=expected.replace(".", r"\.")):
        fast_mode()
    with pytest.raises(ValueError, match="COURSE_FAST must be 1 or 0"):
        pick(full=10, fast=1)


def test_pick_returns_the_objects_themselves(monkeypatch):
    full, fast = [1, 2], {"epochs": 1}
    monkeypatch.setenv("COURSE_FAST", "1")
    assert pick(full, fast) is fast
    monkeypatch.setenv("COURSE_FAST", "0")
    assert pick(full, fast) is full


def test_announce_fast_mode_prints_one_line_only_when_on(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_FAST", "1")
    announce_fast_mode()
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("Fast mode is on (COURSE_FAST=1)")
    monkeypatch.setenv("COURSE_FAST", "0")
    announce_fast_mode()
    assert capsys.readouterr().out == ""


def test_project_root_holds_the_helpers_package():
    assert (project_root() / "helpers" / "config.py").is_file()


def test_data_dir_follows_the_override_and_creates_it(monkeypatch, tmp_path):
    target = tmp_path / "deep" / "er"
    monkeypatch.setenv("COURSE_DATA_DIR", str(target))
    assert data_dir() == target
    assert target.is_dir()


def test_data_dir_of_the_course_folder(monkeypatch):
    monkeypatch.delenv("COURSE_DATA_DIR")
    assert data_dir() == project_root() / "data"


def test_data_dir_of_an_installed_package(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_DATA_DIR")
    monkeypatch.setattr(config, "project_root", lambda: tmp_path / "site-packages")
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    found = data_dir()
    assert found == tmp_path / "home" / ".keras-course" / "data"
    assert found.is_dir()


def test_repository_url():
    assert config.REPOSITORY_URL.startswith("https://github.com/")
