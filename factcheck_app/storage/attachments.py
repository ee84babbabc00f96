"""Content-addressed file store beside the workspace: files named by their SHA-256."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from ..domain.errors import InvalidInput

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


def store_bytes(files_dir: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    target = blob_path(files_dir, sha)
    if not target.exists():
        _write_atomically(target, data)
    return sha


def store_file(files_dir: Path, source: Path) -> tuple[str, int]:
    """Copy `source` in; returns (sha256, size). Existing identical content is reused."""
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


def safe_file_name(name: str) -> str:
    """A display/export name with no directory parts or control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f]", "", base).strip().lstrip(".")
    return base or "attachment"
