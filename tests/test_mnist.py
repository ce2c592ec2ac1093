"""Tests for helpers.data.mnist: every source of the chain and the CLI."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers.config import data_dir, project_root
from helpers.data import __main__ as cli
from helpers.data import mnist
from helpers.data.mnist import (
    MnistData,
    MnistDownloadError,
    MnistFileError,
    MnistFileWarning,
    MnistSampleWarning,
    load_heldout_test_set,
    load_mnist,
    mnist_offline_sample,
    mnist_source,
    read_idx,
)

T10K = project_root().parent / "shared" / "data" / "mnist-t10k"


def _npz_bytes(n_train=20, n_test=10, seed=0, drop=None, x_dtype=np.uint8):
    rng = np.random.default_rng(seed)
    arrays = {
        "x_train": rng.integers(0, 256, (n_train, 28, 28)).astype(x_dtype),
        "y_train": rng.integers(0, 10, n_train).astype(np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28)).astype(x_dtype),
        "y_test": rng.integers(0, 10, n_test).astype(np.uint8),
    }
    if drop:
        del arrays[drop]
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue(), arrays


@pytest.fixture
def fake():
    """A small mnist.npz, accepted as MNIST: its SHA-256 is the expected one."""
    content, arrays = _npz_bytes()
    return content, arrays


@pytest.fixture(autouse=True)
def expect_fake(fake, monkeypatch):
    monkeypatch.setattr(mnist, "MNIST_SHA256", hashlib.sha256(fake[0]).hexdigest())


def _keras_cache() -> Path:
    path = Path(os.environ["KERAS_HOME"]) / "datasets" / "mnist.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


class _Server:
    """A local HTTP server on 127.0.0.1 that serves chosen bytes."""

    def __init__(self):
        self.routes: dict[str, bytes] = {}
        self.requests: list[str] = []
        self.release = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                if self.path == "/slow":
                    server.release.wait(10)
                    return
                if self.path == "/truncated":
                    body = server.routes["/mnist.npz"]
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                if self.path not in server.routes:
                    self.send_error(404)
                    return
                body = server.routes[self.path]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def stop(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    running = _Server()
    running.thread.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist.npz"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# The chain of sources


def test_file_in_data_folder_comes_first(fake, server, monkeypatch):
    content, arrays = fake
    (data_dir() / "mnist.npz").write_bytes(content)
    _keras_cache().write_bytes(content)
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    result = load_mnist(verbose=False)
    assert result.source == "data/"
    assert result.path == data_dir() / "mnist.npz"
    assert server.requests == []
    (x_train, y_train), (x_test, y_test) = result
    np.testing.assert_array_equal(x_train, arrays["x_train"])
    np.testing.assert_array_equal(y_test, arrays["y_test"])
    assert (x_train.dtype, y_train.dtype) == (np.uint8, np.int64)
    assert (x_test.shape, y_test.shape) == ((10, 28, 28), (10,))
    assert result.description == (
        f"MNIST: 20 training and 10 test digits (from {mnist._shown(result.path)})"
    )


def test_result_unpacks_like_keras_and_has_named_parts(fake):
    (data_dir() / "mnist.npz").write_bytes(fake[0])
    result = load_mnist(verbose=False)
    assert isinstance(result, tuple) and len(result) == 2
    assert result.train is result[0] and result.test is result[1]
    assert "source='data/'" in repr(result) and "20 training" in repr(result)
    (x_train, _), (x_test, _) = result
    assert len(x_train) == 20 and len(x_test) == 10


def test_mnist_data_rejects_unknown_source():
    with pytest.raises(ValueError, match="`source` must be one of"):
        MnistData((None, None), (None, None), "internet", "")


def test_description_says_full_mnist_for_the_full_size():
    assert mnist._describe(60_000, 10_000, "x").startswith("Full MNIST: 60,000")
    assert mnist._describe(20, 10, "x").startswith("MNIST: 20 training")


def test_keras_cache_is_used_when_data_folder_is_empty(fake):
    cache = _keras_cache()
    cache.write_bytes(fake[0])
    result = load_mnist(verbose=False, allow_download=False)
    assert result.source == "keras-cache"
    assert result.path == cache
    assert "Keras's cache" in result.description
    assert _files(data_dir()) == []


def test_keras_cache_with_wrong_checksum_is_skipped_and_left_alone():
    cache = _keras_cache()
    other, _ = _npz_bytes(seed=1)
    cache.write_bytes(other)
    with pytest.warns(MnistSampleWarning):
        result = load_mnist(verbose=False, allow_download=False)
    assert result.source == "offline-sample"
    assert cache.read_bytes() == other


def test_download_saves_a_verified_file_and_loads_it(fake, server, monkeypatch, capsys):
    server.routes["/mnist.npz"] = fake[0]
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    result = load_mnist(verbose=True)
    assert result.source == "download"
    saved = data_dir() / "mnist.npz"
    assert saved.read_bytes() == fake[0]
    assert _files(data_dir()) == ["mnist.npz"]
    assert capsys.readouterr().out == f"{result.description}.\n"
    assert load_mnist(verbose=False).source == "data/"
    assert server.requests == ["/mnist.npz"]


def test_download_with_wrong_checksum_saves_nothing(server, monkeypatch):
    server.routes["/mnist.npz"] = b"not the mnist file"
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    with pytest.raises(MnistDownloadError, match="not the expected MNIST file"):
        mnist.download_mnist()
    assert _files(data_dir()) == []


def test_truncated_download_saves_nothing(fake, server, monkeypatch):
    server.routes["/mnist.npz"] = fake[0]
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/truncated")
    full, half = len(fake[0]), len(fake[0]) // 2
    cut = f"connection closed after {half:,} of {full:,} bytes"
    with pytest.raises(MnistDownloadError, match=cut):
        mnist.download_mnist()
    assert _files(data_dir()) == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            socket.gaierror(-2, "Name or service not known"),
            "no network: example.org could not be found",
        ),
        (TimeoutError("timed out"), "no answer within 5 s"),
        (ConnectionRefusedError(111, "refused"), "the server refused the connection"),
        (OSError("disk full"), "disk full"),
    ],
)
def test_download_failures_are_said_in_words(error, reason):
    wrapped = urllib.error.URLError(error)
    assert mnist._plain_reason(wrapped, "https://example.org/m.npz", 5.0) == reason


def test_server_error_is_named(server, monkeypatch):
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/elsewhere.npz")
    with pytest.raises(MnistDownloadError, match="Not Found") as caught:
        mnist.download_mnist()
    assert caught.value.reason == "Not Found"


def test_download_gives_up_after_the_timeout(server, monkeypatch):
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/slow")
    with pytest.raises(MnistDownloadError, match=r"no answer within 0\.3 s"):
        mnist.download_mnist(timeout=0.3)
    assert _files(data_dir()) == []


def test_no_network_falls_back_to_the_offline_sample(closed_port_url, monkeypatch):
    monkeypatch.setenv("COURSE_MNIST_URL", closed_port_url)
    with pytest.raises(MnistDownloadError, match="127.0.0.1"):
        mnist.download_mnist()
    with pytest.warns(MnistSampleWarning, match="python -m helpers.data download"):
        result = load_mnist(verbose=False)
    with pytest.warns(MnistSampleWarning, match=r"failed \(the server refused"):
        load_mnist(verbose=False)
    assert result.source == "offline-sample"
    assert result.path is None
    assert _files(data_dir()) == []


def test_offline_warning_points_at_the_callers_line():
    with pytest.warns(MnistSampleWarning) as caught:
        load_mnist(verbose=False, allow_download=False)
    assert len(caught) == 1
    assert caught[0].filename == __file__
    assert "make data" in str(caught[0].message)
    assert "downloading was not allowed" in str(caught[0].message)


def test_allow_download_false_never_contacts_the_server(server, monkeypatch):
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    with pytest.warns(MnistSampleWarning):
        load_mnist(verbose=False, allow_download=False)
    assert server.requests == []


def test_verbose_prints_one_line_and_quiet_prints_nothing(capsys):
    with pytest.warns(MnistSampleWarning):
        load_mnist(verbose=False, allow_download=False)
    assert capsys.readouterr().out == ""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_mnist(allow_download=False)
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("\u26a0\ufe0f Loaded the offline sample of MNIST (4,000")
    assert "python -m helpers.data download" in out


# Damaged files


@pytest.mark.parametrize(
    "content", [b"", b"garbage", b"PK\x03\x04broken zip"], ids=["empty", "junk", "zip"]
)
def test_damaged_file_is_moved_aside_never_deleted(content):
    own = data_dir() / "mnist.npz"
    own.write_bytes(content)
    moved = pytest.warns(MnistFileWarning, match="moved aside to .*mnist.npz.corrupt")
    with moved, pytest.warns(MnistSampleWarning):
        result = load_mnist(verbose=False, allow_download=False)
    assert result.source == "offline-sample"
    assert (data_dir() / "mnist.npz.corrupt").read_bytes() == content
    assert not own.exists()


def test_a_second_damaged_file_does_not_overwrite_the_first():
    own = data_dir() / "mnist.npz"
    for number, content in enumerate([b"first", b"second"]):
        own.write_bytes(content)
        moved = pytest.warns(MnistFileWarning, match=f"corrupt{'-2' if number else ''}")
        with moved, pytest.warns(MnistSampleWarning):
            load_mnist(verbose=False, allow_download=False)
    assert (data_dir() / "mnist.npz.corrupt").read_bytes() == b"first"
    assert (data_dir() / "mnist.npz.corrupt-2").read_bytes() == b"second"


def test_truncated_download_in_data_folder_is_replaced_by_the_next_source(fake):
    own = data_dir() / "mnist.npz"
    own.write_bytes(fake[0][:1000])
    _keras_cache().write_bytes(fake[0])
    with pytest.warns(MnistFileWarning):
        result = load_mnist(verbose=False, allow_download=False)
    assert result.source == "keras-cache"
    assert (data_dir() / "mnist.npz.corrupt").read_bytes() == fake[0][:1000]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "is damaged and cannot be read"),
        (_npz_bytes(drop="x_test")[0], "lacks x_test"),
        (_npz_bytes(x_dtype=np.float32)[0], "x_train must be uint8 images"),
    ],
    ids=["not-npz", "missing-key", "wrong-dtype"],
)
def test_unreadable_file_gives_a_clear_error(content, message, monkeypatch):
    monkeypatch.setattr(mnist, "MNIST_SHA256", hashlib.sha256(content).hexdigest())
    (data_dir() / "mnist.npz").write_bytes(content)
    with pytest.raises(MnistFileError, match=message) as caught:
        load_mnist(verbose=False, allow_download=False)
    assert "mnist.npz" in str(caught.value)
    assert "python -m helpers.data download" in str(caught.value)


# The offline sample


@pytest.fixture
def offline():
    with pytest.warns(MnistSampleWarning):
        return load_mnist(verbose=False, allow_download=False)


def test_offline_split_shapes_dtypes_and_balance(offline):
    (x_train, y_train), (x_test, y_test) = offline
    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert (x_train.dtype, x_test.dtype) == (np.uint8, np.uint8)
    assert (y_train.dtype, y_test.dtype) == (np.int64, np.int64)
    assert np.bincount(y_train).tolist() == [400] * 10
    assert np.bincount(y_test).tolist() == [100] * 10
    assert x_train.max() == 255 and x_train.min() == 0
    assert offline.description.startswith("Offline sample of MNIST")


def test_offline_split_is_a_shuffled_partition_of_the_sample(offline):
    (x_train, y_train), (x_test, y_test) = offline
    x, y = mnist_offline_sample()
    together = np.concatenate([x_train, x_test]).reshape(5000, -1)
    labels = np.concatenate([y_train, y_test])
    order = np.lexsort(together.T)
    reference = np.lexsort(x.reshape(5000, -1).T)
    np.testing.assert_array_equal(together[order], x.reshape(5000, -1)[reference])
    np.testing.assert_array_equal(labels[order], y[reference])
    assert len(set(y_train[:20].tolist())) > 1


def test_offline_split_is_the_same_every_time_and_safe_to_change(offline):
    (x_train, y_train), _ = offline
    x_train[:] = 0
    with pytest.warns(MnistSampleWarning):
        (again, again_y), _ = load_mnist(verbose=False, allow_download=False)
    assert again.any()
    np.testing.assert_array_equal(again_y, y_train)


def test_offline_sample_has_all_5000_digits():
    x, y = mnist_offline_sample()
    assert x.shape == (5000, 28, 28) and x.dtype == np.uint8
    assert y.shape == (5000,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [500] * 10
    x[:] = 0
    assert mnist_offline_sample()[0].any()


# Which source, without loading


def test_mnist_source_reports_each_case_without_changing_anything(fake):
    assert mnist_source().source == "offline-sample"
    assert "make data" in mnist_source().description
    own = data_dir() / "mnist.npz"
    own.write_bytes(b"broken")
    found = mnist_source()
    assert found.source == "offline-sample" and "damaged" in found.description
    assert own.read_bytes() == b"broken"
    _keras_cache().write_bytes(fake[0])
    assert mnist_source().source == "keras-cache"
    own.write_bytes(fake[0])
    assert mnist_source() == ("data/", own, mnist_source().description)


# idx files and the held-out test set


def _idx(array: np.ndarray, code: int) -> bytes:
    header = bytes([0, 0, code, array.ndim])
    header += np.array(array.shape, ">u4").tobytes()
    return header + array.tobytes()


def test_read_idx_reads_plain_and_gzip_files_in_native_order(tmp_path):
    values = np.array([[1, -2], [300000, 4]], dtype=">i4")
    plain = tmp_path / "numbers-idx2-int"
    plain.write_bytes(_idx(values, 0x0C))
    packed = tmp_path / "numbers-idx2-int.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    for path in (plain, str(packed)):
        array = read_idx(path)
        assert array.tolist() == [[1, -2], [300000, 4]]
        assert array.dtype == np.dtype("int32") and array.dtype.isnative


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x01\x00\x08\x01\x00\x00\x00\x01\x05", "not an idx file"),
        (b"\x00\x00", "not an idx file"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "unknown idx type code 0x07"),
        (b"\x00\x00\x08\x03\x00\x00", "cut short"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x03\x05", "needs 11"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x01\x05\x06", "the file is damaged"),
        (gzip.compress(b"\x00\x00\x08\x01\x00\x00\x00\x01\x05")[:-6], "gzip"),
    ],
    ids=["magic", "tiny", "type", "header", "short", "long", "gzip"],
)
def test_read_idx_rejects_malformed_bytes(tmp_path, content, message):
    path = tmp_path / "bad-idx1-ubyte"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message) as caught:
        read_idx(path)
    assert "bad-idx1-ubyte" in str(caught.value)


def test_read_idx_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "nothing.gz")


def _write_t10k(folder: Path, images: np.ndarray, labels: np.ndarray) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / mnist.T10K_FILES[0]).write_bytes(gzip.compress(_idx(images, 0x08)))
    (folder / mnist.T10K_FILES[1]).write_bytes(gzip.compress(_idx(labels, 0x08)))
    return folder


def test_heldout_set_from_a_folder_argument_or_the_environment(tmp_path, monkeypatch):
    images = np.arange(3 * 28 * 28, dtype=np.uint8).reshape(3, 28, 28)
    folder = _write_t10k(tmp_path / "t10k", images, np.array([7, 2, 1], np.uint8))
    for found in (load_heldout_test_set(folder), load_heldout_test_set(str(folder))):
        x, y = found
        np.testing.assert_array_equal(x, images)
        assert y.tolist() == [7, 2, 1] and y.dtype == np.int64
    monkeypatch.setenv("COURSE_MNIST_T10K", str(folder))
    assert load_heldout_test_set()[1].tolist() == [7, 2, 1]


def test_heldout_set_absent_gives_none(tmp_path, monkeypatch):
    assert load_heldout_test_set(tmp_path / "nowhere") is None
    monkeypatch.setenv("COURSE_MNIST_T10K", str(tmp_path / "nowhere"))
    assert load_heldout_test_set() is None
    (tmp_path / mnist.T10K_FILES[0]).write_bytes(b"")
    assert load_heldout_test_set(tmp_path) is None


def test_heldout_set_with_mismatched_files_is_an_error(tmp_path):
    images = np.zeros((3, 28, 28), np.uint8)
    _write_t10k(tmp_path, images, np.array([1, 2], np.uint8))
    with pytest.raises(ValueError, match="must hold 3 labels"):
        load_heldout_test_set(tmp_path)
    _write_t10k(tmp_path, np.zeros((3, 8, 8), np.uint8), np.array([1, 2, 3], np.uint8))
    with pytest.raises(ValueError, match=r"shape \(n, 28, 28\)"):
        load_heldout_test_set(tmp_path)


@pytest.mark.skipif(not T10K.is_dir(), reason=f"no held-out MNIST in {T10K}")
def test_real_heldout_test_set():
    x, y = load_heldout_test_set(T10K)
    assert x.shape == (10000, 28, 28) and x.dtype == np.uint8
    assert y.shape == (10000,) and y.dtype == np.int64
    assert y[:3].tolist() == [7, 2, 1]
    assert np.bincount(y).min() > 800
    assert read_idx(T10K / mnist.T10K_FILES[1]).dtype == np.uint8


# The command line


def test_cli_download_fetches_and_verifies(fake, server, monkeypatch, capsys):
    server.routes["/mnist.npz"] = fake[0]
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    assert cli.main(["download"]) == 0
    out = capsys.readouterr().out
    assert "Saved and verified" in out and "Full MNIST is ready" in out
    assert (data_dir() / "mnist.npz").read_bytes() == fake[0]
    assert cli.main(["download"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert server.requests == ["/mnist.npz"]


def test_cli_download_copies_a_verified_keras_cache(fake, capsys):
    _keras_cache().write_bytes(fake[0])
    assert cli.main(["download"]) == 0
    assert "Copied full MNIST from Keras's cache" in capsys.readouterr().out
    assert (data_dir() / "mnist.npz").read_bytes() == fake[0]


def test_cli_download_offline_fails_with_the_fix(closed_port_url, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_MNIST_URL", closed_port_url)
    (data_dir() / "mnist.npz").write_bytes(b"half a file")
    assert cli.main(["download", "--timeout", "2"]) == 1
    captured = capsys.readouterr()
    assert "moved aside" in captured.out
    assert "Could not download MNIST" in captured.err
    assert "To fix: connect to the internet" in captured.err
    assert _files(data_dir()) == ["mnist.npz.corrupt"]


def test_cli_prepare_never_fails_offline(closed_port_url, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_MNIST_URL", closed_port_url)
    assert cli.main(["prepare"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("MNIST: no full set here, and the download failed")
    assert "make data" in out


def test_cli_prepare_downloads_keeps_and_copies(fake, server, monkeypatch, capsys):
    server.routes["/mnist.npz"] = fake[0]
    monkeypatch.setenv("COURSE_MNIST_URL", server.url + "/mnist.npz")
    assert cli.main(["prepare"]) == 0
    assert "downloaded and verified" in capsys.readouterr().out
    assert cli.main(["prepare"]) == 0
    assert "is ready in" in capsys.readouterr().out
    (data_dir() / "mnist.npz").unlink()
    _keras_cache().write_bytes(fake[0])
    assert cli.main(["prepare"]) == 0
    assert "copied the full set from Keras's cache" in capsys.readouterr().out


def test_cli_prepare_survives_an_unexpected_error(monkeypatch, capsys):
    def broken(**options):
        raise PermissionError("data/ is read-only")

    monkeypatch.setattr(mnist, "download_mnist", broken)
    assert cli.main(["prepare"]) == 0
    assert "data/ is read-only" in capsys.readouterr().out


def test_cli_info_names_the_source(fake, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_MNIST_T10K", str(tmp_path / "nowhere"))
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("load_mnist() will use: offline-sample\n")
    assert "Held-out test set: not found" in out
    (data_dir() / "mnist.npz").write_bytes(fake[0])
    assert cli.main(["info"]) == 0
    assert capsys.readouterr().out.startswith("load_mnist() will use: data/\n")


@pytest.mark.parametrize("argv", [[], ["upload"]])
def test_cli_rejects_a_missing_or_unknown_command(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert caught.value.code == 2
    assert "command" in capsys.readouterr().err


def test_cli_runs_as_a_module_and_exits_1_offline(closed_port_url):
    environment = dict(os.environ, COURSE_MNIST_URL=closed_port_url)
    command = [sys.executable, "-m", "helpers.data"]
    done = subprocess.run(
        [*command, "download"], capture_output=True, text=True, env=environment
    )
    assert done.returncode == 1
    assert "Could not download MNIST" in done.stderr
    assert "Traceback" not in done.stderr
    shown = subprocess.run([*command, "--help"], capture_output=True, text=True)
    assert shown.returncode == 0
    assert all(word in shown.stdout for word in ("download", "prepare", "info"))


def test_mnist_source_renders_as_markdown_and_plain_text():
    found = mnist_source()
    assert found._repr_markdown_().startswith("**MNIST:** No full MNIST")
    assert "`make data`" in found._repr_markdown_()
    assert "`" not in str(found) and "make data" in str(found)


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan"])
def test_cli_rejects_a_bad_timeout(value, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["download", "--timeout", value])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout: must be a number of seconds greater than 0" in err
    assert repr(value) in err


def test_mnist_data_survives_pickling(fake):
    import pickle

    (data_dir() / "mnist.npz").write_bytes(fake[0])
    result = load_mnist(verbose=False)
    copy = pickle.loads(pickle.dumps(result))
    assert (copy.source, copy.description, copy.path) == (
        result.source,
        result.description,
        result.path,
    )
    np.testing.assert_array_equal(copy.train[0], result.train[0])
