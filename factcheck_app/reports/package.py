"""A verifiable package: one .zip with the report, its data, the evidence files and a
manifest of SHA-256 hashes, so a reader can prove nothing was changed, added or lost.

Layout::

    manifest.json            schema factcheck.package/1: every other file with its
                             SHA-256 and size, plus what the report covers
    SHA256SUMS               the same hashes (and manifest.json's) in `sha256sum -c` form,
                             to check without Factcheck
    README.txt               what the package is and how to check it
    report/report.pdf        the report, for print
    report/report.html       the report, one self-contained web page
    data/statements.json     the statements (schema factcheck.report/1)
    data/statements.csv      the same as a spreadsheet
    data/claimreview.jsonld  schema.org ClaimReview for every approved statement (left out,
                             with the reason in README.txt and the manifest, when the
                             workspace has no organisation URL for the reviews to point to)
    signatures/approvals.json  each approval (statement, content hash, approver, time)
                             with the approver's Ed25519 signature and public keys
    evidence/<sha256 prefix>-<file name>   each evidence file, byte for byte

`verify()` never extracts anything: it reads members by name from the archive.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..domain import signatures as sig
from ..domain.errors import FactcheckError, InvalidInput
from ..domain.file_names import safe_file_name
from .model import Report

SCHEMA = "factcheck.package/1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
APPROVALS = "signatures/approvals.json"
README = "README.txt"
META = (MANIFEST, SUMS, README)
CLAIMREVIEW = "data/claimreview.jsonld"
CHUNK = 1 << 20

_README = """\
This is a verifiable package exported by Factcheck.

  report/   the report as PDF and as a web page
  data/     the statements as JSON and CSV, and schema.org ClaimReview JSON-LD
  signatures/approvals.json
            who approved which content, signed with the approver's key
  evidence/ the evidence files the report cites, byte for byte

manifest.json lists every file with its SHA-256 hash. To check that nothing was
changed, added or removed, and that every approval is signed by its approver:

    factcheck verify-package {name}

It prints each approver's key fingerprint: compare it with the one the team publishes.

or, without Factcheck, unzip the package and run:  sha256sum -c SHA256SUMS
"""


class PackageError(FactcheckError):
    """The file is not a package we can read at all."""


@dataclass
class PackageCheck:
    path: Path
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unsigned: list[str] = field(default_factory=list)  # approvals whose signature fails
    approvals: list[str] = field(default_factory=list)  # approvals whose signature holds

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.unsigned)

    def problems(self) -> list[str]:
        return ([f"changed: {n}" for n in self.changed] + [f"missing: {n}" for n in self.missing]
                + [f"extra: {n}" for n in self.extra]
                + [f"bad signature: {n}" for n in self.unsigned])


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file to copy into the package: its name there, its SHA-256 and how
    to open the stored bytes."""

    name: str
    sha256: str
    open: Callable[[], BinaryIO]


def plan_evidence(report: Report) -> list[EvidenceFile]:
    """Give each attachment of the report its path inside the package; one copy per blob.
    Each is opened once here, so a missing one is refused before anything is written."""
    by_sha: dict[str, str] = {}
    members: list[EvidenceFile] = []
    for s in report.statements:
        for e in s.evidence:
            for a in e.attachments:
                if a.sha256 not in by_sha:
                    by_sha[a.sha256] = f"evidence/{a.sha256[:12]}-{safe_file_name(a.file_name)}"
                    try:
                        if a.blob is None:
                            raise InvalidInput("no stored bytes")
                        a.blob().close()
                    except InvalidInput:
                        raise InvalidInput(
                            f"the file {a.file_name!r} of evidence {e.id[:8]} is missing from "
                            "the workspace's file store; run `factcheck check` first") from None
                    members.append(EvidenceFile(by_sha[a.sha256], a.sha256, a.blob))
                a.package_path = by_sha[a.sha256]
    return members


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(target: Path, files: list[tuple[str, bytes]], evidence: list[EvidenceFile], *,
          report: Report, cancelled: Callable[[], bool] = lambda: False,
          left_out: dict[str, str] | None = None) -> None:
    """Write the zip: report and data files, evidence blobs (verified as copied), manifest.
    `left_out` names each usual file that is not in it and why (the README and manifest
    tell)."""
    entries = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, data in files:
            z.writestr(name, data)
            entries.append({"path": name, "sha256": _sha(data), "size": len(data)})
        for item in evidence:
            if cancelled():
                return
            digest = hashlib.sha256()
            size = 0
            with item.open() as src, z.open(item.name, "w", force_zip64=True) as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
            if digest.hexdigest() != item.sha256:
                raise InvalidInput(f"the stored evidence file {item.name[9:]} does not match "
                                   "its recorded hash; run `factcheck check`")
            entries.append({"path": item.name, "sha256": digest.hexdigest(), "size": size})
        manifest = {
            "schema": SCHEMA,
            "generated_at": report.generated_at,
            "organisation": report.organisation,
            "report": {"kind": report.kind, "title": report.title,
                       "include_drafts": report.include_drafts,
                       "statements": [s.id for s in report.statements]},
            "files": entries,
        }
        if left_out:
            manifest["not_included"] = [{"path": path, "why": why}
                                        for path, why in left_out.items()]
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        z.writestr(MANIFEST, manifest_bytes)
        sums = "".join(f"{e['sha256']}  {e['path']}\n" for e in entries)
        sums += f"{_sha(manifest_bytes)}  {MANIFEST}\n"
        z.writestr(SUMS, sums.encode("utf-8"))
        readme = _README.format(name=target.name.removesuffix(".part"))
        for path, why in (left_out or {}).items():
            readme += f"\nNot included: {path}. {why}.\n"
        z.writestr(README, readme.encode())


