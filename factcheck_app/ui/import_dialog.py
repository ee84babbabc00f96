"""Import an article: the text with each quotation highlighted, and candidates to tick and edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import KIND_LABELS, KINDS
from ..ingest.extract import ExtractedArticle
from ..services import articles
from .context import UiContext
from .widgets import label

COL_USE, COL_QUOTE, COL_SPEAKER, COL_DATE, COL_KIND, COL_EXPECT, COL_CHECK, COL_DUP = range(8)
HEADERS = ("", "Quotation", "Speaker", "Stated", "Kind", "Expectation", "Check by", "Note")
STATED_HOW = {"attribution": "Date from the attribution (“said on Tuesday”)",
              "context": "Date from the article's context (“said at the time”)",
              "publication": "The publication date: the article gives no other"}
HIGHLIGHT = "#fff1a8"
HIGHLIGHT_DARK = "#5a4b00"


class ImportArticleDialog(QDialog):
    """Open or paste an article; tick, edit and accept the proposed statements."""

    def __init__(self, ctx: UiContext, *, path: Path | None = None, text: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Import article")
        self.resize(1200, 760)
        self.article: ExtractedArticle | None = None
        self.raw: bytes = b""
        self.file_name = "article.txt"
        self.summary = label("Open an article (.txt or a saved .html page) or paste its text.",
                             "heading", wrap=True)
        self.details = label("", "muted", wrap=True)
        # the analyst's publication date, for a pasted body without one (or a wrong one):
        # every "on Tuesday" and "by the end of the year" is counted from it
        self.published = QLineEdit(placeholderText="YYYY-MM-DD", maxLength=10)
        self.published.setFixedWidth(110)
        self.published.setToolTip("The article's publication date. Quotes said “on Tuesday” "
                                  "and deadlines like “by the end of the year” are counted "
                                  "from it; change it to re-date the proposals.")
        self.published.editingFinished.connect(self._redate)
        published_label = QLabel("&Published:")
        published_label.setBuddy(self.published)
        open_button = QPushButton("Open file…")
        open_button.clicked.connect(self.choose_file)
        paste_button = QPushButton("Paste article")
        paste_button.clicked.connect(self.paste)
        self.text = QTextEdit(readOnly=True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text as columns are resized.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_USE, 28), (COL_SPEAKER, 150), (COL_DATE, 90), (COL_KIND, 130),
                              (COL_EXPECT, 140), (COL_CHECK, 150), (COL_DUP, 110)):
            header.resizeSection(column, width)
        self.table.currentCellChanged.connect(lambda row, *_: self._scroll_to(row))
        self.error = label("", "refusal", wrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText("Import ticked statements")
        self.accept_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(open_button)
        top.addWidget(paste_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.text)
        splitter.addWidget(self.table)
        splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        details = QHBoxLayout()
        details.addWidget(self.details, 1)
        details.addWidget(published_label)
        details.addWidget(self.published)
        layout.addLayout(details)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setAcceptDrops(True)
        if path is not None:
            self.load_file(Path(path))
        elif text is not None:
            self.load_text(text)

    # -- input ---------------------------------------------------------------------
    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open article", str(Path.home()),
                                                "Articles (*.txt *.html *.htm);;All files (*)")
        if chosen:
            self.load_file(Path(chosen))

    def paste(self) -> None:
        self.load_text(QGuiApplication.clipboard().text())

    def load_file(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            self._fail(f"Cannot read {path.name}: {error}")
            return
        self._load(raw, path.name)

    def load_text(self, text: str) -> None:
        self._load(text.encode("utf-8"), "pasted-article.txt")

    def _load(self, raw: bytes, name: str, published: str | None = None) -> None:
        self.raw, self.file_name = raw, name
        self.error.hide()
        self.ctx.read(lambda ws: (articles.extract(ws, raw, filename=name, published=published),),
                      self._extracted, on_error=self._fail)

    def _redate(self) -> None:
        """Extract again from the date typed, keeping what the analyst ticked and edited."""
        typed = self.published.text().strip()
        if self.article is None or typed == (self.article.published or ""):
            return
        if not typed:
            self.published.setText(self.article.published or "")
            return
        self._kept = self._edits()
        self._load(self.raw, self.file_name, typed)

    def _edits(self) -> dict[tuple[int, int], tuple[Qt.CheckState, str, str]]:
        """Each row's tick, speaker and kind, by the quote's place in the text."""
        out = {}
        for row in range(self.table.rowCount()):
            use = self.table.item(row, COL_USE)
            out[tuple(use.data(Qt.ItemDataRole.UserRole))] = (
                use.checkState(), self.table.item(row, COL_SPEAKER).text(),
                self.table.cellWidget(row, COL_KIND).currentData())
        return out

    def _extracted(self, result) -> None:
        (article,) = result
        self.article = article
        self.published.setText(article.published or "")
        quotes = [c.quote for c in article.candidates]
        duplicates = articles.possible_duplicates(self.ctx.ws, quotes)
        self.summary.setText(article.title or self.file_name)
        self.details.setText(" · ".join(filter(None, [
            article.outlet, f"published {article.published}" if article.published else
            "no publication date found — type it under Published to date the quotes",
            f"{len(article.candidates)} quotation{'s' if len(article.candidates) != 1 else ''} found"])))
        self.text.setPlainText(article.text)
        self._highlight()
        self.table.setRowCount(len(article.candidates))
        for row, c in enumerate(article.candidates):
            use = QTableWidgetItem()
            use.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            ticked = c.quote not in duplicates and c.checkable
            use.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            use.setData(Qt.ItemDataRole.UserRole, (c.start, c.end))
            self.table.setItem(row, COL_USE, use)
            quote = QTableWidgetItem(c.quote)
            quote.setToolTip(c.context)
            self.table.setItem(row, COL_QUOTE, quote)
            self.table.setItem(row, COL_SPEAKER, QTableWidgetItem(c.speaker or ""))
            stated = QTableWidgetItem(c.stated_on or "")
            stated.setToolTip(STATED_HOW.get(c.stated_how, ""))
            self.table.setItem(row, COL_DATE, stated)
            kind = QComboBox()
            for key in KINDS:
                kind.addItem(KIND_LABELS[key], key)
            kind.setCurrentIndex(KINDS.index(c.kind if c.kind in KINDS else "assertion"))
            self.table.setCellWidget(row, COL_KIND, kind)
            self.table.setItem(row, COL_EXPECT, QTableWidgetItem(""))
            check = QTableWidgetItem(c.check_by_phrase or "")
            check.setData(Qt.ItemDataRole.UserRole, c.check_by)
            if c.check_by_phrase:
                check.setToolTip(f"“{c.check_by_phrase}” → {c.check_by or 'vague: no date'}"
                                 f"\n{c.check_by_note}")
            self.table.setItem(row, COL_CHECK, check)
            note = "possible duplicate" if c.quote in duplicates else \
                "" if c.checkable else "opinion: not checkable"
            dup = QTableWidgetItem(note)
            if c.quote in duplicates:
                dup.setForeground(QColor("#b45309"))
                dup.setToolTip("Already in the workspace:\n" + "\n".join(
                    f"• {d['quote'][:80]} ({d['speaker_name'] or '?'}, {d['stated_on']})"
                    for d in duplicates[c.quote]))
            elif not c.checkable:
                dup.setToolTip("An opinion or an exhortation: nothing could later show it held. "
                               "Tick it to import it anyway.")
            dup.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, COL_DUP, dup)
        self._restore(getattr(self, "_kept", {}))
        self._kept = {}
        self.accept_button.setEnabled(bool(article.candidates))
        if not article.candidates:
            self._fail("No quotations were found in this article.")

    def _restore(self, kept: dict) -> None:
        for row in range(self.table.rowCount()):
            use = self.table.item(row, COL_USE)
            edits = kept.get(tuple(use.data(Qt.ItemDataRole.UserRole)))
            if edits is None:
                continue
            state, speaker, kind = edits
            use.setCheckState(state)
            self.table.item(row, COL_SPEAKER).setText(speaker)
            combo = self.table.cellWidget(row, COL_KIND)
            combo.setCurrentIndex(max(0, combo.findData(kind)))

    def _highlight(self) -> None:
        dark = self.palette().base().color().lightness() < 128
        selections = []
        for c in self.article.candidates:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(c.start)
            cursor.setPosition(c.end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIGHLIGHT_DARK if dark else HIGHLIGHT))
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _scroll_to(self, row: int) -> None:
        item = self.table.item(row, COL_USE)
        if item is None:
            return
        start, end = item.data(Qt.ItemDataRole.UserRole)
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    # -- accepting ---------------------------------------------------------------------
    def proposals(self) -> list[articles.Proposal]:
        result = []
        for row in range(self.table.rowCount()):
            use = self.table.item(row, COL_USE)
            if use.checkState() != Qt.CheckState.Checked:
                continue
            start, end = use.data(Qt.ItemDataRole.UserRole)
            check = self.table.item(row, COL_CHECK)
            proposed = self.article.candidates[row].check_by_phrase if self.article else None
            # the article's date for the phrase holds only while the phrase is unedited
            check_date = check.data(Qt.ItemDataRole.UserRole) \
                if check.text().strip() == (proposed or "") else None
            result.append(articles.Proposal(
                quote=self.table.item(row, COL_QUOTE).text(),
                speaker=self.table.item(row, COL_SPEAKER).text().strip() or None,
                stated_on=self.table.item(row, COL_DATE).text().strip() or None,
                start=start, end=end, kind=self.table.cellWidget(row, COL_KIND).currentData(),
                expectation=self.table.item(row, COL_EXPECT).text(),
                check_by=check.text(), check_by_date=check_date))
        return result

    def submit(self) -> None:
        if self.article is None:
            return
        article, proposals, raw, name = self.article, self.proposals(), self.raw, self.file_name
        self.error.hide()
        self.ctx.perform(lambda ws: articles.accept(ws, article, proposals, raw=raw, file_name=name),
                         label="Import article", on_done=lambda _: self.accept(),
                         on_error=self._fail)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.load_file(Path(urls[0].toLocalFile()))
        elif event.mimeData().hasText():
            self.load_text(event.mimeData().text())
        event.acceptProposedAction()
