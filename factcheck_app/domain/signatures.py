"""Ed25519 keys sealed with a passphrase (Argon2id + SecretBox), and what gets signed.

Pure functions over bytes (libsodium through PyNaCl): no storage, no Qt. A user's
private key never leaves memory unsealed; the stored form records the KDF cost it
was sealed with, so the cost can be raised later without breaking old keys.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import nacl.exceptions
import nacl.pwhash.argon2id as argon2id
import nacl.secret
import nacl.signing
import nacl.utils

from .errors import InvalidInput, PermissionDenied

KDF = "argon2id"


@dataclass(frozen=True)
class KdfCost:
    ops: int
    mem: int  # bytes


# About a quarter of a second on a laptop core: slow for a guesser, quick for a sign-in.
# Above libsodium's "interactive" level (2 passes, 64 MiB).
STRONG = KdfCost(ops=3, mem=64 * 1024 * 1024)
# libsodium's minimum. Only when FACTCHECK_INSECURE_TEST_KEYS=1 (the test suite sets it),
# so thousands of test sign-ins stay fast; the cost is stored with each key, and a key
# sealed this way is resealed at STRONG cost at its next sign-in outside tests.
TEST_ONLY = KdfCost(ops=argon2id.OPSLIMIT_MIN, mem=argon2id.MEMLIMIT_MIN)
MIN_PASSPHRASE = 8


def current_cost() -> KdfCost:
    return TEST_ONLY if os.environ.get("FACTCHECK_INSECURE_TEST_KEYS") == "1" else STRONG


@dataclass(frozen=True)
class SealedKey:
    """A key pair as stored: the public key in the clear, the private key sealed."""

    public_key: str  # hex
    sealed: bytes  # SecretBox(nonce + ciphertext) of the 32-byte seed
    salt: bytes
    kdf: str
    ops: int
    mem: int

    @property
    def cost(self) -> KdfCost:
        return KdfCost(self.ops, self.mem)


class Signer:
    """An unlocked private key: what a signed-in user signs with."""

    def __init__(self, user_id: str, key: nacl.signing.SigningKey) -> None:
        self.user_id = user_id
        self._key = key

    @property
    def public_key(self) -> str:
        return self._key.verify_key.encode().hex()

    def sign(self, message: bytes) -> str:
        return self._key.sign(message).signature.hex()

    def seal(self, passphrase: str, cost: KdfCost | None = None) -> SealedKey:
        return _seal(self._key, passphrase, cost or current_cost())


def check_passphrase(passphrase: str | None) -> str:
    if passphrase is None or len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"a passphrase needs at least {MIN_PASSPHRASE} characters")
    return passphrase


def new_key(user_id: str, passphrase: str, *,
            cost: KdfCost | None = None) -> tuple[Signer, SealedKey]:
    """A fresh key pair for a user, sealed with their passphrase."""
    key = nacl.signing.SigningKey.generate()
    return Signer(user_id, key), _seal(key, check_passphrase(passphrase), cost or current_cost())


def unseal(user_id: str, stored: SealedKey, passphrase: str) -> Signer:
    """The private key, if the passphrase is right; refused (naming nobody's secret) if not."""
    if stored.kdf != KDF:
        raise PermissionDenied(f"this key is sealed with {stored.kdf!r}, which this version "
                               "of Factcheck does not know")
    box = nacl.secret.SecretBox(_derive(passphrase, stored.salt, stored.cost))
    try:
        seed = box.decrypt(stored.sealed)
    except nacl.exceptions.CryptoError:
        raise PermissionDenied("wrong passphrase") from None
    key = nacl.signing.SigningKey(seed)
    if key.verify_key.encode().hex() != stored.public_key:
        raise PermissionDenied("the stored key does not match its public key")
    return Signer(user_id, key)


def verify(public_key: str | None, message: bytes, signature: str | None) -> bool:
    if not public_key or not signature:
        return False
    try:
        nacl.signing.VerifyKey(bytes.fromhex(public_key)).verify(message, bytes.fromhex(signature))
    except (nacl.exceptions.BadSignatureError, ValueError, TypeError):
        return False
    return True


def head_message(workspace_id: str, unsigned_before: int, seq: int, head_hash: str) -> bytes:
    """What a write transaction's signature covers: the chain head it left behind.

    The head hash chains every entry before it, so one signature covers them all.
    """
    return "\x1f".join(("factcheck-head-v1", workspace_id, str(unsigned_before), str(seq),
                        head_hash)).encode()


APPROVALS_SCHEMA = "factcheck.approvals/1"
APPROVAL_FIELDS = ("'factcheck-approval-v1', workspace_id, statement_id, content_hash, "
                   "approver_id, approved_at joined by U+001F, UTF-8")


def approval_message(workspace_id: str, statement_id: str, content_hash: str,
                     approver_id: str, approved_at: str) -> bytes:
    """What an approver signs: this statement, with exactly this content, by me, then."""
    return "\x1f".join(("factcheck-approval-v1", workspace_id, statement_id, content_hash,
                        approver_id, approved_at)).encode()


def _seal(key: nacl.signing.SigningKey, passphrase: str, cost: KdfCost) -> SealedKey:
    salt = nacl.utils.random(argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_derive(passphrase, salt, cost))
    return SealedKey(public_key=key.verify_key.encode().hex(),
                     sealed=bytes(box.encrypt(key.encode())), salt=salt, kdf=KDF,
                     ops=cost.ops, mem=cost.mem)


def _derive(passphrase: str, salt: bytes, cost: KdfCost) -> bytes:
    return argon2id.kdf(nacl.secret.SecretBox.KEY_SIZE, passphrase.encode("utf-8"), salt,
                        opslimit=cost.ops, memlimit=cost.mem)


def fingerprint(public_key: str) -> str:
    """A short, readable form of a public key to compare with one published elsewhere."""
    return ":".join(public_key[i:i + 4] for i in range(0, 16, 4))
