"""Coupons: template rules, each rule of use on a quote, rounding, redeeming once, giving
back, issuing within the limit — and the two races on MariaDB."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import Coupon, CustomerTag, Order
from jiazheng_desk.services import coupon_use, coupons, orders, pricing
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import (
    Conflict,
    DomainError,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.geo import LatLng
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.coupon_factories import give_coupon, make_template, pay
from tests.factories import actor, make_staff

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)


@pytest.fixture
def shop(db):
    clock.freeze(NOW)
    world = make_world(db)
    hq = actor(make_staff(db, role="hq_admin"))
    desk = actor(make_staff(db, role="dispatcher", branch=world.branch))
    customer, address = make_customer(db, world)
    return world, hq, desk, customer, address


def _quote(db, world, address, *, units=2, coupon_id=None, customer_id=None, item=None):
    return pricing.quote(
        db,
        branch_id=world.branch.id,
        item_id=(item or world.item).id,
        units=units,
        district_id=world.district.id,
        location=LatLng(address.lat, address.lng),
        starts_at=local(DAY, 10),
        customer_id=customer_id if customer_id is not None else address.customer_id,
        coupon_id=coupon_id,
    )


def _refusal(db, world, address, coupon_id, **kw) -> str:
    with pytest.raises(ValidationError) as refused:
        _quote(db, world, address, coupon_id=coupon_id, **kw)
    assert refused.value.field == "coupon_id"
    return refused.value.key


# --- templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"kind": "percent", "percent_bp": 0}, "coupons.bad_percent"),
        ({"kind": "percent", "percent_bp": 99}, "coupons.bad_percent"),
        ({"kind": "percent", "percent_bp": 10_001}, "coupons.bad_percent"),
        ({"kind": "fixed", "amount_fen": 0}, "coupons.amount_positive"),
        ({"kind": "fixed", "amount_fen": -5}, "coupons.amount_positive"),
        ({"threshold_fen": -1}, "coupons.threshold_negative"),
        ({"threshold_fen": 1000, "amount_fen": 2000}, "coupons.amount_above_threshold"),
        ({"valid_days": None}, "coupons.validity_needed"),
        ({"valid_days": 0}, "coupons.bad_valid_days"),
        (
            {"valid_from": NOW + timedelta(days=5), "valid_to": NOW + timedelta(days=1)},
            "coupons.bad_window",
        ),
        ({"kind": "half"}, "coupons.bad_kind"),
        ({"name": "  "}, "error.required"),
        ({"total_limit": 0}, "coupons.bad_limit"),
        ({"amount_fen": 2.5}, "coupons.not_integer"),
    ],
)
def test_a_template_refuses_nonsense(db, shop, values, key):
    _world, hq, *_ = shop
    with pytest.raises(ValidationError) as refused:
        make_template(db, hq, **values)
    assert refused.value.key == key
    assert str(refused.value)  # a readable message, not a key


def test_only_hq_makes_templates_and_a_branch_issues_to_its_own(db, shop):
    world, hq, desk, customer, _ = shop
    finance = actor(make_staff(db, role="finance", branch=world.branch))
    with pytest.raises(PermissionDenied):
        make_template(db, finance)
    with pytest.raises(PermissionDenied):
        make_template(db, desk)
    template = make_template(db, hq, name="新客立减 20 元")
    assert template.terms == "立减 20 元"
    issued = coupons.issue_coupons(
        db, actor=finance, template_id=template.id, customer_ids=[customer.id]
    )
    assert issued.count == 1
    other_world = make_world(db)
    stranger, _ = make_customer(db, other_world)
    with pytest.raises(PermissionDenied):
        coupons.issue_coupons(
            db, actor=finance, template_id=template.id, customer_ids=[stranger.id]
        )
    with pytest.raises(PermissionDenied):
        coupons.issue_coupons(db, actor=desk, template_id=template.id, customer_ids=[customer.id])


def test_terms_read_as_a_chinese_customer_expects():
    assert coupons.terms_text("fixed", 3000, 0, 20000) == "满 200 元立减 30 元"
    assert coupons.terms_text("percent", 0, 1000, 0) == "9 折（减 10%）"
    assert coupons.terms_text("percent", 5000, 1500, 0) == "8.5 折（减 15%）（最高减 50 元）"


def test_a_retired_template_issues_nothing_and_its_coupons_still_work(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq)
    coupon_id = give_coupon(db, hq, template.id, customer.id)
    coupons.set_template_active(db, actor=hq, template_id=template.id, active=False)
    with pytest.raises(Conflict) as refused:
        give_coupon(db, hq, template.id, customer.id)
    assert refused.value.key == "coupons.template_inactive"
    assert _quote(db, world, address, coupon_id=coupon_id).discount_fen == 2000


# --- the rules of use on a quote -----------------------------------------------------------


def test_a_fixed_coupon_takes_its_amount_off_with_its_own_line(db, shop):
    world, hq, _desk, customer, address = shop
    coupon_id = give_coupon(db, hq, make_template(db, hq, name="新客立减").id, customer.id)
    plain = _quote(db, world, address)
    priced = _quote(db, world, address, coupon_id=coupon_id)
    assert plain.total_fen == 10_000
    assert (priced.discount_fen, priced.total_fen, priced.coupon_id) == (2000, 8000, coupon_id)
    line = priced.lines[-1]
    assert (line.code, line.amount_fen) == ("coupon", -2000)
    assert "新客立减" in line.label


def test_a_percentage_rounds_up_to_the_fen_in_the_customers_favour(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq, kind="percent", percent_bp=333, amount_fen=0)
    coupon_id = give_coupon(db, hq, template.id, customer.id)
    # 3 h × ¥50 = ¥150; 3.33 % of it is 499.5 fen: the customer gets 500
    priced = _quote(db, world, address, units=3, coupon_id=coupon_id)
    assert (priced.discount_fen, priced.total_fen) == (500, 14_500)


def test_a_percentage_keeps_to_its_cap(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq, kind="percent", percent_bp=5000, amount_fen=1000)
    coupon_id = give_coupon(db, hq, template.id, customer.id)
    assert _quote(db, world, address, coupon_id=coupon_id).discount_fen == 1000


def test_the_total_never_goes_below_zero(db, shop):
    world, hq, _desk, customer, address = shop
    big = give_coupon(db, hq, make_template(db, hq, amount_fen=50_000).id, customer.id)
    everything = make_template(db, hq, kind="percent", percent_bp=10_000, amount_fen=0)
    free = give_coupon(db, hq, everything.id, customer.id)
    for coupon_id in (big, free):
        priced = _quote(db, world, address, coupon_id=coupon_id)
        assert (priced.discount_fen, priced.total_fen) == (10_000, 0)


def test_the_threshold_man_jian(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq, name="满 200 减 30", amount_fen=3000, threshold_fen=20_000)
    coupon_id = give_coupon(db, hq, template.id, customer.id)
    assert _refusal(db, world, address, coupon_id) == "coupons.below_threshold"
    # exactly ¥200 reaches it
    assert _quote(db, world, address, units=4, coupon_id=coupon_id).total_fen == 17_000


def test_a_coupon_for_one_service_or_category(db, shop):
    world, hq, _desk, customer, address = shop
    glass = make_template(db, hq, item_id=world.placement_item.id)
    for_item = give_coupon(db, hq, glass.id, customer.id)
    assert _refusal(db, world, address, for_item) == "coupons.other_service"
    other_world = make_world(db)
    elsewhere = make_template(db, hq, category_id=other_world.item.category_id)
    for_category = give_coupon(db, hq, elsewhere.id, customer.id)
    assert _refusal(db, world, address, for_category) == "coupons.other_service"
    mine = make_template(db, hq, category_id=world.item.category_id)
    assert _quote(db, world, address, coupon_id=give_coupon(db, hq, mine.id, customer.id))


def test_new_customers_only(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq, name="新客立减 20 元", new_customer_only=True)
    coupon_id = give_coupon(db, hq, template.id, customer.id)
    cancelled = make_order(db, world, local(DAY, 9), address=address, state="cancelled")
    assert cancelled.state == "cancelled"
    assert _quote(db, world, address, coupon_id=coupon_id).discount_fen == 2000
    make_order(db, world, local(DAY, 14), address=address, state="completed")
    assert _refusal(db, world, address, coupon_id) == "coupons.new_customers_only"


def test_dates_expired_not_yet_and_someone_elses(db, shop):
    world, hq, _desk, customer, address = shop
    coupon_id = give_coupon(db, hq, make_template(db, hq, valid_days=7).id, customer.id)
    later = make_template(
        db, hq, valid_days=None, valid_from=NOW + timedelta(days=2), valid_to=NOW + timedelta(10)
    )
    not_yet = give_coupon(db, hq, later.id, customer.id)
    assert _refusal(db, world, address, not_yet) == "coupons.not_yet"
    other, _ = make_customer(db, world)
    theirs = give_coupon(db, hq, make_template(db, hq).id, other.id)
    assert _refusal(db, world, address, theirs) == "coupons.unknown"
    clock.advance(timedelta(days=7, seconds=1))
    assert _refusal(db, world, address, coupon_id) == "coupons.is_expired"
    assert coupons.expire_coupons(db) >= 1
    assert db.get(Coupon, coupon_id).state == "expired"


def test_a_coupon_without_a_customer_is_refused(db, shop):
    world, hq, _desk, customer, _address = shop
    coupon_id = give_coupon(db, hq, make_template(db, hq).id, customer.id)
    with pytest.raises(ValidationError) as refused:
        pricing.quote(
            db,
            branch_id=world.branch.id,
            item_id=world.item.id,
            units=2,
            district_id=world.district.id,
            location=None,
            starts_at=local(DAY, 10),
            coupon_id=coupon_id,
        )
    assert refused.value.key == "coupons.customer_needed"


def test_usable_coupons_for_a_quote_best_first(db, shop):
    world, hq, desk, customer, address = shop
    small = give_coupon(db, hq, make_template(db, hq, amount_fen=500).id, customer.id)
    big = give_coupon(db, hq, make_template(db, hq, amount_fen=3000).id, customer.id)
    give_coupon(
        db, hq, make_template(db, hq, amount_fen=3000, threshold_fen=50_000).id, customer.id
    )
    used = give_coupon(db, hq, make_template(db, hq).id, customer.id)
    coupons.void_coupon(db, actor=hq, coupon_id=used, reason="发错了")
    found = coupon_use.list_usable_coupons(
        db, actor=desk, customer_id=customer.id, quote=_quote(db, world, address)
    )
    assert [(u.coupon_id, u.discount_fen) for u in found] == [(big, 3000), (small, 500)]


# --- booking, redeeming, giving back -------------------------------------------------------


def _book(db, who, address, world, worker, hour, coupon_id):
    return orders.book(
        db,
        actor=who,
        customer_id=address.customer_id,
        address_id=address.id,
        item_id=world.item.id,
        units=2,
        starts_at=local(DAY, hour),
        worker_id=worker.id,
        coupon_id=coupon_id,
    )


def test_booking_redeems_the_coupon_once_and_cancelling_unpaid_gives_it_back(db, shop):
    world, hq, desk, customer, address = shop
    worker = make_worker(db, world)
    coupon_id = give_coupon(db, hq, make_template(db, hq).id, customer.id)
    first = _book(db, desk, address, world, worker, 8, coupon_id)
    assert (first.discount_fen, first.total_fen) == (2000, 8000)
    order = db.get(Order, first.id)
    coupon = db.get(Coupon, coupon_id)
    assert order.coupon_id == coupon_id
    assert (coupon.state, coupon.order_id) == ("redeemed", first.id)
    with pytest.raises(ValidationError) as refused:
        _book(db, desk, address, world, worker, 13, coupon_id)
    assert refused.value.key == "coupons.is_redeemed"
    orders.cancel_order(db, order_id=first.id, actor=desk, reason="客户改期")
    db.refresh(coupon)
    assert (coupon.state, coupon.order_id, coupon.redeemed_at) == ("issued", None, None)
    again = _book(db, desk, address, world, worker, 13, coupon_id)
    assert again.discount_fen == 2000


def test_cancelling_a_paid_order_keeps_the_coupon_used(db, shop):
    world, hq, desk, customer, address = shop
    worker = make_worker(db, world)
    coupon_id = give_coupon(db, hq, make_template(db, hq).id, customer.id)
    booked = _book(db, desk, address, world, worker, 8, coupon_id)
    pay(db, db.get(Order, booked.id))
    orders.cancel_order(db, order_id=booked.id, actor=desk, reason="不需要了")
    assert db.get(Coupon, coupon_id).state == "redeemed"


def test_a_coupon_given_back_after_its_date_is_expired(db, shop):
    world, hq, desk, customer, address = shop
    worker = make_worker(db, world)
    coupon_id = give_coupon(db, hq, make_template(db, hq, valid_days=1).id, customer.id)
    booked = _book(db, desk, address, world, worker, 8, coupon_id)
    clock.advance(timedelta(days=2))
    orders.cancel_order(db, order_id=booked.id, actor=desk, reason="不需要了")
    assert db.get(Coupon, coupon_id).state == "expired"


def test_redeeming_twice_is_refused(db, shop):
    _world, hq, desk, customer, _ = shop
    coupon_id = give_coupon(db, hq, make_template(db, hq).id, customer.id)
    kwargs = {"actor": desk, "coupon_id": coupon_id, "customer_id": customer.id}
    coupon_use.redeem_coupon(db, order_id=1, **kwargs)
    with pytest.raises(Conflict) as refused:
        coupon_use.redeem_coupon(db, order_id=2, **kwargs)
    assert refused.value.key == "coupons.just_used"


# --- issuing -------------------------------------------------------------------------------


def test_total_limit_and_issuing_by_tag(db, shop):
    world, hq, _desk, customer, _ = shop
    others = [make_customer(db, world)[0] for _ in range(3)]
    for c in (customer, *others[:2]):
        db.add(CustomerTag(customer_id=c.id, tag="老客户"))
    db.flush()
    template = make_template(db, hq, total_limit=4)
    issued = coupons.issue_to_tag(db, actor=hq, template_id=template.id, tag="老客户")
    assert issued.count == 3
    with pytest.raises(Conflict) as refused:
        coupons.issue_coupons(
            db, actor=hq, template_id=template.id, customer_ids=[c.id for c in others]
        )
    assert refused.value.key == "coupons.limit_reached"
    give_coupon(db, hq, template.id, others[2].id)
    assert coupons.get_template(db, actor=hq, template_id=template.id).issued == 4
    with pytest.raises(ValidationError):
        coupons.issue_to_tag(db, actor=hq, template_id=template.id, tag="没人有")


def test_open_codes_are_claimed_once(db, shop):
    world, hq, _desk, customer, address = shop
    template = make_template(db, hq, valid_days=10)
    made = coupons.generate_codes(db, actor=hq, template_id=template.id, count=3, prefix="jz")
    assert len(set(made.codes)) == 3 and all(c.startswith("JZ") for c in made.codes)
    me = Actor(kind="customer", id=customer.id, name=customer.name, source="api")
    clock.advance(timedelta(days=1))
    claimed = coupons.claim_code(db, actor=me, code=made.codes[0].lower())
    assert claimed.customer_id == customer.id and claimed.status == "usable"
    assert claimed.expires_at == clock.now() + timedelta(days=10)
    with pytest.raises(Conflict) as again:
        coupons.claim_code(db, actor=me, code=made.codes[0])
    assert again.value.key == "coupons.already_yours"
    other, _ = make_customer(db, world)
    them = Actor(kind="customer", id=other.id, name=other.name, source="api")
    with pytest.raises(Conflict) as taken:
        coupons.claim_code(db, actor=them, code=made.codes[0])
    assert taken.value.key == "coupons.code_taken"
    with pytest.raises(ValidationError):
        coupons.claim_code(db, actor=them, code="NOSUCHCODE")
    assert _quote(db, world, address, coupon_id=claimed.id).discount_fen == 2000
    mine = coupons.list_my_coupons(db, actor=me, status="usable")
    assert [c.id for c in mine] == [claimed.id]


def test_void_and_the_redemptions_list(db, shop):
    world, hq, desk, customer, address = shop
    worker = make_worker(db, world)
    template = make_template(db, hq)
    used = give_coupon(db, hq, template.id, customer.id)
    spare = give_coupon(db, hq, template.id, customer.id)
    booked = _book(db, desk, address, world, worker, 8, used)
    with pytest.raises(Conflict):
        coupons.void_coupon(db, actor=hq, coupon_id=used, reason="错发")
    with pytest.raises(ValidationError):
        coupons.void_coupon(db, actor=hq, coupon_id=spare, reason=" ")
    assert coupons.void_coupon(db, actor=hq, coupon_id=spare, reason="错发").status == "void"
    page = coupons.list_template_coupons(db, actor=hq, template_id=template.id, state="redeemed")
    assert page.total == 1
    assert (page.items[0].order_no, page.items[0].customer_name) == (booked.order_no, customer.name)
    assert "****" in page.items[0].customer_phone
    statuses = [
        c.status for c in coupons.list_customer_coupons(db, actor=desk, customer_id=customer.id)
    ]
    assert statuses == ["used", "void"]


# --- races (MariaDB: real row locks between connections) ----------------------------------


def _race(n: int, work) -> list[object]:
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except DomainError as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _setup(mysql_live_db, **template_values):
    with mysql_live_db.session(write=True) as s:
        world = make_world(s)
        hq = actor(make_staff(s, role="hq_admin"))
        customer, _ = make_customer(s, world)
        template = make_template(s, hq, **template_values)
        coupon_id = give_coupon(s, hq, template.id, customer.id)
        return hq, customer.id, template.id, coupon_id


def test_twenty_bookings_race_for_one_coupon_and_exactly_one_wins(mysql_live_db):
    hq, customer_id, _template_id, coupon_id = _setup(mysql_live_db)

    def redeem(i: int) -> str:
        with mysql_live_db.session(write=True) as s:
            coupon_use.redeem_coupon(
                s, actor=hq, coupon_id=coupon_id, customer_id=customer_id, order_id=1000 + i
            )
        return "won"

    results = _race(20, redeem)
    assert results.count("won") == 1
    lost = [r for r in results if r != "won"]
    assert len(lost) == 19 and all(isinstance(r, Conflict) for r in lost)
    with mysql_live_db.session() as s:
        coupon = s.get(Coupon, coupon_id)
        assert coupon.state == "redeemed"
        assert coupon.order_id == 1000 + results.index("won")


def test_the_race_is_lost_without_the_state_condition(mysql_live_db, monkeypatch):
    """The same race with the WHERE state='issued' taken away: several "win", so the test
    above can fail."""
    hq, customer_id, _template_id, coupon_id = _setup(mysql_live_db)
    real_update = coupon_use.update

    class Unguarded:
        def __init__(self, table):
            self.stmt = real_update(table)

        def where(self, *conditions):
            kept = [c for c in conditions if "state" not in str(c)]
            self.stmt = self.stmt.where(*kept)
            return self

        def values(self, **values):
            return self.stmt.values(**values)

    monkeypatch.setattr(coupon_use, "update", Unguarded)

    def redeem(i: int) -> str:
        with mysql_live_db.session(write=True) as s:
            coupon_use.redeem_coupon(
                s, actor=hq, coupon_id=coupon_id, customer_id=customer_id, order_id=2000 + i
            )
        return "won"

    assert _race(20, redeem).count("won") > 1


def test_twenty_desks_issuing_at_once_keep_the_total_limit(mysql_live_db):
    hq, customer_id, template_id, _coupon_id = _setup(mysql_live_db, total_limit=6)

    def issue(_i: int) -> str:
        with mysql_live_db.session(write=True) as s:
            coupons.issue_coupons(s, actor=hq, template_id=template_id, customer_ids=[customer_id])
        return "issued"

    results = _race(20, issue)
    assert results.count("issued") == 5
    assert all(isinstance(r, Conflict) for r in results if r != "issued")
    with mysql_live_db.session() as s:
        count = s.scalar(
            select(func.count()).select_from(Coupon).where(Coupon.template_id == template_id)
        )
    assert count == 6
