"""Deciding a quality case: no fault, coaching, a coupon or a refund for the customer, a
deduction from the worker's pay, suspension or the blacklist.

A decision never moves money itself: a refund is a ``Refund`` in ``requested`` state for
finance to approve, a deduction a ``PayAdjustment`` the next payroll picks up, a coupon is
issued to the customer. Suspension goes through the worker record's own
``suspend_worker`` and the blacklist through ``blacklist.add_entry``, so each leaves the
same trail as when it is done from those pages.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import (
    Coupon,
    CouponTemplate,
    Order,
    PayAdjustment,
    Payment,
    Refund,
    Worker,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import blacklist, pii, worker_records
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.quality_cases import (
    MAX_NOTE,
    MAX_REASON,
    CaseDetail,
    _load,
    _note,
    _require_open,
    _step,
    get_case,
    get_refundable_fen,
)

DECISIONS = (
    "no_fault",
    "coaching",
    "compensation_coupon",
    "compensation_refund",
    "deduction",
    "suspension",
    "blacklist",
)
BLACKLIST_REASONS = ("fraud", "serious_complaint", "work_quality", "contract_breach")
# a coupon of compensation, a deduction: generous caps that catch a typed extra zero
MAX_COUPON_FEN = 100_000
MAX_DEDUCTION_FEN = 500_000
COUPON_VALID_DAYS = 90
COMPENSATION_TEMPLATE = "质量补偿券"


def _compensation_name(amount_fen: int) -> str:
    """One template per amount, named so the coupons list tells them apart."""
    yuan = f"{amount_fen // 100}" if amount_fen % 100 == 0 else f"{amount_fen / 100:.2f}"
    return f"{COMPENSATION_TEMPLATE} {yuan} 元"


@dataclass(frozen=True)
class Decision:
    """What a decision needs: the amount of money, a template, the blacklist's reason."""

    kind: str
    note: str = ""
    amount_fen: int | None = None
    template_id: int | None = None
    reason_type: str | None = None


def _amount(value: int | None, *, most: int, field: str = "amount_fen") -> int:
    if value is None or isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValidationError("quality.amount_positive", field=field)
    if value > most:
        raise ValidationError("quality.amount_too_high", field=field, max=f"{most / 100:.2f}")
    return value


def _issue_coupon(
    session: Session, case: Any, decision: Decision, now: datetime
) -> tuple[int, int]:
    """A coupon for the customer: from a template, or a fixed amount; (coupon id, fen)."""
    if case.customer_id is None:
        raise Conflict("quality.no_customer")
    conn = session.connection()
    templates = table_of(CouponTemplate)
    if decision.template_id is not None:
        template = session.execute(
            select(templates).where(templates.c.id == decision.template_id)
        ).first()
        if template is None or not template.is_active:
            raise ValidationError("quality.bad_template", field="template_id")
        template_id, value = int(template.id), int(template.amount_fen)
        days = template.valid_days or COUPON_VALID_DAYS
    else:
        value = _amount(decision.amount_fen, most=MAX_COUPON_FEN)
        found = session.scalar(
            select(templates.c.id).where(
                templates.c.name == _compensation_name(value),
                templates.c.kind == "fixed",
                templates.c.amount_fen == value,
                templates.c.is_active.is_(True),
            )
        )
        days = COUPON_VALID_DAYS
        template_id = (
            int(found)
            if found is not None
            else inserted_id(
                conn.execute(
                    insert(templates),
                    {
                        "name": _compensation_name(value),
                        "kind": "fixed",
                        "amount_fen": value,
                        "percent_bp": 0,
                        "threshold_fen": 0,
                        "new_customer_only": False,
                        "valid_days": COUPON_VALID_DAYS,
                        "is_active": True,
                        "created_at": now,
                    },
                )
            )
        )
    coupon_id = inserted_id(
        conn.execute(
            insert(table_of(Coupon)),
            {
                "template_id": template_id,
                "customer_id": case.customer_id,
                "code": f"QC{secrets.token_hex(8).upper()}",
                "state": "issued",
                "issued_at": now,
                "expires_at": now + timedelta(days=days),
            },
        )
    )
    return coupon_id, value


def _request_refund(
    session: Session, actor: Actor, case: Any, decision: Decision, reason: str, now: datetime
) -> tuple[int, int]:
    """A refund for finance to approve, never more than what is paid and not refunded."""
    if case.order_id is None:
        raise Conflict("quality.no_order")
    session.execute(select(Order.id).where(Order.id == case.order_id).with_for_update())
    most = get_refundable_fen(session, case.order_id)
    if most <= 0:
        raise ValidationError("quality.nothing_to_refund", field="amount_fen")
    value = _amount(decision.amount_fen, most=most)
    payment_id = session.scalar(
        select(Payment.id)
        .where(Payment.order_id == case.order_id, Payment.state == "confirmed")
        .order_by(Payment.amount_fen.desc(), Payment.id)
        .limit(1)
    )
    refund_id = inserted_id(
        session.connection().execute(
            insert(table_of(Refund)),
            {
                "payment_id": payment_id,
                "order_id": case.order_id,
                "amount_fen": value,
                "reason": reason[:MAX_REASON],
                "state": "requested",
                "gateway_ref": None,
                "created_by": actor.id if actor.is_staff else None,
                "created_at": now,
                "done_at": None,
            },
        )
    )
    return refund_id, value


