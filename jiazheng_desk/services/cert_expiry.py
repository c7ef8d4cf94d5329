"""Certificates about to expire: the desk's "expiring soon" list and the reminders the
workers get 30 and 7 days before.

Dispatch itself needs nothing from here: ``fit.py`` and ``availability.py`` count a
certificate only while it is verified and before its expiry day, so on that day the
worker drops out of the services the certificate gates. This module tells people early.

A certificate already replaced by a later one of the same type (renewed) is not listed
and not reminded. Reminders are notifications of kind ``cert_expiry_30`` and
``cert_expiry_7`` on the document (``entity = "worker_document"``); the body carries the
expiry day, so a reminder is sent once per stage and expiry — running the job twice a
day sends nothing new, and a certificate corrected to a later expiry is reminded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Branch, Notification, Skill, Worker, WorkerDocument, WorkerSkill
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import like_pattern
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.timeutil import DEFAULT_TZ, get_branch_timezone, local_day

# reminder stages, latest first: days before the expiry day
REMINDER_DAYS = (7, 30)
DEFAULT_WITHIN_DAYS = 30
MAX_WITHIN_DAYS = 366
MAX_LISTED = 1000
KIND_PREFIX = "cert_expiry_"
NOTIFICATIONS = table_of(Notification)


@dataclass(frozen=True)
class ExpiringCertificate:
    document_id: int
    worker_id: int
    worker_name: str
    worker_phone: str
    branch_id: int
    branch_name: str
    cert_type: str
    number: str
    expires_on: date
    # from the branch's today; 0: expires today (already not valid today)
    days_left: int
    # submitted | verified
    status: str
    # the worker's skills this certificate is required for (else every such skill)
    services: tuple[str, ...]


def _candidates(session: Session, first: date, last: date, branch_id: int | None) -> list[Any]:
    """Unreplaced, unrejected certificates of active workers expiring in [first, last]."""
    later = aliased(WorkerDocument)
    renewed = (
        select(later.id)
        .where(
            later.worker_id == WorkerDocument.worker_id,
            later.kind == "certificate",
            later.cert_type == WorkerDocument.cert_type,
            later.status != "rejected",
            later.expires_on > WorkerDocument.expires_on,
        )
        .exists()
    )
    stmt = (
        select(WorkerDocument, Worker.name, Worker.phone, Worker.branch_id, Branch.name)
        .join(Worker, Worker.id == WorkerDocument.worker_id)
        .join(Branch, Branch.id == Worker.branch_id)
        .where(
            Worker.status == "active",
            WorkerDocument.kind == "certificate",
            WorkerDocument.status != "rejected",
            WorkerDocument.expires_on >= first,
            WorkerDocument.expires_on <= last,
            ~renewed,
        )
        .order_by(WorkerDocument.expires_on, Worker.name, WorkerDocument.id)
        .limit(MAX_LISTED)
    )
    if branch_id is not None:
        stmt = stmt.where(Worker.branch_id == branch_id)
    return list(session.execute(stmt).all())


def _services(session: Session, rows: list[Any]) -> dict[tuple[int, str], tuple[str, ...]]:
    """Per (worker, certificate type): the skills it gates, the worker's own first."""
    types = {r[0].cert_type for r in rows}
    if not types:
        return {}
    gating: dict[str, list[tuple[int, str]]] = {}
    for sid, name, cert in session.execute(
        select(Skill.id, Skill.name, Skill.required_cert_type)
        .where(Skill.required_cert_type.in_(types))
        .order_by(Skill.name)
    ).all():
        gating.setdefault(cert, []).append((int(sid), name))
    workers = {int(r[0].worker_id) for r in rows}
    held: dict[int, set[int]] = {}
    for wid, sid in session.execute(
        select(WorkerSkill.worker_id, WorkerSkill.skill_id).where(
            WorkerSkill.worker_id.in_(workers)
        )
    ).all():
        held.setdefault(int(wid), set()).add(int(sid))
    out: dict[tuple[int, str], tuple[str, ...]] = {}
    for r in rows:
        doc = r[0]
        skills = gating.get(doc.cert_type, [])
        own = [name for sid, name in skills if sid in held.get(int(doc.worker_id), set())]
        out[(int(doc.worker_id), doc.cert_type)] = tuple(own or [name for _sid, name in skills])
    return out


