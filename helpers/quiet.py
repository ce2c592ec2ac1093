"""Import TensorFlow and Keras without a wall of log lines.

TensorFlow prints C++ log lines (oneDNN notices, CPU feature messages) to
stderr when it is imported; in Jupyter they show as red text in the
learner's cell. Setting two environment variables before the import
silences them. This module is the one place that does so.
"""

from __future__ import annotations

import logging
import os
import sys
from types import ModuleType

_QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "KERAS_BACKEND": "tensorflow",
}


def import_tensorflow() -> ModuleType:
    """Import TensorFlow quietly and return the module.

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` and ``TF_ENABLE_ONEDNN_OPTS=0`` (unless
    already set) before the first import, and turns TensorFlow's Python
    logger down to errors.

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
    import tensorflow as tf

    if not already:
        tf.get_logger().setLevel(logging.ERROR)
        logging.getLogger("absl").setLevel(logging.ERROR)
    return tf


def import_keras() -> ModuleType:
    """Import Keras 3 on the TensorFlow backend, quietly, and return it."""
    import_tensorflow()
    import keras

    return keras
