"""The checks of a vetting case the officer records by hand: each certificate as read off
its photo (type, number, issuer, expiry — an expired one is refused), and the interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import WorkerDocument
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.certificates import CERT_TYPES, counts_on, require_usable
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.vetting_core import (
    detail,
    get_branch_today,
    get_requested_skills,
    record_check,
    require_open_case,
)

INTERVIEW_MODES = ("in_person", "video")


@dataclass(frozen=True)
class CertificateCheck:
    """What the officer read off a certificate, and whether it is accepted."""

    cert_type: str
    number: str
    issuer: str
    expires_on: date | None
    accept: bool
    reason: str = ""


# --- certificates and interview (recorded by the officer) --------------------------------


def run_certificate_check(session: Session, *, actor: Actor, case_id: int) -> str:
    """Whether every certificate the skills asked need is verified and valid."""
    case = require_open_case(session, actor, case_id)
    return _certificate_result(session, actor, case)


def _certificate_result(session: Session, actor: Actor, case: Any) -> str:
    today = get_branch_today(session, case.branch_id)
    docs = session.execute(
        select(WorkerDocument.cert_type, WorkerDocument.status, WorkerDocument.expires_on).where(
            WorkerDocument.worker_id == case.worker_id, WorkerDocument.kind == "certificate"
        )
    ).all()
    needed = sorted(
        {s.required_cert_type for s in get_requested_skills(session, case) if s.required_cert_type}
    )
    missing = [
        cert
        for cert in needed
        if not any(
            d.cert_type == cert and d.status == "verified" and counts_on(d.expires_on, today)
            for d in docs
        )
    ]
    waiting = [d.cert_type for d in docs if d.status == "submitted"]
    if waiting:
        return record_check(
            session,
            actor,
            case,
            "certificate",
            "pending",
            detail("vetting.detail.cert_waiting", certs="、".join(waiting)),
        )
    if missing:
        return record_check(
            session,
            actor,
            case,
            "certificate",
            "failed",
            detail("vetting.detail.cert_missing", certs="、".join(missing)),
        )
    if not needed:
        return record_check(
            session, actor, case, "certificate", "passed", detail("vetting.detail.cert_none_needed")
        )
    return record_check(
        session,
        actor,
        case,
        "certificate",
        "passed",
        detail("vetting.detail.cert_ok", certs="、".join(needed)),
    )


def verify_certificate(
    session: Session, *, actor: Actor, case_id: int, document_id: int, check: CertificateCheck
) -> str:
    """Accept a certificate as read off the photo (type, number, issuer, expiry), or
    refuse it with a reason; the case's certificate check follows."""
    case = require_open_case(session, actor, case_id)
    doc = session.get(WorkerDocument, document_id, with_for_update=True)
    if doc is None or doc.worker_id != case.worker_id or doc.kind != "certificate":
        raise NotFound("worker_document", document_id)
    before = {"status": doc.status, "cert_type": doc.cert_type, "number": doc.number}
    if check.accept:
        if check.cert_type not in CERT_TYPES:
            raise ValidationError("vetting.bad_cert_type", field="cert_type")
        number = clean_text(
            check.number,
            field="number",
            label=Msg("application.field.cert_number"),
            max_len=64,
            required=True,
        )
        issuer = clean_text(
            check.issuer,
            field="issuer",
            label=Msg("application.field.cert_issuer"),
            max_len=128,
            required=True,
        )
        today = get_branch_today(session, case.branch_id)
        doc.expires_on = require_usable(check.cert_type, check.expires_on, today)
        doc.cert_type, doc.number, doc.issuer = check.cert_type, number, issuer
        doc.status = "verified"
        action = "vetting.certificate_verify"
    else:
        reason = clean_text(
            check.reason,
            field="reason",
            label=Msg("vetting.field.reason"),
            max_len=500,
            required=True,
        )
        doc.status = "rejected"
        action = "vetting.certificate_reject"
        before["reason"] = ""
    doc.verified_by = actor.id if actor.is_staff else None
    doc.verified_at = clock.now()
    session.flush()
    after: dict[str, Any] = {
        "document_id": doc.id,
        "status": doc.status,
        "cert_type": doc.cert_type,
        "number": doc.number,
        "issuer": doc.issuer,
        "expires_on": doc.expires_on,
    }
    if not check.accept:
        after["reason"] = reason
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="vetting_case",
        entity_id=case.id,
        before=before,
        after=after,
        branch_id=case.branch_id,
    )
    return _certificate_result(session, actor, case)


def record_interview(
    session: Session, *, actor: Actor, case_id: int, mode: str, notes: str, passed: bool
) -> str:
    """The interview's notes and result (in person or by video)."""
    case = require_open_case(session, actor, case_id)
    if mode not in INTERVIEW_MODES:
        raise ValidationError("vetting.bad_interview_mode", field="mode")
    text = clean_text(
        notes, field="notes", label=Msg("vetting.field.notes"), max_len=4000, required=True
    )
    return record_check(
        session,
        actor,
        case,
        "interview",
        "passed" if passed else "failed",
        detail("vetting.detail.interview", mode=Msg(f"vetting.interview.{mode}"), notes=text),
    )
