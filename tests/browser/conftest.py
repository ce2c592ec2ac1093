"""Fixtures for the browser tests: a JupyterLab server and a headless Chromium.

The server runs from this Python environment on 127.0.0.1 with a random port
and token, in throwaway settings folders, with fast mode on. Its root is a
temporary copy of ``notebooks/``, so running the course never writes outputs
into the learner's notebooks. Chromium is Debian's; no browser is downloaded.

Where Chromium or Playwright is missing the tests are skipped with the
command that installs them; under CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lab_driver import (
    ARTIFACTS_DIR,
    CHROMIUM_ARGS,
    NOTEBOOKS_DIR,
    LabServer,
    require_browser_tools,
)


@dataclass
class Screenshots:
    """Where the browser tests save what the learner would see."""

    folder: Path
    saved: list[Path] = field(default_factory=list)
    redraw_ms: dict[str, float] = field(default_factory=dict)
    """Milliseconds from a key press on a slider to its changed plot."""

    def path(self, name: str) -> Path:
        path = self.folder / f"{name}.png"
        self.saved.append(path)
        return path


_SCREENSHOTS = Screenshots(ARTIFACTS_DIR)


@pytest.fixture(scope="session")
def screenshots() -> Screenshots:
    """The screenshot folder. A run overwrites the PNGs of an earlier run
    by name and deletes nothing (another run may be writing there)."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return _SCREENSHOTS


def pytest_terminal_summary(terminalreporter) -> None:
    """Name the screenshot folder at the end of a run that saved any."""
    saved = [path for path in _SCREENSHOTS.saved if path.exists()]
    if saved:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(
            f"{len(saved)} screenshots of the notebooks as run in JupyterLab: "
            f"{ARTIFACTS_DIR}"
        )
    if _SCREENSHOTS.redraw_ms:
        terminalreporter.write_sep("-", "slider key press to changed plot")
        for name, ms in sorted(_SCREENSHOTS.redraw_ms.items()):
            terminalreporter.write_line(f"slider_redraw_{name}_ms: {ms:.0f} ms")
        terminalreporter.write_line("(target under 1000 ms; reported, not asserted)")


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright (sync API)."""
    executable = require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def _ignore(folder: str, names: list[str]) -> set[str]:
    """Leave out what a run made (checkpoints, logs) and learners' backups."""
    made = {".ipynb_checkpoints", "__pycache__", "logs"}
    return {name for name in names if name in made or ".backup-" in name}


@pytest.fixture(scope="session")
def lab(chromium, tmp_path_factory) -> LabServer:
    """A JupyterLab server whose root is a throwaway copy of ``notebooks/``.

    Asks for the browser first, so nothing starts when the browser is missing.
    """
    root = tmp_path_factory.mktemp("lab-root")
    if NOTEBOOKS_DIR.is_dir():
        shutil.copytree(NOTEBOOKS_DIR, root, ignore=_ignore, dirs_exist_ok=True)
    work = tmp_path_factory.mktemp("lab-work")
    data = work / "course-data"
    data.mkdir()
    server = LabServer(
        root, work, env={"COURSE_FAST": "1", "COURSE_DATA_DIR": str(data)}
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def lab_page(chromium, lab):
    """A fresh browser page; closed, and the server's kernels shut down, after."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
        lab.shutdown_kernels()
