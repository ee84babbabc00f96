"""Per-user folders (data, logs, settings) on each platform; never inside the installation."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "factcheck"


def user_data_dir() -> Path:
    override = os.environ.get("FACTCHECK_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "Factcheck"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Factcheck"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / APP
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_file() -> Path:
    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "factcheck.log"


def sample_workspace_path() -> Path:
    """Where the sample workspace is built on first run (a user copy, never the bundle)."""
    return user_data_dir() / "Sample.factcheck"
