"""Posting the money of an order: payments, completion, cancellation, refunds.

Every posting goes through one idea, the order's *settlement*. For an order that has
ended (completed, reviewed, cancelled, refunded) the rules give a target: how the money
received for it (paid less refunded, plus a discount the platform funds) is shared
between the worker, the branch's travel fees, the platform's commission, the franchisor
and the branch. ``settle_order`` compares the target with what the ledger already holds
for the order on those accounts and posts the difference, against the customer payments
clearing account. So a completion posts the split; a refund after completion, a payment
that came after the visit, a cancellation fee each post only what changes; and repeating
a settlement posts nothing. The worker's pay, once posted for a completed order, is kept
(a later rule does not change past pay; deductions are pay adjustments).

The split of a completed order (fen, integer arithmetic, remainders to the branch):

- revenue = paid − refunded + the order's discount (coupons are funded by the platform:
  the coupons account pays the discount in)
- worker = the pay rule's pay (``pay_rules.worker_pay_for``, travel included if passed on)
- travel = the travel fee when it is not passed to the worker (the branch's)
- platform = (revenue − travel fee) × commission (per category, a branch's own rate first)
- margin = revenue − worker − travel − platform; franchisor = margin × its share when the
  margin is positive; branch = the rest (negative when the order lost money)

A cancelled order shares what was kept (the cancellation fee, once the rest is refunded)
the same way without worker, travel or discount. The invariant: for every ended order,
worker + travel + platform − coupons + franchisor + branch + refunded == paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import (
    Order,
    PayAdjustment,
    Payment,
    Refund,
    ServiceCategory,
    ServiceItem,
    Worker,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, ledger
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound
from jiazheng_desk.services.ledger import ACCOUNTS, ENTRIES, TXNS, Leg
from jiazheng_desk.services.pay_rules import PayBreakdown, worker_pay_for
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.settings import get_settings

PAYMENTS = table_of(Payment)
REFUNDS = table_of(Refund)
ORDERS = table_of(Order)
# the accounts an order's money is shared out to
SHARE_KINDS = ("worker", "travel", "platform", "coupons", "franchisor", "branch")
SETTLED_STATES = frozenset({"completed", "reviewed", "cancelled", "refunded"})
COMPLETED_STATES = frozenset({"completed", "reviewed"})
# refunds whose money has gone back (a requested one is only a request)
REFUND_DONE = "done"


@dataclass(frozen=True)
class SplitLine:
    # worker | travel | platform | coupons | franchisor | branch
    key: str
    account_code: str
    # what the account gets from this order (coupons: what it pays in, negative)
    amount_fen: int
    # what the ledger holds for the order on that account now
    posted_fen: int
    text: str


@dataclass(frozen=True)
class SplitPreview:
    order_id: int
    order_no: str
    state: str
    # settled (the ledger holds it) | forecast (as if completed and paid in full)
    basis: str
    total_fen: int
    paid_fen: int
    refunded_fen: int
    discount_fen: int
    revenue_fen: int
    commission_bp: int
    franchisor_bp: int
    pay: PayBreakdown | None
    lines: tuple[SplitLine, ...]
    # the target differs from what the ledger holds (an ended order not settled yet)
    pending_fen: int


@dataclass(frozen=True)
class _Target:
    revenue: int
    commission_bp: int
    franchisor_bp: int
    pay: PayBreakdown | None
    # account code -> what it gets (owed-to sign); notes per key
    amounts: dict[str, int]
    keys: dict[str, str]
    notes: dict[str, str]


# --- rates -------------------------------------------------------------------------------


def commission_bp_for(session: Session, *, branch_id: int, category_code: str) -> int:
    """The platform's commission on an order of the branch in the category (basis points):
    the branch's own rate, else the category's, else the default."""
    values = get_settings(
        session,
        ["finance.branch_commission_bp", "finance.commission_by_category", "finance.commission_bp"],
        branch_id=branch_id,
    )
    own = values["finance.branch_commission_bp"]
    if own is not None:
        return int(own)
    by_category = values["finance.commission_by_category"] or {}
    if category_code in by_category:
        return int(by_category[category_code])
    return int(values["finance.commission_bp"])


def _paid_refunded(session: Session, order_id: int) -> tuple[int, int]:
    paid = session.scalar(
        select(func.coalesce(func.sum(PAYMENTS.c.amount_fen), 0)).where(
            PAYMENTS.c.order_id == order_id, PAYMENTS.c.state == "confirmed"
        )
    )
    refunded = session.scalar(
        select(func.coalesce(func.sum(REFUNDS.c.amount_fen), 0)).where(
            REFUNDS.c.order_id == order_id, REFUNDS.c.state == REFUND_DONE
        )
    )
    return int(paid or 0), int(refunded or 0)


def _posted(session: Session, order_id: int) -> dict[str, int]:
    """What the ledger holds for the order on the share accounts (owed-to sign)."""
    rows = session.execute(
        select(ACCOUNTS.c.code, ACCOUNTS.c.kind, func.sum(ENTRIES.c.amount_fen))
        .select_from(ENTRIES)
        .join(TXNS, TXNS.c.id == ENTRIES.c.txn_id)
        .join(ACCOUNTS, ACCOUNTS.c.id == ENTRIES.c.account_id)
        .where(TXNS.c.order_id == order_id, ACCOUNTS.c.kind.in_(SHARE_KINDS))
        .group_by(ACCOUNTS.c.code, ACCOUNTS.c.kind)
    ).all()
    return {code: -int(total or 0) for code, _kind, total in rows}


def _category_code(session: Session, item_id: int) -> str:
    return str(
        session.scalar(
            select(ServiceCategory.code)
            .join(ServiceItem, ServiceItem.category_id == ServiceCategory.id)
            .where(ServiceItem.id == item_id)
        )
        or ""
    )


def _target(session: Session, order: Any, received: int, *, completed: bool) -> _Target:
    """How ``received`` (paid less refunded) is shared, by account code."""
    branch_id = int(order.branch_id)
    bp = commission_bp_for(
        session, branch_id=branch_id, category_code=_category_code(session, order.item_id)
    )
    values = get_settings(
        session, ["finance.franchisor_share_bp", "finance.travel_to_worker"], branch_id=branch_id
    )
    franchisor_bp = int(values["finance.franchisor_share_bp"])
    amounts: dict[str, int] = {}
    keys: dict[str, str] = {}
    notes: dict[str, str] = {}

    def put(key: str, code: str, amount: int, note: str = "") -> None:
        amounts[code] = amounts.get(code, 0) + amount
        keys[code] = key
        notes[code] = note

    pay: PayBreakdown | None = None
    discount = travel = worker = travel_to_branch = 0
    if completed:
        # a refunded order's discount is not funded any more (nothing was bought)
        discount = int(order.discount_fen) if order.state != "refunded" else 0
        travel = int(order.travel_fee_fen)
        if order.worker_id is not None:
            pay = worker_pay_for(session, order)
            worker = pay.total_fen
            posted = _posted(session, int(order.id)).get(
                ledger.account_code("worker", order.worker_id)
            )
            if posted is not None and _was_completed(session, int(order.id)):
                worker = posted
            put("worker", ledger.account_code("worker", order.worker_id), worker)
        if travel and not bool(values["finance.travel_to_worker"]):
            travel_to_branch = travel
            put("travel", ledger.account_code("travel", branch_id), travel)
    revenue = received + discount
    platform = max(0, revenue - travel) * bp // 10_000
    margin = revenue - worker - travel_to_branch - platform
    franchisor = margin * franchisor_bp // 10_000 if margin > 0 else 0
    put("platform", "platform", platform, t("finance.note.commission", pct=f"{bp / 100:g}"))
    if discount:
        put("coupons", "coupons", -discount, t("finance.note.coupon"))
    put(
        "franchisor",
        "franchisor",
        franchisor,
        t("finance.note.franchisor", pct=f"{franchisor_bp / 100:g}"),
    )
    put("branch", ledger.account_code("branch", branch_id), margin - franchisor)
    return _Target(revenue, bp, franchisor_bp, pay, amounts, keys, notes)


def _was_completed(session: Session, order_id: int) -> bool:
    return (
        session.scalar(
            select(TXNS.c.id)
            .where(TXNS.c.order_id == order_id, TXNS.c.kind == "completion")
            .limit(1)
        )
        is not None
    )


def _order(session: Session, order_id: int) -> Any:
    row = session.execute(select(ORDERS).where(ORDERS.c.id == order_id)).first()
    if row is None:
        raise NotFound("order", order_id)
    return row


def _account_id(session: Session, code: str) -> int:
    kind, _, owner = code.partition(":")
    return ledger.ensure_account(session, kind, int(owner) if owner else None)


def settle_order(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    kind: str,
    extra: tuple[tuple[str, int], ...] = (),
    ref: tuple[str, int | None] = ("", None),
    memo: str = "",
) -> int | None:
    """Post what changed in the order's split (see the module doc) together with ``extra``
    legs (account code, amount) in one transaction; its id, None when nothing changed.

    The caller holds the order's lock (``booking.lock_order``)."""
    order = _order(session, order_id)
    legs: dict[str, int] = {}
    for code, amount in extra:
        legs[code] = legs.get(code, 0) + amount
    if order.state in SETTLED_STATES:
        paid, refunded = _paid_refunded(session, order_id)
        target = _target(session, order, paid - refunded, completed=order.completed_at is not None)
        posted = _posted(session, order_id)
        moved = 0
        for code in set(target.amounts) | set(posted):
            delta = target.amounts.get(code, 0) - posted.get(code, 0)
            if delta:
                # a share grows: a credit on its account, out of the clearing account
                legs[code] = legs.get(code, 0) - delta
                moved += delta
        if moved:
            legs["clearing"] = legs.get("clearing", 0) + moved
    entries = [Leg(_account_id(session, code), amount) for code, amount in legs.items() if amount]
    if not entries:
        return None
    return ledger.post(
        session,
        actor=actor,
        kind=kind,
        entries=entries,
        order_id=order_id,
        ref=ref,
        memo=memo,
        branch_id=int(order.branch_id),
    )


