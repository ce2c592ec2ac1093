"""Get MNIST ready: ``python -m helpers.data {download,prepare,info}``.

``download``
    Fetch the full MNIST set (11 MB) into ``data/mnist.npz`` and verify it,
    or copy it from Keras's cache if a verified copy is there. Fails with a
    clear message when offline. ``make data`` runs this.
``prepare``
    What ``make lab`` runs: quick and never failing. Keeps a verified file,
    else tries a short download, else says the offline sample will be used.
``info``
    Say which source ``load_mnist()`` would use, without downloading.
"""

from __future__ import annotations

import argparse
import sys

from helpers.data import mnist

PREPARE_TIMEOUT = 5.0
"""Seconds ``prepare`` waits for the server before giving up."""

_OFFLINE_HINT = (
    "The notebooks still work offline with a sample of 5,000 real digits. "
    "For the full set, run `make data` (or `python -m helpers.data download`) "
    "while online, or copy data/mnist.npz from a machine that has it."
)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds greater than 0; received {text!r}"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.data",
        description="Get the MNIST digits ready for the course.",
    )
    commands = parser.add_subparsers(dest="command", metavar="command")
    commands.required = True
    download = commands.add_parser(
        "download",
        help="fetch and verify full MNIST into data/ (needs the internet once)",
        description="Fetch the full MNIST set (11 MB) into data/mnist.npz and "
        "verify its SHA-256, or copy it from Keras's cache if that verifies.",
    )
    download.add_argument(
        "--timeout",
        type=_seconds,
        default=mnist.DOWNLOAD_TIMEOUT,
        help="seconds to wait for the server at each step (default: %(default)s)",
    )
    prepare = commands.add_parser(
        "prepare",
        help="quick setup step: keep, copy or try to fetch MNIST; never fails",
        description="Keep a verified data/mnist.npz, else copy it from Keras's "
        "cache, else try a short download; say what the notebooks will use.",
    )
    prepare.add_argument(
        "--timeout",
        type=_seconds,
        default=PREPARE_TIMEOUT,
        help="seconds to wait for the server (default: %(default)s)",
    )
    commands.add_parser(
        "info",
        help="say which MNIST load_mnist() would use, without downloading",
        description="Say which MNIST source load_mnist() would use.",
    )
    return parser


def _set_aside_bad_file() -> None:
    message = mnist._check_own_file(mnist.mnist_file())
    if message:
        print(message)


def download(timeout: float) -> int:
    """Run ``download``; return the exit code."""
    target = mnist.mnist_file()
    shown = mnist._shown(target)
    if mnist._verified(target):
        print(f"{shown} is already here and verified: nothing to do.")
        return 0
    _set_aside_bad_file()
    copied = mnist.copy_from_keras_cache(target)
    if copied:
        cache = mnist._shown(mnist.keras_cache_file())
        print(f"Copied full MNIST from Keras's cache {cache} to {shown} (verified).")
        return 0
    try:
        mnist.download_mnist(timeout=timeout, verbose=True, target=target)
    except mnist.MnistDownloadError as error:
        print(f"Error: {error}", file=sys.stderr)
        print(
            "To fix: connect to the internet and run `python -m helpers.data "
            "download` again, or copy mnist.npz from a machine that has it into "
            f"{mnist._shown(target.parent)}/. Until then the notebooks use an "
            "offline sample of 5,000 real digits.",
            file=sys.stderr,
        )
        return 1
    print("Full MNIST is ready: the notebooks will use it.")
    return 0


def prepare(timeout: float) -> int:
    """Run ``prepare``: quick, prints a line or two, and always returns 0."""
    try:
        target = mnist.mnist_file()
        shown = mnist._shown(target)
        if mnist._verified(target):
            print(f"MNIST: the full set is ready in {shown} (verified).")
            return 0
        _set_aside_bad_file()
        if mnist.copy_from_keras_cache(target):
            print(f"MNIST: copied the full set from Keras's cache to {shown}.")
            return 0
        mnist.download_mnist(timeout=timeout, target=target)
        print(f"MNIST: downloaded and verified the full set into {shown}.")
    except mnist.MnistDownloadError as error:
        print(f"MNIST: no full set here, and the download failed ({error.reason}).")
        print(_OFFLINE_HINT)
    except Exception as error:
        print(f"MNIST: could not prepare the full set ({error}).")
        print(_OFFLINE_HINT)
    return 0


def info() -> int:
    """Run ``info``: say which source load_mnist() would use."""
    found = mnist.mnist_source()
    print(f"load_mnist() will use: {found.source}")
    print(found)
    folder = mnist._t10k_folder()
    if all((folder / name).is_file() for name in mnist.T10K_FILES):
        print(f"Held-out test set (benchmarks and tests only): {folder}")
    else:
        print(f"Held-out test set: not found in {folder} (benchmarks skip it).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "download":
        return download(arguments.timeout)
    if arguments.command == "prepare":
        return prepare(arguments.timeout)
    return info()


if __name__ == "__main__":
    sys.exit(main())
