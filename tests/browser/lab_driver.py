"""Drive JupyterLab in Chromium the way a learner does, and judge what it shows.

Three parts, used by the browser tests in this folder:

- :class:`LabServer` starts ``jupyter lab`` from the project's environment on
  127.0.0.1 in throwaway folders, and stops it whatever happens.
- :func:`open_notebook` and :func:`run_all_cells` open a notebook in a page
  and run it from the Run menu, then wait until the kernel is idle.
- :func:`find_problems` and :func:`check_slider_redraws_plot` look at the page
  and return what a learner would see as broken, as a list of sentences (an
  empty list means all is well). They return failures rather than raising,
  so a test can also prove that they detect a broken notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO / "notebooks"
ARTIFACTS_DIR = REPO / "test-artifacts" / "browser"

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
"""Flags for a quiet, offline, headless Chromium in a container or CI runner."""

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = "application/vnd.jupyter.stderr"

LAB_SETTINGS = {
    # Attach every cell to the page, so that checks and screenshots see the
    # whole notebook and not only the cells in view.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "scrollPastEnd": False,
    },
    # No news pop-up and no update check: offline, and nothing over the cells.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


EXPECTED_WARNINGS: tuple[str, ...] = ()
"""Warnings the course shows on purpose, which are not failures: none.

A learner should never meet a red warning box; ``load_mnist`` says in one
printed line when it falls back to the offline sample of MNIST.
"""

INSTALL_HINT = (
    "Install the browser test's tools with `sudo apt-get install chromium` "
    "and `pip install -r requirements-dev.txt`."
)


def under_ci() -> bool:
    """Tell whether the tests run under CI (the variable ``CI`` is true)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def skip_or_fail(reason: str) -> None:
    """Skip the calling test on a developer's machine; fail it under CI."""
    import pytest

    if under_ci():
        pytest.fail(
            f"{reason} (CI is set, so this fails instead of skipping.)", pytrace=False
        )
    pytest.skip(reason)


