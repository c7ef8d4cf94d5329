"""Step 5 of a booking: who — ranked free workers for the chosen slot with their reasons in
words, or "auto" (the best one when the booking is written), or nobody yet; and for a
chosen worker whether the order is assigned directly or sent as an offer to accept."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services.availability import Candidate
from jiazheng_desk.services.dispatch_views import CandidateList
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.step_box import step_label
from jiazheng_desk.views.orders import texts as order_texts


class CandidatesStep(QWidget):
    """The candidates table and how the worker is given; ``changed`` on any change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates: list[Candidate] = []
        self.offer_allowed = True
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode, text in (
            ("worker", self.tr("Choose")),
            ("auto", self.tr("Auto")),
            ("none", self.tr("Not yet")),
        ):
            button = QRadioButton(text, self)
            button.setObjectName(f"workerMode:{mode}")
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
        self.mode_buttons["worker"].setChecked(True)
        self.how_group = QButtonGroup(self)
        self.assign_button = QRadioButton(self.tr("Assign directly"), self)
        self.assign_button.setObjectName("assignDirectly")
        self.assign_button.setToolTip(self.tr("The worker has the order at once"))
        self.offer_button = QRadioButton(self.tr("Send as offer"), self)
        self.offer_button.setObjectName("sendOffer")
        self.offer_button.setToolTip(self.tr("The worker accepts or declines in the app"))
        self.how_group.addButton(self.assign_button)
        self.how_group.addButton(self.offer_button)
        self.assign_button.setChecked(True)

        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("candidateTable")
        self.table.setHorizontalHeaderLabels([self.tr("Worker"), self.tr("Why")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.status = step_label(self.tr("Choose a time first."), self)
        self.status.setObjectName("candidateStatus")

        modes = QHBoxLayout()
        for button in self.mode_buttons.values():
            modes.addWidget(button)
        modes.addStretch(1)
        how = QHBoxLayout()
        how.addWidget(self.assign_button)
        how.addWidget(self.offer_button)
        how.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(modes)
        layout.addWidget(self.table, 1)
        layout.addLayout(how)
        layout.addWidget(self.status)

        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.how_group.buttonToggled.connect(self._how_toggled)
        self.table.itemSelectionChanged.connect(self.changed.emit)
        self._mode_changed()

    # --- filling ----------------------------------------------------------------------

    def clear(self, text: str = "") -> None:
        self.candidates = []
        self.table.setRowCount(0)
        self.status.setText(text or self.tr("Choose a time first."))
        self.changed.emit()

    def set_loading(self) -> None:
        self.status.setText(self.tr("Looking for free workers…"))

    def set_candidates(self, found: CandidateList) -> None:
        """Show the ranked workers, keeping the chosen one chosen if still free."""
        kept = self.chosen()
        self.candidates = list(found.candidates)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            name = QTableWidgetItem(c.name)
            name.setData(Qt.ItemDataRole.UserRole, c.worker_id)
            why = QTableWidgetItem(texts.reasons_text(c))
            why.setToolTip(texts.reasons_text(c))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, why)
        again = next(
            (n for n, c in enumerate(self.candidates) if kept and c.worker_id == kept.worker_id),
            0 if self.candidates else -1,
        )
        if again >= 0:
            self.table.selectRow(again)
        self.table.blockSignals(False)
        window = f"{texts.hhmm(found.starts_at, found.tz)}–{texts.hhmm(found.ends_at, found.tz)}"
        if found.ends_at - found.starts_at >= timedelta(days=1):
            # a placement: its days, not 08:00–08:00
            window = order_texts.window_text(
                found.starts_at, found.ends_at, found.tz, this_year=found.starts_at.year
            )
        self.status.setText(
            self.tr("{n} free for {window}, best first.").format(
                n=len(self.candidates), window=window
            )
            if self.candidates
            else self.tr(
                "Nobody qualified is free for {window}: auto or leave it unassigned."
            ).format(window=window)
        )
        self.changed.emit()

    # --- what was chosen --------------------------------------------------------------

    def mode(self) -> str:
        return next(m for m, b in self.mode_buttons.items() if b.isChecked())

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def offer(self) -> bool:
        return self.mode() != "none" and self.offer_button.isChecked()

    def chosen(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.candidates):
            return None
        return self.candidates[rows[0].row()]

    def select_worker(self, worker_id: int) -> bool:
        for row, c in enumerate(self.candidates):
            if c.worker_id == worker_id:
                self.set_mode("worker")
                self.table.selectRow(row)
                return True
        return False

    def allow_offer(self, allowed: bool) -> None:
        """A repeating series keeps one worker by assignment: no offers there."""
        self.offer_allowed = allowed
        if not allowed:
            self.assign_button.setChecked(True)
        self._mode_changed()

    # slots return None: a lambda handing a bool back to a signal upsets PySide's refcounts
    def _mode_toggled(self, _button: object, on: bool) -> None:
        if on:
            self._mode_changed()

    def _how_toggled(self, _button: object, on: bool) -> None:
        if on:
            self.changed.emit()

    def _mode_changed(self) -> None:
        choosing = self.mode() == "worker"
        self.table.setEnabled(choosing)
        self.assign_button.setEnabled(self.mode() != "none")
        self.offer_button.setEnabled(self.mode() != "none" and self.offer_allowed)
        self.changed.emit()

    def reset(self) -> None:
        self.set_mode("worker")
        self.assign_button.setChecked(True)
        self.clear()

    def focus(self) -> None:
        if self.mode() == "worker" and self.candidates:
            self.table.setFocus()
            if self.chosen() is None:
                self.table.selectRow(0)
        else:
            self.mode_buttons[self.mode()].setFocus()
