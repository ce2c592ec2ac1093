"""Tests for helpers.quiet: TensorFlow imports without log noise."""

import os
import subprocess
import sys

from helpers import quiet


def test_importing_keras_through_helpers_prints_nothing():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS")
    }
    code = (
        "from helpers.quiet import import_keras\n"
        "keras = import_keras()\n"
        "import numpy as np\n"
        "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])\n"
        "model.compile('sgd', 'mse')\n"
        "model.fit(np.zeros((4, 3)), np.zeros((4, 1)), verbose=0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ""


def test_filtered_stderr_drops_noise_and_keeps_errors(capfd):
    with quiet._filtered_stderr():
        os.write(2, b"I0000 00:00:17.1 cudart_stub.cc:31] Could not find cuda\n")
        os.write(2, b"E0000 real trouble\n")
    captured = capfd.readouterr()
    assert "cudart" not in captured.err
    assert "E0000 real trouble" in captured.err
