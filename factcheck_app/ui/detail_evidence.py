"""The evidence tab: linked items with stances, linking, attaching files by drag and drop."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import STANCE_LABELS, STANCES
from ..services import evidence as ev
from .context import UiContext
from .detail_forms import _Tab
from .readonly import lock, readonly_tip
from .theme import STANCE_COLOURS
from .widgets import Badge, label


class LinkEvidenceDialog(QDialog):
    """Pick an existing piece of evidence, a stance and a note."""

    def __init__(self, ctx: UiContext, exclude: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link evidence")
        self.resize(620, 460)
        self.ctx, self.exclude = ctx, exclude
        self.search = QLineEdit(placeholderText="Search evidence…")
        self.search.textChanged.connect(self._fill)
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.items.setAlternatingRowColors(True)
        self.stance = QComboBox()
        for key in STANCES:
            self.stance.addItem(STANCE_LABELS[key], key)
        self.note = QLineEdit(placeholderText="How it bears on the statement")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.items.itemDoubleClicked.connect(lambda _: self.accept())
        form = QFormLayout()
        form.addRow("Stance", self.stance)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.items, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.items.clear()
        for row in ev.list_evidence(self.ctx.ws, text=self.search.text()):
            if row["id"] in self.exclude:
                continue
            title = row["title"] or row["summary"]
            item = QListWidgetItem(f"{row['occurred_on'] or 'undated'} — {title}")
            item.setToolTip(row["summary"])
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.items.addItem(item)
        if self.items.count():
            self.items.setCurrentRow(0)

    def choice(self) -> tuple[str, str, str] | None:
        item = self.items.currentItem()
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), self.stance.currentData(), self.note.text()


COL_STANCE, COL_DATE, COL_WHAT, COL_FILES = range(4)


class EvidenceTab(_Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Stance", "Date", "Evidence", "Files"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_STANCE, 104)
        header.resizeSection(COL_DATE, 90)
        header.resizeSection(COL_FILES, 50)
        self.table.itemSelectionChanged.connect(self._show_files)
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        self.open_file = QPushButton("Open file")
        self.open_file.clicked.connect(self._open_file)
        self.link_button = QPushButton("Link existing…")
        self.link_button.clicked.connect(self.link_existing)
        self.add_button = QPushButton("New evidence…")
        self.add_button.clicked.connect(self.add_new)
        self.unlink_button = QPushButton("Unlink")
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.empty = label("No evidence linked yet. Link existing evidence, add new, or drop "
                           "files here to attach them to the selected item.", "muted", wrap=True)
        buttons = QHBoxLayout()
        for button in (self.link_button, self.add_button, self.unlink_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(label("Attached files (stored by SHA-256, never altered) — drop files "
                               "here to attach", "muted", wrap=True))
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(self.open_file, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(files_row)
        # Opening a file only reads; linking, adding, unlinking and dropping files write.
        lock(ctx, self.link_button, self.add_button, self.unlink_button)
        self.setAcceptDrops(readonly_tip(ctx) is None)

    def load(self, dossier: dict) -> None:
        self.dossier = dossier
        self.show_error("")
        rows = dossier["evidence"]
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            badge = Badge(STANCE_LABELS[row["stance"]], STANCE_COLOURS[row["stance"]])
            holder = QWidget()
            holder_layout = QHBoxLayout(holder)
            holder_layout.setContentsMargins(4, 0, 4, 0)
            holder_layout.addWidget(badge)
            holder_layout.addStretch(1)
            self.table.setCellWidget(i, COL_STANCE, holder)
            stance_item = QTableWidgetItem()  # the badge shows the stance; the item holds the id
            stance_item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.table.setItem(i, COL_STANCE, stance_item)
            self.table.setItem(i, COL_DATE, QTableWidgetItem(row["occurred_on"] or "—"))
            text = (row["title"] + " — " if row["title"] else "") + row["summary"]
            if row["note"]:
                text += f"\nNote: {row['note']}"
            what = QTableWidgetItem(text)
            what.setToolTip(text + (f"\nSource: {row['source_title']}" if row["source_title"] else ""))
            self.table.setItem(i, COL_WHAT, what)
            self.table.setItem(i, COL_FILES, QTableWidgetItem(str(row["files"] or "")))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        else:
            self.files.clear()

    def selected_evidence_id(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, COL_STANCE) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_files(self) -> None:
        self.files.clear()
        evidence_id = self.selected_evidence_id()
        if not evidence_id:
            return
        for att in ev.get_evidence(self.ctx.ws, evidence_id)["attachments"]:
            item = QListWidgetItem(f"{att['file_name']}  ·  {_size(att['size'])}  ·  "
                                   f"SHA-256 {att['sha256'][:16]}…")
            item.setToolTip(f"SHA-256 {att['sha256']}")
            item.setData(Qt.ItemDataRole.UserRole, att["id"])
            self.files.addItem(item)

    def _open_file(self) -> None:
        item = self.files.currentItem() or (self.files.item(0) if self.files.count() else None)
        if item is None:
            return
        att_id = item.data(Qt.ItemDataRole.UserRole)
        # Open a copy under its real name: viewers may write to what they open, and
        # the stored blob must never change.
        copy = ev.copy_to_open(self.ctx.ws, attachment_id=att_id,
                               folder=Path(tempfile.mkdtemp(prefix="factcheck-")))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def link_existing(self) -> None:
        if not self.dossier:
            return
        exclude = {row["id"] for row in self.dossier["evidence"]}
        dialog = LinkEvidenceDialog(self.ctx, exclude, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.choice():
            return
        evidence_id, stance, note = dialog.choice()
        self.link(evidence_id, stance, note)

    def link(self, evidence_id: str, stance: str, note: str = "", *, asked: bool = False) -> None:
        if not asked and self._revokes_approval():
            return
        statement_id = self.dossier["id"]
        self._save(lambda ws: ev.link(ws, statement_id=statement_id, evidence_id=evidence_id,
                                      stance=stance, note=note), "Link evidence")

    def add_new(self) -> None:
        from .record_dialogs import EvidenceDialog

        if not self.dossier or self._revokes_approval():  # asked before anything is typed
            return
        dialog = EvidenceDialog(self.ctx, parent=self)
        stance = QComboBox()
        for key in STANCES:
            stance.addItem(STANCE_LABELS[key], key)
        if hasattr(dialog, "add_extra_row"):
            dialog.add_extra_row("Stance", stance)

        def created(changes) -> None:
            self.link(changes.created, stance.currentData() or "context", asked=True)

        dialog.created.connect(created)
        dialog.exec()

    def unlink_selected(self) -> None:
        evidence_id = self.selected_evidence_id()
        if not (self.dossier and evidence_id) or self._revokes_approval():
            return
        statement_id = self.dossier["id"]
        self._save(lambda ws: ev.unlink(ws, statement_id=statement_id, evidence_id=evidence_id),
                   "Unlink evidence")

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.attach(paths)
            event.acceptProposedAction()

    def attach(self, paths: list[Path]) -> None:
        evidence_id = self.selected_evidence_id()
        if not evidence_id:
            self.show_error("Select (or first link) the evidence the files belong to, then drop "
                            "them again.")
            return
        self._save(lambda ws: ev.attach_files(ws, evidence_id=evidence_id, files=paths),
                   "Attach files")


def _size(size: int | None) -> str:
    size = size or 0
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)
