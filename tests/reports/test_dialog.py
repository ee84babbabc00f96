"""The export dialog: builds the request from the choices, runs it off the GUI thread."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from factcheck_app.domain.filters import StatementFilter  # noqa: E402
from factcheck_app.services.reports import ExportCancelled, ExportRequest  # noqa: E402
from factcheck_app.ui.export_dialog import (  # noqa: E402
    SCOPE_PERIOD, SCOPE_SPEAKER, ExportDialog, export_in_own_connection,
)


def _dialog(qtbot, run, tmp_path, **kwargs):
    options = dict(speakers=["Vladimir Makei", "Dmitri Peskov"], selection_ids=["abc12345"],
                   current_filter=StatementFilter(text="troops"))
    options.update(kwargs)
    dialog = ExportDialog(None, run_export=run, default_folder=tmp_path, confirm=False,
                          **options)
    qtbot.addWidget(dialog)
    return dialog


def test_request_follows_the_choices(qtbot, tmp_path):
    dialog = _dialog(qtbot, lambda r: r.output, tmp_path)
    request = dialog.request()
    assert request.report == "dossier" and request.statement_ids == ("abc12345",)
    assert request.format == "pdf" and request.output.suffix == ".pdf"
    dialog.kind.setCurrentIndex(dialog.kind.findData("speaker"))
    assert dialog.scope.checkedId() == SCOPE_SPEAKER
    dialog.speaker.setCurrentText("Dmitri Peskov")
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    dialog.include_drafts.setChecked(True)
    request = dialog.request()
    assert (request.report, request.speaker, request.format, request.include_drafts) == \
        ("speaker", "Dmitri Peskov", "html", True)
    assert request.output.suffix == ".html"
    dialog.kind.setCurrentIndex(dialog.kind.findData("period"))
    dialog.scope.button(SCOPE_PERIOD).setChecked(True)
    request = dialog.request()
    assert request.date_from and request.date_to and request.date_from < request.date_to
    dialog.kind.setCurrentIndex(dialog.kind.findData(None))  # data only: no PDF
    assert dialog._format() not in ("pdf", "html", "md", "package")
    dialog.scope_filter.setChecked(True)
    assert dialog.request().filter == StatementFilter(text="troops")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_runs_the_export_on_a_worker_thread(qtbot, demo_path, tmp_path, fmt):
    dialog = _dialog(qtbot, export_in_own_connection(demo_path), tmp_path, selection_ids=[])
    dialog.kind.setCurrentIndex(dialog.kind.findData("period"))
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
        dialog.start()
    path = Path(signal.args[0])
    assert path.exists() and path.suffix == f".{fmt}"
    if fmt == "html":
        assert "Statements and outcomes" in path.read_text(encoding="utf-8")
    else:
        assert path.read_bytes().startswith(b"%PDF-")
    assert dialog.result_path == path


def test_errors_show_in_the_dialog(qtbot, tmp_path):
    def refuse(request: ExportRequest) -> Path:
        from factcheck_app.domain.errors import InvalidInput

        raise InvalidInput("no approved statement matches")

    dialog = _dialog(qtbot, refuse, tmp_path)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=5000)
    assert "No approved statement matches" in dialog.error.text()
    assert dialog.export_button.isEnabled()


def test_cancel_stops_the_export(qtbot, tmp_path):
    started = threading.Event()

    def slow(request: ExportRequest) -> Path:
        started.set()
        for i in range(500):
            request.progress(i, 500, "reading statements")
            if request.cancel.wait(0.01):
                raise ExportCancelled("export cancelled")
        return request.output

    dialog = _dialog(qtbot, slow, tmp_path)
    dialog.start()
    assert started.wait(5)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 500, timeout=5000)
    dialog.cancel_or_close()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=5000)
    assert "Cancelled" in dialog.status.text()
    assert dialog.result_path is None


def test_claim_review_without_a_web_address_is_refused_in_the_dialog(qtbot, demo_path,
                                                                     tmp_path):
    dialog = _dialog(qtbot, export_in_own_connection(demo_path), tmp_path, selection_ids=[])
    dialog.kind.setCurrentIndex(dialog.kind.findData("period"))
    dialog.format.setCurrentIndex(dialog.format.findData("claimreview"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20_000)
    assert "ClaimReview needs the web page the reviews are published on" in dialog.error.text()
    assert "organisation_url" in dialog.error.text()
    assert dialog.result_path is None and list(tmp_path.iterdir()) == []


def test_an_export_is_readable_by_colleagues(qtbot, demo_path, tmp_path):
    old = os.umask(0o022)  # the usual umask: new files are rw-r--r--
    try:
        dialog = _dialog(qtbot, export_in_own_connection(demo_path), tmp_path, selection_ids=[])
        dialog.kind.setCurrentIndex(dialog.kind.findData("period"))
        dialog.format.setCurrentIndex(dialog.format.findData("html"))
        with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
            dialog.start()
    finally:
        os.umask(old)
    assert stat.S_IMODE(Path(signal.args[0]).stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_refusals_name_no_command_line_option_or_internal_id(qtbot, demo_path, tmp_path):
    from factcheck_app.services.demo import build_demo  # noqa: PLC0415
    from factcheck_app.services.queries import statement_page  # noqa: PLC0415

    with build_demo(tmp_path / "w.factcheck") as ws:
        draft = next(r for r in statement_page(ws, StatementFilter(), offset=0, limit=50)
                     if r["review_state"] == "draft")
    dialog = _dialog(qtbot, export_in_own_connection(tmp_path / "w.factcheck"), tmp_path,
                     selection_ids=[draft["id"]])
    dialog.start()  # a dossier of a statement not yet approved
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20_000)
    text = dialog.error.text()
    assert "not approved" in text and draft["quote"].split()[0] in text
    assert "--" not in text and draft["id"][:8] not in text
    dialog.error.hide()
    dialog.kind.setCurrentIndex(dialog.kind.findData("speaker"))
    dialog.speaker.setCurrentText("Nobody Atall")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20_000)
    assert "No speaker named 'Nobody Atall'" in dialog.error.text()
    assert "factcheck " not in dialog.error.text() and "--" not in dialog.error.text()
