"""The small set of user-facing errors; anything else is a bug."""

from __future__ import annotations


class FactcheckError(Exception):
    """A known problem the user can act on; its message is shown as is."""

    exit_code = 2


class InvalidInput(FactcheckError):
    """Input that does not make sense (bad date, unknown kind, empty quote)."""


class NotFound(FactcheckError):
    """A record named by the user does not exist."""


class PermissionDenied(FactcheckError):
    """The acting user's role does not allow the action."""


class RuleViolation(FactcheckError):
    """A workflow rule refuses the action (four-eyes, evidence rule, transition)."""


class StaleEdit(FactcheckError):
    """The record changed since the user loaded it; saving would lose that change."""


class WorkspaceLocked(FactcheckError):
    """Another process held the write lock for longer than we are willing to wait."""


class WorkspaceTooNew(FactcheckError):
    """The workspace was written by a newer Factcheck that knows a schema we do not."""


class WorkspaceInvalid(FactcheckError):
    """The file is not a Factcheck workspace (or not SQLite at all)."""


class WorkspaceDamaged(WorkspaceInvalid):
    """SQLite reports the file's pages as damaged (truncated, overwritten)."""


class DiskFull(FactcheckError):
    """SQLite could not write because the disk is full; nothing was changed."""


class NotWritable(FactcheckError):
    """A file or folder the workspace needs cannot be written (read-only, not a folder)."""


class Cancelled(FactcheckError):
    """The user stopped a long operation; it was rolled back, nothing changed."""
