"""The course runs anywhere: the Colab cell, the launch links, Binder's files."""

from __future__ import annotations

import re
import subprocess
import sys
import types
from urllib.parse import quote

import pytest
from packaging.specifiers import SpecifierSet

from helpers.config import REPOSITORY_URL, project_root
from helpers.notebook_tools import course_notebooks, read_notebook

ROOT = project_root()
NOTEBOOKS = course_notebooks()
REPOSITORY = REPOSITORY_URL.removeprefix("https://github.com/")


def _colab_cell_from_the_guide() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(
        r"The first code cell of every notebook is the Colab cell, word for word:"
        r"\s*```python\n(.*?)```",
        guide,
        re.DOTALL,
    )
    assert match, "CONTRIBUTING.md no longer shows the Colab cell"
    return match.group(1).strip("\n")


COLAB_CELL = _colab_cell_from_the_guide()


def _run_cell(monkeypatch, *, in_colab: bool) -> tuple[dict, list]:
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append((a, k)))
    if in_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    namespace: dict = {}
    exec(compile(COLAB_CELL, "<colab cell>", "exec"), namespace)
    return namespace, calls


def test_the_course_has_notebooks():
    assert NOTEBOOKS, "no course notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_is_the_colab_cell_word_for_word(path):
    cells = [c for c in read_notebook(path).cells if c.cell_type == "code"]
    assert cells, f"{path.name} has no code cell"
    assert cells[0].source.strip("\n") == COLAB_CELL


def test_colab_cell_does_nothing_outside_colab(monkeypatch):
    namespace, calls = _run_cell(monkeypatch, in_colab=False)

    assert calls == []
    assert set(namespace) - {"__builtins__"} == {"sys"}


def test_colab_cell_installs_the_course_from_its_repository_on_colab(monkeypatch):
    _, calls = _run_cell(monkeypatch, in_colab=True)

    ((args, kwargs),) = calls
    command = args[0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert command[-1] == f"git+{REPOSITORY_URL}"
    assert kwargs.get("check") is True


def _launch_doc() -> str:
    return (ROOT / "docs" / "run-anywhere.md").read_text(encoding="utf-8")


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("document", ["run-anywhere", "README"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_run_anywhere_links_open_each_notebook(path, document):
    doc = _launch_doc() if document == "run-anywhere" else _readme()
    colab = (
        f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/"
        f"notebooks/{path.name}"
    )
    binder = (
        f"https://mybinder.org/v2/gh/{REPOSITORY}/main?labpath="
        f"{quote(f'notebooks/{path.name}', safe='')}"
    )
    assert f"({colab})" in doc
    assert f"({binder})" in doc


@pytest.mark.parametrize("text", [_launch_doc, _readme], ids=["run-anywhere", "README"])
def test_run_anywhere_links_name_only_existing_notebooks(text):
    named = set(re.findall(r"notebooks(?:/|%2F)(\w+\.ipynb)", text()))
    assert named, "no notebook is linked"
    assert named <= {p.name for p in NOTEBOOKS}


def test_binder_runtime_is_a_supported_python():
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", runtime)
    assert match, f"runtime.txt must read python-3.x; it reads {runtime!r}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    requires = re.search(r'^requires-python = "(.+)"$', pyproject, re.MULTILINE)
    supported = SpecifierSet(requires.group(1))
    assert f"{match.group(1)}.0" in supported


def test_binder_installs_the_helpers_from_requirements():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in [line.strip() for line in lines]
