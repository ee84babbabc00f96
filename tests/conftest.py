"""Shared fixtures: real workspace files in tmp_path, never the user's own data folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace: admin "admin", analyst "ana", reviewers "rob" and "rita".

    Returned signed in as the admin; tests sign in as whoever acts.
    """
    workspace = Workspace.create(tmp_path / "t.factcheck", admin="admin",
                                 display_name=DISPLAY_NAMES["admin"])
    users.add_user(workspace, name="ana", role="analyst", display_name=DISPLAY_NAMES["ana"])
    users.add_user(workspace, name="rob", role="reviewer", display_name=DISPLAY_NAMES["rob"])
    users.add_user(workspace, name="rita", role="reviewer", display_name=DISPLAY_NAMES["rita"])
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def demo_ws(tmp_path: Path) -> Iterator[Workspace]:
    """The sample workspace (12 statements), signed in as the analyst ana."""
    workspace = build_demo(tmp_path / "demo.factcheck")
    try:
        yield workspace
    finally:
        workspace.close()
