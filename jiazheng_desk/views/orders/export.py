"""Export the filtered orders list to Excel in the background, with progress and a cancel.

The file name is asked in a small non-blocking dialog (a path field, remembered folder,
"Browse…" for the system dialog), then the whole export — reading the rows chunk by
chunk and writing the workbook — runs as one query task; progress comes back through a
signal (queued to the GUI thread) while the desk stays usable.
"""

from __future__ import annotations

import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.reports.excel import ExportCancelled
from jiazheng_desk.reports.orders_excel import ExportResult, export_orders_excel
from jiazheng_desk.services.order_list import OrderFilter
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.dialogs import inform, show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.uistate import ui_settings
from jiazheng_desk.views.widgets.form import FormDialog

FOLDER_KEY = "orders/export_dir"


def default_folder() -> Path:
    saved = ui_settings().value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class ExportDialog(FormDialog):
    """Where to save the workbook; OK starts the export."""

    chosen = Signal(str)

    def __init__(self, ctx: DeskContext, count_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export to Excel"))
        self.setMinimumWidth(560)
        stamp = clock.now().astimezone(ZoneInfo(ctx.tz)).strftime("%Y%m%d-%H%M")
        name = self.tr("orders-{stamp}.xlsx").format(stamp=stamp)
        self.path = QLineEdit(str(default_folder() / name), self)
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.setObjectName("exportBrowse")
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(self.browse)
        self.add_row("path", self.tr("Save as"), row)
        self.intro.setText(
            self.tr(
                "Every order of the current filter ({count}), not only the rows on screen. "
                "The desk stays usable while the file is written."
            ).format(count=count_text)
        )
        self.intro.setProperty("role", "hint")
        self.intro.show()
        self.ok_button.setText(self.tr("Export"))
        self.browse.clicked.connect(self._browse)
        self.file_dialog: QFileDialog | None = None

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Export to Excel"), self.path.text())
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Excel workbook (*.xlsx)"))
        dialog.setDefaultSuffix("xlsx")
        dialog.fileSelected.connect(self.path.setText)
        self.file_dialog = dialog
        dialog.open()

    def target(self) -> Path:
        text = self.path.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def validate(self) -> bool:
        path = self.target()
        if not self.path.text().strip() or not path.parent.is_dir():
            self.errors.show_text("path", self.tr("Choose a file in an existing folder."))
            self._fit()
            return False
        return True

    def save(self) -> None:
        self.chosen.emit(str(self.target()))
        self.accept()


class _Relay(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signals)."""

    started = Signal(int)
    step = Signal(int)


class ExportRunner(QWidget):
    """The progress bar and Cancel button of a running export (hidden when idle)."""

    finished = Signal(object)  # ExportResult, or None when it failed or was cancelled

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.relay = _Relay(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setMinimumWidth(160)
        self.progress.setFormat(self.tr("Exporting… %v / %m"))
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.cancel_button.setObjectName("exportCancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self.relay.started.connect(self._started)
        self.relay.step.connect(self.progress.setValue)
        self.cancel_button.clicked.connect(self.cancel)
        self._stop = threading.Event()
        self.running = False
        self.last_result: ExportResult | None = None
        self.message: QWidget | None = None
        self.hide()

    def start(self, flt: OrderFilter, path: str) -> None:
        if self.running:
            return
        self.running = True
        self._stop = threading.Event()
        stop = self._stop
        relay = self.relay
        self.progress.setRange(0, 0)  # busy until the number of rows is known
        self.show()

        def progress(done: int) -> None:
            if stop.is_set():
                raise ExportCancelled()
            relay.step.emit(done)

        self.ctx.runner.run_query(
            export_orders_excel,
            actor=self.ctx.actor,
            flt=flt,
            path=path,
            progress=progress,
            started=relay.started.emit,
            on_done=self._done,
            on_error=self._failed,
        )

    def _started(self, rows: int) -> None:
        self.progress.setRange(0, max(rows, 1))
        self.progress.setValue(0)

    def cancel(self) -> None:
        self._stop.set()

    def _done(self, result: ExportResult) -> None:
        self.running = False
        self.hide()
        self.last_result = result
        ui_settings().setValue(FOLDER_KEY, str(Path(result.path).parent))
        text = self.tr("{n} orders were written to\n{path}\n\nTotal: {total}").format(
            n=f"{result.rows:,}", path=result.path, total=fmt.yuan(result.total_fen)
        )
        if result.truncated:
            text += "\n\n" + self.tr(
                "Only the first {n} orders fit; narrow the filter for the rest."
            ).format(n=f"{result.rows:,}")
        self.message = inform(self.window(), self.tr("Export finished"), text, "exportDone")
        self.finished.emit(result)

    def _failed(self, failure: TaskFailure) -> None:
        self.running = False
        self.hide()
        if not isinstance(failure.error, ExportCancelled):
            self.message = show_failure(self.window(), failure)
        self.finished.emit(None)
