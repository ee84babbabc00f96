"""Editor dialogs for speakers, sources and evidence, saving through ctx.perform."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import FactcheckError
from ..domain.records import SOURCE_KINDS, SPEAKER_KINDS
from ..services import evidence as evidence_service
from ..services import sources as source_service
from ..services import speakers as speaker_service
from ..services.workspace import Changes, Workspace
from .context import UiContext
from .unsaved import GuardedDialog
from .widgets import hbox, label

Task = Callable[[Workspace], Changes]
DATE_HINT = "YYYY-MM-DD, YYYY-MM or YYYY"
SPEAKER_KIND_LABELS = {"person": "Person", "body": "Body (ministry, committee, agency)"}
_INVALID_STYLE = """
    QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {
        border: 1px solid #d32f2f; border-radius: 3px; }
"""


class FieldError(Exception):
    """A value the dialog can refuse before asking the worker: names the widget to fix."""

    def __init__(self, message: str, widget: QWidget | None = None) -> None:
        super().__init__(message)
        self.widget = widget


def aliases_text(value: Any) -> str:
    """Stored aliases (a JSON list, or already a list) as the comma-separated text we edit."""
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return value
    return ", ".join(value or [])


def local_paths(mime) -> list[Path]:
    """Local files in dropped data; remote URLs and folders are ignored."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_file()]


class RecordDialog(GuardedDialog):
    """A form that validates inline and stays open until the use case succeeded."""

    saved = Signal(str)  # id of the record created or edited
    created = Signal(object)  # Changes of a use case that created a record (.created is its id)

    def __init__(self, ctx: UiContext, title: str, record_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.record_id = record_id
        self.unsaved_what = f"this {title.split()[-1]}"  # "this speaker", "this evidence"
        self.setWindowTitle(title)
        self.setStyleSheet(_INVALID_STYLE)
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(self.form)
        self.error = label("", "refusal", wrap=True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if record_id else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.add_save_keys(self.accept)

    # -- building --------------------------------------------------------------------
    def line(self, caption: str, text: str | None = "", placeholder: str = "") -> QLineEdit:
        widget = QLineEdit(text or "")
        widget.setPlaceholderText(placeholder)
        widget.textChanged.connect(lambda: self._clear(widget))
        self.form.addRow(caption, widget)
        return widget

    def add_extra_row(self, caption: str, widget: QWidget) -> None:
        """A caller's own field (e.g. the stance when adding evidence from a statement)."""
        self.form.addRow(caption, widget)

    def text_box(self, caption: str, text: str | None = "", lines: int = 4) -> QPlainTextEdit:
        widget = QPlainTextEdit(text or "")
        widget.setTabChangesFocus(True)
        widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * lines + 14)
        widget.textChanged.connect(lambda: self._clear(widget))
        self.form.addRow(caption, widget)
        return widget

    def combo(self, caption: str, options: list[tuple[str, Any]], current: Any) -> QComboBox:
        widget = QComboBox()
        for text, data in options:
            widget.addItem(text, data)
        index = widget.findData(current)
        widget.setCurrentIndex(max(0, index))
        self.form.addRow(caption, widget)
        return widget

    # -- validating and saving ---------------------------------------------------------
    def show_error(self, text: str, widget: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.show()
        if widget is not None:
            widget.setProperty("invalid", True)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.setFocus()

    def _clear(self, widget: QWidget) -> None:
        if widget.property("invalid"):
            widget.setProperty("invalid", False)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.error.hide()

    def build_task(self) -> tuple[Task | None, str]:
        """(use case to run, undo label); None when nothing changed. Raise FieldError."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            task, undo_label = self.build_task()
        except FieldError as error:
            self.show_error(str(error), error.widget)
            return
        if task is None:
            super().accept()
            return
        self.ok_button.setEnabled(False)
        self._ctx.perform(task, label=undo_label, on_done=self._done, on_error=self._refused)

    def _done(self, changes: Changes) -> None:
        self.ok_button.setEnabled(True)
        if changes.created and not self.record_id:
            self.created.emit(changes)
        self.saved.emit(changes.created or self.record_id or "")
        super().accept()

    def _refused(self, text: str) -> None:
        self.ok_button.setEnabled(True)
        self.show_error(text)


def required(widget: QLineEdit | QPlainTextEdit, message: str) -> str:
    text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    if not text.strip():
        raise FieldError(message, widget)
    return text.strip()


def fuzzy_date(widget: QLineEdit, field: str) -> str:
    text = widget.text().strip()
    if not text:
        return ""
    try:
        return parse_fuzzy_date(text).value
    except FactcheckError:
        raise FieldError(f"{field}: “{text}” is not a date (use {DATE_HINT}).", widget) from None


def web_url(widget: QLineEdit) -> str:
    text = widget.text().strip()
    if text and not text.lower().startswith(("http://", "https://")):
        raise FieldError("A URL must start with http:// or https://", widget)
    return text


def changed(current: dict[str, Any], record: dict | None) -> dict[str, Any]:
    """Only the fields whose value differs from the record (empty and None are equal)."""
    if record is None:
        return current
    return {k: v for k, v in current.items() if (v or "") != (record.get(k) or "")}


class SpeakerDialog(RecordDialog):
    """New or edit speaker; an edit is checked against the version it was loaded at."""

    def __init__(self, ctx: UiContext, speaker: dict | None = None,
                 parent: QWidget | None = None) -> None:
        record = dict(speaker or {})
        super().__init__(ctx, "Edit speaker" if speaker else "New speaker",
                         record.get("id"), parent)
        if speaker:
            record["aliases"] = aliases_text(record.get("aliases"))
        self._record = record if speaker else None
        self.name = self.line("&Name", record.get("name"), "e.g. Dmitri Peskov")
        self.kind = self.combo("&Kind", [(SPEAKER_KIND_LABELS.get(k, k.capitalize()), k)
                                         for k in SPEAKER_KINDS], record.get("kind") or "person")
        self.aliases = self.line("&Aliases", record.get("aliases"),
                                 "other spellings and titles, separated by commas")
        self.title = self.line("&Title / role", record.get("title"), "e.g. Kremlin spokesman")
        self.affiliation = self.line("A&ffiliation", record.get("affiliation"))
        self.country = self.line("&Country", record.get("country"))
        self.notes = self.text_box("N&otes", record.get("notes"), lines=3)

    def values(self) -> dict[str, str]:
        return {"name": required(self.name, "A speaker needs a name."),
                "kind": self.kind.currentData(), "aliases": self.aliases.text().strip(),
                "title": self.title.text().strip(), "affiliation": self.affiliation.text().strip(),
                "country": self.country.text().strip(), "notes": self.notes.toPlainText().strip()}

    def build_task(self) -> tuple[Task | None, str]:
        values = self.values()
        if self._record is None:
            return (lambda ws: speaker_service.add_speaker(ws, **values)), "Add speaker"
        fields = changed(values, self._record)
        if not fields:
            return None, ""
        speaker_id, version = self._record["id"], self._record.get("version")
        return (lambda ws: speaker_service.edit_speaker(
            ws, speaker_id=speaker_id, expected_version=version, **fields)), "Edit speaker"


class SourceDialog(RecordDialog):
    """New or edit source; a file can be archived (hashed, stored once) when adding it."""

    def __init__(self, ctx: UiContext, source_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Edit source" if source_id else "New source", source_id, parent)
        record = source_service.get_source(ctx.ws, source_id) if source_id else {}
        self._record = record or None
        self._file: Path | None = None
        self.title = self.line("&Title", record.get("title"))
        self.outlet = self.line("&Outlet", record.get("outlet"), "e.g. El País")
        self.url = self.line("&URL", record.get("url"), "https://…")
        self.published = self.line("&Published", record.get("published_on"), DATE_HINT)
        self.language = self.line("&Language", record.get("language"), "e.g. en, ru, be")
        self.kind = self.combo("&Kind", [(k.capitalize(), k) for k in SOURCE_KINDS],
                               record.get("kind") or "article")
        self.full_text = self.text_box("Full &text", record.get("full_text"), lines=7)
        self.file_label = label("", "muted")
        self.file_button = QPushButton("Archive a file…")
        self.file_button.clicked.connect(self._choose_file)
        self.form.addRow("Archived copy", hbox(self.file_label, None, self.file_button))
        if record.get("file_sha256"):
            self.file_label.setText(f"{record['file_name']}  ·  {record['file_sha256'][:12]}…")
            self.file_label.setToolTip(f"SHA-256 {record['file_sha256']}")
        else:
            self.file_label.setText("none")
        if source_id:  # no use case replaces or adds an archived copy on an existing source
            self.file_button.hide()
            self.file_label.setToolTip((self.file_label.toolTip() + "\n" if record.get(
                "file_sha256") else "") + "The archived copy is fixed when the source is added.")

    def set_file(self, path: Path | None) -> None:
        self._file = path
        self.file_label.setText(path.name if path else "none")
        self.file_label.setToolTip(str(path) if path else "")

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Archive a copy of the source")
        if name:
            self.set_file(Path(name))

    def build_task(self) -> tuple[Task | None, str]:
        values = {"title": required(self.title, "A source needs a title."),
                  "outlet": self.outlet.text().strip(), "url": web_url(self.url),
                  "published_on": fuzzy_date(self.published, "Published"),
                  "language": self.language.text().strip(), "kind": self.kind.currentData(),
                  "full_text": self.full_text.toPlainText()}
        if self._record is None:
            file = self._file
            return (lambda ws: source_service.add_source(
                ws, **{**values, "published_on": values["published_on"] or None},
                file=file)), "Add source"
        fields = changed(values, self._record)
        if not fields:
            return None, ""
        source_id, version = self._record["id"], self._record.get("version")
        return (lambda ws: source_service.edit_source(
            ws, source_id=source_id, expected_version=version, **fields)), "Edit source"


class EvidenceDialog(RecordDialog):
    """New or edit evidence; files are added with a picker or dropped onto the dialog."""

    def __init__(self, ctx: UiContext, evidence_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Edit evidence" if evidence_id else "New evidence", evidence_id,
                         parent)
        self.setAcceptDrops(True)
        record = evidence_service.get_evidence(ctx.ws, evidence_id) if evidence_id else {}
        self._record = record or None
        self._files: list[Path] = []
        self.occurred = self.line("&Occurred", record.get("occurred_on"), DATE_HINT)
        self.title = self.line("&Title", record.get("title"), "a short headline")
        self.summary = self.text_box("&Summary", record.get("summary"), lines=3)
        self.summary.setPlaceholderText("What was observed (required)")
        self.excerpt = self.text_box("&Excerpt", record.get("excerpt"), lines=2)
        options = [("(no source)", None)] + [
            (f"{s['title']}" + (f" — {s['outlet']}" if s.get("outlet") else ""), s["id"])
            for s in source_service.list_sources(ctx.ws)]
        self.source = self.combo("So&urce", options, record.get("source_id"))
        self.url = self.line("&URL", record.get("url"), "https://…")
        self.files = QListWidget()
        self.files.setMinimumHeight(self.files.fontMetrics().lineSpacing() * 4 + 14)
        self.files.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for attachment in record.get("attachments", []):
            item = QListWidgetItem(f"{attachment['file_name']}  (attached)")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(f"SHA-256 {attachment['sha256']}")
            self.files.addItem(item)
        add = QPushButton("Add files…")
        add.clicked.connect(self._choose_files)
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self._remove_selected)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.files)
        box.addLayout(hbox(label("or drop files here", "muted"), None, add, self.remove))
        self.form.addRow("Files", box)

    def new_files(self) -> list[Path]:
        return list(self._files)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path in self._files:
                continue
            self._files.append(path)
            item = QListWidgetItem(f"{path.name}  (to attach)")
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(item)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files to the evidence")
        self.add_files([Path(n) for n in names])

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            path = item.data(Qt.ItemDataRole.UserRole)
            if path:
                self._files.remove(Path(path))
                self.files.takeItem(self.files.row(item))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = local_paths(event.mimeData())
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()

    def build_task(self) -> tuple[Task | None, str]:
        values = {"occurred_on": fuzzy_date(self.occurred, "Occurred"),
                  "title": self.title.text().strip(),
                  "summary": required(self.summary, "Evidence needs a summary of what was "
                                                    "observed."),
                  "excerpt": self.excerpt.toPlainText().strip(),
                  "source_id": self.source.currentData(), "url": web_url(self.url)}
        files = list(self._files)
        if self._record is None:
            return (lambda ws: evidence_service.add_evidence(
                ws, **{**values, "occurred_on": values["occurred_on"] or None},
                files=files)), "Add evidence"
        fields = changed(values, self._record)
        if not fields and not files:
            return None, ""
        evidence_id, version = self._record["id"], self._record.get("version")

        def task(ws: Workspace) -> Changes:
            edit = (evidence_service.edit_evidence(ws, evidence_id=evidence_id,
                                                   expected_version=version, **fields)
                    if fields else None)
            attach = (evidence_service.attach_files(ws, evidence_id=evidence_id, files=files)
                      if files else None)
            done = [c for c in (edit, attach) if c is not None]
            return Changes(tables=frozenset().union(*(c.tables for c in done)),
                           message="; ".join(c.message for c in done),
                           undo=edit.undo if edit and not attach else None)
        return task, "Edit evidence"

