"""Factories for finance tests: an order with a worker, paid through the payment flow,
finished by its worker or cancelled at the desk, and the money sums that must hold."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, Payment, Refund, Worker
from jiazheng_desk.services import ledger, order_flow, orders, payments
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.sync.gateways.payment_sandbox import SandboxPaymentGateway
from tests.booking_factories import World, local, make_order, make_worker, make_world
from tests.factories import actor, make_staff
from tests.worker_factories import worker_actor

DAY = date(2026, 11, 23)
GATEWAY = SandboxPaymentGateway("test-secret")
_keys = itertools.count(1)


@dataclass
class FinWorld:
    world: World
    worker: Worker
    hq: Actor
    finance: Actor
    dispatcher: Actor


def make_fin_world(db: Session) -> FinWorld:
    world = make_world(db)
    worker = make_worker(db, world)
    return FinWorld(
        world,
        worker,
        actor(make_staff(db, role="hq_admin")),
        actor(make_staff(db, role="finance", branch=world.branch)),
        actor(make_staff(db, role="dispatcher", branch=world.branch)),
    )


def customer_actor(order: Order) -> Actor:
    return Actor(kind="customer", id=order.customer_id, name="客户", source="api")


def new_order(
    db: Session,
    fw: FinWorld,
    *,
    hour: int = 10,
    total: int = 20_000,
    travel: int = 0,
    discount: int = 0,
    day: date = DAY,
    worker: Worker | None = None,
) -> Order:
    """An accepted order of two hours (worker assigned), priced as given."""
    order = make_order(db, fw.world, local(day, hour), 120, worker=worker or fw.worker)
    order.total_fen = total
    order.travel_fee_fen = travel
    order.discount_fen = discount
    order.base_fen = total + discount - travel
    db.flush()
    return order


def pay(db: Session, order: Order, amount: int | None = None) -> int:
    """The customer pays what is due through the gateway; the payment's id."""
    start = payments.start_payment(
        db,
        actor=customer_actor(order),
        order_id=order.id,
        method="wechat",
        idempotency_key=f"k{next(_keys)}",
        gateway=GATEWAY,
    )
    payments.confirm_payment(
        db,
        gateway_ref=start.intent.gateway_ref,
        amount_fen=amount if amount is not None else start.payment.amount_fen,
        status="paid",
    )
    return start.payment.id


def finish(db: Session, order: Order, *, at: datetime | None = None) -> None:
    """The worker finishes the service (in service first) at ``at``, by default at the
    booked end (the clock stays there)."""
    db.refresh(order)
    clock.freeze(at or order.ends_at)
    order.state = "in_service"
    db.flush()
    worker = db.get(Worker, order.worker_id)
    assert worker is not None
    order_flow.finish(db, order_id=order.id, actor=worker_actor(worker))
    db.refresh(order)


def cancel(db: Session, fw: FinWorld, order: Order) -> None:
    orders.cancel_order(db, order_id=order.id, actor=fw.dispatcher, reason="客户改期")
    db.refresh(order)


def paid_total(db: Session) -> int:
    return int(
        db.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.state == "confirmed"
            )
        )
        or 0
    )


def refunded_total(db: Session) -> int:
    return int(
        db.scalar(
            select(func.coalesce(func.sum(Refund.amount_fen), 0)).where(Refund.state == "done")
        )
        or 0
    )


def held(db: Session, kinds: tuple[str, ...]) -> int:
    """What accounts of these kinds hold (owed-to sign for credit accounts)."""
    return sum(
        ledger.held_fen(b.kind, b.sum_fen)
        for b in ledger.list_balances(db, actor=Actor.system())
        if b.kind in kinds
    )


def shares(db: Session) -> int:
    """Worker + travel + platform − coupons + franchisor + branch (owed-to)."""
    owed = held(db, ("worker", "travel", "platform", "franchisor", "branch"))
    return owed - held(db, ("coupons",))
