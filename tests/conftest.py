"""Shared fixtures: real workspace files in tmp_path, never the user's own data folder."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

# GUI tests elsewhere need a platform that works without a display; set before
# anything can import Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# One private data folder (logs, sample workspace) for the whole session, set at
# import time so subprocesses started by tests inherit it too.
_SESSION_DATA_DIR = Path(tempfile.mkdtemp(prefix="factcheck-test-data-"))
os.environ["FACTCHECK_DATA_DIR"] = str(_SESSION_DATA_DIR)
# A developer's own defaults must not leak into the tests.
for _name in ("FACTCHECK_USER", "FACTCHECK_TODAY"):
    os.environ.pop(_name, None)
from factcheck_app.services.demo import SAMPLE_PASSPHRASE  # noqa: E402

# Every test user (and the sample's) has this passphrase, so `ws.sign_in("rob")` works
# as a script's would; keys are sealed at libsodium's minimum cost to keep the suite
# fast (the cost is stored with each key; tests/services/test_signing.py proves real
# keys get the strong one).
TEST_PASSPHRASE = SAMPLE_PASSPHRASE
os.environ["FACTCHECK_PASSPHRASE"] = TEST_PASSPHRASE
os.environ["FACTCHECK_NEW_PASSPHRASE"] = TEST_PASSPHRASE
os.environ["FACTCHECK_INSECURE_TEST_KEYS"] = "1"

from factcheck_app.services import users  # noqa: E402  (after the environment is set)
from factcheck_app.services.demo import build_demo  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402

DISPLAY_NAMES = {
    "admin": "Ada Admin",
    "ana": "Ana Petrova",
    "rob": "Rob Kessler",
    "rita": "Rita Moreno",
}


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ARG001
    shutil.rmtree(_SESSION_DATA_DIR, ignore_errors=True)


@pytest.fixture
def data_dir() -> Path:
    """The session's private FACTCHECK_DATA_DIR."""
    return Path(os.environ["FACTCHECK_DATA_DIR"])


# -- both engines ----------------------------------------------------------------------
ENGINES = ("sqlite", "postgresql")
SERVICE_TESTS = Path(__file__).parent / "services"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every service test using a workspace runs on a workspace file and on a team
    workspace, except those marked solo_only (about the file itself)."""
    if "engine" not in metafunc.fixturenames:
        return
    if SERVICE_TESTS not in Path(str(metafunc.definition.path)).parents:
        return
    solo = metafunc.definition.get_closest_marker("solo_only") or \
        metafunc.definition.get_closest_marker("team_gap")
    metafunc.parametrize("engine", ["sqlite"] if solo else list(ENGINES), indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """Which engine the workspace fixtures open: "sqlite" unless parametrized."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (a Unix socket in a temp folder, no
    TCP), started only when a test needs it."""
    from factcheck_app.team.throwaway import LocalServer, find_bindir  # noqa: PLC0415

    if find_bindir() is None:
        if os.environ.get("CI"):  # `make test` installs the server: never skip there
            pytest.fail("PostgreSQL server programs not found; `make test` installs postgresql")
        pytest.skip("PostgreSQL server programs not installed (apt-get install postgresql)")
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()


def team_url(server, dbname: str, user: str | None = None) -> str:
    """A postgresql:// URL for a database on the throwaway server (no password in it)."""
    who = f"{user}@" if user else ""
    return f"postgresql://{who}/{dbname}?host={quote(str(server.root), safe='')}"


_databases = itertools.count(1)


def new_database(server, template: str | None = None) -> str:
    import psycopg  # noqa: PLC0415

    dbname = f"ws{next(_databases)}"
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {dbname}" + (f" TEMPLATE {template}" if template else ""))
    return dbname


def drop_database(server, dbname: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {dbname} WITH (FORCE)")


@pytest.fixture(scope="session")
def services_template(pg_server) -> str:
    """A team workspace with the users of `ws`, set up once; each test gets a copy
    (CREATE DATABASE ... TEMPLATE), faster than setting one up per test."""
    import psycopg  # noqa: PLC0415

    from factcheck_app.services.workspace import DEFAULT_SETTINGS  # noqa: PLC0415
    from factcheck_app.team import admin  # noqa: PLC0415

    dbname = new_database(pg_server)
    with psycopg.connect(pg_server.url(dbname=dbname)) as conn:
        admin.init_workspace(conn, admin="admin", password=TEST_PASSPHRASE,
                             display_name=DISPLAY_NAMES["admin"], settings=DEFAULT_SETTINGS)
    with psycopg.connect(pg_server.url(user="admin", password=TEST_PASSPHRASE,
                                       dbname=dbname)) as conn:
        for name, role in (("ana", "analyst"), ("rob", "reviewer"), ("rita", "reviewer")):
            admin.add_user(conn, name=name, role=role, password=TEST_PASSPHRASE,
                           display_name=DISPLAY_NAMES[name])
    return dbname


def _solo_ws(path: Path) -> Workspace:
    workspace = Workspace.create(path, admin="admin", display_name=DISPLAY_NAMES["admin"])
    users.add_user(workspace, name="ana", role="analyst", display_name=DISPLAY_NAMES["ana"])
    users.add_user(workspace, name="rob", role="reviewer", display_name=DISPLAY_NAMES["rob"])
    users.add_user(workspace, name="rita", role="reviewer", display_name=DISPLAY_NAMES["rita"])
    return workspace


@pytest.fixture
def ws(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    """A fresh workspace: admin "admin", analyst "ana", reviewers "rob" and "rita"
    (a workspace file, or for service tests also a team workspace, each login's
    password being the test passphrase).

    Returned signed in as the admin; tests sign in as whoever acts.
    """
    if engine == "sqlite":
        workspace = _solo_ws(tmp_path / "t.factcheck")
        try:
            yield workspace
        finally:
            workspace.close()
        return
    server = request.getfixturevalue("pg_server")
    dbname = new_database(server, request.getfixturevalue("services_template"))
    try:
        workspace = Workspace.open(team_url(server, dbname, "admin"), passphrase=TEST_PASSPHRASE)
        try:
            yield workspace
        finally:
            workspace.close()
    finally:
        drop_database(server, dbname)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace, built once a run and never opened again: tests that change
    a sample take their own copy (`copy_workspace`), since building one signs a history
    of some sixty changes and seals three keys."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.factcheck"
    build_demo(path).close()
    return path


def copy_workspace(source: Path, dest: Path) -> Path:
    """A closed workspace file and its attachment folder copied to `dest`, as a user
    would copy them to another machine."""
    shutil.copy2(source, dest)
    files = source.with_name(source.name + ".files")
    if files.is_dir():
        shutil.copytree(files, dest.with_name(dest.name + ".files"))
    return dest


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A closed sample workspace of this test's own, as if on a computer of its own.

    Every copy has the template's workspace id, and the computer notes the highest signed
    entry it saw of each id: two copies growing apart on one computer look like a history
    cut short, which `check` rightly reports. So each test gets its own data folder."""
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path / "data"))
    return copy_workspace(demo_template, tmp_path / "sample.factcheck")


@pytest.fixture
def demo_ws(demo_copy: Path) -> Iterator[Workspace]:
    """The sample workspace (12 statements), signed in as the analyst ana."""
    workspace = Workspace.open(demo_copy, user="ana", passphrase=TEST_PASSPHRASE)
    try:
        yield workspace
    finally:
        workspace.close()