def find_chromium(candidates: list[str | None] | None = None) -> Path | None:
    """Return the path of Debian's Chromium, or None when it is not installed.

    Looks at ``candidates`` in turn; by default the environment variable
    ``CHROMIUM``, ``chromium`` on the PATH, ``/usr/bin/chromium`` and
    ``/usr/lib/chromium/chromium``.
    """
    if candidates is None:
        candidates = [
            os.environ.get("CHROMIUM"),
            shutil.which("chromium"),
            "/usr/bin/chromium",
            "/usr/lib/chromium/chromium",
        ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def require_browser_tools(candidates: list[str | None] | None = None) -> Path:
    """Return Chromium's path once Playwright and Chromium are both there.

    Skips the calling test when one is missing, naming the install
    commands; fails it instead under CI.
    """
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail(f"Playwright's Python package is not installed. {INSTALL_HINT}")
    executable = find_chromium(candidates)
    if executable is None:
        skip_or_fail(f"Chromium is not installed. {INSTALL_HINT}")
    return executable


def find_jupyter_lab() -> list[str]:
    """Return the command that starts JupyterLab from this Python environment.

    The ``jupyter-lab`` script next to ``sys.executable`` (the project's
    ``.venv/bin``), so that the server, its kernels and the widget front end
    all come from the environment the tests run in.
    """
    bin_dir = Path(sys.executable).parent
    for name in ("jupyter-lab", "jupyter-lab.exe"):
        script = bin_dir / name
        if script.is_file():
            return [str(script)]
    raise FileNotFoundError(
        f"JupyterLab is not installed next to {sys.executable}; expected "
        f"{bin_dir / 'jupyter-lab'}. Run: pip install -r requirements.txt"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server on 127.0.0.1, in throwaway folders.

    Parameters
    ----------
    root : Path
        The server's root folder: the notebooks it may open live here.
    work : Path
        An empty folder for settings, workspaces, runtime files, the data
        folder (``COURSE_DATA_DIR``) and the server's log.
    env : dict, optional
        Extra environment variables for the server and its kernels.
    """

    def __init__(self, root: Path, work: Path, env: dict[str, str] | None = None):
        self.root = Path(root)
        self.work = Path(work)
        self.extra_env = dict(env or {})
        self.port = _free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work / "jupyter-lab.log"
        self.process: subprocess.Popen | None = None
        self._log_file = None

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for folder in ("settings", "workspaces", "runtime", "config", "data"):
            (self.work / folder).mkdir(parents=True, exist_ok=True)
        for name, content in LAB_SETTINGS.items():
            path = self.work / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(content), encoding="utf-8")
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(self.work / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.work / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(self.work / "runtime"),
            JUPYTER_CONFIG_DIR=str(self.work / "config"),
            JUPYTER_DATA_DIR=str(self.work / "data"),
            # The kernel's `python` and any program a notebook calls
            # (tensorboard, pip) come from this environment first.
            PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
            PYTHONUNBUFFERED="1",
        )
        # A learner's kernel draws inline; a test run's Agg backend must not
        # leak into the server.
        env.pop("MPLBACKEND", None)
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 90.0) -> None:
        """Start the server and wait until it answers, or raise with its log."""
        command = [
            *find_jupyter_lab(),
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class="
            "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "--ServerApp.open_browser=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self._log_file = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with code {self.process.returncode} "
                    f"before it answered.\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                status = self.api("GET", "/api/status", timeout=2)
                if isinstance(status, dict):
                    return
            time.sleep(0.3)
        raise TimeoutError(
            f"jupyter lab did not answer on {self.url} within {timeout:.0f} s."
            f"\n{self.log_tail()}"
        )

    def api(self, method: str, path: str, timeout: float = 10.0):
        """Call the server's REST API and return the decoded JSON (or None)."""
        request = urllib.request.Request(
            self.url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Shut down every kernel this server runs (ignoring a dead server)."""
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            for kernel in self.api("GET", "/api/kernels") or []:
                with contextlib.suppress(OSError, urllib.error.URLError):
                    self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=30)

    def stop(self) -> None:
        """Stop the server: shut kernels down, terminate, then kill."""
        if self.process is None:
            return
        try:
            if self.process.poll() is None:
                self.shutdown_kernels()
                self.process.terminate()
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    # The server started its own process group: kill it and
                    # any kernel it left behind.
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=10)
        finally:
            if self._log_file is not None:
                self._log_file.close()

    def log_tail(self, lines: int = 40) -> str:
        """Return the last lines of the server's log, for error messages."""
        if self._log_file is not None and not self._log_file.closed:
            self._log_file.flush()
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "Server log (last lines):\n" + "\n".join(text.splitlines()[-lines:])

    def notebook_url(self, relative_path: str) -> str:
        """Return the URL that opens a notebook in a fresh JupyterLab layout.

        Each call names a new workspace, so no tab of an earlier notebook is
        restored and no other notebook starts a kernel.
        """
        workspace = f"browser-test-{secrets.token_hex(4)}"
        return (
            f"{self.url}/lab/workspaces/{workspace}/tree/{relative_path}"
            f"?token={self.token}"
        )


@dataclass
class PageLog:
    """Console errors and uncaught exceptions of one page, for diagnosis."""

    messages: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                self.messages.append(f"console.{message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))
        page.on("dialog", lambda dialog: dialog.dismiss())

    def widget_messages(self) -> list[str]:
        """Return the messages that mention widgets, shortened."""
        return [
            message[:300]
            for message in self.messages
            if re.search(r"widget|model", message, re.IGNORECASE)
        ]


# JavaScript run in the page. `panel()` is the notebook panel that is open;
# `shown(root, selector)` lists the matching elements a learner can see (an
# element inside a hidden box has no client rectangles).
_PANEL_JS = """
const shown = (root, selector) => [...root.querySelectorAll(selector)]
  .filter((element) => element.getClientRects().length > 0);
const panel = () => {
  const app = window.jupyterapp;
  if (!app || !app.shell) { return null; }
  const widget = app.shell.currentWidget;
  return widget && widget.content && widget.sessionContext ? widget : null;
};
"""

_OPENED_JS = (
    "(path) => {"
    + _PANEL_JS
    + """
  const p = panel();
  if (!p || p.context.path !== path || !p.context.isReady
      || !p.sessionContext.isReady) { return false; }
  const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === 'idle'
    && kernel.connectionStatus === 'connected';
}
"""
)

_DONE_JS = (
    "() => {"
    + _PANEL_JS
    + """
  const p = panel();
  if (!p) { return false; }
  const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
  if (!kernel) { return false; }
  if (kernel.status === 'dead') { return true; }
  if (kernel.status !== 'idle') { return false; }
  const cells = p.content.widgets.filter(
    (cell) => cell.model.type === 'code'
      && cell.model.sharedModel.getSource().trim() !== '');
  if (cells.some((cell) => cell.promptNode
      && cell.promptNode.textContent.includes('*'))) { return false; }
  return cells.length === 0 || cells[0].model.executionCount !== null;
}
"""
)

_SETTLED_JS = (
    "() => {"
    + _PANEL_JS
    + """
  const p = panel();
  if (!p) { return false; }
  for (const out of p.node.querySelectorAll('.jp-OutputArea-output')) {
    if (out.textContent.includes('Loading widget')) { return false; }
  }
  return shown(p.node, '.jp-OutputArea-output img')
    .every((img) => img.complete);
}
"""
)

_PROBLEMS_JS = (
    "([widgetMime, stderrMime]) => {"
    + _PANEL_JS
    + """
  const problems = [];
  const stderr = [];
  const p = panel();
  if (!p) { return {problems: ['No notebook is open in JupyterLab.'], stderr}; }
  const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
  if (!kernel) {
    problems.push('The notebook has no kernel.');
  } else if (kernel.status !== 'idle') {
    problems.push(`The kernel is ${kernel.status}, not idle.`);
  }
  for (const dialog of document.querySelectorAll('.jp-Dialog')) {
    problems.push('A dialog is open: '
      + dialog.innerText.replace(/\\s+/g, ' ').trim().slice(0, 300));
  }
  const cells = p.content.widgets;
  const attached = p.content.node.querySelectorAll('.jp-Cell').length;
  if (attached !== cells.length) {
    problems.push(`Only ${attached} of ${cells.length} cells are on the page `
      + '(notebook windowing is on); the checks cannot see them all.');
  }
  const notRun = [];
  cells.forEach((cell, index) => {
    const source = cell.model.sharedModel.getSource();
    const firstLine = source.split('\\n').find((line) => line.trim()) || '';
    const count = cell.model.type === 'code' ? cell.model.executionCount : null;
    const where = `cell ${index + 1}`
      + (count !== null ? ` (In [${count}])` : '')
      + ` starting "${firstLine.trim().slice(0, 60)}"`;
    if (cell.model.type !== 'code') { return; }
    if (source.trim() && count === null) { notRun.push(index + 1); }
    const node = cell.node;
    // Red text (tracebacks and stderr), also inside Output widgets; Python
    // sorts it (see stderr_problem).
    for (const out of node.querySelectorAll(
        `.jp-OutputArea-output[data-mime-type="${stderrMime}"]`)) {
      stderr.push({where: where, text: out.innerText});
    }
    const text = node.querySelector('.jp-Cell-outputWrapper');
    const outputText = text ? text.innerText : '';
    for (const match of outputText.matchAll(
        /Error displaying widget[^\\n]*|[^\\n]*model not found[^\\n]*/g)) {
      problems.push(`${where}: widget did not render: ${match[0].trim()}`);
    }
    // Each saved widget view in the cell's outputs must be drawn as a widget.
    const outputs = cell.model.outputs;
    const children = cell.outputArea ? cell.outputArea.widgets : [];
    for (let i = 0; i < outputs.length; i++) {
      const data = outputs.get(i).data || {};
      if (!(widgetMime in data)) { continue; }
      const child = children[i];
      const out = child
        ? child.node.querySelector('.jp-OutputArea-output') : null;
      // A widget closed by its code (a progress bar that is done) hides its
      // view on purpose.
      if (out && out.classList.contains('lm-mod-hidden')) { continue; }
      if (!out || (out.children.length === 0 && !out.textContent.trim())) {
        problems.push(`${where}: widget output is blank`);
      } else if (out.getAttribute('data-mime-type') === 'text/plain') {
        problems.push(`${where}: widget shown as text, not drawn (is the `
          + 'widget front end, jupyterlab_widgets, installed?): '
          + out.innerText.trim().slice(0, 80));
      } else if (out.textContent.includes('Loading widget')) {
        problems.push(`${where}: widget stuck at "Loading widget..."`);
      }
    }
    for (const img of shown(node, '.jp-OutputArea-output img')) {
      if (img.complete && img.naturalWidth === 0) {
        problems.push(`${where}: an image in the output is broken`);
      }
    }
  });
  if (notRun.length) {
    problems.push(`Code cells that did not run: ${notRun.join(', ')}`);
  }
  return {problems, stderr};
}
"""
)

_IMAGES_JS = (
    "() => {"
    + _PANEL_JS
    + """
  const p = panel();
  return p ? shown(p.node, '.jp-OutputArea-output img').length : 0;
}
"""
)

# Marks the first slider that shares a cell with a plot, and returns its cell
# number, label and value, and a fingerprint of the cell's images.
_PICK_SLIDER_JS = (
    "() => {"
    + _PANEL_JS
    + """
  const p = panel();
  if (!p) { return null; }
  for (const old of document.querySelectorAll('[data-browser-test]')) {
    old.removeAttribute('data-browser-test');
  }
  const cells = p.content.widgets;
  let sliders = 0;
  for (let index = 0; index < cells.length; index++) {
    const node = cells[index].node;
    const found = shown(node, '.widget-slider');
    sliders += found.length;
    if (!found.length || !shown(node, '.jp-OutputArea-output img').length) {
      continue;
    }
    const slider = found[0];
    slider.setAttribute('data-browser-test', 'slider');
    node.setAttribute('data-browser-test', 'slider-cell');
    const label = slider.querySelector('.widget-label');
    const readout = slider.querySelector('.widget-readout');
    return {
      cell: index + 1,
      sliders: sliders,
      label: label ? label.innerText.trim() : '',
      value: readout ? readout.innerText.trim() : '',
    };
  }
  return {cell: null, sliders: sliders, label: '', value: ''};
}
"""
)

_FINGERPRINT_JS = (
    "() => {"
    + _PANEL_JS
    + """
  const cell = document.querySelector('[data-browser-test="slider-cell"]');
  if (!cell) { return null; }
  const images = shown(cell, '.jp-OutputArea-output img');
  if (!images.length || images.some((img) => !img.complete || !img.naturalWidth))
    { return null; }
  return images.map((img) => img.src).join('|');
}
"""
)

_READOUT_JS = """() => {
  const slider = document.querySelector('[data-browser-test="slider"]');
  const readout = slider && slider.querySelector('.widget-readout');
  return readout ? readout.innerText.trim() : null;
}"""


def open_notebook(page, server: LabServer, relative_path: str, timeout_s=120):
    """Open a notebook in a fresh JupyterLab layout and wait for its kernel."""
    page.goto(server.notebook_url(relative_path), wait_until="domcontentloaded")
    page.wait_for_function("() => Boolean(window.jupyterapp)", timeout=timeout_s * 1000)
    # The file browser is folded away, as a learner does to read a notebook,
    # so screenshots show the cells at full width.
    page.evaluate(
        "async () => { await window.jupyterapp.restored;"
        " window.jupyterapp.shell.collapseLeft(); }"
    )
    page.wait_for_function(
        _OPENED_JS, arg=relative_path, timeout=timeout_s * 1000, polling=250
    )


def wait_until_idle(page, timeout_s: float, quiet_s: float = 1.0) -> None:
    """Wait until the kernel is idle and no cell shows ``[*]``, for a while.

    The kernel goes idle for a moment between two requests (two cells, two
    slider moves), so the state must hold for ``quiet_s`` seconds.

    Raises
    ------
    playwright.sync_api.TimeoutError
        If that does not happen within ``timeout_s`` seconds.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise PlaywrightTimeout(f"The kernel was still busy after {timeout_s} s")
        page.wait_for_function(_DONE_JS, timeout=remaining * 1000, polling=250)
        page.wait_for_timeout(quiet_s * 1000)
        if page.evaluate(_DONE_JS):
            return


def run_all_cells(page, timeout_s: float = 300.0) -> None:
    """Run every cell from the Run menu and wait until the run has finished.

    Finished means: the kernel is idle (or dead), no cell shows ``[*]``, the
    first code cell has an execution count, and this holds for a second.
    Then waits up to a few seconds more for widgets and images to draw.
    """
    # Like a learner: click into the notebook (its first prompt), then use the
    # Run menu. Until the notebook has focus the menu's run items are greyed.
    page.locator(".jp-NotebookPanel .jp-Cell .jp-InputPrompt").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    item = page.locator(
        ".lm-Menu .lm-Menu-item:not(.lm-mod-disabled)",
        has=page.locator(
            ".lm-Menu-itemLabel", has_text=re.compile(r"^Run All( Cells)?$")
        ),
    )
    item.click(timeout=10_000)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    wait_until_idle(page, timeout_s)

    # Widgets and images draw a moment after the kernel is idle; what has not
    # drawn after this wait is reported by find_problems.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_SETTLED_JS, timeout=15_000)


_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|^\s*-{20,}|^\w*(Error|Exception)\b",
    re.MULTILINE,
)
_WARNING = re.compile(r"^\S.*?:\d+: (?P<category>\w+): ")


def stderr_problem(text: str, expected_warnings=EXPECTED_WARNINGS) -> str | None:
    r"""Say what is wrong with a red (stderr) output, or None if nothing is.

    A traceback is an ``error``, reported by its last line (``ValueError:
    ...``). Any other text is ``red stderr text``, reported by its first
    line, except the warnings in ``expected_warnings``: a Python warning
    line of that category and the source line Python prints under it.

    Examples
    --------
    >>> stderr_problem("ValueError: bad\n")
    'error: ValueError: bad'
    >>> stderr_problem("x.py:3: MnistSampleWarning: sample\n  load()\n")
    >>> stderr_problem("x.py:3: UserWarning: careful\n  f()\n")
    'red stderr text: x.py:3: UserWarning: careful'
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    if _TRACEBACK.search(text):
        return f"error: {lines[-1].strip()[:300]}"
    remaining = []
    skip_source_line = False
    for line in lines:
        match = _WARNING.match(line)
        if match and match["category"] in expected_warnings:
            skip_source_line = True
            continue
        if skip_source_line and line.startswith((" ", "\t")):
            skip_source_line = False
            continue
        skip_source_line = False
        remaining.append(line)
    if not remaining:
        return None
    return f"red stderr text: {remaining[0].strip()[:300]}"


def find_problems(page, expected_warnings=EXPECTED_WARNINGS) -> list[str]:
    """Return what a learner would see as broken in the open notebook.

    Looks for error tracebacks and red stderr text in outputs (but for the
    ``expected_warnings``), widgets that did not render ("Error displaying
    widget", "model not found", blank or stuck at "Loading widget...", or
    shown as plain text because the widget front end is missing), broken
    images, open dialogs, a kernel that is not idle and code cells that did
    not run. An empty list means none of these.
    """
    found = page.evaluate(_PROBLEMS_JS, [WIDGET_MIME, STDERR_MIME])
    problems = []
    for output in found["stderr"]:
        problem = stderr_problem(output["text"], expected_warnings)
        if problem:
            problems.append(f"{output['where']}: {problem}")
    return problems + found["problems"]


def count_images(page) -> int:
    """Return how many images the open notebook's outputs show."""
    return page.evaluate(_IMAGES_JS)


_KEY_CLOCK_JS = """() => {
  window.__courseKeyAt = null;
  if (!window.__courseKeyClock) {
    window.__courseKeyClock = true;
    document.addEventListener('keydown', () => {
      if (window.__courseKeyAt === null) { window.__courseKeyAt = performance.now(); }
    }, {capture: true});
  }
}"""


def check_slider_redraws_plot(
    page, presses: int = 3, timeout_s: float = 20.0, timing: dict | None = None
) -> list[str]:
    """Move a slider with the keyboard and check that its plot changes.

    Takes the first slider that shares a cell with a plot, focuses its
    handle, presses ArrowRight ``presses`` times (ArrowLeft when the slider
    sits at its maximum), and waits up to ``timeout_s`` seconds for the
    cell's images to change. Returns the problems found; empty means the
    slider moved and the plot was redrawn.

    With a ``timing`` dict, ``timing["redraw_ms"]`` is set to the time from
    the first key press to the first changed picture, measured in the page
    (the page is checked every 16 ms). It is a figure to report: tests do
    not assert wall-clock times.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    picked = page.evaluate(_PICK_SLIDER_JS)
    if picked is None:
        return ["No notebook is open in JupyterLab."]
    if picked["cell"] is None:
        if picked["sliders"] == 0:
            return ["No slider is shown in the notebook."]
        return [f"None of the {picked['sliders']} sliders shares a cell with a plot."]
    where = f"slider {picked['label']!r} in cell {picked['cell']}"
    before = page.evaluate(_FINGERPRINT_JS)
    if before is None:
        return [f"{where}: the plot beside it has not finished drawing."]
    handle = page.locator('[data-browser-test="slider"] .noUi-handle').first
    start = page.evaluate(_READOUT_JS)
    moved = None
    for key in ("ArrowRight", "ArrowLeft"):
        handle.focus()
        page.evaluate(_KEY_CLOCK_JS)
        for _ in range(presses):
            handle.press(key)
        try:
            page.wait_for_function(
                f"() => ({_READOUT_JS})() !== {json.dumps(start)}", timeout=3000
            )
        except PlaywrightTimeout:
            continue
        moved = page.evaluate(_READOUT_JS)
        break
    if moved is None:
        return [f"{where} did not move when its handle got arrow key presses."]
    try:
        page.wait_for_function(
            f"(before) => {{ const now = ({_FINGERPRINT_JS})(); "
            f"if (now === null || now === before) {{ return false; }} "
            f"window.__courseChangedAt = performance.now(); return true; }}",
            arg=before,
            timeout=timeout_s * 1000,
            polling=16,
        )
    except PlaywrightTimeout:
        return [
            f"{where} moved from {start} to {moved}, but its plot did not change "
            f"within {timeout_s:.0f} s."
        ]
    if timing is not None:
        timing["redraw_ms"] = page.evaluate(
            "() => window.__courseChangedAt - window.__courseKeyAt"
        )
    # The other key presses are still being handled: wait for them, so that
    # whatever they leave behind can be checked.
    with contextlib.suppress(PlaywrightTimeout):
        wait_until_idle(page, timeout_s)
        page.wait_for_function(_SETTLED_JS, timeout=timeout_s * 1000, polling=250)
    return []


_SCROLLER_JS = """(top) => {
  const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const outer = p && p.node.querySelector('.jp-WindowedPanel-outer');
  if (!outer) { return null; }
  if (top !== null) { outer.scrollTop = top; }
  const box = outer.getBoundingClientRect();
  return {top: outer.scrollTop, scrollHeight: outer.scrollHeight,
          x: box.x, y: box.y, width: box.width, height: outer.clientHeight};
}"""


def save_screenshot(page, path: Path, max_height: int = 12000) -> Path:
    """Save the whole notebook as one PNG.

    JupyterLab scrolls the notebook inside its own panel, so a full-page
    screenshot shows only the viewport. The viewport is made as tall as the
    notebook (and stays so) and the page is captured; a notebook taller
    than ``max_height`` pixels is captured in slices, scrolled one after the
    other, and the slices are joined into one image of the notebook panel.
    """
    size = page.viewport_size or {"width": 1280, "height": 900}
    scroller = page.evaluate(_SCROLLER_JS, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    if scroller is None:
        page.screenshot(path=str(path), full_page=True)
        return path
    hidden = scroller["scrollHeight"] - scroller["height"]
    height = min(size["height"] + max(hidden, 0) + 40, max_height)
    if height != size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
    scroller = page.evaluate(_SCROLLER_JS, 0)
    page.wait_for_timeout(500)
    if scroller["scrollHeight"] <= scroller["height"] + 1:
        page.screenshot(path=str(path), full_page=True)
        return path
    from PIL import Image

    slices = []
    top = 0
    while True:
        scroller = page.evaluate(_SCROLLER_JS, top)
        page.wait_for_timeout(300)
        clip = {key: scroller[key] for key in ("x", "y", "width", "height")}
        slice_path = path.with_name(f"{path.stem}.slice{len(slices)}.png")
        page.screenshot(path=str(slice_path), clip=clip)
        slices.append((scroller["top"], slice_path))
        if scroller["top"] + scroller["height"] >= scroller["scrollHeight"]:
            break
        top = scroller["top"] + scroller["height"]
    first = Image.open(slices[0][1])
    scale = first.height / scroller["height"]
    whole = Image.new("RGB", (first.width, round(scroller["scrollHeight"] * scale)))
    for offset, slice_path in slices:
        with Image.open(slice_path) as part:
            whole.paste(part, (0, round(offset * scale)))
        slice_path.unlink()
    whole.save(path)
    page.evaluate(_SCROLLER_JS, 0)
    return path


@dataclass
class NotebookRun:
    """A notebook opened and run in a page, with what the checks found."""

    path: str
    page: object
    log: PageLog
    problems: list[str]
    images: int
    screenshot: Path

    def report(self, problems: list[str] | None = None) -> str:
        """Return the problems as lines, with the screenshot and widget logs."""
        lines = [f"{self.path} in JupyterLab:"]
        lines += [f"  - {problem}" for problem in (problems or self.problems)]
        lines.append(f"  screenshot: {self.screenshot}")
        messages = self.log.widget_messages()
        if messages:
            lines.append("  browser console (widget messages):")
            lines += [f"    {message}" for message in messages[:10]]
        return "\n".join(lines)


def run_notebook(
    page, server: LabServer, relative_path: str, screenshot: Path, timeout_s=300.0
) -> NotebookRun:
    """Open a notebook, run all its cells, check it and save a screenshot.

    Raises
    ------
    RuntimeError
        If the notebook does not open or its run does not finish in time;
        the message lists what the checks see at that moment.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    log = PageLog()
    log.attach(page)
    try:
        open_notebook(page, server, relative_path)
        run_all_cells(page, timeout_s=timeout_s)
    except PlaywrightTimeout as error:
        problems = ["(the page could not be read)"]
        with contextlib.suppress(Exception):
            problems = find_problems(page)
        with contextlib.suppress(Exception):
            save_screenshot(page, screenshot)
        run = NotebookRun(relative_path, page, log, problems, 0, screenshot)
        raise RuntimeError(
            f"{relative_path} did not open or finish running within "
            f"{timeout_s:.0f} s ({error.message.splitlines()[0]}).\n"
            + run.report()
            + f"\n{server.log_tail(15)}"
        ) from error
    problems = find_problems(page)
    images = count_images(page)
    save_screenshot(page, screenshot)
    return NotebookRun(relative_path, page, log, problems, images, screenshot)