def _worker_for_update(session: Session, case: Any) -> Worker:
    if case.worker_id is None:
        raise Conflict("quality.no_worker")
    worker = session.get(Worker, case.worker_id, with_for_update=True)
    if worker is None:
        raise NotFound("worker", case.worker_id)
    return worker


def _suspend(session: Session, actor: Actor, worker: Worker, reason: str) -> str:
    """The worker stops getting work (through the worker record's own suspension, so the
    app shows them offline too); returns the status before."""
    before = worker.status
    if before == "active":
        worker_records.suspend_worker(session, actor=actor, worker_id=worker.id, reason=reason)
    elif before != "suspended":
        raise Conflict("quality.worker_not_active")
    return before


def _blacklist_worker(
    session: Session, actor: Actor, worker: Worker, reason_type: str, evidence: str
) -> int:
    """The franchise's blacklist entry for the worker, through the blacklist's own service."""
    id_number = pii.decrypt(worker.id_number_enc) if worker.id_number_enc else ""
    entry = blacklist.add_entry(
        session,
        actor=actor,
        name=worker.name,
        reason_type=reason_type,
        evidence=evidence,
        id_number=id_number,
        phone=worker.phone,
    )
    return entry.id


def decide_case(session: Session, *, actor: Actor, case_id: int, decision: Decision) -> CaseDetail:
    """Decide the case: no fault, coaching, a coupon or a refund for the customer, a
    deduction from the worker's pay, suspension or the blacklist."""
    require(actor, Perm.QUALITY_HANDLE)
    case = _load(session, actor, case_id, lock=True)
    require(actor, Perm.QUALITY_HANDLE, branch_id=int(case.branch_id))
    _require_open(case)
    kind = decision.kind
    if kind not in DECISIONS:
        raise ValidationError("quality.bad_decision", field="decision")
    needs_note = kind in ("coaching", "deduction", "suspension", "blacklist")
    note = _note(decision.note, required=needs_note, max_len=MAX_REASON if needs_note else MAX_NOTE)
    now = clock.now()
    amount = 0
    made: dict[str, Any] = {}
    if kind == "compensation_coupon":
        require(actor, Perm.COUPON_MANAGE)
        made["coupon_id"], amount = _issue_coupon(session, case, decision, now)
    elif kind == "compensation_refund":
        require(actor, Perm.REFUND_CREATE)
        reason = note or f"质量补偿（质量单 {case.id}）"
        made["refund_id"], amount = _request_refund(session, actor, case, decision, reason, now)
    elif kind == "deduction":
        require(actor, Perm.PAYROLL_PREPARE)
        worker = _worker_for_update(session, case)
        amount = _amount(decision.amount_fen, most=MAX_DEDUCTION_FEN)
        made["pay_adjustment_id"] = inserted_id(
            session.connection().execute(
                insert(table_of(PayAdjustment)),
                {
                    "worker_id": worker.id,
                    "kind": "deduction",
                    "amount_fen": amount,
                    "reason": note,
                    "order_id": case.order_id,
                    "payroll_run_id": None,
                    "created_by": actor.id if actor.is_staff else None,
                    "created_at": now,
                },
            )
        )
    elif kind == "suspension":
        require(actor, Perm.WORKER_SUSPEND, branch_id=int(case.branch_id))
        worker = _worker_for_update(session, case)
        made["worker_status_before"] = _suspend(session, actor, worker, note)
    elif kind == "blacklist":
        require(actor, Perm.BLACKLIST_MANAGE)
        require(actor, Perm.WORKER_SUSPEND, branch_id=int(case.branch_id))
        if decision.reason_type not in BLACKLIST_REASONS:
            raise ValidationError("quality.bad_blacklist_reason", field="reason_type")
        worker = _worker_for_update(session, case)
        evidence = f"{note}（质量单 {case.id}）"
        made["blacklist_entry_id"] = _blacklist_worker(
            session, actor, worker, decision.reason_type, evidence
        )
        made["reason_type"] = decision.reason_type
        if worker.status in ("active", "suspended"):
            made["worker_status_before"] = _suspend(session, actor, worker, note)
    _step(
        session,
        actor,
        case,
        "decide",
        "decided",
        f"{kind}: {note}".strip(": "),
        {
            "decision": kind,
            "decision_note": note,
            "amount_fen": amount,
            "decided_by": actor.id if actor.is_staff else None,
            "decided_at": now,
            "owner_id": case.owner_id if case.owner_id is not None else actor.id,
        },
        {"decision": kind, "amount_fen": amount, **made},
    )
    return get_case(session, actor=actor, case_id=case_id)
