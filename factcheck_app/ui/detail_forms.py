"""Detail tabs that edit the statement itself: what was said, what to expect, the verdict.

Each form knows what it loaded, so it can tell its unsaved edits apart: the pane marks
them, asks before they would be lost, and keeps them across a reload of the same
statement (another tab saved, an undo); Save sends only what was edited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.workflow import APPROVED
from ..services import speakers, statements
from ..services.sources import source_choices
from .context import UiContext
from .forms import (
    CheckByEdit,
    LazyChoiceCombo,
    kind_combo,
    multiline,
    set_combo,
    set_text,
    speaker_completer,
)
from .readonly import allow, freeze_inputs
from .unsaved import confirm_revoke
from .widgets import label

Done = Callable[[], None]
Failed = Callable[[str], None]


class _Tab(QWidget):
    """A tab bound to one statement's dossier; saves with the version it loaded."""

    dirty_changed = Signal(bool)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier: dict | None = None
        self.error = label("", "refusal", wrap=True)
        self.error.hide()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # What the pane asks every tab; only tabs that hold typed input answer otherwise.
    def is_dirty(self) -> bool:
        return False

    def discard(self) -> None:
        """Forget unsaved edits."""

    def save(self, on_done: Done, on_error: Failed) -> None:
        on_done()

    def focus_first(self) -> None:
        self.focusNextChild()

    def _revokes_approval(self) -> bool:
        """True when the user, asked, would rather not withdraw the approval."""
        dossier = self.dossier or {}
        return (dossier.get("review_state") == APPROVED
                and not confirm_revoke(self, dossier.get("approved_by_name")))

    def _save(self, task, label_text: str, on_done: Done | None = None,
              on_error: Failed | None = None) -> None:
        self.show_error("")

        def failed(text: str) -> None:
            self.show_error(text)
            if on_error:
                on_error(text)

        self.ctx.perform(task, label=label_text, on_error=failed,
                         on_done=(lambda _changes: on_done()) if on_done else None)


