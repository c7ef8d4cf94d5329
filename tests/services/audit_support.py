"""What the area audit tests (``test_audit_*.py``) share."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import AuditLog


def audit_rows(db: Session, action: str) -> int:
    """How many audit rows carry this action."""
    stmt = select(func.count()).select_from(AuditLog).where(AuditLog.action == action)
    return db.scalar(stmt) or 0
