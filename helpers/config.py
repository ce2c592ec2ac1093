"""Course-wide settings: the fast mode switch and where data lives.

The fast mode is one switch for the whole course. Set the environment
variable ``COURSE_FAST=1`` and every notebook subsamples its data and caps
its epochs so that it runs in seconds. Notebooks never read the variable
themselves; they ask :func:`fast_mode` or :func:`pick`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def fast_mode() -> bool:
    """Tell whether the course runs in fast mode.

    Returns
    -------
    bool
        True when the environment variable ``COURSE_FAST`` is ``1``,
        ``true``, ``yes`` or ``on`` (any case).

    Raises
    ------
    ValueError
        If ``COURSE_FAST`` holds something that is neither on nor off.

    Examples
    --------
    >>> import os
    >>> os.environ["COURSE_FAST"] = "1"
    >>> fast_mode()
    True
    >>> os.environ["COURSE_FAST"] = "0"
    >>> fast_mode()
    False
    >>> del os.environ["COURSE_FAST"]
    """
    raw = os.environ.get("COURSE_FAST", "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(
        f"The environment variable COURSE_FAST must be 1 or 0; received "
        f"COURSE_FAST={os.environ['COURSE_FAST']!r}."
    )


def pick(full: T, fast: T) -> T:
    """Choose a setting by mode: ``full`` normally, ``fast`` in fast mode.

    Parameters
    ----------
    full : any
        The value for a normal run (for example 10 epochs).
    fast : any
        The value in fast mode (for example 1 epoch).

    Returns
    -------
    any
        ``fast`` when :func:`fast_mode` is on, else ``full``.

    Examples
    --------
    >>> import os
    >>> os.environ["COURSE_FAST"] = "1"
    >>> pick(full=10, fast=1)
    1
    >>> del os.environ["COURSE_FAST"]
    >>> pick(full=10, fast=1)
    10
    """
    return fast if fast_mode() else full


def announce_fast_mode() -> None:
    """Print one line when fast mode is on, and nothing otherwise.

    Notebooks call this in their Setup cell so that a learner who sees
    small numbers knows why.
    """
    if fast_mode():
        print(
            "Fast mode is on (COURSE_FAST=1): data is subsampled and epochs "
            "are capped, so numbers are smaller than in a full run."
        )


REPOSITORY_URL = "https://github.com/keras-course/deep-learning-keras-tensorflow"
"""Where the course is published; Colab and Binder links start here."""


def project_root() -> Path:
    """Return the course folder: the one that holds ``helpers/``."""
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the folder where data sets and records are kept.

    It is ``data/`` in the course folder, unless the environment variable
    ``COURSE_DATA_DIR`` names another one (tests use this), or ``helpers``
    was installed as a plain package (as on Colab), where it is
    ``~/.keras-course/data``. The folder is created if it does not exist.
    """
    override = os.environ.get("COURSE_DATA_DIR")
    if override:
        path = Path(override)
    elif (project_root() / "notebooks").is_dir():
        path = project_root() / "data"
    else:
        path = Path.home() / ".keras-course" / "data"
    path.mkdir(parents=True, exist_ok=True)
    return path
