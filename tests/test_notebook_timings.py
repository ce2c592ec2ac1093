"""Tests for bench/notebook_timings.py, on tiny notebooks (no TensorFlow)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.config import project_root

SCRIPT = project_root() / "bench" / "notebook_timings.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("notebook_timings", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def _write(folder: Path, name: str, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)
    return folder / name


def test_each_mode_runs_with_its_switch_and_a_private_data_folder(bench, tmp_path):
    path = _write(
        tmp_path / "notebooks",
        "01_demo.ipynb",
        "import os, helpers\nprint(helpers.fast_mode(), os.environ['COURSE_DATA_DIR'])",
    )
    seen = {}
    for mode in ("fast", "full"):
        data = bench.seed_data_folder(tmp_path / f"data-{mode}")
        seconds, notebook = bench.time_notebook(
            path, mode, folder=path.parent, data=data, env={}
        )
        assert seconds > 0
        seen[mode] = notebook.cells[0].outputs[0].text.split()
    assert seen["fast"] == ["True", str(tmp_path / "data-fast")]
    assert seen["full"] == ["False", str(tmp_path / "data-full")]
    with pytest.raises(ValueError, match="`mode` must be one of"):
        bench.time_notebook(path, "quick", folder=path.parent, data=tmp_path, env={})


def test_command_line_prints_figures_and_writes_the_table(bench, tmp_path, capsys):
    folder = tmp_path / "notebooks"
    first = _write(folder, "00_hello.ipynb", "x = 1")
    second = _write(folder, "01_broken.ipynb", "raise RuntimeError('boom')")
    out = tmp_path / "timings.md"

    code = bench.main([str(first), str(second), "--fast-only", "--out", str(out)])

    captured = capsys.readouterr()
    assert code == 1, "a failed notebook makes the benchmark fail"
    assert re.fullmatch(r"notebook_00_fast_s: \d+\.\d s\n", captured.out)
    assert "01_broken.ipynb, fast: " in captured.err
    assert "boom" in captured.err
    table = out.read_text(encoding="utf-8")
    assert re.search(r"\| `00_hello` \| \d+ \| not measured \|", table)
    assert "| `01_broken` | failed | not measured |" in table
    assert "| **Total** | - | - |" in table
    assert "CPU cores" in table
    assert "MNIST source: the " in table
    assert "offline sample" in table
    assert "downloads were turned off" in table
    assert "measure again after `make data`" in table


def test_table_totals_and_machine_line(bench):
    timings = [
        bench.Timing("00_a", {"fast": 2.0, "full": 3.0}),
        bench.Timing("01_b", {"fast": 4.4, "full": 60.2}),
    ]
    machine = {
        "cores": "2",
        "memory": "23.4 GiB",
        "cpu": "AMD EPYC",
        "system": "Linux",
        "python": "3.11.9",
        "tensorflow": "2.21.0",
        "date": "2026-12-03",
    }

    text = bench.timings_markdown(timings, machine, "`data/`, full", "Shared cores.")

    assert "| `01_b` | 4 | 60 |" in text
    assert "| **Total** | 6 | 63 |" in text
    assert "2 CPU cores (AMD EPYC), 23.4 GiB of memory" in text
    assert "MNIST source: `data/`, full" in text
    assert text.rstrip().endswith("Shared cores.")
    assert "make data" not in text


def test_machine_description_has_every_field(bench):
    machine = bench.machine_description()
    assert set(machine) == {
        "cores",
        "memory",
        "cpu",
        "system",
        "python",
        "tensorflow",
        "date",
    }
    assert int(machine["cores"]) >= 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", machine["date"])


def test_tensorboards_started_in_a_run_folder_are_stopped(bench, tmp_path, monkeypatch):
    from tensorboard import manager

    inside = tmp_path / "run" / "notebooks"
    outside = tmp_path / "elsewhere"
    inside.mkdir(parents=True)
    outside.mkdir()
    sleepers = [
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], cwd=cwd)
        for cwd in (inside, outside)
    ]
    infos = [
        manager.TensorBoardInfo("2", 0, p.pid, 6006 + i, "", "logs", "", "")
        for i, p in enumerate(sleepers)
    ]
    monkeypatch.setattr(manager, "get_all", lambda: infos)
    try:
        stopped = bench.stop_tensorboards(tmp_path / "run")

        assert stopped == [sleepers[0].pid]
        assert sleepers[0].wait(timeout=10) != 0
        assert sleepers[1].poll() is None
    finally:
        for sleeper in sleepers:
            sleeper.kill()
            sleeper.wait()


def test_the_guides_planning_table_comes_from_the_committed_timings(bench):
    root = project_root()
    timings = (root / "docs" / "timings.md").read_text(encoding="utf-8")
    guide = (root / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    table = bench.planning_markdown(
        bench.read_timings(timings), bench.course_notebooks()
    )
    assert f"{bench.GUIDE_START}\n{table}\n{bench.GUIDE_END}" in guide, (
        "docs/instructor-guide.md's planning table differs from docs/timings.md: "
        "run `python bench/notebook_timings.py --guide-only`"
    )


def test_planning_adds_compute_minutes_to_the_notebooks_teaching_time(bench, tmp_path):
    folder = tmp_path / "notebooks"
    path = _write(folder, "04_demo.ipynb", "x = 1")
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(
        0, nbformat.v4.new_markdown_cell("# Demo\n\n**Time:** about 30 minutes.")
    )
    nbformat.write(notebook, path)
    seconds = bench.read_timings(
        "| `04_demo` | 20 | 130 |\n| `05_other` | 3 | not measured |\n"
    )
    assert seconds == {
        "04_demo": {"fast": 20.0, "full": 130.0},
        "05_other": {"fast": 3.0, "full": None},
    }
    table = bench.planning_markdown(seconds, [path])
    assert table.splitlines()[-1] == "| `04_demo` | 30 min | 130 s | 33 min |"
    with pytest.raises(ValueError, match="must say"):
        bench.teaching_minutes(_write(folder, "05_other.ipynb", "x = 1"))


def test_the_guide_keeps_everything_outside_its_markers(bench):
    guide = f"intro\n{bench.GUIDE_START}\nold\n{bench.GUIDE_END}\noutro\n"
    assert bench.update_guide(guide, "new") == (
        f"intro\n{bench.GUIDE_START}\nnew\n{bench.GUIDE_END}\noutro\n"
    )
    with pytest.raises(ValueError, match="lost the planning table's markers"):
        bench.update_guide("no markers here", "new")