class _FormTab(_Tab):
    """A form over some of the statement's fields, with Save and Discard and a marker."""

    save_text = "Save"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loaded: dict[str, Any] = {}
        self._saving: dict[str, Any] = {}  # edits on their way to the worker
        self._dirty = False
        self.save_button = QPushButton(self.save_text)
        self.save_button.setToolTip("Save (Ctrl+S or Ctrl+Enter)")
        self.save_button.clicked.connect(self.submit)
        self.discard_button = QPushButton("Discard changes")
        self.discard_button.clicked.connect(self.discard)
        self.unsaved = label("Unsaved changes", "notice")
        self._show_dirty(False)

    # -- what a subclass says ------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form holds now, by field."""
        raise NotImplementedError

    def loaded_values(self, dossier: dict) -> dict[str, Any]:
        """What the form holds for `dossier` untouched."""
        raise NotImplementedError

    def fill(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def task(self, edits: dict[str, Any], statement_id: str, version: int):
        """The use case that saves `edits`, and its undo label."""
        raise NotImplementedError

    # -- layout ------------------------------------------------------------------------
    def _finish(self, form: QFormLayout, *extra) -> QVBoxLayout:
        """The tab's layout: the form, the refusal message, the marker and buttons on the right."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unsaved)
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        for widget in extra:
            layout.addWidget(widget)
        if not extra:
            layout.addStretch(1)
        freeze_inputs(self.ctx, self)  # every field is built by now
        return layout

    def watch(self, *signals) -> None:
        for signal in signals:
            signal.connect(self._update_dirty)

    # -- state ---------------------------------------------------------------------------
    def edits(self) -> dict[str, Any]:
        if self.dossier is None:
            return {}
        return {k: v for k, v in self.values().items() if v != self._loaded.get(k)}

    def is_dirty(self) -> bool:
        return bool(self.edits())

    def load(self, dossier: dict) -> None:
        same = self.dossier is not None and self.dossier["id"] == dossier["id"]
        keep = {k: v for k, v in self.edits().items()
                if self._saving.get(k, object()) != v} if same else {}
        self.dossier = dossier
        if not same:
            self.show_error("")
        self._loaded = self.loaded_values(dossier)
        self.fill({**self._loaded, **keep})
        self._update_dirty()

    def discard(self) -> None:
        if self.dossier is not None:
            self.show_error("")
            self.fill(self._loaded)
            self._update_dirty()

    def _update_dirty(self, *_args) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._show_dirty(dirty)
            self.dirty_changed.emit(dirty)

    def _show_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.unsaved.setVisible(dirty)
        self.discard_button.setVisible(dirty)
        allow(self.ctx, self.save_button, dirty)

    # -- saving --------------------------------------------------------------------------
    def submit(self) -> None:
        """Save button: asks first when saving would withdraw an approval."""
        if self.is_dirty() and not self._revokes_approval():
            self.save(lambda: None, lambda _text: None)

    def save(self, on_done: Done, on_error: Failed) -> None:
        edits = self.edits()
        if not edits:
            on_done()
            return
        task, label_text = self.task(edits, self.dossier["id"], self.dossier["version"])
        self._saving = edits

        def finished() -> None:
            self._saving = {}
            on_done()

        def failed(text: str) -> None:
            self._saving = {}
            on_error(text)

        self._save(task, label_text, finished, failed)


class StatementTab(_FormTab):
    save_text = "Save statement"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.quote = multiline("The verbatim quote")
        self.quote.setMinimumHeight(70)
        self.quote.setMaximumHeight(130)
        self.original = multiline("Original-language text, when the quote is a translation")
        self.original.setMaximumHeight(60)
        self.language = QLineEdit(placeholderText="e.g. ru, be, es")
        self.language.setMaximumWidth(120)
        self.speaker = QLineEdit(placeholderText="Name or alias (a new name creates a speaker)")
        self.stated = QLineEdit(placeholderText="YYYY-MM-DD, YYYY-MM or YYYY")
        self.source = LazyChoiceCombo(lambda: source_choices(self.ctx.ws))
        self.location = QLineEdit(placeholderText="Page, paragraph or timestamp in the source")
        self.kind = kind_combo()
        self.tags = QLineEdit(placeholderText="comma-separated")
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
        self._finish(form)
        self.watch(self.quote.textChanged, self.original.textChanged, self.language.textChanged,
                   self.speaker.textChanged, self.stated.textChanged, self.location.textChanged,
                   self.tags.textChanged, self.source.currentIndexChanged,
                   self.kind.currentIndexChanged)

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
        if self._choices_stale:
            self._load_choices()
        super().load(dossier)

    def loaded_values(self, dossier: dict) -> dict[str, Any]:
        return dict(quote=dossier["quote"], original_text=dossier["original_text"] or "",
                    original_language=dossier["original_language"] or "",
                    speaker=dossier["speaker"]["name"] if dossier["speaker"] else "",
                    stated_on=dossier["stated_on"] or "", source_id=dossier["source_id"],
                    location=dossier["location"] or "", kind=dossier["kind"],
                    tags=", ".join(dossier["tags"]))

    def values(self) -> dict[str, Any]:
        return dict(quote=self.quote.toPlainText(), original_text=self.original.toPlainText(),
                    original_language=self.language.text(), speaker=self.speaker.text(),
                    stated_on=self.stated.text(), source_id=self.source.currentData(),
                    location=self.location.text(), kind=self.kind.currentData(),
                    tags=self.tags.text())

    def fill(self, values: dict[str, Any]) -> None:
        set_text(self.quote, values["quote"])
        set_text(self.original, values["original_text"])
        set_text(self.language, values["original_language"])
        set_text(self.speaker, values["speaker"])
        set_text(self.stated, values["stated_on"])
        if values["source_id"] == self._loaded.get("source_id"):
            source = self.dossier["source"]
            self.source.set_choice(self.dossier["source_id"], source["title"] if source else "")
        else:  # an unsaved choice from the loaded list
            set_combo(self.source, values["source_id"])
        set_text(self.location, values["location"])
        set_combo(self.kind, values["kind"])
        set_text(self.tags, values["tags"])

    def task(self, edits: dict[str, Any], statement_id: str, version: int):
        edits = {k: (v.strip() if k == "speaker" else v) for k, v in edits.items()}
        return (lambda ws: statements.edit_statement(
            ws, statement_id=statement_id, expected_version=version, **edits)), "Edit statement"

    def focus_first(self) -> None:
        self.quote.setFocus()


class ExpectationTab(_FormTab):
    save_text = "Save expectation"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.expectation = multiline(
            "What would be observed if the statement holds, in checkable terms")
        self.expectation.setMaximumHeight(160)
        self.check_by = CheckByEdit()
        form = QFormLayout()
        form.addRow("Expectation", self.expectation)
        form.addRow("Check by", self.check_by)
        self._finish(form)
        self.watch(self.expectation.textChanged, self.check_by.edit.textChanged)

    def load(self, dossier: dict) -> None:
        self.check_by.set_stated(dossier["stated_on"])
        super().load(dossier)

    def loaded_values(self, dossier: dict) -> dict[str, Any]:
        return dict(expectation=dossier["expectation"] or "",
                    check_by=dossier["check_by_phrase"] or dossier["check_by"] or "")

    def values(self) -> dict[str, Any]:
        return dict(expectation=self.expectation.toPlainText(), check_by=self.check_by.text())

    def fill(self, values: dict[str, Any]) -> None:
        set_text(self.expectation, values["expectation"])
        set_text(self.check_by, values["check_by"])

    def task(self, edits: dict[str, Any], statement_id: str, version: int):
        return (lambda ws: statements.edit_statement(
            ws, statement_id=statement_id, expected_version=version, **edits)), "Edit expectation"

    def focus_first(self) -> None:
        self.expectation.setFocus()


class VerdictTab(_FormTab):
    save_text = "Save verdict"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.verdict = QComboBox()
        self.rationale = multiline("Why: what the evidence shows, and what it does not")
        self.rationale.setMaximumHeight(160)
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(0, 100)
        self.confidence.setSuffix(" %")
        self.confidence.setDecimals(0)
        self.confidence.setSingleStep(5)
        self.history = QListWidget()
        self.history.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow("Verdict", self.verdict)
        form.addRow("Rationale", self.rationale)
        form.addRow("Confidence", self.confidence)
        self._finish(form, label("Verdict history", "muted"), self.history)
        self.watch(self.verdict.currentIndexChanged, self.rationale.textChanged,
                   self.confidence.valueChanged)

    def load(self, dossier: dict) -> None:
        levels = [(level.label, level.key) for level in self.ctx.ws.scale.levels]
        shown = [(self.verdict.itemText(i), self.verdict.itemData(i))
                 for i in range(self.verdict.count())]
        if levels != shown:  # refilled only when the scale changed: it keeps a choice made
            self.verdict.blockSignals(True)
            self.verdict.clear()
            for text, key in levels:
                self.verdict.addItem(text, key)
            self.verdict.blockSignals(False)
        super().load(dossier)
        self.history.clear()
        scale = self.ctx.ws.scale
        for v in reversed(dossier["verdicts"]):
            when = (v["created_at"] or "")[:16].replace("T", " ")
            self.history.addItem(f"{when}  {scale.level(v['verdict']).label} by {v['user_name']}"
                                 + (f" — {v['rationale']}" if v["rationale"] else ""))
        if not dossier["verdicts"]:
            self.history.addItem("Not rated yet")

    def loaded_values(self, dossier: dict) -> dict[str, Any]:
        conf = dossier["verdict_confidence"]
        return dict(verdict=dossier["verdict"], rationale=dossier["verdict_rationale"] or "",
                    confidence=round(conf * 100) if conf is not None else 0)

    def values(self) -> dict[str, Any]:
        return dict(verdict=self.verdict.currentData(), rationale=self.rationale.toPlainText(),
                    confidence=round(self.confidence.value()))

    def fill(self, values: dict[str, Any]) -> None:
        set_combo(self.verdict, values["verdict"])
        set_text(self.rationale, values["rationale"])
        self.confidence.setValue(values["confidence"])

    def task(self, edits: dict[str, Any], statement_id: str, version: int):
        now = self.values()  # a verdict is saved whole: level, rationale and confidence
        confidence = now["confidence"] / 100 if now["confidence"] else None
        return (lambda ws: statements.set_verdict(
            ws, statement_id=statement_id, verdict=now["verdict"], rationale=now["rationale"],
            confidence=confidence, expected_version=version)), "Rate statement"

    def focus_first(self) -> None:
        self.verdict.setFocus()
