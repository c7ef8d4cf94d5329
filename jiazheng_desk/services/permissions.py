"""Roles, the actions they may take, and branch scoping.

The map is checked in the services, never only in the views: a dispatcher cannot
approve a withdrawal even if a button is shown by mistake.
"""

from __future__ import annotations

from enum import StrEnum

from jiazheng_desk.i18n import Msg
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import PermissionDenied


class Role(StrEnum):
    HQ_ADMIN = "hq_admin"
    BRANCH_MANAGER = "branch_manager"
    DISPATCHER = "dispatcher"
    VETTING_OFFICER = "vetting_officer"
    FINANCE = "finance"


class Perm(StrEnum):
    STAFF_VIEW = "staff.view"
    STAFF_CREATE = "staff.create"
    STAFF_UPDATE = "staff.update"
    STAFF_DEACTIVATE = "staff.deactivate"
    STAFF_RESET_PASSWORD = "staff.reset_password"
    AUDIT_VIEW = "audit.view"
    BRANCH_VIEW = "branch.view"
    BRANCH_MANAGE = "branch.manage"
    SETTINGS_MANAGE = "settings.manage"
    CATALOG_MANAGE = "catalog.manage"
    CUSTOMER_VIEW = "customer.view"
    CUSTOMER_EDIT = "customer.edit"
    CUSTOMER_FREEZE = "customer.freeze"
    CUSTOMER_CLOSE = "customer.close"
    ORDER_VIEW = "order.view"
    ORDER_CREATE = "order.create"
    ORDER_ASSIGN = "order.assign"
    ORDER_CANCEL = "order.cancel"
    DISPATCH_OPTIMISE = "dispatch.optimise"
    WORKER_VIEW = "worker.view"
    WORKER_EDIT = "worker.edit"
    WORKER_SUSPEND = "worker.suspend"
    SCHEDULE_EDIT = "schedule.edit"
    PII_REVEAL = "pii.reveal"
    VETTING_REVIEW = "vetting.review"
    VETTING_DECIDE = "vetting.decide"
    VETTING_OVERRIDE = "vetting.override"
    BLACKLIST_MANAGE = "blacklist.manage"
    TRAINING_MANAGE = "training.manage"
    QUALITY_HANDLE = "quality.handle"
    FINANCE_VIEW = "finance.view"
    PAYMENT_RECORD = "payment.record"
    REFUND_CREATE = "refund.create"
    WITHDRAWAL_APPROVE = "withdrawal.approve"
    PAYROLL_PREPARE = "payroll.prepare"
    PAYROLL_SIGN = "payroll.sign"
    INVOICE_ISSUE = "invoice.issue"
    COUPON_MANAGE = "coupon.manage"
    FINANCE_SETTINGS = "finance.settings"
    ANALYTICS_VIEW = "analytics.view"
    MARKETING_MANAGE = "marketing.manage"
    JOBS_MANAGE = "jobs.manage"
    BACKUP_RUN = "backup.run"


_DISPATCH = {
    Perm.SCHEDULE_EDIT,
    Perm.CUSTOMER_VIEW,
    Perm.CUSTOMER_EDIT,
    Perm.ORDER_VIEW,
    Perm.ORDER_CREATE,
    Perm.ORDER_ASSIGN,
    Perm.ORDER_CANCEL,
    Perm.DISPATCH_OPTIMISE,
    Perm.WORKER_VIEW,
    Perm.QUALITY_HANDLE,
    Perm.BRANCH_VIEW,
}
_VETTING = {
    Perm.SCHEDULE_EDIT,
    Perm.WORKER_VIEW,
    Perm.WORKER_EDIT,
    Perm.WORKER_SUSPEND,
    Perm.PII_REVEAL,
    Perm.VETTING_REVIEW,
    Perm.VETTING_DECIDE,
    Perm.BLACKLIST_MANAGE,
    Perm.TRAINING_MANAGE,
    Perm.QUALITY_HANDLE,
    Perm.BRANCH_VIEW,
}
_FINANCE = {
    Perm.ORDER_VIEW,
    Perm.CUSTOMER_VIEW,
    Perm.WORKER_VIEW,
    Perm.PII_REVEAL,
    Perm.FINANCE_VIEW,
    Perm.PAYMENT_RECORD,
    Perm.REFUND_CREATE,
    Perm.WITHDRAWAL_APPROVE,
    Perm.PAYROLL_PREPARE,
    Perm.INVOICE_ISSUE,
    Perm.COUPON_MANAGE,
    Perm.ANALYTICS_VIEW,
    Perm.BRANCH_VIEW,
}
_MANAGER = (
    _DISPATCH
    | _VETTING
    | (_FINANCE - {Perm.WITHDRAWAL_APPROVE})
    | {
        Perm.STAFF_VIEW,
        Perm.STAFF_CREATE,
        Perm.STAFF_UPDATE,
        Perm.STAFF_DEACTIVATE,
        Perm.STAFF_RESET_PASSWORD,
        Perm.AUDIT_VIEW,
        Perm.CATALOG_MANAGE,
        Perm.CUSTOMER_FREEZE,
        Perm.PAYROLL_SIGN,
        Perm.MARKETING_MANAGE,
        Perm.ANALYTICS_VIEW,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.HQ_ADMIN: frozenset(Perm),
    Role.BRANCH_MANAGER: frozenset(_MANAGER),
    Role.DISPATCHER: frozenset(_DISPATCH),
    Role.VETTING_OFFICER: frozenset(_VETTING),
    Role.FINANCE: frozenset(_FINANCE),
}

# which roles a role may create, edit, deactivate or reset
MANAGEABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.HQ_ADMIN: frozenset(Role),
    Role.BRANCH_MANAGER: frozenset({Role.DISPATCHER, Role.VETTING_OFFICER, Role.FINANCE}),
    Role.DISPATCHER: frozenset(),
    Role.VETTING_OFFICER: frozenset(),
    Role.FINANCE: frozenset(),
}


def role_of(actor: Actor) -> Role | None:
    try:
        return Role(actor.role) if actor.role else None
    except ValueError:
        return None


def allowed(actor: Actor, perm: Perm) -> bool:
    """Whether the actor's role carries the permission (the system actor may do anything)."""
    if actor.kind == "system":
        return True
    role = role_of(actor)
    return actor.is_staff and role is not None and perm in ROLE_PERMISSIONS[role]


def permissions_of(actor: Actor) -> frozenset[Perm]:
    """Every permission the actor has (the desk uses it to show only usable actions)."""
    return frozenset(p for p in Perm if allowed(actor, p))


def require(actor: Actor, perm: Perm, *, branch_id: int | None = None) -> None:
    """Refuse unless the actor may take this action (on this branch's data)."""
    if not allowed(actor, perm):
        raise PermissionDenied(action=Msg(f"perm.{perm.value}"))
    if branch_id is not None:
        require_branch(actor, branch_id)


def require_branch(actor: Actor, branch_id: int | None) -> None:
    """Refuse data of another branch to anyone but HQ."""
    if actor.is_hq or branch_id is None:
        return
    if actor.branch_id != branch_id:
        raise PermissionDenied("error.other_branch", branch=actor.branch_id)


def scope_branch_id(actor: Actor) -> int | None:
    """The branch an actor's lists are limited to; None for HQ (every branch)."""
    return None if actor.is_hq else actor.branch_id


def can_manage_role(actor: Actor, role: str) -> bool:
    own = role_of(actor)
    if actor.kind == "system":
        return True
    try:
        target = Role(role)
    except ValueError:
        return False
    return own is not None and target in MANAGEABLE_ROLES[own]
