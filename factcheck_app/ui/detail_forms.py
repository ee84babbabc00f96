"""Detail tabs that edit the statement itself: what was said, what to expect, the verdict."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services import speakers, statements
from ..services.sources import source_choices
from .context import UiContext
from .forms import CheckByEdit, LazyChoiceCombo, kind_combo, set_combo, speaker_completer
from .widgets import label


class _Tab(QWidget):
    """A tab bound to one statement's dossier; saves with the version it loaded."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier: dict | None = None
        self.error = label("", "refusal", wrap=True)
        self.error.hide()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _finish(self, form: QFormLayout, save: QPushButton, *extra) -> QVBoxLayout:
        """The tab's layout: the form, the refusal message, the save button on the right."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        layout.addLayout(row)
        for widget in extra:
            layout.addWidget(widget)
        if not extra:
            layout.addStretch(1)
        return layout

    def _save(self, task, label_text: str) -> None:
        self.show_error("")
        self.ctx.perform(task, label=label_text, on_error=self.show_error)


class StatementTab(_Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.quote = QPlainTextEdit()
        self.quote.setPlaceholderText("The verbatim quote")
        self.quote.setMinimumHeight(70)
        self.quote.setMaximumHeight(130)
        self.original = QPlainTextEdit()
        self.original.setPlaceholderText("Original-language text, when the quote is a translation")
        self.original.setMaximumHeight(60)
        self.language = QLineEdit(placeholderText="e.g. ru, be, es")
        self.language.setMaximumWidth(120)
        self.speaker = QLineEdit(placeholderText="Name or alias (a new name creates a speaker)")
        self.stated = QLineEdit(placeholderText="YYYY-MM-DD, YYYY-MM or YYYY")
        self.source = LazyChoiceCombo(lambda: source_choices(self.ctx.ws))
        self.location = QLineEdit(placeholderText="Page, paragraph or timestamp in the source")
        self.kind = kind_combo()
        self.tags = QLineEdit(placeholderText="comma-separated")
        self.save = QPushButton("Save statement")
        self.save.setShortcut("Ctrl+S")
        self.save.setToolTip("Save (Ctrl+S)")
        self.save.clicked.connect(self.submit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Quote", self.quote)
        form.addRow("Original text", self.original)
        form.addRow("Language", self.language)
        form.addRow("Speaker", self.speaker)
        form.addRow("Stated", self.stated)
        form.addRow("Source", self.source)
        form.addRow("Location", self.location)
        form.addRow("Kind", self.kind)
        form.addRow("Tags", self.tags)
        self._finish(form, self.save)

        # Speaker names are loaded once, then again only when they change: reloading
        # thousands of them on every selection would make browsing sluggish.
        self._choices_stale = True
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, changes) -> None:
        if changes.tables & {"speakers", "sources"}:
            self._choices_stale = True

    def _load_choices(self) -> None:
        self.speaker.setCompleter(speaker_completer(speakers.speaker_names(self.ctx.ws), self))
        self.source.invalidate()
        self._choices_stale = False

    def load(self, dossier: dict) -> None:
        self.dossier = dossier
        self.show_error("")
        if self._choices_stale:
            self._load_choices()
        self.quote.setPlainText(dossier["quote"])
        self.original.setPlainText(dossier["original_text"] or "")
        self.language.setText(dossier["original_language"] or "")
        self.speaker.setText(dossier["speaker"]["name"] if dossier["speaker"] else "")
        self.stated.setText(dossier["stated_on"] or "")
        self.source.set_choice(dossier["source_id"],
                               dossier["source"]["title"] if dossier["source"] else "")
        self.location.setText(dossier["location"] or "")
        set_combo(self.kind, dossier["kind"])
        self.tags.setText(", ".join(dossier["tags"]))

    def submit(self) -> None:
        if not self.dossier:
            return
        statement_id, version = self.dossier["id"], self.dossier["version"]
        speaker_name = self.speaker.text().strip()
        fields = dict(quote=self.quote.toPlainText(), original_text=self.original.toPlainText(),
                      original_language=self.language.text(), stated_on=self.stated.text(),
                      source_id=self.source.currentData(), location=self.location.text(),
                      kind=self.kind.currentData(), tags=self.tags.text())

        self._save(lambda ws: statements.edit_statement(
            ws, statement_id=statement_id, expected_version=version, speaker=speaker_name,
            **fields), "Edit statement")


class ExpectationTab(_Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.expectation = QPlainTextEdit()
        self.expectation.setPlaceholderText(
            "What would be observed if the statement holds, in checkable terms")
        self.check_by = CheckByEdit()
        self.save = QPushButton("Save expectation")
        self.save.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow("Expectation", self.expectation)
        form.addRow("Check by", self.check_by)
        self._finish(form, self.save)

    def load(self, dossier: dict) -> None:
        self.dossier = dossier
        self.show_error("")
        self.expectation.setPlainText(dossier["expectation"] or "")
        self.check_by.set_stated(dossier["stated_on"])
        self.check_by.setText(dossier["check_by_phrase"] or dossier["check_by"] or "")

    def submit(self) -> None:
        if not self.dossier:
            return
        statement_id, version = self.dossier["id"], self.dossier["version"]
        expectation, check_by = self.expectation.toPlainText(), self.check_by.text()
        self._save(lambda ws: statements.edit_statement(
            ws, statement_id=statement_id, expected_version=version,
            expectation=expectation, check_by=check_by), "Edit expectation")


class VerdictTab(_Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.verdict = QComboBox()
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText("Why: what the evidence shows, and what it does not")
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(0, 100)
        self.confidence.setSuffix(" %")
        self.confidence.setDecimals(0)
        self.confidence.setSingleStep(5)
        self.save = QPushButton("Save verdict")
        self.save.clicked.connect(self.submit)
        self.history = QListWidget()
        self.history.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow("Verdict", self.verdict)
        form.addRow("Rationale", self.rationale)
        form.addRow("Confidence", self.confidence)
        self._finish(form, self.save, label("Verdict history", "muted"), self.history)

    def load(self, dossier: dict) -> None:
        self.dossier = dossier
        self.show_error("")
        self.verdict.clear()
        for level in self.ctx.ws.scale.levels:
            self.verdict.addItem(level.label, level.key)
        set_combo(self.verdict, dossier["verdict"])
        self.rationale.setPlainText(dossier["verdict_rationale"] or "")
        conf = dossier["verdict_confidence"]
        self.confidence.setValue(round(conf * 100) if conf is not None else 0)
        self.history.clear()
        scale = self.ctx.ws.scale
        for v in reversed(dossier["verdicts"]):
            when = (v["created_at"] or "")[:16].replace("T", " ")
            self.history.addItem(f"{when}  {scale.level(v['verdict']).label} by {v['user_name']}"
                                 + (f" — {v['rationale']}" if v["rationale"] else ""))
        if not dossier["verdicts"]:
            self.history.addItem("Not rated yet")

    def submit(self) -> None:
        if not self.dossier:
            return
        statement_id, version = self.dossier["id"], self.dossier["version"]
        verdict, rationale = self.verdict.currentData(), self.rationale.toPlainText()
        confidence = self.confidence.value() / 100 if self.confidence.value() else None
        self._save(lambda ws: statements.set_verdict(
            ws, statement_id=statement_id, verdict=verdict, rationale=rationale,
            confidence=confidence, expected_version=version), "Rate statement")


