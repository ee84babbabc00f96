"""The verifiable package: the report, data, evidence files and a manifest of hashes."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest

from factcheck_app.cli import main
from factcheck_app.reports.package import PackageError, verify
from factcheck_app.services.reports import ExportRequest, export


@pytest.fixture(scope="module")
def package(tmp_path_factory, published_path):
    from factcheck_app.services.workspace import Workspace

    out = tmp_path_factory.mktemp("pkg") / "period.zip"
    with Workspace.open(published_path, readonly=True, backup_on_open=False) as ws:
        export(ws, ExportRequest(format="package", output=out, report="period"))
    return out


def _rewrite(src, dst, change):
    """Copy a zip member by member; change(name, data) returns new data or None to drop."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)


def test_package_holds_report_data_evidence_and_manifest(package):
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        assert {"report/report.pdf", "report/report.html", "data/statements.json",
                "data/statements.csv", "data/claimreview.jsonld", "manifest.json",
                "SHA256SUMS", "README.txt"} <= names
        evidence = [n for n in names if n.startswith("evidence/")]
        assert len(evidence) == 1 and evidence[0].endswith("-seed-article.txt")
        listed = {f["path"]: f for f in manifest["files"]}
        assert set(listed) == names - {"manifest.json", "SHA256SUMS", "README.txt"}
        for name, entry in listed.items():
            assert hashlib.sha256(z.read(name)).hexdigest() == entry["sha256"]
        # the evidence file is byte for byte the stored blob (content-addressed name)
        assert evidence[0].split("/")[1][:12] == listed[evidence[0]]["sha256"][:12]
        # the data says where in the package each evidence file is
        doc = json.loads(z.read("data/statements.json"))
        paths = [a["package_path"] for s in doc["statements"] for e in s["evidence"]
                 for a in e["attachments"]]
        assert evidence[0] in paths
        assert z.read("report/report.pdf").startswith(b"%PDF-")


def test_without_a_web_address_the_package_says_why_it_has_no_claim_review(demo, tmp_path):
    out = export(demo, ExportRequest(format="package", output=tmp_path / "p.zip",
                                     report="period"))
    with zipfile.ZipFile(out) as z:
        assert "data/claimreview.jsonld" not in z.namelist()
        assert "report/report.html" in z.namelist()
        readme = z.read("README.txt").decode()
        manifest = json.loads(z.read("manifest.json"))
    assert "Not included: data/claimreview.jsonld. ClaimReview needs the web page" in readme
    assert manifest["not_included"][0]["path"] == "data/claimreview.jsonld"
    assert verify(out).ok


def test_intact_package_verifies(package, capsys):
    assert verify(package).ok
    assert main(["verify-package", str(package)]) == 0
    assert "ok" in capsys.readouterr().out


def test_one_changed_byte_is_named(package, tmp_path, capsys):
    copy = tmp_path / "changed.zip"

    def flip(name, data):
        if name == "data/statements.csv":
            return bytes([data[0] ^ 1]) + data[1:]
        return data

    _rewrite(package, copy, flip)
    result = verify(copy)
    assert result.changed == ["data/statements.csv"] and not result.missing and not result.extra
    assert main(["verify-package", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "changed: data/statements.csv" in err


def test_a_byte_changed_inside_the_zip_itself_is_named(package, tmp_path):
    copy = tmp_path / "raw.zip"
    shutil.copy(package, copy)
    with zipfile.ZipFile(copy) as z:
        info = z.getinfo("report/report.html")
    raw = bytearray(copy.read_bytes())
    # the member's data starts after its local header (30 bytes + name + extra field)
    name_len = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    at = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    raw[at] ^= 0x55
    copy.write_bytes(bytes(raw))
    assert verify(copy).changed == ["report/report.html"]


def test_removed_and_added_members_are_named(package, tmp_path, capsys):
    missing = tmp_path / "missing.zip"
    _rewrite(package, missing, lambda n, d: None if n == "report/report.pdf" else d)
    result = verify(missing)
    assert result.missing == ["report/report.pdf"] and not result.changed
    assert main(["verify-package", str(missing)]) == 1
    assert "missing: report/report.pdf" in capsys.readouterr().err

    extra = tmp_path / "extra.zip"
    shutil.copy(package, extra)
    with zipfile.ZipFile(extra, "a") as z:
        z.writestr("evidence/planted.txt", b"not from the workspace")
    result = verify(extra)
    assert result.extra == ["evidence/planted.txt"] and not result.changed


def test_a_manifest_edited_to_match_a_changed_file_is_caught(package, tmp_path):
    forged = tmp_path / "forged.zip"
    new_csv = b"id\r\n"

    def forge(name, data):
        if name == "data/statements.csv":
            return new_csv
        if name == "manifest.json":
            manifest = json.loads(data)
            for entry in manifest["files"]:
                if entry["path"] == "data/statements.csv":
                    entry["sha256"] = hashlib.sha256(new_csv).hexdigest()
                    entry["size"] = len(new_csv)
            return json.dumps(manifest).encode()
        return data

    _rewrite(package, forged, forge)
    assert "manifest.json" in verify(forged).changed


def test_not_a_package(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(PackageError):
        verify(junk)
    assert main(["verify-package", str(junk)]) == 2
    assert main(["verify-package", str(tmp_path / "absent.zip")]) == 2
