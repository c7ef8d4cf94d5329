"""Customer addresses: the branch's districts only, geocoded, one default, soft removal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, CustomerAddress, District
from jiazheng_desk.services import customers
from jiazheng_desk.services.customer_addresses import (
    add_address,
    remove_address,
    set_default_address,
    update_address,
)
from jiazheng_desk.services.errors import NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.geo import LatLng, SandboxGeocoder, distance_m
from tests.customer_factories import district_of, make_customer
from tests.factories import actor, make_branch, make_staff


def test_a_branch_dispatcher_may_only_use_their_own_districts(db):
    set_language("zh_CN")
    own = make_branch(db)
    other = make_branch(db, name="徐汇分公司")
    dispatcher = actor(make_staff(db, role="dispatcher", branch=own))
    customer = make_customer(db, name="陈一", branch=own)
    foreign = district_of(db, other)
    with pytest.raises(ValidationError) as info:
        add_address(
            db,
            actor=dispatcher,
            customer_id=customer.id,
            district_id=foreign.id,
            address_text="漕溪北路 1 号",
        )
    assert info.value.field == "district_id"
    assert "徐汇分公司" in str(info.value) and foreign.name in str(info.value)
    assert "served by 徐汇分公司" in info.value.message("en")
    # HQ may use any branch's district
    hq = actor(make_staff(db, role="hq_admin"))
    view = add_address(
        db, actor=hq, customer_id=customer.id, district_id=foreign.id, address_text="漕溪北路 1 号"
    )
    assert view.branch_name == "徐汇分公司" and view.is_default


def test_districts_out_of_service_and_bad_contacts_are_refused(db):
    branch = make_branch(db, districts=("闵行区", "松江区"))
    hq = actor(make_staff(db, role="hq_admin"))
    customer = make_customer(db, branch=branch)
    closed = db.scalars(select(District).where(District.branch_id == branch.id)).all()[1]
    closed.is_active = False
    db.flush()
    cases = [
        ({"district_id": closed.id}, "district_id"),
        ({"district_id": 999_999}, "district_id"),
        ({"address_text": "  "}, "address_text"),
        ({"contact_phone": "12345"}, "contact_phone"),
    ]
    for kwargs, field in cases:
        args = {
            "district_id": district_of(db, branch).id,
            "address_text": "莘庄 3 号",
            **kwargs,
        }
        with pytest.raises(ValidationError) as info:
            add_address(db, actor=hq, customer_id=customer.id, **args)
        assert info.value.field == field, kwargs


def test_the_sandbox_geocoder_is_deterministic_and_near_the_centre():
    coder = SandboxGeocoder()
    centre = LatLng(31.23, 121.47)
    a = coder.locate("上海", "黄浦区", "南京东路 100 号", centre)
    assert a == coder.locate("上海", "黄浦区", "南京东路 100 号", centre)
    assert a != coder.locate("上海", "黄浦区", "南京东路 101 号", centre)
    assert 0 < distance_m(centre, a) < 2_900  # 0.018° in each direction at most


def test_one_default_and_soft_removal(db):
    branch = make_branch(db, districts=("长宁区", "普陀区"))
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    customer = make_customer(db, branch=branch)
    district = district_of(db, branch)

    def add(text, **kw):
        return add_address(
            db,
            actor=dispatcher,
            customer_id=customer.id,
            district_id=district.id,
            address_text=text,
            **kw,
        )

    first = add("天山路 1 号")
    second = add("天山路 2 号")
    third = add("天山路 3 号", make_default=True)
    assert first.is_default and not second.is_default and third.is_default
    view = customers.get_customer(db, actor=dispatcher, customer_id=customer.id)
    assert [a.id for a in view.addresses] == [third.id, second.id, first.id]
    assert sum(a.is_default for a in view.addresses) == 1

    assert set_default_address(db, actor=dispatcher, address_id=first.id).is_default
    removed = remove_address(db, actor=dispatcher, address_id=first.id)
    assert not removed.is_default
    view = customers.get_customer(db, actor=dispatcher, customer_id=customer.id)
    # the newest remaining address takes over as the default
    assert [(a.id, a.is_default) for a in view.addresses] == [(third.id, True), (second.id, False)]
    row = db.get(CustomerAddress, first.id)
    assert row.deleted_at is not None and row.address_text == "天山路 1 号"
    with pytest.raises(NotFound):
        remove_address(db, actor=dispatcher, address_id=first.id)


def test_update_locates_again_only_when_the_place_changed(db):
    branch = make_branch(db, districts=("杨浦区", "虹口区"))
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    customer = make_customer(db, branch=branch)
    one, two = db.scalars(select(District).where(District.branch_id == branch.id)).all()
    view = add_address(
        db,
        actor=dispatcher,
        customer_id=customer.id,
        district_id=one.id,
        address_text="国定路 1 号",
    )
    same = update_address(
        db,
        actor=dispatcher,
        address_id=view.id,
        district_id=one.id,
        address_text="国定路 1 号",
        contact_name="李阿姨",
        contact_phone="13600001111",
    )
    # a Float column is a single-precision FLOAT on MySQL, read back to 6 digits (~100 m)
    assert (same.lat, same.lng) == pytest.approx((view.lat, view.lng), abs=1e-3)
    assert same.contact_name == "李阿姨"
    moved = update_address(
        db, actor=dispatcher, address_id=view.id, district_id=two.id, address_text="四平路 9 号"
    )
    assert moved.district_id == two.id
    assert (moved.lat, moved.lng) != pytest.approx((view.lat, view.lng), abs=1e-3)
    assert distance_m(LatLng(two.center_lat, two.center_lng), LatLng(moved.lat, moved.lng)) < 3000
    actions = db.scalars(
        select(AuditLog.action).where(
            AuditLog.entity_id == customer.id, AuditLog.entity == "customer"
        )
    ).all()
    assert actions.count("customer.address_update") == 2


def test_finance_may_not_edit_addresses(db):
    branch = make_branch(db)
    finance = actor(make_staff(db, role="finance", branch=branch))
    customer = make_customer(db, branch=branch)
    with pytest.raises(PermissionDenied):
        add_address(
            db,
            actor=finance,
            customer_id=customer.id,
            district_id=district_of(db, branch).id,
            address_text="x 路 1 号",
        )
