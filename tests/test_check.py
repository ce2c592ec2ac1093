"""Tests for helpers.check: the environment check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import check
from helpers.check import (
    BUILTIN_REQUIREMENTS,
    CheckItem,
    EnvironmentReport,
    check_environment,
    check_package,
    check_python,
    read_requirements,
)
from helpers.config import project_root


def test_report_has_one_item_for_each_thing_checked():
    report = check_environment()
    expected = ["Python", *read_requirements(), "Widgets in JupyterLab"]
    assert report.names() == [*expected, "MNIST data", "Processor"]
    for item in report.items:
        assert item.status in ("OK", "WARNING", "PROBLEM")
        assert item.message
        assert item.status == "OK" or item.fix


@pytest.mark.parametrize(
    ("version", "status"),
    [
        ((3, 10, 0), "OK"),
        ((3, 12, 9), "OK"),
        ((3, 9, 18), "PROBLEM"),
        ((3, 13), "PROBLEM"),
    ],
)
def test_python_version(version, status):
    item = check_python(version)
    assert item.status == status
    assert "3.10 to 3.12 supported" in item.message
    assert ("make PYTHON=python3.11 setup" in item.fix) == (status == "PROBLEM")


@pytest.mark.parametrize(
    ("version", "status", "words"),
    [
        ("2.4.6", "OK", "2.4.6"),
        ("1.26", "OK", "1.26"),
        ("1.26.0rc1", "OK", "1.26.0rc1"),
        ("1.25.2", "PROBLEM", "is not supported"),
        ("3.0.0", "WARNING", "newer than the course was tested with"),
        (None, "PROBLEM", "not installed"),
    ],
)
def test_package_against_its_range(version, status, words):
    item = check_package("numpy", ">=1.26,<3", version)
    assert item.status == status
    assert words in item.message and ">=1.26,<3" in item.message
    if status != "OK":
        assert item.fix.endswith('-m pip install "numpy>=1.26,<3"')


@pytest.mark.parametrize(
    ("spec", "version", "status"),
    [
        ("==0.17.6", "0.17.6", "OK"),
        ("==0.17.6", "0.17.7", "PROBLEM"),
        ("!=2.0", "2.0.0", "PROBLEM"),
        (">1.0", "1.0", "PROBLEM"),
        ("<=2.1", "2.1.0", "OK"),
        ("", "0.0.1", "OK"),
    ],
)
def test_other_range_operators(spec, version, status):
    assert check_package("tool", spec, version).status == status


def test_bad_range_is_an_error_naming_it():
    with pytest.raises(ValueError, match="`spec` must be a range.*'~1'"):
        check_package("numpy", "~1", "1.0")


def test_too_old_package_is_a_problem_with_its_fix(monkeypatch):
    real = check._installed_version
    monkeypatch.setattr(
        check,
        "_installed_version",
        lambda name: "1.20.0" if name == "numpy" else real(name),
    )
    report = check_environment()
    item = report["numpy"]
    assert item.status == "PROBLEM"
    assert item.fix == f'{check._python_command()} -m pip install "numpy>=1.26,<3"'
    assert not report.ok
    assert "1 problem to fix" in report.summary()
    assert "PROBLEM  numpy: 1.20.0 is not supported" in str(report)
    assert f"`{item.fix}`" in report._repr_markdown_()


def test_fix_command_runs_this_python():
    command = check._python_command()
    assert Path(project_root(), command).resolve() == Path(sys.executable).resolve()


def test_read_requirements_of_the_course():
    ranges = read_requirements()
    assert ranges["numpy"] == ">=1.26,<3"
    assert "-e" not in "".join(ranges)
    assert ranges == BUILTIN_REQUIREMENTS


def test_read_requirements_skips_options_comments_and_markers(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text(
        "# a comment\n-r base.txt\n-e .\n\nnumpy >= 1.26, < 3  # why\n"
        "pandas[excel]>=2.0 ; python_version >= '3.10'\nrequests\n"
    )
    assert read_requirements(path) == {
        "numpy": ">=1.26,<3",
        "pandas": ">=2.0",
        "requests": "",
    }


def test_read_requirements_bad_line_names_the_line(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("numpy>=1.26\nmatplotlib=>3\n")
    with pytest.raises(ValueError, match="line 2: cannot read 'matplotlib=>3'"):
        read_requirements(path)


def test_custom_requirements_file(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("numpy>=99\nno-such-package-for-the-course>=1\n")
    report = check_environment(path)
    assert report["numpy"].status == "PROBLEM"
    assert report["no-such-package-for-the-course"].message.startswith("not installed")


def test_widgets_frontend_missing_extension_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(check, "_labextension_folders", lambda: [tmp_path])
    item = check.check_widgets_frontend()
    assert item.status == "PROBLEM"
    assert "extension is missing" in item.message
    assert "jupyterlab_widgets" in item.fix and "restart JupyterLab" in item.fix
    (tmp_path / check.WIDGETS_EXTENSION).mkdir(parents=True)
    assert check.check_widgets_frontend().status == "OK"


def test_widgets_frontend_package_missing_or_mismatched(monkeypatch, tmp_path):
    (tmp_path / check.WIDGETS_EXTENSION).mkdir(parents=True)
    monkeypatch.setattr(check, "_labextension_folders", lambda: [tmp_path])
    versions = {"jupyterlab_widgets": None, "ipywidgets": "8.1.9"}
    monkeypatch.setattr(check, "_installed_version", versions.get)
    assert "not installed" in check.check_widgets_frontend().message
    versions["jupyterlab_widgets"] = "1.1.0"
    item = check.check_widgets_frontend()
    assert item.status == "PROBLEM" and "does not match" in item.message


def test_widgets_frontend_on_colab(monkeypatch):
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert check.check_widgets_frontend().message == "Colab draws widgets itself."


def test_mnist_item_says_which_source(monkeypatch):
    item = check.check_mnist()
    assert (item.status, item.fix) == ("WARNING", "make data")
    assert "offline sample" in item.message
    monkeypatch.setattr(check, "project_root", lambda: Path("/nowhere"))
    assert check.check_mnist().fix.endswith("-m helpers.data download")


def test_mnist_check_never_downloads(monkeypatch):
    from helpers.data import mnist

    def refuse(**options):
        raise AssertionError("the check must not download")

    monkeypatch.setattr(mnist, "download_mnist", refuse)
    assert check.check_mnist().status == "WARNING"


def test_device_without_and_with_a_gpu(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert check.check_device().message == "CPU only: fine for this course."
    fake = tmp_path / "nvidia-smi"
    fake.write_text("#!/bin/sh\necho 'GPU 0: Tesla T4 (UUID: GPU-1234)'\n")
    fake.chmod(0o755)
    item = check.check_device()
    assert item.status == "OK"
    assert item.message.startswith("GPU 0: Tesla T4: TensorFlow can use it")


def test_renderings_and_summary():
    report = EnvironmentReport(
        [
            CheckItem("Python", "OK", "3.11.7."),
            CheckItem("MNIST data", "WARNING", "Run `make data`.", "make data"),
        ]
    )
    assert report.ok
    assert report.summary().startswith("Ready for the course, with 1 warning")
    text = str(report)
    assert text.splitlines()[1] == "OK       Python: 3.11.7."
    assert "`" not in text and "         fix: make data" in text
    markdown = report._repr_markdown_()
    assert "| \u26a0\ufe0f WARNING | MNIST data | Run `make data`. | `make data` |" in (
        markdown
    )
    assert (
        EnvironmentReport([CheckItem("x", "OK", "y")]).summary().startswith("All good")
    )
    with pytest.raises(KeyError, match="No check named 'GPU'"):
        report["GPU"]


def test_check_item_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="`status` must be one of"):
        CheckItem("x", "FINE", "y")


def test_main_exit_code_follows_problems(monkeypatch, capsys):
    assert check.main([]) == (0 if check_environment().ok else 1)
    monkeypatch.setattr(check, "_installed_version", lambda name: None)
    assert check.main([]) == 1
    assert "PROBLEM  numpy: not installed" in capsys.readouterr().out


def test_module_runs_without_importing_tensorflow():
    code = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_module('helpers.check', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print('tensorflow' in sys.modules, done.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    loaded, code = done.stdout.splitlines()[-1].split()
    assert loaded == "False"
    assert int(code) == (1 if "PROBLEM " in done.stdout else 0)
    assert done.stdout.startswith("Environment check\nOK       Python")
