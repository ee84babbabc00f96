"""The package proves offline who approved which content: approvals carry the approver's
signature and public keys, and a tampered approval fails even with every hash redone."""

from __future__ import annotations

import hashlib
import json
import zipfile

from factcheck_app.cli import main
from factcheck_app.reports.package import APPROVALS, MANIFEST, SUMS, verify

from .test_package import package  # noqa: F401 - the sample's package, made once


def _reseal(src, dst, change) -> None:
    """Change one member and redo the manifest and SHA256SUMS to match, as a forger
    who knows the format would: only the signatures are left to tell."""
    with zipfile.ZipFile(src) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members[APPROVALS] = change(members[APPROVALS])
    manifest = json.loads(members[MANIFEST])
    for entry in manifest["files"]:
        entry["sha256"] = hashlib.sha256(members[entry["path"]]).hexdigest()
        entry["size"] = len(members[entry["path"]])
    members[MANIFEST] = json.dumps(manifest).encode()
    sums = "".join(f"{e['sha256']}  {e['path']}\n" for e in manifest["files"])
    members[SUMS] = (sums + f"{hashlib.sha256(members[MANIFEST]).hexdigest()}  {MANIFEST}\n").encode()
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_the_package_names_who_approved_which_content(package, capsys):
    with zipfile.ZipFile(package) as z:
        doc = json.loads(z.read(APPROVALS))
    assert {a["approver"] for a in doc["approvals"]} == {"Rob Kessler"}
    assert len(doc["approvals"]) == 3
    assert all(len(a["content_hash"]) == 64 and a["signature"] for a in doc["approvals"])
    result = verify(package)
    assert result.ok and len(result.approvals) == 3
    assert main(["verify-package", str(package)]) == 0
    out = capsys.readouterr().out
    assert "3 approvals signed by their approvers" in out and "approved by Rob Kessler" in out


def test_a_tampered_approval_fails_with_its_name(package, tmp_path, capsys):
    forged = tmp_path / "forged.zip"

    def claim_other_content(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["approvals"][0]["content_hash"] = "0" * 64
        return json.dumps(doc).encode()

    _reseal(package, forged, claim_other_content)
    result = verify(forged)
    assert not result.changed and not result.missing  # every hash was redone
    assert not result.ok and len(result.unsigned) == 1
    assert "by Rob Kessler: the signature does not match" in result.unsigned[0]
    assert main(["verify-package", str(forged)]) == 1
    assert "bad signature: approval of statement" in capsys.readouterr().err


def test_an_approval_moved_to_another_approver_fails(package, tmp_path):
    forged = tmp_path / "moved.zip"

    def swap_key(data: bytes) -> bytes:
        doc = json.loads(data)
        approver = doc["approvals"][0]["approver_id"]
        doc["approvers"][approver]["public_keys"] = ["11" * 32]
        return json.dumps(doc).encode()

    _reseal(package, forged, swap_key)
    assert len(verify(forged).unsigned) == 3
