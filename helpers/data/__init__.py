"""Data for the course: toy sets for the early notebooks, and MNIST.

Every toy set is deterministic by ``seed`` and returns ``(X, y)`` as numpy
arrays. ``python -m helpers.data download`` prepares the full MNIST set for
an offline workshop room.
"""

from helpers.data.mnist import (
    MnistData,
    download_mnist,
    load_heldout_test_set,
    load_mnist,
    mnist_offline_sample,
    mnist_source,
    read_idx,
)
from helpers.data.toy import (
    TOY_DATASETS,
    circles,
    logic_gate,
    moons,
    noisy_curve,
    spirals,
    toy_dataset,
    two_clouds,
)

__all__ = [
    "MnistData",
    "download_mnist",
    "load_heldout_test_set",
    "load_mnist",
    "mnist_offline_sample",
    "mnist_source",
    "read_idx",
    "TOY_DATASETS",
    "circles",
    "logic_gate",
    "moons",
    "noisy_curve",
    "spirals",
    "toy_dataset",
    "two_clouds",
]
