"""The PDF report, drawn with Qt's own PDF output (QPdfWriter + QTextDocument + QPainter).

The title page is painted directly; the body is a QTextDocument laid out in
pages of the content area and drawn page by page, each page framed by a running
header (organisation, report kind, title) and a footer with "Page N of M". Charts
are vector drawings inside the text flow (a QPyTextObject), so they stay sharp.
When drafts are included every page carries a red DRAFT mark and a watermark.

The same painting makes the preview: `render_preview` lays the report out exactly as
for the PDF (on an in-memory writer; no file is written) and paints the first pages
onto images at screen resolution.

Runs without a display: if no QGuiApplication exists one is created, on the
offscreen platform when there is no display to use. Fonts come from the system
(DejaVu when present, Qt's default sans and serif otherwise); nothing is fetched.
Only the pdf*.py modules in reports/ import Qt:

    pdf.py         this entry: render_pdf, render_preview
    pdf_layout.py  pages: the title page, the frame, the body cut into pages, charts
    pdf_blocks.py  the body's blocks as the rich text QTextDocument reads
    pdf_style.py   units, colours, fonts
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPainter, QPdfWriter

from .model import Report
from .pdf_layout import PageLayout
from .pdf_style import DPI, Fonts

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The application Qt's fonts and painting need; offscreen when there is no display.

    An existing one (the window's) is used as it is."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if not os.environ.get("QT_QPA_PLATFORM"):
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:  # a full QApplication, so code that later wants widgets in this process still can
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover - PySide6 without QtWidgets
        QApplication = QGuiApplication  # noqa: N806
    _app = QApplication(sys.argv[:1] or ["factcheck"])
    return _app


def _writer(device: QIODevice, report: Report) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if report.page_size == "a4"
                                 else QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(f"{report.kind_label}: {report.title}")
    writer.setCreator("Factcheck")
    writer.setAuthor(report.organisation)
    return writer


def render_pdf(report: Report, *, cancelled: Callable[[], bool] = lambda: False) -> bytes:
    """The report as PDF bytes."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, report)
    layout = PageLayout(report, writer, Fonts())
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout.paint(painter, 0)
        for number in range(1, layout.total):
            if cancelled():
                break
            writer.newPage()
            layout.paint(painter, number)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


@dataclass
class PagePreview:
    """The first pages of a report as they will print, and how many pages it has."""

    title: str
    page_count: int
    images: list[QImage] = field(default_factory=list)


def render_preview(report: Report, *, pages: int, width: int,
                   cancelled: Callable[[], bool] = lambda: False) -> PagePreview:
    """The first `pages` pages of the PDF as images `width` pixels across. Nothing is written:
    the report is laid out on a PDF writer into memory that is never painted on, then each
    page is painted onto an image of the writer's resolution, scaled down to `width`."""
    ensure_gui_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = _writer(buffer, report)
        layout = PageLayout(report, writer, Fonts())
        size = layout.size
        scale = width / size.width()
        preview = PagePreview(f"{report.kind_label}: {report.title}", layout.total)
        dots_per_metre = round(DPI / 0.0254)  # fonts in points come out as in the PDF
        for number in range(min(pages, layout.total)):
            if cancelled():
                break
            image = QImage(width, round(size.height() * scale),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDotsPerMeterX(dots_per_metre)
            image.setDotsPerMeterY(dots_per_metre)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            try:
                painter.setRenderHints(QPainter.RenderHint.Antialiasing
                                       | QPainter.RenderHint.TextAntialiasing
                                       | QPainter.RenderHint.SmoothPixmapTransform)
                painter.scale(scale, scale)
                layout.paint(painter, number)
            finally:
                painter.end()
            preview.images.append(image)
    finally:
        buffer.close()
    return preview
