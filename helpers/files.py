"""Writing files so that a crash never leaves half of one behind."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX file locks; elsewhere the lock is a no-op
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


def write_atomically(path: str | os.PathLike, content: str | bytes) -> None:
    """Write ``content`` to ``path`` in one step: the old file or the new one.

    The content goes to a temporary file beside ``path``, is flushed to disk,
    and then replaces ``path`` by a rename, so a reader never sees a file
    that is half written. Text is written as UTF-8. The file keeps the
    permissions of the one it replaces; a new file gets the usual ones
    (read and write for everyone the umask allows), not the private ones
    of a temporary file.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
        >>> write_atomically(target, "kept")
        >>> target.read_text()
        'kept'
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # 0o666 less the umask, as for any new file; mkstemp's would be 0o600.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold a lock for ``path`` while a read, change and write of it runs.

    Two kernels (two notebooks open at once) updating the same file then
    take turns instead of one losing the other's change. The lock is a
    hidden ``.<name>.lock`` file beside ``path``, held with ``flock``; on
    systems without it (Windows) the block runs unlocked.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
        >>> with locked(target):
        ...     write_atomically(target, "{}")
        >>> target.read_text()
        '{}'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # freed when closed
        yield
