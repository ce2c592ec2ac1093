"""Tests for helpers.files: writes that never leave half a file."""

import os

import pytest

from helpers.files import write_atomically


def test_writes_text_and_bytes(tmp_path):
    target = tmp_path / "note.txt"
    write_atomically(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    write_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path, monkeypatch
):
    target = tmp_path / "progress.json"
    target.write_text("old")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual(
    tmp_path,
):
    shared = tmp_path / "01_perceptron.ipynb"
    shared.write_text("old")
    shared.chmod(0o664)
    write_atomically(shared, "new")
    assert shared.stat().st_mode & 0o777 == 0o664
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "progress.json"
        write_atomically(fresh, "{}")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644
