"""Attachment bytes on a team server (team/schema/006_files.sql): sent and read a chunk
at a time, so a large file is never held in memory whole on this side."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from ..team.connection import translate

CHUNK = 1 << 20
# Binary COPY framing (PostgreSQL's documented format): signature, flags, no header
# extension; one tuple of two fields, each a 4-byte length then its bytes; the trailer.
_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
_TRAILER = struct.pack("!h", -1)


def has(db: Any, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM files WHERE sha256 = ?", [sha256]).fetchone() is not None


def size_of(db: Any, sha256: str) -> int | None:
    row = db.execute("SELECT size FROM files WHERE sha256 = ?", [sha256]).fetchone()
    return None if row is None else int(row[0])


def upload(db: Any, sha256: str, *, path: Path | None = None, data: bytes | None = None
           ) -> None:
    """Send the bytes (a file read a chunk at a time, or bytes in hand) unless the server
    has them already; inside the caller's transaction, so they land with the record."""
    if has(db, sha256):
        return
    size = path.stat().st_size if path is not None else len(data or b"")
    conn: psycopg.Connection = db.conn
    try:
        with conn.transaction():  # a savepoint: another login sending the same bytes wins
            with conn.cursor() as cursor, cursor.copy(
                    "COPY files (sha256, data) FROM STDIN (FORMAT binary)") as copy:
                name = sha256.encode("ascii")
                copy.write(_HEADER + struct.pack("!hi", 2, len(name)) + name
                           + struct.pack("!i", size))
                for chunk in _chunks(path, data):
                    copy.write(chunk)
                copy.write(_TRAILER)
    except psycopg.errors.UniqueViolation:
        return  # the same content, stored meanwhile by someone else: nothing to add
    except psycopg.Error as error:
        raise translate(error) from error


def _chunks(path: Path | None, data: bytes | None) -> Iterator[bytes]:
    if path is None:
        view = memoryview(data or b"")
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start:start + CHUNK])
        return
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


class ServerFile(io.RawIOBase):
    """A stored file read from the server a slice at a time (substring of the bytea,
    which EXTERNAL storage serves without reading the rest)."""

    def __init__(self, db: Any, sha256: str, size: int) -> None:
        super().__init__()
        self._db, self._sha, self._size, self._pos = db, sha256, size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self._size - self._pos, CHUNK)
        if wanted <= 0:
            return 0
        row = self._db.execute("SELECT substring(data FROM ? FOR ?) FROM files WHERE sha256 = ?",
                               [self._pos + 1, wanted, self._sha]).fetchone()
        chunk = bytes(row[0]) if row else b""
        buffer[:len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)


def reader(db: Any, sha256: str) -> io.BufferedReader | None:
    """The stored file to read, or None when the server does not have it."""
    size = size_of(db, sha256)
    if size is None:
        return None
    return io.BufferedReader(ServerFile(db, sha256, size), buffer_size=CHUNK)
