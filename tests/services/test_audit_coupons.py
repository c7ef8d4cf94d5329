"""Every mutation of coupons and points writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.models import CustomerTag
from jiazheng_desk.services import coupon_use, coupons, orders, points
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.coupons import TemplateInput
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.coupon_factories import give_coupon, give_points, make_template, pay
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows

DAY = date(2026, 11, 23)

COUPONS_MUTATIONS = [
    "coupons.save_template",
    "coupons.set_template_active",
    "coupons.issue_coupons",
    "coupons.issue_to_tag",
    "coupons.generate_codes",
    "coupons.claim_code",
    "coupons.void_coupon",
    "coupons.expire_coupons",
    "coupon_use.redeem_coupon",
    "coupon_use.redeem_for_order",
    "coupon_use.release_for_order",
    "points.spend_points",
    "points.return_for_order",
    "points.earn_for_order",
]
# take a session and only read (their refusals are the quote's)
COUPONS_READS = {
    "coupon_use.check_coupon",
    "coupon_use.with_discounts",
    "coupon_use.is_first_order",
    "coupon_use.paid_fen",
    "points.apply_points",
}


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    world = make_world(db)
    hq = actor(make_staff(db, role="hq_admin"))
    desk = actor(make_staff(db, role="dispatcher", branch=world.branch))
    customer, address = make_customer(db, world)
    me = Actor(kind="customer", id=customer.id, name=customer.name, source="api")
    template = make_template(db, hq)
    db.add(CustomerTag(customer_id=customer.id, tag="审计"))
    db.flush()
    code = coupons.generate_codes(db, actor=hq, template_id=template.id, count=1).codes[0]
    give_points(db, customer.id, 1000)

    def coupon() -> int:
        return give_coupon(db, hq, template.id, customer.id)

    def expiring() -> int:
        short = make_template(db, hq, valid_days=1)
        give_coupon(db, hq, short.id, customer.id)
        clock.advance(timedelta(days=2))
        return coupons.expire_coupons(db)

    def booked_with_coupon() -> int:
        worker = make_worker(db, world)
        return orders.book(
            db,
            actor=desk,
            customer_id=customer.id,
            address_id=address.id,
            item_id=world.item.id,
            units=2,
            starts_at=local(DAY, 10),
            worker_id=worker.id,
            coupon_id=coupon(),
        ).id

    def spent_order() -> int:
        order = make_order(db, world, local(DAY, 15), address=address)
        points.spend_points(
            db, actor=desk, customer_id=customer.id, points_used=100, order_id=order.id
        )
        return order.id

    def paid_order() -> int:
        order = make_order(db, world, local(DAY, 16), address=address, state="completed")
        pay(db, order, 5000)
        return order.id

    def for_order() -> Any:
        quote = coupon_use.with_discounts(
            db,
            orders.pricing.quote(
                db,
                branch_id=world.branch.id,
                item_id=world.item.id,
                units=2,
                district_id=world.district.id,
                location=None,
                starts_at=local(DAY, 10),
            ),
            customer_id=customer.id,
            coupon_id=coupon(),
            points_used=0,
        )
        order = make_order(db, world, local(DAY, 17), address=address)
        coupon_use.redeem_for_order(
            db, actor=desk, quote=quote, order_id=order.id, customer_id=customer.id
        )

    return {
        "coupons.save_template": (
            lambda: coupons.save_template(
                db,
                actor=hq,
                template_id=None,
                data=TemplateInput(name="审计券", kind="fixed", amount_fen=100, valid_days=3),
            ),
            "coupon_template.create",
        ),
        "coupons.set_template_active": (
            lambda: coupons.set_template_active(
                db, actor=hq, template_id=template.id, active=False
            ),
            "coupon_template.deactivate",
        ),
        "coupons.issue_coupons": (coupon, "coupon.issue"),
        "coupons.issue_to_tag": (
            lambda: coupons.issue_to_tag(db, actor=hq, template_id=template.id, tag="审计"),
            "coupon.issue",
        ),
        "coupons.generate_codes": (
            lambda: coupons.generate_codes(db, actor=hq, template_id=template.id, count=2),
            "coupon.generate",
        ),
        "coupons.claim_code": (lambda: coupons.claim_code(db, actor=me, code=code), "coupon.claim"),
        "coupons.void_coupon": (
            lambda: coupons.void_coupon(db, actor=hq, coupon_id=coupon(), reason="错发"),
            "coupon.void",
        ),
        "coupons.expire_coupons": (expiring, "coupon.expire"),
        "coupon_use.redeem_coupon": (
            lambda: coupon_use.redeem_coupon(
                db, actor=desk, coupon_id=coupon(), customer_id=customer.id, order_id=1
            ),
            "coupon.redeem",
        ),
        "coupon_use.redeem_for_order": (for_order, "coupon.redeem"),
        "coupon_use.release_for_order": (
            lambda: coupon_use.release_for_order(db, actor=desk, order_id=booked_with_coupon()),
            "coupon.release",
        ),
        "points.spend_points": (spent_order, "points.spend"),
        "points.return_for_order": (
            lambda: points.return_for_order(
                db,
                actor=desk,
                order_id=spent_order(),
                customer_id=customer.id,
                branch_id=world.branch.id,
            ),
            "points.return",
        ),
        "points.earn_for_order": (
            lambda: points.earn_for_order(db, actor=desk, order_id=paid_order()),
            "points.earn",
        ),
    }


@pytest.mark.parametrize("name", COUPONS_MUTATIONS)
def test_each_coupon_mutation_writes_an_audit_row(db, name):
    call, action = _cases(db)[name]
    before = audit_rows(db, action)
    call()
    db.flush()
    assert audit_rows(db, action) == before + 1
