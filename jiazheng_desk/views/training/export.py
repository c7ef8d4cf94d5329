"""Save a training list as an Excel workbook: ask where (the system's save dialog), then
write it in the background and say where it went."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from jiazheng_desk import clock
from jiazheng_desk.reports.training_excel import Kind, TrainingExport, export_training_excel
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dialogs import inform, show_failure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.uistate import ui_settings

FOLDER_KEY = "training/export_dir"


def _folder() -> Path:
    saved = ui_settings().value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class TrainingExporter(QObject):
    """One export at a time for a page; ``finished`` carries the result (None: failed)."""

    finished = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page = parent
        self.running = False
        self.message: QWidget | None = None

    def export(self, kind: Kind, course_id: int | None, stem: str) -> None:
        """Ask for the file, then write it; Cancel in the dialog does nothing."""
        if self.running:
            return
        stamp = clock.now().astimezone(ZoneInfo(self.ctx.tz)).strftime("%Y%m%d-%H%M")
        path, _filter = QFileDialog.getSaveFileName(
            self.page,
            self.tr("Export to Excel"),
            str(_folder() / f"{stem}-{stamp}.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        self.running = True
        self.ctx.runner.run_query(
            export_training_excel,
            actor=self.ctx.actor,
            kind=kind,
            course_id=course_id,
            path=str(target),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: TrainingExport) -> None:
        self.running = False
        ui_settings().setValue(FOLDER_KEY, str(Path(result.path).parent))
        self.message = inform(
            self.page.window(),
            self.tr("Export finished"),
            self.tr("{n} rows were written to\n{path}").format(n=result.rows, path=result.path),
            "trainingExportDone",
        )
        self.finished.emit(result)

    def _failed(self, failure: TaskFailure) -> None:
        self.running = False
        self.message = show_failure(self.page.window(), failure)
        self.finished.emit(None)
