"""The highest signed head this computer has seen of each workspace, kept outside the file.

Signatures prove who wrote each entry, but not that the last ones are still there:
dropping the newest entries with their signatures leaves a valid, shorter history.
So every signed write (and every clean check) notes (seq, hash) in the user's data
folder, keyed by the workspace id; `check` finds a file that fell behind or diverged.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..paths import user_data_dir
from . import signing


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


# What this process last read or noted per note file: a write needs no read first. The
# history only grows, so another process's later note of the same file is never lower.
_known: dict[Path, Anchor | None] = {}
# A note is written at most every NOTE_EVERY seconds per workspace (writing a file after
# every edit costs more than the edit); the newest is written when the workspace closes
# (Store.close) and when the process ends.
NOTE_EVERY = 2.0
_unwritten: dict[Path, Anchor] = {}
_made: set[Path] = set()
_written_at: dict[Path, float] = {}


def _path(workspace_id: str) -> Path:
    folder = user_data_dir() / "signed-heads"
    if folder not in _made:
        folder.mkdir(parents=True, exist_ok=True)
        _made.add(folder)
    return folder / f"{workspace_id}.json"


def recall(workspace_id: str, *, fresh: bool = True) -> Anchor | None:
    """The note for this workspace; `fresh=False` may answer from what this process
    last read or wrote (a check always reads the file)."""
    path = _path(workspace_id)
    if not fresh and path in _known:
        return _known[path]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found: Anchor | None = Anchor(int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        found = None
    _known[path] = found
    return found


def problem(db: Database, *, fresh: bool = True) -> str | None:
    """Why the file's signed head does not extend the one this computer saw, if it does not."""
    ident = signing.identity(db)
    if fresh:
        flush()  # a check compares with what is on disk, this process's notes included
    seen = recall(ident.workspace_id, fresh=fresh)
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
            _unwritten.pop(path, None)
            path.unlink(missing_ok=True)
            _known[path] = None
        return
    seen = recall(ident.workspace_id, fresh=False)
    if seen is not None and not forget_older:
        if seq <= seen.seq or problem(db, fresh=False) is not None:
            return
    _known[path] = Anchor(seq, digest)
    _unwritten[path] = _known[path]
    if forget_older or time.monotonic() - _written_at.get(path, -NOTE_EVERY) >= NOTE_EVERY:
        flush()


def flush() -> None:
    """Write the notes not written yet. In place, not via a rename (cheaper): a note torn
    by a crash reads as none, which only forgets what was seen, never raises an alarm."""
    while _unwritten:
        path, anchor = _unwritten.popitem()
        _written_at[path] = time.monotonic()
        with contextlib.suppress(OSError):  # a read-only data folder must not stop the work
            path.write_text(json.dumps({"seq": anchor.seq, "hash": anchor.hash}),
                            encoding="utf-8")


atexit.register(flush)
