"""Globally unique record ids, so workspaces can later be merged or replicated."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A random UUID (version 4).

    Random rather than time-ordered so that the first eight characters already
    tell records apart: the command line accepts such prefixes, as git does.
    """
    return str(uuid.uuid4())
