"""Freezing, unfreezing and closing customer accounts; who may book."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import (
    ApiToken,
    AuditLog,
    CustomerTag,
    Order,
    Outbox,
    Payment,
)
from jiazheng_desk.services import customers
from jiazheng_desk.services.customer_profile import add_tag, set_note, update_profile
from jiazheng_desk.services.customer_status import (
    CLOSED_NAME,
    close_customer,
    freeze_customer,
    unfreeze_customer,
)
from jiazheng_desk.services.customers import CustomerNotBookable
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from tests.customer_factories import make_customer, make_order
from tests.factories import actor, make_branch, make_staff


def _token(db, customer_id):
    db.add(
        ApiToken(
            token_hash=f"hash-{customer_id}-{clock.now().timestamp()}",
            subject_kind="customer",
            subject_id=customer_id,
            expires_at=clock.now() + timedelta(days=30),
        )
    )
    db.flush()


def test_freeze_and_unfreeze_need_a_reason_and_stop_bookings(db):
    set_language("zh_CN")
    branch = make_branch(db)
    manager = actor(make_staff(db, role="branch_manager", branch=branch))
    customer = make_customer(db, name="刁难", branch=branch)
    _token(db, customer.id)
    customers.require_bookable(db, customer.id)  # active: no error
    with pytest.raises(ValidationError) as info:
        freeze_customer(db, actor=manager, customer_id=customer.id, reason="  ")
    assert info.value.field == "reason"
    view = freeze_customer(db, actor=manager, customer_id=customer.id, reason="多次爽约")
    assert (view.status, view.status_reason, view.bookable) == ("frozen", "多次爽约", False)
    with pytest.raises(CustomerNotBookable) as refused:
        customers.require_bookable(db, customer.id)
    assert "多次爽约" in str(refused.value) and refused.value.http_status == 403
    # an open app notices at once: its token is revoked
    assert db.scalar(select(ApiToken.revoked_at).where(ApiToken.subject_id == customer.id))
    with pytest.raises(Conflict):
        freeze_customer(db, actor=manager, customer_id=customer.id, reason="again")
    with pytest.raises(ValidationError):
        unfreeze_customer(db, actor=manager, customer_id=customer.id, reason="")
    view = unfreeze_customer(db, actor=manager, customer_id=customer.id, reason="已道歉")
    assert (view.status, view.status_reason) == ("active", "已道歉")
    customers.require_bookable(db, customer.id)
    with pytest.raises(Conflict):
        unfreeze_customer(db, actor=manager, customer_id=customer.id, reason="x")
    actions = db.scalars(
        select(AuditLog.action)
        .where(AuditLog.entity == "customer", AuditLog.entity_id == customer.id)
        .order_by(AuditLog.id)
    ).all()
    assert actions == ["customer.freeze", "customer.unfreeze"]


def test_who_may_freeze_and_close(db):
    branch = make_branch(db)
    customer = make_customer(db, branch=branch)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    manager = actor(make_staff(db, role="branch_manager", branch=branch))
    with pytest.raises(PermissionDenied):
        freeze_customer(db, actor=dispatcher, customer_id=customer.id, reason="x")
    for who in (dispatcher, manager):
        with pytest.raises(PermissionDenied):
            close_customer(db, actor=who, customer_id=customer.id, reason="本人申请")
    with pytest.raises(customers.CustomerNotFound):
        customers.require_bookable(db, 999_999)


def test_close_is_refused_while_orders_are_open(db):
    set_language("zh_CN")
    branch = make_branch(db)
    hq = actor(make_staff(db, role="hq_admin"))
    customer = make_customer(db, branch=branch, address="长寿路 5 号")
    make_order(db, customer, state="completed")
    open_order = make_order(db, customer, state="assigned")
    with pytest.raises(ValidationError):
        close_customer(db, actor=hq, customer_id=customer.id, reason="")
    with pytest.raises(Conflict) as info:
        close_customer(db, actor=hq, customer_id=customer.id, reason="本人申请")
    assert open_order.order_no in str(info.value) and "1" in str(info.value)
    open_order.state = "cancelled"
    db.flush()
    assert (
        close_customer(db, actor=hq, customer_id=customer.id, reason="本人申请").status == "closed"
    )


def test_close_erases_personal_data_and_keeps_orders_and_money(db):
    branch = make_branch(db)
    hq = actor(make_staff(db, role="hq_admin"))
    old_name, old_phone, street = "隐私怡", "13877776666", "淮海中路 999 弄 8 号 1201 室"
    customer = make_customer(db, name=old_name, phone=old_phone, branch=branch, address=street)
    update_profile(
        db,
        actor=hq,
        customer_id=customer.id,
        email="yinsi@example.com",
        emergency_name="隐私父",
        emergency_phone="13900000000",
    )
    set_note(db, actor=hq, customer_id=customer.id, note="密码锁 1234")
    add_tag(db, actor=hq, customer_id=customer.id, tag="VIP")
    orders = [make_order(db, customer, state=s, paid=True) for s in ("completed", "reviewed")]
    _token(db, customer.id)
    db.add(Outbox(channel="sms", recipient=old_phone, template="reminder", payload='{"n": 1}'))
    db.flush()
    payments_before = db.scalar(select(func.count(Payment.id)))

    view = close_customer(db, actor=hq, customer_id=customer.id, reason="本人申请注销")
    assert (view.name, view.phone, view.status) == (CLOSED_NAME, f"closed-{customer.id}", "closed")
    assert view.addresses == () and view.tags == () and view.closed_at is not None
    assert view.order_count == 2  # the orders stay, and with them the spending

    raw = {
        "customer": f"SELECT * FROM customer WHERE id = {customer.id}",
        "customer_address": f"SELECT * FROM customer_address WHERE customer_id = {customer.id}",
        "orders": f"SELECT * FROM orders WHERE customer_id = {customer.id}",
        "outbox": "SELECT * FROM outbox",
    }
    for table, sql in raw.items():
        dump = repr(db.execute(text(sql)).all())
        for secret in (
            old_name,
            old_phone,
            street,
            "yinsi@example.com",
            "隐私父",
            "密码锁",
            "钥匙",
        ):
            assert secret not in dump, (table, secret)
    assert db.scalar(select(func.count(Order.id)).where(Order.customer_id == customer.id)) == 2
    assert db.scalar(select(func.count(Payment.id))) == payments_before
    for order in orders:
        db.refresh(order)
        assert order.total_fen == 15_000 and order.address_text == ""
        assert order.lat == pytest.approx(round(order.lat, 2))
    assert (
        db.scalar(select(func.count(CustomerTag.id)).where(CustomerTag.customer_id == customer.id))
        == 0
    )
    assert db.scalar(select(Outbox.state).where(Outbox.template == "reminder")) == "dead"
    assert db.scalar(select(ApiToken.revoked_at).where(ApiToken.subject_id == customer.id))

    with pytest.raises(CustomerNotBookable):
        customers.require_bookable(db, customer.id)
    with pytest.raises(Conflict):
        set_note(db, actor=hq, customer_id=customer.id, note="x")
    with pytest.raises(Conflict):
        close_customer(db, actor=hq, customer_id=customer.id, reason="again")
    # the number is free: the person may come back as a new customer
    again = customers.create_customer(db, actor=hq, phone=old_phone, name=old_name)
    assert again.id != customer.id
    entry = db.scalars(
        select(AuditLog).where(
            AuditLog.action == "customer.close", AuditLog.entity_id == customer.id
        )
    ).one()
    assert old_phone not in entry.after_json and "本人申请注销" in entry.after_json
