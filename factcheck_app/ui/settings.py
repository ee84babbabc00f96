"""Typed settings over QSettings: recent workspaces, the user per workspace, layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings("Factcheck", "Factcheck")

    # -- workspaces ------------------------------------------------------------------
    def recent(self) -> list[Path]:
        values = self._s.value("workspaces/recent", []) or []
        if isinstance(values, str):
            values = [values]
        return [Path(v) for v in values if Path(v).exists()]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [str(p) for p in self.recent() if p != path]
        self._s.setValue("workspaces/recent", items[:MAX_RECENT])

    def last_workspace(self) -> Path | None:
        recent = self.recent()
        return recent[0] if recent else None

    def recent_team_urls(self) -> list[str]:
        """Team workspaces opened lately, newest first (stored without passwords)."""
        values = self._s.value("workspaces/team_recent", []) or []
        return [values] if isinstance(values, str) else [str(v) for v in values]

    def add_recent_team_url(self, url: str) -> None:
        """`url` must already be without its password (services.team_open.remembered)."""
        items = [url] + [u for u in self.recent_team_urls() if u != url]
        self._s.setValue("workspaces/team_recent", items[:MAX_RECENT])

    def user_for(self, path: Path) -> str | None:
        value = self._s.value(f"users/{_key(path)}")
        return str(value) if value else None

    def set_user_for(self, path: Path, user: str) -> None:
        self._s.setValue(f"users/{_key(path)}", user)

    # -- exports ---------------------------------------------------------------------
    def export_folder(self) -> Path:
        """Where the last export went, if it still exists; else the user's Documents."""
        value = self._s.value("exports/folder")
        if value and Path(str(value)).is_dir():
            return Path(str(value))
        return documents_folder()

    def set_export_folder(self, folder: Path) -> None:
        self._s.setValue("exports/folder", str(folder))

    # -- layout ----------------------------------------------------------------------
    def geometry(self, name: str) -> QByteArray | None:
        value = self._s.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"layout/{name}", value)

    def last_view(self) -> str:
        return str(self._s.value("layout/view", "all"))

    def set_last_view(self, view: str) -> None:
        self._s.setValue("layout/view", view)

    def sync(self) -> None:
        self._s.sync()


def documents_folder() -> Path:
    """The user's Documents folder (as the desktop names it), or home without one."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def _key(path: Path) -> str:
    return str(path).replace("/", "|").replace("\\", "|")
