"""System: staff, audit log, branches, one's own account."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views import labels
    from jiazheng_desk.views.main_window import PageSpec
    from jiazheng_desk.views.system.account_page import AccountPage
    from jiazheng_desk.views.system.audit_page import AuditPage
    from jiazheng_desk.views.system.branches_page import BranchesPage
    from jiazheng_desk.views.system.staff_page import StaffPage

    return [
        PageSpec("system.staff", "system", labels.page_staff, Perm.STAFF_VIEW, StaffPage, 900),
        PageSpec("system.audit", "system", labels.page_audit, Perm.AUDIT_VIEW, AuditPage, 910),
        PageSpec(
            "system.branches",
            "system",
            labels.page_branches,
            Perm.BRANCH_MANAGE,
            BranchesPage,
            920,
        ),
        PageSpec("system.account", "system", labels.page_account, None, AccountPage, 990),
    ]
