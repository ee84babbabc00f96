"""Signed history: the sealed keys, one signature per write transaction, and their check.

Independent of how the history rows look: a transaction that moved the chain head
signs (workspace id, head seq, head hash); that hash chains every entry before it,
so each entry is covered by the signature of the transaction that wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from ..domain import signatures as sig
from ..domain.errors import PermissionDenied
from . import history
from .session import is_postgresql, sqlite_database


@dataclass(frozen=True)
class Identity:
    """Which workspace this is, and where its signed history starts.

    `unsigned_before`: entries up to this seq were written before the workspace had
    keys (an upgraded old workspace); every signature names it, so it cannot be moved.
    """

    workspace_id: str
    unsigned_before: int


def is_signed(db: Database) -> bool:
    """Whether the file has the signing tables (a file opened read-only before its
    upgrade does not). A team workspace signs nothing: its server vouches for who acted."""
    if is_postgresql(db):
        return False
    return sqlite_database(db)["workspace_identity"].exists()


def approved_before_signing(db: Database, statement_id: str) -> bool:
    """The statement's current approval was recorded among the unsigned old entries."""
    header = history.last_change_of(db, "statements", statement_id, ["approved_hash"])
    return header is not None and header.seq <= identity(db).unsigned_before


def approval_verifier(db: Database) -> Callable[[Mapping[str, Any]], bool]:
    """A test of one approved statement row: the approver's signature over (statement,
    content hash, approver, time) holds with a key the history gave the approver;
    approvals from before signing pass. Reads the keys once, for many statements."""
    ident = identity(db)
    keys = public_keys(db)

    def signed(statement: Mapping[str, Any]) -> bool:
        if not statement["approved_signature"] and approved_before_signing(db, statement["id"]):
            return True
        message = sig.approval_message(ident.workspace_id, statement["id"],
                                       statement["approved_hash"] or "",
                                       statement["approved_by"] or "",
                                       statement["approved_at"] or "")
        return any(sig.verify(key, message, statement["approved_signature"])
                   for _, key in keys.get(statement["approved_by"], []))

    return signed


def identity(db: Database) -> Identity:
    row = db.execute("SELECT id, unsigned_before FROM workspace_identity").fetchone()
    return Identity(row[0], row[1])


def head(db: Database) -> tuple[int, str]:
    """The chain head after the last change set: (seq, hash as hex)."""
    seq, digest = history.head(db)
    return seq, bytes(digest).hex()


def hash_at(db: Database, seq: int) -> str | None:
    row = db.execute("SELECT hash FROM history WHERE seq = ?", [seq]).fetchone()
    return bytes(row[0]).hex() if row else None


def signed_head(db: Database) -> tuple[int, str | None]:
    """The last signed seq and the history's hash there now."""
    seq = db.execute("SELECT max(seq) FROM signatures").fetchone()[0] or 0
    return seq, hash_at(db, seq)


# -- keys ------------------------------------------------------------------------------
def load_key(db: Database, user_id: str) -> sig.SealedKey | None:
    row = db.execute("SELECT public_key, sealed, salt, kdf, ops, mem FROM user_keys "
                     "WHERE user_id = ?", [user_id]).fetchone()
    return sig.SealedKey(*row) if row else None


def save_key(db: Database, user_id: str, sealed: sig.SealedKey) -> None:
    """Store (or replace) a user's sealed key. Not history: an old sealed copy in the
    history would still open with a passphrase the user changed because it leaked."""
    db.execute("INSERT OR REPLACE INTO user_keys (user_id, public_key, sealed, salt, kdf, ops, "
               "mem) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [user_id, sealed.public_key, sealed.sealed, sealed.salt, sealed.kdf,
                sealed.ops, sealed.mem])


def any_keys(db: Database) -> bool:
    return db.execute("SELECT 1 FROM user_keys LIMIT 1").fetchone() is not None


def public_keys(db: Database) -> dict[str, list[tuple[int, str]]]:
    """Every public key each user has had, from the history: user id -> [(from seq, key)].

    Read from the history, not the users table, so a key swapped in behind the app's
    back never verifies anything.
    """
    keys: dict[str, list[tuple[int, str]]] = {}
    for (user_id,) in db.execute("SELECT id FROM users").fetchall():
        for header, changes in history.record_change_sets(db, "users", user_id):
            for change in changes:
                for name, _old, new in change.pairs():
                    if name == "public_key" and new:
                        keys.setdefault(user_id, []).append((header.seq, new))
    return keys


def key_at(keys: dict[str, list[tuple[int, str]]], user_id: str, seq: int) -> str | None:
    """The user's public key in force when entry `seq` was signed."""
    found = None
    for since, key in keys.get(user_id, ()):
        if since <= seq:
            found = key
    return found


# -- signing ---------------------------------------------------------------------------
def seal_transaction(db: Database, signer: sig.Signer | None) -> None:
    """Before a write transaction commits: sign the head it moved, as the signed-in user.

    The one hook the history needs; a transaction that wrote history with nobody
    signed in is refused (and so rolled back).
    """
    seq, digest = head(db)
    ident = identity(db)
    last = db.execute("SELECT max(seq) FROM signatures").fetchone()[0] or 0
    if seq <= max(last, ident.unsigned_before):
        return
    if signer is None:
        raise PermissionDenied("sign in with your passphrase to change this workspace")
    db.execute("INSERT INTO signatures (seq, user_id, public_key, signature) VALUES (?, ?, ?, ?)",
               [seq, signer.user_id, signer.public_key,
                signer.sign(sig.head_message(ident.workspace_id, ident.unsigned_before, seq,
                                             digest))])


@dataclass(frozen=True)
class SignatureProblem:
    seq: int
    message: str


def verify(db: Database) -> SignatureProblem | None:
    """The first entry or signature that does not hold; None when every entry is signed
    by the user named on it, with the key the history gave that user."""
    ident = identity(db)
    keys = public_keys(db)
    names = dict(db.execute("SELECT id, COALESCE(display_name, name) FROM users").fetchall())
    signatures = iter(db.execute(
        "SELECT seq, user_id, public_key, signature FROM signatures ORDER BY seq").fetchall())
    current = next(signatures, None)
    for seq, user_id, stored in db.execute(
            "SELECT seq, user_id, hash FROM history WHERE seq > ? ORDER BY seq",
            [ident.unsigned_before]):
        digest = bytes(stored).hex()
        if current is not None and current[0] < seq:
            return SignatureProblem(current[0], f"signature #{current[0]} signs a history "
                                    "entry that is not there")
        if current is None:
            return SignatureProblem(seq, f"history entry #{seq} is not signed: it was added "
                                    "outside Factcheck")
        signed_seq, signer_id, public_key, signature = current
        who = names.get(signer_id, signer_id)
        if user_id is not None and user_id != signer_id:
            return SignatureProblem(seq, f"history entry #{seq} names "
                                    f"{names.get(user_id, user_id)} but was signed by {who}")
        if seq == signed_seq:
            message = sig.head_message(ident.workspace_id, ident.unsigned_before, seq, digest)
            if public_key != key_at(keys, signer_id, seq):
                return SignatureProblem(seq, f"signature #{seq} is not made with {who}'s key")
            if not sig.verify(public_key, message, signature):
                return SignatureProblem(seq, f"signature #{seq} by {who} does not match the "
                                        "history: entries were forged or re-chained")
            current = next(signatures, None)
    if current is not None:
        return SignatureProblem(current[0], f"signature #{current[0]} signs a history entry "
                                "that is not there: the last entries were deleted")
    return None

