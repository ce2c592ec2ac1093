"""The browser checks themselves: they pass a working notebook and catch a
broken one.

Two small notebooks are written into the server's throwaway root (never into
the repository): one whose slider redraws its plot, and one with the faults
the course's notebook tests must catch: a widget whose model is missing, an
unwired slider, red stderr text and an error. The same functions that judge
the course's notebooks must pass the first and report each fault of the
second.
"""

from __future__ import annotations

import nbformat
import pytest
from lab_driver import check_slider_redraws_plot, run_notebook
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

pytestmark = pytest.mark.browser

SETUP = """\
%matplotlib inline
import sys

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

import helpers"""

WIRED_SLIDER = """\
fig, ax = plt.subplots(figsize=(4, 3))
(line,) = ax.plot([0, 1], [0, 0])
ax.set_ylim(-2, 2)
plt.close(fig)
plot = widgets.Output()
slope = widgets.FloatSlider(value=0, min=-2, max=2, step=0.1,
                            description="slope")


def redraw(change=None):
    line.set_ydata([0, slope.value])
    with plot:
        plot.clear_output(wait=True)
        display(fig)


slope.observe(redraw, "value")
redraw()
widgets.VBox([slope, plot])"""

UNWIRED_SLIDER = """\
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([0, 1], [0, 1])
plt.close(fig)
plot = widgets.Output()
with plot:
    display(fig)
widgets.VBox([widgets.FloatSlider(description="unwired"), plot])"""

MISSING_MODEL = """\
display(
    {
        "application/vnd.jupyter.widget-view+json": {
            "model_id": "0" * 32,
            "version_major": 2,
            "version_minor": 0,
        },
        "text/plain": "A widget whose model does not exist",
    },
    raw=True,
)"""

STDERR = 'print("a log line on stderr", file=sys.stderr)'

ERROR = 'raise ValueError("a deliberate error")'


def write_notebook(path, *sources: str) -> str:
    """Write a notebook of code cells (after a title) and return its name."""
    notebook = new_notebook(
        cells=[new_markdown_cell("# A notebook made by the browser tests")]
        + [new_code_cell(source) for source in sources],
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            }
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path.name


@pytest.fixture
def selftest_dir(lab):
    folder = lab.root / "browser-selftest"
    folder.mkdir(exist_ok=True)
    return folder


def test_checks_pass_a_working_widget_notebook(
    lab, lab_page, selftest_dir, screenshots
):
    name = write_notebook(selftest_dir / "working.ipynb", SETUP, WIRED_SLIDER)
    run = run_notebook(
        lab_page, lab, f"browser-selftest/{name}", screenshots.path("selftest-working")
    )
    assert run.problems == [], run.report()
    assert run.images >= 1, run.report(["no plot shown"])
    slider_problems = check_slider_redraws_plot(lab_page)
    assert slider_problems == [], run.report(slider_problems)


def test_checks_report_a_missing_widget_model_and_other_faults(
    lab, lab_page, selftest_dir, screenshots
):
    name = write_notebook(
        selftest_dir / "broken.ipynb",
        SETUP,
        UNWIRED_SLIDER,
        MISSING_MODEL,
        STDERR,
        ERROR,
        "print('never runs')",
    )
    run = run_notebook(
        lab_page, lab, f"browser-selftest/{name}", screenshots.path("selftest-broken")
    )
    found = "\n".join(run.problems)
    assert "cell 4 (In [3])" in found and "model not found" in found, found
    assert "red stderr text: a log line on stderr" in found, found
    assert "error: ValueError: a deliberate error" in found, found
    assert "Code cells that did not run: 7" in found, found
    assert len(run.problems) == 4, found

    slider_problems = check_slider_redraws_plot(lab_page, timeout_s=5)
    assert len(slider_problems) == 1, slider_problems
    assert "'unwired'" in slider_problems[0], slider_problems
    assert "plot did not change" in slider_problems[0], slider_problems
