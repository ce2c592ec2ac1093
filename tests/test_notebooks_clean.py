"""Static checks of the notebooks as committed: clean, shaped, consistent.

These read the notebooks as JSON; nothing is executed here (nbval and the
browser test execute them).
"""

import json
import re
from pathlib import Path

import pytest

from helpers.exercises import all_exercises

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(path):
    return [c for c in _load(path)["cells"] if c["cell_type"] == "code"]


def _source(cell):
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def test_the_course_has_its_six_notebooks():
    numbers = [NAME.match(p.name).group(1) for p in NOTEBOOKS if NAME.match(p.name)]
    assert numbers == ["00", "01", "02", "03", "04", "05"], [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    dirty = [
        index
        for index, cell in enumerate(_code_cells(path))
        if cell.get("outputs") or cell.get("execution_count") is not None
    ]
    assert not dirty, f"{path.name}: code cells {dirty} carry outputs; strip them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_a_title_and_ends_with_what_comes_next(path):
    cells = _load(path)["cells"]
    assert cells[0]["cell_type"] == "markdown"
    assert _source(cells[0]).lstrip().startswith("# "), "first cell needs a title"
    number = int(path.name[:2])
    following = [p.name for p in NOTEBOOKS if int(p.name[:2]) == number + 1]
    if following:
        tail = "".join(_source(c) for c in cells[-3:])
        assert following[0] in tail, f"{path.name} should end with a link to the next"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_code_fits_a_projector(path):
    wide = [
        line
        for cell in _code_cells(path)
        for line in _source(cell).splitlines()
        if len(line) >= 80
    ]
    assert not wide, f"{path.name}: lines of 80 columns or more: {wide[:3]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_tensorflow_only_quietly(path):
    loud = [
        line.strip()
        for cell in _code_cells(path)
        for line in _source(cell).splitlines()
        if re.match(r"\s*(import tensorflow|from tensorflow|import keras\b)", line)
    ]
    assert not loud, (
        f"{path.name} imports TensorFlow directly ({loud}); use "
        "helpers.quiet.import_tensorflow() or import_keras()"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_cells_match_the_exercise_definitions(path):
    number = path.name[:2]
    defined = {k for k, e in all_exercises().items() if e.notebook == number}
    cells = _code_cells(path)
    starters = [c["metadata"]["exercise"] for c in cells if "exercise" in c["metadata"]]
    checks = [
        c["metadata"]["exercise_check"]
        for c in cells
        if "exercise_check" in c["metadata"]
    ]
    assert len(starters) == len(set(starters)), f"duplicate starters: {starters}"
    assert set(starters) == defined, (
        f"{path.name}: starter cells {sorted(starters)} but exercises defined "
        f"{sorted(defined)}"
    )
    assert sorted(checks) == sorted(starters), "each starter needs one check cell"
    for cell in cells:
        if "exercise" in cell["metadata"]:
            assert "____" in _source(cell), "a starter cell leaves ____ to fill"
