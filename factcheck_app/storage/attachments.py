"""Attachment bytes, content-addressed by SHA-256: beside a workspace file in its sibling
folder `NAME.factcheck.files/`, on a team workspace on the server (storage/pg_files.py).
Services use the engine-neutral functions below; only they look at which engine it is."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..domain.errors import DiskFull, InvalidInput, NotWritable
from ..domain.file_names import safe_file_name
from .session import is_postgresql

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20
# The largest file a team server keeps: it holds each file as one value (bytea), and
# takes about twice its size in memory while receiving it.
MAX_TEAM_FILE = 200 * 1024 * 1024


@dataclass(frozen=True)
class Incoming:
    """A file checked and hashed before its record is written; `path` or `data` holds the
    bytes until `keep` (on a team workspace) sends them inside the record's transaction."""

    sha256: str
    size: int
    name: str
    path: Path | None = None
    data: bytes | None = None


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


def take_in_file(store: Any, source: Path) -> Incoming:
    """Before the write transaction: check and hash a file to attach. Beside a workspace
    file its bytes are copied into the folder now, in the same pass (content-addressed:
    a transaction that then fails leaves only a copy nothing names)."""
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(f"no such file: {source}")
    name = safe_file_name(source.name)
    if is_postgresql(store):
        size = source.stat().st_size
        fits_the_server(source.name, size)
        return Incoming(sha256_file(source), size, name, path=source)
    with open(source, "rb") as handle:
        sha, size = _store_chunks(store.files_dir, iter(lambda: handle.read(CHUNK), b""))
    return Incoming(sha, size, name)


def take_in_bytes(store: Any, data: bytes, name: str = "") -> Incoming:
    """The same for bytes in hand (a source's archived copy)."""
    if is_postgresql(store):
        fits_the_server(name or "the file", len(data))
        return Incoming(hashlib.sha256(data).hexdigest(), len(data), safe_file_name(name),
                        data=data)
    return Incoming(store_bytes(store.files_dir, data), len(data), safe_file_name(name))


def keep(db: Any, incoming: Incoming) -> None:
    """Inside the record's write transaction: a team server receives the bytes now (unless
    it has them), so they land with the record or not at all; a folder has them already."""
    if is_postgresql(db):
        from . import pg_files  # noqa: PLC0415 - the driver only for a team workspace

        pg_files.upload(db, incoming.sha256, path=incoming.path, data=incoming.data)


def fits_the_server(name: str, size: int) -> None:
    if size > MAX_TEAM_FILE:
        raise InvalidInput(f"{name} is {size / 2**20:,.0f} MB; a team workspace keeps files of "
                           f"up to {MAX_TEAM_FILE // 2**20} MB on its server; nothing was "
                           "changed — link a copy kept elsewhere by its URL")


def store_bytes(files_dir: Path, data: bytes) -> str:
    """Keep `data` in the folder under its SHA-256, which it returns."""
    sha = hashlib.sha256(data).hexdigest()
    if blob_path(files_dir, sha).exists():  # kept already: nothing to write
        return sha
    return _store_chunks(files_dir, [data])[0]


def _store_chunks(files_dir: Path, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Write the chunks to a temp file in the folder while hashing them, then rename it
    to its hash (a crash never leaves a half-written blob); same content is kept once."""
    digest, size = hashlib.sha256(), 0
    with writing(files_dir, "the file"):
        files_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=files_dir, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    digest.update(chunk)
                    handle.write(chunk)
                    size += len(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            target = blob_path(files_dir, digest.hexdigest())
            if target.exists():
                Path(tmp).unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp, 0o444)  # blobs are never altered in place
                os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest.hexdigest(), size


def open_stored(store: Any, sha256: str) -> BinaryIO:
    """The stored bytes to read (close it, or use `with`); refused in words when the
    workspace does not have them."""
    if is_postgresql(store):
        from . import pg_files  # noqa: PLC0415

        handle = pg_files.reader(store, sha256)
        if handle is None:
            raise InvalidInput(f"the stored file {sha256[:12]}… is missing from the team "
                               "server; run: factcheck check")
        return handle
    path = blob_path(store.files_dir, sha256)
    if not path.is_file():
        raise InvalidInput(f"the stored file {sha256[:12]}… is missing from the attachments "
                           "folder; run: factcheck check")
    return open(path, "rb")


def stored_problem(store: Any, sha256: str) -> str | None:
    """What is wrong with the stored bytes of `sha256` (hashed here, a chunk at a time),
    or None when they are there and still hash to it."""
    try:
        handle = open_stored(store, sha256)
    except InvalidInput:
        return "file is missing"
    digest = hashlib.sha256()
    with handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return None if digest.hexdigest() == sha256 else "file content no longer matches its SHA-256"


def copy_out(source: BinaryIO | io.BufferedIOBase, name: str, folder: Path) -> Path:
    """Copy stored bytes (an `open_stored` handle) into `folder` under a safe form of
    `name`; returns the copy.

    Used to open an attachment: viewers may write to what they open, so they get a
    copy. The stored name never steers where the copy goes: it is reduced to one
    safe path component, the result is checked to sit directly in `folder`, and
    the file is created exclusively (an existing file or symlink is never followed).
    """
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
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)  # no half copy left for a viewer to open
            raise
    return target
