"""`import helpers` and the modules a Setup cell uses load no TensorFlow.

Each test imports in a fresh Python process, since this test process may
already hold TensorFlow from other tests. No timings are asserted here:
bench/import_helpers.py measures them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers.config import project_root

HEAVY = ("tensorflow", "keras")


def _heavy_modules_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    probe = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {heavy!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project_root(),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "module",
    [
        "helpers",
        "helpers.config",
        "helpers.data",
        "helpers.data.mnist",
        "helpers.exercises",
        "helpers.progress",
        "helpers.check",
    ],
)
def test_module_loads_no_tensorflow(module):
    assert _heavy_modules_after(f"import {module}") == []


def test_progress_table_loads_no_tensorflow():
    # show_progress() in notebook 00 imports every exercise module.
    code = "from helpers.progress import show_progress\nstr(show_progress())"
    assert _heavy_modules_after(code) == []


def test_check_and_mnist_source_load_no_tensorflow():
    code = (
        "from helpers.check import check_environment\n"
        "from helpers.data import mnist_source\n"
        "check_environment(); mnist_source()"
    )
    assert _heavy_modules_after(code) == []


def test_the_probe_sees_a_module_that_was_imported():
    found = _heavy_modules_after("import wave", heavy=("wave",))
    assert found == ["wave"]
    assert _heavy_modules_after("import helpers", heavy=("wave",)) == []


def test_import_benchmark_prints_its_figures():
    done = subprocess.run(
        [
            sys.executable,
            str(project_root() / "bench" / "import_helpers.py"),
            "--repeats",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 8
    names = [line.split(":")[0] for line in lines]
    assert names[:2] == ["import_helpers_s", "import_helpers_tensorflow_loaded"]
    assert lines[1] == "import_helpers_tensorflow_loaded: 0 bool"
    seconds = float(lines[0].split()[1])
    assert seconds > 0 and lines[0].endswith(" s")
