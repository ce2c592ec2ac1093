"""Setup shared by every test: a private data folder and off-screen plots.

Every test runs with

- ``COURSE_DATA_DIR`` set to a fresh ``<tmp_path>/course-data`` folder, so
  no test reads or writes the real ``data/`` (progress, runs, MNIST);
  ``helpers.config.data_dir()`` returns that folder;
- ``KERAS_HOME`` set to ``<tmp_path>/keras-home``, so Keras's own MNIST
  cache on this machine is not seen;
- ``COURSE_MNIST_URL`` set to a closed port on 127.0.0.1, so no test
  downloads MNIST from the internet: ``load_mnist()`` falls back to the
  offline sample at once unless a test points it elsewhere;
- ``MPLBACKEND=Agg`` (set when this file is imported, before any test
  module imports matplotlib), and open figures closed after each test.
"""

from __future__ import annotations

import os
import sys

import pytest

os.environ["MPLBACKEND"] = "Agg"

NO_NETWORK_URL = "http://127.0.0.1:9/mnist.npz"
"""A URL nothing answers: port 9 (discard) is closed on test machines."""


@pytest.fixture(autouse=True)
def _isolated_course(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "course-data"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.setenv("COURSE_MNIST_URL", NO_NETWORK_URL)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
