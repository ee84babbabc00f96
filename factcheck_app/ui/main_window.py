"""The main window: sidebar of views, the statements table, the detail pane, menus."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain import workflow as wf
from ..domain.filters import StatementFilter
from ..services import queries
from ..services.speakers import speaker_choices
from .context import UiContext
from .dashboard import DashboardView
from .detail_pane import DetailPane
from .dialogs import NewStatementDialog, show_failure
from .evidence_view import EvidenceView
from .readonly import lock
from .settings import AppSettings
from .sources_view import SourcesView
from .speakers_view import SpeakersView
from .statements_view import StatementsView

# (key, sidebar label, count key)
VIEWS = (
    ("all", "All statements", "all"),
    ("due", "Due and overdue", "due"),
    ("queue", "My review queue", "queue"),
    ("speakers", "Speakers", "speakers"),
    ("sources", "Sources", "sources"),
    ("evidence", "Evidence", "evidence"),
    ("dashboard", "Dashboard", None),
)
STATEMENT_VIEWS = ("all", "due", "queue")
SIDEBAR_WIDTH = 186


class MainWindow(QMainWindow):
    open_requested = Signal(object, object)  # path (None: show a picker), user
    sign_in_requested = Signal()
    team_requested = Signal(str)  # the Open team workspace dialog, on this URL ("": the last)

    def __init__(self, ctx: UiContext, settings: AppSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(self._title())
        self._fit_screen(1460, 880)
        self.setAcceptDrops(True)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, text, _ in VIEWS:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.statements = StatementsView(ctx)
        self.detail = DetailPane(ctx)
        self.center = QStackedWidget()
        self.center.addWidget(self.statements)
        # Other views are built when first shown: on a large workspace each costs a
        # query and a table fill that the start of the window should not pay for.
        self._views: dict[str, QWidget] = {}
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setCollapsible(1, False)
        # At 1280 px the detail pane keeps room for all its tabs; the table takes the rest.
        self.splitter.setSizes([SIDEBAR_WIDTH, 606, 488])
        # A workspace that cannot be written opens for reading, and says so up front.
        self.readonly_banner = QLabel()
        self.readonly_banner.setObjectName("readonlyBanner")
        self.readonly_banner.setWordWrap(True)
        self.readonly_banner.setStyleSheet("#readonlyBanner { background: #fff4e5; color: #7a4100;"
                                           " border-bottom: 1px solid #f0c890; padding: 6px 12px; }")
        self.readonly_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.readonly_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_user()

        self._reselecting = False
        self.statements.statement_selected.connect(self._statement_selected)
        self.detail.kept.connect(self._reselect)
        self.statements.rows_changed.connect(self._follow_list)
        self.sidebar.currentRowChanged.connect(self._view_changed)
        ctx.changed.connect(lambda _: self.update_counts())
        ctx.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        ctx.refused.connect(lambda text: self.statusBar().showMessage(text, 10000))
        ctx.failed.connect(lambda message, log: show_failure(self, message, log))
        ctx.runner.busy_changed.connect(self.busy.setVisible)
        self._build_menus()
        self._show_readonly()
        self._show_team()
        self._restore_layout()
        self.update_counts()

    # -- menus ---------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New workspace…", self.new_workspace, "Ctrl+Shift+N")
        self._action(file, "&Open workspace…", lambda: self.open_requested.emit(None, None),
                     QKeySequence.StandardKey.Open)
        self._action(file, "Open &team workspace…", lambda: self.team_requested.emit(""),
                     "Ctrl+Shift+O", "A workspace your team shares on a PostgreSQL server")
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file, "Open &sample workspace", self.open_sample)
        file.addSeparator()
        self.import_action = self._action(file, "&Import article…", self.import_article, "Ctrl+I")
        self.import_data_action = self._action(file, "Import &data (CSV, JSON, ClaimReview)…",
                                               self.import_data)
        self.export_action = self._action(file, "&Export / Report…", self.export, "Ctrl+E")
        backup = self._action(file, "&Backup copy…", self.backup_copy)
        file.addSeparator()
        sign_in = self._action(file, "Sign in as &another user…", self.sign_in_requested.emit,
                               "Ctrl+Shift+U")
        # On a team workspace the server keeps the data and knows who acts: the login.
        self.file_only_actions = {
            backup: "the team's server keeps this workspace: its admin backs it up",
            sign_in: "on a team workspace you act as your login: open it again with "
                     "another one (File → Open team workspace)"}
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        undo = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        self.undo_actions = (undo, redo)
        edit.addSeparator()
        save = self._action(edit, "&Save changes", self.detail.save_current, "Ctrl+S",
                            "Save the edits in the detail pane")
        save.setShortcuts([QKeySequence("Ctrl+S"), QKeySequence("Ctrl+Return"),
                           QKeySequence("Ctrl+Enter")])
        edit.addSeparator()
        new = self._action(edit, "&New statement…", self.new_statement, "Ctrl+N")
        self._action(edit, "&Find", self.focus_search, QKeySequence.StandardKey.Find)

        statement = bar.addMenu("&Statement")
        self.writing_actions = [self.import_action, self.import_data_action, save, new, *(
            self._action(statement, text, lambda _=False, a=action: self._review(a), keys)
            for text, action, keys in (("Send to &review", wf.SUBMIT, "Ctrl+Shift+S"),
                                       ("&Approve", wf.APPROVE, "Ctrl+Shift+A"),
                                       ("Request &changes…", wf.REQUEST_CHANGES, None),
                                       ("Re&open", wf.REOPEN, None)))]
        statement.addSeparator()
        self.writing_actions.append(
            self._action(statement, "&Link evidence…", self.link_evidence, "Ctrl+L"))
        self._action(statement, "Edit &verdict", lambda: self._tab("Verdict"), "Ctrl+R")

        view = bar.addMenu("&View")
        for i, (key, text, _) in enumerate(VIEWS):
            self._action(view, text, lambda _=False, k=key: self.go_to_view(k), f"Ctrl+{i + 1}")
        view.addSeparator()
        self._action(view, "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(help_menu, "&About Factcheck", self.about)

    # -- views ---------------------------------------------------------------------
    def show_view(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                return

    def go_to_view(self, key: str) -> None:
        """A view's shortcut: show it and put the keyboard in its list."""
        self.show_view(key)
        widget = self.center.currentWidget()
        table = getattr(widget, "table", None)
        (table if table is not None and table.isVisible() else widget).setFocus(
            Qt.FocusReason.ShortcutFocusReason)

    def current_view(self) -> str:
        item = self.sidebar.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "all"

    def _view_changed(self, row: int) -> None:
        key = VIEWS[row][0] if 0 <= row < len(VIEWS) else "all"
        user_id = self.ctx.user.id if self.ctx.user else "-"
        if key in STATEMENT_VIEWS:
            base = {"all": StatementFilter(),
                    "due": StatementFilter(due="due_or_overdue"),
                    "queue": StatementFilter(queue_for=user_id)}[key]
            self.statements.set_base_filter(base, VIEWS[row][1])
            self.center.setCurrentWidget(self.statements)
            self.detail.show()
        else:
            existed = key in self._views
            widget = self.view(key)
            if existed:  # a new view has just loaded itself
                widget.refresh()
            self.center.setCurrentWidget(widget)
            self.detail.setVisible(False)
        self.settings.set_last_view(key)

    def view(self, key: str) -> QWidget:
        """The list view or dashboard for `key`, built on first use."""
        if key not in self._views:
            if key == "speakers":
                widget = SpeakersView(self.ctx)
                widget.statements_requested.connect(self._show_statements_of_speaker)
            elif key == "sources":
                widget = SourcesView(self.ctx)
                widget.statements_requested.connect(self._show_statements_of_source)
            elif key == "evidence":
                widget = EvidenceView(self.ctx)
                widget.statement_requested.connect(self.open_statement)
            else:
                widget = DashboardView(self.ctx)
                widget.filter_requested.connect(self._dashboard_filter)
            self._views[key] = widget
            self.center.addWidget(widget)
        return self._views[key]

    def _statement_selected(self, statement_id: str | None) -> None:
        if not self._reselecting:
            self.detail.request_statement(statement_id)

    def _follow_list(self) -> None:
        """The detail pane never shows a statement the list does not: when it leaves the
        list (filtered away, approved out of the queue), the pane moves to the first row.
        Unsaved edits are asked about, Save or Discard: the statement has already gone."""
        shown = self.detail.statement_id
        if shown is None or self.current_view() not in STATEMENT_VIEWS \
                or self.statements.contains(shown):
            return
        first = self.statements.first_id()
        self.detail.request_statement(first, can_cancel=False)
        self._reselect(first)

    def _reselect(self, statement_id: str | None) -> None:
        """The pane kept its statement (unsaved edits): select its row again, quietly."""
        self._reselecting = True
        try:
            if statement_id:
                self.statements.select_id(statement_id)
        finally:
            self._reselecting = False

    def _show_statements_of_speaker(self, speaker_id: str) -> None:
        self.show_view("all")
        self.statements.filter_by_speaker(speaker_id)

    def _show_statements_of_source(self, source_id: str) -> None:
        self.show_view("all")
        self.statements.set_base_filter(StatementFilter(source_id=source_id),
                                        "Statements from source")

    def open_statement(self, statement_id: str) -> None:
        """Jump to one statement from elsewhere (evidence details, links)."""
        if not self.detail.guard(lambda: self.open_statement(statement_id)):
            return
        self.show_view("all")
        self.statements.clear_filters()
        self.statements.select_id(statement_id)
        self.detail.show_statement(statement_id)

    def _dashboard_filter(self, key: str) -> None:
        if key in ("due_this_week", "overdue"):
            self.show_view("due")
        elif key == "in_review":
            self.show_view("all")
            box = self.statements.review_box
            box.setCurrentIndex(max(box.findData(wf.IN_REVIEW), 0))
        else:
            self.show_view("all")

    def update_counts(self) -> None:
        """Counts next to each view, read on the worker: on a large workspace the
        queue and due counts take a moment, and the window must not wait for them."""
        self.ctx.read(queries.view_counts, self._show_counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        for row, (_, text, count_key) in enumerate(VIEWS):
            if count_key:
                self.sidebar.item(row).setText(f"{text}   {counts[count_key]:,}")

    def refresh(self) -> None:
        self.statements.populate_filters()
        self.statements.model.reload()
        self.detail.reload()
        self.update_counts()
        widget = self.center.currentWidget()
        if hasattr(widget, "refresh") and widget is not self.statements:
            widget.refresh()

    # -- actions ---------------------------------------------------------------------
    def new_statement(self) -> None:
        if not self.detail.guard(self.new_statement):
            return
        dialog = NewStatementDialog(self.ctx, self)
        if dialog.exec() and dialog.created_id:
            if self.current_view() not in STATEMENT_VIEWS:
                self.show_view("all")
            self.statements.select_id(dialog.created_id)
            self.detail.show_statement(dialog.created_id)

    def focus_search(self) -> None:
        if self.current_view() not in STATEMENT_VIEWS:
            self.show_view("all")
        self.statements.search.setFocus()
        self.statements.search.selectAll()

    def _tab(self, name: str) -> None:
        if self.detail.dossier:
            self.detail.show_tab(name)

    def _review(self, action: str) -> None:
        if not self.detail.dossier:
            self.statusBar().showMessage("Select a statement first", 4000)
            return
        self._tab("Review")
        self.detail.review_tab.act(action)

    def link_evidence(self) -> None:
        if self.detail.dossier:
            self._tab("Evidence")
            self.detail.evidence_tab.link_existing()

    def import_article(self) -> None:
        from .import_dialog import ImportArticleDialog  # noqa: PLC0415 - see export()

        ImportArticleDialog(self.ctx, parent=self).exec()

    def import_data(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Import statements or evidence", str(Path.home()),
            "Data (*.csv *.json *.jsonld *.html *.htm);;All files (*)")
        if chosen:
            from ..services.importing import import_file  # noqa: PLC0415

            self.ctx.perform_long(
                lambda ws, job: import_file(ws, Path(chosen), job=job),
                title=f"Importing {Path(chosen).name}", parent=self,
                on_error=lambda text: QMessageBox.warning(
                    self, "Import stopped", text if "nothing was imported" in text.lower()
                    else f"{text}\n\nNothing was imported."))

    def export(self) -> None:
        """Reports and data exports, scoped to the current filter, selection, speaker or period."""
        # Imported on first use: reports and the article extractor are large, and the
        # window's start-up time is measured against a bare Qt window.
        from .export_dialog import ExportDialog, export_in_own_connection  # noqa: PLC0415

        ws = self.ctx.ws
        # Each export opens its own connection: to a team workspace as this login.
        target, who = ((ws.store.login.url, ws.identity) if self._team()
                       else (ws.path, ws.user.name if ws.user else None))
        dialog = ExportDialog(
            self, run_export=export_in_own_connection(target, who),
            speakers=[name for name, _ in speaker_choices(ws)],
            selection_ids=self.statements.selected_ids(),
            current_filter=self.statements.current_filter(),
            default_folder=self.settings.export_folder())
        # The next export starts where this one went.
        dialog.exported.connect(lambda path: self.settings.set_export_folder(path.parent))
        dialog.exec()

    def backup_copy(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "Save a backup copy", str(self.ctx.ws.path.with_name(
                self.ctx.ws.path.stem + "-copy.factcheck")), "Factcheck workspace (*.factcheck)")
        if not target:
            return
        from ..services.maintenance import backup_copy  # noqa: PLC0415

        self.ctx.read(lambda ws: backup_copy(ws, Path(target)),
                      lambda path: self.statusBar().showMessage(f"Backup written to {path}", 8000))

    def new_workspace(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, "New workspace", str(Path.home()),
                                                "Factcheck workspace (*.factcheck)")
        if target:
            if not target.endswith(".factcheck"):
                target += ".factcheck"
            self.open_requested.emit(Path(target), "create")

    def open_sample(self) -> None:
        self.open_requested.emit("sample", None)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_requested.emit(p, None))
        teams = self.settings.recent_team_urls()
        if teams and self.recent_menu.actions():
            self.recent_menu.addSeparator()
        for url in teams:  # kept without passwords: the dialog asks, or finds ~/.pgpass
            action = self.recent_menu.addAction(url)
            action.triggered.connect(lambda _=False, u=url: self.team_requested.emit(u))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)

    def show_shortcuts(self) -> None:
        lines = []
        for menu in self.menuBar().findChildren(type(self.recent_menu)):
            for action in menu.actions():
                if action.shortcut().toString():
                    lines.append(f"<tr><td>{action.text().replace('&', '')}</td>"
                                 f"<td><b>{action.shortcut().toString()}</b></td></tr>")
        QMessageBox.information(self, "Keyboard shortcuts",
                                "<table cellpadding=3>" + "".join(lines) + "</table>")

    def about(self) -> None:
        QMessageBox.about(self, "About Factcheck",
                          f"<h3>Factcheck {__version__}</h3><p>Record what officials said, "
                          "link what happened, rate it, and have a colleague review it.</p>"
                          f"<p>Workspace: {escape(self.ctx.ws.label)}</p>")

    # -- window state -------------------------------------------------------------------
    def _title(self) -> str:
        user = self.ctx.user
        who = f" — {user.label} ({user.role})" if user else ""
        readonly = " [read-only]" if self.ctx.ws.readonly_reason else ""
        name = self.ctx.ws.label if self._team() else self.ctx.ws.path.name
        return f"{name}{readonly}{who} — Factcheck"

    def _show_readonly(self) -> None:
        reason = self.ctx.ws.readonly_reason
        if not reason:
            return
        self.readonly_banner.setText(
            f"<b>Read-only:</b> {reason}. You can read, search and export; changes are "
            "turned off. To edit, make the file writable or open a copy, then reopen it.")
        self.readonly_banner.show()
        lock(self.ctx, *self.writing_actions, *self.undo_actions)
        for menu in self.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)  # a turned-off action says why on hover

    def _show_team(self) -> None:
        if not self._team():
            return
        for action, reason in self.file_only_actions.items():
            action.setEnabled(False)
            action.setStatusTip(f"Not on a team workspace: {reason}")
            action.setToolTip(action.statusTip())

    def _team(self) -> bool:
        return self.ctx.ws.store.engine == "postgresql"

    def _update_user(self) -> None:
        user = self.ctx.user
        text = f"Signed in as <b>{user.label}</b> · {user.role}" if user else "Not signed in"
        if self._team():
            text = f"Team workspace: {self.ctx.ws.label} · {text}"
        self.user_label.setText(f"  {text}  ")
        self.setWindowTitle(self._title())

    def _fit_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen (a 1280×720 laptop)."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.geometry("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.show_view(self.settings.last_view())
        if self.sidebar.currentRow() < 0:
            self.show_view("all")
        self.statements.select_first()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.detail.guard(self.close):
            event.ignore()
            return
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        # An article dropped imports it, a workspace opens; read-only, only the latter.
        if urls and (self.import_action.isEnabled()
                     or any(u.toLocalFile().endswith(".factcheck") for u in urls)):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        workspaces = [p for p in paths if p.suffix == ".factcheck"]
        if workspaces:
            self.open_requested.emit(workspaces[0], None)
        elif paths and self.import_action.isEnabled():  # not on a read-only workspace
            from .import_dialog import ImportArticleDialog  # noqa: PLC0415 - see export()

            ImportArticleDialog(self.ctx, path=paths[0], parent=self).exec()
