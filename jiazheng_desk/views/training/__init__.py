"""Training: courses with their enrolments, attendance and exam scores; who needs which
course; results per course with the Excel export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_courses() -> str:
    return QCoreApplication.translate("TrainingArea", "Courses")


def page_needs() -> str:
    return QCoreApplication.translate("TrainingArea", "Needs training")


def page_results() -> str:
    return QCoreApplication.translate("TrainingArea", "Exam results")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.training.courses_page import CoursesPage
    from jiazheng_desk.views.training.needs_page import NeedsPage
    from jiazheng_desk.views.training.results_page import ResultsPage

    manage = Perm.TRAINING_MANAGE
    return [
        PageSpec("training.courses", "training", page_courses, manage, CoursesPage, 650),
        PageSpec("training.needs", "training", page_needs, manage, NeedsPage, 660),
        PageSpec("training.results", "training", page_results, manage, ResultsPage, 670),
    ]
