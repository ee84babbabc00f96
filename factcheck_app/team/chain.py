"""Verifying a team workspace's history: every change set follows the one before it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import psycopg

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def change_set_hash(prev_hash: str, seq: int, at: str, user_name: str, user_id: str | None,
                    action: str, reason: str | None, changes_text: str) -> str:
    """What the server computes in change_set_hash() (schema/003_history.sql)."""
    parts = [prev_hash, str(seq), at, user_name, user_id or "", action, reason or "", changes_text]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def verify(conn: psycopg.Connection) -> ChainProblem | None:
    """Recompute every change set's hash here, independently of the server's own
    function; return the first that does not match, or a gap or an altered head."""
    prev, expected = GENESIS, 1
    cursor = conn.execute("SELECT seq, at, user_name, user_id, action, reason, changes::text, "
                          "prev_hash, hash FROM factcheck.change_sets ORDER BY seq")
    for seq, at, user_name, user_id, action, reason, changes, prev_hash, digest in cursor:
        if seq != expected:
            return ChainProblem(seq, f"change set #{expected} is missing")
        if prev_hash != prev:
            return ChainProblem(seq, f"change set #{seq} does not follow the set before it")
        if change_set_hash(prev, seq, at, user_name, user_id, action, reason, changes) != digest:
            return ChainProblem(seq, f"change set #{seq} was altered after it was written")
        prev, expected = digest, seq + 1
    return None


def count(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT count(*) FROM factcheck.change_sets").fetchone()[0]
