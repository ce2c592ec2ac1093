"""The browser tests' harness, without a browser: fast, in the unit run.

Checks that a missing browser is a skip naming the install commands on a
developer's machine and a failure under CI, and that the JupyterLab server
is set up as the browser tests need (throwaway folders, fast mode, all cells
on the page, no news pop-up, a fresh layout for every notebook).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from lab_driver import (
    LabServer,
    find_chromium,
    find_jupyter_lab,
    require_browser_tools,
    skip_or_fail,
    stderr_problem,
)


def test_missing_tool_is_a_skip_on_a_developer_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        skip_or_fail("no browser")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_tool_is_a_failure_under_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="no browser.*CI is set"):
        skip_or_fail("no browser")


def test_missing_chromium_names_both_install_commands(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as raised:
        require_browser_tools([str(tmp_path / "no-chromium-here")])
    message = str(raised.value)
    assert "Chromium is not installed" in message
    assert "sudo apt-get install chromium" in message
    assert "pip install -r requirements-dev.txt" in message


def test_missing_playwright_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    # A None entry in sys.modules makes the import raise ImportError.
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(pytest.fail.Exception, match="Playwright's Python package"):
        require_browser_tools()


def test_find_chromium_takes_the_first_executable(tmp_path):
    not_executable = tmp_path / "chromium-text"
    not_executable.write_text("")
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    found = find_chromium([None, str(tmp_path / "absent"), str(not_executable)])
    assert found is None
    assert find_chromium([str(not_executable), str(executable)]) == executable


def test_jupyter_lab_comes_from_this_environment():
    (command,) = find_jupyter_lab()
    assert Path(command).parent == Path(sys.executable).parent
    assert Path(command).name.startswith("jupyter-lab")


def test_server_environment_is_throwaway_and_in_fast_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    server = LabServer(
        tmp_path / "root",
        tmp_path / "work",
        env={"COURSE_FAST": "1", "COURSE_DATA_DIR": str(tmp_path / "data")},
    )
    env = server._environment()
    for name in (
        "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR",
        "JUPYTER_RUNTIME_DIR",
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
    ):
        assert env[name].startswith(str(tmp_path / "work")), name
    assert env["COURSE_FAST"] == "1"
    assert env["COURSE_DATA_DIR"] == str(tmp_path / "data")
    assert "MPLBACKEND" not in env
    settings = tmp_path / "work" / "settings" / "@jupyterlab"
    tracker = settings / "notebook-extension" / "tracker.jupyterlab-settings"
    assert json.loads(tracker.read_text())["windowingMode"] == "none"
    news = settings / "apputils-extension" / "notification.jupyterlab-settings"
    assert json.loads(news.read_text())["fetchNews"] == "false"


def test_each_notebook_opens_in_a_new_workspace(tmp_path):
    server = LabServer(tmp_path, tmp_path)
    first = server.notebook_url("00_start_here.ipynb")
    second = server.notebook_url("00_start_here.ipynb")
    assert first != second
    assert first.startswith(f"http://127.0.0.1:{server.port}/lab/workspaces/")
    assert first.endswith(f"/tree/00_start_here.ipynb?token={server.token}")
    assert len(server.token) >= 32


IPYTHON_TRACEBACK = """\
---------------------------------------------------------------------------
ValueError                                Traceback (most recent call last)
Cell In[5], line 1
----> 1 raise ValueError("a deliberate error")

ValueError: a deliberate error
"""

SAMPLE_WARNING = (
    "/tmp/ipykernel_1/123.py:3: MnistSampleWarning: Loaded the offline sample.\n"
    "  train, test = load_mnist()\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (IPYTHON_TRACEBACK, "error: ValueError: a deliberate error"),
        (SAMPLE_WARNING, None),
        ("", None),
        ("\n \n", None),
        ("W0000 00:00 cpu_feature_guard.cc:1] oneDNN", "red stderr text: W0000"),
        (
            SAMPLE_WARNING + "x.py:9: UserWarning: Do not pass `input_shape`\n  f()\n",
            "red stderr text: x.py:9: UserWarning: Do not pass `input_shape`",
        ),
    ],
    ids=["traceback", "expected-warning", "empty", "blank", "tf-log", "other-warning"],
)
def test_stderr_is_sorted_into_errors_noise_and_expected_warnings(text, expected):
    problem = stderr_problem(text, expected_warnings=("MnistSampleWarning",))
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(expected), problem


def test_a_warning_is_expected_only_when_listed():
    assert stderr_problem(SAMPLE_WARNING) == (
        "red stderr text: /tmp/ipykernel_1/123.py:3: MnistSampleWarning: "
        "Loaded the offline sample."
    )
