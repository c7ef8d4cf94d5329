"""Factories for customers, their addresses and orders (tests of the customers area)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Branch,
    Customer,
    CustomerAddress,
    District,
    Order,
    Payment,
    ServiceCategory,
    ServiceItem,
    Skill,
)
from jiazheng_desk.services.names import name_initials

_seq = itertools.count(1)


def unique_phone() -> str:
    """A mobile number no other test customer has (the 166 prefix, then a counter)."""
    return f"166{next(_seq) % 10**8:08d}"


def district_of(session: Session, branch: Branch) -> District:
    return session.scalars(
        select(District).where(District.branch_id == branch.id).order_by(District.id)
    ).first()  # type: ignore[return-value]


def make_customer(
    session: Session,
    *,
    name: str = "测试客户",
    phone: str | None = None,
    branch: Branch | None = None,
    last_order_at: datetime | None = None,
    created_at: datetime | None = None,
    status: str = "active",
    address: str | None = None,
) -> Customer:
    customer = Customer(
        phone=phone or unique_phone(),
        name=name,
        name_initials=name_initials(name),
        branch_id=branch.id if branch is not None else None,
        last_order_at=last_order_at,
        status=status,
    )
    if created_at is not None:
        customer.created_at = created_at
    session.add(customer)
    session.flush()
    if address is not None and branch is not None:
        district = district_of(session, branch)
        session.add(
            CustomerAddress(
                customer_id=customer.id,
                district_id=district.id,
                address_text=address,
                lat=district.center_lat,
                lng=district.center_lng,
                is_default=True,
            )
        )
        session.flush()
    return customer


def make_item(session: Session) -> ServiceItem:
    n = next(_seq)
    skill = Skill(code=f"sk{n}", name="保洁")
    category = ServiceCategory(code=f"cat{n}", name="日常保洁")
    session.add_all([skill, category])
    session.flush()
    item = ServiceItem(
        category_id=category.id,
        code=f"item{n}",
        name="日常保洁 2 小时",
        unit="visit",
        base_price_fen=12_000,
        skill_id=skill.id,
    )
    session.add(item)
    session.flush()
    return item


def make_order(
    session: Session,
    customer: Customer,
    *,
    state: str = "completed",
    total_fen: int = 15_000,
    item: ServiceItem | None = None,
    starts_at: datetime | None = None,
    paid: bool = False,
) -> Order:
    """An order at the customer's default address (which must exist)."""
    address = session.scalars(
        select(CustomerAddress).where(CustomerAddress.customer_id == customer.id)
    ).first()
    assert address is not None, "make_order needs a customer with an address"
    district = session.get(District, address.district_id)
    assert district is not None
    item = item or make_item(session)
    starts = starts_at or datetime(2026, 10, 1, 1, 0, tzinfo=UTC) + timedelta(days=next(_seq))
    order = Order(
        order_no=f"T{next(_seq):010d}",
        branch_id=district.branch_id,
        customer_id=customer.id,
        address_id=address.id,
        district_id=district.id,
        address_text=address.address_text,
        lat=address.lat,
        lng=address.lng,
        item_id=item.id,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        service_day=starts.date(),
        state=state,
        base_fen=total_fen,
        total_fen=total_fen,
        customer_note="钥匙在门口地垫下",
    )
    session.add(order)
    session.flush()
    if paid:
        session.add(
            Payment(
                order_id=order.id,
                customer_id=customer.id,
                method="wechat",
                amount_fen=total_fen,
                state="confirmed",
            )
        )
        session.flush()
    return order
