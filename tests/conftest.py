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

The ``blit_mismatch`` fixture compares what a
:class:`helpers.widgets.BlitView` shows with a full draw of its figure.
"""

from __future__ import annotations

import os
import sys

import numpy as np
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


@pytest.fixture
def blit_mismatch():
    """Return a function: the share of pixels a blitted redraw gets wrong.

    It renders a :class:`helpers.widgets.BlitView` as the learner sees it
    (still bitmap plus the dynamic artists) and as a full draw, and returns
    the fraction of pixels where any colour channel differs by more than
    40 of 255: 0.0 when the pictures agree; an artist left out of the
    dynamic list, or drawn in the wrong order, shows as a few percent.
    """
    from io import BytesIO

    from PIL import Image

    def mismatch(view) -> float:
        shown = np.asarray(Image.open(BytesIO(view.render())).convert("RGB"))
        full = view.full_render()
        assert shown.shape == full.shape
        difference = np.abs(shown.astype(int) - full.astype(int)).max(axis=-1)
        return float(np.mean(difference > 40))

    return mismatch
