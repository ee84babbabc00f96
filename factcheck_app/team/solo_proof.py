"""A pushed solo workspace's signatures, checked on the team workspace: each change set's
signature over the solo chain head it left (with the key the solo history gave its
signer then), and each approval's signature over the solo content hash it approved."""

from __future__ import annotations

import json

import psycopg

from ..domain import signatures as sig
from ..storage.signing import key_at


def problems(conn: psycopg.Connection) -> list[str]:
    """What does not hold, one line each; empty when nothing was pushed or all holds."""
    row = conn.execute("SELECT value FROM factcheck.team_meta WHERE id = 'solo_identity'"
                       ).fetchone()
    if row is None:
        return []
    ident = json.loads(row[0])
    workspace_id, unsigned_before = ident["workspace_id"], ident["unsigned_before"]
    keys: dict[str, list[tuple[int, str]]] = {}
    for user_id, since, key in conn.execute(
            "SELECT user_id, since_seq, public_key FROM factcheck.imported_keys "
            "ORDER BY user_id, since_seq"):
        keys.setdefault(user_id, []).append((since, key))
    found = []
    for seq, head_hash, user_id, public_key, signature in conn.execute(
            "SELECT seq, head_hash, user_id, public_key, signature "
            "FROM factcheck.imported_signatures ORDER BY seq"):
        message = sig.head_message(workspace_id, unsigned_before, seq, head_hash)
        if public_key != key_at(keys, user_id, seq) or not sig.verify(public_key, message,
                                                                       signature):
            found.append(f"solo change set #{seq}: its signature does not hold")
    for statement_id, content_hash, approver_id, name, at, signature in conn.execute(
            "SELECT statement_id, content_hash, approver_id, approver_name, approved_at, "
            "signature FROM factcheck.imported_approvals WHERE signature IS NOT NULL "
            "ORDER BY statement_id"):
        message = sig.approval_message(workspace_id, statement_id, content_hash, approver_id, at)
        if not any(sig.verify(key, message, signature) for _, key in keys.get(approver_id, [])):
            found.append(f"solo approval of statement {statement_id[:8]} by {name}: its "
                         "signature does not hold")
    return found
