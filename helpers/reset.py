"""Put a notebook back as it was shipped, keeping the learner's version.

Run it from the course folder::

    python -m helpers.reset notebooks/01_perceptron.ipynb
    python -m helpers.reset --all          # every notebook that was changed
    python -m helpers.reset --snapshot     # keep originals (not needed in git)

Before anything is restored, the learner's notebook is copied byte for byte
to ``01_perceptron.backup-YYYYMMDD-HHMMSS.ipynb`` next to it. No file is
ever overwritten: if that name is taken, ``-2``, ``-3``, ... is added. A
notebook that is unchanged (same cells, no outputs) is left alone.

The original comes from git (``git show HEAD:<path>``) when the course
folder is a git checkout, else from the snapshot in ``data/originals/``
that ``--snapshot`` takes of notebooks that were never run. In a clone made
by nbgitpuller on a JupyterHub, which commits the learner's changes before
each pull, it is the upstream branch as last pulled (``origin/main``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from helpers.config import data_dir
from helpers.files import write_atomically
from helpers.notebook_tools import (
    BACKUP_MARK,
    course_notebooks,
    is_course_notebook_name,
    notebooks_dir,
)

__all__ = [
    "NotACourseNotebook",
    "ResetResult",
    "SnapshotResult",
    "backup_path",
    "find_original",
    "main",
    "reset_all",
    "reset_notebook",
    "same_notebook",
    "snapshot_dir",
    "take_snapshot",
]


class NotACourseNotebook(ValueError):
    """The path is not a course notebook that can be reset."""


@dataclass
class ResetResult:
    """What :func:`reset_notebook` did to one notebook.

    Attributes
    ----------
    notebook : Path
        The notebook.
    action : str
        ``"restored"`` (the learner's copy saved, the original written),
        ``"unchanged"`` (nothing to do) or ``"recreated"`` (the notebook was
        missing and the original was written).
    backup : Path or None
        Where the learner's version was saved, if it was.
    origin : str
        Where the original came from, e.g. ``"git HEAD"``.
    """

    notebook: Path
    action: str
    backup: Path | None
    origin: str

    def __str__(self) -> str:
        name = self.notebook.name
        if self.action == "unchanged":
            return f"{name}: unchanged since it was shipped; nothing to do."
        if self.action == "recreated":
            return f"{name}: was missing; restored from {self.origin}."
        return (
            f"{name}: restored from {self.origin}; your version is kept as "
            f"{self.backup.name if self.backup else '?'}."
        )


@dataclass
class SnapshotResult:
    """What :func:`take_snapshot` did with one notebook."""

    notebook: Path
    action: str
    snapshot: Path

    def __str__(self) -> str:
        messages = {
            "taken": "snapshot taken",
            "kept": "a snapshot exists already; kept it",
            "skipped": "not snapshotted: it has outputs, so it is not as shipped",
        }
        return f"{self.notebook.name}: {messages[self.action]}."


def snapshot_dir() -> Path:
    """Return the folder of the pristine copies, ``data/originals/``."""
    return data_dir() / "originals"


def _check_name(path: Path) -> None:
    if path.suffix != ".ipynb":
        raise NotACourseNotebook(
            f"`notebook` must be a course notebook such as "
            f"notebooks/01_perceptron.ipynb; received {str(path)!r}, which is "
            f"not a .ipynb file."
        )
    if BACKUP_MARK in path.name:
        raise NotACourseNotebook(
            f"`notebook` must be a course notebook; received {str(path)!r}, which "
            f"is a copy saved by an earlier reset. Open it to use it, or reset "
            f"the notebook it was saved from."
        )
    if not is_course_notebook_name(path.name):
        raise NotACourseNotebook(
            f"`notebook` must be a course notebook, named like "
            f"notebooks/01_perceptron.ipynb; received {str(path)!r}."
        )
    if path.is_dir():
        raise NotACourseNotebook(
            f"`notebook` must be a notebook file; received the folder {str(path)!r}."
        )


NBGITPULLER_EMAIL = "nbgitpuller@example.com"
"""The git identity nbgitpuller sets in the clones it makes on a JupyterHub."""


def _git(folder: Path | str, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout.strip()


def _from_git(path: Path) -> tuple[bytes, str] | None:
    """Return the committed notebook and its revision, or None outside git.

    The revision is ``HEAD``, except in a clone made by nbgitpuller (on a
    JupyterHub), which commits the learner's changes before each pull: there
    it is the upstream branch as last pulled, e.g. ``origin/main``.
    """
    folder = path.parent
    if not folder.is_dir():
        return None
    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
        relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
        revision = "HEAD"
        try:
            email = _git(top, "config", "user.email")
        except subprocess.CalledProcessError:
            email = ""
        if email == NBGITPULLER_EMAIL:
            revision = _git(
                top, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"
            )
        shown = subprocess.run(
            ["git", "show", f"{revision}:{relative}"],
            cwd=top,
            capture_output=True,
            check=True,
        )
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None
    return shown.stdout, f"git {revision}"


def find_original(notebook: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Return the shipped version of a course notebook and where it came from.

    Parameters
    ----------
    notebook : path
        A course notebook, ``notebooks/NN_name.ipynb``. It need not exist.

    Returns
    -------
    (bytes, str)
        The original file's bytes, and where it came from: ``"git HEAD"``
        (``"git origin/main"`` in a clone made by nbgitpuller) or the
        snapshot's path.

    Raises
    ------
    NotACourseNotebook
        If the path is not named like a course notebook, or no original of it
        is in git or in the snapshot folder.
    """
    path = Path(notebook)
    _check_name(path)
    if not path.parent.is_dir():
        raise NotACourseNotebook(
            f"`notebook` must be in the course's notebooks folder; received "
            f"{str(path)!r}, but the folder {str(path.parent)!r} does not exist."
        )
    committed = _from_git(path)
    if committed is not None:
        return committed
    snapshot = snapshot_dir() / path.name
    if snapshot.is_file():
        return snapshot.read_bytes(), f"the snapshot {snapshot}"
    raise NotACourseNotebook(
        f"No original of {str(path)!r} was found: it is not committed in a git "
        f"checkout, and {snapshot} does not exist. Only the course's own "
        f"notebooks can be reset; outside git, `python -m helpers.reset "
        f"--snapshot` must run once before the notebooks are used."
    )


def _essence(raw: bytes) -> object:
    """What matters of a notebook when telling whether it was changed."""
    notebook = json.loads(raw.decode("utf-8"))
    cells = []
    for cell in notebook["cells"]:
        source = cell.get("source", "")
        cells.append(
            (
                cell.get("cell_type"),
                source if isinstance(source, str) else "".join(source),
                cell.get("outputs", []),
                cell.get("execution_count"),
                cell.get("attachments"),
            )
        )
    return cells


def same_notebook(first: bytes, second: bytes) -> bool:
    """Tell whether two notebook files hold the same cells and outputs.

    Notebook-level metadata (kernel, language version), cell ids and cell
    metadata are ignored: JupyterLab adds these on save. Files that are not
    readable notebooks are the same only if their bytes are.

    Examples
    --------
    >>> a = b'{"cells": [{"cell_type": "code", "source": ["x = 1"]}]}'
    >>> b = b'{"cells": [{"cell_type": "code", "source": "x = 1", "id": "7"}],'
    >>> b += b' "metadata": {"kernelspec": {}}}'
    >>> same_notebook(a, b)
    True
    >>> same_notebook(a, a.replace(b"x = 1", b"x = 2"))
    False
    """
    if first == second:
        return True
    try:
        return _essence(first) == _essence(second)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False


def backup_path(notebook: Path, now: datetime) -> Path:
    """Return a free name for the learner's copy of ``notebook``.

    ``01_perceptron.backup-20250314-093000.ipynb``, or with ``-2``, ``-3``
    ... added when that name is taken.
    """
    stamp = now.strftime("%Y%m%d-%H%M%S")
    stem = notebook.name[: -len(".ipynb")]
    candidate = notebook.with_name(f"{stem}{BACKUP_MARK}{stamp}.ipynb")
    counter = 2
    while candidate.exists():
        candidate = notebook.with_name(f"{stem}{BACKUP_MARK}{stamp}-{counter}.ipynb")
        counter += 1
    return candidate


def _save_backup(notebook: Path, learner: bytes, now: datetime) -> Path:
    """Write the learner's bytes to a new backup file; never overwrite one."""
    while True:
        target = backup_path(notebook, now)
        try:
            with open(target, "xb") as stream:
                stream.write(learner)
                stream.flush()
                os.fsync(stream.fileno())
        except FileExistsError:
            continue
        break
    shutil.copystat(notebook, target)
    if target.read_bytes() != learner:
        raise OSError(
            f"The copy {target} does not match {notebook}; the notebook was not "
            f"reset. Check the disk and try again."
        )
    return target


def reset_notebook(
    notebook: str | os.PathLike[str], *, now: datetime | None = None
) -> ResetResult:
    """Restore a course notebook to its shipped state, keeping the learner's.

    Parameters
    ----------
    notebook : path
        The notebook, e.g. ``notebooks/01_perceptron.ipynb``.
    now : datetime, optional
        The time stamped on the backup's name. Defaults to now (local time).

    Returns
    -------
    ResetResult
        What was done; ``str()`` of it is a one-line report.

    Raises
    ------
    NotACourseNotebook
        If the path is not a course notebook with a known original.
    """
    path = Path(notebook)
    original, origin = find_original(path)
    if not path.exists():
        write_atomically(path, original)
        return ResetResult(path, "recreated", None, origin)
    learner = path.read_bytes()
    if same_notebook(learner, original):
        return ResetResult(path, "unchanged", None, origin)
    backup = _save_backup(path, learner, now or datetime.now())
    write_atomically(path, original)
    return ResetResult(path, "restored", backup, origin)


def reset_all(
    folder: str | os.PathLike[str] | None = None, *, now: datetime | None = None
) -> list[ResetResult]:
    """Reset every course notebook in ``folder`` (default ``notebooks/``)."""
    now = now or datetime.now()
    return [reset_notebook(path, now=now) for path in course_notebooks(folder)]


def _has_outputs(raw: bytes) -> bool:
    try:
        cells = json.loads(raw.decode("utf-8"))["cells"]
    except (ValueError, KeyError, TypeError):
        return True
    return any(
        cell.get("outputs") or cell.get("execution_count") is not None for cell in cells
    )


def take_snapshot(folder: str | os.PathLike[str] | None = None) -> list[SnapshotResult]:
    """Keep a pristine copy of each course notebook in ``data/originals/``.

    Only notebooks that were never run (no outputs, as shipped) are copied,
    and an existing snapshot is never replaced, so running this again after
    the learner has worked is harmless. Delete ``data/originals/`` to take
    new snapshots after updating the course.

    Parameters
    ----------
    folder : path, optional
        The notebooks folder. Defaults to ``notebooks/``.

    Returns
    -------
    list of SnapshotResult
        One per notebook: ``"taken"``, ``"kept"`` or ``"skipped"``.
    """
    target_dir = snapshot_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for path in course_notebooks(folder):
        target = target_dir / path.name
        raw = path.read_bytes()
        if target.exists():
            action = "kept"
        elif _has_outputs(raw):
            action = "skipped"
        else:
            write_atomically(target, raw)
            action = "taken"
        results.append(SnapshotResult(path, action, target))
    return results


_OPEN_TAB_ADVICE = (
    "If a restored notebook is open in JupyterLab, what was typed there after "
    "its last save is only in that tab, not in the backup: copy out what you "
    "want to keep, then use File > Reload Notebook from Disk (or close the tab "
    "without saving) so the old version is not saved over the restored one. "
    "Next time, save the notebook (Ctrl+S) before a reset."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: ``python -m helpers.reset``."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.reset",
        description="Restore course notebooks to how they were shipped. Your "
        "version is first saved next to it as NAME.backup-DATE-TIME.ipynb.",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to restore")
    parser.add_argument(
        "--all", action="store_true", help="restore every notebook in notebooks/"
    )
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="keep pristine copies in data/originals/ (for courses not in git)",
    )
    args = parser.parse_args(argv)
    if not (args.notebooks or args.all or args.snapshot):
        parser.error(
            "name a notebook (e.g. notebooks/01_perceptron.ipynb), or use "
            "--all or --snapshot"
        )
    if args.snapshot:
        for snapshot in take_snapshot():
            print(snapshot)
        if not (args.notebooks or args.all):
            return 0
    now = datetime.now()
    paths = course_notebooks(notebooks_dir()) if args.all else args.notebooks
    if args.all and not paths:
        print(f"{parser.prog}: no notebooks in {notebooks_dir()}", file=sys.stderr)
        return 1
    failed = changed = False
    for path in paths:
        try:
            result = reset_notebook(path, now=now)
        except (NotACourseNotebook, OSError) as error:
            print(f"{parser.prog}: {error}", file=sys.stderr)
            failed = True
            continue
        print(result)
        changed = changed or result.action != "unchanged"
    if changed:
        print(_OPEN_TAB_ADVICE)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
