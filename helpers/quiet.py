"""Import TensorFlow and Keras without a wall of log lines.

TensorFlow prints C++ log lines (oneDNN notices, CPU feature messages) to
stderr when it is imported; in Jupyter they show as red text in the
learner's cell. Setting two environment variables before the import
silences them. This module is the one place that does so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from types import ModuleType

_QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "KERAS_BACKEND": "tensorflow",
}


# Lines TensorFlow's C++ core writes before its logging reads the level:
# information lines ("I0000 ...") and the notice that introduces them.
_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|I\d{4} \d\d:\d\d:\d\d"
    r"|W\d{4} .*(cuda|gpu|GPU))"
)


@contextlib.contextmanager
def _filtered_stderr() -> Iterator[None]:
    """Hold back TensorFlow's start-up noise written straight to file 2.

    Everything written to the process's standard error meanwhile goes to a
    temporary file; afterwards the lines that are not known noise (errors
    and real warnings) are written to ``sys.stderr``, so nothing that
    matters is hidden.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read().decode("utf-8", errors="replace")
            kept = [
                line for line in text.splitlines() if line and not _NOISE.match(line)
            ]
            if kept:
                sys.stderr.write("\n".join(kept) + "\n")


def import_tensorflow() -> ModuleType:
    """Import TensorFlow quietly and return the module.

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` and ``TF_ENABLE_ONEDNN_OPTS=0`` (unless
    already set) before the first import, holds back the information lines
    TensorFlow's C++ core prints while it loads (before it reads the log
    level), and turns TensorFlow's Python logger down to errors.

    Returns
    -------
    module
        The ``tensorflow`` module.

    Notes
    -----
    If TensorFlow was already imported elsewhere, its C++ logging level is
    fixed and cannot be changed any more; the import still works.
    """
    for name, value in _QUIET_ENV.items():
        os.environ.setdefault(name, value)
    already = "tensorflow" in sys.modules
    with _filtered_stderr():
        import tensorflow as tf

    if not already:
        tf.get_logger().setLevel(logging.ERROR)
        logging.getLogger("absl").setLevel(logging.ERROR)
    return tf


def import_keras() -> ModuleType:
    """Import Keras 3 on the TensorFlow backend, quietly, and return it."""
    import_tensorflow()
    with _filtered_stderr():
        import keras

    return keras
