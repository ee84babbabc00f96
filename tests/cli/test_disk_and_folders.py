"""A full disk or an unwritable attachments folder: a clear message, and nothing changed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import CLI, _add, cli, snapshot  # noqa: F401 - the fixture

resource = pytest.importorskip("resource")  # POSIX: file size limits


def _files_dir(cli: CLI) -> Path:
    return Path(cli.w + ".files")


def _refused(cli: CLI, args: tuple, message: str) -> None:
    before = snapshot(cli.w)
    code, out, err = cli(*args)
    assert (code, out) == (2, ""), err
    assert message in err and "unexpected" not in err and len(err.strip().splitlines()) == 1
    assert snapshot(cli.w) == before


def test_attaching_when_the_disk_fills_up_says_so_and_changes_nothing(cli: CLI, tmp_path) -> None:  # noqa: F811
    """The OS refuses the write partway through the copy, as a full disk does (the
    process's file size limit stands in for the disk: it fails the same write call)."""
    _add(cli)
    video = tmp_path / "interview.mp4"
    video.write_bytes(os.urandom(6 * 1024 * 1024))
    before = snapshot(cli.w)
    limit = 4 * 1024 * 1024

    def small_disk() -> None:
        import signal  # noqa: PLC0415 - in the child, before exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "factcheck_app", "evidence", "add", cli.w, "--summary",
         "The interview", "--file", str(video), "--as", "ana"],
        capture_output=True, text=True, preexec_fn=small_disk, timeout=120,
        cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 2, result.stderr
    assert "no room to store the file in" in result.stderr
    assert "nothing was changed" in result.stderr and "unexpected" not in result.stderr
    assert snapshot(cli.w) == before
    leftovers = [p for p in _files_dir(cli).rglob("*") if p.is_file()]
    assert leftovers == [], "a half-written file was left behind"


def test_attaching_when_the_files_folder_is_not_a_folder(cli: CLI, tmp_path) -> None:  # noqa: F811
    """Works as root too: no permission bit stops root, a file in the way does."""
    _add(cli)
    shutil.rmtree(_files_dir(cli), ignore_errors=True)
    _files_dir(cli).write_text("not a folder")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    _refused(cli, ("evidence", "add", cli.w, "--summary", "A photo", "--file", photo,
                   "--as", "ana"), "is not a folder; nothing was changed")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; the "
                    "message path is covered by the not-a-folder test above")
def test_attaching_to_a_read_only_files_folder(cli: CLI, tmp_path) -> None:  # noqa: F811
    _add(cli)
    folder = _files_dir(cli)
    folder.mkdir(exist_ok=True)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    try:
        _refused(cli, ("evidence", "add", cli.w, "--summary", "A photo", "--file", photo,
                       "--as", "ana"), "is read-only here")
    finally:
        folder.chmod(stat.S_IRWXU)
