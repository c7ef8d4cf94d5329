"""A course chooser for the lists: "All courses" and every course the actor may see."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from jiazheng_desk.services import training
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.training_views import CourseView
from jiazheng_desk.views.main_window import DeskContext


class CourseFilter(QComboBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("courseFilter")
        self.setMinimumWidth(260)
        self.addItem(self.tr("All courses"), None)
        self.load()

    def load(self) -> None:
        self.ctx.runner.run_query(
            training.list_courses,
            actor=self.ctx.actor,
            include_inactive=True,
            limit=1000,
            sort="title",
            descending=False,
            on_done=self._loaded,
            key=f"training.course_filter.{id(self)}",
        )

    def _loaded(self, page: Page[CourseView]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All courses"), None)
        for c in page.items:
            self.addItem(c.title, c.id)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)
