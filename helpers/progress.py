"""The learner's progress: which exercises they have passed.

A passed check is recorded in ``progress.json`` in the data folder (see
:func:`helpers.config.data_dir`). The file never leaves the machine. Each
write goes to a temporary file that then replaces the old one, so an
interrupted write never leaves a half-written record.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from helpers.config import data_dir
from helpers.files import locked, write_atomically

log = logging.getLogger(__name__)

FILE_NAME = "progress.json"

NOTEBOOK_TITLES = {
    "00": "Start here",
    "01": "The perceptron",
    "02": "The multi-layer perceptron",
    "03": "Loss and gradient descent",
    "04": "Keras on MNIST",
    "05": "The playground",
}


def progress_file() -> Path:
    """Return the path of the progress record."""
    return data_dir() / FILE_NAME


def load_progress() -> dict[str, str]:
    """Return the record: exercise id to the time it was first passed.

    A missing file is an empty record. A damaged file is set aside as
    ``progress.json.damaged`` (``.damaged-2`` and so on if that exists; never
    deleted) and an empty record returned.
    """
    path = progress_file()
    if not path.exists():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
    except (ValueError, OSError) as error:
        log.debug("Damaged progress record %s: %s", path, error)
        target = path.with_name(FILE_NAME + ".damaged")
        number = 1
        while target.exists():
            number += 1
            target = path.with_name(f"{FILE_NAME}.damaged-{number}")
        path.replace(target)
        return {}
    return {str(k): str(v) for k, v in record.items()}


def record_pass(exercise_id: str) -> None:
    """Record that ``exercise_id`` was passed (keeps the first time).

    The record is read, changed and written under a lock, so two notebooks
    checking exercises at the same moment both keep their passes.
    """
    with locked(progress_file()):
        record = load_progress()
        if exercise_id in record:
            return
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        record[exercise_id] = now
        write_atomically(progress_file(), json.dumps(record, indent=1, sort_keys=True))


def progress_table() -> list[dict[str, object]]:
    """Return one row a notebook: its number, title, passed and total counts.

    Examples
    --------
    >>> all(set(row) == {"notebook", "title", "passed", "total", "missing"}
    ...     for row in progress_table())
    True
    """
    from helpers.exercises import all_exercises

    record = load_progress()
    rows: dict[str, dict[str, object]] = {}
    for exercise in all_exercises().values():
        row = rows.setdefault(
            exercise.notebook,
            {
                "notebook": exercise.notebook,
                "title": NOTEBOOK_TITLES.get(exercise.notebook, ""),
                "passed": 0,
                "total": 0,
                "missing": [],
            },
        )
        row["total"] += 1
        if exercise.id in record:
            row["passed"] += 1
        else:
            row["missing"].append(exercise.title)
    return [rows[key] for key in sorted(rows)]


class _ProgressReport:
    def __init__(self, rows: list[dict[str, object]]):
        self.rows = rows

    def __str__(self) -> str:
        lines = []
        for row in self.rows:
            lines.append(
                f"{row['notebook']} {row['title']:<28} "
                f"{row['passed']}/{row['total']} passed"
            )
        return "\n".join(lines) or "No exercises found."

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        lines = ["| Notebook | Passed | Still to do |", "|---|---|---|"]
        for row in self.rows:
            bar = "\u2588" * row["passed"] + "\u2591" * (row["total"] - row["passed"])
            todo = ", ".join(row["missing"]) or "all done \u2705"
            # A no-break space keeps the count on the bar's line.
            lines.append(
                f"| {row['notebook']} {row['title']} | {bar}\u00a0"
                f"{row['passed']}/{row['total']} | {todo} |"
            )
        return "\n".join(lines)


def show_progress() -> _ProgressReport:
    """Show the learner's progress across notebooks (a table in Jupyter)."""
    return _ProgressReport(progress_table())