# --- the hooks ---------------------------------------------------------------------------


def post_payment(session: Session, *, actor: Actor, payment_id: int) -> int | None:
    """A confirmed payment: the gateway holds the money, cleared for its order (and shared
    out at once if the order has ended). Called by ``payments.confirm_payment``."""
    payment = session.execute(select(PAYMENTS).where(PAYMENTS.c.id == payment_id)).one()
    if payment.state != "confirmed":
        raise Conflict("finance.payment_not_confirmed")
    amount = int(payment.amount_fen)
    return settle_order(
        session,
        actor=actor,
        order_id=int(payment.order_id),
        kind="payment",
        extra=(("gateway", amount), ("clearing", -amount)),
        ref=("payment", int(payment.id)),
        memo=payment.gateway_ref or payment.method,
    )


def on_order_completed(session: Session, *, actor: Actor, order_id: int) -> int | None:
    """The service is done: share out what was paid (the worker's pay, commission…)."""
    return settle_order(session, actor=actor, order_id=order_id, kind="completion")


def on_order_cancelled(session: Session, *, actor: Actor, order_id: int) -> int | None:
    """Cancelled: ask for a refund of what was paid beyond the cancellation fee (finance
    approves it), and share out what is kept like any revenue."""
    order = _order(session, order_id)
    paid, _done = _paid_refunded(session, order_id)
    counted = int(
        session.scalar(
            select(func.coalesce(func.sum(REFUNDS.c.amount_fen), 0)).where(
                REFUNDS.c.order_id == order_id, REFUNDS.c.state.in_(("requested", REFUND_DONE))
            )
        )
        or 0
    )
    excess = paid - counted - int(order.cancel_fee_fen)
    if excess > 0:
        payment_id = session.scalar(
            select(PAYMENTS.c.id)
            .where(PAYMENTS.c.order_id == order_id, PAYMENTS.c.state == "confirmed")
            .order_by(PAYMENTS.c.amount_fen.desc(), PAYMENTS.c.id)
            .limit(1)
        )
        refund_id = inserted_id(
            session.connection().execute(
                insert(REFUNDS),
                {
                    "payment_id": payment_id,
                    "order_id": order_id,
                    "amount_fen": excess,
                    "reason": t("finance.cancel_refund_reason", lang="zh_CN")[:255],
                    "state": "requested",
                    "gateway_ref": None,
                    "created_by": actor.id if actor.is_staff else None,
                    "created_at": clock.now(),
                    "done_at": None,
                },
            )
        )
        audit.record(
            session,
            actor=actor,
            action="refund.request",
            entity="refund",
            entity_id=refund_id,
            after={"order_id": order_id, "amount_fen": excess, "why": "cancelled"},
            branch_id=int(order.branch_id),
        )
    return settle_order(session, actor=actor, order_id=order_id, kind="cancellation")


