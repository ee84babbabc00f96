"""How many concurrent `factcheck statement edit` commands overwrite a change they never saw.

    .venv/bin/python benchmarks/concurrent_edits.py [-n 97] [--version-flag]

Builds a workspace with one statement whose expectation is "initial", holds the
write lock, starts N `factcheck statement edit --expectation "edit i"` processes
(each as one of a few users), waits until every one has opened the workspace and
read the statement, then releases the lock so they all race for it. Every process
therefore read "initial"; an edit recorded in the history with any other old value
replaced a change its user never saw. Prints how many edits were saved, refused
and silently overwrote another's change (the figure that must be 0).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.services import statements, users  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.storage import history  # noqa: E402

USERS = ("ana", "rob", "rita", "maya")


def _opened(pid: int, path: Path) -> bool:
    """Whether process `pid` has the workspace file open (Linux /proc; else assume so)."""
    fd_dir = Path(f"/proc/{pid}/fd")
    if not fd_dir.is_dir():
        return True
    try:
        return any(os.readlink(fd) == str(path) for fd in fd_dir.iterdir())
    except OSError:  # the process ended meanwhile
        return True


def make_workspace(folder: Path) -> tuple[Path, str]:
    path = folder / "race.factcheck"
    with Workspace.create(path, admin="admin") as ws:
        for name in USERS:
            users.add_user(ws, name=name, role="analyst" if name != "rob" else "reviewer")
        ws.sign_in("ana")
        statement_id = statements.add_statement(
            ws, quote="The bridge opens this year", stated_on="2024-01-10",
            expectation="initial").created
    Workspace.open(path).close()  # the first rolling backup, so the racers take none
    return path, statement_id


def race(path: Path, statement_id: str, n: int, *, with_version: bool) -> dict[str, int]:
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # nobody writes until every racer has read
    version = lock.execute("SELECT version FROM statements WHERE id = ?",
                           [statement_id]).fetchone()[0]
    procs = []
    for i in range(n):
        cmd = [sys.executable, "-m", "factcheck_app", "statement", "edit", str(path),
               statement_id, "--expectation", f"edit {i}", "--as", USERS[i % len(USERS)]]
        if with_version:
            cmd += ["--version", str(version)]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, cwd=Path(__file__).resolve().parent.parent))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(
            p.poll() is not None or _opened(p.pid, path) for p in procs):
        time.sleep(0.1)
    time.sleep(1.0)  # from opening to having read the statement
    lock.execute("COMMIT")
    lock.close()
    codes = [p.wait() for p in procs]
    errors = [p.stderr.read() for p in procs]
    olds = _old_expectations(path, statement_id)
    return {
        "processes": n,
        "saved": codes.count(0),
        "refused": sum(1 for c, e in zip(codes, errors) if c == 2 and "changed" in e),
        "other failures": sum(1 for c, e in zip(codes, errors) if c != 0 and not
                              (c == 2 and "changed" in e)),
        "silent overwrites": sum(1 for old in olds if old != "initial"),
    }


def _old_expectations(path: Path, statement_id: str) -> list:
    """What each saved edit replaced, read from the history's change sets."""
    db = Database(sqlite3.connect(path))
    try:
        return [old for header, changes in history.record_change_sets(
                    db, "statements", statement_id) if header.action == "edit"
                for change in changes for name, old, _ in change.pairs()
                if name == "expectation"]
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=97, help="concurrent edit commands")
    parser.add_argument("--version-flag", action="store_true",
                        help="give every command --version (the version they all read)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, statement_id = make_workspace(Path(tmp))
        started = time.perf_counter()
        result = race(path, statement_id, args.n, with_version=args.version_flag)
        elapsed = time.perf_counter() - started
    for key, value in result.items():
        print(f"{key:<18} {value}")
    print(f"{'elapsed':<18} {elapsed:.1f} s")


if __name__ == "__main__":
    main()
