"""Worker records after approval: the workers list with each worker's record (profile,
skills, districts, shifts, documents, ratings, complaints, history, suspension, audited
"show" of personal data) and the certificates expiring soon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_workers() -> str:
    return QCoreApplication.translate("WorkerRecordsArea", "Workers")


def page_expiring() -> str:
    return QCoreApplication.translate("WorkerRecordsArea", "Expiring soon")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.worker_records.expiring_page import ExpiringCertificatesPage
    from jiazheng_desk.views.worker_records.workers_page import WorkersPage

    return [
        PageSpec("workers.records", "workers", page_workers, Perm.WORKER_VIEW, WorkersPage, 450),
        PageSpec(
            "workers.expiring",
            "workers",
            page_expiring,
            Perm.WORKER_VIEW,
            ExpiringCertificatesPage,
            460,
        ),
    ]
