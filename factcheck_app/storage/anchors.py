"""The highest signed head this computer has seen of each workspace, kept outside the file.

Signatures prove who wrote each entry, but not that the last ones are still there:
dropping the newest entries with their signatures leaves a valid, shorter history.
So every signed write (and every clean check) notes (seq, hash) in the user's data
folder, keyed by the workspace id; `check` finds a file that fell behind or diverged.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..paths import user_data_dir
from . import signing


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


def _path(workspace_id: str) -> Path:
    folder = user_data_dir() / "signed-heads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{workspace_id}.json"


def recall(workspace_id: str) -> Anchor | None:
    try:
        data = json.loads(_path(workspace_id).read_text(encoding="utf-8"))
        return Anchor(int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def problem(db: Database) -> str | None:
    """Why the file's signed head does not extend the one this computer saw, if it does not."""
    ident = signing.identity(db)
    seen = recall(ident.workspace_id)
    if seen is None:
        return None
    seq, _ = signing.signed_head(db)
    if seq < seen.seq:
        return (f"the history ends at signed entry #{seq}, but this computer saw it signed "
                f"up to #{seen.seq}: the last entries were deleted (or an older copy "
                "replaced the file)")
    if signing.hash_at(db, seen.seq) != seen.hash:
        return (f"history entry #{seen.seq} differs from what this computer saw signed: "
                "the history was rewritten")
    return None


def remember(db: Database, *, forget_older: bool = False) -> None:
    """Note the file's signed head if it extends what was seen (never on a mismatch).

    `forget_older`: a restore from backup legitimately goes back; start afresh.
    """
    ident = signing.identity(db)
    seq, digest = signing.signed_head(db)
    path = _path(ident.workspace_id)
    if not seq or digest is None:
        if forget_older:
            path.unlink(missing_ok=True)
        return
    seen = recall(ident.workspace_id)
    if seen is not None and not forget_older:
        if seq <= seen.seq or problem(db) is not None:
            return
    temp = path.with_suffix(".tmp")
    with contextlib.suppress(OSError):  # a read-only data folder must not stop the work
        temp.write_text(json.dumps({"seq": seq, "hash": digest}), encoding="utf-8")
        os.replace(temp, path)
