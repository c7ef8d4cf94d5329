"""Data for the quality tests: a completed order with its payment, reviewed by its customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, Payment, StaffUser, Worker
from jiazheng_desk.services import reviews
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.reviews import ReviewView
from tests.booking_factories import World, local, make_order, make_worker, make_world
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)


@dataclass
class Shop:
    world: World
    worker: Worker
    manager: StaffUser
    boss: Actor  # the branch manager

    @property
    def branch_id(self) -> int:
        return self.world.branch.id


def open_shop(db: Session) -> Shop:
    world = make_world(db)
    worker = make_worker(db, world)
    manager = make_staff(db, role="branch_manager", branch=world.branch, display_name="王店长")
    return Shop(world, worker, manager, actor(manager))


def customer_of(order: Order, name: str = "客户") -> Actor:
    return Actor(kind="customer", id=order.customer_id, name=name, source="api")


def completed_order(db: Session, shop: Shop, *, paid_fen: int = 10000, hour: int = 10) -> Order:
    """A finished visit of the shop's worker, paid in full (``paid_fen`` 0: unpaid)."""
    order = make_order(db, shop.world, local(DAY, hour), worker=shop.worker)
    order.state = "completed"
    db.flush()
    if paid_fen:
        db.add(
            Payment(
                order_id=order.id,
                customer_id=order.customer_id,
                method="wechat",
                amount_fen=paid_fen,
                state="confirmed",
                created_at=clock.now() - timedelta(hours=1),
                confirmed_at=clock.now() - timedelta(hours=1),
            )
        )
        db.flush()
    return order


def review(
    db: Session,
    shop: Shop,
    *,
    overall: int = 5,
    attitude: int = 5,
    skill: int = 5,
    efficiency: int = 5,
    punctuality: int = 5,
    text: str = "",
    order: Order | None = None,
) -> ReviewView:
    """The customer reviews a completed order through the app's service."""
    order = order or completed_order(db, shop)
    return reviews.create_review(
        db,
        actor=customer_of(order),
        order_id=order.id,
        attitude=attitude,
        skill=skill,
        efficiency=efficiency,
        punctuality=punctuality,
        overall=overall,
        text=text,
    )


__all__ = ["DAY", "Shop", "completed_order", "customer_of", "make_worker", "open_shop", "review"]
