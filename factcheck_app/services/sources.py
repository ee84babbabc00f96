"""Sources: articles, transcripts, videos, posts, documents — with an archived copy."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import InvalidInput
from ..domain.ids import new_id
from ..domain.records import SOURCE_KINDS, check_fields, choice
from ..storage import attachments, records, source_rows
from .workspace import Changes, Workspace


def add_source(ws: Workspace, *, title: str, outlet: str = "", url: str = "",
               published_on: str | None = None, language: str = "", kind: str = "article",
               full_text: str = "", file: Path | None = None,
               file_bytes: bytes | None = None, file_name: str = "") -> Changes:
    """Add a source; an archived file is stored content-addressed with its SHA-256."""
    ws.require_user()
    title = (title or "").strip()
    if not title:
        raise InvalidInput("a source needs a title")
    published = parse_fuzzy_date(published_on).value if published_on else None
    if url and not url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"a source URL must start with http:// or https:// (got {url!r})")
    archived = None
    if file is not None:
        file_bytes = Path(file).read_bytes() if Path(file).is_file() else None
        if file_bytes is None:
            raise InvalidInput(f"no such file: {file}")
        file_name = file_name or Path(file).name
    if file_bytes is not None:
        ws.store.require_writable()  # no file lands beside a workspace that cannot record it
        archived = attachments.take_in_bytes(ws.store, file_bytes, file_name)
    sha = archived.sha256 if archived else None
    with ws.store.transaction() as db:
        if archived:
            attachments.keep(db, archived)
        source_id = new_id()
        records.insert(db, "sources", {
            "id": source_id, "title": title, "outlet": outlet.strip() or None,
            "url": url.strip() or None, "published_on": published,
            "language": language.strip() or None,
            "kind": choice(kind, SOURCE_KINDS, what="source kind"),
            "full_text": full_text or None, "file_sha256": sha,
            "file_name": attachments.safe_file_name(file_name) if sha else None,
        }, actor=ws.actor)
    return Changes(tables=frozenset({"sources"}), created=source_id, message=f"added source {title}")


def edit_source(ws: Workspace, *, source_id: str, expected_version: int | None = None,
                **fields: Any) -> Changes:
    ws.require_user()
    allowed = {"title", "outlet", "url", "published_on", "language", "kind", "full_text"}
    check_fields(fields, allowed, what="sources")
    changes = {k: ((v or "").strip() or None) if k != "full_text" else v for k, v in fields.items()}
    if changes.get("published_on"):
        changes["published_on"] = parse_fuzzy_date(changes["published_on"]).value
    if "kind" in changes:
        changes["kind"] = choice(changes["kind"] or "article", SOURCE_KINDS, what="source kind")
    if "title" in changes and not changes["title"]:
        raise InvalidInput("a source needs a title")
    url = changes.get("url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"a source URL must start with http:// or https:// (got {url!r})")
    with ws.store.transaction() as db:
        old, _ = records.update(db, "sources", source_id, changes, actor=ws.actor,
                                expected_version=expected_version)
    return Changes(tables=frozenset({"sources"}), message=f"saved {old['title']}",
                   undo={"op": "edit_source", "source_id": source_id,
                         "fields": {k: old[k] for k in changes}})


def list_sources(ws: Workspace) -> list[dict]:
    return source_rows.source_list(ws.store)


def get_source(ws: Workspace, source_id: str) -> dict:
    return records.get(ws.store, "sources", source_id)


def guess_media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def delete_source(ws: Workspace, *, source_id: str) -> Changes:
    """Remove a source nothing refers to (undo of an import); otherwise refuse."""
    ws.require_user()
    with ws.store.transaction() as db:
        if source_rows.times_cited(db, source_id):
            raise InvalidInput("this source is still cited by statements or evidence")
        old = records.delete(db, "sources", source_id, actor=ws.actor)
    return Changes(tables=frozenset({"sources", "statements"}), message=f"removed {old['title']}")


def source_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(title, id) of every source, newest first, for pickers."""
    return source_rows.source_choices(ws.store)
