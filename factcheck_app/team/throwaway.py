"""A throwaway PostgreSQL server for tests and benchmarks: a temp folder, a Unix
socket inside it and no TCP at all. Runs as the `postgres` system user when we are
root (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from psycopg import conninfo

SUPERUSER = "factcheck_test_super"


def find_bindir() -> Path | None:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/N/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name)
                        if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


class LocalServer:
    """initdb + pg_ctl in a temp folder; `stop()` removes every trace."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server programs not found (Debian: apt-get install postgresql)")
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
        self.password = secrets.token_urlsafe(16)
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], cwd=self.root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> LocalServer:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as_user:
            shutil.chown(pwfile, "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-instructions")
        pwfile.unlink()
        options = ["-c listen_addresses=''", f"-k {self.root}", "-c max_connections=60"]
        if not self.durable:  # a test server: losing it in a crash costs nothing
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-w", "-o", " ".join(options), "start")
        return self

    def url(self, *, user: str = SUPERUSER, password: str | None = None,
            dbname: str = "postgres") -> str:
        """A libpq connection string for the socket (no password when none is given)."""
        params = {"host": str(self.root), "dbname": dbname, "user": user}
        if user == SUPERUSER and password is None:
            params["password"] = self.password
        elif password is not None:
            params["password"] = password
        return conninfo.make_conninfo(**params)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