def _member_hash(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """SHA-256 of a member, or None when it cannot be read back (a CRC or deflate error
    is what altering a byte of the zip itself produces)."""
    digest = hashlib.sha256()
    try:
        with z.open(info) as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return None
    return digest.hexdigest()


def verify(path: Path) -> PackageCheck:
    """Compare every member of the package with the manifest: name what changed, is
    missing or was added. Raises PackageError when the file is not a readable package."""
    check = PackageCheck(path)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise PackageError(f"{path} is not a readable zip file ({error})") from None
    with z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        if MANIFEST not in names:
            raise PackageError(f"{path.name} has no {MANIFEST}; it is not a Factcheck package")
        try:
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
            listed = {e["path"]: e for e in manifest["files"]}
            if manifest.get("schema") != SCHEMA:
                raise ValueError(manifest.get("schema"))
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile, zlib.error):
            raise PackageError(f"the {MANIFEST} of {path.name} is damaged or of an unknown "
                               "kind, so nothing in it can be checked") from None
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if name in seen:  # a second member under a name already checked
                check.extra.append(f"{name} (a second copy)")
                continue
            seen.add(name)
            if name in (README,):
                continue
            if name == SUMS:
                check.changed.extend(_sums_disagree(z, info, listed))
                continue
            if name == MANIFEST:
                continue
            entry = listed.get(name)
            if entry is None:
                check.extra.append(name)
                continue
            check.checked += 1
            digest = _member_hash(z, info)
            if digest != entry.get("sha256") or info.file_size != entry.get("size"):
                check.changed.append(name)
        for name in listed:
            if name not in seen:
                check.missing.append(name)
        for name in (SUMS, README):
            if name not in seen:
                check.missing.append(name)
        if APPROVALS in seen:
            _check_approvals(z, check)
    return check


def _check_approvals(z: zipfile.ZipFile, check: PackageCheck) -> None:
    """Each approval must carry its approver's signature over exactly what it says was
    approved; a package whose hashes were all redone after an edit still fails here."""
    try:
        doc = json.loads(z.read(APPROVALS).decode("utf-8"))
        workspace_id, approvers = doc["workspace_id"], doc["approvers"]
        approvals = list(doc["approvals"])
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile, zlib.error):
        check.unsigned.append(f"{APPROVALS} is damaged")
        return
    for a in approvals:
        try:
            message = sig.approval_message(workspace_id, a["statement_id"], a["content_hash"],
                                           a["approver_id"], a["approved_at"])
            keys = approvers[a["approver_id"]]["public_keys"]
            who = approvers[a["approver_id"]]["name"]
        except (KeyError, TypeError):
            check.unsigned.append(f"approval of statement {a.get('statement_id')!r} is "
                                  "incomplete")
            continue
        what = f"statement {str(a['statement_id'])[:8]} (content {str(a['content_hash'])[:12]})"
        good = [k for k in keys if sig.verify(k, message, a.get("signature"))]
        if good:
            check.approvals.append(f"{what} approved by {who} at {a['approved_at']}, "
                                   f"key {sig.fingerprint(good[0])}")
        else:
            check.unsigned.append(f"approval of {what} by {who}: the signature does not "
                                  "match (the approval or its key was altered)")


def _sums_disagree(z: zipfile.ZipFile, info: zipfile.ZipInfo, listed: dict) -> list[str]:
    """SHA256SUMS must say what the manifest says and hold the manifest's own hash: a
    manifest edited to match a changed file shows here."""
    try:
        text = z.read(info).decode("utf-8")
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError):
        return [SUMS]
    sums = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    wrong = []
    if sums.pop(MANIFEST, None) != _member_hash(z, z.getinfo(MANIFEST)):
        wrong.append(MANIFEST)
    if sums != {name: e["sha256"] for name, e in listed.items()}:
        wrong.append(SUMS)
    return wrong
