"""Data for the invoice tests: a branch with finance staff, a customer's done and paid orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import CustomerAddress, Order, Payment, Refund
from jiazheng_desk.services import invoices
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.invoice_views import InvoiceRequestRow
from tests.booking_factories import World, local, make_customer, make_order, make_world
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)
# valid unified social credit codes (the check character is right)
COMPANY_TAX_ID = "91350100M000100Y43"
OTHER_TAX_ID = "91110000600037341L"


@dataclass
class Shop:
    world: World
    finance: Actor
    address: CustomerAddress

    @property
    def branch_id(self) -> int:
        return self.world.branch.id

    @property
    def customer(self) -> Actor:
        return Actor(kind="customer", id=self.address.customer_id, name="客户", source="api")


def open_shop(db: Session) -> Shop:
    world = make_world(db)
    finance = make_staff(db, role="finance", branch=world.branch, display_name="李会计")
    _, address = make_customer(db, world)
    return Shop(world, actor(finance), address)


def another_customer(db: Session, shop: Shop) -> Shop:
    """The same branch and finance, another customer."""
    _, address = make_customer(db, shop.world)
    return Shop(shop.world, shop.finance, address)


def paid_order(
    db: Session,
    shop: Shop,
    *,
    paid_fen: int = 10000,
    refund_fen: int = 0,
    state: str = "completed",
    hour: int = 10,
    day: date = DAY,
) -> Order:
    """One of the shop customer's orders (price ¥100), in ``state``, paid and maybe refunded."""
    order = make_order(db, shop.world, local(day, hour), address=shop.address)
    order.state = state
    db.flush()
    if paid_fen:
        payment = Payment(
            order_id=order.id,
            customer_id=order.customer_id,
            method="wechat",
            amount_fen=paid_fen,
            state="confirmed",
            created_at=clock.now() - timedelta(hours=2),
            confirmed_at=clock.now() - timedelta(hours=2),
        )
        db.add(payment)
        db.flush()
        if refund_fen:
            refund(db, order, refund_fen, payment_id=payment.id)
    return order


def refund(db: Session, order: Order, amount_fen: int, *, payment_id: int | None = None) -> None:
    if payment_id is None:
        payment_id = db.query(Payment.id).filter(Payment.order_id == order.id).scalar()
    db.add(
        Refund(
            payment_id=payment_id,
            order_id=order.id,
            amount_fen=amount_fen,
            reason="部分退款",
            state="done",
            created_at=clock.now(),
        )
    )
    db.flush()


def ask(
    db: Session,
    shop: Shop,
    orders: list[Order],
    *,
    title: str = "上海星河科技有限公司",
    tax_id: str | None = COMPANY_TAX_ID,
    email: str = "finance@xinghe.cn",
) -> InvoiceRequestRow:
    """The customer asks for an invoice over these orders (a company unless no tax id)."""
    return invoices.request_invoice(
        db,
        actor=shop.customer,
        buyer_kind="company" if tax_id else "personal",
        title=title,
        tax_id=tax_id,
        email=email,
        order_ids=[o.id for o in orders],
    )


__all__ = ["DAY", "Shop", "ask", "open_shop", "paid_order", "refund"]
