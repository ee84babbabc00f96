"""The preview: the PDF's own pages painted onto images, with nothing written."""

from __future__ import annotations

import os
import threading

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.reports import ExportCancelled, ExportRequest, preview, render

from .helpers import pdf_info

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ink(image) -> int:
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data, line = bytes(rgb.constBits()), rgb.bytesPerLine()
    return sum(1 for y in range(0, rgb.height(), 3) for x in range(0, rgb.width() * 3, 9)
               if data[y * line + x: y * line + x + 3] != b"\xff\xff\xff")


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_preview_pages_match_the_pdf(demo, tmp_path, page_size):
    request = ExportRequest(format="pdf", output="", report="period", include_drafts=True,
                            page_size=page_size)
    shown = preview(demo, request, pages=2, width=600)
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(render(demo, ExportRequest(format="pdf", output=pdf, report="period",
                                               include_drafts=True, page_size=page_size)))
    assert shown.page_count == int(pdf_info(pdf)["Pages"]) >= 3
    assert len(shown.images) == 2
    assert shown.title.startswith("Period summary: ")
    width, height = (210, 297) if page_size == "a4" else (215.9, 279.4)
    for image in shown.images:
        assert image.width() == 600
        assert abs(image.height() - round(600 * height / width)) <= 1
        assert _ink(image) > 200
    assert list(tmp_path.iterdir()) == [pdf]  # the preview wrote nothing


def test_preview_needs_a_report_but_no_file(demo):
    with pytest.raises(InvalidInput, match="no pages to preview"):
        preview(demo, ExportRequest(format="json", output="", report=None))
    # the file name does not matter to a preview, whatever the format
    shown = preview(demo, ExportRequest(format="package", output="", report="due",
                                        include_drafts=True), pages=1, width=300)
    assert len(shown.images) == 1


def test_a_cancelled_preview_stops(demo):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        preview(demo, ExportRequest(format="pdf", output="", report="dossier",
                                    include_drafts=True, cancel=cancel))


def test_building_ignores_the_output_but_exporting_does_not():
    request = ExportRequest(format="pdf", output="", report="due")
    request.check(writing=False)
    with pytest.raises(InvalidInput, match="writes a file"):
        request.check()
