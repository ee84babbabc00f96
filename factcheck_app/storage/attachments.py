"""Content-addressed file store beside the workspace: files named by their SHA-256."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..domain.errors import DiskFull, InvalidInput, NotWritable
from ..domain.file_names import safe_file_name

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def blob_path(files_dir: Path, sha256: str) -> Path:
    """Where a blob lives. Built from the hash alone, so no user-supplied name
    can ever point outside the folder (no '../', no absolute paths)."""
    if not _SHA256.match(sha256 or ""):
        raise InvalidInput(f"not a SHA-256 digest: {sha256!r}")
    return files_dir / sha256[:2] / sha256


def store_bytes(files_dir: Path | None, data: bytes) -> str:
    """Keep `data` under its SHA-256, which it returns. A team workspace (no files folder)
    keeps a source's text in its record: only the hash is recorded there."""
    sha = hashlib.sha256(data).hexdigest()
    if files_dir is None:
        return sha
    target = blob_path(files_dir, sha)
    if not target.exists():
        with writing(files_dir, "the file"):
            _write_atomically(target, data)
    return sha


_NO_ROOM = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextlib.contextmanager
def writing(folder: Path, what: str) -> Iterator[None]:
    """Turn the OS's refusals to write into `folder` into messages a user can act on."""
    try:
        yield
    except OSError as error:
        if error.errno in _NO_ROOM:
            raise DiskFull(f"no room to store {what} in {folder} ({error.strerror}); "
                           "nothing was changed — free some space and retry") from None
        if error.errno in _READ_ONLY:
            raise NotWritable(f"cannot store {what}: the folder {folder} is read-only here "
                              f"({error.strerror}); nothing was changed") from None
        if error.errno in (errno.ENOTDIR, errno.EEXIST):
            raise NotWritable(f"cannot store {what}: {folder} (or a folder above it) is not a "
                              "folder; nothing was changed") from None
        raise


def store_file(files_dir: Path | None, source: Path) -> tuple[str, int]:
    """Copy `source` in; returns (sha256, size). Existing identical content is reused."""
    if files_dir is None:
        raise NotWritable(f"cannot attach {source.name}: a team workspace does not keep "
                          "attachment files yet; nothing was changed — keep the file "
                          "elsewhere and give its URL or an excerpt")
    if not source.is_file():
        raise InvalidInput(f"no such file: {source}")
    data = source.read_bytes()
    return store_bytes(files_dir, data), len(data)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write to a temp file then rename: a crash never leaves a half-written blob."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o444)  # blobs are never altered in place
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_out(files_dir: Path, sha256: str, name: str, folder: Path) -> Path:
    """Copy a stored blob into `folder` under a safe form of `name`; returns the copy.

    Used to open an attachment: viewers may write to what they open, so they get a
    copy. The stored name never steers where the copy goes: it is reduced to one
    safe path component, the result is checked to sit directly in `folder`, and
    the file is created exclusively (an existing file or symlink is never followed).
    """
    source = blob_path(files_dir, sha256)
    if not source.is_file():
        raise InvalidInput(f"the stored file {sha256[:12]}… is missing from the attachments "
                           "folder; run: factcheck check")
    folder = Path(folder).resolve()
    target = folder / safe_file_name(name)
    if target.parent != folder:  # pragma: no cover - safe_file_name makes this unreachable
        raise InvalidInput(f"refusing to write {name!r} outside {folder}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | \
        getattr(os, "O_BINARY", 0)
    with writing(folder, "a copy to open"):
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:  # something planted there: never write through it
            raise NotWritable(f"cannot open a copy: {target} already exists") from None
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)  # no half copy left for a viewer to open
            raise
    return target
