"""Certificates a worker holds: the types the franchise knows, and when one still counts.

Dispatch counts a certificate on a day only when it expires *after* that day (fit.py,
availability.py): one without an expiry never counts, and one that expires today is of no
use from today. Whoever verifies or records a certificate on the desk (vetting, the worker
record) is held to the same rule here; the app's form only submits one for verifying.
"""

from __future__ import annotations

from datetime import date

from jiazheng_desk.services.errors import ValidationError

# the certificates the desk offers (a provider may print either name on a 月嫂 card)
CERT_TYPES = (
    "健康证",
    "月嫂证",
    "母婴护理证",
    "育婴师证",
    "养老护理员证",
    "家政服务员证",
    "护工证",
    "电工证",
    "催乳师证",
    "营养配餐员证",
)


def counts_on(expires_on: date | None, day: date) -> bool:
    """Whether dispatch counts a certificate with this expiry on ``day``."""
    return expires_on is not None and expires_on > day


def require_usable(cert_type: str, expires_on: date | None, today: date) -> date:
    """The expiry of a certificate dispatch will count; refuses one it would not."""
    if expires_on is None:
        raise ValidationError("certificate.expiry_required", field="expires_on")
    if not counts_on(expires_on, today):
        raise ValidationError(
            "certificate.expired",
            field="expires_on",
            cert=cert_type or "—",
            day=expires_on.isoformat(),
            today=today.isoformat(),
        )
    return expires_on