# --- pay adjustments ---------------------------------------------------------------------


def post_pay_adjustment(session: Session, *, actor: Actor, adjustment_id: int) -> int:
    """Post a bonus (the branch pays the worker) or a deduction (the worker's payable goes
    down, the branch keeps it); each adjustment is posted once (payroll calls this)."""
    adj = session.get(PayAdjustment, adjustment_id)
    if adj is None:
        raise NotFound("pay_adjustment", adjustment_id)
    branch_id = int(
        session.scalars(select(Worker.branch_id).where(Worker.id == adj.worker_id)).one()
    )
    require(actor, Perm.PAYROLL_PREPARE, branch_id=branch_id)
    done = session.scalar(
        select(TXNS.c.id).where(
            TXNS.c.ref_entity == "pay_adjustment",
            TXNS.c.ref_id == adjustment_id,
            TXNS.c.reverses_txn_id.is_(None),
        )
    )
    if done is not None:
        raise Conflict("finance.adjustment_posted", txn=done)
    worker = ledger.ensure_account(session, "worker", adj.worker_id)
    branch = ledger.ensure_account(session, "branch", branch_id)
    sign = 1 if adj.kind == "deduction" else -1
    return ledger.post(
        session,
        actor=actor,
        kind=f"pay_{adj.kind}",
        entries=[Leg(worker, sign * adj.amount_fen), Leg(branch, -sign * adj.amount_fen)],
        ref=("pay_adjustment", adjustment_id),
        memo=adj.reason,
        branch_id=branch_id,
    )


