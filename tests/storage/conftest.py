"""Helpers for the storage tests: change a workspace file the way a script would."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest


def run_plain_sql(path: Path, *statements: str, params: tuple = ()) -> None:
    """Write with plain sqlite3, behind the app's back (no history, no checks)."""
    conn = sqlite3.connect(str(path))
    try:
        for sql in statements:
            conn.execute(sql, params if "?" in sql else ())
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def plain_sql() -> Callable[..., None]:
    return run_plain_sql