def _today_of(session: Session, branch_id: int, today: date | None) -> date:
    return today or local_day(clock.now(), get_branch_timezone(session, branch_id))


def list_expiring_certificates(
    session: Session,
    *,
    actor: Actor,
    within_days: int = DEFAULT_WITHIN_DAYS,
    today: date | None = None,
) -> list[ExpiringCertificate]:
    """Certificates of active workers expiring within ``within_days`` days, soonest first."""
    require(actor, Perm.WORKER_VIEW)
    if not 0 <= within_days <= MAX_WITHIN_DAYS:
        raise ValidationError("cert_expiry.bad_days", field="within_days", max=MAX_WITHIN_DAYS)
    scope = scope_branch_id(actor)
    # one day of slack each side: branches may sit in other time zones than the default
    rough = today or local_day(clock.now(), DEFAULT_TZ)
    rows = _candidates(
        session, rough - timedelta(days=1), rough + timedelta(days=within_days + 1), scope
    )
    services = _services(session, rows)
    out = []
    for doc, name, phone, branch_id, branch_name in rows:
        days_left = (doc.expires_on - _today_of(session, branch_id, today)).days
        if not 0 <= days_left <= within_days:
            continue
        out.append(
            ExpiringCertificate(
                document_id=doc.id,
                worker_id=doc.worker_id,
                worker_name=name,
                worker_phone=phone,
                branch_id=branch_id,
                branch_name=branch_name,
                cert_type=doc.cert_type,
                number=doc.number,
                expires_on=doc.expires_on,
                days_left=days_left,
                status=doc.status,
                services=services.get((doc.worker_id, doc.cert_type), ()),
            )
        )
    return out


def _stage(days_left: int) -> int | None:
    """The reminder due for a certificate this many days before its expiry, if any."""
    if days_left < 0:
        return None
    return next((stage for stage in REMINDER_DAYS if days_left <= stage), None)


def _already_sent(session: Session, doc: Any, kind: str) -> bool:
    return (
        session.scalar(
            select(NOTIFICATIONS.c.id)
            .where(
                NOTIFICATIONS.c.recipient_kind == "worker",
                NOTIFICATIONS.c.recipient_id == doc.worker_id,
                NOTIFICATIONS.c.kind == kind,
                NOTIFICATIONS.c.entity == "worker_document",
                NOTIFICATIONS.c.entity_id == doc.id,
                NOTIFICATIONS.c.body.like(like_pattern(doc.expires_on.isoformat()), escape="\\"),
            )
            .limit(1)
        )
        is not None
    )


def send_expiry_reminders(session: Session, *, actor: Actor, today: date | None = None) -> int:
    """Remind workers 30 and 7 days before a certificate expires, once each; returns how
    many notifications were written (a job: run it daily, twice does no harm)."""
    require(actor, Perm.JOBS_MANAGE)
    rough = today or local_day(clock.now(), DEFAULT_TZ)
    rows = _candidates(
        session, rough - timedelta(days=1), rough + timedelta(days=max(REMINDER_DAYS) + 1), None
    )
    now = clock.now()
    sent = 0
    for doc, _name, _phone, branch_id, _branch_name in rows:
        days_left = (doc.expires_on - _today_of(session, branch_id, today)).days
        stage = _stage(days_left)
        if stage is None:
            continue
        kind = f"{KIND_PREFIX}{stage}"
        # the document's lock makes a second job runner wait, then see this reminder
        session.execute(
            select(WorkerDocument.id).where(WorkerDocument.id == doc.id).with_for_update()
        )
        if _already_sent(session, doc, kind):
            continue
        session.execute(
            insert(NOTIFICATIONS),
            {
                "recipient_kind": "worker",
                "recipient_id": doc.worker_id,
                "kind": kind,
                # stored in the franchise's language; the app shows it as written
                "title": t("cert_expiry.title", lang="zh_CN", cert=doc.cert_type),
                "body": t(
                    "cert_expiry.body",
                    lang="zh_CN",
                    cert=doc.cert_type,
                    number=doc.number,
                    day=doc.expires_on.isoformat(),
                    days=days_left,
                ),
                "entity": "worker_document",
                "entity_id": doc.id,
                "created_at": now,
            },
        )
        sent += 1
    if sent:
        audit.record(
            session,
            actor=actor,
            action="worker.cert_reminders",
            entity="notification",
            after={"sent": sent, "day": rough.isoformat()},
        )
    return sent