# --- the split, shown ---------------------------------------------------------------------

_KEY_ORDER = {
    k: i for i, k in enumerate(("worker", "travel", "platform", "coupons", "franchisor", "branch"))
}


def preview_split(session: Session, *, actor: Actor, order_id: int) -> SplitPreview:
    """How the order's money is (or, for an open order, would be) shared out."""
    order = _order(session, order_id)
    require(actor, Perm.FINANCE_VIEW, branch_id=int(order.branch_id))
    paid, refunded = _paid_refunded(session, order_id)
    settled = order.state in SETTLED_STATES
    if settled:
        received = paid - refunded
        target = _target(session, order, received, completed=order.completed_at is not None)
    else:
        # as if it were done and paid in full
        received = int(order.total_fen)
        target = _target(session, order, received, completed=True)
    posted = _posted(session, order_id)
    codes = set(target.amounts) | set(posted)
    lines = []
    for code in codes:
        key = target.keys.get(code) or code.partition(":")[0]
        amount = target.amounts.get(code, 0)
        held = posted.get(code, 0)
        if not amount and not held:
            continue
        lines.append(SplitLine(key, code, amount, held, target.notes.get(code, "")))
    lines.sort(key=lambda line: (_KEY_ORDER.get(line.key, 99), line.account_code))
    pending = sum(abs(line.amount_fen - line.posted_fen) for line in lines) if settled else 0
    return SplitPreview(
        order_id=order_id,
        order_no=order.order_no,
        state=order.state,
        basis="settled" if settled else "forecast",
        total_fen=int(order.total_fen),
        paid_fen=paid,
        refunded_fen=refunded,
        discount_fen=int(order.discount_fen),
        revenue_fen=target.revenue,
        commission_bp=target.commission_bp,
        franchisor_bp=target.franchisor_bp,
        pay=target.pay,
        lines=tuple(lines),
        pending_fen=pending,
    )


def mark_order_refunded(session: Session, *, actor: Actor, order: Any, reason: str) -> str:
    """An ended order whose money all went back moves to ``refunded`` (with its event)."""
    from jiazheng_desk.services.order_states import transition

    now = clock.now()
    state = transition(
        session.connection(),
        order_id=int(order.id),
        state=order.state,
        event="refund",
        actor=actor,
        now=now,
        reason=reason,
    )
    session.execute(
        update(ORDERS).where(ORDERS.c.id == order.id).values(state=state, updated_at=now)
    )
    audit.record(
        session,
        actor=actor,
        action="order.refund",
        entity="order",
        entity_id=int(order.id),
        before={"state": order.state},
        after={"state": state},
        branch_id=int(order.branch_id),
    )
    return state
