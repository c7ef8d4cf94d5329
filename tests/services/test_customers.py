"""Customers: find as you type, create, profile, tags, notes, orders and spending."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, Customer
from jiazheng_desk.services import customers
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.customer_profile import (
    add_tag,
    remove_tag,
    set_note,
    update_profile,
)
from jiazheng_desk.services.customers import DuplicateCustomer, NewAddress
from jiazheng_desk.services.errors import PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng, distance_m
from jiazheng_desk.services.names import name_initials
from tests.customer_factories import district_of, make_customer, make_order, unique_phone
from tests.factories import actor, make_branch, make_staff

T0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def hq(db):
    return actor(make_staff(db, role="hq_admin", username="cust.hq"))


def _names(hits):
    return [h.name for h in hits]


@pytest.mark.parametrize(
    ("name", "initials"),
    [("张伟", "zw"), ("曾小贤", "zxx"), ("单田芳", "stf"), ("欧阳娜娜", "oynn"), ("Tom Lee", "tl")],
)
def test_name_initials(name, initials):
    assert name_initials(name) == initials


def test_find_by_any_part_of_the_phone_by_name_and_by_initials(db, hq):
    branch = make_branch(db)
    zhang = make_customer(db, name="张伟", phone="13912345678", branch=branch, address="黄浦路1号")
    make_customer(db, name="李娜", phone="13887654321", branch=branch)
    for text in ("1391", "2345", "5678", "139 1234 5678", "+8613912345678"):
        hits = customers.find_customers(db, actor=hq, text=text)
        assert [h.id for h in hits] == [zhang.id], text
    hit = customers.find_customers(db, actor=hq, text="2345")[0]
    assert hit.phone == "13912345678"  # staff see the whole number
    assert hit.masked_phone == "139****5678"
    assert hit.branch_name == branch.name and hit.address_summary.endswith("黄浦路1号")
    assert _names(customers.find_customers(db, actor=hq, text="张伟")) == ["张伟"]
    assert _names(customers.find_customers(db, actor=hq, text="伟")) == ["张伟"]
    assert _names(customers.find_customers(db, actor=hq, text="zw")) == ["张伟"]
    assert _names(customers.find_customers(db, actor=hq, text="ZW")) == ["张伟"]
    assert _names(customers.find_customers(db, actor=hq, text="ln")) == ["李娜"]
    # two digits match almost everyone: no list
    assert customers.find_customers(db, actor=hq, text="13") == []
    assert customers.find_customers(db, actor=hq, text="   ") == []


def test_wildcards_typed_by_the_user_are_literal(db, hq):
    make_customer(db, name="王五")
    assert customers.find_customers(db, actor=hq, text="%") == []
    assert customers.find_customers(db, actor=hq, text="王_") == []


def test_ranked_by_recency_own_branch_first_and_limited(db):
    own, other = make_branch(db), make_branch(db)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=own))
    hq = actor(make_staff(db, role="hq_admin"))
    prefix = "1770000"
    make_customer(
        db, name="周旧", phone=prefix + "0001", branch=own, last_order_at=T0 - timedelta(days=30)
    )
    make_customer(
        db, name="周新", phone=prefix + "0002", branch=own, last_order_at=T0 - timedelta(days=1)
    )
    make_customer(db, name="周无单", phone=prefix + "0003", branch=own, created_at=T0)
    make_customer(
        db, name="周外", phone=prefix + "0004", branch=other, last_order_at=T0 - timedelta(hours=1)
    )
    make_customer(
        db, name="周更早", phone=prefix + "0005", branch=own, created_at=T0 - timedelta(days=9)
    )
    seen = customers.find_customers(db, actor=dispatcher, text=prefix)
    assert _names(seen) == ["周新", "周旧", "周无单", "周更早", "周外"]
    assert _names(customers.find_customers(db, actor=hq, text=prefix)) == [
        "周外",
        "周新",
        "周旧",
        "周无单",
        "周更早",
    ]
    assert _names(customers.find_customers(db, actor=dispatcher, text=prefix, limit=2)) == [
        "周新",
        "周旧",
    ]


def test_closed_customers_are_not_found_unless_asked(db, hq):
    closed = make_customer(db, name="钱关", phone="13600000001", status="closed")
    assert customers.find_customers(db, actor=hq, text="钱关") == []
    hits = customers.find_customers(db, actor=hq, text="钱关", include_closed=True)
    assert [h.id for h in hits] == [closed.id]


def test_create_with_an_address_computes_initials_and_locates_it(db):
    branch = make_branch(db, districts=("静安区", "黄浦区"))
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    district = district_of(db, branch)
    view = customers.create_customer(
        db,
        actor=dispatcher,
        phone="139-0000-1111",
        name=" 张伟 ",
        gender="male",
        branch_id=branch.id,
        address=NewAddress(district.id, "南京西路 1 号 2 栋 301", contact_name="张太太"),
    )
    assert (view.name, view.phone, view.name_initials, view.channel) == (
        "张伟",
        "13900001111",
        "zw",
        "phone",
    )
    assert view.status == "active" and view.branch_name == branch.name
    (address,) = view.addresses
    assert address.is_default and address.contact_name == "张太太"
    assert view.default_address == address
    centre = LatLng(district.center_lat, district.center_lng)
    assert distance_m(centre, LatLng(address.lat, address.lng)) < 3000
    again = customers.create_customer(
        db,
        actor=dispatcher,
        phone=unique_phone(),
        name="李四",
        branch_id=branch.id,
        address=NewAddress(district.id, "南京西路 1 号 2 栋 301"),
    )
    # the sandbox geocoder is deterministic: the same text, the same point
    assert (again.addresses[0].lat, again.addresses[0].lng) == (address.lat, address.lng)
    assert _names(customers.find_customers(db, actor=dispatcher, text="zw")) == ["张伟"]
    row = db.scalars(
        select(AuditLog).where(AuditLog.action == "customer.create", AuditLog.entity_id == view.id)
    ).one()
    assert row.actor_name == dispatcher.name and row.branch_id == branch.id


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"phone": "12345678901"}, "phone"),
        ({"phone": "1391234567"}, "phone"),
        ({"phone": "021-12345678"}, "phone"),
        ({"phone": ""}, "phone"),
        ({"name": "  "}, "name"),
        ({"name": "名" * 65}, "name"),
        ({"gender": "robot"}, "gender"),
        ({"branch_id": 999_999}, "branch_id"),
    ],
)
def test_bad_input_is_refused_with_its_field(db, hq, kwargs, field):
    branch = make_branch(db)
    args = {"phone": unique_phone(), "name": "好名字", "branch_id": branch.id, **kwargs}
    with pytest.raises(ValidationError) as info:
        customers.create_customer(db, actor=hq, **args)
    assert info.value.field == field


def test_a_duplicate_phone_names_the_existing_customer(db, hq):
    set_language("zh_CN")
    existing = make_customer(db, name="王芳", phone="13511112222")
    with pytest.raises(DuplicateCustomer) as info:
        customers.create_customer(db, actor=hq, phone="135 1111 2222", name="别人")
    assert info.value.customer_id == existing.id and info.value.field == "phone"
    assert "王芳" in str(info.value) and str(existing.id) in str(info.value)
    assert "already a customer: 王芳" in info.value.message("en")


def test_a_branch_dispatcher_creates_customers_of_their_own_branch(db):
    own, other = make_branch(db), make_branch(db)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=own))
    view = customers.create_customer(db, actor=dispatcher, phone=unique_phone(), name="本店")
    assert view.branch_id == own.id
    with pytest.raises(PermissionDenied):
        customers.create_customer(
            db, actor=dispatcher, phone=unique_phone(), name="别店", branch_id=other.id
        )


def test_profile_spending_and_order_history(db, hq):
    branch = make_branch(db)
    customer = make_customer(db, name="孙丽", branch=branch, address="长乐路 8 号")
    first = make_order(db, customer, state="completed", total_fen=10_000)
    make_order(db, customer, state="reviewed", total_fen=20_050)
    make_order(db, customer, state="cancelled", total_fen=99_900)
    last = make_order(db, customer, state="assigned", total_fen=5_000)
    view = customers.get_customer(db, actor=hq, customer_id=customer.id)
    assert (view.order_count, view.completed_count, view.spending_fen) == (4, 2, 30_050)
    assert view.first_order_at is not None and view.last_order_at is not None
    page = customers.list_customer_orders(db, actor=hq, customer_id=customer.id, limit=3)
    assert page.total == 4 and len(page.items) == 3
    assert page.items[0].order_no == last.order_no  # the latest service first
    row = page.items[-1]
    assert (row.item_name, row.branch_name, row.worker_name) == ("日常保洁 2 小时", branch.name, "")
    rest = customers.list_customer_orders(db, actor=hq, customer_id=customer.id, offset=3)
    assert [r.order_no for r in rest.items] == [first.order_no]


def test_update_profile_note_and_tags(db):
    branch = make_branch(db)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    customer = make_customer(db, name="赵敏", branch=branch)
    view = update_profile(
        db,
        actor=dispatcher,
        customer_id=customer.id,
        name="赵小敏",
        emergency_name="赵父",
        emergency_phone="13700001111",
        remind_sms=False,
        email="zhao@example.com",
    )
    assert (view.name, view.name_initials, view.emergency_phone) == ("赵小敏", "zxm", "13700001111")
    assert not view.remind_sms and view.remind_push and view.email == "zhao@example.com"
    entry = db.scalars(
        select(AuditLog).where(
            AuditLog.action == "customer.update", AuditLog.entity_id == customer.id
        )
    ).one()
    assert '"赵敏"' in entry.before_json and '"赵小敏"' in entry.after_json
    with pytest.raises(ValidationError) as info:
        update_profile(db, actor=dispatcher, customer_id=customer.id, emergency_phone="123")
    assert info.value.field == "emergency_phone"
    with pytest.raises(ValidationError):
        update_profile(db, actor=dispatcher, customer_id=customer.id, email="not-an-email")

    assert (
        set_note(db, actor=dispatcher, customer_id=customer.id, note=" 家里有猫 ").note
        == "家里有猫"
    )
    assert add_tag(db, actor=dispatcher, customer_id=customer.id, tag="  VIP ") == ("VIP",)
    assert add_tag(db, actor=dispatcher, customer_id=customer.id, tag="VIP") == ("VIP",)
    assert add_tag(db, actor=dispatcher, customer_id=customer.id, tag="怕猫") == ("VIP", "怕猫")
    with pytest.raises(ValidationError) as info:
        add_tag(db, actor=dispatcher, customer_id=customer.id, tag="长" * 33)
    assert info.value.field == "tag"
    with pytest.raises(ValidationError):
        add_tag(db, actor=dispatcher, customer_id=customer.id, tag="   ")
    assert remove_tag(db, actor=dispatcher, customer_id=customer.id, tag="VIP") == ("怕猫",)
    assert remove_tag(db, actor=dispatcher, customer_id=customer.id, tag="VIP") == ("怕猫",)
    assert customers.get_customer(db, actor=dispatcher, customer_id=customer.id).tags == ("怕猫",)


def test_who_may_read_and_edit(db):
    branch = make_branch(db)
    customer = make_customer(db, name="钱多", branch=branch)
    finance = actor(make_staff(db, role="finance", branch=branch))
    vetting = actor(make_staff(db, role="vetting_officer", branch=branch))
    assert customers.get_customer(db, actor=finance, customer_id=customer.id).name == "钱多"
    with pytest.raises(PermissionDenied):
        set_note(db, actor=finance, customer_id=customer.id, note="x")
    with pytest.raises(PermissionDenied):
        customers.find_customers(db, actor=vetting, text="钱多")
    # a customer in the app sees and edits only themself
    me = Actor(kind="customer", id=customer.id, name="钱多", source="api")
    assert customers.get_customer(db, actor=me, customer_id=customer.id).id == customer.id
    update_profile(db, actor=me, customer_id=customer.id, remind_push=False)
    other = make_customer(db, name="别人")
    with pytest.raises(PermissionDenied):
        customers.get_customer(db, actor=me, customer_id=other.id)
    with pytest.raises(PermissionDenied):
        customers.find_customers(db, actor=me, text="钱")


def test_get_customer_by_phone(db, hq):
    customer = make_customer(db, name="冯七", phone="15900001234")
    assert customers.get_customer_by_phone(db, actor=hq, phone="159 0000 1234").id == customer.id
    assert customers.get_customer_by_phone(db, actor=hq, phone="15900009999") is None
    assert db.scalar(select(func.count(Customer.id)).where(Customer.phone == "15900001234")) == 1


def test_a_duplicate_that_races_past_the_check_is_still_named(db, hq, monkeypatch):
    from jiazheng_desk.services import customer_profile

    existing = make_customer(db, name="周赛跑", phone="13599990000")
    real = customer_profile._refuse_taken_phone
    calls: list[int] = []

    def blind_once(session, phone, customer_id):
        # the first check misses the row another desk has just committed
        calls.append(1)
        if len(calls) > 1:
            real(session, phone, customer_id)

    monkeypatch.setattr(customer_profile, "_refuse_taken_phone", blind_once)
    with pytest.raises(DuplicateCustomer) as info:
        customers.create_customer(db, actor=hq, phone="13599990000", name="另一位")
    assert info.value.customer_id == existing.id
    # the caller's transaction is still usable after the refused insert
    assert customers.get_customer(db, actor=hq, customer_id=existing.id).name == "周赛跑"
